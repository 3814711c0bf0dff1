#include "mappers/nn/common.h"

#include <algorithm>
#include <cstddef>

#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers::nn {

bool IsChannelLast(std::string_view layout) { return layout == "NHWC" || layout == "NDHWC"; }

bool IsChannelLastDataLayout(std::string_view layout) {
  return layout != "NCHW" && layout != "NCDHW" && layout != "NCW" && layout != "NCL";
}

std::string LayoutAttr(const graph::Op& op, std::string_view name) {
  return op.Attr<std::string>(name, "NCHW");
}

std::string ToChannelFirst(MapContext& cx, const std::string& x, size_t rank) {
  std::vector<int64_t> perm = {0, static_cast<int64_t>(rank) - 1};
  for (size_t i = 1; i + 1 < rank; ++i) perm.push_back(static_cast<int64_t>(i));
  return cx.Transpose(x, perm);
}

std::string ToChannelLast(MapContext& cx, const std::string& x, size_t rank) {
  std::vector<int64_t> perm = {0};
  for (size_t i = 2; i < rank; ++i) perm.push_back(static_cast<int64_t>(i));
  perm.push_back(1);
  return cx.Transpose(x, perm);
}

std::vector<int64_t> SpatialDims2d(const graph::Var& var, bool channel_last) {
  if (var.shape.size() != 4) return {-1, -1};
  return channel_last ? std::vector<int64_t>{var.shape[1], var.shape[2]}
                      : std::vector<int64_t>{var.shape[2], var.shape[3]};
}

std::vector<int64_t> PairAttr(const graph::Op& op, std::string_view name,
                              std::vector<int64_t> default_value) {
  std::vector<int64_t> values = op.Attr<std::vector<int64_t>>(name, std::move(default_value));
  PD2ONNX_CHECK(values.size() == 2, ErrorKind::kUnsupported,
                "{} has {} values, expected 2 (height, width)", name, values.size());
  return values;
}

std::vector<int64_t> OnnxPads2d(const std::vector<int64_t>& paddings) {
  if (paddings.size() == 2) return {paddings[0], paddings[1], paddings[0], paddings[1]};
  if (paddings.size() == 4) return {paddings[0], paddings[2], paddings[1], paddings[3]};
  Fail(ErrorKind::kUnsupported, "paddings has {} values, expected 2 or 4", paddings.size());
}

AxisPads SamePadding(int64_t in, int64_t kernel, int64_t stride) {
  const int64_t out = (in + stride - 1) / stride;
  const int64_t total = std::max<int64_t>((out - 1) * stride + kernel - in, 0);
  return {total / 2, total - total / 2};
}

bool AllKnown(const std::vector<int64_t>& dims) {
  return std::all_of(dims.begin(), dims.end(), [](int64_t d) { return d >= 0; });
}

Padding2d ResolvePadding2d(const graph::Op& op, const std::vector<int64_t>& in_hw,
                           const std::vector<int64_t>& kernel_hw,
                           const std::vector<int64_t>& strides) {
  const std::string algorithm = op.Attr<std::string>("padding_algorithm", "EXPLICIT");
  Padding2d result;
  if (algorithm == "EXPLICIT") {
    result.pads = OnnxPads2d(op.Attr<std::vector<int64_t>>("paddings", {0, 0}));
  } else if (algorithm == "VALID") {
    result.pads = {0, 0, 0, 0};
  } else if (algorithm == "SAME") {
    result.same = true;
    if (!AllKnown(in_hw) || !AllKnown(kernel_hw)) {
      result.auto_same_upper = true;
    } else {
      const AxisPads h = SamePadding(in_hw[0], kernel_hw[0], strides[0]);
      const AxisPads w = SamePadding(in_hw[1], kernel_hw[1], strides[1]);
      result.pads = {h.begin, w.begin, h.end, w.end};
    }
  } else {
    Fail(ErrorKind::kUnsupported,
         "padding_algorithm \"{}\" is not supported (expected EXPLICIT, SAME or VALID)", algorithm);
  }
  return result;
}

std::vector<int64_t> SpatialDims(const graph::Var& var, bool channel_last, size_t n) {
  if (var.shape.size() != n + 2) return std::vector<int64_t>(n, -1);
  const size_t first = channel_last ? 1 : 2;
  return {var.shape.begin() + static_cast<std::ptrdiff_t>(first),
          var.shape.begin() + static_cast<std::ptrdiff_t>(first + n)};
}

std::vector<int64_t> TupleAttr(const graph::Op& op, std::string_view name, size_t n,
                               std::vector<int64_t> default_value) {
  std::vector<int64_t> values = op.Attr<std::vector<int64_t>>(name, std::move(default_value));
  PD2ONNX_CHECK(values.size() == n, ErrorKind::kUnsupported, "{} has {} values, expected {}", name,
                values.size(), n);
  return values;
}

PaddingNd ResolvePaddingNd(const graph::Op& op, const std::vector<int64_t>& in,
                           const std::vector<int64_t>& kernel,
                           const std::vector<int64_t>& strides) {
  const size_t n = in.size();
  const std::string algorithm = op.Attr<std::string>("padding_algorithm", "EXPLICIT");
  PaddingNd result;
  result.pads.assign(2 * n, 0);
  if (algorithm == "EXPLICIT") {
    const auto paddings = op.Attr<std::vector<int64_t>>("paddings", std::vector<int64_t>(n, 0));
    if (paddings.size() == n) {
      for (size_t i = 0; i < n; ++i) result.pads[i] = result.pads[n + i] = paddings[i];
    } else if (paddings.size() == 2 * n) {
      for (size_t i = 0; i < n; ++i) {
        result.pads[i] = paddings[2 * i];
        result.pads[n + i] = paddings[2 * i + 1];
      }
    } else {
      Fail(ErrorKind::kUnsupported, "paddings has {} values, expected {} or {}", paddings.size(), n,
           2 * n);
    }
  } else if (algorithm == "SAME") {
    result.same = true;
    if (!AllKnown(in) || !AllKnown(kernel)) {
      result.auto_same_upper = true;
    } else {
      for (size_t i = 0; i < n; ++i) {
        const AxisPads p = SamePadding(in[i], kernel[i], strides[i]);
        result.pads[i] = p.begin;
        result.pads[n + i] = p.end;
      }
    }
  } else if (algorithm != "VALID") {
    Fail(ErrorKind::kUnsupported,
         "padding_algorithm \"{}\" is not supported (expected EXPLICIT, SAME or VALID)", algorithm);
  }
  return result;
}

}  // namespace pd2onnx::mappers::nn

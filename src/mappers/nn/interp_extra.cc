// linear_interp_v2 (3-D X), trilinear_interp_v2 (5-D X) and
// bicubic_interp_v2 (4-D X) → Resize-11, following
// phi/kernels/cpu/interpolate_kernel.cc:
//
// * output size: OutSize > a positive `scale` attribute (one entry per
//   spatial axis; Paddle reads it only when it has that many entries) >
//   out_d / out_h / out_w; out = int(in · scale);
// * step: (in - 1)/(out - 1) with align_corners; else 1/scale when a scale
//   is in force (Resize scales), else in/out (Resize sizes);
// * linear / trilinear: src = ratio·d (align_corners, or align_mode 1:
//   "asymmetric"), or max(ratio·(d + 0.5) - 0.5, 0) (align_mode 0:
//   "pytorch_half_pixel", which also reads index 0 for an extent of 1);
// * bicubic: src = ratio·d with align_corners, else ratio·(d + 0.5) - 0.5
//   ("half_pixel"), cubic convolution with A = -0.75 and border indices
//   clamped (Resize cubic with cubic_coeff_a = -0.75, exclude_outside 0);
// * when the output size equals the input size the input is copied.
//
// SizeTensor and Scale inputs are not supported here.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

size_t SpatialRank(const graph::Op& op) {
  if (op.type == "linear_interp_v2") return 1;
  if (op.type == "trilinear_interp_v2") return 3;
  return 2;  // bicubic_interp_v2
}

OpsetNeed MinOpset(const graph::Op& op) {
  return {11, op.type + " (Resize-11 coordinate_transformation_mode)"};
}

// The `scale` attribute when Paddle uses it: n positive entries.
std::optional<std::vector<float>> ScaleAttr(const graph::Op& op, size_t n) {
  const auto scale = op.Attr<std::vector<double>>("scale", {});
  if (scale.size() < n) return std::nullopt;
  std::vector<float> values;
  for (size_t i = 0; i < n; ++i) {
    if (scale[i] <= 0) return std::nullopt;
    values.push_back(static_cast<float>(scale[i]));
  }
  return values;
}

void Emit11(MapContext& cx, const graph::Op& op) {
  const size_t n = SpatialRank(op);
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == n + 2, ErrorKind::kUnsupported, "X has rank {}, expected {}",
                x_var.shape.size(), n + 2);
  PD2ONNX_CHECK(!op.HasInput("SizeTensor"), ErrorKind::kUnsupported,
                "the SizeTensor input is not supported for {}", op.type);
  PD2ONNX_CHECK(!op.HasInput("Scale"), ErrorKind::kUnsupported,
                "the Scale input is not supported for {}", op.type);
  const bool channel_last = nn::IsChannelLastDataLayout(nn::LayoutAttr(op, "data_layout"));
  const bool align_corners = op.Attr<bool>("align_corners", true);
  const bool cubic = op.type == "bicubic_interp_v2";
  const std::vector<int64_t> in = nn::SpatialDims(x_var, channel_last, n);

  std::optional<std::vector<float>> scales;
  std::optional<std::vector<int64_t>> sizes;
  std::string sizes_tensor;
  const auto scale = ScaleAttr(op, n);
  if (auto out_size = IntListFromTensor(cx, op, "OutSize")) {
    PD2ONNX_CHECK(!scale || align_corners, ErrorKind::kUnsupported,
                  "OutSize together with a positive scale attribute steps by 1/scale over an "
                  "OutSize-sized output, which Resize cannot express");
    if (out_size->known()) {
      sizes = out_size->values;
    } else {
      sizes_tensor = out_size->tensor;
    }
  } else if (scale) {
    scales = scale;
  } else {
    const char* names[] = {"out_d", "out_h", "out_w"};
    std::vector<int64_t> out;
    for (size_t i = 3 - n; i < 3; ++i) {
      const int64_t v = op.Attr<int64_t>(names[i], 0);
      PD2ONNX_CHECK(v > 0, ErrorKind::kInvalidInput,
                    "no output size: no OutSize input, no positive scale and {}={}", names[i], v);
      out.push_back(v);
    }
    sizes = out;
  }

  // Paddle copies the input when the output extents equal the input's.
  if (nn::AllKnown(in)) {
    bool same = true;
    for (size_t i = 0; i < n; ++i) {
      const int64_t out = sizes    ? (*sizes)[i]
                          : scales ? static_cast<int64_t>(static_cast<float>(in[i]) * (*scales)[i])
                                   : -1;
      same = same && out == in[i];
    }
    if (same) return cx.Bind(op, "Out", cx.Input(op, "X"));
  }

  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, n + 2);
  std::vector<NodeAttr> attrs;
  if (cubic) {
    attrs = {{"mode", "cubic"},
             {"cubic_coeff_a", -0.75f},
             {"exclude_outside", int64_t{0}},
             {"coordinate_transformation_mode", align_corners ? "align_corners" : "half_pixel"}};
  } else {
    const int64_t align_mode = op.Attr<int64_t>("align_mode", 1);
    const char* mode = align_corners     ? "align_corners"
                       : align_mode == 0 ? "pytorch_half_pixel"
                                         : "asymmetric";
    attrs = {{"mode", "linear"}, {"coordinate_transformation_mode", mode}};
  }
  const std::string roi = cx.ConstF32({}, {0});
  std::string y;
  if (scales) {
    std::vector<float> full = {1.0f, 1.0f};
    full.insert(full.end(), scales->begin(), scales->end());
    y = cx.Node("Resize", {x, roi, cx.ConstF32(full, {static_cast<int64_t>(n + 2)})}, attrs);
  } else {
    const std::string batch_channels = cx.Slice(cx.Shape(x), {0}, {2}, {0});
    const std::string spatial = sizes ? cx.ConstI64(*sizes) : sizes_tensor;
    const std::string full = cx.Node("Concat", {batch_channels, spatial}, {{"axis", 0}});
    y = cx.Node("Resize", {x, roi, cx.ConstF32({}, {0}), full}, attrs);
  }
  if (channel_last) y = nn::ToChannelLast(cx, y, n + 2);
  cx.Bind(op, "Out", y);
}

}  // namespace

void RegisterInterpExtra(Registry& r) {
  for (const char* type : {"bicubic_interp_v2", "linear_interp_v2", "trilinear_interp_v2"}) {
    r.Add(type, MinOpset, {{11, Emit11}});
  }
}

}  // namespace pd2onnx::mappers

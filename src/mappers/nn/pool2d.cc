// pool2d → MaxPool / AveragePool / Global*Pool, or a Slice + Reduce
// decomposition for adaptive pooling whose windows are uneven.
//
// Paddle's CPU kernel ends a window at min(start + k, in + pad_begin) and
// divides a non-exclusive average by that clipped length: it reuses the
// begin padding at the end (phi/kernels/funcs/pooling.cc). ONNX Runtime
// uses the end padding, so when the two differ the average is taken over
// real elements only and rescaled by a constant map.
#include <algorithm>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

struct PoolAttrs {
  bool is_max = true;
  bool global = false;
  bool adaptive = false;
  bool exclusive = true;
  bool ceil_mode = false;
  std::vector<int64_t> ksize;
  std::vector<int64_t> strides;
};

PoolAttrs ReadAttrs(const graph::Op& op) {
  PoolAttrs a;
  const std::string type = op.Attr<std::string>("pooling_type");
  PD2ONNX_CHECK(type == "max" || type == "avg", ErrorKind::kUnsupported,
                "pooling_type \"{}\" is not supported (expected max or avg)", type);
  a.is_max = type == "max";
  a.global = op.Attr<bool>("global_pooling", false);
  a.adaptive = op.Attr<bool>("adaptive", false);
  a.exclusive = op.Attr<bool>("exclusive", true);
  a.ceil_mode = op.Attr<bool>("ceil_mode", false);
  a.ksize = op.Attr<std::vector<int64_t>>("ksize");
  PD2ONNX_CHECK(a.ksize.size() == 2, ErrorKind::kUnsupported,
                "ksize has {} values, expected 2 (height, width)", a.ksize.size());
  a.strides = nn::PairAttr(op, "strides", {1, 1});
  // Adaptive pooling to 1x1 is global pooling.
  if (a.adaptive && a.ksize[0] == 1 && a.ksize[1] == 1) a.global = true;
  return a;
}

OpsetNeed MinOpset(const graph::Op& op) {
  const bool windowed = !op.Attr<bool>("global_pooling", false) && !op.Attr<bool>("adaptive", false);
  if (windowed && op.Attr<bool>("ceil_mode", false)) {
    return {10, "ceil_mode=true (MaxPool-10/AveragePool-10)"};
  }
  return {};
}

// Output extent of a windowed pool along one axis (Paddle's PoolOutputSize).
int64_t PoolExtent(int64_t in, int64_t k, int64_t s, int64_t pad_begin, int64_t pad_end,
                   bool ceil_mode) {
  const int64_t span = in + pad_begin + pad_end - k;
  return (ceil_mode ? span + s - 1 : span) / s + 1;
}

// Per output index along one axis: the number of real elements in the
// window, and Paddle's divisor for a non-exclusive average.
struct AxisCounts {
  std::vector<int64_t> real;
  std::vector<int64_t> paddle;
  std::vector<int64_t> onnx;  // ONNX Runtime's divisor (end bound in + pad_end)
};

AxisCounts CountWindows(int64_t in, int64_t k, int64_t s, int64_t pad_begin, int64_t pad_end,
                        bool ceil_mode) {
  AxisCounts c;
  const int64_t out = PoolExtent(in, k, s, pad_begin, pad_end, ceil_mode);
  for (int64_t p = 0; p < out; ++p) {
    const int64_t start = p * s - pad_begin;
    c.paddle.push_back(std::min(start + k, in + pad_begin) - start);
    c.onnx.push_back(std::min(start + k, in + pad_end) - start);
    c.real.push_back(std::min(start + k, in) - std::max<int64_t>(start, 0));
  }
  return c;
}

// Constant [OH, OW] factors real / paddle turning an exclusive average into
// Paddle's non-exclusive one; empty when ONNX Runtime's own
// count_include_pad=1 divisor already equals Paddle's everywhere.
std::vector<float> NonExclusiveCorrection(const AxisCounts& h, const AxisCounts& w) {
  if (h.paddle == h.onnx && w.paddle == w.onnx) return {};
  std::vector<float> factors;
  for (size_t i = 0; i < h.real.size(); ++i) {
    for (size_t j = 0; j < w.real.size(); ++j) {
      factors.push_back(static_cast<float>(h.real[i] * w.real[j]) /
                        static_cast<float>(h.paddle[i] * w.paddle[j]));
    }
  }
  return factors;
}

std::string GlobalPool(MapContext& cx, const std::string& x, bool is_max) {
  return cx.Node(is_max ? "GlobalMaxPool" : "GlobalAveragePool", {x});
}

// Adaptive pooling: cell i covers [floor(i * in / out), ceil((i + 1) * in / out)).
// Even windows are one pool; otherwise each axis is reduced slice by slice
// (max of maxes, and means of equal-length rows, are exact).
std::string AdaptivePool(MapContext& cx, const std::string& x, const std::vector<int64_t>& in_hw,
                         const std::vector<int64_t>& out_hw, bool is_max,
                         const std::string& input_shape) {
  PD2ONNX_CHECK(nn::AllKnown(in_hw), ErrorKind::kUnsupported,
                "adaptive=true with ksize=[{}, {}] needs known input height and width (input "
                "shape {}); only a 1x1 output works with unknown extents",
                out_hw[0], out_hw[1], input_shape);
  if (in_hw[0] % out_hw[0] == 0 && in_hw[1] % out_hw[1] == 0) {
    const std::vector<int64_t> window = {in_hw[0] / out_hw[0], in_hw[1] / out_hw[1]};
    std::vector<NodeAttr> attrs = {{"kernel_shape", window}, {"strides", window}};
    return cx.Node(is_max ? "MaxPool" : "AveragePool", {x}, attrs);
  }
  std::string y = x;
  for (size_t axis = 0; axis < 2; ++axis) {
    const int64_t in = in_hw[axis];
    const int64_t out = out_hw[axis];
    const int64_t onnx_axis = static_cast<int64_t>(axis) + 2;
    std::vector<std::string> cells;
    for (int64_t i = 0; i < out; ++i) {
      const int64_t start = i * in / out;
      const int64_t end = ((i + 1) * in + out - 1) / out;
      const std::string slice = cx.Slice(y, {start}, {end}, {onnx_axis});
      cells.push_back(cx.Reduce(is_max ? "ReduceMax" : "ReduceMean", slice, {onnx_axis}, true));
    }
    y = cells.size() == 1 ? cells[0] : cx.Node("Concat", cells, {{"axis", onnx_axis}});
  }
  return y;
}

std::string WindowPool(MapContext& cx, const graph::Op& op, const std::string& x,
                       const PoolAttrs& a, const std::vector<int64_t>& in_hw, DataType dtype,
                       const std::string& input_shape) {
  const nn::Padding2d padding = nn::ResolvePadding2d(op, in_hw, a.ksize, a.strides);
  std::vector<NodeAttr> attrs = {{"kernel_shape", a.ksize}, {"strides", a.strides}};
  if (padding.auto_same_upper) {
    attrs.emplace_back("auto_pad", "SAME_UPPER");
  } else {
    attrs.emplace_back("pads", padding.pads);
  }
  if (a.ceil_mode) attrs.emplace_back("ceil_mode", int64_t{1});
  if (a.is_max) return cx.Node("MaxPool", {x}, attrs);
  if (a.exclusive) {
    attrs.emplace_back("count_include_pad", int64_t{0});
    return cx.Node("AveragePool", {x}, attrs);
  }

  // Non-exclusive average: ONNX Runtime's divisor matches Paddle's when the
  // begin and end paddings are equal; otherwise rescale with known extents.
  const std::vector<int64_t>& p = padding.pads;
  const bool symmetric = !padding.auto_same_upper && p[0] == p[2] && p[1] == p[3];
  std::vector<float> factors;
  if (!symmetric) {
    PD2ONNX_CHECK(nn::AllKnown(in_hw), ErrorKind::kUnsupported,
                  "exclusive=false with unequal begin/end padding (padding_algorithm={}, "
                  "paddings={}) needs known input height and width (input shape {})",
                  op.Attr<std::string>("padding_algorithm", "EXPLICIT"),
                  graph::ShapeToString(op.Attr<std::vector<int64_t>>("paddings", {0, 0})),
                  input_shape);
    const AxisCounts h = CountWindows(in_hw[0], a.ksize[0], a.strides[0], p[0], p[2], a.ceil_mode);
    const AxisCounts w = CountWindows(in_hw[1], a.ksize[1], a.strides[1], p[1], p[3], a.ceil_mode);
    factors = NonExclusiveCorrection(h, w);
    if (!factors.empty()) {
      attrs.emplace_back("count_include_pad", int64_t{0});
      const std::string average = cx.Node("AveragePool", {x}, attrs);
      const std::string map = cx.ConstF32(
          factors, {static_cast<int64_t>(h.real.size()), static_cast<int64_t>(w.real.size())});
      const std::string typed_map = dtype == DataType::kFloat32 ? map : cx.Cast(map, dtype);
      return cx.Node("Mul", {average, typed_map});
    }
  }
  attrs.emplace_back("count_include_pad", int64_t{1});
  return cx.Node("AveragePool", {x}, attrs);
}

void EmitPool(MapContext& cx, const graph::Op& op, bool ceil_mode_supported) {
  const PoolAttrs a = ReadAttrs(op);
  const bool channel_last = nn::IsChannelLast(nn::LayoutAttr(op, "data_format"));
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 4, ErrorKind::kUnsupported, "X has rank {}, expected 4",
                x_var.shape.size());
  const bool windowed = !a.global && !a.adaptive;
  PD2ONNX_CHECK(!windowed || !a.ceil_mode || ceil_mode_supported, ErrorKind::kUnsupported,
                "ceil_mode=true needs opset 10 (MaxPool-10/AveragePool-10)");
  const std::vector<int64_t> in_hw = nn::SpatialDims2d(x_var, channel_last);
  const std::string input_shape = graph::ShapeToString(x_var.shape);

  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, 4);
  std::string y;
  if (a.global) {
    y = GlobalPool(cx, x, a.is_max);
  } else if (a.adaptive) {
    y = AdaptivePool(cx, x, in_hw, a.ksize, a.is_max, input_shape);
  } else {
    y = WindowPool(cx, op, x, a, in_hw, x_var.dtype, input_shape);
  }
  if (channel_last) y = nn::ToChannelLast(cx, y, 4);
  cx.Bind(op, "Out", y);
}

void Emit7(MapContext& cx, const graph::Op& op) { EmitPool(cx, op, false); }
// MaxPool-10 / AveragePool-10 add ceil_mode.
void Emit10(MapContext& cx, const graph::Op& op) { EmitPool(cx, op, true); }

}  // namespace

void RegisterPool2d(Registry& r) { r.Add("pool2d", MinOpset, {{7, Emit7}, {10, Emit10}}); }

}  // namespace pd2onnx::mappers

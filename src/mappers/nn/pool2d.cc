// pool2d → MaxPool / AveragePool / Global*Pool, or a Slice + Reduce
// decomposition for adaptive pooling whose windows are uneven.
//
// Paddle's CPU kernel ends a window at min(start + k, in + pad_begin) and
// divides a non-exclusive average by that length: it reuses the begin
// padding at the end (phi/kernels/funcs/pooling.cc). ONNX Runtime uses the
// end padding, so where the two differ the average is taken over real
// elements only and rescaled by a constant map.
#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "mappers/nn/pool_ceil.h"
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
  const bool windowed =
      !op.Attr<bool>("global_pooling", false) && !op.Attr<bool>("adaptive", false);
  if (windowed && op.Attr<bool>("ceil_mode", false)) {
    return {10, "ceil_mode=true (MaxPool-10/AveragePool-10)"};
  }
  return {};
}

// Per output index along one axis (the windows ONNX computes): the number
// of real elements in the window, and Paddle's divisor for a non-exclusive
// average.
struct AxisCounts {
  std::vector<int64_t> real;
  std::vector<int64_t> paddle;
  std::vector<int64_t> onnx;  // ONNX Runtime's divisor (end bound in + pad_end)
};

AxisCounts CountWindows(const nn::PoolAxis& a, bool ceil_mode) {
  AxisCounts c;
  const int64_t out = nn::OnnxPoolExtent(a, ceil_mode);
  for (int64_t p = 0; p < out; ++p) {
    const int64_t start = p * a.s - a.pad_begin;
    c.paddle.push_back(nn::PaddleAverageDivisor(a, p));
    c.onnx.push_back(std::min(start + a.k, a.in + a.pad_end) - start);
    c.real.push_back(std::min(start + a.k, a.in) - std::max<int64_t>(start, 0));
  }
  return c;
}

// The two axes of a windowed pool with known input extents.
std::vector<nn::PoolAxis> PoolAxes(const PoolAttrs& a, const std::vector<int64_t>& in_hw,
                                   const std::vector<int64_t>& pads) {
  std::vector<nn::PoolAxis> axes;
  for (size_t i = 0; i < 2; ++i) {
    axes.push_back({in_hw[i], a.ksize[i], a.strides[i], pads[i], pads[2 + i]});
  }
  return axes;
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

// Bounds [start, end) of adaptive cell i of `out` along an axis whose
// extent is known only at run time (`in`, int64 [1]); Slice-10 inputs. The
// last cell ends at the extent itself, which Slice reaches with INT64_MAX.
std::pair<std::string, std::string> RuntimeCellBounds(MapContext& cx, const std::string& in,
                                                      int64_t i, int64_t out) {
  const std::string count = cx.ConstI64({out});
  auto in_times = [&](int64_t k) { return k == 1 ? in : cx.Node("Mul", {in, cx.ConstI64({k})}); };
  const std::string start = i == 0 ? cx.ConstI64({0}) : cx.Node("Div", {in_times(i), count});
  if (i == out - 1) return {start, cx.ConstI64({std::numeric_limits<int64_t>::max()})};
  const std::string end_numerator = cx.Node("Add", {in_times(i + 1), cx.ConstI64({out - 1})});
  return {start, cx.Node("Div", {end_numerator, count})};
}

// Adaptive pooling: cell i covers [floor(i * in / out), ceil((i + 1) * in / out)).
// Even windows of known extents are one pool; otherwise each axis is
// reduced slice by slice (max of maxes, and means of equal-length rows, are
// exact), with run-time slice bounds for unknown extents from opset 10.
std::string AdaptivePool(MapContext& cx, const std::string& x, const std::vector<int64_t>& in_hw,
                         const std::vector<int64_t>& out_hw, bool is_max,
                         const std::string& input_shape, bool runtime_bounds) {
  PD2ONNX_CHECK(nn::AllKnown(in_hw) || runtime_bounds, ErrorKind::kUnsupported,
                "adaptive=true with ksize=[{}, {}] and unknown input height or width (input "
                "shape {}) needs opset 10 (Slice with run-time bounds)",
                out_hw[0], out_hw[1], input_shape);
  if (nn::AllKnown(in_hw) && in_hw[0] % out_hw[0] == 0 && in_hw[1] % out_hw[1] == 0) {
    const std::vector<int64_t> window = {in_hw[0] / out_hw[0], in_hw[1] / out_hw[1]};
    std::vector<NodeAttr> attrs = {{"kernel_shape", window}, {"strides", window}};
    return cx.Node(is_max ? "MaxPool" : "AveragePool", {x}, attrs);
  }
  const std::string shape = nn::AllKnown(in_hw) ? "" : cx.Shape(x);
  std::string y = x;
  for (size_t axis = 0; axis < 2; ++axis) {
    const int64_t in = in_hw[axis];
    const int64_t out = out_hw[axis];
    const int64_t onnx_axis = static_cast<int64_t>(axis) + 2;
    const std::string in_tensor = in >= 0 ? "" : cx.Slice(shape, {onnx_axis}, {onnx_axis + 1}, {0});
    std::vector<std::string> cells;
    for (int64_t i = 0; i < out; ++i) {
      std::string slice;
      if (in >= 0) {
        slice = cx.Slice(y, {i * in / out}, {((i + 1) * in + out - 1) / out}, {onnx_axis});
      } else {
        const auto [start, end] = RuntimeCellBounds(cx, in_tensor, i, out);
        slice = cx.Node("Slice", {y, start, end, cx.ConstI64({onnx_axis})});
      }
      cells.push_back(cx.Reduce(is_max ? "ReduceMax" : "ReduceMean", slice, {onnx_axis}, true));
    }
    y = cells.size() == 1 ? cells[0] : cx.Node("Concat", cells, {{"axis", onnx_axis}});
  }
  return y;
}

// Paddle paddings as written, for messages.
std::string PaddingsText(const graph::Op& op) {
  return graph::ShapeToString(op.Attr<std::vector<int64_t>>("paddings", {0, 0}));
}

// A non-exclusive average. ONNX Runtime's count_include_pad divisor ends a
// window at in + pad_end, Paddle's at in + pad_begin: equal for symmetric
// padding; otherwise the exclusive average is rescaled by a constant map
// real / paddle, which needs known extents.
std::string NonExclusiveAverage(MapContext& cx, const graph::Op& op, const std::string& x,
                                std::vector<NodeAttr> attrs, const PoolAttrs& a,
                                const nn::Padding2d& padding, const std::vector<int64_t>& in_hw,
                                DataType dtype, const std::string& input_shape) {
  const std::vector<int64_t>& p = padding.pads;
  const bool symmetric = !padding.auto_same_upper && p[0] == p[2] && p[1] == p[3];
  if (!symmetric) {
    PD2ONNX_CHECK(nn::AllKnown(in_hw), ErrorKind::kUnsupported,
                  "exclusive=false with unequal begin/end padding (padding_algorithm={}, "
                  "paddings={}) needs known input height and width (input shape {})",
                  op.Attr<std::string>("padding_algorithm", "EXPLICIT"), PaddingsText(op),
                  input_shape);
    const std::vector<nn::PoolAxis> axes = PoolAxes(a, in_hw, p);
    const AxisCounts h = CountWindows(axes[0], a.ceil_mode);
    const AxisCounts w = CountWindows(axes[1], a.ceil_mode);
    const std::vector<float> factors = NonExclusiveCorrection(h, w);
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

// ceil_mode with an unknown input extent: fails when some extent would make
// Paddle's last window start past the input (ONNX drops that window).
void CheckCeilModeTail(const graph::Op& op, const PoolAttrs& a, const nn::Padding2d& padding,
                       const std::string& input_shape) {
  for (size_t i = 0; i < 2; ++i) {
    PD2ONNX_CHECK(!nn::MayStartPastInput(a.ksize[i], a.strides[i], padding.pads[2 + i],
                                         padding.auto_same_upper),
                  ErrorKind::kUnsupported,
                  "ceil_mode=true with ksize={} strides={} paddings={} needs known input extents "
                  "(input shape {}): for some extents Paddle's last window starts past the "
                  "input, a window ONNX pooling drops",
                  graph::ShapeToString(a.ksize), graph::ShapeToString(a.strides), PaddingsText(op),
                  input_shape);
  }
}

std::string WindowPool(MapContext& cx, const graph::Op& op, const std::string& x,
                       const PoolAttrs& a, const std::vector<int64_t>& in_hw, DataType dtype,
                       const std::string& input_shape) {
  nn::Padding2d padding = nn::ResolvePadding2d(op, in_hw, a.ksize, a.strides);
  // A window lying wholly in the padding has no defined value (Paddle
  // yields -FLT_MAX or 0/0 there); ONNX Runtime rejects such pads.
  const std::vector<int64_t> p = padding.pads;
  PD2ONNX_CHECK(std::max(p[0], p[2]) < a.ksize[0] && std::max(p[1], p[3]) < a.ksize[1],
                ErrorKind::kUnsupported,
                "paddings {} must be smaller than ksize [{}, {}] (ONNX pooling pads)",
                PaddingsText(op), a.ksize[0], a.ksize[1]);
  const bool known = !padding.auto_same_upper && nn::AllKnown(in_hw);
  if (a.ceil_mode && !known) CheckCeilModeTail(op, a, padding, input_shape);
  // ceil_mode where ONNX drops a window: floor mode with longer end pads,
  // then the dropped windows appended (pool_ceil.h).
  PoolAttrs onnx = a;
  const bool drops = a.ceil_mode && known && nn::DropsWindow(PoolAxes(a, in_hw, p));
  if (drops) {
    const std::vector<int64_t> ends = nn::FloorModePadEnds(PoolAxes(a, in_hw, p));
    padding.pads = {p[0], p[1], ends[0], ends[1]};
    onnx.ceil_mode = false;
  }
  std::vector<NodeAttr> attrs = {{"kernel_shape", a.ksize}, {"strides", a.strides}};
  if (padding.auto_same_upper) {
    attrs.emplace_back("auto_pad", "SAME_UPPER");
  } else {
    attrs.emplace_back("pads", padding.pads);
  }
  if (onnx.ceil_mode) attrs.emplace_back("ceil_mode", int64_t{1});
  std::string y;
  if (a.is_max) {
    y = cx.Node("MaxPool", {x}, attrs);
  } else if (!a.exclusive) {
    y = NonExclusiveAverage(cx, op, x, std::move(attrs), onnx, padding, in_hw, dtype, input_shape);
  } else {
    attrs.emplace_back("count_include_pad", int64_t{0});
    y = cx.Node("AveragePool", {x}, attrs);
  }
  if (!drops) return y;
  const nn::PoolKind kind = a.is_max      ? nn::PoolKind::kMax
                            : a.exclusive ? nn::PoolKind::kExclusiveAverage
                                          : nn::PoolKind::kAverage;
  return nn::AppendWindowsPastInput(cx, y, PoolAxes(a, in_hw, p), kind, dtype);
}

// `since10`: MaxPool/AveragePool ceil_mode and Slice with run-time bounds.
void EmitPool(MapContext& cx, const graph::Op& op, bool since10) {
  const PoolAttrs a = ReadAttrs(op);
  const bool channel_last = nn::IsChannelLast(nn::LayoutAttr(op, "data_format"));
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 4, ErrorKind::kUnsupported, "X has rank {}, expected 4",
                x_var.shape.size());
  const bool windowed = !a.global && !a.adaptive;
  PD2ONNX_CHECK(!windowed || !a.ceil_mode || since10, ErrorKind::kUnsupported,
                "ceil_mode=true needs opset 10 (MaxPool-10/AveragePool-10)");
  const std::vector<int64_t> in_hw = nn::SpatialDims2d(x_var, channel_last);
  const std::string input_shape = graph::ShapeToString(x_var.shape);

  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, 4);
  std::string y;
  if (a.global) {
    y = GlobalPool(cx, x, a.is_max);
  } else if (a.adaptive) {
    y = AdaptivePool(cx, x, in_hw, a.ksize, a.is_max, input_shape, since10);
  } else {
    y = WindowPool(cx, op, x, a, in_hw, x_var.dtype, input_shape);
  }
  if (channel_last) y = nn::ToChannelLast(cx, y, 4);
  cx.Bind(op, "Out", y);
}

void Emit7(MapContext& cx, const graph::Op& op) { EmitPool(cx, op, false); }
// MaxPool-10 / AveragePool-10 add ceil_mode; Slice-10 takes run-time bounds.
void Emit10(MapContext& cx, const graph::Op& op) { EmitPool(cx, op, true); }

}  // namespace

void RegisterPool2d(Registry& r) { r.Add("pool2d", MinOpset, {{7, Emit7}, {10, Emit10}}); }

}  // namespace pd2onnx::mappers

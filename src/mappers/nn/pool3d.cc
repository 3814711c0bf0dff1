// pool3d → MaxPool / AveragePool / Global*Pool over NCDHW (NDHWC data is
// transposed around the node). Windows follow Paddle's pooling functor as
// in pool2d (see pool2d.cc): a non-exclusive average divides by the window
// clipped at in + pad_begin, which ONNX Runtime's count_include_pad equals
// only for symmetric padding. Adaptive pooling is supported when every
// extent is known and divisible by the output size (then it is a plain
// pool), or when the output is 1x1x1 (global pooling).
#include <algorithm>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "mappers/nn/pool_ceil.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

constexpr size_t kAxes = 3;

OpsetNeed MinOpset(const graph::Op& op) {
  const bool windowed =
      !op.Attr<bool>("global_pooling", false) && !op.Attr<bool>("adaptive", false);
  if (windowed && op.Attr<bool>("ceil_mode", false)) {
    return {10, "ceil_mode=true (MaxPool-10/AveragePool-10)"};
  }
  return {};
}

// ceil_mode with unknown extents: fails if a window can start past the input.
void CheckCeilModeTail(const std::vector<int64_t>& in, const std::vector<int64_t>& ksize,
                       const std::vector<int64_t>& strides, const nn::PaddingNd& padding) {
  for (size_t i = 0; i < kAxes; ++i) {
    PD2ONNX_CHECK(!nn::MayStartPastInput(ksize[i], strides[i], padding.pads[kAxes + i],
                                         padding.auto_same_upper),
                  ErrorKind::kUnsupported,
                  "ceil_mode=true with ksize={} strides={} needs known input extents (input "
                  "extents {}): for some extents Paddle's last window starts past the input, a "
                  "window ONNX pooling drops",
                  graph::ShapeToString(ksize), graph::ShapeToString(strides),
                  graph::ShapeToString(in));
  }
}

std::string WindowPool(MapContext& cx, const graph::Op& op, const std::string& x, bool is_max,
                       const std::vector<int64_t>& in, graph::DataType dtype, bool since10) {
  const auto ksize = nn::TupleAttr(op, "ksize", kAxes, {});
  const auto strides = nn::TupleAttr(op, "strides", kAxes, {1, 1, 1});
  const bool ceil_mode = op.Attr<bool>("ceil_mode", false);
  PD2ONNX_CHECK(!ceil_mode || since10, ErrorKind::kUnsupported,
                "ceil_mode=true needs opset 10 (MaxPool-10/AveragePool-10)");
  nn::PaddingNd padding = nn::ResolvePaddingNd(op, in, ksize, strides);
  const std::vector<int64_t> p = padding.pads;
  for (size_t i = 0; i < kAxes; ++i) {
    PD2ONNX_CHECK(std::max(p[i], p[kAxes + i]) < ksize[i], ErrorKind::kUnsupported,
                  "paddings must be smaller than ksize (ONNX pooling pads)");
  }
  const bool exclusive = op.Attr<bool>("exclusive", true);
  if (!is_max && !exclusive) {
    const bool symmetric = !padding.auto_same_upper && p[0] == p[3] && p[1] == p[4] && p[2] == p[5];
    PD2ONNX_CHECK(symmetric, ErrorKind::kUnsupported,
                  "exclusive=false with unequal begin/end padding is not supported for pool3d");
  }
  const bool known = !padding.auto_same_upper && nn::AllKnown(in);
  if (ceil_mode && !known) CheckCeilModeTail(in, ksize, strides, padding);
  std::vector<nn::PoolAxis> axes;
  if (known) {
    for (size_t i = 0; i < kAxes; ++i) {
      axes.push_back({in[i], ksize[i], strides[i], p[i], p[kAxes + i]});
    }
  }
  const bool drops = ceil_mode && known && nn::DropsWindow(axes);
  // Where ONNX drops a window: floor mode with longer end pads (pool_ceil.h),
  // except for a non-exclusive average, whose divisor needs symmetric pads.
  const bool floor_mode = drops && (is_max || exclusive);
  if (floor_mode) {
    const std::vector<int64_t> ends = nn::FloorModePadEnds(axes);
    for (size_t i = 0; i < kAxes; ++i) padding.pads[kAxes + i] = ends[i];
  }
  std::vector<NodeAttr> attrs = {{"kernel_shape", ksize}, {"strides", strides}};
  if (padding.auto_same_upper) {
    attrs.emplace_back("auto_pad", "SAME_UPPER");
  } else {
    attrs.emplace_back("pads", padding.pads);
  }
  if (ceil_mode && !floor_mode) attrs.emplace_back("ceil_mode", int64_t{1});
  std::string y;
  if (is_max) {
    y = cx.Node("MaxPool", {x}, attrs);
  } else {
    attrs.emplace_back("count_include_pad", int64_t{exclusive ? 0 : 1});
    y = cx.Node("AveragePool", {x}, attrs);
  }
  if (!drops) return y;
  const nn::PoolKind kind = is_max      ? nn::PoolKind::kMax
                            : exclusive ? nn::PoolKind::kExclusiveAverage
                                        : nn::PoolKind::kAverage;
  return nn::AppendWindowsPastInput(cx, y, axes, kind, dtype);
}

void EmitPool(MapContext& cx, const graph::Op& op, bool since10) {
  const std::string type = op.Attr<std::string>("pooling_type");
  PD2ONNX_CHECK(type == "max" || type == "avg", ErrorKind::kUnsupported,
                "pooling_type \"{}\" is not supported (expected max or avg)", type);
  const bool is_max = type == "max";
  const bool channel_last = nn::IsChannelLast(op.Attr<std::string>("data_format", "NCDHW"));
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 5, ErrorKind::kUnsupported, "X has rank {}, expected 5",
                x_var.shape.size());
  const std::vector<int64_t> in = nn::SpatialDims(x_var, channel_last, kAxes);
  bool global = op.Attr<bool>("global_pooling", false);
  const bool adaptive = op.Attr<bool>("adaptive", false);
  std::vector<int64_t> ksize;
  if (adaptive && !global) {
    ksize = nn::TupleAttr(op, "ksize", kAxes, {});
    if (ksize == std::vector<int64_t>{1, 1, 1}) global = true;
  }

  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, 5);
  std::string y;
  if (global) {
    y = cx.Node(is_max ? "GlobalMaxPool" : "GlobalAveragePool", {x});
  } else if (adaptive) {
    bool even = nn::AllKnown(in);
    for (size_t i = 0; even && i < kAxes; ++i) even = in[i] % ksize[i] == 0;
    PD2ONNX_CHECK(even, ErrorKind::kUnsupported,
                  "adaptive=true needs known input extents {} divisible by ksize {}",
                  graph::ShapeToString(in), graph::ShapeToString(ksize));
    std::vector<int64_t> window(kAxes);
    for (size_t i = 0; i < kAxes; ++i) window[i] = in[i] / ksize[i];
    y = cx.Node(is_max ? "MaxPool" : "AveragePool", {x},
                {{"kernel_shape", window}, {"strides", window}});
  } else {
    y = WindowPool(cx, op, x, is_max, in, x_var.dtype, since10);
  }
  if (channel_last) y = nn::ToChannelLast(cx, y, 5);
  cx.Bind(op, "Out", y);
}

void Emit7(MapContext& cx, const graph::Op& op) { EmitPool(cx, op, false); }
// MaxPool-10 / AveragePool-10 add ceil_mode.
void Emit10(MapContext& cx, const graph::Op& op) { EmitPool(cx, op, true); }

}  // namespace

void RegisterPool3d(Registry& r) { r.Add("pool3d", MinOpset, {{7, Emit7}, {10, Emit10}}); }

}  // namespace pd2onnx::mappers

#include "mappers/nn/pool_ceil.h"

#include <algorithm>
#include <cfloat>
#include <limits>

#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers::nn {

using graph::DataType;

int64_t PaddlePoolExtent(const PoolAxis& a, bool ceil_mode) {
  const int64_t span = a.in + a.pad_begin + a.pad_end - a.k;
  return (ceil_mode ? span + a.s - 1 : span) / a.s + 1;
}

int64_t OnnxPoolExtent(const PoolAxis& a, bool ceil_mode) {
  const int64_t out = PaddlePoolExtent(a, ceil_mode);
  const bool last_past_input = (out - 1) * a.s - a.pad_begin >= a.in;
  return ceil_mode && last_past_input ? out - 1 : out;
}

int64_t PaddleAverageDivisor(const PoolAxis& a, int64_t o) {
  const int64_t start = o * a.s - a.pad_begin;
  return std::min(start + a.k, a.in + a.pad_begin) - start;
}

int64_t PaddleExclusiveCount(const PoolAxis& a, int64_t o) {
  const int64_t start = o * a.s - a.pad_begin;
  const int64_t end = std::min(start + a.k, a.in + a.pad_begin);
  return std::min(end, a.in) - std::max<int64_t>(start, 0);
}

bool DropsWindow(const std::vector<PoolAxis>& axes) {
  return std::any_of(axes.begin(), axes.end(), [](const PoolAxis& a) {
    return OnnxPoolExtent(a, true) < PaddlePoolExtent(a, true);
  });
}

std::vector<int64_t> FloorModePadEnds(const std::vector<PoolAxis>& axes) {
  std::vector<int64_t> ends;
  for (const PoolAxis& a : axes) {
    // The end padding that makes the last kept window fit whole.
    const int64_t last_start = (OnnxPoolExtent(a, true) - 1) * a.s - a.pad_begin;
    ends.push_back(std::max(a.pad_end, last_start + a.k - a.in));
  }
  return ends;
}

bool MayStartPastInput(int64_t k, int64_t s, int64_t pad_end, bool auto_same) {
  // Explicit pads: the last window starts at most at in + pad_end - k + s - 1,
  // which some `in` reaches. SAME pads: past the input for `in` a multiple
  // of s exactly when the window is shorter than the stride.
  return auto_same ? k < s : s > k - pad_end;
}

namespace {

std::string PadEnd(MapContext& cx, const std::string& y, const std::vector<int64_t>& tail,
                   double value, DataType dtype) {
  const size_t rank = tail.size() + 2;
  std::vector<int64_t> pads(2 * rank, 0);
  for (size_t i = 0; i < tail.size(); ++i) pads[rank + 2 + i] = tail[i];
  // Pad-11 takes the pads and the value as inputs.
  if (cx.opset() >= 11) {
    return cx.Node("Pad", {y, cx.ConstI64(pads), cx.ScalarOf(dtype, value)},
                   {{"mode", "constant"}});
  }
  return cx.Node("Pad", {y},
                 {{"mode", "constant"}, {"pads", pads}, {"value", static_cast<float>(value)}});
}

}  // namespace

std::string AppendWindowsPastInput(MapContext& cx, const std::string& y,
                                   const std::vector<PoolAxis>& axes, PoolKind kind,
                                   DataType dtype) {
  // At most one window per axis: Paddle's extent is ceil(span / s) + 1.
  std::vector<int64_t> tail, zero_divisor_tail, other_tail;
  for (const PoolAxis& a : axes) {
    const int64_t out = PaddlePoolExtent(a, true);
    const int64_t dropped = out - OnnxPoolExtent(a, true);
    const int64_t divisor = kind == PoolKind::kExclusiveAverage ? PaddleExclusiveCount(a, out - 1)
                                                                : PaddleAverageDivisor(a, out - 1);
    const bool zero_divisor = dropped > 0 && divisor == 0;
    tail.push_back(dropped);
    zero_divisor_tail.push_back(zero_divisor ? dropped : 0);
    other_tail.push_back(zero_divisor ? 0 : dropped);
  }
  if (std::all_of(tail.begin(), tail.end(), [](int64_t t) { return t == 0; })) return y;
  // Paddle's max starts from -FLT_MAX.
  if (kind == PoolKind::kMax) return PadEnd(cx, y, tail, -FLT_MAX, dtype);
  // An average divides 0 by the product of the axes' divisors (clipped
  // extents, in - start <= 0 past the input, when exclusive): NaN across the
  // whole slab of an axis whose divisor is 0 (padded last, so it covers the
  // other axes' windows too), else (-)0.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::string padded = y;
  if (other_tail != std::vector<int64_t>(tail.size(), 0)) {
    padded = PadEnd(cx, padded, other_tail, 0.0, dtype);
  }
  if (zero_divisor_tail != std::vector<int64_t>(tail.size(), 0)) {
    padded = PadEnd(cx, padded, zero_divisor_tail, nan, dtype);
  }
  return padded;
}

}  // namespace pd2onnx::mappers::nn

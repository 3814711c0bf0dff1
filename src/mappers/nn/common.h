// Helpers shared by the nn mappers: data layouts, Paddle's padding rules
// (2 or 4 paddings, "SAME"/"VALID"/"EXPLICIT") and 2-D spatial extents.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/program.h"

namespace pd2onnx::mappers {
class MapContext;
}

namespace pd2onnx::mappers::nn {

// "NHWC" / "NDHWC"; every other value ("NCHW", "AnyLayout", ...) is
// channel-first.
bool IsChannelLast(std::string_view layout);

// The `data_layout` of batch_norm, group_norm, affine_channel and the interp
// ops. Paddle's kernels test `layout == NCHW` and treat every other value,
// "AnyLayout" included, as channel-last; the channel-first spellings are
// NCHW, NCDHW, NCW and NCL.
bool IsChannelLastDataLayout(std::string_view layout);

// The layout attribute of an op: `data_format` (conv, pool, pixel_shuffle)
// or `data_layout` (batch_norm, interpolation), "NCHW" when absent.
std::string LayoutAttr(const graph::Op& op, std::string_view name);

// Transposes a channel-last tensor of rank `rank` to channel-first and back.
std::string ToChannelFirst(MapContext& cx, const std::string& x, size_t rank);
std::string ToChannelLast(MapContext& cx, const std::string& x, size_t rank);

// Declared spatial extents {H, W} of a 4-D variable (-1 = unknown).
std::vector<int64_t> SpatialDims2d(const graph::Var& var, bool channel_last);

// An INTS/LONGS attribute with exactly two values (H, W), else fails naming it.
std::vector<int64_t> PairAttr(const graph::Op& op, std::string_view name,
                              std::vector<int64_t> default_value);

// Paddle paddings, [pad_h, pad_w] (both sides) or [top, bottom, left, right],
// as ONNX pads [top, left, bottom, right].
std::vector<int64_t> OnnxPads2d(const std::vector<int64_t>& paddings);

// Paddle's "SAME" padding of one axis: out = ceil(in / stride), the total
// max((out - 1) * stride + kernel - in, 0), the smaller half first (the
// ONNX SAME_UPPER rule).
struct AxisPads {
  int64_t begin = 0;
  int64_t end = 0;
};
AxisPads SamePadding(int64_t in, int64_t kernel, int64_t stride);

// The padding of a 2-D conv or pool after `padding_algorithm`:
// explicit ONNX pads, or auto_pad SAME_UPPER when "SAME" meets an unknown
// input or kernel extent (the rule is the same, ONNX applies it at run time).
struct Padding2d {
  std::vector<int64_t> pads = {0, 0, 0, 0};  // [top, left, bottom, right]
  bool auto_same_upper = false;
  bool same = false;  // padding_algorithm was "SAME" (Paddle then forces dilations to 1)
};
Padding2d ResolvePadding2d(const graph::Op& op, const std::vector<int64_t>& in_hw,
                           const std::vector<int64_t>& kernel_hw,
                           const std::vector<int64_t>& strides);

// True when every value is >= 0.
bool AllKnown(const std::vector<int64_t>& dims);

// ---- N spatial axes (conv3d, pool3d, ...) ----------------------------------

// Declared spatial extents of a channel-first/last variable of rank n + 2
// (-1 = unknown; all -1 when the rank differs).
std::vector<int64_t> SpatialDims(const graph::Var& var, bool channel_last, size_t n);

// An INTS/LONGS attribute with exactly `n` values, else fails naming it.
std::vector<int64_t> TupleAttr(const graph::Op& op, std::string_view name, size_t n,
                               std::vector<int64_t> default_value);

// The padding of an n-D conv or pool: Paddle paddings hold n values (both
// sides) or 2n values [begin₀, end₀, begin₁, end₁, ...]; ONNX pads are
// [begin..., end...]. SAME / VALID as in ResolvePadding2d.
struct PaddingNd {
  std::vector<int64_t> pads;  // 2n entries
  bool auto_same_upper = false;
  bool same = false;
};
PaddingNd ResolvePaddingNd(const graph::Op& op, const std::vector<int64_t>& in,
                           const std::vector<int64_t>& kernel, const std::vector<int64_t>& strides);

}  // namespace pd2onnx::mappers::nn

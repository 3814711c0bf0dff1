// Helpers shared by the 2-D spatial kernels (conv, pool, interpolation,
// pixel_shuffle): layouts and Paddle's padding rules.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {

// Whether a `data_format` (conv, pool, pad...) means channel-last. Paddle's
// kernels test for NHWC / NDHWC, so "AnyLayout" is channel-first.
inline bool IsChannelLast(const std::string& format) {
  return format == "NHWC" || format == "NDHWC";
}

// Whether a `data_layout` (group_norm, affine_channel, interpolation) means
// channel-last. These kernels test `layout == NCHW` instead, so every other
// value, "AnyLayout" included, is channel-last.
inline bool IsChannelLastDataLayout(const std::string& layout) {
  return layout != "NCHW" && layout != "NCDHW" && layout != "NCW" && layout != "NCL";
}

// NHWC ↔ NCHW for 4-D tensors.
inline HostTensor NhwcToNchw(const HostTensor& x) { return Permute(x, {0, 3, 1, 2}); }
inline HostTensor NchwToNhwc(const HostTensor& x) { return Permute(x, {0, 2, 3, 1}); }

// Per spatial axis (H, W): padding before and after.
struct Pads2d {
  std::array<int64_t, 2> begin{0, 0};
  std::array<int64_t, 2> end{0, 0};
};

// Paddle's UpdatePadding: `paddings` holds 2 values [h, w] (both sides) or 4
// values [top, bottom, left, right]; "VALID" zeroes them; "SAME" makes
// out = ceil(in / stride) with the total padding
// max((out - 1)·stride + k - in, 0) split begin = total / 2, end = rest.
// `kernel` is the undilated kernel extent.
Pads2d ResolvePadding(const std::vector<int64_t>& paddings, const std::string& algorithm,
                      const std::array<int64_t, 2>& in, const std::array<int64_t, 2>& kernel,
                      const std::array<int64_t, 2>& strides);

// Reads a 2-entry INTS attribute (strides, dilations, ksize) as H, W.
std::array<int64_t, 2> PairAttr(const std::vector<int64_t>& values, const char* name);

}  // namespace pd2onnx::interp::kernels

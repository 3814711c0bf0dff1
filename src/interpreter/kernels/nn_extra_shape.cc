// pixel_unshuffle, channel_shuffle and the padding ops pad / pad2d / pad3d
// (docs/paddle-formats.md 5.14; phi pixel_unshuffle, channel_shuffle,
// pad, pad3d kernels and the 1.x pad2d op).
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "interpreter/kernels/nn_extra.h"
#include "interpreter/kernels/spatial.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

enum class PadMode { kConstant, kReflect, kReplicate, kCircular };

PadMode ParsePadMode(const std::string& mode, bool allow_circular) {
  if (mode == "constant") return PadMode::kConstant;
  if (mode == "reflect") return PadMode::kReflect;
  if (mode == "replicate" || mode == "edge") return PadMode::kReplicate;
  if (mode == "circular" && allow_circular) return PadMode::kCircular;
  Fail(ErrorKind::kUnsupported, "padding mode '{}' is not supported", mode);
}

// Source index along an axis of extent `n` for the padded position `i`
// (may lie outside [0, n)); -1 means "the constant".
int64_t SourceIndex(int64_t i, int64_t n, PadMode mode) {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case PadMode::kConstant:
      return -1;
    case PadMode::kReflect:
      // Mirror without repeating the edge: -1 → 1, n → n - 2.
      return i < 0 ? -i : 2 * (n - 1) - i;
    case PadMode::kReplicate:
      return i < 0 ? 0 : n - 1;
    case PadMode::kCircular:
      return ((i % n) + n) % n;
  }
  return -1;
}

// Pads every axis k of x by before[k] / after[k]; works on any dtype.
HostTensor PadTensor(const HostTensor& x, const Dims& before, const Dims& after, PadMode mode,
                     double value) {
  const size_t rank = x.dims.size();
  Dims out_dims(rank);
  for (size_t k = 0; k < rank; ++k) {
    PD2ONNX_CHECK(before[k] >= 0 && after[k] >= 0, ErrorKind::kUnsupported,
                  "negative paddings are not supported");
    out_dims[k] = x.dims[k] + before[k] + after[k];
    if (mode == PadMode::kReflect) {
      PD2ONNX_CHECK(before[k] < x.dims[k] && after[k] < x.dims[k], ErrorKind::kInvalidInput,
                    "reflect paddings {}/{} must be smaller than the extent {}", before[k],
                    after[k], x.dims[k]);
    }
    if (mode != PadMode::kConstant && out_dims[k] != x.dims[k]) {
      PD2ONNX_CHECK(x.dims[k] > 0, ErrorKind::kInvalidInput, "cannot pad an empty axis");
    }
  }
  HostTensor out(x.dtype, out_dims);
  const HostTensor fill = Filled(x.dtype, {1}, value);
  const size_t elem = fill.bytes.size();
  const Dims in_strides = Strides(x.dims);
  const int64_t count = out.numel();
  Dims index(rank, 0);
  for (int64_t flat = 0; flat < count; ++flat) {
    int64_t src = 0;
    bool constant = false;
    for (size_t k = 0; k < rank && !constant; ++k) {
      const int64_t s = SourceIndex(index[k] - before[k], x.dims[k], mode);
      if (s < 0) constant = true;
      src += s * in_strides[k];
    }
    std::memcpy(out.bytes.data() + flat * elem,
                constant ? fill.bytes.data() : x.bytes.data() + src * elem, elem);
    for (size_t k = rank; k-- > 0;) {
      if (++index[k] < out_dims[k]) break;
      index[k] = 0;
    }
  }
  return out;
}

// The padding list from the Paddings input when present, else the attribute.
std::vector<int64_t> PaddingList(const KernelContext& ctx) {
  if (const HostTensor* p = ctx.OptionalInput("Paddings")) return IntValues(*p);
  return ctx.Attr<std::vector<int64_t>>("paddings");
}

}  // namespace

// [N, C, H, W] → [N, C·r², H/r, W/r]: out channel c·r² + i·r + j holds
// x[n, c, h·r + i, w·r + j] (channel-last: the same with C moved last).
void PixelUnshuffle(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "X must be 4-D, got {}",
                graph::ShapeToString(x.dims));
  const int64_t r = ctx.Attr<int64_t>("downscale_factor", 1);
  const bool channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCHW"));
  const int64_t n = x.dims[0];
  const int64_t c = channel_last ? x.dims[3] : x.dims[1];
  const int64_t h = channel_last ? x.dims[1] : x.dims[2];
  const int64_t w = channel_last ? x.dims[2] : x.dims[3];
  PD2ONNX_CHECK(r >= 1 && h % r == 0 && w % r == 0, ErrorKind::kInvalidInput,
                "height {} and width {} must be divisible by downscale_factor {}", h, w, r);
  HostTensor out;
  if (channel_last) {
    // [N, H/r, r, W/r, r, C] → [N, H/r, W/r, C, r, r]
    out = Permute(Reshaped(x, {n, h / r, r, w / r, r, c}), {0, 1, 3, 5, 2, 4});
    out = Reshaped(std::move(out), {n, h / r, w / r, c * r * r});
  } else {
    // [N, C, H/r, r, W/r, r] → [N, C, r, r, H/r, W/r]
    out = Permute(Reshaped(x, {n, c, h / r, r, w / r, r}), {0, 1, 3, 5, 2, 4});
    out = Reshaped(std::move(out), {n, c * r * r, h / r, w / r});
  }
  ctx.SetOutput("Out", std::move(out));
}

// Channels viewed as [groups, C/groups] are transposed to [C/groups, groups].
void ChannelShuffle(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "X must be 4-D, got {}",
                graph::ShapeToString(x.dims));
  const int64_t g = ctx.Attr<int64_t>("groups", 1);
  const bool channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCHW"));
  const Dims& d = x.dims;
  const int64_t c = channel_last ? d[3] : d[1];
  PD2ONNX_CHECK(g >= 1 && c % g == 0, ErrorKind::kInvalidInput,
                "groups {} does not divide the {} channels", g, c);
  HostTensor out = channel_last
                       ? Permute(Reshaped(x, {d[0], d[1], d[2], g, c / g}), {0, 1, 2, 4, 3})
                       : Permute(Reshaped(x, {d[0], g, c / g, d[2], d[3]}), {0, 2, 1, 3, 4});
  ctx.SetOutput("Out", Reshaped(std::move(out), d));
}

// pad: paddings [before₀, after₀, before₁, after₁, ...], constant pad_value.
void Pad(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const auto paddings = ctx.Attr<std::vector<int64_t>>("paddings");
  const size_t rank = x.dims.size();
  PD2ONNX_CHECK(paddings.size() == 2 * rank, ErrorKind::kInvalidInput,
                "paddings has {} values for rank {}", paddings.size(), rank);
  Dims before(rank), after(rank);
  for (size_t k = 0; k < rank; ++k) {
    before[k] = paddings[2 * k];
    after[k] = paddings[2 * k + 1];
  }
  ctx.SetOutput(
      "Out", PadTensor(x, before, after, PadMode::kConstant, ctx.Attr<double>("pad_value", 0.0)));
}

// pad2d: [top, bottom, left, right] on a 4-D NCHW/NHWC X; mode constant /
// reflect / edge; pad_value.
void Pad2d(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "X must be 4-D, got {}",
                graph::ShapeToString(x.dims));
  const auto p = PaddingList(ctx);
  PD2ONNX_CHECK(p.size() == 4, ErrorKind::kInvalidInput, "paddings has {} values, expected 4",
                p.size());
  const bool channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCHW"));
  const size_t h = channel_last ? 1 : 2;
  Dims before(4, 0), after(4, 0);
  before[h] = p[0];
  after[h] = p[1];
  before[h + 1] = p[2];
  after[h + 1] = p[3];
  const PadMode mode = ParsePadMode(ctx.Attr<std::string>("mode", "constant"), false);
  ctx.SetOutput("Out", PadTensor(x, before, after, mode, ctx.Attr<double>("pad_value", 0.0)));
}

// pad3d: [left, right, top, bottom, front, back] on a 5-D NCDHW/NDHWC X;
// mode constant / reflect / replicate / circular; value.
void Pad3d(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(x.dims.size() == 5, ErrorKind::kInvalidInput, "X must be 5-D, got {}",
                graph::ShapeToString(x.dims));
  const auto p = PaddingList(ctx);
  PD2ONNX_CHECK(p.size() == 6, ErrorKind::kInvalidInput, "paddings has {} values, expected 6",
                p.size());
  const bool channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCDHW"));
  const size_t d = channel_last ? 1 : 2;
  Dims before(5, 0), after(5, 0);
  before[d + 2] = p[0];  // W
  after[d + 2] = p[1];
  before[d + 1] = p[2];  // H
  after[d + 1] = p[3];
  before[d] = p[4];  // D
  after[d] = p[5];
  const PadMode mode = ParsePadMode(ctx.Attr<std::string>("mode", "constant"), true);
  ctx.SetOutput("Out", PadTensor(x, before, after, mode, ctx.Attr<double>("value", 0.0)));
}

}  // namespace pd2onnx::interp::kernels

namespace pd2onnx::interp::kernels {

// X [N·T, C, H, W] (or NHWC): channel c of step t reads step t - 1 when
// c < int(C·shift_ratio), step t + 1 when c < int(2·C·shift_ratio), else
// step t; steps outside [0, T) read 0.
void TemporalShift(KernelContext& ctx) {
  const HostTensor& input = ctx.Input("X");
  PD2ONNX_CHECK(input.dims.size() == 4, ErrorKind::kInvalidInput, "X must be 4-D, got {}",
                graph::ShapeToString(input.dims));
  const bool channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCHW"));
  const HostTensor x = channel_last ? NhwcToNchw(input) : input;
  const int64_t t = ctx.Attr<int64_t>("seg_num");
  const double ratio = ctx.Attr<float>("shift_ratio", 0.25f);
  const int64_t nt = x.dims[0], c = x.dims[1], hw = x.dims[2] * x.dims[3];
  PD2ONNX_CHECK(t >= 1 && nt % t == 0, ErrorKind::kInvalidInput,
                "seg_num {} does not divide the batch {}", t, nt);
  const auto c1 = static_cast<int64_t>(static_cast<float>(c) * static_cast<float>(ratio));
  const auto c2 = static_cast<int64_t>(static_cast<float>(c) * 2 * static_cast<float>(ratio));
  HostTensor out(x.dtype, x.dims);
  const size_t elem = x.bytes.size() / static_cast<size_t>(std::max<int64_t>(x.numel(), 1));
  for (int64_t b = 0; b < nt; ++b) {
    const int64_t step = b % t;
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t src_step = ch < c1 ? step - 1 : ch < c2 ? step + 1 : step;
      if (src_step < 0 || src_step >= t) continue;  // stays 0
      const int64_t src = ((b - step + src_step) * c + ch) * hw;
      std::memcpy(out.bytes.data() + (b * c + ch) * hw * elem, x.bytes.data() + src * elem,
                  hw * elem);
    }
  }
  ctx.SetOutput("Out", channel_last ? NchwToNhwc(out) : std::move(out));
}

// im2col: Y [N, C·kh·kw, OH·OW], row c·kh·kw + i·kw + j, column oy·OW + ox
// = x[n, c, oy·sh - top + i·dh, ox·sw - left + j·dw], 0 outside. paddings
// are [top, left, bottom, right].
void Unfold(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "X");
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "X must be 4-D, got {}",
                graph::ShapeToString(x.dims));
  const auto k = PairAttr(ctx.Attr<std::vector<int64_t>>("kernel_sizes"), "kernel_sizes");
  const auto s = PairAttr(ctx.Attr<std::vector<int64_t>>("strides", {1, 1}), "strides");
  const auto d = PairAttr(ctx.Attr<std::vector<int64_t>>("dilations", {1, 1}), "dilations");
  const auto p = ctx.Attr<std::vector<int64_t>>("paddings", {0, 0, 0, 0});
  PD2ONNX_CHECK(p.size() == 4, ErrorKind::kInvalidInput, "paddings must have 4 values, not {}",
                p.size());
  const int64_t n = x.dims[0], c = x.dims[1], h = x.dims[2], w = x.dims[3];
  const int64_t oh = (h + p[0] + p[2] - (d[0] * (k[0] - 1) + 1)) / s[0] + 1;
  const int64_t ow = (w + p[1] + p[3] - (d[1] * (k[1] - 1) + 1)) / s[1] + 1;
  PD2ONNX_CHECK(oh > 0 && ow > 0, ErrorKind::kInvalidInput, "output blocks {}x{} not positive", oh,
                ow);
  HostTensor y(DataType::kFloat32, {n, c * k[0] * k[1], oh * ow});
  float* out = y.data<float>();
  const float* in = x.data<float>();
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t ch = 0; ch < c; ++ch) {
      for (int64_t i = 0; i < k[0]; ++i) {
        for (int64_t j = 0; j < k[1]; ++j) {
          for (int64_t oy = 0; oy < oh; ++oy) {
            for (int64_t ox = 0; ox < ow; ++ox) {
              const int64_t yy = oy * s[0] - p[0] + i * d[0];
              const int64_t xx = ox * s[1] - p[1] + j * d[1];
              const bool inside = yy >= 0 && yy < h && xx >= 0 && xx < w;
              *out++ = inside ? in[((b * c + ch) * h + yy) * w + xx] : 0.0f;
            }
          }
        }
      }
    }
  }
  ctx.SetOutput("Y", std::move(y));
}

}  // namespace pd2onnx::interp::kernels

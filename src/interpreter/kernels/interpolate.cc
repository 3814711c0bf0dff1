// bilinear_interp_v2 and nearest_interp_v2 (docs/paddle-formats.md 5.15),
// following Paddle's CPU interpolate kernel, including its float32
// coordinate arithmetic (the ratios are floats, so the source indices round
// exactly as Paddle's do).
#include <algorithm>
#include <cmath>

#include "interpreter/kernels/kernels.h"
#include "interpreter/kernels/spatial.h"

namespace pd2onnx::interp::kernels {
namespace {

struct ResizePlan {
  int64_t out_h = 0, out_w = 0;
  float ratio_h = 0, ratio_w = 0;  // source step per output index
};

// Output size, by Paddle's precedence: SizeTensor > OutSize > a scale (the
// Scale tensor, else a `scale` attribute of two positive entries) > out_h /
// out_w. A scale that is present also fixes the ratio (1 / scale) even when
// OutSize then overrides the size, as in Paddle.
ResizePlan PlanResize(const KernelContext& ctx, int64_t in_h, int64_t in_w) {
  ResizePlan plan;
  int64_t out_h = ctx.Attr<int64_t>("out_h", 0);
  int64_t out_w = ctx.Attr<int64_t>("out_w", 0);
  float scale_h = -1, scale_w = -1;
  const auto size_tensors = ctx.InputList("SizeTensor");
  if (!size_tensors.empty()) {
    PD2ONNX_CHECK(size_tensors.size() == 2, ErrorKind::kInvalidInput,
                  "SizeTensor must hold 2 tensors (H, W), not {}", size_tensors.size());
    out_h = ScalarInt(*size_tensors[0], "SizeTensor[0]");
    out_w = ScalarInt(*size_tensors[1], "SizeTensor[1]");
  } else {
    if (const HostTensor* scale_tensor = ctx.OptionalInput("Scale")) {
      const std::vector<double> values = scale_tensor->ToDouble();
      PD2ONNX_CHECK(!values.empty(), ErrorKind::kInvalidInput, "Scale tensor is empty");
      scale_h = static_cast<float>(values[0]);
      scale_w = static_cast<float>(values.size() > 1 ? values[1] : values[0]);
      PD2ONNX_CHECK(scale_h > 0 && scale_w > 0, ErrorKind::kInvalidInput,
                    "Scale tensor values must be positive");
    } else {
      const auto scale = ctx.Attr<std::vector<float>>("scale", {});
      if (scale.size() > 1 && scale[0] > 0 && scale[1] > 0) {
        scale_h = scale[0];
        scale_w = scale[1];
      }
    }
    if (scale_h > 0 && scale_w > 0) {
      out_h = static_cast<int64_t>(static_cast<float>(in_h) * scale_h);
      out_w = static_cast<int64_t>(static_cast<float>(in_w) * scale_w);
    }
    if (const HostTensor* out_size = ctx.OptionalInput("OutSize")) {
      const std::vector<int64_t> values = IntValues(*out_size);
      PD2ONNX_CHECK(values.size() == 2, ErrorKind::kInvalidInput,
                    "OutSize must hold 2 values (H, W), not {}", values.size());
      out_h = values[0];
      out_w = values[1];
    }
  }
  PD2ONNX_CHECK(out_h > 0 && out_w > 0, ErrorKind::kInvalidInput,
                "output size {}x{} is not positive", out_h, out_w);
  plan.out_h = out_h;
  plan.out_w = out_w;

  const bool align_corners = ctx.Attr<bool>("align_corners", true);
  auto ratio = [&](int64_t in, int64_t out, float scale) -> float {
    if (out <= 1) return 0.f;
    if (align_corners) return static_cast<float>(in - 1) / static_cast<float>(out - 1);
    return scale > 0 ? static_cast<float>(1.0 / scale)
                     : static_cast<float>(in) / static_cast<float>(out);
  };
  plan.ratio_h = ratio(in_h, out_h, scale_h);
  plan.ratio_w = ratio(in_w, out_w, scale_w);
  return plan;
}

// Linear interpolation taps along one axis: output i reads source indices
// lo[i] and hi[i] with weights (1 - frac[i]) and frac[i].
struct LinearTaps {
  std::vector<int64_t> lo, hi;
  std::vector<float> frac;
};

LinearTaps MakeLinearTaps(int64_t in, int64_t out, float ratio, bool half_pixel) {
  LinearTaps taps;
  for (int64_t i = 0; i < out; ++i) {
    // half_pixel: src = max(ratio·(i + 0.5) - 0.5, 0); else src = ratio·i.
    // The index truncates the unrounded value, the weight uses its float,
    // as in Paddle.
    const double shifted = ratio * (i + 0.5) - 0.5;
    const float linear = ratio * static_cast<float>(i);
    const int64_t lo = std::max<int64_t>(
        half_pixel ? static_cast<int64_t>(shifted) : static_cast<int64_t>(linear), 0);
    const float src = half_pixel ? std::max(static_cast<float>(shifted), 0.f) : linear;
    taps.lo.push_back(std::min(lo, in - 1));
    taps.hi.push_back(std::min(lo + 1, in - 1));
    taps.frac.push_back(src - static_cast<float>(lo));
  }
  return taps;
}

// Nearest source index of each output index.
std::vector<int64_t> NearestTaps(int64_t in, int64_t out, float ratio, bool align_corners) {
  std::vector<int64_t> taps;
  for (int64_t i = 0; i < out; ++i) {
    const float pos = ratio * static_cast<float>(i);
    const int64_t src = static_cast<int64_t>(align_corners ? pos + 0.5 : pos);
    taps.push_back(std::clamp<int64_t>(src, 0, in - 1));
  }
  return taps;
}

// Runs `resample(plane_in, plane_out, in_h, in_w, plan)` on every N·C plane.
template <typename Resample>
void Interpolate(KernelContext& ctx, Resample resample) {
  const HostTensor& input = ctx.Input("X");
  RequireFloat32(input, "X");
  PD2ONNX_CHECK(input.dims.size() == 4, ErrorKind::kUnsupported,
                "only 4-D inputs are supported, got {}", graph::ShapeToString(input.dims));
  const bool channel_last = IsChannelLastDataLayout(ctx.Attr<std::string>("data_layout", "NCHW"));
  const HostTensor x = channel_last ? NhwcToNchw(input) : input;
  const int64_t planes = x.dims[0] * x.dims[1];
  const int64_t in_h = x.dims[2], in_w = x.dims[3];
  const ResizePlan plan = PlanResize(ctx, in_h, in_w);

  HostTensor y(DataType::kFloat32, {x.dims[0], x.dims[1], plan.out_h, plan.out_w});
  if (plan.out_h == in_h && plan.out_w == in_w) {
    y.bytes = x.bytes;  // Paddle copies when the size does not change
  } else {
    for (int64_t p = 0; p < planes; ++p) {
      resample(x.data<float>() + p * in_h * in_w, y.data<float>() + p * plan.out_h * plan.out_w,
               in_h, in_w, plan);
    }
  }
  ctx.SetOutput("Out", channel_last ? NchwToNhwc(y) : std::move(y));
}

}  // namespace

void BilinearInterpV2(KernelContext& ctx) {
  const bool align_corners = ctx.Attr<bool>("align_corners", true);
  const int64_t align_mode = ctx.Attr<int64_t>("align_mode", 1);
  // align_mode 0 without align_corners is "half-pixel"; everything else
  // maps output i to ratio·i.
  const bool half_pixel = align_mode == 0 && !align_corners;
  LinearTaps rows, cols;
  bool taps_ready = false;
  Interpolate(
      ctx, [&](const float* src, float* dst, int64_t in_h, int64_t in_w, const ResizePlan& plan) {
        if (!taps_ready) {
          rows = MakeLinearTaps(in_h, plan.out_h, plan.ratio_h, half_pixel);
          cols = MakeLinearTaps(in_w, plan.out_w, plan.ratio_w, half_pixel);
          taps_ready = true;
        }
        for (int64_t i = 0; i < plan.out_h; ++i) {
          const float* top = src + rows.lo[i] * in_w;
          const float* bottom = src + rows.hi[i] * in_w;
          const double fy = rows.frac[i];
          for (int64_t j = 0; j < plan.out_w; ++j) {
            const double fx = cols.frac[j];
            const double upper = top[cols.lo[j]] * (1 - fx) + top[cols.hi[j]] * fx;
            const double lower = bottom[cols.lo[j]] * (1 - fx) + bottom[cols.hi[j]] * fx;
            *dst++ = static_cast<float>(upper * (1 - fy) + lower * fy);
          }
        }
      });
}

void NearestInterpV2(KernelContext& ctx) {
  const bool align_corners = ctx.Attr<bool>("align_corners", true);
  std::vector<int64_t> rows, cols;
  Interpolate(
      ctx, [&](const float* src, float* dst, int64_t in_h, int64_t in_w, const ResizePlan& plan) {
        if (rows.empty()) {
          rows = NearestTaps(in_h, plan.out_h, plan.ratio_h, align_corners);
          cols = NearestTaps(in_w, plan.out_w, plan.ratio_w, align_corners);
        }
        for (int64_t i = 0; i < plan.out_h; ++i) {
          for (int64_t j = 0; j < plan.out_w; ++j) *dst++ = src[rows[i] * in_w + cols[j]];
        }
      });
}

}  // namespace pd2onnx::interp::kernels

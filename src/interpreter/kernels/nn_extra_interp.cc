// linear_interp_v2 (3-D), trilinear_interp_v2 (5-D) and bicubic_interp_v2
// (4-D), following phi/kernels/cpu/interpolate_kernel.cc including its
// float32 coordinate arithmetic (docs/paddle-formats.md 5.15). Output size:
// SizeTensor > OutSize > Scale tensor > `scale` attribute (when it has one
// positive entry per spatial axis) > out_d / out_h / out_w.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "interpreter/kernels/nn_extra.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// Paddle's interpolation kernels test `data_layout == NCHW`: every other
// value, "AnyLayout" included, is channel-last.
bool ChannelLastLayout(const std::string& layout) {
  return layout != "NCHW" && layout != "NCDHW" && layout != "NCW" && layout != "NCL";
}

struct InterpPlan {
  HostTensor x;  // channel-first
  bool channel_last = false;
  std::vector<int64_t> in, out;
  std::vector<float> ratio;
};

// Reads X and computes the output extents and per-axis steps.
InterpPlan Plan(const KernelContext& ctx, size_t n) {
  InterpPlan plan;
  const HostTensor& input = ctx.Input("X");
  RequireFloat32(input, "X");
  PD2ONNX_CHECK(input.dims.size() == n + 2, ErrorKind::kInvalidInput, "X must be {}-D, got {}",
                n + 2, graph::ShapeToString(input.dims));
  plan.channel_last = ChannelLastLayout(ctx.Attr<std::string>("data_layout", "NCHW"));
  std::vector<int64_t> to_first = {0, static_cast<int64_t>(n) + 1};
  for (size_t i = 1; i <= n; ++i) to_first.push_back(static_cast<int64_t>(i));
  plan.x = plan.channel_last ? Permute(input, to_first) : input;
  plan.in.assign(plan.x.dims.begin() + 2, plan.x.dims.end());

  const char* names[] = {"out_d", "out_h", "out_w"};
  std::vector<int64_t> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = ctx.Attr<int64_t>(names[3 - n + i], 0);
  std::vector<float> scale(n, -1.0f);
  const auto size_tensors = ctx.InputList("SizeTensor");
  if (!size_tensors.empty()) {
    PD2ONNX_CHECK(size_tensors.size() == n, ErrorKind::kInvalidInput,
                  "SizeTensor must hold {} tensors, not {}", n, size_tensors.size());
    for (size_t i = 0; i < n; ++i) out[i] = ScalarInt(*size_tensors[i], "SizeTensor");
  } else {
    if (const HostTensor* scale_tensor = ctx.OptionalInput("Scale")) {
      const std::vector<double> values = scale_tensor->ToDouble();
      PD2ONNX_CHECK(!values.empty(), ErrorKind::kInvalidInput, "Scale tensor is empty");
      for (size_t i = 0; i < n; ++i) {
        scale[i] = static_cast<float>(values.size() > i ? values[i] : values[0]);
        PD2ONNX_CHECK(scale[i] > 0, ErrorKind::kInvalidInput, "Scale values must be positive");
      }
    } else {
      const auto attr = ctx.Attr<std::vector<float>>("scale", {});
      bool positive = attr.size() >= n;
      for (size_t i = 0; positive && i < n; ++i) positive = attr[i] > 0;
      if (positive) scale.assign(attr.begin(), attr.begin() + static_cast<std::ptrdiff_t>(n));
    }
    if (scale[0] > 0) {
      for (size_t i = 0; i < n; ++i) {
        out[i] = static_cast<int64_t>(static_cast<float>(plan.in[i]) * scale[i]);
      }
    }
    if (const HostTensor* out_size = ctx.OptionalInput("OutSize")) {
      const std::vector<int64_t> values = IntValues(*out_size);
      PD2ONNX_CHECK(values.size() == n, ErrorKind::kInvalidInput, "OutSize must hold {} values", n);
      out = values;
    }
  }
  const bool align_corners = ctx.Attr<bool>("align_corners", true);
  for (size_t i = 0; i < n; ++i) {
    PD2ONNX_CHECK(out[i] > 0, ErrorKind::kInvalidInput, "output extent {} is not positive", out[i]);
    float ratio = 0.f;
    if (out[i] > 1) {
      const float step = scale[i] > 0 ? static_cast<float>(1.0 / scale[i])
                                      : static_cast<float>(plan.in[i]) / static_cast<float>(out[i]);
      ratio = align_corners ? static_cast<float>(plan.in[i] - 1) / static_cast<float>(out[i] - 1)
                            : step;
    }
    plan.ratio.push_back(ratio);
  }
  plan.out = out;
  return plan;
}

void Finish(KernelContext& ctx, const InterpPlan& plan, HostTensor y) {
  const size_t n = plan.in.size();
  if (plan.channel_last) {
    std::vector<int64_t> to_last = {0};
    for (size_t i = 2; i < n + 2; ++i) to_last.push_back(static_cast<int64_t>(i));
    to_last.push_back(1);
    y = Permute(y, to_last);
  }
  ctx.SetOutput("Out", std::move(y));
}

// Linear taps along one axis (Paddle's arithmetic): the index truncates,
// half-pixel clamps the source at 0; the weight uses the float source.
struct Taps {
  std::vector<int64_t> lo, hi;
  std::vector<float> frac;
};

Taps LinearTaps(int64_t in, int64_t out, float ratio, bool half_pixel) {
  Taps taps;
  for (int64_t i = 0; i < out; ++i) {
    int64_t lo = half_pixel ? static_cast<int64_t>(ratio * (static_cast<double>(i) + 0.5) - 0.5)
                            : static_cast<int64_t>(ratio * static_cast<float>(i));
    lo = std::max<int64_t>(lo, 0);
    float src = half_pixel ? static_cast<float>(ratio * (static_cast<double>(i) + 0.5) - 0.5)
                           : ratio * static_cast<float>(i);
    src = std::max(src, 0.f);
    taps.lo.push_back(lo);
    taps.hi.push_back(lo < in - 1 ? lo + 1 : lo);
    taps.frac.push_back(src - static_cast<float>(lo));
  }
  return taps;
}

// Paddle's cubic convolution weights for fraction t (A = -0.75).
std::array<double, 4> CubicWeights(double t) {
  const double a = -0.75;
  auto inner = [&](double x) { return ((a + 2) * x - (a + 3)) * x * x + 1; };
  auto outer = [&](double x) { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a; };
  return {outer(t + 1), inner(t), inner(1 - t), outer(2 - t)};
}

}  // namespace

// Separable linear interpolation over 1 (linear) or 3 (trilinear) axes;
// the output is a copy when every extent is unchanged.
void LinearInterpV2(KernelContext& ctx) {
  const size_t n = ctx.op().type == "trilinear_interp_v2" ? 3 : 1;
  const InterpPlan plan = Plan(ctx, n);
  const bool align_corners = ctx.Attr<bool>("align_corners", true);
  const bool half_pixel = ctx.Attr<int64_t>("align_mode", 1) == 0 && !align_corners;
  Dims out_dims = {plan.x.dims[0], plan.x.dims[1]};
  out_dims.insert(out_dims.end(), plan.out.begin(), plan.out.end());
  if (plan.out == plan.in) return Finish(ctx, plan, plan.x);
  std::vector<Taps> taps;
  for (size_t a = 0; a < n; ++a) {
    taps.push_back(LinearTaps(plan.in[a], plan.out[a], plan.ratio[a], half_pixel));
  }
  // Treat the 1-D case as D = H = 1.
  const int64_t in_d = n == 3 ? plan.in[0] : 1, in_h = n == 3 ? plan.in[1] : 1;
  const int64_t in_w = plan.in[n - 1];
  const int64_t out_d = n == 3 ? plan.out[0] : 1, out_h = n == 3 ? plan.out[1] : 1;
  const int64_t out_w = plan.out[n - 1];
  const Taps unit = {{0}, {0}, {0.f}};
  const Taps& td = n == 3 ? taps[0] : unit;
  const Taps& th = n == 3 ? taps[1] : unit;
  const Taps& tw = taps[n - 1];
  HostTensor y(DataType::kFloat32, out_dims);
  const int64_t planes = plan.x.dims[0] * plan.x.dims[1];
  float* dst = y.data<float>();
  for (int64_t p = 0; p < planes; ++p) {
    const float* src = plan.x.data<float>() + p * in_d * in_h * in_w;
    auto at = [&](int64_t z, int64_t yy, int64_t xx) -> double {
      return src[(z * in_h + yy) * in_w + xx];
    };
    for (int64_t k = 0; k < out_d; ++k) {
      const double fd = td.frac[k];
      for (int64_t i = 0; i < out_h; ++i) {
        const double fh = th.frac[i];
        for (int64_t j = 0; j < out_w; ++j) {
          const double fw = tw.frac[j];
          double v = 0;
          for (int dz = 0; dz < 2; ++dz) {
            const int64_t z = dz ? td.hi[k] : td.lo[k];
            const double wz = dz ? fd : 1 - fd;
            for (int dy = 0; dy < 2; ++dy) {
              const int64_t yy = dy ? th.hi[i] : th.lo[i];
              const double wy = dy ? fh : 1 - fh;
              v += wz * wy * (at(z, yy, tw.lo[j]) * (1 - fw) + at(z, yy, tw.hi[j]) * fw);
            }
          }
          *dst++ = static_cast<float>(v);
        }
      }
    }
  }
  Finish(ctx, plan, std::move(y));
}

// Cubic convolution (A = -0.75) over the 4x4 neighbourhood with clamped
// indices; src = ratio·d (align_corners) or ratio·(d + 0.5) - 0.5.
void BicubicInterpV2(KernelContext& ctx) {
  const InterpPlan plan = Plan(ctx, 2);
  const bool align_corners = ctx.Attr<bool>("align_corners", true);
  if (plan.out == plan.in) return Finish(ctx, plan, plan.x);
  const int64_t in_h = plan.in[0], in_w = plan.in[1];
  const int64_t out_h = plan.out[0], out_w = plan.out[1];
  HostTensor y(DataType::kFloat32, {plan.x.dims[0], plan.x.dims[1], out_h, out_w});
  const int64_t planes = plan.x.dims[0] * plan.x.dims[1];
  float* dst = y.data<float>();
  auto source = [&](float ratio, int64_t d) -> float {
    return align_corners ? ratio * static_cast<float>(d)
                         : static_cast<float>(ratio * (static_cast<double>(d) + 0.5) - 0.5);
  };
  for (int64_t p = 0; p < planes; ++p) {
    const float* src = plan.x.data<float>() + p * in_h * in_w;
    for (int64_t k = 0; k < out_h; ++k) {
      const float y_n = source(plan.ratio[0], k);
      const auto y0 = static_cast<int64_t>(std::floor(y_n));
      const auto wy = CubicWeights(y_n - static_cast<float>(y0));
      for (int64_t l = 0; l < out_w; ++l) {
        const float x_n = source(plan.ratio[1], l);
        const auto x0 = static_cast<int64_t>(std::floor(x_n));
        const auto wx = CubicWeights(x_n - static_cast<float>(x0));
        double v = 0;
        for (int64_t ii = 0; ii < 4; ++ii) {
          const int64_t row = std::clamp<int64_t>(y0 - 1 + ii, 0, in_h - 1);
          double line = 0;
          for (int64_t jj = 0; jj < 4; ++jj) {
            const int64_t col = std::clamp<int64_t>(x0 - 1 + jj, 0, in_w - 1);
            line += wx[jj] * src[row * in_w + col];
          }
          v += wy[ii] * line;
        }
        *dst++ = static_cast<float>(v);
      }
    }
  }
  Finish(ctx, plan, std::move(y));
}

}  // namespace pd2onnx::interp::kernels

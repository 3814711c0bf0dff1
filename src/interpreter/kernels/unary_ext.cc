// Unary math and parametric activations from Paddle's functors
// (paddle/phi/kernels/funcs/activation_functor.h): X → Out, same shape and
// dtype. Values are computed in double and rounded once.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "interpreter/kernels/elementwise_math.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// Applies f (double → double) to every element of the floating-point X.
template <typename F>
void FloatUnary(KernelContext& ctx, F f) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(x.dtype == DataType::kFloat32 || x.dtype == DataType::kFloat64,
                ErrorKind::kUnsupported, "{}: X has dtype {}; this op takes float32/float64",
                ctx.op().type, graph::DataTypeName(x.dtype));
  HostTensor out(x.dtype, x.dims);
  const int64_t n = x.numel();
  if (x.dtype == DataType::kFloat32) {
    const float* in = x.data<float>();
    float* o = out.data<float>();
    for (int64_t i = 0; i < n; ++i) o[i] = static_cast<float>(f(static_cast<double>(in[i])));
  } else {
    const double* in = x.data<double>();
    double* o = out.data<double>();
    for (int64_t i = 0; i < n; ++i) o[i] = f(in[i]);
  }
  ctx.SetOutput("Out", std::move(out));
}

// Like FloatUnary, but integer X is mapped exactly by g (int64 → int64).
template <typename F, typename G>
void NumericUnary(KernelContext& ctx, F f, G g) {
  const HostTensor& x = ctx.Input("X");
  if (x.dtype == DataType::kFloat32 || x.dtype == DataType::kFloat64) return FloatUnary(ctx, f);
  HostTensor out(x.dtype, x.dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    if constexpr (std::is_same_v<T, bool>) {
      Fail(ErrorKind::kUnsupported, "{} of bool tensors", ctx.op().type);
    } else if constexpr (std::is_integral_v<T>) {
      const T* in = x.data<T>();
      T* o = out.data<T>();
      for (int64_t i = 0; i < x.numel(); ++i) o[i] = static_cast<T>(g(static_cast<int64_t>(in[i])));
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

double SoftplusOf(double x) {
  return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

}  // namespace

void Acos(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::acos(x); });
}
void Acosh(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::acosh(x); });
}
void Asin(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::asin(x); });
}
void Asinh(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::asinh(x); });
}
void Atan(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::atan(x); });
}
void Atanh(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::atanh(x); });
}
void Ceil(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::ceil(x); });
}
void Cos(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::cos(x); });
}
void Cosh(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::cosh(x); });
}
void Erf(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::erf(x); });
}
void Expm1(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::expm1(x); });
}
void Floor(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::floor(x); });
}
void Log10(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::log10(x); });
}
void Log1p(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::log1p(x); });
}
void Log2(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::log2(x); });
}
void Reciprocal(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return 1.0 / x; });
}
// std::round: halves go away from zero (2.5 → 3, -2.5 → -3).
void Round(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::round(x); });
}
void Sin(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::sin(x); });
}
void Sinh(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::sinh(x); });
}
void Tan(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return std::tan(x); });
}

void Sign(KernelContext& ctx) {
  NumericUnary(
      ctx, [](double x) { return static_cast<double>((x > 0) - (x < 0)); },
      [](int64_t x) { return static_cast<int64_t>((x > 0) - (x < 0)); });
}

void Trunc(KernelContext& ctx) {
  NumericUnary(
      ctx, [](double x) { return std::trunc(x); }, [](int64_t x) { return x; });
}

void Softsign(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return x / (1.0 + std::fabs(x)); });
}

void TanhShrink(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return x - std::tanh(x); });
}

// log(sigmoid(x)) = -log(1 + e^-x).
void LogSigmoid(KernelContext& ctx) {
  FloatUnary(ctx, [](double x) { return -SoftplusOf(-x); });
}

void Mish(KernelContext& ctx) {
  const double threshold = ctx.Attr<double>("threshold", 20.0);
  FloatUnary(ctx, [=](double x) {
    const double sp = x > threshold ? x : std::log1p(std::exp(x));
    return x * std::tanh(sp);
  });
}

void Selu(KernelContext& ctx) {
  const double scale = ctx.Attr<double>("scale", 1.0507009873554804934193349852946);
  const double alpha = ctx.Attr<double>("alpha", 1.6732632423543772848170429916717);
  FloatUnary(ctx, [=](double x) { return scale * (x > 0 ? x : alpha * std::exp(x) - alpha); });
}

void Celu(KernelContext& ctx) {
  const double alpha = ctx.Attr<double>("alpha", 1.0);
  PD2ONNX_CHECK(alpha != 0, ErrorKind::kInvalidInput, "celu alpha must not be 0");
  FloatUnary(ctx, [=](double x) {
    return std::max(0.0, x) + std::min(0.0, alpha * (std::exp(x / alpha) - 1.0));
  });
}

void SoftShrink(KernelContext& ctx) {
  const double lambda = ctx.Attr<double>("lambda", 0.5);
  FloatUnary(ctx,
             [=](double x) { return x > lambda ? x - lambda : (x < -lambda ? x + lambda : 0.0); });
}

void HardShrink(KernelContext& ctx) {
  const double t = ctx.Attr<double>("threshold", 0.5);
  FloatUnary(ctx, [=](double x) { return (x < -t || x > t) ? x : 0.0; });
}

void Brelu(KernelContext& ctx) {
  const double t_min = ctx.Attr<double>("t_min", 0.0);
  const double t_max = ctx.Attr<double>("t_max", 24.0);
  FloatUnary(ctx, [=](double x) { return std::min(std::max(x, t_min), t_max); });
}

void ThresholdedRelu(KernelContext& ctx) {
  const double threshold = ctx.Attr<double>("threshold", 1.0);
  FloatUnary(ctx, [=](double x) { return x > threshold ? x : 0.0; });
}

// eps > 0: p = clamp(x, eps, 1 - eps); eps == 0: x outside [0, 1] is NaN.
void Logit(KernelContext& ctx) {
  const double eps = ctx.Attr<double>("eps", 1e-6);
  FloatUnary(ctx, [=](double x) {
    if (eps == 0.0) {
      if (x < 0.0 || x > 1.0) return std::numeric_limits<double>::quiet_NaN();
      return std::log(x / (1.0 - x));
    }
    const double p = std::min(std::max(x, eps), 1.0 - eps);
    return std::log(p / (1.0 - p));
  });
}

// log(softmax(x)) along `axis`: x - max - log(Σ e^(x - max)).
void LogSoftmax(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "log_softmax X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  HostTensor out(x.dtype, x.dims);
  if (rank == 0) {  // one element: log(1) = 0
    out.data<float>()[0] = 0.0f;
    ctx.SetOutput("Out", std::move(out));
    return;
  }
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", -1), rank);
  const int64_t outer = Product(x.dims, 0, axis);
  const int64_t n = x.dims[axis];
  const int64_t inner = Product(x.dims, axis + 1, x.dims.size());
  const float* in = x.data<float>();
  float* o = out.data<float>();
  for (int64_t a = 0; a < outer; ++a) {
    for (int64_t b = 0; b < inner; ++b) {
      const int64_t base = a * n * inner + b;
      double mx = -std::numeric_limits<double>::infinity();
      for (int64_t k = 0; k < n; ++k) mx = std::max(mx, static_cast<double>(in[base + k * inner]));
      double sum = 0;
      for (int64_t k = 0; k < n; ++k) sum += std::exp(in[base + k * inner] - mx);
      const double log_sum = std::log(sum);
      for (int64_t k = 0; k < n; ++k) {
        o[base + k * inner] = static_cast<float>(in[base + k * inner] - mx - log_sum);
      }
    }
  }
  ctx.SetOutput("Out", std::move(out));
}

// x > 0 ? x : alpha·x, alpha indexed by mode: "all" one value, "channel"
// the channel (axis 1, or the last axis for channel-last data_format),
// "element" the position within one batch item.
void Prelu(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& alpha = ctx.Input("Alpha");
  RequireFloat32(x, "prelu X");
  RequireFloat32(alpha, "prelu Alpha");
  const std::string mode = ctx.Attr<std::string>("mode", "all");
  const std::string format = ctx.Attr<std::string>("data_format", "NCHW");
  const bool channel_last = !format.empty() && format.back() == 'C' && format != "NC";
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const int64_t n = x.numel();
  HostTensor out(x.dtype, x.dims);
  const float* in = x.data<float>();
  const float* a = alpha.data<float>();
  float* o = out.data<float>();
  int64_t channels = 1, inner = 1, per_item = 1;
  if (mode == "channel") {
    PD2ONNX_CHECK(rank >= 2, ErrorKind::kInvalidInput, "prelu channel mode needs rank >= 2");
    channels = channel_last ? x.dims[rank - 1] : x.dims[1];
    inner = channel_last ? 1 : Product(x.dims, 2, x.dims.size());
    PD2ONNX_CHECK(alpha.numel() == channels, ErrorKind::kInvalidInput,
                  "prelu Alpha has {} values for {} channels", alpha.numel(), channels);
  } else if (mode == "element") {
    per_item = rank == 0 ? 1 : Product(x.dims, 1, x.dims.size());
    PD2ONNX_CHECK(alpha.numel() == per_item, ErrorKind::kInvalidInput,
                  "prelu Alpha has {} values for {} per item", alpha.numel(), per_item);
  } else {
    PD2ONNX_CHECK(mode == "all", ErrorKind::kUnsupported, "prelu mode '{}'", mode);
  }
  for (int64_t i = 0; i < n; ++i) {
    int64_t k = 0;
    if (mode == "channel") k = (i / inner) % channels;
    if (mode == "element") k = i % per_item;
    const double v = in[i];
    o[i] = static_cast<float>(v > 0 ? v : a[k] * v);
  }
  ctx.SetOutput("Out", std::move(out));
}

// norm = sqrt(Σ x²); norm > max_norm ? x · max_norm / norm : x.
void ClipByNorm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "clip_by_norm X");
  const double max_norm = ctx.Attr<double>("max_norm");
  double sum = 0;
  for (int64_t i = 0; i < x.numel(); ++i)
    sum += static_cast<double>(x.data<float>()[i]) * x.data<float>()[i];
  const double norm = std::sqrt(sum);
  const double scale = norm > max_norm ? max_norm / norm : 1.0;
  HostTensor out(x.dtype, x.dims);
  for (int64_t i = 0; i < x.numel(); ++i) {
    out.data<float>()[i] = static_cast<float>(x.data<float>()[i] * scale);
  }
  ctx.SetOutput("Out", std::move(out));
}

}  // namespace pd2onnx::interp::kernels

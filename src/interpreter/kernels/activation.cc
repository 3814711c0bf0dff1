// Element-wise activations and unary math: X → Out, same shape and dtype.
// Values are computed in double from the float inputs and rounded once.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "interpreter/kernels/kernels.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// Applies f (double → double) to every element of the floating-point X.
template <typename F>
void Unary(KernelContext& ctx, F f) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(x.dtype == DataType::kFloat32 || x.dtype == DataType::kFloat64,
                ErrorKind::kUnsupported, "X has dtype {}; this activation takes float32/float64",
                graph::DataTypeName(x.dtype));
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

double SigmoidOf(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

void Relu(KernelContext& ctx) {
  Unary(ctx, [](double x) { return x > 0 ? x : 0.0; });
}

void Relu6(KernelContext& ctx) {
  const double threshold = ctx.Attr<double>("threshold", 6.0);
  Unary(ctx, [=](double x) { return std::min(std::max(x, 0.0), threshold); });
}

void Sigmoid(KernelContext& ctx) { Unary(ctx, SigmoidOf); }

void Tanh(KernelContext& ctx) {
  Unary(ctx, [](double x) { return std::tanh(x); });
}

void HardSigmoid(KernelContext& ctx) {
  const double slope = ctx.Attr<double>("slope", 0.2);
  const double offset = ctx.Attr<double>("offset", 0.5);
  Unary(ctx, [=](double x) { return std::clamp(slope * x + offset, 0.0, 1.0); });
}

void HardSwish(KernelContext& ctx) {
  const double threshold = ctx.Attr<double>("threshold", 6.0);
  const double scale = ctx.Attr<double>("scale", 6.0);
  const double offset = ctx.Attr<double>("offset", 3.0);
  Unary(ctx, [=](double x) { return x * std::min(std::max(x + offset, 0.0), threshold) / scale; });
}

void Swish(KernelContext& ctx) {
  const double beta = ctx.Attr<double>("beta", 1.0);
  Unary(ctx, [=](double x) { return x * SigmoidOf(beta * x); });
}

void Silu(KernelContext& ctx) {
  Unary(ctx, [](double x) { return x * SigmoidOf(x); });
}

void Gelu(KernelContext& ctx) {
  if (ctx.Attr<bool>("approximate", false)) {
    // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    const double k = std::sqrt(2.0 / std::numbers::pi);
    Unary(ctx,
          [=](double x) { return 0.5 * x * (1.0 + std::tanh(k * (x + 0.044715 * x * x * x))); });
  } else {
    // 0.5·x·(1 + erf(x/√2))
    Unary(ctx, [](double x) { return 0.5 * x * (1.0 + std::erf(x / std::numbers::sqrt2)); });
  }
}

void LeakyRelu(KernelContext& ctx) {
  const double alpha = ctx.Attr<double>("alpha", 0.02);
  Unary(ctx, [=](double x) { return x >= 0 ? x : alpha * x; });
}

void Sqrt(KernelContext& ctx) {
  Unary(ctx, [](double x) { return std::sqrt(x); });
}

void Rsqrt(KernelContext& ctx) {
  Unary(ctx, [](double x) { return 1.0 / std::sqrt(x); });
}

void Exp(KernelContext& ctx) {
  Unary(ctx, [](double x) { return std::exp(x); });
}

void Log(KernelContext& ctx) {
  Unary(ctx, [](double x) { return std::log(x); });
}

// Paddle registers abs for int32 and int64 too; integers stay exact.
void Abs(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  if (x.dtype == DataType::kInt32 || x.dtype == DataType::kInt64) {
    HostTensor out(x.dtype, x.dims);
    const int64_t n = x.numel();
    if (x.dtype == DataType::kInt32) {
      for (int64_t i = 0; i < n; ++i) out.data<int32_t>()[i] = std::abs(x.data<int32_t>()[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) out.data<int64_t>()[i] = std::abs(x.data<int64_t>()[i]);
    }
    ctx.SetOutput("Out", std::move(out));
    return;
  }
  Unary(ctx, [](double v) { return std::fabs(v); });
}

void Square(KernelContext& ctx) {
  Unary(ctx, [](double x) { return x * x; });
}

void Elu(KernelContext& ctx) {
  const double alpha = ctx.Attr<double>("alpha", 1.0);
  Unary(ctx, [=](double x) { return x > 0 ? x : alpha * (std::exp(x) - 1.0); });
}

void Softplus(KernelContext& ctx) {
  const double beta = ctx.Attr<double>("beta", 1.0);
  const double threshold = ctx.Attr<double>("threshold", 20.0);
  // Above the threshold log(1 + e^(βx))/β is x to float precision.
  Unary(ctx,
        [=](double x) { return beta * x > threshold ? x : std::log1p(std::exp(beta * x)) / beta; });
}

}  // namespace pd2onnx::interp::kernels

// scale, pow, clip and cast (docs/paddle-formats.md 5.8, 5.9, 5.11).
#include <cmath>
#include <limits>
#include <type_traits>

#include "interpreter/kernels/kernels.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// Applies f(T) → T to every element of X in X's own dtype.
template <typename F>
HostTensor MapSameType(const HostTensor& x, F f) {
  HostTensor out(x.dtype, x.dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    if constexpr (std::is_same_v<T, bool>) {
      Fail(ErrorKind::kUnsupported, "arithmetic on bool tensors");
    } else {
      const T* in = x.data<T>();
      T* o = out.data<T>();
      for (int64_t i = 0; i < x.numel(); ++i) o[i] = f(in[i]);
    }
  });
  return out;
}

}  // namespace

void Scale(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  double scale = ctx.Attr<double>("scale", 1.0);
  if (const HostTensor* t = ctx.OptionalInput("ScaleTensor"))
    scale = ScalarValue(*t, "ScaleTensor");
  const double bias = ctx.Attr<double>("bias", 0.0);
  const bool bias_after_scale = ctx.Attr<bool>("bias_after_scale", true);
  ctx.SetOutput("Out", MapSameType(x, [&]<typename T>(T v) -> T {
                  if constexpr (std::is_floating_point_v<T>) {
                    const double d = static_cast<double>(v);
                    return static_cast<T>(bias_after_scale ? scale * d + bias : scale * (d + bias));
                  } else {
                    // Integer tensors compute in their own type: scale and bias are first
                    // truncated to it (Paddle converts both attributes to T).
                    const T s = static_cast<T>(scale);
                    const T b = static_cast<T>(bias);
                    return static_cast<T>(bias_after_scale ? s * v + b : s * (v + b));
                  }
                }));
}

void Pow(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  double factor = ctx.Attr<double>("factor", 1.0);
  if (const HostTensor* t = ctx.OptionalInput("FactorTensor")) {
    factor = ScalarValue(*t, "FactorTensor");
  }
  // Paddle's PowFunctor casts the factor to the element type first, so an
  // integer tensor raised to 2.5 is squared.
  ctx.SetOutput("Out", MapSameType(x, [&]<typename T>(T v) -> T {
                  const double exponent = static_cast<double>(static_cast<T>(factor));
                  return static_cast<T>(std::pow(static_cast<double>(v), exponent));
                }));
}

void Clip(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  double lo = ctx.Attr<double>("min", -std::numeric_limits<double>::infinity());
  double hi = ctx.Attr<double>("max", std::numeric_limits<double>::infinity());
  if (const HostTensor* t = ctx.OptionalInput("Min")) lo = ScalarValue(*t, "Min");
  if (const HostTensor* t = ctx.OptionalInput("Max")) hi = ScalarValue(*t, "Max");
  PD2ONNX_CHECK(lo <= hi, ErrorKind::kInvalidInput, "clip min {} is greater than max {}", lo, hi);
  // Compare in double: a missing bound is infinite, which no integer holds.
  ctx.SetOutput("Out", MapSameType(x, [&]<typename T>(T v) -> T {
                  const double d = static_cast<double>(v);
                  if (d < lo) return static_cast<T>(lo);
                  if (d > hi) return static_cast<T>(hi);
                  return v;
                }));
}

void Cast(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t paddle_type = ctx.Attr<int64_t>("out_dtype");
  const auto to = graph::DataTypeFromPaddle(paddle_type);
  PD2ONNX_CHECK(to.has_value(), ErrorKind::kInvalidInput, "out_dtype {} is not a dtype",
                paddle_type);
  ctx.SetOutput("Out", CastTo(x, *to));
}

}  // namespace pd2onnx::interp::kernels

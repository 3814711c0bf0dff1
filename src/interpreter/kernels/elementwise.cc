// Element-wise binary ops with Paddle's legacy `axis` broadcasting
// (docs/paddle-formats.md 5.6): the lower-rank operand's shape is placed
// into the higher rank starting at dimension `axis` (-1: aligned to the
// right, i.e. NumPy), padded with 1s; then every dimension pair must be
// equal or contain a 1.
#include <cmath>
#include <type_traits>

#include "interpreter/kernels/elementwise_math.h"
#include "interpreter/kernels/kernels.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

struct BroadcastPlan {
  Dims out_dims;
  Dims x_strides;  // per output dim; 0 where X is broadcast
  Dims y_strides;
};

// `small` placed into a rank-`rank` shape at `axis`, padded with 1s.
Dims AlignAt(Dims small, size_t rank, int64_t axis) {
  const int64_t diff = static_cast<int64_t>(rank) - static_cast<int64_t>(small.size());
  if (axis < 0) axis = diff + axis + 1;  // -1 → right-aligned
  // Old programs may give Y trailing 1-dims that do not fit after `axis`
  // (X [N, C], Y [C, 1], axis 1); Paddle drops them.
  while (axis + static_cast<int64_t>(small.size()) > static_cast<int64_t>(rank) && !small.empty() &&
         small.back() == 1) {
    small.pop_back();
  }
  PD2ONNX_CHECK(
      axis >= 0 && axis + static_cast<int64_t>(small.size()) <= static_cast<int64_t>(rank),
      ErrorKind::kInvalidInput, "axis {} cannot place shape {} inside rank {}", axis,
      graph::ShapeToString(small), rank);
  Dims aligned(rank, 1);
  for (size_t i = 0; i < small.size(); ++i) aligned[axis + i] = small[i];
  return aligned;
}

// Element strides of `dims` with 0 for broadcast (size-1) dimensions.
Dims BroadcastStrides(const Dims& dims, const Dims& out_dims) {
  Dims strides = Strides(dims);
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == 1 && out_dims[i] != 1) strides[i] = 0;
  }
  return strides;
}

BroadcastPlan PlanBroadcast(const Dims& x, const Dims& y, int64_t axis) {
  const size_t rank = std::max(x.size(), y.size());
  const Dims xa = x.size() == rank ? x : AlignAt(x, rank, axis);
  const Dims ya = y.size() == rank ? y : AlignAt(y, rank, axis);
  BroadcastPlan plan;
  plan.out_dims.resize(rank);
  for (size_t i = 0; i < rank; ++i) {
    PD2ONNX_CHECK(xa[i] == ya[i] || xa[i] == 1 || ya[i] == 1, ErrorKind::kInvalidInput,
                  "shapes {} and {} do not broadcast (axis {})", graph::ShapeToString(x),
                  graph::ShapeToString(y), axis);
    plan.out_dims[i] = xa[i] == 1 ? ya[i] : xa[i];
  }
  plan.x_strides = BroadcastStrides(xa, plan.out_dims);
  plan.y_strides = BroadcastStrides(ya, plan.out_dims);
  return plan;
}

// out[idx] = f(x[idx · x_strides], y[idx · y_strides]) over out_dims; the
// innermost dimension is a tight loop, the outer ones an odometer.
template <typename T, typename O, typename F>
void ApplyBroadcast(const T* x, const T* y, O* out, const BroadcastPlan& plan, F f) {
  const Dims& dims = plan.out_dims;
  if (graph::NumElements(dims) == 0) return;
  if (dims.empty()) {
    out[0] = f(x[0], y[0]);
    return;
  }
  const int64_t rank = static_cast<int64_t>(dims.size());
  const int64_t inner = dims[rank - 1];
  const int64_t xs = plan.x_strides[rank - 1];
  const int64_t ys = plan.y_strides[rank - 1];
  std::vector<int64_t> index(rank, 0);
  int64_t xo = 0, yo = 0;
  while (true) {
    for (int64_t i = 0; i < inner; ++i) out[i] = f(x[xo + i * xs], y[yo + i * ys]);
    out += inner;
    int64_t d = rank - 2;
    for (; d >= 0; --d) {
      ++index[d];
      xo += plan.x_strides[d];
      yo += plan.y_strides[d];
      if (index[d] < dims[d]) break;
      xo -= plan.x_strides[d] * dims[d];
      yo -= plan.y_strides[d] * dims[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

// Runs a binary op; `op` is a generic lambda (T a, T b) → T instantiated for
// the dtype of X. Y is converted to X's dtype if it differs.
template <typename Op>
void Binary(KernelContext& ctx, Op op) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y_in = ctx.Input("Y");
  const HostTensor y = y_in.dtype == x.dtype ? HostTensor() : CastTo(y_in, x.dtype);
  const HostTensor& yv = y_in.dtype == x.dtype ? y_in : y;
  const BroadcastPlan plan = PlanBroadcast(x.dims, yv.dims, ctx.Attr<int64_t>("axis", -1));
  HostTensor out(x.dtype, plan.out_dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    if constexpr (std::is_same_v<T, bool>) {
      Fail(ErrorKind::kUnsupported, "arithmetic on bool tensors");
    } else {
      ApplyBroadcast<T>(x.data<T>(), yv.data<T>(), out.data<T>(), plan,
                        [&](T a, T b) { return static_cast<T>(op(a, b)); });
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

// Runs a comparison-like op whose result is bool: `op` is (T a, T b) →
// bool for X's dtype; Y is converted to X's dtype if it differs.
template <typename Op>
void BinaryToBool(KernelContext& ctx, Op op) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y_in = ctx.Input("Y");
  const HostTensor y = y_in.dtype == x.dtype ? HostTensor() : CastTo(y_in, x.dtype);
  const HostTensor& yv = y_in.dtype == x.dtype ? y_in : y;
  const BroadcastPlan plan = PlanBroadcast(x.dims, yv.dims, ctx.Attr<int64_t>("axis", -1));
  HostTensor out(DataType::kBool, plan.out_dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    ApplyBroadcast<T>(x.data<T>(), yv.data<T>(), out.data<bool>(), plan,
                      [&](T a, T b) { return static_cast<bool>(op(a, b)); });
  });
  ctx.SetOutput("Out", std::move(out));
}

// Logical ops: both operands read as x != 0 (any dtype), result bool.
template <typename Op>
void LogicalBinary(KernelContext& ctx, Op op) {
  const HostTensor x = CastTo(ctx.Input("X"), DataType::kBool);
  const HostTensor y = CastTo(ctx.Input("Y"), DataType::kBool);
  const BroadcastPlan plan = PlanBroadcast(x.dims, y.dims, ctx.Attr<int64_t>("axis", -1));
  HostTensor out(DataType::kBool, plan.out_dims);
  ApplyBroadcast<bool>(x.data<bool>(), y.data<bool>(), out.data<bool>(), plan,
                       [&](bool a, bool b) { return static_cast<bool>(op(a, b)); });
  ctx.SetOutput("Out", std::move(out));
}

// Bitwise ops on bool and integer tensors of one dtype.
template <typename Op>
void BitwiseBinary(KernelContext& ctx, Op op) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  PD2ONNX_CHECK(x.dtype == y.dtype, ErrorKind::kInvalidInput, "{}: X is {} but Y is {}",
                ctx.op().type, graph::DataTypeName(x.dtype), graph::DataTypeName(y.dtype));
  const BroadcastPlan plan = PlanBroadcast(x.dims, y.dims, ctx.Attr<int64_t>("axis", -1));
  HostTensor out(x.dtype, plan.out_dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    if constexpr (std::is_floating_point_v<T>) {
      Fail(ErrorKind::kUnsupported, "{} of floating-point tensors", ctx.op().type);
    } else {
      ApplyBroadcast<T>(x.data<T>(), y.data<T>(), out.data<T>(), plan,
                        [&](T a, T b) { return static_cast<T>(op(a, b)); });
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

template <typename T>
void CheckNonZeroDivisor(T b) {
  if constexpr (std::is_integral_v<T>) {
    PD2ONNX_CHECK(b != 0, ErrorKind::kInvalidInput, "integer division by zero");
  }
}

}  // namespace

void ElementwiseAdd(KernelContext& ctx) {
  Binary(ctx, []<typename T>(T a, T b) { return a + b; });
}

void ElementwiseSub(KernelContext& ctx) {
  Binary(ctx, []<typename T>(T a, T b) { return a - b; });
}

void ElementwiseMul(KernelContext& ctx) {
  Binary(ctx, []<typename T>(T a, T b) { return a * b; });
}

void ElementwiseDiv(KernelContext& ctx) {
  // Integer division truncates toward zero, as C++ does.
  Binary(ctx, []<typename T>(T a, T b) {
    CheckNonZeroDivisor(b);
    return a / b;
  });
}

void ElementwiseMax(KernelContext& ctx) {
  Binary(ctx, []<typename T>(T a, T b) { return a > b ? a : b; });
}

void ElementwiseMin(KernelContext& ctx) {
  Binary(ctx, []<typename T>(T a, T b) { return a < b ? a : b; });
}

void ElementwisePow(KernelContext& ctx) {
  // Computed in double; integer results are truncated like Paddle's CPU
  // kernel (std::pow, then a cast).
  Binary(ctx, []<typename T>(T a, T b) {
    return std::pow(static_cast<double>(a), static_cast<double>(b));
  });
}

void ElementwiseMod(KernelContext& ctx) {
  // Python modulo: the result takes the sign of the divisor.
  Binary(ctx, []<typename T>(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
      T r = std::fmod(a, b);
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return r;
    } else {
      CheckNonZeroDivisor(b);
      T r = static_cast<T>(a % b);
      if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
      return r;
    }
  });
}

void ElementwiseFloorDiv(KernelContext& ctx) {
  Binary(ctx, []<typename T>(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
      return std::floor(a / b);
    } else {
      CheckNonZeroDivisor(b);
      T q = static_cast<T>(a / b);
      if ((a % b != 0) && ((a < 0) != (b < 0))) --q;  // round toward -inf
      return q;
    }
  });
}

void Equal(KernelContext& ctx) {
  BinaryToBool(ctx, []<typename T>(T a, T b) { return a == b; });
}

void NotEqual(KernelContext& ctx) {
  BinaryToBool(ctx, []<typename T>(T a, T b) { return a != b; });
}

void GreaterThan(KernelContext& ctx) {
  BinaryToBool(ctx, []<typename T>(T a, T b) { return a > b; });
}

void GreaterEqual(KernelContext& ctx) {
  BinaryToBool(ctx, []<typename T>(T a, T b) { return a >= b; });
}

void LessThan(KernelContext& ctx) {
  BinaryToBool(ctx, []<typename T>(T a, T b) { return a < b; });
}

void LessEqual(KernelContext& ctx) {
  BinaryToBool(ctx, []<typename T>(T a, T b) { return a <= b; });
}

void LogicalAnd(KernelContext& ctx) {
  LogicalBinary(ctx, [](bool a, bool b) { return a && b; });
}

void LogicalOr(KernelContext& ctx) {
  LogicalBinary(ctx, [](bool a, bool b) { return a || b; });
}

void LogicalXor(KernelContext& ctx) {
  LogicalBinary(ctx, [](bool a, bool b) { return a != b; });
}

void LogicalNot(KernelContext& ctx) {
  HostTensor x = CastTo(ctx.Input("X"), DataType::kBool);
  for (int64_t i = 0; i < x.numel(); ++i) x.data<bool>()[i] = !x.data<bool>()[i];
  ctx.SetOutput("Out", std::move(x));
}

void BitwiseAnd(KernelContext& ctx) {
  BitwiseBinary(ctx, []<typename T>(T a, T b) { return a & b; });
}

void BitwiseOr(KernelContext& ctx) {
  BitwiseBinary(ctx, []<typename T>(T a, T b) { return a | b; });
}

void BitwiseXor(KernelContext& ctx) {
  BitwiseBinary(ctx, []<typename T>(T a, T b) { return a ^ b; });
}

void BitwiseNot(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  HostTensor out(x.dtype, x.dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    if constexpr (std::is_floating_point_v<T>) {
      Fail(ErrorKind::kUnsupported, "bitwise_not of floating-point tensors");
    } else if constexpr (std::is_same_v<T, bool>) {
      for (int64_t i = 0; i < x.numel(); ++i) out.data<bool>()[i] = !x.data<bool>()[i];
    } else {
      for (int64_t i = 0; i < x.numel(); ++i) out.data<T>()[i] = static_cast<T>(~x.data<T>()[i]);
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

// std::fmax / std::fmin: a NaN operand loses to a number.
void ElementwiseFMax(KernelContext& ctx) {
  Binary(ctx, []<typename T>(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
      return std::fmax(a, b);
    } else {
      return a > b ? a : b;
    }
  });
}

void ElementwiseFMin(KernelContext& ctx) {
  Binary(ctx, []<typename T>(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
      return std::fmin(a, b);
    } else {
      return a < b ? a : b;
    }
  });
}

// x == 0 ? y : (x > 0 ? 1 : 0).
void ElementwiseHeaviside(KernelContext& ctx) {
  Binary(ctx, []<typename T>(T a, T b) { return a == 0 ? b : static_cast<T>(a > 0 ? 1 : 0); });
}

// atan2(X1, X2) with NumPy broadcasting.
void Atan2(KernelContext& ctx) {
  const HostTensor& a = ctx.Input("X1");
  const HostTensor& b = ctx.Input("X2");
  PD2ONNX_CHECK(
      a.dtype == b.dtype && (a.dtype == DataType::kFloat32 || a.dtype == DataType::kFloat64),
      ErrorKind::kUnsupported, "atan2 takes two float32 or float64 tensors");
  const BroadcastPlan plan = PlanBroadcast(a.dims, b.dims, -1);
  HostTensor out(a.dtype, plan.out_dims);
  if (a.dtype == DataType::kFloat32) {
    ApplyBroadcast<float>(
        a.data<float>(), b.data<float>(), out.data<float>(), plan,
        [](float p, float q) { return static_cast<float>(std::atan2(static_cast<double>(p), q)); });
  } else {
    ApplyBroadcast<double>(a.data<double>(), b.data<double>(), out.data<double>(), plan,
                           [](double p, double q) { return std::atan2(p, q); });
  }
  ctx.SetOutput("Out", std::move(out));
}

}  // namespace pd2onnx::interp::kernels

// where (Condition ? X : Y with NumPy broadcasting of all three) and the
// isnan/isinf/isfinite family: the _v2 ops test every element; the v1 ops
// (paddle/fluid/operators/isfinite_op.cc) give one bool for the whole
// tensor: isnan "any NaN", isinf "any ±inf", isfinite "all finite".
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include "interpreter/kernels/elementwise_math.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// NumPy broadcast of several shapes.
Dims BroadcastDims(const std::vector<const Dims*>& shapes) {
  size_t rank = 0;
  for (const Dims* s : shapes) rank = std::max(rank, s->size());
  Dims out(rank, 1);
  for (const Dims* s : shapes) {
    const size_t off = rank - s->size();
    for (size_t i = 0; i < s->size(); ++i) {
      const int64_t d = (*s)[i];
      int64_t& o = out[off + i];
      if (d == o || d == 1) continue;
      PD2ONNX_CHECK(o == 1, ErrorKind::kInvalidInput, "shape {} does not broadcast to {}",
                    graph::ShapeToString(*s), graph::ShapeToString(out));
      o = d;
    }
  }
  return out;
}

// `t` broadcast to `dims` (a materialised copy).
HostTensor BroadcastTo(const HostTensor& t, const Dims& dims) {
  const size_t off = dims.size() - t.dims.size();
  const Dims src = Strides(t.dims);
  Dims strides(dims.size(), 0);
  for (size_t i = 0; i < t.dims.size(); ++i) {
    strides[off + i] = t.dims[i] == 1 ? 0 : src[i];
  }
  return StridedCopy(t, dims, strides);
}

// Per element of the float (or integer) X: true where `test` holds.
template <typename Test>
HostTensor TestElements(const HostTensor& x, Test test) {
  HostTensor out(DataType::kBool, x.dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    for (int64_t i = 0; i < x.numel(); ++i) {
      if constexpr (std::is_floating_point_v<T>) {
        out.data<bool>()[i] = test(static_cast<double>(x.data<T>()[i]));
      } else {
        out.data<bool>()[i] = test(0.0);  // integers are finite
      }
    }
  });
  return out;
}

bool IsNanValue(double v) { return std::isnan(v); }
bool IsInfValue(double v) { return std::isinf(v); }
bool IsFiniteValue(double v) { return std::isfinite(v); }

// One bool (declared [1], or 0-D when declared so).
void SetFlag(KernelContext& ctx, bool value) {
  HostTensor out(DataType::kBool, ctx.ScalarShape("Out"));
  out.data<bool>()[0] = value;
  ctx.SetOutput("Out", std::move(out));
}

}  // namespace

void Where(KernelContext& ctx) {
  const HostTensor& cond_in = ctx.Input("Condition");
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  PD2ONNX_CHECK(x.dtype == y.dtype, ErrorKind::kInvalidInput, "where: X is {} but Y is {}",
                graph::DataTypeName(x.dtype), graph::DataTypeName(y.dtype));
  const Dims dims = BroadcastDims({&cond_in.dims, &x.dims, &y.dims});
  const HostTensor cond = BroadcastTo(CastTo(cond_in, DataType::kBool), dims);
  const HostTensor xb = BroadcastTo(x, dims);
  const HostTensor yb = BroadcastTo(y, dims);
  HostTensor out(x.dtype, dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    for (int64_t i = 0; i < out.numel(); ++i) {
      out.data<T>()[i] = cond.data<bool>()[i] ? xb.data<T>()[i] : yb.data<T>()[i];
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

void IsNanV2(KernelContext& ctx) { ctx.SetOutput("Out", TestElements(ctx.Input("X"), IsNanValue)); }
void IsInfV2(KernelContext& ctx) { ctx.SetOutput("Out", TestElements(ctx.Input("X"), IsInfValue)); }
void IsFiniteV2(KernelContext& ctx) {
  ctx.SetOutput("Out", TestElements(ctx.Input("X"), IsFiniteValue));
}

void IsNanAny(KernelContext& ctx) {
  const HostTensor t = TestElements(ctx.Input("X"), IsNanValue);
  SetFlag(ctx, std::any_of(t.data<bool>(), t.data<bool>() + t.numel(), [](bool b) { return b; }));
}

void IsInfAny(KernelContext& ctx) {
  const HostTensor t = TestElements(ctx.Input("X"), IsInfValue);
  SetFlag(ctx, std::any_of(t.data<bool>(), t.data<bool>() + t.numel(), [](bool b) { return b; }));
}

void IsFiniteAll(KernelContext& ctx) {
  const HostTensor t = TestElements(ctx.Input("X"), IsFiniteValue);
  SetFlag(ctx, std::all_of(t.data<bool>(), t.data<bool>() + t.numel(), [](bool b) { return b; }));
}

}  // namespace pd2onnx::interp::kernels

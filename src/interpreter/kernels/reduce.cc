// reduce_{sum,mean,max,min,prod} and arg_max / arg_min
// (docs/paddle-formats.md 5.13). Sums, means and products accumulate in
// double (int64 for integer tensors).
#include <algorithm>
#include <limits>
#include <type_traits>

#include "interpreter/kernels/kernels.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

enum class ReduceKind { kSum, kMean, kMax, kMin, kProd };

struct ReducePlan {
  std::vector<bool> reduced;  // per input dim
  Dims out_dims;              // the kernel's result shape
  Dims out_strides;           // per input dim: output stride, 0 when reduced
  int64_t out_numel = 1;
};

ReducePlan PlanReduce(const KernelContext& ctx, const Dims& in_dims) {
  const int64_t rank = static_cast<int64_t>(in_dims.size());
  const std::vector<int64_t> dim = ctx.Attr<std::vector<int64_t>>("dim", {0});
  const bool keep_dim = ctx.Attr<bool>("keep_dim", false);
  const bool reduce_all = ctx.Attr<bool>("reduce_all", false) || dim.empty();

  ReducePlan plan;
  plan.reduced.assign(rank, reduce_all);
  if (!reduce_all && rank > 0) {
    for (int64_t d : dim) plan.reduced[NormalizeAxis(d, rank, "dim")] = true;
  }
  Dims kept_dims(rank);  // input shape with reduced dims set to 1
  for (int64_t d = 0; d < rank; ++d) {
    kept_dims[d] = plan.reduced[d] ? 1 : in_dims[d];
    if (!plan.reduced[d] || keep_dim) plan.out_dims.push_back(kept_dims[d]);
  }
  if (plan.out_dims.empty()) plan.out_dims = ctx.ScalarShape("Out");
  plan.out_strides = Strides(kept_dims);
  for (int64_t d = 0; d < rank; ++d) {
    if (plan.reduced[d]) plan.out_strides[d] = 0;
  }
  plan.out_numel = graph::NumElements(kept_dims);
  return plan;
}

// Calls f(input_flat_index, output_flat_index) for every input element.
template <typename F>
void ForEachElement(const Dims& dims, const Dims& out_strides, F f) {
  const int64_t n = graph::NumElements(dims);
  if (n == 0) return;
  const int64_t rank = static_cast<int64_t>(dims.size());
  if (rank == 0) {
    f(0, 0);
    return;
  }
  const int64_t inner = dims[rank - 1];
  const int64_t inner_stride = out_strides[rank - 1];
  std::vector<int64_t> index(rank, 0);
  int64_t in_flat = 0, out_base = 0;
  while (true) {
    for (int64_t i = 0; i < inner; ++i) f(in_flat + i, out_base + i * inner_stride);
    in_flat += inner;
    int64_t d = rank - 2;
    for (; d >= 0; --d) {
      ++index[d];
      out_base += out_strides[d];
      if (index[d] < dims[d]) break;
      out_base -= out_strides[d] * dims[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

template <typename T>
HostTensor ReduceTyped(const HostTensor& x, const ReducePlan& plan, ReduceKind kind) {
  const T* in = x.data<T>();
  const int64_t count = plan.out_numel == 0 ? 0 : x.numel() / plan.out_numel;
  HostTensor out(x.dtype, plan.out_dims);
  T* o = out.data<T>();
  if (kind == ReduceKind::kMax || kind == ReduceKind::kMin) {
    PD2ONNX_CHECK(count > 0 || plan.out_numel == 0, ErrorKind::kInvalidInput,
                  "max/min over an empty axis");
    std::vector<T> acc(plan.out_numel);
    std::vector<bool> seen(plan.out_numel, false);
    ForEachElement(x.dims, plan.out_strides, [&](int64_t i, int64_t j) {
      if (!seen[j] || (kind == ReduceKind::kMax ? in[i] > acc[j] : in[i] < acc[j])) acc[j] = in[i];
      seen[j] = true;
    });
    std::copy(acc.begin(), acc.end(), o);
    return out;
  }
  // Integers accumulate exactly in int64, floats in double.
  using Acc = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;
  std::vector<Acc> acc(plan.out_numel, kind == ReduceKind::kProd ? Acc(1) : Acc(0));
  ForEachElement(x.dims, plan.out_strides, [&](int64_t i, int64_t j) {
    if (kind == ReduceKind::kProd) {
      acc[j] *= static_cast<Acc>(in[i]);
    } else {
      acc[j] += static_cast<Acc>(in[i]);
    }
  });
  for (int64_t j = 0; j < plan.out_numel; ++j) {
    if (kind == ReduceKind::kMean) {
      o[j] = static_cast<T>(static_cast<double>(acc[j]) / static_cast<double>(count));
    } else {
      o[j] = static_cast<T>(acc[j]);
    }
  }
  return out;
}

void Reduce(KernelContext& ctx, ReduceKind kind) {
  const HostTensor& x = ctx.Input("X");
  const ReducePlan plan = PlanReduce(ctx, x.dims);
  HostTensor out = VisitRealType(x.dtype, [&]<typename T>() -> HostTensor {
    if constexpr (std::is_same_v<T, bool>) {
      // Booleans reduce as 0/1 integers.
      return ReduceTyped<int64_t>(CastTo(x, DataType::kInt64), plan, kind);
    } else {
      return ReduceTyped<T>(x, plan, kind);
    }
  });
  const int64_t out_dtype = ctx.Attr<int64_t>("out_dtype", -1);
  if (out_dtype >= 0) {
    const auto to = graph::DataTypeFromPaddle(out_dtype);
    PD2ONNX_CHECK(to.has_value(), ErrorKind::kInvalidInput, "out_dtype {} is not a dtype",
                  out_dtype);
    out = CastTo(out, *to);
  }
  ctx.SetOutput("Out", std::move(out));
}

// Index of the first maximum (or minimum) along `axis` (or of the whole
// tensor with `flatten`).
void ArgReduce(KernelContext& ctx, bool is_max) {
  const HostTensor& x = ctx.Input("X");
  const bool keepdims = ctx.Attr<bool>("keepdims", false);
  const bool flatten = ctx.Attr<bool>("flatten", false);
  const int64_t dtype_attr = ctx.Attr<int64_t>("dtype", 3);
  const DataType out_dtype = dtype_attr == 2 ? DataType::kInt32 : DataType::kInt64;
  const int64_t rank = static_cast<int64_t>(x.dims.size());

  // View X as [outer, extent, inner] around the arg axis.
  int64_t outer = 1, extent = x.numel(), inner = 1;
  Dims out_dims;
  if (flatten || rank == 0) {
    out_dims = keepdims ? Dims(rank, 1) : ctx.ScalarShape("Out");
  } else {
    const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis"), rank);
    outer = Product(x.dims, 0, axis);
    extent = x.dims[axis];
    inner = Product(x.dims, axis + 1, rank);
    for (int64_t d = 0; d < rank; ++d) {
      if (d != axis)
        out_dims.push_back(x.dims[d]);
      else if (keepdims)
        out_dims.push_back(1);
    }
    if (out_dims.empty()) out_dims = ctx.ScalarShape("Out");
  }
  PD2ONNX_CHECK(extent > 0, ErrorKind::kInvalidInput, "arg_max/arg_min over an empty axis");
  std::vector<int64_t> result(outer * inner);
  VisitRealType(x.dtype, [&]<typename T>() {
    const T* in = x.data<T>();
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        const T* p = in + o * extent * inner + i;
        int64_t best = 0;
        for (int64_t k = 1; k < extent; ++k) {
          // Strict comparison keeps the first of equal values.
          if (is_max ? p[k * inner] > p[best * inner] : p[k * inner] < p[best * inner]) best = k;
        }
        result[o * inner + i] = best;
      }
    }
  });
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kInt64, out_dims, result), out_dtype));
}

}  // namespace

void ReduceMean(KernelContext& ctx) { Reduce(ctx, ReduceKind::kMean); }
void ReduceSum(KernelContext& ctx) { Reduce(ctx, ReduceKind::kSum); }
void ReduceMax(KernelContext& ctx) { Reduce(ctx, ReduceKind::kMax); }
void ReduceMin(KernelContext& ctx) { Reduce(ctx, ReduceKind::kMin); }
void ReduceProd(KernelContext& ctx) { Reduce(ctx, ReduceKind::kProd); }
void ArgMax(KernelContext& ctx) { ArgReduce(ctx, true); }
void ArgMin(KernelContext& ctx) { ArgReduce(ctx, false); }

}  // namespace pd2onnx::interp::kernels

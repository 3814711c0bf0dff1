// reduce_all / reduce_any, logsumexp, mean (whole tensor), top_k / top_k_v2,
// argsort, cumsum and cumprod, from Paddle's CPU kernels
// (paddle/phi/kernels/cpu/{reduce_all,reduce_any,logsumexp,mean_all,top_k,
// argsort,cum,cumprod}_kernel.cc and their 2.x fluid ops).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <type_traits>

#include "interpreter/kernels/search_linalg.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// Which input dims a reduction removes, the result dims, and for every
// input element the flat index of its output element.
struct Reduction {
  Dims out_dims;
  std::vector<int64_t> target;  // per input element
  int64_t out_numel = 1;
};

Reduction PlanReduction(const Dims& dims, std::vector<bool> reduced, bool keep_dim,
                        const Dims& scalar_shape) {
  const int64_t rank = static_cast<int64_t>(dims.size());
  Reduction r;
  Dims kept(rank);
  for (int64_t d = 0; d < rank; ++d) {
    kept[d] = reduced[d] ? 1 : dims[d];
    if (!reduced[d] || keep_dim) r.out_dims.push_back(kept[d]);
  }
  if (r.out_dims.empty()) r.out_dims = keep_dim ? Dims(rank, 1) : scalar_shape;
  if (rank == 0) r.out_dims = scalar_shape;
  r.out_numel = graph::NumElements(kept);
  const Dims kept_strides = Strides(kept);
  const int64_t n = graph::NumElements(dims);
  r.target.resize(n);
  Dims index(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t t = 0;
    for (int64_t d = 0; d < rank; ++d) {
      if (!reduced[d]) t += index[d] * kept_strides[d];
    }
    r.target[i] = t;
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < dims[d]) break;
      index[d] = 0;
    }
  }
  return r;
}

// The reduced-axis flags of an op with an axis list attribute: every axis
// when `all_attr` is set, the list is empty, or it names every axis.
std::vector<bool> ReducedFlags(const KernelContext& ctx, int64_t rank, std::string_view dim_attr,
                               std::string_view all_attr) {
  const std::vector<int64_t> dim = ctx.Attr<std::vector<int64_t>>(dim_attr, {0});
  const bool all = ctx.Attr<bool>(all_attr, false) || dim.empty();
  std::vector<bool> reduced(rank, all);
  if (!all) {
    for (int64_t d : dim) reduced[NormalizeAxis(d, rank, dim_attr)] = true;
  }
  return reduced;
}

void BoolReduce(KernelContext& ctx, bool is_all) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const Reduction r = PlanReduction(x.dims, ReducedFlags(ctx, rank, "dim", "reduce_all"),
                                    ctx.Attr<bool>("keep_dim", false), ctx.ScalarShape("Out"));
  const std::vector<double> v = x.ToDouble();
  // all: true unless some element is false; any: false unless some is true.
  std::vector<uint8_t> acc(r.out_numel, is_all ? 1 : 0);
  for (size_t i = 0; i < v.size(); ++i) {
    const bool b = v[i] != 0;
    if (is_all) {
      acc[r.target[i]] = acc[r.target[i]] && b;
    } else {
      acc[r.target[i]] = acc[r.target[i]] || b;
    }
  }
  ctx.SetOutput("Out", HostTensor::From(DataType::kBool, r.out_dims, acc));
}

// [outer, extent, inner] around `axis`.
struct AxisView {
  int64_t outer = 1, extent = 1, inner = 1;
};

AxisView ViewAround(const Dims& dims, int64_t axis) {
  const int64_t rank = static_cast<int64_t>(dims.size());
  return {Product(dims, 0, axis), dims[axis], Product(dims, axis + 1, rank)};
}

// The k first elements of each line along `axis` in sorted order: largest
// first (or smallest first), equal values by ascending index.
void TopK(KernelContext& ctx, int64_t axis_attr, int64_t k) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const bool largest = ctx.Attr<bool>("largest", true);
  if (rank == 0) {
    PD2ONNX_CHECK(k == 1, ErrorKind::kInvalidInput, "top_k of a 0-D tensor needs k = 1, got {}", k);
    ctx.SetOutput("Out", x);
    ctx.SetOutput("Indices", FilledInt(DataType::kInt64, {}, 0));
    return;
  }
  const int64_t axis = NormalizeAxis(axis_attr, rank, "axis");
  const AxisView v = ViewAround(x.dims, axis);
  PD2ONNX_CHECK(k >= 0 && k <= v.extent, ErrorKind::kInvalidInput,
                "k = {} is outside [0, {}] (the extent of axis {})", k, v.extent, axis);
  Dims out_dims = x.dims;
  out_dims[axis] = k;
  HostTensor out(x.dtype, out_dims);
  std::vector<int64_t> indices(static_cast<size_t>(v.outer * k * v.inner));
  VisitRealType(x.dtype, [&]<typename T>() {
    const T* in = x.data<T>();
    T* o = out.data<T>();
    std::vector<int64_t> order(v.extent);
    for (int64_t a = 0; a < v.outer; ++a) {
      for (int64_t b = 0; b < v.inner; ++b) {
        const T* line = in + a * v.extent * v.inner + b;
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int64_t l, int64_t r) {
          return largest ? line[l * v.inner] > line[r * v.inner]
                         : line[l * v.inner] < line[r * v.inner];
        });
        for (int64_t j = 0; j < k; ++j) {
          const int64_t at = (a * k + j) * v.inner + b;
          o[at] = line[order[j] * v.inner];
          indices[at] = order[j];
        }
      }
    }
  });
  ctx.SetOutput("Out", std::move(out));
  ctx.SetOutput("Indices", HostTensor::From(DataType::kInt64, out_dims, indices));
}

int64_t KValue(const KernelContext& ctx) {
  if (const HostTensor* k = ctx.OptionalInput("K")) return ScalarInt(*k, "K");
  return ctx.Attr<int64_t>("k", 1);
}

// Running sum (or product) along one axis; `exclusive` shifts by one
// (the first result is the identity), `reverse` runs from the end.
template <bool kProduct>
HostTensor Scan(const HostTensor& x, int64_t axis, bool exclusive, bool reverse) {
  HostTensor out(x.dtype, x.dims);
  const AxisView v = ViewAround(x.dims, axis);
  VisitRealType(x.dtype, [&]<typename T>() {
    if constexpr (std::is_same_v<T, bool>) {
      Fail(ErrorKind::kUnsupported, "a running sum or product of bool");
    } else {
      using Acc = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;
      const T* in = x.data<T>();
      T* o = out.data<T>();
      for (int64_t a = 0; a < v.outer; ++a) {
        for (int64_t b = 0; b < v.inner; ++b) {
          Acc acc = kProduct ? Acc(1) : Acc(0);
          for (int64_t s = 0; s < v.extent; ++s) {
            const int64_t j = reverse ? v.extent - 1 - s : s;
            const int64_t at = (a * v.extent + j) * v.inner + b;
            const Acc value = static_cast<Acc>(in[at]);
            if (exclusive) o[at] = static_cast<T>(acc);
            if constexpr (kProduct) {
              acc *= value;
            } else {
              acc += value;
            }
            if (!exclusive) o[at] = static_cast<T>(acc);
          }
        }
      }
    }
  });
  return out;
}

}  // namespace

void ReduceAll(KernelContext& ctx) { BoolReduce(ctx, true); }
void ReduceAny(KernelContext& ctx) { BoolReduce(ctx, false); }

// logsumexp(x) = max + log(Σ exp(x - max)) over `axis` (every axis with
// `reduce_all`, an empty list, or a list naming every axis).
void Logsumexp(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const Reduction r = PlanReduction(x.dims, ReducedFlags(ctx, rank, "axis", "reduce_all"),
                                    ctx.Attr<bool>("keepdim", false), ctx.ScalarShape("Out"));
  const std::vector<double> v = x.ToDouble();
  std::vector<double> max(r.out_numel, -std::numeric_limits<double>::infinity());
  for (size_t i = 0; i < v.size(); ++i) max[r.target[i]] = std::max(max[r.target[i]], v[i]);
  std::vector<double> sum(r.out_numel, 0.0);
  for (size_t i = 0; i < v.size(); ++i) sum[r.target[i]] += std::exp(v[i] - max[r.target[i]]);
  std::vector<double> result(r.out_numel);
  for (int64_t j = 0; j < r.out_numel; ++j) result[j] = max[j] + std::log(sum[j]);
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, r.out_dims, result), x.dtype));
}

// mean: the average of every element, shape [1] (or 0-D as declared).
void MeanAll(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const std::vector<double> v = x.ToDouble();
  PD2ONNX_CHECK(!v.empty(), ErrorKind::kInvalidInput, "mean of an empty tensor");
  double sum = 0;
  for (double d : v) sum += d;
  const double mean = sum / static_cast<double>(v.size());
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, ctx.ScalarShape("Out"),
                                               std::vector<double>{mean}),
                              x.dtype));
}

void TopKV2(KernelContext& ctx) { TopK(ctx, ctx.Attr<int64_t>("axis", -1), KValue(ctx)); }
void TopKV1(KernelContext& ctx) { TopK(ctx, -1, KValue(ctx)); }

// argsort: a stable sort of every line along `axis`, ascending (or
// descending); equal values keep their order.
void Argsort(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const bool descending = ctx.Attr<bool>("descending", false);
  if (rank == 0) {
    ctx.SetOutput("Out", x);
    ctx.SetOutput("Indices", FilledInt(DataType::kInt64, {}, 0));
    return;
  }
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", -1), rank, "axis");
  const AxisView v = ViewAround(x.dims, axis);
  HostTensor out(x.dtype, x.dims);
  std::vector<int64_t> indices(static_cast<size_t>(x.numel()));
  VisitRealType(x.dtype, [&]<typename T>() {
    const T* in = x.data<T>();
    T* o = out.data<T>();
    std::vector<int64_t> order(v.extent);
    for (int64_t a = 0; a < v.outer; ++a) {
      for (int64_t b = 0; b < v.inner; ++b) {
        const int64_t base = a * v.extent * v.inner + b;
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int64_t l, int64_t r) {
          const T lv = in[base + l * v.inner], rv = in[base + r * v.inner];
          return descending ? lv > rv : lv < rv;
        });
        for (int64_t j = 0; j < v.extent; ++j) {
          o[base + j * v.inner] = in[base + order[j] * v.inner];
          indices[base + j * v.inner] = order[j];
        }
      }
    }
  });
  ctx.SetOutput("Out", std::move(out));
  ctx.SetOutput("Indices", HostTensor::From(DataType::kInt64, x.dims, indices));
}

// cumsum: running sum along `axis` (of the flattened X with `flatten`).
void Cumsum(KernelContext& ctx) {
  HostTensor x = ctx.Input("X");
  const bool flatten = ctx.Attr<bool>("flatten", false);
  const int64_t numel = x.numel();
  if (flatten || x.dims.empty()) x = Reshaped(std::move(x), {numel});
  const int64_t axis =
      flatten ? 0
              : NormalizeAxis(ctx.Attr<int64_t>("axis", -1), static_cast<int64_t>(x.dims.size()));
  HostTensor out =
      Scan<false>(x, axis, ctx.Attr<bool>("exclusive", false), ctx.Attr<bool>("reverse", false));
  if (ctx.Input("X").dims.empty() && !flatten) out = Reshaped(std::move(out), {});
  ctx.SetOutput("Out", std::move(out));
}

// cumprod: running product along `dim`.
void Cumprod(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  if (x.dims.empty()) {
    ctx.SetOutput("Out", x);
    return;
  }
  const int64_t axis =
      NormalizeAxis(ctx.Attr<int64_t>("dim", -1), static_cast<int64_t>(x.dims.size()), "dim");
  ctx.SetOutput("Out", Scan<true>(x, axis, false, false));
}

}  // namespace pd2onnx::interp::kernels

namespace pd2onnx::interp::kernels {

// unique over the flattened X (an empty `axis`): with `is_sorted` the
// distinct values ascending, else in order of first occurrence; Indices =
// the first occurrence of each, Index = where each element of X went,
// Counts = occurrences; index outputs have dtype `dtype`.
void Unique(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(ctx.Attr<std::vector<int64_t>>("axis", {}).empty(), ErrorKind::kUnsupported,
                "unique along an axis is not supported");
  const bool is_sorted = ctx.Attr<bool>("is_sorted", false);
  const auto index_dtype = graph::DataTypeFromPaddle(ctx.Attr<int64_t>("dtype", 3));
  PD2ONNX_CHECK(index_dtype.has_value(), ErrorKind::kInvalidInput, "dtype is not a dtype");
  const int64_t n = x.numel();
  std::vector<int64_t> first, inverse(static_cast<size_t>(n)), counts;
  HostTensor out;
  VisitRealType(x.dtype, [&]<typename T>() {
    const T* v = x.data<T>();
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    // Group equal values; the stable sort keeps each group's first
    // occurrence in front.
    std::stable_sort(order.begin(), order.end(), [&](int64_t l, int64_t r) { return v[l] < v[r]; });
    std::vector<int64_t> group_of(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      if (i == 0 || v[order[i - 1]] < v[order[i]]) {
        first.push_back(order[i]);
        counts.push_back(0);
      }
      group_of[order[i]] = static_cast<int64_t>(first.size()) - 1;
      ++counts.back();
    }
    // Unsorted: renumber the groups by first occurrence.
    std::vector<int64_t> rank(first.size());
    std::iota(rank.begin(), rank.end(), 0);
    if (!is_sorted) {
      std::vector<int64_t> by_first(first.size());
      std::iota(by_first.begin(), by_first.end(), 0);
      std::sort(by_first.begin(), by_first.end(),
                [&](int64_t l, int64_t r) { return first[l] < first[r]; });
      for (size_t g = 0; g < by_first.size(); ++g) rank[by_first[g]] = static_cast<int64_t>(g);
      std::vector<int64_t> first2(first.size()), counts2(first.size());
      for (size_t g = 0; g < first.size(); ++g) {
        first2[rank[g]] = first[g];
        counts2[rank[g]] = counts[g];
      }
      first = first2;
      counts = counts2;
    }
    for (int64_t i = 0; i < n; ++i) inverse[i] = rank[group_of[i]];
    std::vector<T> values;
    for (int64_t f : first) values.push_back(v[f]);
    out = HostTensor(x.dtype, {static_cast<int64_t>(values.size())});
    std::copy(values.begin(), values.end(), out.data<T>());
  });
  const int64_t u = static_cast<int64_t>(first.size());
  ctx.SetOutput("Out", std::move(out));
  ctx.SetOutput("Indices", CastTo(HostTensor::From(DataType::kInt64, {u}, first), *index_dtype));
  ctx.SetOutput("Index", CastTo(HostTensor::From(DataType::kInt64, {n}, inverse), *index_dtype));
  ctx.SetOutput("Counts", CastTo(HostTensor::From(DataType::kInt64, {u}, counts), *index_dtype));
}

}  // namespace pd2onnx::interp::kernels

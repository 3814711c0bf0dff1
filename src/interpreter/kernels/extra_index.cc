// Indexing, scanning and creation kernels of the extra-ops area, from
// Paddle's CPU kernels (paddle/phi/kernels/cpu/{diag,diagonal,trace,cross,
// cum,kthvalue,mode,sequence_mask,tril_indices,triu_indices,index_add,
// multiplex,shard_index,logspace}_kernel.cc, funcs/mode.h) and the legacy
// pad_constant_like op.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "interpreter/kernels/extra_ops.h"

namespace pd2onnx::interp::kernels {
namespace {

// Visits every index of `dims` in row-major order.
template <typename F>
void ForEachIndex(const Dims& dims, F f) {
  const int64_t n = graph::NumElements(dims);
  Dims index(dims.size(), 0);
  for (int64_t i = 0; i < n; ++i) {
    f(index);
    for (int64_t d = static_cast<int64_t>(dims.size()) - 1; d >= 0; --d) {
      if (++index[d] < dims[d]) break;
      index[d] = 0;
    }
  }
}

int64_t Offset(const Dims& index, const Dims& strides) {
  int64_t o = 0;
  for (size_t d = 0; d < index.size(); ++d) o += index[d] * strides[d];
  return o;
}

// The diagonal of the (axis1, axis2) planes: the result dims (other dims,
// then the diagonal) and, for each result element, its flat source index.
std::pair<Dims, std::vector<int64_t>> DiagonalPlan(const Dims& dims, int64_t offset, int64_t a1,
                                                   int64_t a2) {
  const int64_t rank = static_cast<int64_t>(dims.size());
  a1 = NormalizeAxis(a1, rank, "axis1");
  a2 = NormalizeAxis(a2, rank, "axis2");
  PD2ONNX_CHECK(a1 != a2, ErrorKind::kInvalidInput, "axis1 and axis2 are both {}", a1);
  const int64_t row0 = offset < 0 ? -offset : 0, col0 = offset > 0 ? offset : 0;
  const int64_t len = std::max<int64_t>(0, std::min(dims[a1] - row0, dims[a2] - col0));
  Dims out;
  std::vector<int64_t> rest;
  for (int64_t d = 0; d < rank; ++d) {
    if (d != a1 && d != a2) {
      out.push_back(dims[d]);
      rest.push_back(d);
    }
  }
  out.push_back(len);
  const Dims strides = Strides(dims);
  std::vector<int64_t> source;
  ForEachIndex(out, [&](const Dims& idx) {
    int64_t o = 0;
    for (size_t k = 0; k < rest.size(); ++k) o += idx[k] * strides[rest[k]];
    const int64_t j = idx.back();
    source.push_back(o + (j + row0) * strides[a1] + (j + col0) * strides[a2]);
  });
  return {out, source};
}

// Splits dims around `axis` into (outer, extent, inner).
struct AxisSplit {
  int64_t outer = 1, extent = 1, inner = 1;
};
AxisSplit SplitAt(const Dims& dims, int64_t axis) {
  AxisSplit s;
  for (int64_t d = 0; d < static_cast<int64_t>(dims.size()); ++d) {
    if (d < axis) s.outer *= dims[d];
    if (d == axis) s.extent = dims[d];
    if (d > axis) s.inner *= dims[d];
  }
  return s;
}

// dims with `axis` removed (keepdim: set to 1); the op's scalar shape when
// nothing is left.
Dims ReducedDims(const KernelContext& ctx, Dims dims, int64_t axis, bool keepdim,
                 std::string_view slot) {
  if (keepdim) {
    dims[axis] = 1;
    return dims;
  }
  dims.erase(dims.begin() + axis);
  return dims.empty() ? ctx.ScalarShape(slot) : dims;
}

std::vector<std::pair<int64_t, int64_t>> TriangleIndices(int64_t rows, int64_t cols, int64_t offset,
                                                         bool lower) {
  std::vector<std::pair<int64_t, int64_t>> cells;
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = 0; j < cols; ++j) {
      if (lower ? j - i <= offset : j - i >= offset) cells.emplace_back(i, j);
    }
  }
  return cells;
}

HostTensor IndicesTensor(DataType dtype, const std::vector<std::pair<int64_t, int64_t>>& cells) {
  const int64_t n = static_cast<int64_t>(cells.size());
  std::vector<double> v(static_cast<size_t>(2 * n));
  for (int64_t k = 0; k < n; ++k) {
    v[k] = static_cast<double>(cells[k].first);
    v[n + k] = static_cast<double>(cells[k].second);
  }
  return FromDoubles(dtype, {2, n}, v);
}

}  // namespace

// X 1-D: a square matrix with X on diagonal `offset`, padding_value
// elsewhere. X 2-D: its diagonal `offset` as a 1-D tensor.
void DiagV2(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t offset = ctx.Attr<int64_t>("offset", 0);
  const std::vector<double> xv = x.ToDouble();
  if (x.dims.size() <= 1) {
    const int64_t n = x.numel(), size = n + std::abs(offset);
    std::vector<double> out(static_cast<size_t>(size * size), ctx.Attr<float>("padding_value", 0));
    for (int64_t i = 0; i < n; ++i) {
      const int64_t r = offset >= 0 ? i : i - offset, c = offset >= 0 ? i + offset : i;
      out[r * size + c] = xv[i];
    }
    ctx.SetOutput("Out", FromDoubles(x.dtype, {size, size}, out));
    return;
  }
  PD2ONNX_CHECK(x.dims.size() == 2, ErrorKind::kInvalidInput, "diag_v2 takes rank 1 or 2, not {}",
                x.dims.size());
  auto [dims, source] = DiagonalPlan(x.dims, offset, 0, 1);
  std::vector<double> out;
  for (int64_t s : source) out.push_back(xv[s]);
  ctx.SetOutput("Out", FromDoubles(x.dtype, dims, out));
}

void Diagonal(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("Input");
  auto [dims, source] = DiagonalPlan(x.dims, ctx.Attr<int64_t>("offset", 0),
                                     ctx.Attr<int64_t>("axis1", 0), ctx.Attr<int64_t>("axis2", 1));
  HostTensor flat = Reshaped(x, {x.numel()});
  HostTensor out(x.dtype, dims);
  const size_t width = graph::ElementSize(x.dtype);
  for (size_t i = 0; i < source.size(); ++i) {
    std::copy_n(flat.bytes.begin() + static_cast<int64_t>(source[i] * width), width,
                out.bytes.begin() + static_cast<int64_t>(i * width));
  }
  ctx.SetOutput("Out", std::move(out));
}

// The sum of the diagonal (offset, axis1, axis2), accumulated in double.
void Trace(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("Input");
  auto [dims, source] = DiagonalPlan(x.dims, ctx.Attr<int64_t>("offset", 0),
                                     ctx.Attr<int64_t>("axis1", 0), ctx.Attr<int64_t>("axis2", 1));
  const std::vector<double> xv = x.ToDouble();
  const int64_t len = dims.back();
  dims.pop_back();
  std::vector<double> out(static_cast<size_t>(graph::NumElements(dims)), 0.0);
  for (size_t i = 0; i < source.size(); ++i) out[i / std::max<int64_t>(len, 1)] += xv[source[i]];
  if (dims.empty()) dims = ctx.ScalarShape("Out");
  ctx.SetOutput("Out", FromDoubles(x.dtype, dims, out));
}

// The cross product along `dim` (default 9 = the first axis of extent 3).
void Cross(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  int64_t dim = ctx.Attr<int64_t>("dim", 9);
  if (dim == 9) {
    const auto it = std::find(x.dims.begin(), x.dims.end(), 3);
    PD2ONNX_CHECK(it != x.dims.end(), ErrorKind::kInvalidInput, "cross: no axis of extent 3 in {}",
                  graph::ShapeToString(x.dims));
    dim = it - x.dims.begin();
  }
  dim = NormalizeAxis(dim, rank, "dim");
  PD2ONNX_CHECK(x.dims[dim] == 3 && x.dims == y.dims, ErrorKind::kInvalidInput,
                "cross needs equal shapes with extent 3 on axis {}", dim);
  const AxisSplit s = SplitAt(x.dims, dim);
  const std::vector<double> a = x.ToDouble(), b = y.ToDouble();
  std::vector<double> out(a.size());
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t j = 0; j < 3; ++j) {
      const int64_t dst = (3 * o + j) * s.inner, p1 = (3 * o + (j + 1) % 3) * s.inner,
                    p2 = (3 * o + (j + 2) % 3) * s.inner;
      for (int64_t k = 0; k < s.inner; ++k) {
        out[dst + k] = a[p1 + k] * b[p2 + k] - a[p2 + k] * b[p1 + k];
      }
    }
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, x.dims, out));
}

// log(Σ exp) scanned along `axis` (flatten: over the whole tensor), with
// exclusive (starts at −inf) and reverse, as a running log-add-exp.
void Logcumsumexp(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const bool flatten = ctx.Attr<bool>("flatten", false);
  const bool exclusive = ctx.Attr<bool>("exclusive", false);
  const bool reverse = ctx.Attr<bool>("reverse", false);
  const Dims dims = flatten ? Dims{x.numel()} : x.dims;
  const int64_t axis = flatten ? 0
                               : NormalizeAxis(ctx.Attr<int64_t>("axis", -1),
                                               static_cast<int64_t>(dims.size()), "axis");
  const AxisSplit s = SplitAt(dims, axis);
  const std::vector<double> v = x.ToDouble();
  std::vector<double> out(v.size());
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t k = 0; k < s.inner; ++k) {
      double acc = -std::numeric_limits<double>::infinity();
      for (int64_t step = 0; step < s.extent; ++step) {
        const int64_t j = reverse ? s.extent - 1 - step : step;
        const int64_t at = (o * s.extent + j) * s.inner + k;
        if (exclusive) out[at] = acc;
        const double hi = std::max(acc, v[at]), lo = std::min(acc, v[at]);
        acc = std::isinf(hi) && hi < 0 ? hi : hi + std::log1p(std::exp(lo - hi));
        if (!exclusive) out[at] = acc;
      }
    }
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, flatten ? Dims{x.numel()} : x.dims, out));
}

// The k-th smallest value along `axis` (k from 1) and its index.
void Kthvalue(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const int64_t axis = rank == 0 ? 0 : NormalizeAxis(ctx.Attr<int64_t>("axis", -1), rank, "axis");
  const int64_t k = ctx.Attr<int64_t>("k", 1);
  const AxisSplit s = rank == 0 ? AxisSplit{} : SplitAt(x.dims, axis);
  PD2ONNX_CHECK(k >= 1 && k <= s.extent, ErrorKind::kInvalidInput,
                "kthvalue k={} is outside [1, {}]", k, s.extent);
  const std::vector<double> v = x.ToDouble();
  std::vector<double> values;
  std::vector<int64_t> indices;
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t in = 0; in < s.inner; ++in) {
      std::vector<std::pair<double, int64_t>> row;
      for (int64_t j = 0; j < s.extent; ++j)
        row.emplace_back(v[(o * s.extent + j) * s.inner + in], j);
      std::stable_sort(row.begin(), row.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      values.push_back(row[k - 1].first);
      indices.push_back(row[k - 1].second);
    }
  }
  const bool keepdim = ctx.Attr<bool>("keepdim", false);
  const Dims out = rank == 0 ? x.dims : ReducedDims(ctx, x.dims, axis, keepdim, "Out");
  ctx.SetOutput("Out", FromDoubles(x.dtype, out, values));
  ctx.SetOutput("Indices", HostTensor::From<int64_t>(DataType::kInt64, out, indices));
}

// The most frequent value along `axis` (ties: the smallest such value) and
// the index of its last occurrence (Paddle sorts (value, index) pairs and
// reports the last pair of the winning run; its sort keeps equal values in
// index order for the row lengths Paddle's tests use).
void Mode(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", -1), rank, "axis");
  const AxisSplit s = SplitAt(x.dims, axis);
  const std::vector<double> v = x.ToDouble();
  std::vector<double> values;
  std::vector<int64_t> indices;
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t in = 0; in < s.inner; ++in) {
      std::vector<std::pair<double, int64_t>> row;
      for (int64_t j = 0; j < s.extent; ++j)
        row.emplace_back(v[(o * s.extent + j) * s.inner + in], j);
      std::stable_sort(row.begin(), row.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      int64_t best = 0, run = 0, best_index = 0;
      double mode = 0;
      for (size_t i = 0; i < row.size(); ++i) {
        ++run;
        if (i + 1 == row.size() || row[i + 1].first != row[i].first) {
          if (run > best) {
            best = run;
            mode = row[i].first;
            best_index = row[i].second;
          }
          run = 0;
        }
      }
      values.push_back(mode);
      indices.push_back(best_index);
    }
  }
  const Dims out = ReducedDims(ctx, x.dims, axis, ctx.Attr<bool>("keepdim", false), "Out");
  ctx.SetOutput("Out", FromDoubles(x.dtype, out, values));
  ctx.SetOutput("Indices", HostTensor::From<int64_t>(DataType::kInt64, out, indices));
}

// Y[..., j] = j < X[...], for j < maxlen (MaxLenTensor, else the attr; a
// negative maxlen means max(X)), in out_dtype.
void SequenceMask(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const std::vector<int64_t> lengths = IntValues(x);
  int64_t maxlen = ctx.Attr<int64_t>("maxlen", -1);
  if (const HostTensor* t = ctx.OptionalInput("MaxLenTensor"))
    maxlen = ScalarInt(*t, "MaxLenTensor");
  if (maxlen < 0) maxlen = lengths.empty() ? 0 : *std::max_element(lengths.begin(), lengths.end());
  Dims dims = x.dims;
  dims.push_back(maxlen);
  std::vector<double> out;
  for (int64_t len : lengths) {
    for (int64_t j = 0; j < maxlen; ++j) out.push_back(j < len ? 1.0 : 0.0);
  }
  ctx.SetOutput("Y", FromDoubles(PaddleDtypeAttr(ctx, "out_dtype", 3), dims, out));
}

// [2, n]: row and column indices of the lower triangle (j − i <= offset) of
// a rows × cols matrix, row-major.
void TrilIndices(KernelContext& ctx) {
  ctx.SetOutput("out",
                IndicesTensor(PaddleDtypeAttr(ctx, "dtype", 3),
                              TriangleIndices(ctx.Attr<int64_t>("rows"), ctx.Attr<int64_t>("cols"),
                                              ctx.Attr<int64_t>("offset", 0), true)));
}

// [2, n]: the upper triangle (j − i >= offset) of a row × col matrix.
void TriuIndices(KernelContext& ctx) {
  ctx.SetOutput("out",
                IndicesTensor(PaddleDtypeAttr(ctx, "dtype", 3),
                              TriangleIndices(ctx.Attr<int64_t>("row"), ctx.Attr<int64_t>("col"),
                                              ctx.Attr<int64_t>("offset", 0), false)));
}

// Out = X with AddValue's slice i added at Index[i] along `axis`.
void IndexAdd(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& add = ctx.Input("AddValue");
  const std::vector<int64_t> index = IntValues(ctx.Input("Index"));
  const int64_t axis =
      NormalizeAxis(ctx.Attr<int64_t>("axis", 0), static_cast<int64_t>(x.dims.size()), "axis");
  const AxisSplit s = SplitAt(x.dims, axis);
  std::vector<double> out = x.ToDouble();
  const std::vector<double> av = add.ToDouble();
  const int64_t n = static_cast<int64_t>(index.size());
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t i = 0; i < n; ++i) {
      int64_t target = index[i] < 0 ? index[i] + s.extent : index[i];
      PD2ONNX_CHECK(target >= 0 && target < s.extent, ErrorKind::kInvalidInput,
                    "index_add index {} is outside [0, {})", index[i], s.extent);
      for (int64_t k = 0; k < s.inner; ++k) {
        out[(o * s.extent + target) * s.inner + k] += av[(o * n + i) * s.inner + k];
      }
    }
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, x.dims, out));
}

// Row i of Out is row i of X[Ids[i]].
void Multiplex(KernelContext& ctx) {
  const std::vector<const HostTensor*> xs = ctx.InputList("X");
  const std::vector<int64_t> ids = IntValues(ctx.Input("Ids"));
  HostTensor out(xs.at(0)->dtype, xs[0]->dims);
  const int64_t rows = xs[0]->dims[0];
  const size_t row_bytes = out.bytes.size() / static_cast<size_t>(std::max<int64_t>(rows, 1));
  for (int64_t r = 0; r < rows; ++r) {
    PD2ONNX_CHECK(ids[r] >= 0 && ids[r] < static_cast<int64_t>(xs.size()), ErrorKind::kInvalidInput,
                  "multiplex id {} is outside [0, {})", ids[r], xs.size());
    const HostTensor& src = *xs[ids[r]];
    std::copy_n(src.bytes.begin() + static_cast<int64_t>(r * row_bytes), row_bytes,
                out.bytes.begin() + static_cast<int64_t>(r * row_bytes));
  }
  ctx.SetOutput("Out", std::move(out));
}

// x / shard_size == shard_id ? x % shard_size : ignore_value, with
// shard_size = ceil(index_num / nshards).
void ShardIndex(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t index_num = ctx.Attr<int64_t>("index_num");
  const int64_t nshards = ctx.Attr<int64_t>("nshards");
  const int64_t shard_id = ctx.Attr<int64_t>("shard_id");
  const int64_t ignore = ctx.Attr<int64_t>("ignore_value", -1);
  const int64_t size = (index_num + nshards - 1) / nshards;
  std::vector<int64_t> v = IntValues(x);
  for (int64_t& e : v) e = e / size == shard_id ? e % size : ignore;
  ctx.SetOutput("Out", CastTo(HostTensor::From<int64_t>(DataType::kInt64, x.dims, v), x.dtype));
}

// base ^ (linspace(start, stop, num)) in `dtype`; the first half steps up
// from start, the second half down from stop, in double.
void Logspace(KernelContext& ctx) {
  const DataType dtype = PaddleDtypeAttr(ctx, "dtype", 5);
  const int64_t num = ScalarInt(ctx.Input("Num"), "Num");
  PD2ONNX_CHECK(num > 0, ErrorKind::kInvalidInput, "logspace num {} is not positive", num);
  const double start = CastTo(ctx.Input("Start"), dtype).ToDouble().at(0);
  const double stop = CastTo(ctx.Input("Stop"), dtype).ToDouble().at(0);
  const double base = CastTo(ctx.Input("Base"), dtype).ToDouble().at(0);
  std::vector<double> out(static_cast<size_t>(num));
  if (num == 1) {
    out[0] = std::pow(base, start);
  } else {
    const double step = (stop - start) / static_cast<double>(num - 1);
    for (int64_t i = 0; i < num; ++i) {
      const double e = i < num / 2 ? start + step * static_cast<double>(i)
                                   : stop - step * static_cast<double>(num - i - 1);
      out[i] = std::pow(base, e);
    }
  }
  ctx.SetOutput("Out", FromDoubles(dtype, {num}, out));
}

// Y padded at the end of every axis to X's dims with pad_value.
void PadConstantLike(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  PD2ONNX_CHECK(x.dims.size() == y.dims.size(), ErrorKind::kInvalidInput,
                "pad_constant_like needs X and Y of equal rank");
  std::vector<double> out(static_cast<size_t>(x.numel()), ctx.Attr<float>("pad_value", 0.0f));
  const std::vector<double> yv = y.ToDouble();
  const Dims xs = Strides(x.dims), ys = Strides(y.dims);
  ForEachIndex(y.dims, [&](const Dims& idx) { out[Offset(idx, xs)] = yv[Offset(idx, ys)]; });
  ctx.SetOutput("Out", FromDoubles(y.dtype, x.dims, out));
}

}  // namespace pd2onnx::interp::kernels

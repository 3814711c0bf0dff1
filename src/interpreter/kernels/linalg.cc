// bmm, mv, dot, kron, p_norm, norm and dist, from Paddle's CPU kernels
// (paddle/phi/kernels/cpu/{bmm,mv,dot,kron,p_norm,norm,dist}_kernel.cc and
// impl/). Products and norms accumulate in double.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <type_traits>

#include "interpreter/kernels/search_linalg.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// The p-norm of a list of values as Paddle defines it: p = 0 counts the
// non-zero values, ±inf takes the largest / smallest magnitude, and any
// other p is (Σ |v|^p)^(1/p).
class PNormAccumulator {
 public:
  explicit PNormAccumulator(double p) : p_(p) {
    if (std::isinf(p_)) acc_ = p_ > 0 ? 0.0 : std::numeric_limits<double>::infinity();
  }
  void Add(double v) {
    const double a = std::fabs(v);
    if (p_ == 0) {
      acc_ += v != 0 ? 1.0 : 0.0;
    } else if (std::isinf(p_)) {
      acc_ = p_ > 0 ? std::max(acc_, a) : std::min(acc_, a);
    } else {
      acc_ += std::pow(a, p_);
    }
  }
  double Result() const {
    if (p_ == 0 || std::isinf(p_)) return acc_;
    return std::pow(acc_, 1.0 / p_);
  }

 private:
  double p_;
  double acc_ = 0.0;
};

}  // namespace

// bmm: [B, M, K] @ [B, K, N] → [B, M, N].
void Bmm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  PD2ONNX_CHECK(
      x.dims.size() == 3 && y.dims.size() == 3 && x.dims[0] == y.dims[0] && x.dims[2] == y.dims[1],
      ErrorKind::kInvalidInput, "bmm needs [B, M, K] and [B, K, N], got {} and {}",
      graph::ShapeToString(x.dims), graph::ShapeToString(y.dims));
  const int64_t b = x.dims[0], m = x.dims[1], k = x.dims[2], n = y.dims[2];
  const std::vector<double> a = x.ToDouble(), c = y.ToDouble();
  std::vector<double> out(static_cast<size_t>(b * m * n), 0.0);
  for (int64_t i = 0; i < b; ++i)
    for (int64_t r = 0; r < m; ++r)
      for (int64_t col = 0; col < n; ++col) {
        double s = 0;
        for (int64_t t = 0; t < k; ++t) s += a[(i * m + r) * k + t] * c[(i * k + t) * n + col];
        out[(i * m + r) * n + col] = s;
      }
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, {b, m, n}, out), x.dtype));
}

// mv: [M, N] matrix times [N] vector → [M].
void Mv(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& vec = ctx.Input("Vec");
  PD2ONNX_CHECK(x.dims.size() == 2 && vec.dims.size() == 1 && x.dims[1] == vec.dims[0],
                ErrorKind::kInvalidInput, "mv needs [M, N] and [N], got {} and {}",
                graph::ShapeToString(x.dims), graph::ShapeToString(vec.dims));
  const int64_t m = x.dims[0], n = x.dims[1];
  const std::vector<double> a = x.ToDouble(), v = vec.ToDouble();
  std::vector<double> out(static_cast<size_t>(m), 0.0);
  for (int64_t r = 0; r < m; ++r)
    for (int64_t c = 0; c < n; ++c) out[r] += a[r * n + c] * v[c];
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, {m}, out), x.dtype));
}

// dot: Σ x·y over the last axis of two equal 1-D or 2-D tensors. Paddle
// < 2.5 keeps the last axis as 1 ([1], [B, 1]); later versions drop it
// ([], [B]). The declared output rank tells which.
void Dot(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  PD2ONNX_CHECK(x.dims == y.dims && !x.dims.empty() && x.dims.size() <= 2, ErrorKind::kInvalidInput,
                "dot needs equal 1-D or 2-D operands, got {} and {}", graph::ShapeToString(x.dims),
                graph::ShapeToString(y.dims));
  const int64_t n = x.dims.back();
  const int64_t rows = x.numel() / std::max<int64_t>(n, 1);
  Dims out_dims(x.dims.begin(), x.dims.end() - 1);
  const graph::Var* declared = ctx.OutputVar("Out");
  if (declared != nullptr && declared->shape.size() == x.dims.size()) out_dims.push_back(1);
  HostTensor out(x.dtype, out_dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    if constexpr (std::is_same_v<T, bool>) {
      Fail(ErrorKind::kUnsupported, "dot of bool tensors");
    } else {
      using Acc = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;
      const T* a = x.data<T>();
      const T* b = y.data<T>();
      T* o = out.data<T>();
      for (int64_t r = 0; r < rows; ++r) {
        Acc s = 0;
        for (int64_t i = 0; i < n; ++i)
          s += static_cast<Acc>(a[r * n + i]) * static_cast<Acc>(b[r * n + i]);
        o[r] = static_cast<T>(s);
      }
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

// kron: the Kronecker product. The lower-rank operand gets leading 1s;
// out dim d = X dim d · Y dim d, and out[i] = X[i / Ydims] · Y[i % Ydims]
// per axis.
void Kron(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  const size_t rank = std::max(x.dims.size(), y.dims.size());
  Dims xd(rank, 1), yd(rank, 1), od(rank);
  std::copy(x.dims.begin(), x.dims.end(), xd.end() - x.dims.size());
  std::copy(y.dims.begin(), y.dims.end(), yd.end() - y.dims.size());
  for (size_t d = 0; d < rank; ++d) od[d] = xd[d] * yd[d];
  const Dims xs = Strides(xd), ys = Strides(yd);
  HostTensor out(x.dtype, od);
  VisitRealType(x.dtype, [&]<typename T>() {
    if constexpr (std::is_same_v<T, bool>) {
      Fail(ErrorKind::kUnsupported, "kron of bool tensors");
    } else {
      const T* a = x.data<T>();
      const T* b = y.data<T>();
      T* o = out.data<T>();
      Dims index(rank, 0);
      for (int64_t i = 0; i < out.numel(); ++i) {
        int64_t ai = 0, bi = 0;
        for (size_t d = 0; d < rank; ++d) {
          ai += (index[d] / yd[d]) * xs[d];
          bi += (index[d] % yd[d]) * ys[d];
        }
        o[i] = static_cast<T>(a[ai] * b[bi]);
        for (size_t d = rank; d-- > 0;) {
          if (++index[d] < od[d]) break;
          index[d] = 0;
        }
      }
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

// p_norm: the `porder`-norm along `axis` (of every element with
// `asvector`), keeping the axis as 1 with `keepdim`. `epsilon` only guards
// the gradient.
void PNorm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const double p = ctx.Attr<double>("porder", 2.0);
  const bool keepdim = ctx.Attr<bool>("keepdim", false);
  const bool asvector = ctx.Attr<bool>("asvector", false);
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  int64_t pre = 1, n = x.numel(), post = 1;
  Dims out_dims;
  if (asvector || rank == 0) {
    out_dims = keepdim ? Dims(rank, 1) : ctx.ScalarShape("Out");
  } else {
    const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", -1), rank, "axis");
    pre = Product(x.dims, 0, axis);
    n = x.dims[axis];
    post = Product(x.dims, axis + 1, rank);
    for (int64_t d = 0; d < rank; ++d) {
      if (d != axis) {
        out_dims.push_back(x.dims[d]);
      } else if (keepdim) {
        out_dims.push_back(1);
      }
    }
    if (out_dims.empty()) out_dims = ctx.ScalarShape("Out");
  }
  const std::vector<double> v = x.ToDouble();
  std::vector<double> out(static_cast<size_t>(pre * post));
  for (int64_t a = 0; a < pre; ++a)
    for (int64_t b = 0; b < post; ++b) {
      PNormAccumulator acc(p);
      for (int64_t i = 0; i < n; ++i) acc.Add(v[(a * n + i) * post + b]);
      out[a * post + b] = acc.Result();
    }
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, out_dims, out), x.dtype));
}

// norm (L2 normalisation): Norm = sqrt(Σ x² + epsilon) along `axis` (kept
// as 1), Out = X / Norm.
void Norm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", -1), rank, "axis");
  const double eps = ctx.Attr<double>("epsilon", 1e-10);
  const int64_t pre = Product(x.dims, 0, axis), n = x.dims[axis];
  const int64_t post = Product(x.dims, axis + 1, rank);
  const std::vector<double> v = x.ToDouble();
  std::vector<double> norm(static_cast<size_t>(pre * post)), out(v.size());
  for (int64_t a = 0; a < pre; ++a)
    for (int64_t b = 0; b < post; ++b) {
      double s = 0;
      for (int64_t i = 0; i < n; ++i) s += v[(a * n + i) * post + b] * v[(a * n + i) * post + b];
      const double r = std::sqrt(s + eps);
      norm[a * post + b] = r;
      for (int64_t i = 0; i < n; ++i) out[(a * n + i) * post + b] = v[(a * n + i) * post + b] / r;
    }
  Dims norm_dims = x.dims;
  norm_dims[axis] = 1;
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, x.dims, out), x.dtype));
  ctx.SetOutput("Norm", CastTo(HostTensor::From(DataType::kFloat64, norm_dims, norm), x.dtype));
}

// dist: the p-norm of X - Y (NumPy-broadcast) over every element.
void Dist(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  const double p = ctx.Attr<double>("p", 2.0);
  const size_t rank = std::max(x.dims.size(), y.dims.size());
  Dims xd(rank, 1), yd(rank, 1), od(rank);
  std::copy(x.dims.begin(), x.dims.end(), xd.end() - x.dims.size());
  std::copy(y.dims.begin(), y.dims.end(), yd.end() - y.dims.size());
  Dims xs = Strides(xd), ys = Strides(yd);
  for (size_t d = 0; d < rank; ++d) {
    PD2ONNX_CHECK(xd[d] == yd[d] || xd[d] == 1 || yd[d] == 1, ErrorKind::kInvalidInput,
                  "dist operands {} and {} do not broadcast", graph::ShapeToString(x.dims),
                  graph::ShapeToString(y.dims));
    od[d] = std::max(xd[d], yd[d]);
    if (xd[d] == 1) xs[d] = 0;
    if (yd[d] == 1) ys[d] = 0;
  }
  const std::vector<double> a = StridedCopy(CastTo(x, DataType::kFloat64), od, xs).ToDouble();
  const std::vector<double> b = StridedCopy(CastTo(y, DataType::kFloat64), od, ys).ToDouble();
  PNormAccumulator acc(p);
  for (size_t i = 0; i < a.size(); ++i) acc.Add(a[i] - b[i]);
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, ctx.ScalarShape("Out"),
                                               std::vector<double>{acc.Result()}),
                              x.dtype));
}

}  // namespace pd2onnx::interp::kernels

namespace pd2onnx::interp::kernels {
namespace {

// One einsum operand: a label id per dim. Letters are ids 0..51; the dims
// an ellipsis stands for get ids 64 + k, right-aligned across operands so
// that they broadcast like NumPy.
std::vector<int> EinsumLabels(const std::string& term, int64_t rank, int64_t* ellipsis_rank) {
  std::vector<int> letters_before, letters_after;
  bool seen_ellipsis = false;
  for (size_t i = 0; i < term.size(); ++i) {
    const char c = term[i];
    if (c == ' ') continue;
    if (c == '.') {
      PD2ONNX_CHECK(term.compare(i, 3, "...") == 0 && !seen_ellipsis, ErrorKind::kInvalidInput,
                    "bad ellipsis in einsum term '{}'", term);
      seen_ellipsis = true;
      i += 2;
      continue;
    }
    PD2ONNX_CHECK(std::isalpha(static_cast<unsigned char>(c)), ErrorKind::kInvalidInput,
                  "bad label '{}' in einsum term '{}'", c, term);
    const int id = c >= 'a' ? c - 'a' : 26 + (c - 'A');
    (seen_ellipsis ? letters_after : letters_before).push_back(id);
  }
  const int64_t letters = static_cast<int64_t>(letters_before.size() + letters_after.size());
  const int64_t e = seen_ellipsis ? rank - letters : 0;
  PD2ONNX_CHECK(e >= 0 && (seen_ellipsis || letters == rank), ErrorKind::kInvalidInput,
                "einsum term '{}' does not match an operand of rank {}", term, rank);
  if (ellipsis_rank != nullptr) *ellipsis_rank = e;
  std::vector<int> ids = letters_before;
  // Filled in by the caller once the widest ellipsis is known: -1 - k for
  // the k-th ellipsis dim counted from the right.
  for (int64_t k = e; k > 0; --k) ids.push_back(-static_cast<int>(k));
  ids.insert(ids.end(), letters_after.begin(), letters_after.end());
  return ids;
}

}  // namespace

// einsum: Σ over the labels missing from the output of the product of the
// operands' elements, with "..." dims broadcast (the equation always has
// "->", as Paddle's Python layer writes it).
void Einsum(KernelContext& ctx) {
  const std::vector<const HostTensor*> operands = ctx.InputList("Operands");
  const std::string equation = ctx.Attr<std::string>("equation");
  const size_t arrow = equation.find("->");
  PD2ONNX_CHECK(arrow != std::string::npos, ErrorKind::kInvalidInput,
                "einsum equation '{}' has no '->'", equation);
  std::vector<std::string> terms;
  {
    const std::string lhs = equation.substr(0, arrow);
    size_t start = 0;
    while (true) {
      const size_t comma = lhs.find(',', start);
      terms.push_back(lhs.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  PD2ONNX_CHECK(terms.size() == operands.size(), ErrorKind::kInvalidInput,
                "einsum equation '{}' has {} terms for {} operands", equation, terms.size(),
                operands.size());
  constexpr int kEllipsisBase = 64;
  const auto resolve = [&](std::vector<int> ids) {
    for (int& id : ids) {
      if (id < 0) id = kEllipsisBase + (-id - 1);  // k-th from the right
    }
    return ids;
  };
  std::vector<std::vector<int>> ids(operands.size());
  int64_t widest = 0;
  std::map<int, int64_t> size;  // label id → extent
  for (size_t t = 0; t < operands.size(); ++t) {
    int64_t e = 0;
    ids[t] = resolve(EinsumLabels(terms[t], static_cast<int64_t>(operands[t]->dims.size()), &e));
    widest = std::max(widest, e);
    for (size_t d = 0; d < ids[t].size(); ++d) {
      const int64_t extent = operands[t]->dims[d];
      auto [it, inserted] = size.emplace(ids[t][d], extent);
      if (!inserted && it->second != extent) {
        // Only "..." dims broadcast; a letter must have one extent.
        PD2ONNX_CHECK(ids[t][d] >= kEllipsisBase && (it->second == 1 || extent == 1),
                      ErrorKind::kInvalidInput, "einsum extents {} and {} of one label differ",
                      it->second, extent);
        it->second = std::max(it->second, extent);
      }
    }
  }
  std::vector<int> out_ids;
  {
    int64_t out_e = 0;
    const std::string rhs = equation.substr(arrow + 2);
    // The output's "..." stands for the widest ellipsis.
    int64_t letters = 0;
    for (char c : rhs) letters += std::isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
    const bool has_ellipsis = rhs.find("...") != std::string::npos;
    out_ids = resolve(EinsumLabels(rhs, letters + (has_ellipsis ? widest : 0), &out_e));
  }
  // Every label: output labels first, then summed ones.
  std::vector<int> all = out_ids;
  for (const auto& [id, extent] : size) {
    if (std::find(all.begin(), all.end(), id) == all.end()) all.push_back(id);
  }
  Dims all_dims, out_dims;
  for (int id : all) all_dims.push_back(size.at(id));
  for (int id : out_ids) out_dims.push_back(size.at(id));
  // Per operand and label position in `all`: the operand's element stride
  // (0 where the label is absent or broadcast).
  std::vector<Dims> strides(operands.size(), Dims(all.size(), 0));
  std::vector<std::vector<double>> values(operands.size());
  for (size_t t = 0; t < operands.size(); ++t) {
    const Dims s = Strides(operands[t]->dims);
    for (size_t d = 0; d < ids[t].size(); ++d) {
      if (operands[t]->dims[d] == 1) continue;
      const size_t at = std::find(all.begin(), all.end(), ids[t][d]) - all.begin();
      strides[t][at] += s[d];
    }
    values[t] = operands[t]->ToDouble();
  }
  const int64_t out_numel = graph::NumElements(out_dims);
  const int64_t total = graph::NumElements(all_dims);
  const int64_t per_out = out_numel == 0 ? 0 : total / out_numel;
  std::vector<double> out(static_cast<size_t>(out_numel), 0.0);
  Dims index(all.size(), 0);
  for (int64_t i = 0; i < total; ++i) {
    double product = 1;
    for (size_t t = 0; t < operands.size(); ++t) {
      int64_t offset = 0;
      for (size_t d = 0; d < all.size(); ++d) offset += index[d] * strides[t][d];
      product *= values[t][offset];
    }
    out[i / std::max<int64_t>(per_out, 1)] += product;
    for (size_t d = all.size(); d-- > 0;) {
      if (++index[d] < all_dims[d]) break;
      index[d] = 0;
    }
  }
  ctx.SetOutput(
      "Out", CastTo(HostTensor::From(DataType::kFloat64, out_dims, out), operands.front()->dtype));
}

}  // namespace pd2onnx::interp::kernels

namespace pd2onnx::interp::kernels {

// addmm: Beta · Input + Alpha · (X @ Y), Input broadcast to [M, N].
void Addmm(KernelContext& ctx) {
  const HostTensor& input = ctx.Input("Input");
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  PD2ONNX_CHECK(
      x.dims.size() == 2 && y.dims.size() == 2 && x.dims[1] == y.dims[0] && input.dims.size() <= 2,
      ErrorKind::kInvalidInput, "addmm needs [M, K] @ [K, N] and Input of rank <= 2");
  const double alpha = ctx.Attr<double>("Alpha", 1.0), beta = ctx.Attr<double>("Beta", 1.0);
  const int64_t m = x.dims[0], k = x.dims[1], n = y.dims[1];
  Dims in_dims(2, 1);
  std::copy(input.dims.begin(), input.dims.end(), in_dims.end() - input.dims.size());
  PD2ONNX_CHECK((in_dims[0] == m || in_dims[0] == 1) && (in_dims[1] == n || in_dims[1] == 1),
                ErrorKind::kInvalidInput, "addmm Input {} does not broadcast to [{}, {}]",
                graph::ShapeToString(input.dims), m, n);
  const std::vector<double> a = x.ToDouble(), b = y.ToDouble(), c = input.ToDouble();
  std::vector<double> out(static_cast<size_t>(m * n));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double s = 0;
      for (int64_t t = 0; t < k; ++t) s += a[i * k + t] * b[t * n + j];
      const double bias = c[(in_dims[0] == 1 ? 0 : i) * in_dims[1] + (in_dims[1] == 1 ? 0 : j)];
      out[i * n + j] = beta * bias + alpha * s;
    }
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, {m, n}, out), x.dtype));
}

// frobenius_norm: sqrt(Σ x²) over `dim` (every axis with `reduce_all` or
// an empty list), `keep_dim`.
void FrobeniusNorm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const std::vector<int64_t> dim = ctx.Attr<std::vector<int64_t>>("dim", {0});
  const bool all = ctx.Attr<bool>("reduce_all", false) || dim.empty();
  const bool keep = ctx.Attr<bool>("keep_dim", false);
  std::vector<bool> reduced(rank, all);
  if (!all) {
    for (int64_t d : dim) reduced[NormalizeAxis(d, rank, "dim")] = true;
  }
  Dims kept(rank), out_dims;
  for (int64_t d = 0; d < rank; ++d) {
    kept[d] = reduced[d] ? 1 : x.dims[d];
    if (!reduced[d] || keep) out_dims.push_back(kept[d]);
  }
  if (out_dims.empty() && !(keep && rank > 0)) out_dims = ctx.ScalarShape("Out");
  const Dims kept_strides = Strides(kept);
  const std::vector<double> v = x.ToDouble();
  std::vector<double> sum(static_cast<size_t>(graph::NumElements(kept)), 0.0);
  Dims index(rank, 0);
  for (size_t i = 0; i < v.size(); ++i) {
    int64_t t = 0;
    for (int64_t d = 0; d < rank; ++d) {
      if (!reduced[d]) t += index[d] * kept_strides[d];
    }
    sum[t] += v[i] * v[i];
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < x.dims[d]) break;
      index[d] = 0;
    }
  }
  for (double& s : sum) s = std::sqrt(s);
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, out_dims, sum), x.dtype));
}

// squared_l2_norm: Σ x² over every element, shape [1] (or 0-D as declared).
void SquaredL2Norm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  double s = 0;
  for (double v : x.ToDouble()) s += v * v;
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, ctx.ScalarShape("Out"),
                                               std::vector<double>{s}),
                              x.dtype));
}

}  // namespace pd2onnx::interp::kernels

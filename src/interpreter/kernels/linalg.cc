// bmm, mv, dot, kron, p_norm, norm and dist, from Paddle's CPU kernels
// (paddle/phi/kernels/cpu/{bmm,mv,dot,kron,p_norm,norm,dist}_kernel.cc and
// impl/). Products and norms accumulate in double.
#include <algorithm>
#include <cmath>
#include <limits>
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
  PD2ONNX_CHECK(x.dims.size() == 3 && y.dims.size() == 3 && x.dims[0] == y.dims[0] &&
                    x.dims[2] == y.dims[1],
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
  PD2ONNX_CHECK(x.dims == y.dims && !x.dims.empty() && x.dims.size() <= 2,
                ErrorKind::kInvalidInput, "dot needs equal 1-D or 2-D operands, got {} and {}",
                graph::ShapeToString(x.dims), graph::ShapeToString(y.dims));
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
        for (int64_t i = 0; i < n; ++i) s += static_cast<Acc>(a[r * n + i]) * static_cast<Acc>(b[r * n + i]);
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

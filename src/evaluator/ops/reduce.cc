// Reductions (Reduce*, ArgMax/ArgMin), scans (CumSum), Softmax/LogSoftmax,
// and the contractions MatMul and Einsum.
#include <algorithm>
#include <cmath>
#include <limits>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

// The elements of `x` split as [outer, n, inner] around one axis.
struct AxisView {
  int64_t outer = 1, n = 1, inner = 1;
};

AxisView ViewAround(const std::vector<int64_t>& dims, int64_t axis) {
  AxisView v;
  for (int64_t k = 0; k < static_cast<int64_t>(dims.size()); ++k) {
    if (k < axis) v.outer *= dims[k];
    if (k == axis) v.n = dims[k];
    if (k > axis) v.inner *= dims[k];
  }
  return v;
}

// The reduction axes: an attribute before `input_since`, else input 1;
// none given means every axis unless noop_with_empty_axes.
std::vector<bool> ReducedAxes(const OpContext& cx, int input_since, int64_t rank, bool& noop) {
  std::vector<int64_t> axes;
  if (cx.opset() >= input_since) {
    if (cx.HasInput(1)) axes = cx.In(1).Ints();
  } else {
    axes = cx.Ints("axes");
  }
  noop = axes.empty() && cx.Int("noop_with_empty_axes", 0) != 0;
  std::vector<bool> reduced(static_cast<size_t>(rank), axes.empty());
  for (int64_t a : axes) reduced[NormalizeAxis(a, rank)] = true;
  return reduced;
}

enum class ReduceKind { kSum, kMean, kMax, kMin, kProd, kL1, kL2, kLogSumExp, kSumSquare, kLogSum };

double InitialValue(ReduceKind kind) {
  switch (kind) {
    case ReduceKind::kMax:
      return -std::numeric_limits<double>::infinity();
    case ReduceKind::kMin:
      return std::numeric_limits<double>::infinity();
    case ReduceKind::kProd:
      return 1;
    default:
      return 0;
  }
}

// Folds v into acc; LogSumExp folds exp(v - peak) (the group's maximum).
double Accumulate(ReduceKind kind, double acc, double v, double peak) {
  switch (kind) {
    case ReduceKind::kMax:
      return std::isnan(v) || std::isnan(acc) ? NAN : std::max(acc, v);
    case ReduceKind::kMin:
      return std::isnan(v) || std::isnan(acc) ? NAN : std::min(acc, v);
    case ReduceKind::kProd:
      return acc * v;
    case ReduceKind::kL1:
      return acc + std::fabs(v);
    case ReduceKind::kL2:
    case ReduceKind::kSumSquare:
      return acc + v * v;
    case ReduceKind::kLogSumExp:
      return acc + std::exp(v - peak);
    default:
      return acc + v;
  }
}

double Finish(ReduceKind kind, double acc, int64_t count, double peak) {
  switch (kind) {
    case ReduceKind::kMean:
      return acc / static_cast<double>(count);
    case ReduceKind::kL2:
      return std::sqrt(acc);
    case ReduceKind::kLogSum:
      return std::log(acc);
    case ReduceKind::kLogSumExp:
      return std::log(acc) + peak;
    default:
      return acc;
  }
}

Kernel Reduce(ReduceKind kind, int axes_input_since) {
  return [kind, axes_input_since](const OpContext& cx) {
    const Tensor& x = cx.In(0);
    bool noop = false;
    const std::vector<bool> reduced = ReducedAxes(cx, axes_input_since, x.rank(), noop);
    if (noop) return std::vector<Tensor>{x};
    const bool keepdims = cx.Int("keepdims", 1) != 0;
    std::vector<int64_t> kept_dims, out_dims;
    for (int64_t k = 0; k < x.rank(); ++k) {
      kept_dims.push_back(reduced[k] ? 1 : x.dims[k]);
      if (!reduced[k]) out_dims.push_back(x.dims[k]);
    }
    Tensor y(x.dtype, kept_dims);
    const int64_t total = x.numel(), groups = y.numel();
    // The output element of every input element, through the kept shape.
    std::vector<int64_t> target(static_cast<size_t>(total));
    const std::vector<int64_t> out_strides = Strides(kept_dims);
    const std::vector<int64_t> in_strides = Strides(x.dims);
    for (int64_t flat = 0; flat < total; ++flat) {
      int64_t dst = 0;
      for (int64_t k = 0; k < x.rank(); ++k) {
        if (!reduced[k]) dst += ((flat / in_strides[k]) % x.dims[k]) * out_strides[k];
      }
      target[flat] = dst;
    }
    std::vector<double> peak(static_cast<size_t>(groups), -std::numeric_limits<double>::infinity());
    if (kind == ReduceKind::kLogSumExp) {
      for (int64_t flat = 0; flat < total; ++flat)
        peak[target[flat]] = std::max(peak[target[flat]], x.Get(flat));
    }
    std::vector<double> acc(static_cast<size_t>(groups), InitialValue(kind));
    for (int64_t flat = 0; flat < total; ++flat) {
      const int64_t g = target[flat];
      acc[g] = Accumulate(kind, acc[g], x.Get(flat), peak[g]);
    }
    const int64_t count = groups == 0 ? 0 : total / groups;
    for (int64_t g = 0; g < groups; ++g) y.Set(g, Finish(kind, acc[g], count, peak[g]));
    if (!keepdims) y.dims = out_dims;
    return std::vector<Tensor>{y};
  };
}

Kernel ArgExtreme(bool is_max) {
  return [is_max](const OpContext& cx) {
    const Tensor& x = cx.In(0);
    const int64_t axis = NormalizeAxis(cx.Int("axis", 0), x.rank());
    const bool keepdims = cx.Int("keepdims", 1) != 0;
    const bool last = cx.Int("select_last_index", 0) != 0;
    const AxisView v = ViewAround(x.dims, axis);
    std::vector<int64_t> dims = x.dims;
    dims[axis] = 1;
    Tensor y(DataType::kInt64, dims);
    for (int64_t o = 0; o < v.outer; ++o) {
      for (int64_t in = 0; in < v.inner; ++in) {
        int64_t best = 0;
        for (int64_t j = 1; j < v.n; ++j) {
          const double cand = x.Get((o * v.n + j) * v.inner + in);
          const double cur = x.Get((o * v.n + best) * v.inner + in);
          const bool better = is_max ? (cand > cur || (last && cand == cur))
                                     : (cand < cur || (last && cand == cur));
          if (better) best = j;
        }
        y.i[o * v.inner + in] = best;
      }
    }
    if (!keepdims) y.dims.erase(y.dims.begin() + axis);
    return std::vector<Tensor>{y};
  };
}

std::vector<Tensor> CumSum(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const int64_t axis = NormalizeAxis(cx.In(1).GetInt(0), x.rank());
  const bool exclusive = cx.Int("exclusive", 0) != 0;
  const bool reverse = cx.Int("reverse", 0) != 0;
  const AxisView v = ViewAround(x.dims, axis);
  Tensor y(x.dtype, x.dims);
  for (int64_t o = 0; o < v.outer; ++o) {
    for (int64_t in = 0; in < v.inner; ++in) {
      double acc = 0;
      for (int64_t step = 0; step < v.n; ++step) {
        const int64_t j = reverse ? v.n - 1 - step : step;
        const int64_t at = (o * v.n + j) * v.inner + in;
        if (exclusive) {
          y.Set(at, acc);
          acc += x.Get(at);
        } else {
          acc += x.Get(at);
          y.Set(at, acc);
        }
      }
    }
  }
  return {y};
}

// Softmax-1/11: over the flattened [axis:] dims (default axis 1);
// Softmax-13: over one axis (default -1).
Kernel SoftmaxKernel(bool log) {
  return [log](const OpContext& cx) {
    const Tensor& x = cx.In(0);
    const bool legacy = cx.opset() < 13;
    const int64_t axis = NormalizeAxis(cx.Int("axis", legacy ? 1 : -1), x.rank());
    AxisView v = ViewAround(x.dims, axis);
    if (legacy) {
      v.n *= v.inner;
      v.inner = 1;
    }
    Tensor y(x.dtype, x.dims);
    for (int64_t o = 0; o < v.outer; ++o) {
      for (int64_t in = 0; in < v.inner; ++in) {
        const auto at = [&](int64_t j) { return (o * v.n + j) * v.inner + in; };
        double peak = -std::numeric_limits<double>::infinity();
        for (int64_t j = 0; j < v.n; ++j) peak = std::max(peak, x.f[at(j)]);
        double total = 0;
        for (int64_t j = 0; j < v.n; ++j) total += std::exp(x.f[at(j)] - peak);
        for (int64_t j = 0; j < v.n; ++j) {
          const double shifted = x.f[at(j)] - peak;
          y.f[at(j)] = log ? shifted - std::log(total) : std::exp(shifted) / total;
        }
      }
    }
    return std::vector<Tensor>{y};
  };
}

std::vector<Tensor> MatMul(const OpContext& cx) {
  // numpy matmul: 1-D operands get a dim prepended/appended, then removed.
  Tensor a = cx.In(0), b = cx.In(1);
  const bool a_vector = a.rank() == 1, b_vector = b.rank() == 1;
  if (a_vector) a.dims.insert(a.dims.begin(), 1);
  if (b_vector) b.dims.push_back(1);
  const int64_t m = a.dims[a.rank() - 2], k = a.dims[a.rank() - 1];
  const int64_t n = b.dims[b.rank() - 1];
  PD2ONNX_CHECK(b.dims[b.rank() - 2] == k, ErrorKind::kInvalidInput,
                "MatMul inner dims differ: {} and {}", k, b.dims[b.rank() - 2]);
  const std::vector<int64_t> a_batch(a.dims.begin(), a.dims.end() - 2);
  const std::vector<int64_t> b_batch(b.dims.begin(), b.dims.end() - 2);
  const std::vector<int64_t> batch = BroadcastShape(a_batch, b_batch);
  const std::vector<int64_t> ia = BroadcastIndex(a_batch, batch);
  const std::vector<int64_t> ib = BroadcastIndex(b_batch, batch);
  std::vector<int64_t> dims = batch;
  dims.push_back(m);
  dims.push_back(n);
  Tensor y(a.dtype, dims);
  std::vector<double> row(static_cast<size_t>(n));
  for (size_t bi = 0; bi < ia.size(); ++bi) {
    const int64_t a_off = ia[bi] * m * k, b_off = ib[bi] * k * n;
    const int64_t y_off = static_cast<int64_t>(bi) * m * n;
    for (int64_t r = 0; r < m; ++r) {
      std::fill(row.begin(), row.end(), 0.0);
      for (int64_t p = 0; p < k; ++p) {
        const double av = a.Get(a_off + r * k + p);
        for (int64_t c = 0; c < n; ++c) row[c] += av * b.Get(b_off + p * n + c);
      }
      for (int64_t c = 0; c < n; ++c) y.Set(y_off + r * n + c, row[c]);
    }
  }
  if (a_vector) y.dims.erase(y.dims.end() - 2);
  if (b_vector) y.dims.pop_back();
  return {y};
}

// Einsum by brute force over every assignment of the equation's letters.
std::vector<Tensor> Einsum(const OpContext& cx) {
  std::string eq = cx.Str("equation", "");
  eq.erase(std::remove(eq.begin(), eq.end(), ' '), eq.end());
  PD2ONNX_CHECK(eq.find("...") == std::string::npos, ErrorKind::kUnsupported,
                "Einsum with an ellipsis is not supported");
  const size_t arrow = eq.find("->");
  const std::string lhs = eq.substr(0, arrow);
  std::vector<std::string> terms;
  for (size_t begin = 0;;) {
    const size_t comma = lhs.find(',', begin);
    terms.push_back(lhs.substr(begin, comma - begin));
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  PD2ONNX_CHECK(terms.size() == cx.num_inputs(), ErrorKind::kInvalidInput,
                "Einsum has {} terms for {} inputs", terms.size(), cx.num_inputs());
  std::map<char, int64_t> extent;
  for (size_t t = 0; t < terms.size(); ++t) {
    for (size_t k = 0; k < terms[t].size(); ++k) extent[terms[t][k]] = cx.In(t).dims[k];
  }
  std::string out;
  if (arrow != std::string::npos) {
    out = eq.substr(arrow + 2);
  } else {  // implicit: letters used once, alphabetically
    for (const auto& [letter, size] : extent) {
      if (std::count(lhs.begin(), lhs.end(), letter) == 1) out.push_back(letter);
    }
  }
  std::string letters;
  for (const auto& entry : extent) letters.push_back(entry.first);
  std::vector<int64_t> out_dims;
  for (char c : out) out_dims.push_back(extent[c]);
  Tensor y(cx.In(0).dtype, out_dims);
  std::vector<int64_t> all_dims;
  for (char c : letters) all_dims.push_back(extent[c]);
  std::map<char, size_t> slot;
  for (size_t k = 0; k < letters.size(); ++k) slot[letters[k]] = k;
  std::vector<int64_t> coord(letters.size(), 0);
  int64_t total = 1;
  for (int64_t d : all_dims) total *= d;
  std::vector<double> acc(static_cast<size_t>(y.numel()), 0.0);
  for (int64_t flat = 0; flat < total; ++flat) {
    double product = 1;
    for (size_t t = 0; t < terms.size(); ++t) {
      const Tensor& x = cx.In(t);
      int64_t at = 0;
      for (size_t k = 0; k < terms[t].size(); ++k) at = at * x.dims[k] + coord[slot[terms[t][k]]];
      product *= x.Get(at);
    }
    int64_t dst = 0;
    for (size_t k = 0; k < out.size(); ++k) dst = dst * out_dims[k] + coord[slot[out[k]]];
    acc[dst] += product;
    for (int64_t k = static_cast<int64_t>(coord.size()) - 1; k >= 0; --k) {
      if (++coord[k] < all_dims[k]) break;
      coord[k] = 0;
    }
  }
  for (int64_t k = 0; k < y.numel(); ++k) y.Set(k, acc[k]);
  return {y};
}

}  // namespace

void RegisterReduceOps(OpTable& t) {
  // ReduceSum took axes as an input at 13; the others at 18.
  t["ReduceSum"] = Reduce(ReduceKind::kSum, 13);
  t["ReduceMean"] = Reduce(ReduceKind::kMean, 18);
  t["ReduceMax"] = Reduce(ReduceKind::kMax, 18);
  t["ReduceMin"] = Reduce(ReduceKind::kMin, 18);
  t["ReduceProd"] = Reduce(ReduceKind::kProd, 18);
  t["ReduceL1"] = Reduce(ReduceKind::kL1, 18);
  t["ReduceL2"] = Reduce(ReduceKind::kL2, 18);
  t["ReduceLogSumExp"] = Reduce(ReduceKind::kLogSumExp, 18);
  t["ReduceLogSum"] = Reduce(ReduceKind::kLogSum, 18);
  t["ReduceSumSquare"] = Reduce(ReduceKind::kSumSquare, 18);
  t["ArgMax"] = ArgExtreme(true);
  t["ArgMin"] = ArgExtreme(false);
  t["CumSum"] = CumSum;
  t["Softmax"] = SoftmaxKernel(false);
  t["LogSoftmax"] = SoftmaxKernel(true);
  t["MatMul"] = MatMul;
  t["Einsum"] = Einsum;
}

}  // namespace pd2onnx::eval

// Elementwise ops: unary math and activations, broadcasting binary
// arithmetic, comparisons and logic, Where, Clip, Cast, variadic Max/Min.
#include <cmath>
#include <limits>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

using UnaryFn = std::function<double(double)>;

// Applies `fn` to every element; integer inputs go through double (the
// integer unaries pd2onnx emits — Abs, Neg, Sign — are exact there).
Tensor MapUnary(const Tensor& x, const UnaryFn& fn) {
  Tensor y(x.dtype, x.dims);
  const int64_t total = x.numel();
  if (x.is_float()) {
    for (int64_t k = 0; k < total; ++k) y.f[k] = fn(x.f[k]);
  } else {
    for (int64_t k = 0; k < total; ++k) y.Set(k, fn(x.Get(k)));
  }
  return y;
}

Kernel Unary(UnaryFn fn) {
  return [fn](const OpContext& cx) { return std::vector<Tensor>{MapUnary(cx.In(0), fn)}; };
}

// A unary op whose function reads attributes.
using AttrUnary = std::function<UnaryFn(const OpContext&)>;
Kernel UnaryWithAttrs(AttrUnary make) {
  return [make](const OpContext& cx) { return std::vector<Tensor>{MapUnary(cx.In(0), make(cx))}; };
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

using FloatBinary = std::function<double(double, double)>;
using IntBinary = std::function<int64_t(int64_t, int64_t)>;

// Broadcasts a and b to one shape and combines them into `out_dtype`.
Tensor MapBinary(const Tensor& a, const Tensor& b, DataType out_dtype, const FloatBinary& ff,
                 const IntBinary& fi) {
  const std::vector<int64_t> dims = BroadcastShape(a.dims, b.dims);
  Tensor out(out_dtype, dims);
  const int64_t total = out.numel();
  // Same-shape and scalar operands skip the broadcast index (big activations).
  const bool a_full = a.numel() == total && a.dims == dims;
  const bool b_full = b.numel() == total && b.dims == dims;
  std::vector<int64_t> ia, ib;
  if (!a_full && a.numel() != 1) ia = BroadcastIndex(a.dims, dims);
  if (!b_full && b.numel() != 1) ib = BroadcastIndex(b.dims, dims);
  const auto index = [](const std::vector<int64_t>& map, bool full, int64_t k) {
    return full ? k : (map.empty() ? 0 : map[k]);
  };
  const bool integer = !a.is_float() && !b.is_float() && fi != nullptr;
  const bool all_float = a.is_float() && b.is_float() && out.is_float();
  for (int64_t k = 0; k < total; ++k) {
    const int64_t ka = index(ia, a_full, k), kb = index(ib, b_full, k);
    if (all_float) {
      out.f[k] = ff(a.f[ka], b.f[kb]);
    } else if (integer) {
      out.SetInt(k, fi(a.i[ka], b.i[kb]));
    } else {
      out.Set(k, ff(a.Get(ka), b.Get(kb)));
    }
  }
  return out;
}

Kernel Arithmetic(FloatBinary ff, IntBinary fi) {
  return [ff, fi](const OpContext& cx) {
    return std::vector<Tensor>{MapBinary(cx.In(0), cx.In(1), cx.In(0).dtype, ff, fi)};
  };
}

Kernel Compare(FloatBinary ff, IntBinary fi) {
  return [ff, fi](const OpContext& cx) {
    return std::vector<Tensor>{MapBinary(cx.In(0), cx.In(1), DataType::kBool, ff, fi)};
  };
}

int64_t IntDiv(int64_t a, int64_t b) {
  PD2ONNX_CHECK(b != 0, ErrorKind::kInvalidInput, "integer division by zero");
  return a / b;  // C truncation, as ONNX Div on integers
}

int64_t IntPow(int64_t base, int64_t exponent) {
  int64_t result = 1;
  for (int64_t k = 0; k < exponent; ++k) result *= base;
  return result;
}

std::vector<Tensor> Pow(const OpContext& cx) {
  // The result has the base's dtype; an integer base with a float exponent
  // is computed in double and truncated.
  const Tensor& base = cx.In(0);
  const Tensor& exponent = cx.In(1);
  IntBinary fi = nullptr;
  if (!exponent.is_float()) fi = IntPow;
  return {MapBinary(
      base, exponent, base.dtype, [](double a, double b) { return std::pow(a, b); }, fi)};
}

std::vector<Tensor> Mod(const OpContext& cx) {
  const bool fmod = cx.Int("fmod", 0) != 0;
  const FloatBinary ff = [fmod](double a, double b) {
    if (fmod) return std::fmod(a, b);
    const double r = std::fmod(a, b);
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;  // sign of the divisor
  };
  const IntBinary fi = [fmod](int64_t a, int64_t b) {
    PD2ONNX_CHECK(b != 0, ErrorKind::kInvalidInput, "integer modulo by zero");
    const int64_t r = a % b;
    if (fmod) return r;
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
  };
  return {MapBinary(cx.In(0), cx.In(1), cx.In(0).dtype, ff, fi)};
}

// Max, Min, Sum, Mean over any number of broadcast inputs.
Kernel Variadic(FloatBinary ff, IntBinary fi, bool mean) {
  return [ff, fi, mean](const OpContext& cx) {
    Tensor acc = cx.In(0);
    for (size_t k = 1; k < cx.num_inputs(); ++k) acc = MapBinary(acc, cx.In(k), acc.dtype, ff, fi);
    if (mean) {
      for (double& v : acc.f) v /= static_cast<double>(cx.num_inputs());
    }
    return std::vector<Tensor>{acc};
  };
}

std::vector<Tensor> Where(const OpContext& cx) {
  const Tensor& cond = cx.In(0);
  const Tensor& x = cx.In(1);
  const Tensor& y = cx.In(2);
  const std::vector<int64_t> dims = BroadcastShape(BroadcastShape(cond.dims, x.dims), y.dims);
  const auto ic = BroadcastIndex(cond.dims, dims);
  const auto ix = BroadcastIndex(x.dims, dims);
  const auto iy = BroadcastIndex(y.dims, dims);
  Tensor out(x.dtype, dims);
  for (size_t k = 0; k < ic.size(); ++k) {
    const auto flat = static_cast<int64_t>(k);
    const Tensor& pick = cond.i[ic[k]] != 0 ? x : y;
    const int64_t src = cond.i[ic[k]] != 0 ? ix[k] : iy[k];
    if (out.is_float()) {
      out.f[flat] = pick.f[src];
    } else {
      out.i[flat] = pick.i[src];
    }
  }
  return {out};
}

std::vector<Tensor> Clip(const OpContext& cx) {
  // Clip-6: min/max attributes; Clip-11+: optional inputs 1 and 2.
  const Tensor& x = cx.In(0);
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  if (cx.opset() < 11) {
    lo = cx.Float("min", -3.4028234663852886e38);
    hi = cx.Float("max", 3.4028234663852886e38);
  } else {
    if (cx.HasInput(1)) lo = cx.In(1).Get(0);
    if (cx.HasInput(2)) hi = cx.In(2).Get(0);
  }
  return {MapUnary(x, [lo, hi](double v) { return std::min(std::max(v, lo), hi); })};
}

std::vector<Tensor> Cast(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  Tensor y(DataTypeFromOnnx(static_cast<int>(cx.Int("to", 0))), x.dims);
  for (int64_t k = 0; k < x.numel(); ++k) {
    if (x.is_float()) {
      const double v = x.f[k];
      if (!y.is_float() && y.dtype != DataType::kBool) {
        PD2ONNX_CHECK(!std::isnan(v), ErrorKind::kInvalidInput, "cast of NaN to an integer");
      }
      y.Set(k, v);
    } else {
      y.SetInt(k, x.i[k]);
      if (y.dtype == DataType::kBool) y.i[k] = x.i[k] != 0;
    }
  }
  return {y};
}

std::vector<Tensor> PRelu(const OpContext& cx) {
  return {MapBinary(
      cx.In(0), cx.In(1), cx.In(0).dtype,
      [](double x, double slope) { return x < 0 ? slope * x : x; }, nullptr)};
}

std::vector<Tensor> IsInf(const OpContext& cx) {
  const bool negative = cx.Int("detect_negative", 1) != 0;
  const bool positive = cx.Int("detect_positive", 1) != 0;
  const Tensor& x = cx.In(0);
  Tensor y(DataType::kBool, x.dims);
  for (int64_t k = 0; k < x.numel(); ++k) {
    const double v = x.Get(k);
    y.i[k] = std::isinf(v) && ((v > 0 && positive) || (v < 0 && negative));
  }
  return {y};
}

std::vector<Tensor> IsNaN(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  Tensor y(DataType::kBool, x.dims);
  for (int64_t k = 0; k < x.numel(); ++k) y.i[k] = std::isnan(x.Get(k));
  return {y};
}

std::vector<Tensor> Not(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  Tensor y(DataType::kBool, x.dims);
  for (int64_t k = 0; k < x.numel(); ++k) y.i[k] = x.i[k] == 0;
  return {y};
}

std::vector<Tensor> BitwiseNot(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  Tensor y(x.dtype, x.dims);
  for (int64_t k = 0; k < x.numel(); ++k) y.i[k] = ~x.i[k];  // Normalize wraps unsigned types
  return {y};
}

UnaryFn Gelu(const OpContext& cx) {
  if (cx.Str("approximate", "none") == "tanh") {
    return [](double x) {
      return 0.5 * x * (1 + std::tanh(std::sqrt(2 / M_PI) * (x + 0.044715 * x * x * x)));
    };
  }
  return [](double x) { return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0))); };
}

void RegisterUnaryMath(OpTable& t) {
  t["Abs"] = Unary([](double x) { return std::fabs(x); });
  t["Neg"] = Unary([](double x) { return -x; });
  t["Exp"] = Unary([](double x) { return std::exp(x); });
  t["Log"] = Unary([](double x) { return std::log(x); });
  t["Sqrt"] = Unary([](double x) { return std::sqrt(x); });
  t["Reciprocal"] = Unary([](double x) { return 1.0 / x; });
  t["Floor"] = Unary([](double x) { return std::floor(x); });
  t["Ceil"] = Unary([](double x) { return std::ceil(x); });
  t["Round"] = Unary([](double x) { return std::nearbyint(x); });  // half to even
  t["Sign"] = Unary([](double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); });
  t["Tanh"] = Unary([](double x) { return std::tanh(x); });
  t["Sigmoid"] = Unary(Sigmoid);
  t["Relu"] = Unary([](double x) { return x > 0 ? x : 0.0; });
  t["Erf"] = Unary([](double x) { return std::erf(x); });
  t["Sin"] = Unary([](double x) { return std::sin(x); });
  t["Cos"] = Unary([](double x) { return std::cos(x); });
  t["Tan"] = Unary([](double x) { return std::tan(x); });
  t["Asin"] = Unary([](double x) { return std::asin(x); });
  t["Acos"] = Unary([](double x) { return std::acos(x); });
  t["Atan"] = Unary([](double x) { return std::atan(x); });
  t["Asinh"] = Unary([](double x) { return std::asinh(x); });
  t["Acosh"] = Unary([](double x) { return std::acosh(x); });
  t["Atanh"] = Unary([](double x) { return std::atanh(x); });
  t["Sinh"] = Unary([](double x) { return std::sinh(x); });
  t["Cosh"] = Unary([](double x) { return std::cosh(x); });
  t["Softplus"] =
      Unary([](double x) { return std::log1p(std::exp(-std::fabs(x))) + std::max(x, 0.0); });
  t["Softsign"] = Unary([](double x) { return x / (1 + std::fabs(x)); });
  t["Identity"] = [](const OpContext& cx) { return std::vector<Tensor>{cx.In(0)}; };
}

void RegisterActivations(OpTable& t) {
  t["LeakyRelu"] = UnaryWithAttrs([](const OpContext& cx) -> UnaryFn {
    const double alpha = cx.Float("alpha", 0.01);
    return [alpha](double x) { return x < 0 ? alpha * x : x; };
  });
  t["Elu"] = UnaryWithAttrs([](const OpContext& cx) -> UnaryFn {
    const double alpha = cx.Float("alpha", 1.0);
    return [alpha](double x) { return x < 0 ? alpha * (std::exp(x) - 1) : x; };
  });
  t["Celu"] = UnaryWithAttrs([](const OpContext& cx) -> UnaryFn {
    const double alpha = cx.Float("alpha", 1.0);
    return [alpha](double x) {
      return std::max(0.0, x) + std::min(0.0, alpha * (std::exp(x / alpha) - 1));
    };
  });
  t["Selu"] = UnaryWithAttrs([](const OpContext& cx) -> UnaryFn {
    const double alpha = cx.Float("alpha", 1.67326319217681884765625);
    const double gamma = cx.Float("gamma", 1.05070102214813232421875);
    return [alpha, gamma](double x) { return gamma * (x > 0 ? x : alpha * (std::exp(x) - 1)); };
  });
  t["HardSigmoid"] = UnaryWithAttrs([](const OpContext& cx) -> UnaryFn {
    const double alpha = cx.Float("alpha", 0.2);
    const double beta = cx.Float("beta", 0.5);
    return [alpha, beta](double x) { return std::max(0.0, std::min(1.0, alpha * x + beta)); };
  });
  t["HardSwish"] = Unary([](double x) { return x * std::max(0.0, std::min(1.0, x / 6 + 0.5)); });
  t["ThresholdedRelu"] = UnaryWithAttrs([](const OpContext& cx) -> UnaryFn {
    const double alpha = cx.Float("alpha", 1.0);
    return [alpha](double x) { return x > alpha ? x : 0.0; };
  });
  t["Shrink"] = UnaryWithAttrs([](const OpContext& cx) -> UnaryFn {
    const double bias = cx.Float("bias", 0.0);
    const double lambd = cx.Float("lambd", 0.5);
    return [bias, lambd](double x) { return x < -lambd ? x + bias : (x > lambd ? x - bias : 0.0); };
  });
  t["Gelu"] = UnaryWithAttrs(Gelu);
  t["PRelu"] = PRelu;
  t["Clip"] = Clip;
}

void RegisterBinary(OpTable& t) {
  t["Add"] = Arithmetic(std::plus<double>(), std::plus<int64_t>());
  t["Sub"] = Arithmetic(std::minus<double>(), std::minus<int64_t>());
  t["Mul"] = Arithmetic(std::multiplies<double>(), std::multiplies<int64_t>());
  t["Div"] = Arithmetic(std::divides<double>(), IntDiv);
  t["Pow"] = Pow;
  t["Mod"] = Mod;
  const FloatBinary fmax = [](double a, double b) {
    return std::isnan(a) || std::isnan(b) ? NAN : std::max(a, b);
  };
  const FloatBinary fmin = [](double a, double b) {
    return std::isnan(a) || std::isnan(b) ? NAN : std::min(a, b);
  };
  t["Max"] = Variadic(
      fmax, [](int64_t a, int64_t b) { return std::max(a, b); }, false);
  t["Min"] = Variadic(
      fmin, [](int64_t a, int64_t b) { return std::min(a, b); }, false);
  t["Sum"] = Variadic(std::plus<double>(), std::plus<int64_t>(), false);
  t["Mean"] = Variadic(std::plus<double>(), nullptr, true);
}

void RegisterLogic(OpTable& t) {
  t["Equal"] = Compare(std::equal_to<double>(), std::equal_to<int64_t>());
  t["Greater"] = Compare(std::greater<double>(), std::greater<int64_t>());
  t["Less"] = Compare(std::less<double>(), std::less<int64_t>());
  t["GreaterOrEqual"] = Compare(std::greater_equal<double>(), std::greater_equal<int64_t>());
  t["LessOrEqual"] = Compare(std::less_equal<double>(), std::less_equal<int64_t>());
  t["And"] = Compare(nullptr, [](int64_t a, int64_t b) -> int64_t { return a != 0 && b != 0; });
  t["Or"] = Compare(nullptr, [](int64_t a, int64_t b) -> int64_t { return a != 0 || b != 0; });
  t["Xor"] = Compare(nullptr, [](int64_t a, int64_t b) -> int64_t { return (a != 0) != (b != 0); });
  t["Not"] = Not;
  t["BitwiseAnd"] = Arithmetic(nullptr, [](int64_t a, int64_t b) { return a & b; });
  t["BitwiseOr"] = Arithmetic(nullptr, [](int64_t a, int64_t b) { return a | b; });
  t["BitwiseXor"] = Arithmetic(nullptr, [](int64_t a, int64_t b) { return a ^ b; });
  t["BitwiseNot"] = BitwiseNot;
  t["IsInf"] = IsInf;
  t["IsNaN"] = IsNaN;
  t["Where"] = Where;
  t["Cast"] = Cast;
}

}  // namespace

void RegisterElementwiseOps(OpTable& table) {
  RegisterUnaryMath(table);
  RegisterActivations(table);
  RegisterBinary(table);
  RegisterLogic(table);
}

}  // namespace pd2onnx::eval

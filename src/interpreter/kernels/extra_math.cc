// Element-wise math, losses and comparisons of the extra-ops area, from
// Paddle's CPU kernels (paddle/phi/kernels/cpu/{lerp,stanh,rrelu,
// label_smooth,sigmoid_cross_entropy_with_logits,bce_loss,nll_loss,allclose,
// isclose,bilinear}_kernel.cc, impl/isclose_kernel_impl.h) and the legacy
// cos_sim, l1_norm and equal_all ops. Values are computed in double.
#include <algorithm>
#include <cmath>
#include <string>

#include "interpreter/kernels/extra_ops.h"

namespace pd2onnx::interp::kernels {
namespace {

void RequireFloat(const HostTensor& t, std::string_view what) {
  PD2ONNX_CHECK(t.dtype == DataType::kFloat32 || t.dtype == DataType::kFloat64,
                ErrorKind::kUnsupported, "{} takes float32 or float64, not {}", what,
                graph::DataTypeName(t.dtype));
}

template <typename F>
void UnaryFloat(KernelContext& ctx, std::string_view what, F f) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, what);
  std::vector<double> v = x.ToDouble();
  for (double& e : v) e = f(e);
  ctx.SetOutput("Out", FromDoubles(x.dtype, x.dims, v));
}

// rtol / atol: the Rtol / Atol tensors when given, else the string attrs.
double Tolerance(const KernelContext& ctx, std::string_view slot, std::string_view attr,
                 const char* fallback) {
  if (const HostTensor* t = ctx.OptionalInput(slot)) return ScalarValue(*t, slot);
  return std::stod(ctx.Attr<std::string>(attr, fallback));
}

// Paddle's isclose test for one pair (finite or not).
bool Close(double a, double b, double rtol, double atol, bool equal_nan) {
  if (std::isnan(a) || std::isnan(b)) return equal_nan && std::isnan(a) && std::isnan(b);
  const double left = std::fabs(a - b);
  const double right = atol + rtol * std::fabs(b);
  return a == b || left <= right || std::fabs(left - right) <= 1e-15;
}

std::vector<bool> CloseFlags(const KernelContext& ctx) {
  const HostTensor& x = ctx.Input("Input");
  const HostTensor& y = ctx.Input("Other");
  PD2ONNX_CHECK(x.dims == y.dims, ErrorKind::kInvalidInput, "{} needs equal shapes, got {} and {}",
                ctx.op().type, graph::ShapeToString(x.dims), graph::ShapeToString(y.dims));
  const double rtol = Tolerance(ctx, "Rtol", "rtol", "1e-05");
  const double atol = Tolerance(ctx, "Atol", "atol", "1e-08");
  const bool equal_nan = ctx.Attr<bool>("equal_nan", false);
  const std::vector<double> a = x.ToDouble(), b = y.ToDouble();
  std::vector<bool> flags(a.size());
  for (size_t i = 0; i < a.size(); ++i) flags[i] = Close(a[i], b[i], rtol, atol, equal_nan);
  return flags;
}

HostTensor BoolTensor(Dims dims, const std::vector<bool>& flags) {
  std::vector<uint8_t> bytes(flags.begin(), flags.end());
  return HostTensor::From<uint8_t>(DataType::kBool, std::move(dims), bytes);
}

}  // namespace

// out = x + weight · (y − x), the three broadcast together.
void Lerp(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  const HostTensor& w = ctx.Input("Weight");
  RequireFloat(x, "lerp");
  const Dims out = BroadcastDims(BroadcastDims(x.dims, y.dims), w.dims);
  const auto xv = BroadcastValues(x, out), yv = BroadcastValues(y, out),
             wv = BroadcastValues(w, out);
  std::vector<double> o(xv.size());
  for (size_t i = 0; i < o.size(); ++i) o[i] = xv[i] + wv[i] * (yv[i] - xv[i]);
  ctx.SetOutput("Out", FromDoubles(x.dtype, out, o));
}

// scale_b · tanh(scale_a · x).
void Stanh(KernelContext& ctx) {
  const double a = ctx.Attr<float>("scale_a", 0.67f);
  const double b = ctx.Attr<float>("scale_b", 1.7159f);
  UnaryFloat(ctx, "stanh", [&](double v) { return b * std::tanh(a * v); });
}

// Inference rrelu: negative inputs scaled by the mean slope (lower+upper)/2.
void Rrelu(KernelContext& ctx) {
  PD2ONNX_CHECK(ctx.Attr<bool>("is_test", false), ErrorKind::kUnsupported,
                "rrelu with is_test=false draws random slopes");
  const double mid = (static_cast<double>(ctx.Attr<float>("lower", 1.0f / 8)) +
                      static_cast<double>(ctx.Attr<float>("upper", 1.0f / 3))) /
                     2;
  UnaryFloat(ctx, "rrelu", [&](double v) { return v >= 0 ? v : v * mid; });
}

// (1 − ε)·x + ε·prior (prior = PriorDist [1, C] or the uniform 1/C).
void LabelSmooth(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "label_smooth");
  const double eps = ctx.Attr<float>("epsilon", 0.0f);
  const int64_t classes = x.dims.empty() ? 1 : x.dims.back();
  std::vector<double> prior(static_cast<size_t>(classes), 1.0 / static_cast<double>(classes));
  if (const HostTensor* p = ctx.OptionalInput("PriorDist")) prior = p->ToDouble();
  std::vector<double> v = x.ToDouble();
  for (size_t i = 0; i < v.size(); ++i) {
    v[i] = (1 - eps) * v[i] + eps * prior[i % static_cast<size_t>(classes)];
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, x.dims, v));
}

// max(x, 0) − x·label + log(1 + exp(−|x|)); 0 where label == ignore_index;
// `normalize` divides by the number of labels that are not ignored.
void SigmoidCrossEntropyWithLogits(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "sigmoid_cross_entropy_with_logits");
  const std::vector<double> xv = x.ToDouble(), lv = ctx.Input("Label").ToDouble();
  const int64_t ignore = ctx.Attr<int64_t>("ignore_index", -100);
  std::vector<double> out(xv.size());
  int64_t counted = 0;
  for (size_t i = 0; i < xv.size(); ++i) {
    if (static_cast<int64_t>(lv[i]) == ignore) continue;
    out[i] = std::max(xv[i], 0.0) - xv[i] * lv[i] + std::log1p(std::exp(-std::fabs(xv[i])));
  }
  for (double l : lv) counted += std::fabs(l - static_cast<double>(ignore)) > 1e-6 ? 1 : 0;
  if (ctx.Attr<bool>("normalize", false)) {
    const double norm = static_cast<double>(std::max<int64_t>(counted, 1));
    for (double& v : out) v /= norm;
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, x.dims, out));
}

// −(label·log(x) + (1 − label)·log(1 − x)), each log clamped at −100.
void BceLoss(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "bce_loss");
  const std::vector<double> xv = x.ToDouble(), lv = ctx.Input("Label").ToDouble();
  std::vector<double> out(xv.size());
  for (size_t i = 0; i < xv.size(); ++i) {
    const double log_x = std::max(std::log(xv[i]), -100.0);
    const double log_1mx = std::max(std::log(1 - xv[i]), -100.0);
    out[i] = (lv[i] - 1) * log_1mx - lv[i] * log_x;
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, x.dims, out));
}

// X [N, C] or [N, C, H, W], Label [N] or [N, H, W]: −weight[l]·x[n, l]
// (0 for ignore_index), then "none", "sum", or "mean" (divided by the total
// weight when it is not 0). Total_weight is that total (0 for "none").
void NllLoss(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "nll_loss");
  PD2ONNX_CHECK(x.dims.size() == 2 || x.dims.size() == 4, ErrorKind::kUnsupported,
                "nll_loss takes X of rank 2 or 4, not {}", x.dims.size());
  const std::vector<int64_t> labels = IntValues(ctx.Input("Label"));
  const HostTensor* weight_t = ctx.OptionalInput("Weight");
  const std::vector<double> weight = weight_t ? weight_t->ToDouble() : std::vector<double>{};
  const std::string reduction = ctx.Attr<std::string>("reduction", "mean");
  const int64_t ignore = ctx.Attr<int64_t>("ignore_index", -100);
  const int64_t n = x.dims[0], c = x.dims[1];
  const int64_t map = x.dims.size() == 4 ? x.dims[2] * x.dims[3] : 1;
  const std::vector<double> xv = x.ToDouble();
  std::vector<double> each(static_cast<size_t>(n * map), 0.0);
  double total = 0, sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t p = 0; p < map; ++p) {
      const int64_t label = labels[i * map + p];
      if (label == ignore) continue;
      PD2ONNX_CHECK(label >= 0 && label < c, ErrorKind::kInvalidInput,
                    "nll_loss label {} is outside [0, {})", label, c);
      const double w = weight.empty() ? 1.0 : weight[label];
      each[i * map + p] = -xv[(i * c + label) * map + p] * w;
      total += w;
      sum += each[i * map + p];
    }
  }
  if (reduction == "none") {
    Dims dims = {n};
    if (x.dims.size() == 4) dims = {n, x.dims[2], x.dims[3]};
    ctx.SetOutput("Out", FromDoubles(x.dtype, dims, each));
    total = 0;  // Paddle leaves Total_weight at 0 without a reduction
  } else {
    PD2ONNX_CHECK(reduction == "mean" || reduction == "sum", ErrorKind::kUnsupported,
                  "nll_loss reduction '{}'", reduction);
    if (reduction == "mean" && total != 0) sum /= total;
    ctx.SetOutput("Out", FromDoubles(x.dtype, ctx.ScalarShape("Out"), {sum}));
  }
  ctx.SetOutput("Total_weight", FromDoubles(x.dtype, ctx.ScalarShape("Total_weight"), {total}));
}

// Row-wise cosine similarity of X [N, ...] and Y [N or 1, ...]: Out [N, 1],
// XNorm [N, 1], YNorm [rows of Y, 1].
void CosSim(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  RequireFloat(x, "cos_sim");
  const int64_t rows = x.dims[0], cols = x.numel() / rows, y_rows = y.dims[0];
  const std::vector<double> xv = x.ToDouble(), yv = y.ToDouble();
  std::vector<double> out(rows), xn(rows), yn(y_rows);
  for (int64_t r = 0; r < y_rows; ++r) {
    double s = 0;
    for (int64_t k = 0; k < cols; ++k) s += yv[r * cols + k] * yv[r * cols + k];
    yn[r] = std::sqrt(s);
  }
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t yr = y_rows == 1 ? 0 : r;
    double xx = 0, xy = 0;
    for (int64_t k = 0; k < cols; ++k) {
      xx += xv[r * cols + k] * xv[r * cols + k];
      xy += xv[r * cols + k] * yv[yr * cols + k];
    }
    xn[r] = std::sqrt(xx);
    out[r] = xy / (xn[r] * yn[yr]);
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, {rows, 1}, out));
  ctx.SetOutput("XNorm", FromDoubles(x.dtype, {rows, 1}, xn));
  ctx.SetOutput("YNorm", FromDoubles(x.dtype, {y_rows, 1}, yn));
}

void IsClose(KernelContext& ctx) {
  ctx.SetOutput("Out", BoolTensor(ctx.Input("Input").dims, CloseFlags(ctx)));
}

void AllClose(KernelContext& ctx) {
  const std::vector<bool> flags = CloseFlags(ctx);
  const bool all = std::all_of(flags.begin(), flags.end(), [](bool f) { return f; });
  ctx.SetOutput("Out", BoolTensor(ctx.ScalarShape("Out"), {all}));
}

// True when X and Y have the same dims and equal elements.
void EqualAll(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  bool equal = x.dims == y.dims;
  if (equal) {
    const std::vector<double> a = x.ToDouble(), b = y.ToDouble();
    for (size_t i = 0; i < a.size() && equal; ++i) equal = a[i] == b[i];
  }
  ctx.SetOutput("Out", BoolTensor(ctx.ScalarShape("Out"), {equal}));
}

// Σ|x| over the whole tensor.
void L1Norm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "l1_norm");
  double s = 0;
  for (double v : x.ToDouble()) s += std::fabs(v);
  ctx.SetOutput("Out", FromDoubles(x.dtype, ctx.ScalarShape("Out"), {s}));
}

// out[b, s] = x[b] · W[s] · y[b] + bias[s]; X [B, M], Y [B, N], W [S, M, N].
void BilinearTensorProduct(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  const HostTensor& w = ctx.Input("Weight");
  RequireFloat(x, "bilinear_tensor_product");
  const int64_t b = x.dims[0], m = x.dims[1], n = y.dims[1], s = w.dims[0];
  const std::vector<double> xv = x.ToDouble(), yv = y.ToDouble(), wv = w.ToDouble();
  std::vector<double> bias(static_cast<size_t>(s), 0.0);
  if (const HostTensor* bt = ctx.OptionalInput("Bias")) bias = bt->ToDouble();
  std::vector<double> out(static_cast<size_t>(b * s));
  for (int64_t i = 0; i < b; ++i) {
    for (int64_t k = 0; k < s; ++k) {
      double acc = 0;
      for (int64_t p = 0; p < m; ++p) {
        for (int64_t q = 0; q < n; ++q)
          acc += xv[i * m + p] * wv[(k * m + p) * n + q] * yv[i * n + q];
      }
      out[i * s + k] = acc + bias[k];
    }
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, {b, s}, out));
}

// log(1 + exp(clip(x, −threshold, threshold))).
void SoftRelu(KernelContext& ctx) {
  const double t = ctx.Attr<float>("threshold", 40.0f);
  UnaryFloat(ctx, "soft_relu",
             [&](double v) { return std::log1p(std::exp(std::clamp(v, -t, t))); });
}

// −label·log(p + ε) − (1 − label)·log(1 − p + ε).
void LogLoss(KernelContext& ctx) {
  const HostTensor& p = ctx.Input("Predicted");
  RequireFloat(p, "log_loss");
  const double eps = ctx.Attr<float>("epsilon", 1e-4f);
  const std::vector<double> pv = p.ToDouble(), lv = ctx.Input("Labels").ToDouble();
  std::vector<double> out(pv.size());
  for (size_t i = 0; i < pv.size(); ++i) {
    out[i] = -lv[i] * std::log(pv[i] + eps) - (1 - lv[i]) * std::log(1 - pv[i] + eps);
  }
  ctx.SetOutput("Loss", FromDoubles(p.dtype, p.dims, out));
}

// r = y − x: 0.5·r² when |r| <= delta, else delta·(|r| − 0.5·delta).
void HuberLoss(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "huber_loss");
  const double delta = ctx.Attr<float>("delta", 1.0f);
  const std::vector<double> xv = x.ToDouble(), yv = ctx.Input("Y").ToDouble();
  std::vector<double> out(xv.size()), residual(xv.size());
  for (size_t i = 0; i < xv.size(); ++i) {
    const double r = yv[i] - xv[i], a = std::fabs(r);
    residual[i] = r;
    out[i] = a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, x.dims, out));
  ctx.SetOutput("Residual", FromDoubles(x.dtype, x.dims, residual));
}

// target·(log target − x) (0 where target <= 0; log_target: exp(t)·(t − x)),
// reduced by "none", "sum", "mean" (all elements) or "batchmean" (dim 0).
void KldivLoss(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "kldiv_loss");
  const bool log_target = ctx.Attr<bool>("log_target", false);
  const std::string reduction = ctx.Attr<std::string>("reduction", "mean");
  const std::vector<double> xv = x.ToDouble(), tv = ctx.Input("Target").ToDouble();
  std::vector<double> loss(xv.size());
  double sum = 0;
  for (size_t i = 0; i < xv.size(); ++i) {
    if (log_target) {
      loss[i] = std::exp(tv[i]) * (tv[i] - xv[i]);
    } else {
      loss[i] = tv[i] > 0 ? tv[i] * (std::log(tv[i]) - xv[i]) : 0.0;
    }
    sum += loss[i];
  }
  if (reduction == "none") {
    ctx.SetOutput("Loss", FromDoubles(x.dtype, x.dims, loss));
    return;
  }
  if (reduction == "mean") sum /= static_cast<double>(std::max<size_t>(xv.size(), 1));
  if (reduction == "batchmean" && !x.dims.empty()) sum /= static_cast<double>(x.dims[0]);
  PD2ONNX_CHECK(reduction == "mean" || reduction == "batchmean" || reduction == "sum",
                ErrorKind::kUnsupported, "kldiv_loss reduction '{}'", reduction);
  ctx.SetOutput("Loss", FromDoubles(x.dtype, ctx.ScalarShape("Loss"), {sum}));
}

// True when X has no elements.
void IsEmpty(KernelContext& ctx) {
  ctx.SetOutput("Out", BoolTensor(ctx.ScalarShape("Out"), {ctx.Input("X").numel() == 0}));
}

}  // namespace pd2onnx::interp::kernels

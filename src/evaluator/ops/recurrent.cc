// LSTM (7/14), GRU (7/14) and RNN (7/14) from the ONNX operator
// specification, layout 0 (time-major) only:
//   LSTM gates [i, o, f, c]: i = σ(x·Wiᵀ + h·Riᵀ + Pi⊙c + Wbi + Rbi), likewise
//     f (Pf⊙c); c̃ = g(…); C = f⊙c + i⊙c̃; o = σ(… + Po⊙C); H = o⊙h(C).
//   GRU gates [z, r, h]: z, r = σ(…); with linear_before_reset
//     h̃ = g(x·Whᵀ + r⊙(h·Rhᵀ + Rbh) + Wbh), else g(x·Whᵀ + (r⊙h)·Rhᵀ + Rbh + Wbh);
//     H = (1 − z)⊙h̃ + z⊙h.
//   RNN: H = f(x·Wiᵀ + h·Riᵀ + Wbi + Rbi).
// With sequence_lens, a batch row runs its first len steps (the reverse
// direction from len − 1 down to 0); later outputs are 0 and Y_h / Y_c
// hold the state after the last step run.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

double Activate(const std::string& name, double x) {
  if (name == "Sigmoid") return 1.0 / (1.0 + std::exp(-x));
  if (name == "Tanh") return std::tanh(x);
  if (name == "Relu") return std::max(0.0, x);
  Fail(ErrorKind::kUnsupported, "recurrent activation '{}' is not supported", name);
}

// The `activations` attribute, or the defaults repeated per direction.
std::vector<std::string> Activations(const OpContext& cx, std::vector<std::string> defaults,
                                     int64_t dirs) {
  for (const auto& attr : cx.node().attribute()) {
    if (attr.name() == "activations") {
      return {attr.strings().begin(), attr.strings().end()};
    }
  }
  std::vector<std::string> all;
  for (int64_t d = 0; d < dirs; ++d) all.insert(all.end(), defaults.begin(), defaults.end());
  return all;
}

enum class Kind { kLstm, kGru, kRnn };

struct Recurrence {
  Kind kind;
  int64_t steps, batch, in, hidden, dirs, gates;
  bool linear_before_reset;
  std::vector<std::string> acts;  // per direction: LSTM f,g,h; GRU f,g; RNN f
  const Tensor *x, *w, *r, *b, *p;
  std::vector<int64_t> lens;
};

// Σ_k v[k]·m[row, k] over a row-major matrix with `cols` columns.
double Dot(const double* v, const std::vector<double>& m, int64_t base, int64_t row, int64_t cols) {
  double acc = 0;
  for (int64_t k = 0; k < cols; ++k) acc += v[k] * m[base + row * cols + k];
  return acc;
}

// One step of direction `d`, batch row `bi`: updates h and c in place.
void Step(const Recurrence& s, int64_t d, const double* x, std::vector<double>& h,
          std::vector<double>& c) {
  const int64_t n = s.hidden;
  const int64_t wbase = d * s.gates * n * s.in;
  const int64_t rbase = d * s.gates * n * n;
  auto bias = [&](int64_t which, int64_t row) {  // which 0: Wb, 1: Rb
    return s.b ? s.b->f[d * 2 * s.gates * n + which * s.gates * n + row] : 0.0;
  };
  auto xw = [&](int64_t row) { return Dot(x, s.w->f, wbase, row, s.in) + bias(0, row); };
  auto hr = [&](const double* v, int64_t row) { return Dot(v, s.r->f, rbase, row, n); };
  const std::string* act = &s.acts[static_cast<size_t>(d) * (s.kind == Kind::kLstm  ? 3
                                                             : s.kind == Kind::kGru ? 2
                                                                                    : 1)];
  std::vector<double> out(n), cell(n);
  if (s.kind == Kind::kRnn) {
    for (int64_t j = 0; j < n; ++j) out[j] = Activate(act[0], xw(j) + hr(h.data(), j) + bias(1, j));
  } else if (s.kind == Kind::kGru) {
    std::vector<double> z(n), rg(n), rh(n);
    for (int64_t j = 0; j < n; ++j) {
      z[j] = Activate(act[0], xw(j) + hr(h.data(), j) + bias(1, j));
      rg[j] = Activate(act[0], xw(n + j) + hr(h.data(), n + j) + bias(1, n + j));
      rh[j] = rg[j] * h[j];
    }
    for (int64_t j = 0; j < n; ++j) {
      const double rec = s.linear_before_reset
                             ? rg[j] * (hr(h.data(), 2 * n + j) + bias(1, 2 * n + j))
                             : hr(rh.data(), 2 * n + j) + bias(1, 2 * n + j);
      const double cand = Activate(act[1], xw(2 * n + j) + rec);
      out[j] = (1 - z[j]) * cand + z[j] * h[j];
    }
  } else {
    auto peep = [&](int64_t k, int64_t j) { return s.p ? s.p->f[d * 3 * n + k * n + j] : 0.0; };
    for (int64_t j = 0; j < n; ++j) {
      auto pre = [&](int64_t g) {
        return xw(g * n + j) + hr(h.data(), g * n + j) + bias(1, g * n + j);
      };
      const double i = Activate(act[0], pre(0) + peep(0, j) * c[j]);
      const double f = Activate(act[0], pre(2) + peep(2, j) * c[j]);
      const double cand = Activate(act[1], pre(3));
      cell[j] = f * c[j] + i * cand;
      const double o = Activate(act[0], pre(1) + peep(1, j) * cell[j]);
      out[j] = o * Activate(act[2], cell[j]);
    }
    c = cell;
  }
  h = out;
}

std::vector<Tensor> Run(const OpContext& cx, Kind kind) {
  PD2ONNX_CHECK(cx.Int("layout", 0) == 0, ErrorKind::kUnsupported, "{}: layout 1 is not supported",
                cx.node().op_type());
  PD2ONNX_CHECK(!cx.HasAttr("clip"), ErrorKind::kUnsupported, "{}: clip is not supported",
                cx.node().op_type());
  PD2ONNX_CHECK(cx.Int("input_forget", 0) == 0, ErrorKind::kUnsupported,
                "LSTM: input_forget is not supported");
  const Tensor& x = cx.In(0);
  const std::string direction = cx.Str("direction", "forward");
  Recurrence s{kind,
               x.dims[0],
               x.dims[1],
               x.dims[2],
               cx.Int("hidden_size", 0),
               direction == "bidirectional" ? 2 : 1,
               kind == Kind::kLstm  ? 4
               : kind == Kind::kGru ? 3
                                    : 1,
               cx.Int("linear_before_reset", 0) != 0,
               {},
               &x,
               &cx.In(1),
               &cx.In(2),
               cx.HasInput(3) ? &cx.In(3) : nullptr,
               kind == Kind::kLstm && cx.HasInput(7) ? &cx.In(7) : nullptr,
               {}};
  s.acts = kind == Kind::kLstm  ? Activations(cx, {"Sigmoid", "Tanh", "Tanh"}, s.dirs)
           : kind == Kind::kGru ? Activations(cx, {"Sigmoid", "Tanh"}, s.dirs)
                                : Activations(cx, {"Tanh"}, s.dirs);
  s.lens.assign(s.batch, s.steps);
  if (cx.HasInput(4)) s.lens = cx.In(4).Ints();
  const int64_t n = s.hidden;
  Tensor y(x.dtype, {s.steps, s.dirs, s.batch, n});
  Tensor yh(x.dtype, {s.dirs, s.batch, n});
  Tensor yc(x.dtype, {s.dirs, s.batch, n});
  for (int64_t d = 0; d < s.dirs; ++d) {
    const bool reverse = direction == "reverse" || d == 1;
    for (int64_t bi = 0; bi < s.batch; ++bi) {
      std::vector<double> h(n, 0.0), c(n, 0.0);
      const int64_t state_at = (d * s.batch + bi) * n;
      if (cx.HasInput(5)) std::copy_n(cx.In(5).f.begin() + state_at, n, h.begin());
      if (kind == Kind::kLstm && cx.HasInput(6)) {
        std::copy_n(cx.In(6).f.begin() + state_at, n, c.begin());
      }
      const int64_t len = std::min(s.lens[bi], s.steps);
      for (int64_t k = 0; k < len; ++k) {
        const int64_t t = reverse ? len - 1 - k : k;
        Step(s, d, &x.f[(t * s.batch + bi) * s.in], h, c);
        std::copy(h.begin(), h.end(), y.f.begin() + ((t * s.dirs + d) * s.batch + bi) * n);
      }
      std::copy(h.begin(), h.end(), yh.f.begin() + state_at);
      std::copy(c.begin(), c.end(), yc.f.begin() + state_at);
    }
  }
  std::vector<Tensor> outs = {y, yh};
  if (kind == Kind::kLstm) outs.push_back(yc);
  for (Tensor& t : outs) Normalize(t);
  return outs;
}

}  // namespace

void RegisterRecurrentOps(OpTable& t) {
  t["GRU"] = [](const OpContext& cx) { return Run(cx, Kind::kGru); };
  t["LSTM"] = [](const OpContext& cx) { return Run(cx, Kind::kLstm); };
  t["RNN"] = [](const OpContext& cx) { return Run(cx, Kind::kRnn); };
}

}  // namespace pd2onnx::eval

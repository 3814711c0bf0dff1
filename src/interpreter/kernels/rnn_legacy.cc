// The fluid `lstm` and `gru` ops (dynamic_lstm / dynamic_gru), from Paddle's
// lstm_op.cc / gru_op.cc and funcs/detail/{lstm,gru}_kernel.h. Their Input
// is already projected (x·W_x, [T, 4D] / [T, 3D]) and is a LoD batch of
// sequences; the interpreter has no LoD, so the whole Input is one sequence
// (H0 / C0 then have one row).
//   lstm: gate blocks [c̃, i, f, o] (the "old API" layout); g = Input[t] +
//     Bias[0:4D] + h·Weight with Weight [D, 4D]; with use_peepholes Bias is
//     [1, 7D] and its tail holds W_ic, W_fc, W_oc:
//     i = act_gate(g_i + W_ic⊙c), f = act_gate(g_f + W_fc⊙c),
//     c' = act_cand(g_c̃)⊙i + c⊙f, o = act_gate(g_o + W_oc⊙c'),
//     h' = o⊙act_cell(c').
//   gru: gate blocks [u, r, c̃]; Weight's first 2D·D values are a [D, 2D]
//     matrix for u and r, the last D·D a [D, D] matrix for c̃:
//     u, r = act_gate(g + h·W_ur), c̃ = act(g_c̃ + (r⊙h)·W_c),
//     h' = origin_mode ? u⊙h + (1 − u)⊙c̃ : (1 − u)⊙h + u⊙c̃.
// is_reverse walks the sequence backwards; outputs stay at their positions.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "interpreter/kernels/rnn.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

double Activate(const std::string& name, double x) {
  if (name == "sigmoid") return 1.0 / (1.0 + std::exp(-x));
  if (name == "tanh") return std::tanh(x);
  if (name == "relu") return x > 0 ? x : 0.0;
  if (name == "identity" || name.empty()) return x;
  Fail(ErrorKind::kUnsupported, "activation '{}' is not supported", name);
}

struct Sequence {
  int64_t steps, hidden;
  std::vector<double> input;  // [T, G·D]
  std::vector<double> h, c;   // [D]
};

// Reads Input [T, G·D] and the optional one-row H0 / C0.
Sequence ReadSequence(KernelContext& ctx, int64_t gates, int64_t hidden, bool with_cell) {
  const HostTensor& x = ctx.Input("Input");
  RequireFloat32(x, "Input");
  PD2ONNX_CHECK(x.dims.size() == 2 && x.dims[1] == gates * hidden, ErrorKind::kInvalidInput,
                "Input must be [T, {}], got {}", gates * hidden, graph::ShapeToString(x.dims));
  Sequence s{x.dims[0], hidden, x.ToDouble(), std::vector<double>(hidden, 0.0),
             std::vector<double>(hidden, 0.0)};
  auto initial = [&](std::string_view slot, std::vector<double>& into) {
    if (const HostTensor* t = ctx.OptionalInput(slot)) {
      PD2ONNX_CHECK(t->numel() == hidden, ErrorKind::kUnsupported,
                    "{} has shape {}: only one sequence (one row) is supported without LoD", slot,
                    graph::ShapeToString(t->dims));
      into = t->ToDouble();
    }
  };
  initial("H0", s.h);
  if (with_cell) initial("C0", s.c);
  return s;
}

HostTensor Rows(const std::vector<double>& values, int64_t steps, int64_t hidden) {
  return CastTo(HostTensor::From(DataType::kFloat64, {steps, hidden}, values), DataType::kFloat32);
}

}  // namespace

void Lstm(KernelContext& ctx) {
  const HostTensor& weight = ctx.Input("Weight");
  PD2ONNX_CHECK(weight.dims.size() == 2 && weight.dims[1] == 4 * weight.dims[0],
                ErrorKind::kInvalidInput, "Weight must be [D, 4D], got {}",
                graph::ShapeToString(weight.dims));
  const int64_t n = weight.dims[0];
  Sequence s = ReadSequence(ctx, 4, n, true);
  const bool peepholes = ctx.Attr<bool>("use_peepholes", true);
  const std::vector<double> w = weight.ToDouble();
  std::vector<double> bias(7 * n, 0.0);
  if (const HostTensor* b = ctx.OptionalInput("Bias")) {
    PD2ONNX_CHECK(b->numel() == (peepholes ? 7 : 4) * n, ErrorKind::kInvalidInput,
                  "Bias has {} values, expected {}", b->numel(), (peepholes ? 7 : 4) * n);
    const std::vector<double> values = b->ToDouble();
    std::copy(values.begin(), values.end(), bias.begin());
  }
  const std::string gate_act = ctx.Attr<std::string>("gate_activation", "sigmoid");
  const std::string cell_act = ctx.Attr<std::string>("cell_activation", "tanh");
  const std::string cand_act = ctx.Attr<std::string>("candidate_activation", "tanh");
  const bool reverse = ctx.Attr<bool>("is_reverse", false);
  std::vector<double> hidden(s.steps * n), cell(s.steps * n);
  for (int64_t k = 0; k < s.steps; ++k) {
    const int64_t t = reverse ? s.steps - 1 - k : k;
    std::vector<double> g(4 * n);
    for (int64_t col = 0; col < 4 * n; ++col) {
      double acc = s.input[t * 4 * n + col] + bias[col];
      for (int64_t m = 0; m < n; ++m) acc += s.h[m] * w[m * 4 * n + col];
      g[col] = acc;
    }
    for (int64_t j = 0; j < n; ++j) {
      const double peep_i = peepholes ? bias[4 * n + j] : 0.0;
      const double peep_f = peepholes ? bias[5 * n + j] : 0.0;
      const double peep_o = peepholes ? bias[6 * n + j] : 0.0;
      const double cand = Activate(cand_act, g[j]);
      const double i = Activate(gate_act, g[n + j] + s.c[j] * peep_i);
      const double f = Activate(gate_act, g[2 * n + j] + s.c[j] * peep_f);
      s.c[j] = cand * i + s.c[j] * f;
      const double o = Activate(gate_act, g[3 * n + j] + s.c[j] * peep_o);
      s.h[j] = o * Activate(cell_act, s.c[j]);
      hidden[t * n + j] = s.h[j];
      cell[t * n + j] = s.c[j];
    }
  }
  ctx.SetOutput("Hidden", Rows(hidden, s.steps, n));
  ctx.SetOutput("Cell", Rows(cell, s.steps, n));
}

void Gru(KernelContext& ctx) {
  const HostTensor& weight = ctx.Input("Weight");
  PD2ONNX_CHECK(weight.dims.size() == 2 && weight.dims[1] == 3 * weight.dims[0],
                ErrorKind::kInvalidInput, "Weight must be [D, 3D], got {}",
                graph::ShapeToString(weight.dims));
  const int64_t n = weight.dims[0];
  Sequence s = ReadSequence(ctx, 3, n, false);
  const std::vector<double> w = weight.ToDouble();
  const double* w_ur = w.data();             // [D, 2D]
  const double* w_c = w.data() + 2 * n * n;  // [D, D]
  std::vector<double> bias(3 * n, 0.0);
  if (const HostTensor* b = ctx.OptionalInput("Bias")) {
    PD2ONNX_CHECK(b->numel() == 3 * n, ErrorKind::kInvalidInput, "Bias has {} values, expected {}",
                  b->numel(), 3 * n);
    bias = b->ToDouble();
  }
  const std::string gate_act = ctx.Attr<std::string>("gate_activation", "sigmoid");
  const std::string act = ctx.Attr<std::string>("activation", "tanh");
  const bool reverse = ctx.Attr<bool>("is_reverse", false);
  const bool origin_mode = ctx.Attr<bool>("origin_mode", false);
  std::vector<double> hidden(s.steps * n);
  for (int64_t k = 0; k < s.steps; ++k) {
    const int64_t t = reverse ? s.steps - 1 - k : k;
    std::vector<double> u(n), r(n), rh(n);
    for (int64_t j = 0; j < n; ++j) {
      double gu = s.input[t * 3 * n + j] + bias[j];
      double gr = s.input[t * 3 * n + n + j] + bias[n + j];
      for (int64_t m = 0; m < n; ++m) {
        gu += s.h[m] * w_ur[m * 2 * n + j];
        gr += s.h[m] * w_ur[m * 2 * n + n + j];
      }
      u[j] = Activate(gate_act, gu);
      r[j] = Activate(gate_act, gr);
      rh[j] = r[j] * s.h[j];
    }
    for (int64_t j = 0; j < n; ++j) {
      double gc = s.input[t * 3 * n + 2 * n + j] + bias[2 * n + j];
      for (int64_t m = 0; m < n; ++m) gc += rh[m] * w_c[m * n + j];
      const double cand = Activate(act, gc);
      hidden[t * n + j] =
          origin_mode ? u[j] * s.h[j] + (1 - u[j]) * cand : (1 - u[j]) * s.h[j] + u[j] * cand;
    }
    std::copy(hidden.begin() + t * n, hidden.begin() + (t + 1) * n, s.h.begin());
  }
  ctx.SetOutput("Hidden", Rows(hidden, s.steps, n));
}

}  // namespace pd2onnx::interp::kernels

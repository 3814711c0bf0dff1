// The `rnn` op, from Paddle's CPU kernel (phi/kernels/cpu/rnn_kernel.cc):
// Input is time-major [T, B, I]. WeightList holds every weight first, then
// every bias: [W_ih, W_hh] per (layer, direction), then [b_ih, b_hh] in the
// same order (rnn_functor.h ResetParameterVector). Gate blocks are
//   LSTM [i, f, c̃, o]: c' = σ(f)·c + σ(i)·tanh(c̃), h' = σ(o)·tanh(c')
//   GRU  [r, z, c̃]:    c̃ = tanh(x_c + σ(r)·(h·W_hc + b_hc)),
//                      h' = (1 − σ(z))·c̃ + σ(z)·h
//   RNN_TANH / RNN_RELU: h' = act(x·W_ih + b_ih + h·W_hh + b_hh).
// With SequenceLength, a step t >= len[b] outputs 0 and keeps the state; the
// backward direction walks t = T−1 … 0, so its padded steps come first and
// it effectively starts at len[b] − 1 from the initial state. Dropout
// between layers is a training-only effect (is_test programs skip it).
#include "interpreter/kernels/rnn.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

enum class Cell { kLstm, kGru, kRnnTanh, kRnnRelu };

Cell ParseMode(const std::string& mode) {
  if (mode == "LSTM") return Cell::kLstm;
  if (mode == "GRU") return Cell::kGru;
  if (mode == "RNN_TANH") return Cell::kRnnTanh;
  if (mode == "RNN_RELU") return Cell::kRnnRelu;
  Fail(ErrorKind::kUnsupported, "rnn: mode '{}' is not supported", mode);
}

int64_t GateCount(Cell cell) {
  switch (cell) {
    case Cell::kLstm:
      return 4;
    case Cell::kGru:
      return 3;
    default:
      return 1;
  }
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The weights of one (layer, direction), as doubles.
struct DirectionWeights {
  std::vector<double> w_ih, w_hh, b_ih, b_hh;  // [G·H, in], [G·H, H], [G·H], [G·H]
};

struct Shape {
  Cell cell;
  int64_t steps, batch, hidden, gates;
};

// x·Wᵀ + b for one row x of length `in` and W [rows, in].
std::vector<double> Affine(const double* x, int64_t in, const std::vector<double>& w,
                           const std::vector<double>& b) {
  const auto rows = static_cast<int64_t>(b.size());
  std::vector<double> y(b.begin(), b.end());
  for (int64_t r = 0; r < rows; ++r) {
    double acc = 0;
    for (int64_t k = 0; k < in; ++k) acc += x[k] * w[r * in + k];
    y[r] += acc;
  }
  return y;
}

// One step of one batch row: updates h (and c for LSTM) in place.
void Step(const Shape& s, const std::vector<double>& gx, const std::vector<double>& gh,
          std::vector<double>& h, std::vector<double>& c) {
  const int64_t n = s.hidden;
  for (int64_t j = 0; j < n; ++j) {
    switch (s.cell) {
      case Cell::kLstm: {
        const double i = Sigmoid(gx[j] + gh[j]);
        const double f = Sigmoid(gx[n + j] + gh[n + j]);
        const double cand = std::tanh(gx[2 * n + j] + gh[2 * n + j]);
        const double o = Sigmoid(gx[3 * n + j] + gh[3 * n + j]);
        c[j] = f * c[j] + i * cand;
        h[j] = o * std::tanh(c[j]);
        break;
      }
      case Cell::kGru: {
        const double r = Sigmoid(gx[j] + gh[j]);
        const double z = Sigmoid(gx[n + j] + gh[n + j]);
        const double cand = std::tanh(gx[2 * n + j] + r * gh[2 * n + j]);
        h[j] = (1 - z) * cand + z * h[j];
        break;
      }
      case Cell::kRnnTanh:
        h[j] = std::tanh(gx[j] + gh[j]);
        break;
      case Cell::kRnnRelu:
        h[j] = std::max(0.0, gx[j] + gh[j]);
        break;
    }
  }
}

// Runs one direction of one layer over `in` [T, B, in_size]; writes its
// hidden states into out [T, B, D·H] at column offset `column`, and the
// final states into h0 / c0 (which hold the initial states on entry).
void RunDirection(const Shape& s, const std::vector<double>& in, int64_t in_size,
                  const DirectionWeights& w, const std::vector<int64_t>& lens, bool reverse,
                  std::vector<double>& out, int64_t out_width, int64_t column,
                  std::vector<double>& h0, std::vector<double>& c0) {
  const int64_t n = s.hidden;
  for (int64_t b = 0; b < s.batch; ++b) {
    std::vector<double> h(h0.begin() + b * n, h0.begin() + (b + 1) * n);
    std::vector<double> c(c0.begin() + b * n, c0.begin() + (b + 1) * n);
    for (int64_t k = 0; k < s.steps; ++k) {
      const int64_t t = reverse ? s.steps - 1 - k : k;
      double* y = &out[(t * s.batch + b) * out_width + column];
      if (t >= lens[b]) {  // a padded step: output 0, state unchanged
        std::fill(y, y + n, 0.0);
        continue;
      }
      const std::vector<double> gx =
          Affine(&in[(t * s.batch + b) * in_size], in_size, w.w_ih, w.b_ih);
      const std::vector<double> gh = Affine(h.data(), n, w.w_hh, w.b_hh);
      Step(s, gx, gh, h, c);
      std::copy(h.begin(), h.end(), y);
    }
    std::copy(h.begin(), h.end(), h0.begin() + b * n);
    std::copy(c.begin(), c.end(), c0.begin() + b * n);
  }
}

std::vector<double> Doubles(const HostTensor& t, int64_t expected, std::string_view what) {
  RequireFloat32(t, what);
  PD2ONNX_CHECK(t.numel() == expected, ErrorKind::kInvalidInput,
                "rnn: {} has {} elements, expected {}", what, t.numel(), expected);
  return t.ToDouble();
}

HostTensor ToFloat(const std::vector<double>& values, Dims dims) {
  return CastTo(HostTensor::From(DataType::kFloat64, std::move(dims), values), DataType::kFloat32);
}

}  // namespace

void Rnn(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("Input");
  RequireFloat32(x, "rnn Input");
  PD2ONNX_CHECK(x.dims.size() == 3, ErrorKind::kInvalidInput,
                "rnn: Input must be [T, B, I], got {}", graph::ShapeToString(x.dims));
  const Cell cell = ParseMode(ctx.Attr<std::string>("mode"));
  const int64_t layers = ctx.Attr<int64_t>("num_layers", 1);
  const int64_t dirs = ctx.Attr<bool>("is_bidirec", false) ? 2 : 1;
  const int64_t hidden = ctx.Attr<int64_t>("hidden_size");
  const Shape s{cell, x.dims[0], x.dims[1], hidden, GateCount(cell)};
  const int64_t states = layers * dirs;

  const auto weights = ctx.InputList("WeightList");
  PD2ONNX_CHECK(static_cast<int64_t>(weights.size()) == 4 * states, ErrorKind::kInvalidInput,
                "rnn: WeightList has {} tensors, expected {}", weights.size(), 4 * states);
  const auto pre = ctx.InputList("PreState");
  const size_t want_pre = cell == Cell::kLstm ? 2 : 1;
  PD2ONNX_CHECK(pre.size() == want_pre, ErrorKind::kInvalidInput,
                "rnn: PreState has {} tensors, expected {}", pre.size(), want_pre);
  std::vector<double> h_all = Doubles(*pre[0], states * s.batch * hidden, "PreState h");
  std::vector<double> c_all = cell == Cell::kLstm
                                  ? Doubles(*pre[1], states * s.batch * hidden, "PreState c")
                                  : std::vector<double>(h_all.size(), 0.0);

  std::vector<int64_t> lens(s.batch, s.steps);
  if (const HostTensor* seq = ctx.OptionalInput("SequenceLength")) {
    lens = IntValues(*seq);
    PD2ONNX_CHECK(static_cast<int64_t>(lens.size()) == s.batch, ErrorKind::kInvalidInput,
                  "rnn: SequenceLength has {} values for batch {}", lens.size(), s.batch);
    for (int64_t len : lens) {
      PD2ONNX_CHECK(len >= 0 && len <= s.steps, ErrorKind::kInvalidInput,
                    "rnn: SequenceLength {} is outside [0, {}]", len, s.steps);
    }
  }

  std::vector<double> layer_in = x.ToDouble();
  int64_t in_size = x.dims[2];
  const int64_t out_width = dirs * hidden;
  const int64_t block = s.batch * hidden;
  for (int64_t l = 0; l < layers; ++l) {
    std::vector<double> out(s.steps * s.batch * out_width, 0.0);
    for (int64_t d = 0; d < dirs; ++d) {
      const int64_t idx = l * dirs + d;
      const int64_t g = s.gates * hidden;
      DirectionWeights w{Doubles(*weights[2 * idx], g * in_size, "W_ih"),
                         Doubles(*weights[2 * idx + 1], g * hidden, "W_hh"),
                         Doubles(*weights[2 * states + 2 * idx], g, "b_ih"),
                         Doubles(*weights[2 * states + 2 * idx + 1], g, "b_hh")};
      std::vector<double> h(h_all.begin() + idx * block, h_all.begin() + (idx + 1) * block);
      std::vector<double> c(c_all.begin() + idx * block, c_all.begin() + (idx + 1) * block);
      RunDirection(s, layer_in, in_size, w, lens, d == 1, out, out_width, d * hidden, h, c);
      std::copy(h.begin(), h.end(), h_all.begin() + idx * block);
      std::copy(c.begin(), c.end(), c_all.begin() + idx * block);
    }
    layer_in = std::move(out);
    in_size = out_width;
  }

  ctx.SetOutput("Out", ToFloat(layer_in, {s.steps, s.batch, out_width}));
  ctx.SetOutput("State", ToFloat(h_all, {states, s.batch, hidden}), 0);
  if (cell == Cell::kLstm) ctx.SetOutput("State", ToFloat(c_all, {states, s.batch, hidden}), 1);
}

}  // namespace pd2onnx::interp::kernels

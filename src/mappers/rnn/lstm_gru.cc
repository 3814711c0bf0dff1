// The fluid `lstm` and `gru` ops (dynamic_lstm / dynamic_gru) → one ONNX
// LSTM / GRU node over a single sequence.
//
// Their Input is already projected (x·W_x: [T, 4D] / [T, 3D]) and Paddle
// reads it as a LoD batch of sequences. ONNX has no LoD, so the converted
// model takes the whole Input as one sequence (batch 1): X is Input as
// [T, 1, G·D] and W is a 0/1 matrix that routes each Input column to its
// ONNX gate. H0 / C0 must then have one row.
//   lstm: Paddle gates [c̃, i, f, o] → ONNX [i, o, f, c]; Weight [D, 4D] is
//     h·Weight, so R[gate] = Weight[:, block]ᵀ; Bias [1, 4D] is Wb (Rb = 0),
//     and with use_peepholes its tail [W_ic, W_fc, W_oc] is P [i, o, f].
//   gru: Paddle gates [u, r, c̃] = ONNX [z, r, h]; the reset gate multiplies
//     h before the candidate matmul (linear_before_reset = 0). Weight's first
//     2D·D values are a [D, 2D] matrix (u, r), the last D·D a [D, D] one.
//     origin_mode = true is ONNX's H = z⊙h + (1 − z)⊙h̃; the default
//     (false) swaps the roles of u and 1 − u, which is ONNX with the u rows
//     negated, since σ(−v) = 1 − σ(v) (so only a sigmoid gate maps).
#include <algorithm>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/rnn/rnn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

// A Paddle activation name as an ONNX recurrent activation.
std::string OnnxActivation(const graph::Op& op, const std::string& attr, const char* fallback) {
  const std::string name = op.Attr<std::string>(attr, fallback);
  if (name == "sigmoid") return "Sigmoid";
  if (name == "tanh") return "Tanh";
  if (name == "relu") return "Relu";
  Fail(ErrorKind::kUnsupported, "{}: attribute {} = '{}' is not supported", op.type, attr, name);
}

NodeAttr StringsAttr(const std::string& name, const std::vector<std::string>& values) {
  NodeAttr attr(name, values.front());
  attr.proto.clear_s();
  attr.proto.set_type(onnx::AttributeProto::STRINGS);
  for (const std::string& v : values) attr.proto.add_strings(v);
  return attr;
}

std::vector<float> ConstantValues(MapContext& cx, const graph::Op& op, std::string_view slot) {
  const graph::ConstTensor* t = cx.ConstantInput(op, slot);
  PD2ONNX_CHECK(t != nullptr, ErrorKind::kUnsupported, "{}: {} must be constant (a parameter)",
                op.type, slot);
  PD2ONNX_CHECK(t->dtype() == graph::DataType::kFloat32, ErrorKind::kUnsupported,
                "{}: {} of dtype {} is not supported (float32 only)", op.type, slot,
                graph::DataTypeName(t->dtype()));
  return t->ToVector<float>();
}

// The hidden size D from Weight [D, gates·D].
int64_t HiddenSize(MapContext& cx, const graph::Op& op, int64_t gates) {
  const graph::Var& w = cx.InputVar(op, "Weight");
  PD2ONNX_CHECK(w.shape.size() == 2 && w.shape[0] > 0 && w.shape[1] == gates * w.shape[0],
                ErrorKind::kInvalidInput, "{}: Weight must be [D, {}·D], got {}", op.type, gates,
                graph::ShapeToString(w.shape));
  return w.shape[0];
}

// [T, G·D] → [T, 1, G·D], and H0 / C0 [1, D] → [1, 1, D].
std::string OneSequence(MapContext& cx, const graph::Op& op) {
  return cx.Unsqueeze(cx.Input(op, "Input"), {1});
}
std::string InitialState(MapContext& cx, const graph::Op& op, std::string_view slot) {
  if (!op.HasInput(slot)) return "";
  const graph::Var& var = cx.InputVar(op, slot);
  PD2ONNX_CHECK(var.shape.size() == 2 && var.shape[0] == 1, ErrorKind::kUnsupported,
                "{}: {} has shape {}; without LoD only one sequence (one row) is supported",
                op.type, slot, graph::ShapeToString(var.shape));
  return cx.Unsqueeze(cx.Input(op, slot), {0});
}

// W [1, G·D, G·D]: ONNX row (gate k, unit j) reads Input column
// paddle_block[k]·D + j, scaled by sign[k].
std::string RoutingWeights(MapContext& cx, const std::vector<int64_t>& paddle_block,
                           const std::vector<float>& sign, int64_t n) {
  const auto g = static_cast<int64_t>(paddle_block.size());
  std::vector<float> w(static_cast<size_t>(g * n * g * n), 0.0f);
  for (int64_t k = 0; k < g; ++k) {
    for (int64_t j = 0; j < n; ++j) w[(k * n + j) * g * n + paddle_block[k] * n + j] = sign[k];
  }
  return cx.ConstF32(w, {1, g * n, g * n});
}

// The per-step hidden states: Y [T, 1, 1, D] → [T, D].
void BindHidden(MapContext& cx, const graph::Op& op, const std::string& y) {
  cx.Bind(op, "Hidden", cx.Squeeze(y, {1, 2}));
}

void EmitLstm(MapContext& cx, const graph::Op& op) {
  const int64_t n = HiddenSize(cx, op, 4);
  const bool peepholes = op.Attr<bool>("use_peepholes", true);
  const std::vector<int64_t> paddle_block = {1, 3, 2, 0};  // ONNX i, o, f, c ← Paddle c, i, f, o
  const std::vector<float> weight = ConstantValues(cx, op, "Weight");
  std::vector<float> bias(static_cast<size_t>(7 * n), 0.0f);
  if (op.HasInput("Bias")) {
    const std::vector<float> b = ConstantValues(cx, op, "Bias");
    PD2ONNX_CHECK(static_cast<int64_t>(b.size()) == (peepholes ? 7 : 4) * n,
                  ErrorKind::kInvalidInput, "lstm: Bias has {} values, expected {}", b.size(),
                  (peepholes ? 7 : 4) * n);
    std::copy(b.begin(), b.end(), bias.begin());
  }
  std::vector<float> r(static_cast<size_t>(4 * n * n)), b(static_cast<size_t>(8 * n), 0.0f);
  for (int64_t k = 0; k < 4; ++k) {
    for (int64_t j = 0; j < n; ++j) {
      const int64_t col = paddle_block[k] * n + j;
      for (int64_t m = 0; m < n; ++m) r[(k * n + j) * n + m] = weight[m * 4 * n + col];
      b[k * n + j] = bias[col];
    }
  }
  std::vector<std::string> inputs = {OneSequence(cx, op),
                                     RoutingWeights(cx, paddle_block, {1, 1, 1, 1}, n),
                                     cx.ConstF32(r, {1, 4 * n, n}),
                                     cx.ConstF32(b, {1, 8 * n}),
                                     "",
                                     InitialState(cx, op, "H0"),
                                     InitialState(cx, op, "C0")};
  if (peepholes) {  // Paddle's tail W_ic, W_fc, W_oc → ONNX P [i, o, f]
    std::vector<float> p;
    for (int64_t part : {4, 6, 5})
      p.insert(p.end(), bias.begin() + part * n, bias.begin() + (part + 1) * n);
    inputs.push_back(cx.ConstF32(p, {1, 3 * n}));
  }
  const std::vector<std::string> outs =
      cx.NodeN("LSTM", inputs, 1,
               {{"hidden_size", n},
                {"direction", op.Attr<bool>("is_reverse", false) ? "reverse" : "forward"},
                StringsAttr("activations", {OnnxActivation(op, "gate_activation", "sigmoid"),
                                            OnnxActivation(op, "candidate_activation", "tanh"),
                                            OnnxActivation(op, "cell_activation", "tanh")})});
  BindHidden(cx, op, outs[0]);
}

void EmitGru(MapContext& cx, const graph::Op& op) {
  const int64_t n = HiddenSize(cx, op, 3);
  const bool origin_mode = op.Attr<bool>("origin_mode", false);
  const std::string gate_act = OnnxActivation(op, "gate_activation", "sigmoid");
  PD2ONNX_CHECK(origin_mode || gate_act == "Sigmoid", ErrorKind::kUnsupported,
                "gru: gate_activation '{}' with origin_mode = false is not supported",
                op.Attr<std::string>("gate_activation", "sigmoid"));
  const float u_sign = origin_mode ? 1.0f : -1.0f;  // see the file comment
  const std::vector<float> weight = ConstantValues(cx, op, "Weight");
  std::vector<float> bias(static_cast<size_t>(3 * n), 0.0f);
  if (op.HasInput("Bias")) bias = ConstantValues(cx, op, "Bias");
  PD2ONNX_CHECK(static_cast<int64_t>(bias.size()) == 3 * n, ErrorKind::kInvalidInput,
                "gru: Bias has {} values, expected {}", bias.size(), 3 * n);
  const float* w_ur = weight.data();             // [D, 2D]
  const float* w_c = weight.data() + 2 * n * n;  // [D, D]
  std::vector<float> r(static_cast<size_t>(3 * n * n)), b(static_cast<size_t>(6 * n), 0.0f);
  for (int64_t j = 0; j < n; ++j) {
    for (int64_t m = 0; m < n; ++m) {
      r[(0 * n + j) * n + m] = u_sign * w_ur[m * 2 * n + j];
      r[(1 * n + j) * n + m] = w_ur[m * 2 * n + n + j];
      r[(2 * n + j) * n + m] = w_c[m * n + j];
    }
    b[j] = u_sign * bias[j];
    b[n + j] = bias[n + j];
    b[2 * n + j] = bias[2 * n + j];
  }
  const std::vector<std::string> inputs = {OneSequence(cx, op),
                                           RoutingWeights(cx, {0, 1, 2}, {u_sign, 1, 1}, n),
                                           cx.ConstF32(r, {1, 3 * n, n}),
                                           cx.ConstF32(b, {1, 6 * n}),
                                           "",
                                           InitialState(cx, op, "H0")};
  const std::vector<std::string> outs =
      cx.NodeN("GRU", inputs, 1,
               {{"hidden_size", n},
                {"direction", op.Attr<bool>("is_reverse", false) ? "reverse" : "forward"},
                {"linear_before_reset", int64_t{0}},
                StringsAttr("activations", {gate_act, OnnxActivation(op, "activation", "tanh")})});
  BindHidden(cx, op, outs[0]);
}

}  // namespace

void RegisterLstmGru(Registry& r) {
  r.Add("gru", AnyOpset, {{7, EmitGru}});
  r.Add("lstm", AnyOpset, {{7, EmitLstm}});
}

}  // namespace pd2onnx::mappers

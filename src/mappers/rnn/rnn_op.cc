// rnn (Paddle's cuDNN-style recurrent op) → one ONNX LSTM / GRU / RNN node
// per layer.
//
// Paddle's WeightList is [W_ih, W_hh] for every (layer, direction), then
// [b_ih, b_hh] in the same order. Its gate blocks are LSTM [i, f, c, o] and
// GRU [r, z, c]; ONNX wants LSTM [i, o, f, c] and GRU [z, r, h], so the
// blocks are reordered at conversion time (the weights must be constant).
// Paddle's GRU adds b_hc inside the reset product, r ⊙ (h·W_hc + b_hc),
// which is ONNX GRU with linear_before_reset = 1. PreState rows are
// (layer · D + direction), as ONNX stacks directions, so each layer reads a
// slice of them and the final states concatenate back in the same order.
// SequenceLength maps to sequence_lens: both zero the padded outputs, keep
// the last valid state, and start the reverse direction at len − 1.
#include <cstring>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/rnn/rnn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

struct CellKind {
  const char* onnx_op;
  int64_t gates;
  std::vector<int64_t> onnx_from_paddle;  // ONNX gate block k = Paddle block [k]
  const char* activation;                 // RNN only
};

CellKind CellOf(const graph::Op& op) {
  const std::string mode = op.Attr<std::string>("mode", "");
  if (mode == "LSTM") return {"LSTM", 4, {0, 3, 1, 2}, nullptr};  // ifco → iofc
  if (mode == "GRU") return {"GRU", 3, {1, 0, 2}, nullptr};       // rzc → zrh
  if (mode == "RNN_TANH") return {"RNN", 1, {0}, "Tanh"};
  if (mode == "RNN_RELU") return {"RNN", 1, {0}, "Relu"};
  Fail(ErrorKind::kUnsupported, "rnn: attribute mode = '{}' is not supported", mode);
}

// Appends `t` (a [gates · hidden, cols] or [gates · hidden] tensor) to
// `bytes` with its gate blocks in ONNX order.
void AppendReordered(const graph::ConstTensor& t, const CellKind& cell, int64_t block_elems,
                     std::vector<std::byte>& bytes) {
  PD2ONNX_CHECK(t.numel() == cell.gates * block_elems, ErrorKind::kInvalidInput,
                "rnn: a WeightList tensor has shape {}, expected {} elements",
                graph::ShapeToString(t.dims()), cell.gates * block_elems);
  const size_t block_bytes = t.nbytes() / static_cast<size_t>(cell.gates);
  for (int64_t from : cell.onnx_from_paddle) {
    const std::byte* src = t.data() + static_cast<size_t>(from) * block_bytes;
    bytes.insert(bytes.end(), src, src + block_bytes);
  }
}

struct RnnDims {
  int64_t layers, dirs, hidden;
};

// The ONNX W, R and B initializers of one layer.
struct LayerWeights {
  std::string w, r, b;
};

LayerWeights LayerWeightsOf(MapContext& cx, const graph::Op& op, const CellKind& cell,
                            const RnnDims& d, int64_t layer, int64_t in_size) {
  const int64_t states = d.layers * d.dirs;
  auto weight = [&](int64_t i) {
    const graph::ConstTensor* t = cx.ConstantInput(op, "WeightList", static_cast<size_t>(i));
    PD2ONNX_CHECK(t != nullptr, ErrorKind::kUnsupported,
                  "rnn: WeightList must be constant (parameters); entry {} is computed", i);
    return t;
  };
  std::vector<std::byte> w, r, b;
  graph::DataType dtype = graph::DataType::kFloat32;
  for (int64_t dir = 0; dir < d.dirs; ++dir) {
    const int64_t idx = layer * d.dirs + dir;
    dtype = weight(2 * idx)->dtype();
    AppendReordered(*weight(2 * idx), cell, d.hidden * in_size, w);
    AppendReordered(*weight(2 * idx + 1), cell, d.hidden * d.hidden, r);
    AppendReordered(*weight(2 * states + 2 * idx), cell, d.hidden, b);
    AppendReordered(*weight(2 * states + 2 * idx + 1), cell, d.hidden, b);
  }
  const int64_t rows = cell.gates * d.hidden;
  return {cx.Constant(graph::ConstTensor::FromBytes(dtype, {d.dirs, rows, in_size}, std::move(w))),
          cx.Constant(graph::ConstTensor::FromBytes(dtype, {d.dirs, rows, d.hidden}, std::move(r))),
          cx.Constant(graph::ConstTensor::FromBytes(dtype, {d.dirs, 2 * rows}, std::move(b)))};
}

// A STRINGS attribute (NodeAttr has no list-of-strings constructor).
NodeAttr StringsAttr(const std::string& name, const std::vector<std::string>& values) {
  NodeAttr attr(name, values.front());
  attr.proto.clear_s();
  attr.proto.set_type(onnx::AttributeProto::STRINGS);
  for (const std::string& v : values) attr.proto.add_strings(v);
  return attr;
}

std::vector<NodeAttr> NodeAttrs(const CellKind& cell, const RnnDims& d) {
  std::vector<NodeAttr> attrs = {{"hidden_size", d.hidden},
                                 {"direction", d.dirs == 2 ? "bidirectional" : "forward"}};
  if (cell.gates == 3) attrs.emplace_back("linear_before_reset", 1);
  if (cell.activation != nullptr) {
    attrs.push_back(StringsAttr("activations", std::vector<std::string>(d.dirs, cell.activation)));
  }
  return attrs;
}

// Rows [layer · D, (layer + 1) · D) of a [L · D, B, H] state.
std::string LayerRows(MapContext& cx, const std::string& state, const RnnDims& d, int64_t layer) {
  if (d.layers == 1) return state;
  return cx.Slice(state, {layer * d.dirs}, {(layer + 1) * d.dirs}, {0});
}

// ONNX Y [T, D, B, H] → Paddle's [T, B, D · H] (directions concatenated).
std::string PaddleOutput(MapContext& cx, const std::string& y, const RnnDims& d) {
  if (d.dirs == 1) return cx.Squeeze(y, {1});
  return cx.Reshape(cx.Transpose(y, {0, 2, 1, 3}), {0, 0, d.dirs * d.hidden});
}

std::string ConcatRows(MapContext& cx, const std::vector<std::string>& parts) {
  return parts.size() == 1 ? parts[0] : cx.Node("Concat", parts, {{"axis", int64_t{0}}});
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const CellKind cell = CellOf(op);
  const RnnDims d{op.Attr<int64_t>("num_layers", 1), op.Attr<bool>("is_bidirec", false) ? 2 : 1,
                  op.Attr<int64_t>("hidden_size")};
  const graph::Var& input_var = cx.InputVar(op, "Input");
  PD2ONNX_CHECK(input_var.shape.size() == 3 && input_var.shape[2] > 0, ErrorKind::kUnsupported,
                "rnn: Input must be [T, B, I] with a known I, got {}",
                graph::ShapeToString(input_var.shape));
  const size_t want_weights = static_cast<size_t>(4 * d.layers * d.dirs);
  PD2ONNX_CHECK(op.Inputs("WeightList").size() == want_weights, ErrorKind::kInvalidInput,
                "rnn: WeightList has {} tensors, expected {}", op.Inputs("WeightList").size(),
                want_weights);
  const std::vector<std::string> pre = cx.Inputs(op, "PreState");
  const bool lstm = cell.gates == 4;
  PD2ONNX_CHECK(pre.size() == (lstm ? 2u : 1u), ErrorKind::kInvalidInput,
                "rnn: PreState has {} tensors, expected {}", pre.size(), lstm ? 2 : 1);

  std::string seq_lens;
  if (op.HasInput("SequenceLength")) {
    seq_lens = cx.Cast(cx.Input(op, "SequenceLength"), graph::DataType::kInt32);
  }
  std::string x = cx.Input(op, "Input");
  int64_t in_size = input_var.shape[2];
  std::vector<std::string> last_h, last_c;
  for (int64_t layer = 0; layer < d.layers; ++layer) {
    const LayerWeights w = LayerWeightsOf(cx, op, cell, d, layer, in_size);
    std::vector<std::string> inputs = {x, w.w, w.r, w.b, seq_lens, LayerRows(cx, pre[0], d, layer)};
    if (lstm) inputs.push_back(LayerRows(cx, pre[1], d, layer));
    const std::vector<std::string> outs =
        cx.NodeN(cell.onnx_op, inputs, lstm ? 3 : 2, NodeAttrs(cell, d));
    x = PaddleOutput(cx, outs[0], d);
    in_size = d.dirs * d.hidden;
    last_h.push_back(outs[1]);
    if (lstm) last_c.push_back(outs[2]);
  }
  cx.Bind(op, "Out", x);
  if (op.HasOutput("State")) {
    cx.Bind(op, "State", ConcatRows(cx, last_h), 0);
    if (lstm && op.Outputs("State").size() > 1) cx.Bind(op, "State", ConcatRows(cx, last_c), 1);
  }
}

}  // namespace

void RegisterRnnOp(Registry& r) { r.Add("rnn", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

// Constant folding: a node whose inputs are all initializers is evaluated
// with our ONNX evaluator (src/evaluator) and replaced by initializers
// holding its outputs. Size-capped so weights are never duplicated: a
// result larger than fold_small_bytes is kept only when it is no larger than
// the input weights that become unused with it.
#include <onnx/defs/data_type_utils.h>
#include <onnx/defs/schema.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <set>

#include "evaluator/op_table.h"
#include "evaluator/tensor.h"
#include "graph/host_tensor.h"
#include "onnx/model_checker.h"
#include "passes/graph.h"
#include "passes/pass.h"
#include "passes/shape_inference.h"
#include "support/error.h"

namespace pd2onnx::passes {

namespace {

bool IsRandom(const std::string& op) {
  static const std::set<std::string, std::less<>> kRandom = {
      "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike",
      "Multinomial",  "Bernoulli",        "Dropout"};
  return kRandom.count(op) > 0;
}

// Ops whose output can be far larger than their inputs.
bool CanExpand(const std::string& op) {
  static const std::set<std::string, std::less<>> kExpanding = {
      "ConstantOfShape", "Expand",  "Tile",   "Range", "Resize", "Upsample",  "Pad",
      "OneHot",          "EyeLike", "MatMul", "Gemm",  "Einsum", "ScatterND", "Col2Im"};
  return kExpanding.count(op) > 0;
}

// The elements of the node's outputs, from shape inference, before
// anything is computed; nullopt when a shape is unknown.
std::optional<int64_t> PredictedOutputElements(const onnx::NodeProto& node,
                                               const ValueTypes& types) {
  int64_t total = 0;
  for (const auto& output : node.output()) {
    if (output.empty()) continue;
    const auto it = types.find(output);
    if (it == types.end() || !it->second.FullyStatic()) return std::nullopt;
    int64_t n = 1;
    for (int64_t d : *it->second.dims) {
      if (__builtin_mul_overflow(n, d, &n)) return std::numeric_limits<int64_t>::max();
    }
    if (__builtin_add_overflow(total, n, &total)) return std::numeric_limits<int64_t>::max();
  }
  return total;
}

// Whether evaluating the node could only produce a value the size rule of
// FoldConstants throws away (at least one byte an element, more than
// fold_small_bytes and more than the inputs free), or one too large to
// hold: such nodes are never evaluated. Unknown output shapes of ops that
// can expand are not evaluated either.
bool TooLargeToFold(const onnx::NodeProto& node, const ValueTypes& types, int64_t input_bytes,
                    const PassContext& cx) {
  const std::optional<int64_t> elements = PredictedOutputElements(node, types);
  if (!elements) return CanExpand(node.op_type());
  return *elements > cx.fold_small_bytes && *elements > input_bytes;
}

// Whether every input's dtype is one the op's schema allows: the evaluator
// trusts its inputs' dtypes, and a model read from a file (`pd2onnx
// optimize`) may break them. libonnx knows opsets up to 17; ops it does not
// know are not evaluated.
bool InputTypesMatchSchema(const Graph& g, const onnx::NodeProto& node) {
  const onnx::OpSchema* schema = emit::KnownSchema(node, g.opset());
  if (schema == nullptr) return false;
  const auto& params = schema->inputs();
  for (int k = 0; k < node.input_size(); ++k) {
    if (node.input(k).empty()) continue;
    if (params.empty()) return false;
    const size_t at = std::min(static_cast<size_t>(k), params.size() - 1);
    const auto& param = params[at];
    if (static_cast<size_t>(k) >= params.size() &&
        param.GetOption() != onnx::OpSchema::FormalParameterOption::Variadic) {
      return false;
    }
    onnx::TypeProto type;
    type.mutable_tensor_type()->set_elem_type(
        emit::OnnxDataType(g.Initializer(node.input(k))->tensor.dtype()));
    if (param.GetTypes().count(onnx::Utils::DataTypeUtils::ToType(type)) == 0) return false;
  }
  return true;
}

bool IsFoldable(const Graph& g, const onnx::NodeProto& node, const PassContext& cx,
                const ValueTypes& types) {
  if (!node.domain().empty() && node.domain() != "ai.onnx") return false;
  if (IsRandom(node.op_type()) || HasSubgraph(node)) return false;
  if (node.input_size() == 0 && node.op_type() != "Constant") return false;
  int64_t input_bytes = 0;
  for (const auto& input : node.input()) {
    if (input.empty()) continue;
    const auto* init = g.Initializer(input);
    if (init == nullptr) return false;
    input_bytes += static_cast<int64_t>(init->tensor.nbytes());
  }
  for (const auto& output : node.output()) {
    if (g.IsGraphOutput(output)) return false;
  }
  return input_bytes <= cx.fold_max_input_bytes && eval::BuiltinOps().count(node.op_type()) > 0 &&
         InputTypesMatchSchema(g, node) && !TooLargeToFold(node, types, input_bytes, cx);
}

// Bytes of the node's input initializers that nothing else reads.
int64_t BytesFreedByFolding(const Graph& g, const onnx::NodeProto& node) {
  int64_t freed = 0;
  std::set<std::string> counted;
  for (const auto& input : node.input()) {
    if (input.empty() || !counted.insert(input).second) continue;
    int reads_here = 0;
    for (const auto& other : node.input()) reads_here += other == input ? 1 : 0;
    if (g.UseCount(input) == reads_here) {
      freed += static_cast<int64_t>(g.Initializer(input)->tensor.nbytes());
    }
  }
  return freed;
}

// The node's outputs, or nothing when the evaluator cannot compute them.
std::optional<std::vector<eval::Tensor>> Evaluate(const Graph& g, const onnx::NodeProto& node,
                                                  const PassContext& cx) {
  std::vector<eval::Tensor> values;
  values.reserve(static_cast<size_t>(node.input_size()));
  for (const auto& input : node.input()) {
    values.push_back(
        input.empty() ? eval::Tensor()
                      : eval::FromHost(graph::HostTensor::FromConst(g.Initializer(input)->tensor)));
  }
  std::vector<const eval::Tensor*> inputs;
  for (int k = 0; k < node.input_size(); ++k) {
    inputs.push_back(node.input(k).empty() ? nullptr : &values[static_cast<size_t>(k)]);
  }
  try {
    // Nothing larger is ever kept (see TooLargeToFold); a shape inference
    // fooled by a broken model must not let a kernel allocate more.
    eval::ElementLimit limit(std::max(cx.fold_small_bytes, cx.fold_max_input_bytes));
    eval::OpContext context(node, g.opset(), std::move(inputs));
    std::vector<eval::Tensor> outputs = eval::BuiltinOps().at(node.op_type())(context);
    if (outputs.size() < static_cast<size_t>(node.output_size())) return std::nullopt;
    for (auto& t : outputs) {
      if (t.is_sequence) return std::nullopt;
      eval::Normalize(t);
    }
    return outputs;
  } catch (const Error& e) {
    spdlog::debug("constant folding skips {} '{}': {}", node.op_type(), node.name(), e.what());
    return std::nullopt;
  }
}

int64_t OutputBytes(const std::vector<eval::Tensor>& outputs) {
  int64_t bytes = 0;
  for (const auto& t : outputs) {
    bytes += t.numel() * static_cast<int64_t>(graph::ElementSize(t.dtype));
  }
  return bytes;
}

}  // namespace

bool FoldConstants(emit::Model& model, const PassContext& cx) {
  const ValueTypes types = InferShapes(model);
  Graph g(model);
  bool changed = false;
  for (int n = 0; n < static_cast<int>(g.size()); ++n) {
    const onnx::NodeProto& node = g.node(n);
    if (!IsFoldable(g, node, cx, types)) continue;
    auto outputs = Evaluate(g, node, cx);
    if (!outputs) continue;
    const int64_t bytes = OutputBytes(*outputs);
    if (bytes > cx.fold_small_bytes && bytes > BytesFreedByFolding(g, node)) continue;
    const onnx::NodeProto folded = node;
    g.RemoveNode(n);
    for (int k = 0; k < folded.output_size(); ++k) {
      if (folded.output(k).empty()) continue;
      g.DefineInitializer(folded.output(k),
                          eval::ToHost((*outputs)[static_cast<size_t>(k)]).ToConst());
    }
    changed = true;
  }
  g.Compact();
  return changed;
}

}  // namespace pd2onnx::passes

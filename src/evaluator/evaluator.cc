#include "evaluator/evaluator.h"

#include <unordered_map>

#include "evaluator/op_table.h"
#include "evaluator/tensor.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

int DefaultDomainOpset(const onnx::ModelProto& model) {
  for (const auto& entry : model.opset_import()) {
    if (entry.domain().empty() || entry.domain() == "ai.onnx")
      return static_cast<int>(entry.version());
  }
  Fail(ErrorKind::kInvalidInput, "the model imports no default-domain opset");
}

// Values visible to a graph: its own, then the enclosing graphs' (ONNX
// sub-graphs read outer-scope names).
struct Scope {
  std::unordered_map<std::string, Tensor> values;
  const Scope* parent = nullptr;

  const Tensor* Find(const std::string& name) const {
    for (const Scope* s = this; s != nullptr; s = s->parent) {
      const auto it = s->values.find(name);
      if (it != s->values.end()) return &it->second;
    }
    return nullptr;
  }
};

// Names read inside a node's sub-graphs count as uses of the node.
void CountSubgraphReads(const onnx::NodeProto& node, std::unordered_map<std::string, int>& uses) {
  for (const auto& attr : node.attribute()) {
    if (!attr.has_g()) continue;
    for (const auto& inner : attr.g().node()) {
      for (const auto& name : inner.input()) ++uses[name];
      CountSubgraphReads(inner, uses);
    }
  }
}

// Consumer counts, so a value is freed after its last use (big models).
std::unordered_map<std::string, int> CountUses(const onnx::GraphProto& graph) {
  std::unordered_map<std::string, int> uses;
  for (const auto& node : graph.node()) {
    for (const auto& name : node.input()) ++uses[name];
    CountSubgraphReads(node, uses);
  }
  for (const auto& output : graph.output()) ++uses[output.name()];
  return uses;
}

void RunNodes(const onnx::GraphProto& graph, int opset, Scope& scope);

// Runs a sub-graph on `inputs` in a scope nested in `parent`.
std::vector<Tensor> RunSubgraph(const onnx::GraphProto& graph, int opset,
                                const std::vector<Tensor>& inputs, const Scope& parent) {
  Scope scope;
  scope.parent = &parent;
  for (int k = 0; k < graph.input_size() && k < static_cast<int>(inputs.size()); ++k) {
    scope.values[graph.input(k).name()] = inputs[k];
  }
  RunNodes(graph, opset, scope);
  std::vector<Tensor> outputs;
  for (const auto& output : graph.output()) {
    const Tensor* value = scope.Find(output.name());
    PD2ONNX_CHECK(value != nullptr, ErrorKind::kInvalidInput,
                  "sub-graph output '{}' is not produced", output.name());
    outputs.push_back(*value);
  }
  return outputs;
}

std::vector<Tensor> RunNode(const onnx::NodeProto& node, int opset, const Scope& scope) {
  const OpTable& ops = BuiltinOps();
  const auto kernel = ops.find(node.op_type());
  PD2ONNX_CHECK(node.domain().empty() || node.domain() == "ai.onnx", ErrorKind::kUnsupported,
                "domain '{}' is not supported", node.domain());
  PD2ONNX_CHECK(kernel != ops.end(), ErrorKind::kUnsupported,
                "the evaluator has no kernel for this op");
  std::vector<const Tensor*> inputs;
  for (const auto& name : node.input()) {
    if (name.empty()) {
      inputs.push_back(nullptr);
      continue;
    }
    const Tensor* value = scope.Find(name);
    PD2ONNX_CHECK(value != nullptr, ErrorKind::kInvalidInput, "input '{}' is not defined", name);
    inputs.push_back(value);
  }
  OpContext cx(node, opset, std::move(inputs));
  const OpContext::SubgraphRunner runner = [opset, &scope](const onnx::GraphProto& graph,
                                                           const std::vector<Tensor>& in) {
    return RunSubgraph(graph, opset, in, scope);
  };
  cx.set_subgraph_runner(&runner);
  std::vector<Tensor> outputs = kernel->second(cx);
  PD2ONNX_CHECK(outputs.size() >= static_cast<size_t>(node.output_size()), ErrorKind::kInternal,
                "the kernel produced {} outputs for {}", outputs.size(), node.output_size());
  for (Tensor& t : outputs) Normalize(t);
  return outputs;
}

void RunNodes(const onnx::GraphProto& graph, int opset, Scope& scope) {
  std::unordered_map<std::string, int> uses = CountUses(graph);
  for (int n = 0; n < graph.node_size(); ++n) {
    const onnx::NodeProto& node = graph.node(n);
    std::vector<Tensor> outputs;
    try {
      outputs = RunNode(node, opset, scope);
    } catch (const Error& e) {
      throw e.WithContext(fmt::format("node '{}' ({})", node.name(), node.op_type()));
    }
    for (int k = 0; k < node.output_size(); ++k) {
      if (!node.output(k).empty()) scope.values[node.output(k)] = std::move(outputs[k]);
    }
    for (const auto& name : node.input()) {
      if (!name.empty() && --uses[name] == 0) scope.values.erase(name);
    }
  }
}

}  // namespace

TensorMap Evaluate(const onnx::ModelProto& model, const TensorMap& inputs) {
  const onnx::GraphProto& graph = model.graph();
  const int opset = DefaultDomainOpset(model);
  Scope scope;
  auto& values = scope.values;
  for (const auto& init : graph.initializer()) {
    try {
      values[init.name()] = FromTensorProto(init);
    } catch (const Error& e) {
      throw e.WithContext(fmt::format("initializer '{}'", init.name()));
    }
  }
  for (const auto& input : graph.input()) {
    const auto it = inputs.find(input.name());
    if (it != inputs.end()) {
      values[input.name()] = FromHost(it->second);
    } else {
      PD2ONNX_CHECK(values.count(input.name()) > 0, ErrorKind::kInvalidInput,
                    "no value given for graph input '{}'", input.name());
    }
  }
  RunNodes(graph, opset, scope);
  TensorMap result;
  for (const auto& output : graph.output()) {
    const auto it = values.find(output.name());
    PD2ONNX_CHECK(it != values.end(), ErrorKind::kInvalidInput, "graph output '{}' is not produced",
                  output.name());
    result[output.name()] = ToHost(it->second);
  }
  return result;
}

bool SupportsOp(const std::string& op_type) { return BuiltinOps().count(op_type) > 0; }

}  // namespace pd2onnx::eval

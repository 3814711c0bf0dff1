// What an op kernel sees: the node, the model's opset, its inputs (nullptr
// for an omitted optional input) and typed attribute access.
#pragma once

#include <onnx/onnx_pb.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "evaluator/tensor.h"

namespace pd2onnx::eval {

class OpContext {
 public:
  OpContext(const onnx::NodeProto& node, int opset, std::vector<const Tensor*> inputs)
      : node_(node), opset_(opset), inputs_(std::move(inputs)) {}

  const onnx::NodeProto& node() const { return node_; }
  int opset() const { return opset_; }
  size_t num_inputs() const { return inputs_.size(); }
  size_t num_outputs() const { return static_cast<size_t>(node_.output_size()); }
  bool HasInput(size_t k) const { return k < inputs_.size() && inputs_[k] != nullptr; }
  const Tensor& In(size_t k) const;  // throws when missing

  bool HasAttr(const std::string& name) const { return Find(name) != nullptr; }
  int64_t Int(const std::string& name, int64_t fallback) const;
  double Float(const std::string& name, double fallback) const;
  std::string Str(const std::string& name, const std::string& fallback) const;
  std::vector<int64_t> Ints(const std::string& name) const;  // empty when absent
  std::optional<std::vector<int64_t>> IntsIfAny(const std::string& name) const;
  std::vector<double> Floats(const std::string& name) const;
  const onnx::TensorProto* TensorAttr(const std::string& name) const;

  // Runs a sub-graph (If branch, Loop body) on `inputs` in a scope nested in
  // the node's; returns its outputs. Set by the evaluator.
  using SubgraphRunner =
      std::function<std::vector<Tensor>(const onnx::GraphProto&, const std::vector<Tensor>&)>;
  void set_subgraph_runner(const SubgraphRunner* runner) { runner_ = runner; }
  std::vector<Tensor> RunSubgraph(const onnx::GraphProto& graph,
                                  const std::vector<Tensor>& inputs) const;

 private:
  const onnx::AttributeProto* Find(const std::string& name) const;

  const onnx::NodeProto& node_;
  int opset_;
  std::vector<const Tensor*> inputs_;
  const SubgraphRunner* runner_ = nullptr;
};

}  // namespace pd2onnx::eval

// What a mapper sees while it converts one Paddle op: the op's inputs as ONNX
// tensor names, the Paddle variables' declared types, known constant values,
// and a builder for ONNX nodes and initializers. The context owns naming:
// mappers create nodes with fresh names and Bind() their results to Paddle
// output slots; the context names the tensor after the Paddle variable.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/program.h"
#include "mappers/registry.h"
#include "onnx/model.h"

namespace pd2onnx::mappers {

// An ONNX node attribute. The constructors make {"axis", 1} or
// {"pads", std::vector<int64_t>{...}} work in braced lists.
struct NodeAttr {
  NodeAttr(std::string name, int value);
  NodeAttr(std::string name, int64_t value);
  NodeAttr(std::string name, float value);
  NodeAttr(std::string name, double value);  // stored as float
  NodeAttr(std::string name, const char* value);
  NodeAttr(std::string name, std::string value);
  NodeAttr(std::string name, std::vector<int64_t> values);
  NodeAttr(std::string name, const std::vector<int>& values);
  NodeAttr(std::string name, std::vector<float> values);
  NodeAttr(std::string name, const onnx::TensorProto& value);
  NodeAttr(std::string name, onnx::GraphProto graph);  // Loop body, If branches
  onnx::AttributeProto proto;
};

class MapContext {
 public:
  MapContext(const graph::Program& program, emit::Model& model, int opset);

  int opset() const { return opset_; }
  const graph::Program& program() const { return program_; }

  // ---- Paddle side --------------------------------------------------------
  // ONNX tensor holding the current value of the i-th variable of an input
  // slot. Throws kInvalidInput when the slot is absent or the variable was
  // never produced.
  std::string Input(const graph::Op& op, std::string_view slot, size_t i = 0);
  std::vector<std::string> Inputs(const graph::Op& op, std::string_view slot);
  // Declared variables (dtype, shape with -1 for unknown extents).
  const graph::Var& InputVar(const graph::Op& op, std::string_view slot, size_t i = 0) const;
  const graph::Var& OutputVar(const graph::Op& op, std::string_view slot, size_t i = 0) const;
  // The value of an input when it is known at conversion time (a parameter,
  // or an output some mapper bound with BindConstant); nullptr otherwise.
  const graph::ConstTensor* ConstantInput(const graph::Op& op, std::string_view slot,
                                          size_t i = 0) const;
  const graph::ConstTensor* ConstantOf(const std::string& tensor) const;

  // ---- ONNX side ----------------------------------------------------------
  // Adds a node with fresh output names and returns them.
  std::string Node(std::string_view op_type, const std::vector<std::string>& inputs,
                   const std::vector<NodeAttr>& attrs = {});
  std::vector<std::string> NodeN(std::string_view op_type, const std::vector<std::string>& inputs,
                                 size_t num_outputs, const std::vector<NodeAttr>& attrs = {});
  // Adds an initializer and returns its name. Constants are deduplicated by
  // content only for small tensors.
  std::string Constant(const graph::ConstTensor& value);
  std::string ConstI64(const std::vector<int64_t>& values);  // 1-D int64
  std::string ConstF32(const std::vector<float>& values, std::vector<int64_t> dims);
  std::string ScalarOf(graph::DataType dtype, double value);  // 0-D tensor of dtype

  // Opset-aware helpers for ONNX ops whose signature changed.
  std::string Cast(const std::string& x, graph::DataType to);
  std::string Reshape(const std::string& x, const std::vector<int64_t>& shape);
  std::string Transpose(const std::string& x, const std::vector<int64_t>& perm);
  std::string Unsqueeze(const std::string& x, const std::vector<int64_t>& axes);  // 13: axes input
  std::string Squeeze(const std::string& x, const std::vector<int64_t>& axes);    // 13: axes input
  // Slice with constant starts/ends/axes (steps empty = 1); 10: inputs.
  std::string Slice(const std::string& x, const std::vector<int64_t>& starts,
                    const std::vector<int64_t>& ends, const std::vector<int64_t>& axes,
                    const std::vector<int64_t>& steps = {});
  // Reduce over constant axes; 13 (ReduceSum) / 18 (others): axes input.
  std::string Reduce(std::string_view reduce_op, const std::string& x,
                     const std::vector<int64_t>& axes, bool keepdims);
  // Clip to [lo, hi] for a float tensor; 11: min/max inputs; float64 before
  // 12: Max/Min (8) or a reduction (ONNX Runtime's Clip-6/11 are float only).
  std::string Clip(const std::string& x, std::optional<float> lo, std::optional<float> hi,
                   graph::DataType dtype = graph::DataType::kFloat32);
  // Split along axis into sizes; 13: split input; 18: num_outputs rules.
  std::vector<std::string> Split(const std::string& x, int64_t axis,
                                 const std::vector<int64_t>& sizes);
  // 1-D int64 shape of x.
  std::string Shape(const std::string& x);

  // Makes `tensor` the value of the i-th variable of an output slot. The
  // tensor is renamed to the Paddle variable's name when it is a fresh
  // result of this mapper; otherwise an Identity node is added.
  void Bind(const graph::Op& op, std::string_view slot, const std::string& tensor, size_t i = 0);
  // Binds an output whose value is known now; it becomes an initializer and
  // later ConstantInput() calls see its value.
  void BindConstant(const graph::Op& op, std::string_view slot, const graph::ConstTensor& value,
                    size_t i = 0);

  // ---- Driver interface (used by the converter, not by mappers) -----------
  void BeginOp(const graph::Op& op);
  void EndOp(const graph::Op& op);
  void DefineInput(const std::string& var, const std::string& tensor);
  void DefineParam(const std::string& var, const graph::ConstTensor& value);
  // Current ONNX tensor of a Paddle variable, or nullopt.
  std::optional<std::string> TensorOf(const std::string& var) const;
  // Marks which writes of a variable are its last (the one that keeps the
  // plain name); computed by the converter before mapping.
  void SetLastWriter(const std::string& var, const graph::Op& op);
  // Variables fetched as model outputs: these are always produced by a node.
  void SetModelOutputs(const std::vector<std::string>& vars);
  // Tensors bound to Paddle variables, in binding order (for value_info).
  const std::vector<std::pair<std::string, const graph::Var*>>& bound() const { return bound_; }

  // ---- Sub-graphs (control flow: Loop bodies, If branches) ----------------
  // How the converter maps one op; control-flow mappers use it to map the
  // ops of their sub-blocks with the same registry and opset.
  using OpMapFn = std::function<void(MapContext&, const graph::Op&)>;
  void SetOpMapper(OpMapFn fn) { map_op_ = std::move(fn); }
  // Starts a sub-graph: until EndSubgraph, new nodes go to it. Paddle
  // variables keep their current tensors (read from the enclosing scope)
  // until rebound with SetVarTensor. Sub-graphs nest.
  void BeginSubgraph();
  // Adds a typed input to the current sub-graph and returns its name.
  std::string SubgraphInput(std::string_view hint, const onnx::TypeProto& type);
  // Makes `tensor` the current value of Paddle variable `var`.
  void SetVarTensor(const std::string& var, const std::string& tensor);
  // Maps every op of a block, in order, into the current graph.
  void MapBlock(int block_idx);
  // Ends the sub-graph: its outputs are fresh copies of `outputs` (tensor,
  // type), and the variables get back the tensors they had at BeginSubgraph.
  onnx::GraphProto EndSubgraph(std::string_view name,
                               const std::vector<std::pair<std::string, onnx::TypeProto>>& outputs);
  // Type of a Paddle variable: a tensor of its dtype (no shape), or a
  // sequence of such tensors for a tensor array.
  static onnx::TypeProto TypeOfVar(const graph::Var& var);
  static onnx::TypeProto TensorType(graph::DataType dtype,
                                    const std::vector<int64_t>* dims = nullptr);

 private:
  std::string FreshName(std::string_view hint);
  std::string UniqueName(const std::string& base);
  std::string NameForWrite(const graph::Op& op, const std::string& var);
  const std::string& Resolved(const std::string& tensor) const;
  const graph::Var* FindVar(const graph::Op& op, const std::string& name) const;

  const graph::Program& program_;
  emit::Model& model_;
  int opset_;
  std::unordered_map<std::string, std::string> current_;              // paddle var -> onnx tensor
  std::unordered_map<std::string, graph::ConstTensor> constants_;     // onnx tensor -> value
  std::unordered_map<std::string, std::pair<size_t, int>> producer_;  // tensor -> (node, output)
  std::unordered_map<std::string, int> uses_;                         // tensor -> consumer count
  std::unordered_map<std::string, int64_t> last_writer_;              // paddle var -> op key
  std::unordered_map<std::string, std::string> renamed_;              // fresh name -> bound name
  std::unordered_map<std::string, std::string> const_cache_;  // small constant bytes -> name
  std::unordered_set<std::string> taken_;
  std::unordered_set<std::string> model_outputs_;  // every tensor name in use
  std::vector<std::pair<std::string, const graph::Var*>> bound_;
  struct SubgraphFrame {
    std::vector<onnx::NodeProto> outer_nodes;
    std::unordered_map<std::string, std::pair<size_t, int>> outer_producer;
    std::unordered_map<std::string, std::string> outer_current;
    std::vector<onnx::ValueInfoProto> inputs;
    size_t first_node_of_op = 0;
    int64_t op_key = -1;
    std::string op_hint;
  };
  std::vector<SubgraphFrame> subgraphs_;
  OpMapFn map_op_;
  size_t first_node_of_op_ = 0;
  int64_t op_key_ = -1;
  std::string op_hint_;
};

}  // namespace pd2onnx::mappers

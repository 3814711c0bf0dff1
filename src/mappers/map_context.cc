#include "mappers/map_context.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "support/error.h"

namespace pd2onnx::mappers {

using graph::ConstTensor;
using graph::DataType;

// ---- NodeAttr ---------------------------------------------------------------

namespace {

onnx::AttributeProto NamedAttr(std::string name, onnx::AttributeProto::AttributeType type) {
  onnx::AttributeProto proto;
  proto.set_name(std::move(name));
  proto.set_type(type);
  return proto;
}

int64_t OpKey(const graph::Op& op) {
  return (static_cast<int64_t>(op.block_idx) << 32) | static_cast<uint32_t>(op.op_idx);
}

}  // namespace

NodeAttr::NodeAttr(std::string name, int value) : NodeAttr(std::move(name), int64_t{value}) {}
NodeAttr::NodeAttr(std::string name, int64_t value)
    : proto(NamedAttr(std::move(name), onnx::AttributeProto::INT)) {
  proto.set_i(value);
}
NodeAttr::NodeAttr(std::string name, float value)
    : proto(NamedAttr(std::move(name), onnx::AttributeProto::FLOAT)) {
  proto.set_f(value);
}
NodeAttr::NodeAttr(std::string name, double value)
    : NodeAttr(std::move(name), static_cast<float>(value)) {}
NodeAttr::NodeAttr(std::string name, const char* value)
    : NodeAttr(std::move(name), std::string(value)) {}
NodeAttr::NodeAttr(std::string name, std::string value)
    : proto(NamedAttr(std::move(name), onnx::AttributeProto::STRING)) {
  proto.set_s(std::move(value));
}
NodeAttr::NodeAttr(std::string name, std::vector<int64_t> values)
    : proto(NamedAttr(std::move(name), onnx::AttributeProto::INTS)) {
  for (int64_t v : values) proto.add_ints(v);
}
NodeAttr::NodeAttr(std::string name, const std::vector<int>& values)
    : NodeAttr(std::move(name), std::vector<int64_t>(values.begin(), values.end())) {}
NodeAttr::NodeAttr(std::string name, std::vector<float> values)
    : proto(NamedAttr(std::move(name), onnx::AttributeProto::FLOATS)) {
  for (float v : values) proto.add_floats(v);
}
NodeAttr::NodeAttr(std::string name, const onnx::TensorProto& value)
    : proto(NamedAttr(std::move(name), onnx::AttributeProto::TENSOR)) {
  *proto.mutable_t() = value;
}

NodeAttr::NodeAttr(std::string name, onnx::GraphProto graph)
    : proto(NamedAttr(std::move(name), onnx::AttributeProto::GRAPH)) {
  *proto.mutable_g() = std::move(graph);
}

// ---- Construction and naming ------------------------------------------------

MapContext::MapContext(const graph::Program& program, emit::Model& model, int opset)
    : program_(program), model_(model), opset_(opset) {}

std::string MapContext::UniqueName(const std::string& base) {
  std::string name = base;
  for (int k = 1; taken_.count(name); ++k) name = base + "_" + std::to_string(k);
  taken_.insert(name);
  return name;
}

std::string MapContext::FreshName(std::string_view hint) {
  const std::string prefix = op_hint_.empty() ? "pd2onnx" : op_hint_;
  return UniqueName(prefix + "/" + std::string(hint));
}

const std::string& MapContext::Resolved(const std::string& tensor) const {
  auto it = renamed_.find(tensor);
  return it == renamed_.end() ? tensor : it->second;
}

std::string MapContext::NameForWrite(const graph::Op& op, const std::string& var) {
  auto last = last_writer_.find(var);
  const bool is_last_write = last == last_writer_.end() || last->second == OpKey(op);
  if (is_last_write && !taken_.count(var)) {
    taken_.insert(var);
    return var;
  }
  // An earlier write of a variable that Paddle writes several times (SSA).
  return UniqueName(var + ".ssa");
}

const graph::Var* MapContext::FindVar(const graph::Op& op, const std::string& name) const {
  return program_.FindVar(op.block_idx, name);
}

// ---- Paddle side ------------------------------------------------------------

std::string MapContext::Input(const graph::Op& op, std::string_view slot, size_t i) {
  const std::string& var = op.Input(slot, i);
  auto it = current_.find(var);
  PD2ONNX_CHECK(it != current_.end(), ErrorKind::kInvalidInput,
                "input '{}' reads variable '{}', which no earlier op produces", slot, var);
  ++uses_[it->second];
  return it->second;
}

std::vector<std::string> MapContext::Inputs(const graph::Op& op, std::string_view slot) {
  std::vector<std::string> out;
  for (size_t i = 0; i < op.Inputs(slot).size(); ++i) out.push_back(Input(op, slot, i));
  return out;
}

const graph::Var& MapContext::InputVar(const graph::Op& op, std::string_view slot, size_t i) const {
  const std::string& name = op.Input(slot, i);
  const graph::Var* var = FindVar(op, name);
  PD2ONNX_CHECK(var != nullptr, ErrorKind::kInvalidInput,
                "input '{}' names variable '{}', which the program does not declare", slot, name);
  return *var;
}

const graph::Var& MapContext::OutputVar(const graph::Op& op, std::string_view slot,
                                        size_t i) const {
  const std::string& name = op.Output(slot, i);
  const graph::Var* var = FindVar(op, name);
  PD2ONNX_CHECK(var != nullptr, ErrorKind::kInvalidInput,
                "output '{}' names variable '{}', which the program does not declare", slot, name);
  return *var;
}

const ConstTensor* MapContext::ConstantInput(const graph::Op& op, std::string_view slot,
                                             size_t i) const {
  const auto& args = op.Inputs(slot);
  if (i >= args.size()) return nullptr;
  auto it = current_.find(args[i]);
  return it == current_.end() ? nullptr : ConstantOf(it->second);
}

const ConstTensor* MapContext::ConstantOf(const std::string& tensor) const {
  auto it = constants_.find(Resolved(tensor));
  return it == constants_.end() ? nullptr : &it->second;
}

// ---- ONNX side --------------------------------------------------------------

std::vector<std::string> MapContext::NodeN(std::string_view op_type,
                                           const std::vector<std::string>& inputs,
                                           size_t num_outputs, const std::vector<NodeAttr>& attrs) {
  onnx::NodeProto node;
  node.set_op_type(std::string(op_type));
  for (const std::string& input : inputs) {
    const std::string& name = input.empty() ? input : Resolved(input);
    node.add_input(name);
    if (!name.empty()) ++uses_[name];
  }
  std::vector<std::string> outputs;
  for (size_t k = 0; k < num_outputs; ++k) {
    outputs.push_back(FreshName(op_type));
    node.add_output(outputs.back());
    producer_[outputs.back()] = {model_.nodes.size(), static_cast<int>(k)};
  }
  node.set_name(outputs.empty() ? FreshName(op_type) : outputs.front());
  for (const NodeAttr& attr : attrs) *node.add_attribute() = attr.proto;
  model_.nodes.push_back(std::move(node));
  return outputs;
}

std::string MapContext::Node(std::string_view op_type, const std::vector<std::string>& inputs,
                             const std::vector<NodeAttr>& attrs) {
  return NodeN(op_type, inputs, 1, attrs).front();
}

std::string MapContext::Constant(const ConstTensor& value) {
  constexpr size_t kDedupBytes = 256;
  std::string key;
  if (value.nbytes() <= kDedupBytes) {
    key =
        fmt::format("{}|{}|", static_cast<int>(value.dtype()), graph::ShapeToString(value.dims()));
    key.append(reinterpret_cast<const char*>(value.data()), value.nbytes());
    if (auto it = const_cache_.find(key); it != const_cache_.end()) return it->second;
  }
  const std::string name = FreshName("const");
  model_.initializers.push_back({name, value});
  constants_[name] = value;
  if (!key.empty()) const_cache_[key] = name;
  return name;
}

std::string MapContext::ConstI64(const std::vector<int64_t>& values) {
  return Constant(
      ConstTensor::FromValues(DataType::kInt64, {static_cast<int64_t>(values.size())}, values));
}

std::string MapContext::ConstF32(const std::vector<float>& values, std::vector<int64_t> dims) {
  return Constant(ConstTensor::FromValues(DataType::kFloat32, std::move(dims), values));
}

namespace {

template <typename T>
std::vector<std::byte> BytesOf(T value) {
  std::vector<std::byte> bytes(sizeof(T));
  std::memcpy(bytes.data(), &value, sizeof(T));
  return bytes;
}

std::vector<std::byte> ScalarBytes(DataType dtype, double value) {
  switch (dtype) {
    case DataType::kFloat32:
      return BytesOf(static_cast<float>(value));
    case DataType::kFloat64:
      return BytesOf(value);
    case DataType::kFloat16:
      return BytesOf(graph::FloatToHalf(static_cast<float>(value)));
    case DataType::kInt64:
      return BytesOf(static_cast<int64_t>(value));
    case DataType::kInt32:
      return BytesOf(static_cast<int32_t>(value));
    case DataType::kInt16:
      return BytesOf(static_cast<int16_t>(value));
    case DataType::kInt8:
      return BytesOf(static_cast<int8_t>(value));
    case DataType::kUInt8:
      return BytesOf(static_cast<uint8_t>(value));
    case DataType::kBool:
      return BytesOf(static_cast<uint8_t>(value != 0));
    default:
      Fail(ErrorKind::kUnsupported, "cannot make a {} constant", graph::DataTypeName(dtype));
  }
}

}  // namespace

std::string MapContext::ScalarOf(DataType dtype, double value) {
  return Constant(ConstTensor::FromBytes(dtype, {}, ScalarBytes(dtype, value)));
}

std::string MapContext::Cast(const std::string& x, DataType to) {
  return Node("Cast", {x}, {{"to", emit::OnnxDataType(to)}});
}

std::string MapContext::Reshape(const std::string& x, const std::vector<int64_t>& shape) {
  return Node("Reshape", {x, ConstI64(shape)});
}

std::string MapContext::Transpose(const std::string& x, const std::vector<int64_t>& perm) {
  return Node("Transpose", {x}, {{"perm", perm}});
}

std::string MapContext::Unsqueeze(const std::string& x, const std::vector<int64_t>& axes) {
  // Unsqueeze-13 takes axes as an input instead of an attribute.
  if (opset_ >= 13) return Node("Unsqueeze", {x, ConstI64(axes)});
  return Node("Unsqueeze", {x}, {{"axes", axes}});
}

std::string MapContext::Squeeze(const std::string& x, const std::vector<int64_t>& axes) {
  // Squeeze-13 takes axes as an input instead of an attribute.
  if (opset_ >= 13) {
    return axes.empty() ? Node("Squeeze", {x}) : Node("Squeeze", {x, ConstI64(axes)});
  }
  return axes.empty() ? Node("Squeeze", {x}) : Node("Squeeze", {x}, {{"axes", axes}});
}

std::string MapContext::Slice(const std::string& x, const std::vector<int64_t>& starts,
                              const std::vector<int64_t>& ends, const std::vector<int64_t>& axes,
                              const std::vector<int64_t>& steps) {
  // Slice-10 moved starts/ends/axes to inputs and added steps.
  if (opset_ >= 10) {
    std::vector<std::string> inputs = {x, ConstI64(starts), ConstI64(ends), ConstI64(axes)};
    if (!steps.empty()) inputs.push_back(ConstI64(steps));
    return Node("Slice", inputs);
  }
  for (int64_t step : steps) {
    PD2ONNX_CHECK(step == 1, ErrorKind::kUnsupported, "a slice with step {} needs opset 10", step);
  }
  // Slice-1 clamps like later versions, but its attributes are int64 too.
  return Node("Slice", {x}, {{"starts", starts}, {"ends", ends}, {"axes", axes}});
}

std::string MapContext::Reduce(std::string_view reduce_op, const std::string& x,
                               const std::vector<int64_t>& axes, bool keepdims) {
  // ReduceSum-13 and the other Reduce*-18 take axes as an input.
  const bool axes_as_input = opset_ >= (reduce_op == "ReduceSum" ? 13 : 18);
  const NodeAttr keep{"keepdims", keepdims ? 1 : 0};
  if (axes_as_input) {
    return axes.empty() ? Node(reduce_op, {x}, {keep})
                        : Node(reduce_op, {x, ConstI64(axes)}, {keep});
  }
  return axes.empty() ? Node(reduce_op, {x}, {keep}) : Node(reduce_op, {x}, {{"axes", axes}, keep});
}

namespace {

// max(x, bound) (lower) or min(x, bound) for a float64 x before Max-8 /
// Min-8 (ONNX Runtime's Max-6 and Min-6 are float only): ReduceMax or
// ReduceMin over x flattened and stacked with the bound tiled to its size.
std::string Float64BoundBefore8(MapContext& cx, const std::string& x, double bound, bool lower) {
  const std::string flat = cx.Reshape(x, {1, -1});
  const std::string count = cx.Slice(cx.Shape(flat), {1}, {2}, {0});
  const std::string repeats = cx.Node("Concat", {cx.ConstI64({1}), count}, {{"axis", int64_t{0}}});
  const std::string one =
      cx.Constant(ConstTensor::FromBytes(DataType::kFloat64, {1, 1}, BytesOf(bound)));
  const std::string tiled = cx.Node("Tile", {one, repeats});
  const std::string both = cx.Node("Concat", {flat, tiled}, {{"axis", int64_t{0}}});
  const std::string bounded = cx.Reduce(lower ? "ReduceMax" : "ReduceMin", both, {0}, false);
  return cx.Node("Reshape", {bounded, cx.Shape(x)});
}

}  // namespace

std::string MapContext::Clip(const std::string& x, std::optional<float> lo, std::optional<float> hi,
                             DataType dtype) {
  // ONNX Runtime runs Clip-6 and Clip-11 on float only (Clip-12 on every
  // numeric type); float64 is bounded exactly with Max/Min-8 or, before
  // them, a reduction.
  if (dtype == DataType::kFloat64 && opset_ < 12) {
    std::string y = x;
    if (lo)
      y = opset_ >= 8 ? Node("Max", {y, ScalarOf(dtype, *lo)})
                      : Float64BoundBefore8(*this, y, *lo, true);
    if (hi)
      y = opset_ >= 8 ? Node("Min", {y, ScalarOf(dtype, *hi)})
                      : Float64BoundBefore8(*this, y, *hi, false);
    return y == x ? Node("Identity", {x}) : y;
  }
  // Clip-11 takes min/max as optional inputs of the tensor's type.
  if (opset_ >= 11) {
    std::vector<std::string> inputs = {x, lo ? ScalarOf(dtype, *lo) : std::string(),
                                       hi ? ScalarOf(dtype, *hi) : std::string()};
    while (inputs.back().empty()) inputs.pop_back();
    return Node("Clip", inputs);
  }
  std::vector<NodeAttr> attrs;
  if (lo) attrs.emplace_back("min", *lo);
  if (hi) attrs.emplace_back("max", *hi);
  return Node("Clip", {x}, attrs);
}

std::vector<std::string> MapContext::Split(const std::string& x, int64_t axis,
                                           const std::vector<int64_t>& sizes) {
  // Split-13 takes the sizes as an input instead of an attribute.
  if (opset_ >= 13) return NodeN("Split", {x, ConstI64(sizes)}, sizes.size(), {{"axis", axis}});
  return NodeN("Split", {x}, sizes.size(), {{"axis", axis}, {"split", sizes}});
}

std::string MapContext::Shape(const std::string& x) { return Node("Shape", {x}); }

// ---- Binding outputs --------------------------------------------------------

void MapContext::Bind(const graph::Op& op, std::string_view slot, const std::string& tensor,
                      size_t i) {
  const std::string& var = op.Output(slot, i);
  const std::string source = Resolved(tensor);
  const std::string name = NameForWrite(op, var);
  auto producer = producer_.find(source);
  const bool fresh_result = producer != producer_.end() &&
                            producer->second.first >= first_node_of_op_ && uses_[source] == 0 &&
                            !renamed_.count(source) && !constants_.count(source);
  if (fresh_result) {
    // Rename the producing node's output to the Paddle variable's name.
    auto [node_index, output_index] = producer->second;
    onnx::NodeProto& node = model_.nodes[node_index];
    node.set_output(output_index, name);
    if (node.name() == source) node.set_name(name);
    producer_.erase(producer);
    producer_[name] = {node_index, output_index};
    renamed_[source] = name;  // `source` stays reserved so the mapping cannot go stale
  } else {
    onnx::NodeProto node;
    node.set_op_type("Identity");
    node.add_input(source);
    node.add_output(name);
    node.set_name(name);
    ++uses_[source];
    producer_[name] = {model_.nodes.size(), 0};
    model_.nodes.push_back(std::move(node));
  }
  current_[var] = name;
  if (auto it = constants_.find(source); it != constants_.end()) constants_[name] = it->second;
  bound_.emplace_back(name, FindVar(op, var));
}

void MapContext::BindConstant(const graph::Op& op, std::string_view slot, const ConstTensor& value,
                              size_t i) {
  const std::string& var = op.Output(slot, i);
  if (model_outputs_.count(var)) {  // a graph output must come from a node
    Bind(op, slot, Constant(value), i);
    return;
  }
  const std::string name = NameForWrite(op, var);
  model_.initializers.push_back({name, value});
  constants_[name] = value;
  current_[var] = name;
  bound_.emplace_back(name, FindVar(op, var));
}

// ---- Driver interface -------------------------------------------------------

void MapContext::BeginOp(const graph::Op& op) {
  first_node_of_op_ = model_.nodes.size();
  op_key_ = OpKey(op);
  op_hint_ = op.FirstOutputVar();
  if (op_hint_.empty()) op_hint_ = op.type;
}

void MapContext::EndOp(const graph::Op&) {
  op_hint_.clear();
  op_key_ = -1;
}

void MapContext::DefineInput(const std::string& var, const std::string& tensor) {
  taken_.insert(tensor);
  current_[var] = tensor;
}

void MapContext::DefineParam(const std::string& var, const ConstTensor& value) {
  taken_.insert(var);
  current_[var] = var;
  constants_[var] = value;
  model_.initializers.push_back({var, value});
}

std::optional<std::string> MapContext::TensorOf(const std::string& var) const {
  auto it = current_.find(var);
  if (it == current_.end()) return std::nullopt;
  return it->second;
}

void MapContext::SetModelOutputs(const std::vector<std::string>& vars) {
  model_outputs_.insert(vars.begin(), vars.end());
}

void MapContext::SetLastWriter(const std::string& var, const graph::Op& op) {
  last_writer_[var] = OpKey(op);
}

// ---- Sub-graphs -------------------------------------------------------------

onnx::TypeProto MapContext::TensorType(DataType dtype, const std::vector<int64_t>* dims) {
  onnx::TypeProto type;
  auto* tensor = type.mutable_tensor_type();
  tensor->set_elem_type(emit::OnnxDataType(dtype));
  if (dims != nullptr) {
    auto* shape = tensor->mutable_shape();
    for (int64_t d : *dims) {
      auto* dim = shape->add_dim();
      if (d >= 0) dim->set_dim_value(d);
    }
  }
  return type;
}

onnx::TypeProto MapContext::TypeOfVar(const graph::Var& var) {
  PD2ONNX_CHECK(var.dtype != DataType::kUndefined, ErrorKind::kInvalidInput,
                "variable '{}' has no data type", var.name);
  if (var.kind != graph::VarKind::kTensorArray) return TensorType(var.dtype);
  onnx::TypeProto type;
  *type.mutable_sequence_type()->mutable_elem_type() = TensorType(var.dtype);
  return type;
}

void MapContext::BeginSubgraph() {
  SubgraphFrame frame;
  frame.outer_nodes.swap(model_.nodes);
  frame.outer_producer.swap(producer_);
  frame.outer_current = current_;
  frame.first_node_of_op = first_node_of_op_;
  frame.op_key = op_key_;
  frame.op_hint = op_hint_;
  subgraphs_.push_back(std::move(frame));
  first_node_of_op_ = 0;
}

std::string MapContext::SubgraphInput(std::string_view hint, const onnx::TypeProto& type) {
  PD2ONNX_CHECK(!subgraphs_.empty(), ErrorKind::kInternal, "SubgraphInput outside a sub-graph");
  onnx::ValueInfoProto input;
  input.set_name(FreshName(hint));
  *input.mutable_type() = type;
  subgraphs_.back().inputs.push_back(input);
  return input.name();
}

void MapContext::SetVarTensor(const std::string& var, const std::string& tensor) {
  current_[var] = Resolved(tensor);
}

void MapContext::MapBlock(int block_idx) {
  PD2ONNX_CHECK(map_op_ != nullptr, ErrorKind::kInternal, "no op mapper for sub-blocks");
  PD2ONNX_CHECK(block_idx > 0 && static_cast<size_t>(block_idx) < program_.blocks.size(),
                ErrorKind::kInvalidInput, "sub-block {} does not exist", block_idx);
  // The op being mapped (the control-flow op) resumes after its block.
  const size_t first_node = first_node_of_op_;
  const int64_t key = op_key_;
  const std::string hint = op_hint_;
  for (const graph::Op& op : program_.blocks[block_idx].ops) map_op_(*this, op);
  first_node_of_op_ = first_node;
  op_key_ = key;
  op_hint_ = hint;
}

onnx::GraphProto MapContext::EndSubgraph(
    std::string_view name, const std::vector<std::pair<std::string, onnx::TypeProto>>& outputs) {
  PD2ONNX_CHECK(!subgraphs_.empty(), ErrorKind::kInternal, "EndSubgraph without BeginSubgraph");
  onnx::GraphProto graph;
  graph.set_name(FreshName(name));
  std::unordered_set<std::string> listed;
  for (const auto& [tensor, type] : outputs) {
    // A node result of this graph is output as is; inputs, outer values and
    // repeated outputs get a fresh copy (a graph output must be produced by
    // a node of the graph).
    std::string out = Resolved(tensor);
    if (!producer_.count(out) || listed.count(out)) {
      PD2ONNX_CHECK(!type.has_sequence_type() || opset_ >= 14, ErrorKind::kUnsupported,
                    "passing a tensor array through a block unchanged needs opset 14 "
                    "(Identity-14 copies sequences)");
      out = Node("Identity", {tensor});
    }
    listed.insert(out);
    onnx::ValueInfoProto info;
    info.set_name(out);
    *info.mutable_type() = type;
    *graph.add_output() = std::move(info);
  }
  SubgraphFrame& frame = subgraphs_.back();
  for (auto& input : frame.inputs) *graph.add_input() = std::move(input);
  for (auto& node : model_.nodes) *graph.add_node() = std::move(node);
  model_.nodes.swap(frame.outer_nodes);
  producer_.swap(frame.outer_producer);
  current_.swap(frame.outer_current);
  first_node_of_op_ = frame.first_node_of_op;
  op_key_ = frame.op_key;
  op_hint_ = frame.op_hint;
  subgraphs_.pop_back();
  return graph;
}

}  // namespace pd2onnx::mappers

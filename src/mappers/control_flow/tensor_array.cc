// Paddle tensor arrays (LOD_TENSOR_ARRAY) as ONNX sequences: write_to_array,
// read_from_array, lod_array_length and tensor_array_to_tensor. An array
// variable's current value is a sequence tensor.
#include "mappers/control_flow/control_flow.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// Sequence ops exist from opset 11, but a sequence can only be an If output
// or a Loop-carried value from opset 13; writes and loops need those.
OpsetNeed SequenceWriteOpset(const graph::Op&) {
  return {13, "tensor arrays (sequences as If/Loop values, If-13/Loop-13)"};
}
OpsetNeed SequenceReadOpset(const graph::Op&) { return {11, "sequence ops (opset 11)"}; }

std::string Scalar(MapContext& cx, const std::string& tensor) {
  return cx.Reshape(cx.Cast(tensor, DataType::kInt64), {});
}

std::string BranchOf(MapContext& cx, std::string_view name, const std::string& value,
                     const onnx::TypeProto& type, onnx::GraphProto* graph) {
  *graph = cx.EndSubgraph(name, {{value, type}});
  return value;
}

// write_to_array: Out[I] = X. Replacing an element (I < length) erases and
// re-inserts it; otherwise X is appended. Paddle pads an index past the end
// with empty tensors, which a sequence of one shape cannot hold: the index
// must not exceed the length (true for arrays filled in order).
void EmitWriteToArray(MapContext& cx, const graph::Op& op) {
  const graph::Var& array_var = cx.OutputVar(op, "Out");
  const std::string x = cx.Input(op, "X");
  const std::string index = Scalar(cx, cx.Input(op, "I"));
  std::string array;
  if (auto current = cx.TensorOf(op.Output("Out"))) {
    array = *current;
  } else {
    array = cx.Node("SequenceEmpty", {}, {{"dtype", emit::OnnxDataType(array_var.dtype)}});
  }
  const std::string inside = cx.Node("Less", {index, cx.Node("SequenceLength", {array})});
  const onnx::TypeProto type = MapContext::TypeOfVar(array_var);

  onnx::GraphProto replace;
  cx.BeginSubgraph();
  const std::string erased = cx.Node("SequenceErase", {array, index});
  BranchOf(cx, "replace", cx.Node("SequenceInsert", {erased, x, index}), type, &replace);
  onnx::GraphProto append;
  cx.BeginSubgraph();
  BranchOf(cx, "append", cx.Node("SequenceInsert", {array, x}), type, &append);

  cx.Bind(op, "Out",
          cx.Node("If", {inside},
                  {{"then_branch", std::move(replace)}, {"else_branch", std::move(append)}}));
}

// read_from_array: Out = X[I].
void EmitReadFromArray(MapContext& cx, const graph::Op& op) {
  const std::string index = Scalar(cx, cx.Input(op, "I"));
  cx.Bind(op, "Out", cx.Node("SequenceAt", {cx.Input(op, "X"), index}));
}

// lod_array_length: int64 [1].
void EmitLodArrayLength(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", cx.Reshape(cx.Node("SequenceLength", {cx.Input(op, "X")}), {1}));
}

// OutIndex: each element's extent along `axis`, as int32 — a Loop over the
// elements whose scan output is Shape(element)[axis].
std::string ExtentsAlong(MapContext& cx, const std::string& array, int64_t axis, int64_t rank) {
  const std::string length = cx.Node("SequenceLength", {array});
  cx.BeginSubgraph();
  const std::vector<int64_t> scalar;
  const std::string i = cx.SubgraphInput("i", MapContext::TensorType(DataType::kInt64, &scalar));
  const std::string cond =
      cx.SubgraphInput("cond", MapContext::TensorType(DataType::kBool, &scalar));
  const std::string element = cx.Node("SequenceAt", {array, i});
  const int64_t positive = axis < 0 ? axis + rank : axis;
  const std::string extent =
      cx.Node("Gather", {cx.Shape(element), cx.ConstI64({positive})}, {{"axis", 0}});
  onnx::GraphProto body =
      cx.EndSubgraph("extents", {{cond, MapContext::TensorType(DataType::kBool, &scalar)},
                                 {extent, MapContext::TensorType(DataType::kInt64)}});
  const std::string stacked = cx.Node("Loop", {length, ""}, {{"body", std::move(body)}});
  return cx.Cast(cx.Reshape(stacked, {-1}), DataType::kInt32);
}

// tensor_array_to_tensor: concatenation (or stack, use_stack) along axis.
void EmitTensorArrayToTensor(MapContext& cx, const graph::Op& op) {
  const std::string array = cx.Input(op, "X");
  const bool stack = op.Attr<bool>("use_stack", false);
  const int64_t axis = op.Attr<int64_t>("axis", 0);
  cx.Bind(op, "Out",
          cx.Node("ConcatFromSequence", {array}, {{"axis", axis}, {"new_axis", stack ? 1 : 0}}));
  if (!op.HasOutput("OutIndex")) return;
  if (stack) {
    const std::string length = cx.Reshape(cx.Node("SequenceLength", {array}), {1});
    const std::string ones = cx.Node("Expand", {cx.ScalarOf(DataType::kInt32, 1), length});
    cx.Bind(op, "OutIndex", ones);
    return;
  }
  const int64_t rank = static_cast<int64_t>(cx.InputVar(op, "X").shape.size());
  PD2ONNX_CHECK(axis >= 0 || rank > 0, ErrorKind::kUnsupported,
                "tensor_array_to_tensor: negative axis {} needs the element rank", axis);
  cx.Bind(op, "OutIndex", ExtentsAlong(cx, array, axis, rank));
}

}  // namespace

void RegisterTensorArray(Registry& r) {
  r.Add("array_to_tensor", SequenceReadOpset, {{11, EmitTensorArrayToTensor}});
  r.Add("lod_array_length", SequenceReadOpset, {{11, EmitLodArrayLength}});
  r.Add("read_from_array", SequenceReadOpset, {{11, EmitReadFromArray}});
  r.Add("tensor_array_to_tensor", SequenceReadOpset, {{11, EmitTensorArrayToTensor}});
  r.Add("write_to_array", SequenceWriteOpset, {{13, EmitWriteToArray}});
}

}  // namespace pd2onnx::mappers

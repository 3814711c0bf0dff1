// Scatter ops.
// scatter: Ids (1-D or [N, 1]) pick rows of X. overwrite (default true):
//   rows replaced by Updates (ScatterND-11); overwrite=false: picked rows
//   zeroed, then every Updates row added (ScatterND-16 reduction add, so a
//   repeated id accumulates).
// scatter_nd_add: X + Updates scattered at Index [..., k] (ScatterND-16
//   reduction add).
// put_along_axis: Input with Value written at Index along Axis
//   (ScatterElements-11); Reduce "add" / "mul" ("multiply") accumulate
//   (ScatterElements-16). Value is broadcast to Index's shape.
#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

OpsetNeed ScatterMinOpset(const graph::Op& op) {
  if (!op.Attr<bool>("overwrite", true)) {
    return {16, "overwrite=false (ScatterND-16 reduction add)"};
  }
  return {11, "ScatterND-11"};
}

std::string ZerosLike(MapContext& cx, const std::string& x, DataType dtype) {
  return cx.Node("ConstantOfShape", {cx.Shape(x)}, {{"value", OneElementProto(dtype, int64_t{0})}});
}

void EmitScatter11(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.InputVar(op, "X").dtype;
  const std::string ids = cx.Reshape(
      CastIfNeeded(cx, cx.Input(op, "Ids"), cx.InputVar(op, "Ids").dtype, DataType::kInt64),
      {-1, 1});
  const std::string updates = cx.Input(op, "Updates");
  std::string x = cx.Input(op, "X");
  if (op.Attr<bool>("overwrite", true)) {
    cx.Bind(op, "Out", cx.Node("ScatterND", {x, ids, updates}));
    return;
  }
  x = cx.Node("ScatterND", {x, ids, ZerosLike(cx, updates, dtype)});
  cx.Bind(op, "Out",
          ReducingScatter(cx, "ScatterND", dtype, x, ids, updates, {{"reduction", "add"}}));
}

OpsetNeed ScatterNdAddMinOpset(const graph::Op&) {
  return {16, "accumulation (ScatterND-16 reduction add)"};
}

void EmitScatterNdAdd16(MapContext& cx, const graph::Op& op) {
  const std::string index =
      CastIfNeeded(cx, cx.Input(op, "Index"), cx.InputVar(op, "Index").dtype, DataType::kInt64);
  cx.Bind(op, "Out",
          ReducingScatter(cx, "ScatterND", cx.InputVar(op, "X").dtype, cx.Input(op, "X"), index,
                          cx.Input(op, "Updates"), {{"reduction", "add"}}));
}

std::string Reduction(const graph::Op& op) {
  const std::string reduce = op.Attr<std::string>("Reduce", "assign");
  if (reduce == "assign") return "none";
  if (reduce == "add") return "add";
  if (reduce == "mul" || reduce == "multiply") return "mul";
  Fail(ErrorKind::kUnsupported, "Reduce '{}' is not supported", reduce);
}

OpsetNeed PutAlongAxisMinOpset(const graph::Op& op) {
  if (Reduction(op) != "none") return {16, "Reduce add/mul (ScatterElements-16 reduction)"};
  return {11, "ScatterElements-11"};
}

void EmitPutAlongAxis11(MapContext& cx, const graph::Op& op) {
  PD2ONNX_CHECK(op.Attr<bool>("include_self", true), ErrorKind::kUnsupported,
                "include_self=false is not supported");
  const graph::Var& in = cx.InputVar(op, "Input");
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("Axis", 0), RankOf(in), "Axis");
  const std::string index = cx.Input(op, "Index");
  std::string value =
      CastIfNeeded(cx, cx.Input(op, "Value"), cx.InputVar(op, "Value").dtype, in.dtype);
  const graph::Var& index_var = cx.InputVar(op, "Index");
  if (cx.InputVar(op, "Value").shape != index_var.shape || !IsFullyKnown(index_var.shape)) {
    value = cx.Node("Expand", {value, cx.Shape(index)});
  }
  const std::string reduction = Reduction(op);
  if (reduction == "none") {
    cx.Bind(op, "Result",
            cx.Node("ScatterElements", {cx.Input(op, "Input"), index, value}, {{"axis", axis}}));
    return;
  }
  cx.Bind(op, "Result",
          ReducingScatter(cx, "ScatterElements", in.dtype, cx.Input(op, "Input"), index, value,
                          {{"axis", axis}, {"reduction", reduction}}));
}

}  // namespace

std::string ReducingScatter(MapContext& cx, std::string_view op_type, DataType dtype,
                            const std::string& data, const std::string& index,
                            const std::string& updates, std::vector<NodeAttr> attrs) {
  const DataType work = dtype == DataType::kFloat16 ? DataType::kFloat32 : dtype;
  const std::string out = cx.Node(
      op_type, {CastIfNeeded(cx, data, dtype, work), index, CastIfNeeded(cx, updates, dtype, work)},
      std::move(attrs));
  return CastIfNeeded(cx, out, work, dtype);
}

void RegisterScatter(Registry& r) {
  r.Add("put_along_axis", PutAlongAxisMinOpset, {{11, EmitPutAlongAxis11}});
  r.Add("scatter", ScatterMinOpset, {{11, EmitScatter11}});
  r.Add("scatter_nd_add", ScatterNdAddMinOpset, {{16, EmitScatterNdAdd16}});
}

}  // namespace pd2onnx::mappers

// expand_v2: broadcast X to a target shape from `Shape` (1-D tensor) >
// `expand_shapes_tensor` (1-element tensors) > the `shape` attribute. A -1
// entry keeps X's extent: in ONNX Expand a 1 does that, since Expand
// broadcasts both ways.
// expand_as_v2: X broadcast to Y's run-time shape, or to `target_shape`
// (-1 keeps X's extent) without Y.
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed MinOpset(const graph::Op&) { return {8, "Expand-8"}; }

IntList TargetShape(MapContext& cx, const graph::Op& op) {
  if (auto tensor = IntListFromTensor(cx, op, "Shape")) return *tensor;
  if (auto list = IntListFromTensorList(cx, op, "expand_shapes_tensor")) return *list;
  return IntList{op.Attr<std::vector<int64_t>>("shape"), ""};
}

void Emit8(MapContext& cx, const graph::Op& op) {
  IntList shape = TargetShape(cx, op);
  std::string target;
  if (shape.known()) {
    for (int64_t& d : *shape.values) d = d == -1 ? 1 : d;
    target = cx.ConstI64(*shape.values);
  } else {
    target = cx.Node("Abs", {shape.tensor});  // -1 → 1; extents are otherwise >= 0
  }
  cx.Bind(op, "Out", cx.Node("Expand", {cx.Input(op, "X"), target}));
}

void EmitExpandAs8(MapContext& cx, const graph::Op& op) {
  std::string target;
  if (op.HasInput("Y")) {
    const graph::Var& y = cx.InputVar(op, "Y");
    target = IsFullyKnown(y.shape) ? cx.ConstI64(y.shape) : cx.Shape(cx.Input(op, "Y"));
  } else {
    std::vector<int64_t> shape = op.Attr<std::vector<int64_t>>("target_shape");
    for (int64_t& d : shape) d = d == -1 ? 1 : d;
    target = cx.ConstI64(shape);
  }
  cx.Bind(op, "Out", cx.Node("Expand", {cx.Input(op, "X"), target}));
}

}  // namespace

void RegisterExpand(Registry& r) {
  r.Add("expand_as_v2", MinOpset, {{8, EmitExpandAs8}});
  r.Add("expand_v2", MinOpset, {{8, Emit8}});
}

}  // namespace pd2onnx::mappers

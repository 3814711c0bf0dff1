// reshape2 / reshape: the target comes from `ShapeTensor` (1-element
// tensors) if given, else `Shape` (one 1-D tensor), else the `shape`
// attribute. Paddle's 0 (copy the input dim) and -1 (infer) mean the same
// in ONNX Reshape, so the list passes through unchanged.
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"

namespace pd2onnx::mappers {
namespace {

IntList TargetShape(MapContext& cx, const graph::Op& op) {
  if (auto list = IntListFromTensorList(cx, op, "ShapeTensor")) return *list;
  if (auto tensor = IntListFromTensor(cx, op, "Shape")) return *tensor;
  return IntList{op.Attr<std::vector<int64_t>>("shape"), ""};
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const IntList shape = TargetShape(cx, op);
  const std::string x = cx.Input(op, "X");
  if (shape.known()) {
    cx.Bind(op, "Out", cx.Reshape(x, *shape.values));
  } else {
    cx.Bind(op, "Out", cx.Node("Reshape", {x, shape.tensor}));
  }
}

}  // namespace

void RegisterReshape(Registry& r) {
  r.Add("reshape", AnyOpset, {{7, Emit7}});
  r.Add("reshape2", AnyOpset, {{7, Emit7}});
}

}  // namespace pd2onnx::mappers

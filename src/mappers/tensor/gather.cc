// gather: X indexed along `axis` (a constant `Axis` input overrides it) by
// a 1-D or 0-D Index, as ONNX Gather. 1.x programs also pass [N, 1]
// indices, meaning the same as [N].
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

int64_t GatherAxis(MapContext& cx, const graph::Op& op, int64_t rank) {
  int64_t axis = op.Attr<int64_t>("axis", 0);
  if (op.HasInput("Axis")) {
    const graph::ConstTensor* value = cx.ConstantInput(op, "Axis");
    PD2ONNX_CHECK(value != nullptr, ErrorKind::kUnsupported,
                  "Axis known only at run time is not supported (ONNX Gather needs a "
                  "constant axis)");
    axis = value->ToInt64().at(0);
  }
  return NormalizeAxis(axis, rank, "axis");
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t axis = GatherAxis(cx, op, RankOf(cx.InputVar(op, "X")));
  const std::vector<int64_t>& index_shape = cx.InputVar(op, "Index").shape;
  std::string index = cx.Input(op, "Index");
  if (index_shape.size() == 2 && index_shape[1] == 1) index = cx.Reshape(index, {-1});
  cx.Bind(op, "Out", cx.Node("Gather", {cx.Input(op, "X"), index}, {{"axis", axis}}));
}

}  // namespace

void RegisterGather(Registry& r) { r.Add("gather", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

// concat: `axis` (negative counts from the end), overridden by a constant
// `AxisTensor`.
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

int64_t ConcatAxis(MapContext& cx, const graph::Op& op) {
  if (!op.HasInput("AxisTensor")) return op.Attr<int64_t>("axis", 0);
  const graph::ConstTensor* axis = cx.ConstantInput(op, "AxisTensor");
  PD2ONNX_CHECK(axis != nullptr, ErrorKind::kUnsupported,
                "AxisTensor known only at run time is not supported (ONNX Concat needs a "
                "constant axis)");
  return axis->ToInt64().at(0);
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  // Concat-4 wants a non-negative axis (negative only from Concat-11).
  const int64_t axis = NormalizeAxis(ConcatAxis(cx, op), rank, "axis");
  cx.Bind(op, "Out", cx.Node("Concat", cx.Inputs(op, "X"), {{"axis", axis}}));
}

}  // namespace

void RegisterConcat(Registry& r) { r.Add("concat", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

// where(Condition, X, Y): X where Condition is true, else Y, with NumPy
// broadcasting (ONNX Where-9).
#include "mappers/logic/logic.h"
#include "mappers/map_context.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed MinOpset(const graph::Op& op) { return {9, op.type + " (Where-9)"}; }

void Emit9(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out",
          cx.Node("Where", {cx.Input(op, "Condition"), cx.Input(op, "X"), cx.Input(op, "Y")}));
}

}  // namespace

void RegisterWhere(Registry& r) { r.Add("where", MinOpset, {{9, Emit9}}); }

}  // namespace pd2onnx::mappers

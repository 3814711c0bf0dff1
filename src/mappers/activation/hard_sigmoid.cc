// hard_sigmoid: max(0, min(1, slope·x + offset)), which is ONNX HardSigmoid
// with alpha = slope and beta = offset.
#include "mappers/activation/activation.h"
#include "mappers/map_context.h"

namespace pd2onnx::mappers {
namespace {

void Emit7(MapContext& cx, const graph::Op& op) {
  const float slope = op.Attr<float>("slope", 0.2f);
  const float offset = op.Attr<float>("offset", 0.5f);
  cx.Bind(op, "Out",
          cx.Node("HardSigmoid", {cx.Input(op, "X")}, {{"alpha", slope}, {"beta", offset}}));
}

}  // namespace

void RegisterHardSigmoid(Registry& r) { r.Add("hard_sigmoid", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

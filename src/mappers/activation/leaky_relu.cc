#include "mappers/activation/activation.h"
#include "mappers/map_context.h"

namespace pd2onnx::mappers {
namespace {

void Emit7(MapContext& cx, const graph::Op& op) {
  const float alpha = op.Attr<float>("alpha", 0.02f);
  cx.Bind(op, "Out", cx.Node("LeakyRelu", {cx.Input(op, "X")}, {{"alpha", alpha}}));
}

}  // namespace

void RegisterLeakyRelu(Registry& r) { r.Add("leaky_relu", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

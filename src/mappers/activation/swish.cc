// swish: x · sigmoid(beta·x); silu: x · sigmoid(x). ONNX 7..21 has no
// single op for either.
#include "mappers/activation/activation.h"
#include "mappers/map_context.h"

namespace pd2onnx::mappers {
namespace {

std::string TimesSigmoid(MapContext& cx, const std::string& x, const std::string& sigmoid_arg) {
  return cx.Node("Mul", {x, cx.Node("Sigmoid", {sigmoid_arg})});
}

void EmitSwish7(MapContext& cx, const graph::Op& op) {
  const float beta = op.Attr<float>("beta", 1.0f);
  const std::string x = cx.Input(op, "X");
  std::string scaled = x;
  if (beta != 1.0f) {
    scaled = cx.Node("Mul", {x, cx.ScalarOf(cx.InputVar(op, "X").dtype, beta)});
  }
  cx.Bind(op, "Out", TimesSigmoid(cx, x, scaled));
}

void EmitSilu7(MapContext& cx, const graph::Op& op) {
  const std::string x = cx.Input(op, "X");
  cx.Bind(op, "Out", TimesSigmoid(cx, x, x));
}

}  // namespace

void RegisterSwish(Registry& r) {
  r.Add("silu", AnyOpset, {{7, EmitSilu7}});
  r.Add("swish", AnyOpset, {{7, EmitSwish7}});
}

}  // namespace pd2onnx::mappers

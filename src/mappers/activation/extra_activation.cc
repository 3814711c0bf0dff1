// stanh: scale_b · tanh(scale_a · x). soft_relu: log(1 + exp(x)) with x
// clipped to [−threshold, threshold]. rrelu (inference, is_test=true):
// negative inputs are scaled by the mean slope (lower + upper) / 2, which
// is LeakyRelu; training mode draws random slopes and is refused.
#include "mappers/activation/activation.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

void EmitStanh(MapContext& cx, const graph::Op& op) {
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  const std::string a = cx.ScalarOf(dtype, op.Attr<float>("scale_a", 0.67f));
  const std::string b = cx.ScalarOf(dtype, op.Attr<float>("scale_b", 1.7159f));
  const std::string inner = cx.Node("Tanh", {cx.Node("Mul", {cx.Input(op, "X"), a})});
  cx.Bind(op, "Out", cx.Node("Mul", {inner, b}));
}

void EmitRrelu(MapContext& cx, const graph::Op& op) {
  PD2ONNX_CHECK(op.Attr<bool>("is_test", false), ErrorKind::kUnsupported,
                "rrelu: is_test=false (training mode, random slopes) is not supported");
  const double mid = (static_cast<double>(op.Attr<float>("lower", 1.0f / 8)) +
                      static_cast<double>(op.Attr<float>("upper", 1.0f / 3))) /
                     2;
  cx.Bind(op, "Out", cx.Node("LeakyRelu", {cx.Input(op, "X")}, {{"alpha", mid}}));
}

void EmitSoftRelu(MapContext& cx, const graph::Op& op) {
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  const float t = op.Attr<float>("threshold", 40.0f);
  const std::string clipped = cx.Clip(cx.Input(op, "X"), -t, t, dtype);
  cx.Bind(op, "Out",
          cx.Node("Log", {cx.Node("Add", {cx.ScalarOf(dtype, 1.0), cx.Node("Exp", {clipped})})}));
}

}  // namespace

void RegisterExtraActivations(Registry& r) {
  r.Add("stanh", AnyOpset, {{7, EmitStanh}});
  r.Add("rrelu", AnyOpset, {{7, EmitRrelu}});
  r.Add("soft_relu", AnyOpset, {{7, EmitSoftRelu}});
}

}  // namespace pd2onnx::mappers

// elementwise_{add,sub,mul,div,max,min,pow}: one ONNX node after aligning
// the operands for Paddle's `axis` rule. Integer division truncates toward
// zero in both Paddle and ONNX Div.
#include <array>
#include <string_view>
#include <utility>

#include "mappers/map_context.h"
#include "mappers/math/broadcast.h"
#include "mappers/math/math.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kBinaryOps = {{
    {"elementwise_add", "Add"},
    {"elementwise_div", "Div"},
    {"elementwise_max", "Max"},
    {"elementwise_min", "Min"},
    {"elementwise_mul", "Mul"},
    {"elementwise_pow", "Pow"},
    {"elementwise_sub", "Sub"},
}};

std::string_view OnnxTypeFor(std::string_view paddle_type) {
  for (const auto& [paddle, onnx] : kBinaryOps) {
    if (paddle == paddle_type) return onnx;
  }
  Fail(ErrorKind::kInternal, "no ONNX op listed for '{}'", paddle_type);
}

// Max-8 / Min-8 are the first versions that broadcast.
bool NeedsBroadcastingMaxMin(std::string_view paddle_type) {
  return paddle_type == "elementwise_max" || paddle_type == "elementwise_min";
}

OpsetNeed MinOpset(const graph::Op& op) {
  if (NeedsBroadcastingMaxMin(op.type)) return {8, op.type + " (Max/Min broadcast from opset 8)"};
  return {7, ""};
}

// Max, Min and Pow accept integer tensors only from opset 12.
bool IntegerOnlyFrom12(std::string_view onnx_type) {
  return onnx_type == "Max" || onnx_type == "Min" || onnx_type == "Pow";
}

void EmitBinary(MapContext& cx, const graph::Op& op, bool integers_native) {
  const std::string_view onnx_type = OnnxTypeFor(op.type);
  auto [x, y] = BroadcastOperands(cx, op);
  const DataType dtype = cx.InputVar(op, "X").dtype;
  if (integers_native || !graph::IsInteger(dtype) || !IntegerOnlyFrom12(onnx_type)) {
    cx.Bind(op, "Out", cx.Node(onnx_type, {x, y}));
    return;
  }
  // Before opset 12: compute in double (exact for |values| < 2^53) and cast
  // back, which truncates like Paddle's integer std::pow.
  const std::string wide =
      cx.Node(onnx_type, {cx.Cast(x, DataType::kFloat64), cx.Cast(y, DataType::kFloat64)});
  cx.Bind(op, "Out", cx.Cast(wide, dtype));
}

void Emit7(MapContext& cx, const graph::Op& op) { EmitBinary(cx, op, false); }
// Max-12, Min-12 and Pow-12 accept int32/int64.
void Emit12(MapContext& cx, const graph::Op& op) { EmitBinary(cx, op, true); }

}  // namespace

void RegisterElementwise(Registry& r) {
  for (const auto& [paddle, onnx] : kBinaryOps) {
    const int first = NeedsBroadcastingMaxMin(paddle) ? 8 : 7;
    r.Add(std::string(paddle), MinOpset, {{first, Emit7}, {12, Emit12}});
  }
}

}  // namespace pd2onnx::mappers

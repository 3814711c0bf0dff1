// logical_{and,or,xor,not}: non-bool operands count as x != 0; the result
// is bool. bitwise_{and,or,xor,not}: bool operands are the logical ops;
// integers need BitwiseAnd/Or/Xor (opset 18), except bitwise_not, which is
// -x - 1 in two's complement at every opset.
#include <string>
#include <string_view>

#include "mappers/logic/logic.h"
#include "mappers/map_context.h"
#include "mappers/math/broadcast.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

std::string OnnxLogical(std::string_view type) {
  const std::string_view name = type.substr(type.find('_') + 1);
  if (name == "and") return "And";
  if (name == "or") return "Or";
  if (name == "xor") return "Xor";
  Fail(ErrorKind::kInternal, "no ONNX op for '{}'", type);
}

std::string AsBool(MapContext& cx, const std::string& x, DataType dtype) {
  return dtype == DataType::kBool ? x : cx.Cast(x, DataType::kBool);
}

void EmitLogicalBinary(MapContext& cx, const graph::Op& op) {
  auto [x, y] = BroadcastOperands(cx, op);
  x = AsBool(cx, x, cx.InputVar(op, "X").dtype);
  y = AsBool(cx, y, cx.InputVar(op, "Y").dtype);
  cx.Bind(op, "Out", cx.Node(OnnxLogical(op.type), {x, y}));
}

void EmitLogicalNot(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", cx.Node("Not", {AsBool(cx, cx.Input(op, "X"), cx.InputVar(op, "X").dtype)}));
}

void EmitBitwiseBinary(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.InputVar(op, "X").dtype;
  auto [x, y] = BroadcastOperands(cx, op);
  if (dtype == DataType::kBool) return cx.Bind(op, "Out", cx.Node(OnnxLogical(op.type), {x, y}));
  if (cx.opset() < 18) {
    Fail(ErrorKind::kUnsupported,
         "{} of dtype {} needs opset 18 (BitwiseAnd/Or/Xor-18); the target is {}", op.type,
         graph::DataTypeName(dtype), cx.opset());
  }
  cx.Bind(op, "Out", cx.Node("Bitwise" + OnnxLogical(op.type), {x, y}));
}

void EmitBitwiseNot(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.InputVar(op, "X").dtype;
  const std::string x = cx.Input(op, "X");
  if (dtype == DataType::kBool) return cx.Bind(op, "Out", cx.Node("Not", {x}));
  PD2ONNX_CHECK(dtype == DataType::kInt8 || dtype == DataType::kInt16 ||
                    dtype == DataType::kInt32 || dtype == DataType::kInt64,
                ErrorKind::kUnsupported, "bitwise_not of dtype {} is not supported",
                graph::DataTypeName(dtype));
  // ~x = -x - 1 for signed two's-complement integers.
  cx.Bind(op, "Out", cx.Node("Sub", {cx.Node("Neg", {x}), cx.ScalarOf(dtype, 1.0)}));
}

}  // namespace

void RegisterLogical(Registry& r) {
  r.Add("bitwise_and", AnyOpset, {{7, EmitBitwiseBinary}});
  r.Add("bitwise_not", AnyOpset, {{7, EmitBitwiseNot}});
  r.Add("bitwise_or", AnyOpset, {{7, EmitBitwiseBinary}});
  r.Add("bitwise_xor", AnyOpset, {{7, EmitBitwiseBinary}});
  r.Add("logical_and", AnyOpset, {{7, EmitLogicalBinary}});
  r.Add("logical_not", AnyOpset, {{7, EmitLogicalNot}});
  r.Add("logical_or", AnyOpset, {{7, EmitLogicalBinary}});
  r.Add("logical_xor", AnyOpset, {{7, EmitLogicalBinary}});
}

}  // namespace pd2onnx::mappers

// equal, not_equal, greater_than, greater_equal, less_than, less_equal:
// bool results, with Paddle's legacy `axis` broadcasting.
//
// ONNX limits worked around: Equal takes floats from opset 11 (before:
// not (x < y or x > y)); Less/Greater take integers from opset 9 (before:
// compared in double, exact below 2^53); GreaterOrEqual/LessOrEqual are
// opset 12 (before: not (x < y) / not (x > y)). Bool operands of ordering
// comparisons are compared as int32.
#include <string>
#include <string_view>

#include "mappers/logic/logic.h"
#include "mappers/map_context.h"
#include "mappers/math/broadcast.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

bool IsFloat(DataType dtype) {
  return dtype == DataType::kFloat32 || dtype == DataType::kFloat64 || dtype == DataType::kFloat16;
}

// Operands ready for Less/Greater at this opset.
std::pair<std::string, std::string> OrderingOperands(MapContext& cx, const graph::Op& op) {
  auto [x, y] = BroadcastOperands(cx, op);
  const DataType dtype = cx.InputVar(op, "X").dtype;
  if (IsFloat(dtype)) return {x, y};
  const DataType work =
      cx.opset() >= 9 ? (dtype == DataType::kBool ? DataType::kInt32 : dtype) : DataType::kFloat64;
  if (work == dtype) return {x, y};
  return {cx.Cast(x, work), cx.Cast(y, work)};
}

std::string EqualOf(MapContext& cx, const graph::Op& op) {
  auto [x, y] = BroadcastOperands(cx, op);
  const DataType dtype = cx.InputVar(op, "X").dtype;
  if (!IsFloat(dtype) || cx.opset() >= 11) {
    if (!IsFloat(dtype) && dtype != DataType::kBool && dtype != DataType::kInt32 &&
        dtype != DataType::kInt64) {
      x = cx.Cast(x, DataType::kInt64);
      y = cx.Cast(y, DataType::kInt64);
    }
    return cx.Node("Equal", {x, y});
  }
  return cx.Node("Not", {cx.Node("Or", {cx.Node("Less", {x, y}), cx.Node("Greater", {x, y})})});
}

void EmitEqual(MapContext& cx, const graph::Op& op) { cx.Bind(op, "Out", EqualOf(cx, op)); }

void EmitNotEqual(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", cx.Node("Not", {EqualOf(cx, op)}));
}

void EmitGreaterThan(MapContext& cx, const graph::Op& op) {
  auto [x, y] = OrderingOperands(cx, op);
  cx.Bind(op, "Out", cx.Node("Greater", {x, y}));
}

void EmitLessThan(MapContext& cx, const graph::Op& op) {
  auto [x, y] = OrderingOperands(cx, op);
  cx.Bind(op, "Out", cx.Node("Less", {x, y}));
}

// Before opset 12: x >= y is not (x < y) (they differ only for NaN).
void EmitGreaterEqual7(MapContext& cx, const graph::Op& op) {
  auto [x, y] = OrderingOperands(cx, op);
  cx.Bind(op, "Out", cx.Node("Not", {cx.Node("Less", {x, y})}));
}

void EmitLessEqual7(MapContext& cx, const graph::Op& op) {
  auto [x, y] = OrderingOperands(cx, op);
  cx.Bind(op, "Out", cx.Node("Not", {cx.Node("Greater", {x, y})}));
}

void EmitGreaterEqual12(MapContext& cx, const graph::Op& op) {
  auto [x, y] = OrderingOperands(cx, op);
  cx.Bind(op, "Out", cx.Node("GreaterOrEqual", {x, y}));
}

void EmitLessEqual12(MapContext& cx, const graph::Op& op) {
  auto [x, y] = OrderingOperands(cx, op);
  cx.Bind(op, "Out", cx.Node("LessOrEqual", {x, y}));
}

}  // namespace

void RegisterCompare(Registry& r) {
  r.Add("equal", AnyOpset, {{7, EmitEqual}});
  r.Add("greater_equal", AnyOpset, {{7, EmitGreaterEqual7}, {12, EmitGreaterEqual12}});
  r.Add("greater_than", AnyOpset, {{7, EmitGreaterThan}});
  r.Add("less_equal", AnyOpset, {{7, EmitLessEqual7}, {12, EmitLessEqual12}});
  r.Add("less_than", AnyOpset, {{7, EmitLessThan}});
  r.Add("not_equal", AnyOpset, {{7, EmitNotEqual}});
}

}  // namespace pd2onnx::mappers

// gelu, exact (approximate=false): 0.5·x·(1 + erf(x/√2));
// tanh form (approximate=true): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
#include <cmath>

#include "mappers/activation/activation.h"
#include "mappers/map_context.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed MinOpset(const graph::Op& op) {
  if (op.Attr<bool>("approximate", false)) return {7, ""};
  return {9, "approximate=false (the exact form needs Erf-9)"};
}

// 1 + inner, times 0.5·x.
std::string HalfXTimesOnePlus(MapContext& cx, graph::DataType dtype, const std::string& x,
                              const std::string& inner) {
  const std::string one_plus = cx.Node("Add", {inner, cx.ScalarOf(dtype, 1.0)});
  const std::string half_x = cx.Node("Mul", {x, cx.ScalarOf(dtype, 0.5)});
  return cx.Node("Mul", {half_x, one_plus});
}

std::string ExactGelu(MapContext& cx, graph::DataType dtype, const std::string& x) {
  const std::string scaled = cx.Node("Mul", {x, cx.ScalarOf(dtype, M_SQRT1_2)});
  return HalfXTimesOnePlus(cx, dtype, x, cx.Node("Erf", {scaled}));
}

std::string TanhGelu(MapContext& cx, graph::DataType dtype, const std::string& x) {
  const std::string cube = cx.Node("Mul", {x, cx.Node("Mul", {x, x})});
  const std::string cubic_term = cx.Node("Mul", {cube, cx.ScalarOf(dtype, 0.044715)});
  const std::string sum = cx.Node("Add", {x, cubic_term});
  const std::string scaled = cx.Node("Mul", {sum, cx.ScalarOf(dtype, std::sqrt(2.0 / M_PI))});
  return HalfXTimesOnePlus(cx, dtype, x, cx.Node("Tanh", {scaled}));
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  const std::string x = cx.Input(op, "X");
  const bool approximate = op.Attr<bool>("approximate", false);
  cx.Bind(op, "Out", approximate ? TanhGelu(cx, dtype, x) : ExactGelu(cx, dtype, x));
}

// Gelu-20 is one node with both forms.
void Emit20(MapContext& cx, const graph::Op& op) {
  const bool approximate = op.Attr<bool>("approximate", false);
  cx.Bind(op, "Out",
          cx.Node("Gelu", {cx.Input(op, "X")}, {{"approximate", approximate ? "tanh" : "none"}}));
}

}  // namespace

void RegisterGelu(Registry& r) { r.Add("gelu", MinOpset, {{7, Emit7}, {20, Emit20}}); }

}  // namespace pd2onnx::mappers

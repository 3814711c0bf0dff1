// Unary math ops beyond the basic activations: trig and hyperbolic
// functions, erf, rounding, and ops that ONNX expresses with a few nodes
// (expm1, log1p, log2, log10, rsqrt, square, round, trunc, tanh_shrink,
// logsigmoid).
#include <array>
#include <cmath>
#include <numbers>
#include <string_view>

#include "mappers/activation/activation.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

struct OneNodeOp {
  std::string_view paddle;
  std::string_view onnx;
  int since;  // first opset of the ONNX op
};

constexpr std::array<OneNodeOp, 17> kOneNodeOps = {{
    {"acos", "Acos", 7},
    {"acosh", "Acosh", 9},
    {"asin", "Asin", 7},
    {"asinh", "Asinh", 9},
    {"atan", "Atan", 7},
    {"atanh", "Atanh", 9},
    {"ceil", "Ceil", 7},
    {"cos", "Cos", 7},
    {"cosh", "Cosh", 9},
    {"erf", "Erf", 9},
    {"floor", "Floor", 7},
    {"reciprocal", "Reciprocal", 7},
    {"sign", "Sign", 9},
    {"sin", "Sin", 7},
    {"sinh", "Sinh", 9},
    {"softsign", "Softsign", 7},
    {"tan", "Tan", 7},
}};

const OneNodeOp& OneNodeFor(std::string_view paddle_type) {
  for (const OneNodeOp& entry : kOneNodeOps) {
    if (entry.paddle == paddle_type) return entry;
  }
  Fail(ErrorKind::kInternal, "no ONNX op listed for unary op '{}'", paddle_type);
}

OpsetNeed OneNodeMinOpset(const graph::Op& op) {
  const OneNodeOp& entry = OneNodeFor(op.type);
  if (entry.since == 7) return {7, ""};
  return {entry.since,
          op.type + " (" + std::string(entry.onnx) + "-" + std::to_string(entry.since) + ")"};
}

void EmitOneNode(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", cx.Node(OneNodeFor(op.type).onnx, {cx.Input(op, "X")}));
}

DataType XType(MapContext& cx, const graph::Op& op) { return cx.InputVar(op, "X").dtype; }

// expm1(x) = e^x - 1.
void EmitExpm1(MapContext& cx, const graph::Op& op) {
  const std::string e = cx.Node("Exp", {cx.Input(op, "X")});
  cx.Bind(op, "Out", cx.Node("Sub", {e, cx.ScalarOf(XType(cx, op), 1.0)}));
}

// log1p(x) = ln(1 + x).
void EmitLog1p(MapContext& cx, const graph::Op& op) {
  const std::string s = cx.Node("Add", {cx.Input(op, "X"), cx.ScalarOf(XType(cx, op), 1.0)});
  cx.Bind(op, "Out", cx.Node("Log", {s}));
}

// log_b(x) = ln(x) / ln(b).
void EmitLogBase(MapContext& cx, const graph::Op& op, double ln_base) {
  const std::string l = cx.Node("Log", {cx.Input(op, "X")});
  cx.Bind(op, "Out", cx.Node("Div", {l, cx.ScalarOf(XType(cx, op), ln_base)}));
}
void EmitLog2(MapContext& cx, const graph::Op& op) { EmitLogBase(cx, op, std::numbers::ln2); }
void EmitLog10(MapContext& cx, const graph::Op& op) { EmitLogBase(cx, op, std::numbers::ln10); }

void EmitRsqrt(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", cx.Node("Reciprocal", {cx.Node("Sqrt", {cx.Input(op, "X")})}));
}

void EmitSquare(MapContext& cx, const graph::Op& op) {
  const std::string x = cx.Input(op, "X");
  cx.Bind(op, "Out", cx.Node("Mul", {x, x}));
}

// sign(x) as a float tensor from two comparisons (Sign needs opset 9):
// [x > 0] - [x < 0].
std::string SignOf(MapContext& cx, const std::string& x, DataType dtype) {
  const std::string zero = cx.ScalarOf(dtype, 0.0);
  const std::string pos = cx.Cast(cx.Node("Greater", {x, zero}), dtype);
  const std::string neg = cx.Cast(cx.Node("Less", {x, zero}), dtype);
  return cx.Node("Sub", {pos, neg});
}

// Paddle rounds half away from zero (std::round); ONNX Round rounds half
// to even, so: sign(x) · floor(|x| + 0.5).
void EmitRound(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  const std::string x = cx.Input(op, "X");
  const std::string half = cx.ScalarOf(dtype, 0.5);
  const std::string mag = cx.Node("Floor", {cx.Node("Add", {cx.Node("Abs", {x}), half})});
  cx.Bind(op, "Out", cx.Node("Mul", {mag, SignOf(cx, x, dtype)}));
}

// trunc(x) = sign(x) · floor(|x|); integers are already whole.
void EmitTrunc(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  const std::string x = cx.Input(op, "X");
  if (graph::IsInteger(dtype)) return cx.Bind(op, "Out", x);
  const std::string mag = cx.Node("Floor", {cx.Node("Abs", {x})});
  cx.Bind(op, "Out", cx.Node("Mul", {mag, SignOf(cx, x, dtype)}));
}

// tanh_shrink(x) = x - tanh(x).
void EmitTanhShrink(MapContext& cx, const graph::Op& op) {
  const std::string x = cx.Input(op, "X");
  cx.Bind(op, "Out", cx.Node("Sub", {x, cx.Node("Tanh", {x})}));
}

// logsigmoid(x) = -softplus(-x).
void EmitLogSigmoid(MapContext& cx, const graph::Op& op) {
  const std::string sp = cx.Node("Softplus", {cx.Node("Neg", {cx.Input(op, "X")})});
  cx.Bind(op, "Out", cx.Node("Neg", {sp}));
}

}  // namespace

void RegisterUnaryMath(Registry& r) {
  for (const OneNodeOp& entry : kOneNodeOps) {
    r.Add(std::string(entry.paddle), OneNodeMinOpset, {{entry.since, EmitOneNode}});
  }
  r.Add("expm1", AnyOpset, {{7, EmitExpm1}});
  r.Add("log1p", AnyOpset, {{7, EmitLog1p}});
  r.Add("log2", AnyOpset, {{7, EmitLog2}});
  r.Add("log10", AnyOpset, {{7, EmitLog10}});
  r.Add("logsigmoid", AnyOpset, {{7, EmitLogSigmoid}});
  r.Add("round", AnyOpset, {{7, EmitRound}});
  r.Add("rsqrt", AnyOpset, {{7, EmitRsqrt}});
  r.Add("square", AnyOpset, {{7, EmitSquare}});
  r.Add("tanh_shrink", AnyOpset, {{7, EmitTanhShrink}});
  r.Add("trunc", AnyOpset, {{7, EmitTrunc}});
}

}  // namespace pd2onnx::mappers

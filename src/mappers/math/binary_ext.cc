// More element-wise binary ops with Paddle's legacy `axis` broadcasting:
// elementwise_mod (Python modulo), elementwise_floordiv,
// elementwise_fmax/fmin (a NaN loses to a number), elementwise_heaviside;
// plus atan2 (NumPy broadcasting) and clip_by_norm.
#include <numbers>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/math/broadcast.h"
#include "mappers/math/math.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

DataType XType(MapContext& cx, const graph::Op& op) { return cx.InputVar(op, "X").dtype; }

// x == 0 for a float or integer tensor. Equal takes floats from opset 11;
// before that, not (x < 0 or x > 0).
std::string IsZero(MapContext& cx, const std::string& x, DataType dtype) {
  const std::string zero = cx.ScalarOf(dtype, 0.0);
  if (cx.opset() >= 11 || graph::IsInteger(dtype)) return cx.Node("Equal", {x, zero});
  return cx.Node("Not",
                 {cx.Node("Or", {cx.Node("Less", {x, zero}), cx.Node("Greater", {x, zero})})});
}

// r != 0 and sign(r) != sign(y): where a truncated remainder or quotient
// needs the Python (floor) correction.
std::string NeedsFloorFix(MapContext& cx, const std::string& r, const std::string& y,
                          DataType dtype) {
  const std::string zero = cx.ScalarOf(dtype, 0.0);
  const std::string r_neg = cx.Node("Less", {r, zero});
  const std::string r_pos = cx.Node("Greater", {r, zero});
  const std::string y_neg = cx.Node("Less", {y, zero});
  return cx.Node(
      "Or", {cx.Node("And", {r_neg, cx.Node("Not", {y_neg})}), cx.Node("And", {r_pos, y_neg})});
}

// ---- elementwise_mod: the remainder takes the sign of y.
OpsetNeed ModMinOpset(const graph::Op& op) { return {10, op.type + " (Mod-10)"}; }

void EmitMod(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  auto [x, y] = BroadcastOperands(cx, op);
  if (graph::IsInteger(dtype)) {
    // Mod with fmod=0 is Python's integer modulo.
    return cx.Bind(op, "Out", cx.Node("Mod", {x, y}, {{"fmod", 0}}));
  }
  // Floats: C fmod (sign of x), then add y where the signs disagree.
  const std::string r = cx.Node("Mod", {x, y}, {{"fmod", 1}});
  const std::string fixed = cx.Node("Add", {r, y});
  cx.Bind(op, "Out", cx.Node("Where", {NeedsFloorFix(cx, r, y, dtype), fixed, r}));
}

// ---- elementwise_floordiv: floor(x / y). Integers are divided in double
// (exact below 2^53) so that the quotient rounds toward -inf, not zero.
void EmitFloorDiv(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  auto [x, y] = BroadcastOperands(cx, op);
  if (!graph::IsInteger(dtype)) {
    return cx.Bind(op, "Out", cx.Node("Floor", {cx.Node("Div", {x, y})}));
  }
  const std::string q = cx.Node(
      "Floor", {cx.Node("Div", {cx.Cast(x, DataType::kFloat64), cx.Cast(y, DataType::kFloat64)})});
  cx.Bind(op, "Out", cx.Cast(q, dtype));
}

// ---- elementwise_fmax / fmin: like max/min, but when one side is NaN the
// other is the result.
OpsetNeed FMaxMinOpset(const graph::Op& op) { return {9, op.type + " (IsNaN-9, Where-9)"}; }

void EmitFMaxMin(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  const char* onnx = op.type == "elementwise_fmax" ? "Max" : "Min";
  auto [x, y] = BroadcastOperands(cx, op);
  if (graph::IsInteger(dtype)) {
    if (cx.opset() >= 12) return cx.Bind(op, "Out", cx.Node(onnx, {x, y}));
    // Max/Min take integers from opset 12: compute in double, exactly.
    const std::string wide =
        cx.Node(onnx, {cx.Cast(x, DataType::kFloat64), cx.Cast(y, DataType::kFloat64)});
    return cx.Bind(op, "Out", cx.Cast(wide, dtype));
  }
  const std::string m = cx.Node(onnx, {x, y});
  const std::string pick_y = cx.Node("Where", {cx.Node("IsNaN", {y}), x, m});
  cx.Bind(op, "Out", cx.Node("Where", {cx.Node("IsNaN", {x}), y, pick_y}));
}

// ---- elementwise_heaviside: x == 0 ? y : (x > 0 ? 1 : 0).
OpsetNeed HeavisideMinOpset(const graph::Op& op) { return {9, op.type + " (Where-9)"}; }

void EmitHeaviside(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  auto [x, y] = BroadcastOperands(cx, op);
  const std::string step = cx.Cast(cx.Node("Greater", {x, cx.ScalarOf(dtype, 0.0)}), dtype);
  cx.Bind(op, "Out", cx.Node("Where", {IsZero(cx, x, dtype), y, step}));
}

// ---- atan2(X1, X2): the angle of (x2, x1), NumPy broadcasting.
OpsetNeed Atan2MinOpset(const graph::Op& op) { return {9, op.type + " (Where-9)"}; }

void EmitAtan2(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.InputVar(op, "X1").dtype;
  PD2ONNX_CHECK(dtype == DataType::kFloat32 || dtype == DataType::kFloat64, ErrorKind::kUnsupported,
                "atan2 of dtype {} is not supported (float32/float64)", graph::DataTypeName(dtype));
  const std::string a = cx.Input(op, "X1");  // y coordinate
  const std::string b = cx.Input(op, "X2");  // x coordinate
  const std::string zero = cx.ScalarOf(dtype, 0.0);
  const std::string pi = cx.ScalarOf(dtype, std::numbers::pi);
  const std::string half_pi = cx.ScalarOf(dtype, std::numbers::pi / 2);
  // b != 0: atan(a / b), plus ±pi when b < 0 (the sign of a; a = +0 → +pi).
  const std::string base = cx.Node("Atan", {cx.Node("Div", {a, b})});
  const std::string a_neg = cx.Node("Less", {a, zero});
  const std::string turn = cx.Node("Where", {a_neg, cx.Node("Neg", {pi}), pi});
  const std::string b_neg = cx.Node("Less", {b, zero});
  const std::string off = cx.Node("Where", {b_neg, turn, zero});
  const std::string general = cx.Node("Add", {base, off});
  // b == 0: ±pi/2 by the sign of a, 0 when a == 0.
  const std::string a_pos = cx.Node("Greater", {a, zero});
  const std::string on_axis = cx.Node(
      "Where", {a_pos, half_pi, cx.Node("Where", {a_neg, cx.Node("Neg", {half_pi}), zero})});
  cx.Bind(op, "Out", cx.Node("Where", {IsZero(cx, b, dtype), on_axis, general}));
}

// ---- clip_by_norm: x · max_norm / max(‖x‖₂, max_norm) (x unchanged when its
// L2 norm over all elements is at most max_norm).
void EmitClipByNorm(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const double max_norm = op.Attr<float>("max_norm");
  const std::string x = cx.Input(op, "X");
  const std::string flat = cx.Reshape(x, {-1});
  const std::string sum = cx.Reduce("ReduceSum", cx.Node("Mul", {flat, flat}), {0}, true);
  const std::string norm = cx.Node("Sqrt", {sum});  // [1]
  const std::string limit = cx.Reshape(cx.ScalarOf(dtype, max_norm), {1});
  const std::string scale = cx.Node("Div", {limit, cx.Node("Max", {norm, limit})});
  std::string factor = scale;
  if (rank > 1) factor = cx.Reshape(scale, std::vector<int64_t>(static_cast<size_t>(rank), 1));
  if (rank == 0) factor = cx.Reshape(scale, {});
  cx.Bind(op, "Out", cx.Node("Mul", {x, factor}));
}

}  // namespace

void RegisterBinaryExt(Registry& r) {
  r.Add("atan2", Atan2MinOpset, {{9, EmitAtan2}});
  r.Add("clip_by_norm", AnyOpset, {{7, EmitClipByNorm}});
  r.Add("elementwise_floordiv", AnyOpset, {{7, EmitFloorDiv}});
  r.Add("elementwise_fmax", FMaxMinOpset, {{9, EmitFMaxMin}});
  r.Add("elementwise_fmin", FMaxMinOpset, {{9, EmitFMaxMin}});
  r.Add("elementwise_heaviside", HeavisideMinOpset, {{9, EmitHeaviside}});
  r.Add("elementwise_mod", ModMinOpset, {{10, EmitMod}});
}

}  // namespace pd2onnx::mappers

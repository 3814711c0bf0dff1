// isclose / allclose: |a − b| <= atol + rtol·|b| (or a == b, or the two
// sides within 1e-15, as Paddle tests them); NaN is close only to NaN and
// only with equal_nan. rtol / atol come from the Rtol / Atol tensors
// (folded or at run time) or the string attributes. allclose reduces with
// "all". equal_all: true when X and Y have equal shapes and elements.
#include <string>
#include <vector>

#include "graph/host_tensor.h"
#include "mappers/logic/logic.h"
#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

std::vector<int64_t> AllAxes(int64_t rank) {
  std::vector<int64_t> axes;
  for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
  return axes;
}

// A tolerance as a 0-D tensor of `dtype`.
std::string Tolerance(MapContext& cx, const graph::Op& op, std::string_view slot,
                      std::string_view attr, const char* fallback, DataType dtype) {
  if (op.HasInput(slot)) {
    if (const graph::ConstTensor* c = cx.ConstantInput(op, slot)) {
      const double v = graph::HostTensor::FromConst(*c).ToDouble().at(0);
      return cx.ScalarOf(dtype, v);
    }
    return cx.Reshape(cx.Cast(cx.Input(op, slot), dtype), {});
  }
  const std::string text = op.Attr<std::string>(attr, fallback);
  double value = 0;
  try {
    value = std::stod(text);
  } catch (const std::exception&) {
    Fail(ErrorKind::kInvalidInput, "{}: {} '{}' is not a number", op.type, attr, text);
  }
  return cx.ScalarOf(dtype, value);
}

void RequireFloat(const graph::Var& var, std::string_view op_type) {
  PD2ONNX_CHECK(var.dtype == DataType::kFloat32 || var.dtype == DataType::kFloat64,
                ErrorKind::kUnsupported, "{} of {} is not supported (float32/float64 only)",
                op_type, graph::DataTypeName(var.dtype));
}

std::string NotGreater(MapContext& cx, const std::string& a, const std::string& b) {
  return cx.Node("Not", {cx.Node("Greater", {a, b})});
}

// The element-wise isclose result (bool, X's shape).
std::string CloseFlags(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "Input");
  RequireFloat(var, op.type);
  const DataType dt = var.dtype;
  const std::string a = cx.Input(op, "Input");
  const std::string b = cx.Input(op, "Other");
  const std::string rtol = Tolerance(cx, op, "Rtol", "rtol", "1e-05", dt);
  const std::string atol = Tolerance(cx, op, "Atol", "atol", "1e-08", dt);
  const std::string left = cx.Node("Abs", {cx.Node("Sub", {a, b})});
  const std::string right = cx.Node("Add", {atol, cx.Node("Mul", {rtol, cx.Node("Abs", {b})})});
  const std::string near = cx.Node(
      "Or",
      {NotGreater(cx, left, right),
       NotGreater(cx, cx.Node("Abs", {cx.Node("Sub", {left, right})}), cx.ScalarOf(dt, 1e-15))});
  const std::string close = cx.Node("Or", {cx.Node("Equal", {a, b}), near});
  const std::string a_nan = cx.Node("IsNaN", {a});
  const std::string b_nan = cx.Node("IsNaN", {b});
  const std::string any_nan = cx.Node("Or", {a_nan, b_nan});
  std::string out = cx.Node("And", {cx.Node("Not", {any_nan}), close});
  if (op.Attr<bool>("equal_nan", false)) {
    out = cx.Node("Or", {out, cx.Node("And", {a_nan, b_nan})});
  }
  return out;
}

// "All true" of a bool tensor of rank `rank`, as a 0-D bool.
std::string AllTrue(MapContext& cx, const std::string& flags, int64_t rank) {
  if (rank == 0) return flags;
  const std::string as_int = cx.Cast(flags, DataType::kInt32);
  return cx.Cast(cx.Reduce("ReduceMin", as_int, AllAxes(rank), false), DataType::kBool);
}

void EmitIsClose(MapContext& cx, const graph::Op& op) { cx.Bind(op, "Out", CloseFlags(cx, op)); }

void EmitAllClose(MapContext& cx, const graph::Op& op) {
  const std::string all = AllTrue(cx, CloseFlags(cx, op), RankOf(cx.InputVar(op, "Input")));
  cx.Bind(op, "Out", MatchDeclaredRank(cx, all, 0, cx.OutputVar(op, "Out")));
}

void EmitEqualAll(MapContext& cx, const graph::Op& op) {
  const graph::Var& xv = cx.InputVar(op, "X");
  const graph::Var& yv = cx.InputVar(op, "Y");
  const graph::Var& out = cx.OutputVar(op, "Out");
  bool differ = RankOf(xv) != RankOf(yv);
  for (size_t d = 0; !differ && d < xv.shape.size(); ++d) {
    differ = xv.shape[d] >= 0 && yv.shape[d] >= 0 && xv.shape[d] != yv.shape[d];
  }
  if (differ) {  // known now: different shapes are never equal
    const std::string f = cx.Constant(TensorOfNumbers(DataType::kBool, {}, {int64_t{0}}));
    cx.Bind(op, "Out", MatchDeclaredRank(cx, f, 0, out));
    return;
  }
  const int64_t rank = RankOf(xv);
  const std::string x = cx.Input(op, "X");
  const std::string y = cx.Input(op, "Y");
  std::string all = AllTrue(cx, cx.Node("Equal", {x, y}), rank);
  if (!IsFullyKnown(xv.shape) || !IsFullyKnown(yv.shape)) {
    // Equal broadcasts: a [1, 3] / [2, 3] pair must still give false.
    const std::string same_shape = AllTrue(cx, cx.Node("Equal", {cx.Shape(x), cx.Shape(y)}), 1);
    all = cx.Node("And", {all, same_shape});
  }
  cx.Bind(op, "Out", MatchDeclaredRank(cx, all, 0, out));
}

}  // namespace

void RegisterCloseness(Registry& r) {
  r.Add("isclose",
        [](const graph::Op&) {
          return OpsetNeed{11, "Equal-11 on floats"};
        },
        {{11, EmitIsClose}});
  r.Add("allclose",
        [](const graph::Op&) {
          return OpsetNeed{11, "Equal-11 on floats"};
        },
        {{11, EmitAllClose}});
  r.Add("equal_all",
        [](const graph::Op&) {
          return OpsetNeed{11, "Equal-11 on floats"};
        },
        {{11, EmitEqualAll}});
}

}  // namespace pd2onnx::mappers

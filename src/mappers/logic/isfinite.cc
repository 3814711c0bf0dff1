// isnan_v2, isinf_v2, isfinite_v2: element-wise bool tests. The v1 ops
// isnan, isinf, isfinite reduce the whole tensor to one bool: "any
// element is NaN", "any element is ±inf", "every element is finite".
// Integer tensors hold no NaN or inf.
#include <string>
#include <string_view>

#include "mappers/logic/logic.h"
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

bool IsFloat(DataType dtype) {
  return dtype == DataType::kFloat32 || dtype == DataType::kFloat64 || dtype == DataType::kFloat16;
}

enum class Test { kNan, kInf, kFinite };

Test TestOf(std::string_view type) {
  if (type.starts_with("isnan")) return Test::kNan;
  if (type.starts_with("isinf")) return Test::kInf;
  return Test::kFinite;
}

OpsetNeed MinOpset(const graph::Op& op) {
  if (TestOf(op.type) == Test::kNan) return {9, op.type + " (IsNaN-9)"};
  return {10, op.type + " (IsInf-10)"};
}

// The element-wise test as a bool tensor of X's shape.
std::string Elementwise(MapContext& cx, const graph::Op& op, Test test) {
  const std::string x = cx.Input(op, "X");
  const DataType dtype = cx.InputVar(op, "X").dtype;
  if (!IsFloat(dtype)) {
    // All false (NaN/inf) or all true (finite): compare x with itself.
    std::string same = x;
    if (dtype != DataType::kInt32 && dtype != DataType::kInt64 && dtype != DataType::kBool) {
      same = cx.Cast(x, DataType::kInt64);
    }
    const std::string t = cx.Node("Equal", {same, same});
    return test == Test::kFinite ? t : cx.Node("Not", {t});
  }
  // IsInf takes float16 only from opset 20: widen it (exactly) to float32.
  const std::string wide = dtype == DataType::kFloat16 ? cx.Cast(x, DataType::kFloat32) : x;
  switch (test) {
    case Test::kNan:
      return cx.Node("IsNaN", {x});
    case Test::kInf:
      return cx.Node("IsInf", {wide});
    case Test::kFinite:
      break;
  }
  return cx.Node("Not", {cx.Node("Or", {cx.Node("IsNaN", {x}), cx.Node("IsInf", {wide})})});
}

void EmitV2(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", Elementwise(cx, op, TestOf(op.type)));
}

// v1: any(isnan) / any(isinf) / not any(not finite), as a 1-element bool.
void EmitV1(MapContext& cx, const graph::Op& op) {
  const Test test = TestOf(op.type);
  std::string flagged = Elementwise(cx, op, test);
  if (test == Test::kFinite) flagged = cx.Node("Not", {flagged});
  // "any" is ReduceMax of the flags as float; a 0 appended keeps an empty
  // tensor defined (no flagged element).
  const std::string flat = cx.Reshape(cx.Cast(flagged, DataType::kFloat32), {-1});
  const std::string padded = cx.Node("Concat", {flat, cx.ConstF32({0.0f}, {1})}, {{"axis", 0}});
  std::string any = cx.Cast(cx.Reduce("ReduceMax", padded, {0}, true), DataType::kBool);  // [1]
  if (test == Test::kFinite) any = cx.Node("Not", {any});
  cx.Bind(op, "Out", MatchDeclaredRank(cx, any, 1, cx.OutputVar(op, "Out")));
}

}  // namespace

void RegisterIsFinite(Registry& r) {
  r.Add("isfinite", MinOpset, {{10, EmitV1}});
  r.Add("isfinite_v2", MinOpset, {{10, EmitV2}});
  r.Add("isinf", MinOpset, {{10, EmitV1}});
  r.Add("isinf_v2", MinOpset, {{10, EmitV2}});
  r.Add("isnan", MinOpset, {{9, EmitV1}});
  r.Add("isnan_v2", MinOpset, {{9, EmitV2}});
}

}  // namespace pd2onnx::mappers

// pow: x ^ factor, the exponent from `FactorTensor` (1 element) when given,
// else the `factor` attribute. The output keeps X's dtype; for integer X
// Paddle casts the exponent to X's type.
#include "mappers/map_context.h"
#include "mappers/math/math.h"
#include "mappers/tensor/shape_util.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// The exponent as a 0-D tensor of `dtype` (0-D so a 0-D X stays 0-D).
std::string Exponent(MapContext& cx, const graph::Op& op, DataType dtype) {
  if (!op.HasInput("FactorTensor")) {
    return cx.ScalarOf(dtype, op.Attr<float>("factor", 1.0f));
  }
  if (const graph::ConstTensor* factor = cx.ConstantInput(op, "FactorTensor")) {
    return cx.ScalarOf(dtype, factor->ToDouble().at(0));
  }
  const std::string tensor =
      CastIfNeeded(cx, cx.Input(op, "FactorTensor"), cx.InputVar(op, "FactorTensor").dtype, dtype);
  return cx.Reshape(tensor, {});
}

void EmitPow(MapContext& cx, const graph::Op& op, bool integers_native) {
  const DataType dtype = cx.InputVar(op, "X").dtype;
  const std::string x = cx.Input(op, "X");
  if (integers_native || !graph::IsInteger(dtype)) {
    cx.Bind(op, "Out", cx.Node("Pow", {x, Exponent(cx, op, dtype)}));
    return;
  }
  // Before Pow-12 only floats: compute in double from the integer exponent.
  const std::string wide_exponent = cx.Cast(Exponent(cx, op, dtype), DataType::kFloat64);
  const std::string wide = cx.Node("Pow", {cx.Cast(x, DataType::kFloat64), wide_exponent});
  cx.Bind(op, "Out", cx.Cast(wide, dtype));
}

void Emit7(MapContext& cx, const graph::Op& op) { EmitPow(cx, op, false); }
// Pow-12 accepts int32/int64 bases and exponents.
void Emit12(MapContext& cx, const graph::Op& op) { EmitPow(cx, op, true); }

}  // namespace

void RegisterPow(Registry& r) { r.Add("pow", AnyOpset, {{7, Emit7}, {12, Emit12}}); }

}  // namespace pd2onnx::mappers

// scale: bias_after_scale ? scale·x + bias : scale·(x + bias). The output
// keeps X's dtype; for integer X Paddle casts scale and bias to that type
// first (truncation toward zero) and computes in it.
#include <cmath>

#include "mappers/map_context.h"
#include "mappers/math/math.h"
#include "mappers/tensor/shape_util.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// A value as the dtype would hold it (integers truncate).
double AsDtype(DataType dtype, double value) {
  return graph::IsInteger(dtype) ? std::trunc(value) : value;
}

// The scale factor as a 0-D tensor of `dtype`, or "" when it is exactly 1.
std::string ScaleFactor(MapContext& cx, const graph::Op& op, DataType dtype) {
  double scale = op.Attr<double>("scale", 1.0);
  if (op.HasInput("ScaleTensor")) {
    const graph::ConstTensor* value = cx.ConstantInput(op, "ScaleTensor");
    if (value == nullptr) {
      const std::string tensor = CastIfNeeded(cx, cx.Input(op, "ScaleTensor"),
                                              cx.InputVar(op, "ScaleTensor").dtype, dtype);
      return cx.Reshape(tensor, {});  // 0-D so a 0-D X stays 0-D
    }
    scale = value->ToDouble().at(0);
  }
  if (AsDtype(dtype, scale) == 1.0) return "";
  return cx.ScalarOf(dtype, scale);
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.InputVar(op, "X").dtype;
  const std::string factor = ScaleFactor(cx, op, dtype);
  const double bias = op.Attr<double>("bias", 0.0);
  const bool bias_after_scale = op.Attr<bool>("bias_after_scale", true);
  const bool has_bias = AsDtype(dtype, bias) != 0.0;

  std::string out = cx.Input(op, "X");
  auto multiply = [&] {
    if (!factor.empty()) out = cx.Node("Mul", {out, factor});
  };
  auto add_bias = [&] {
    if (has_bias) out = cx.Node("Add", {out, cx.ScalarOf(dtype, bias)});
  };
  if (bias_after_scale) {
    multiply();
    add_bias();
  } else {
    add_bias();
    multiply();
  }
  cx.Bind(op, "Out", out);
}

}  // namespace

void RegisterScale(Registry& r) { r.Add("scale", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

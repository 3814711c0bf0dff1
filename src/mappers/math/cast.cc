// cast: `out_dtype` is a Paddle VarType number. ONNX Cast truncates floats
// toward zero and maps non-zero to true, as Paddle does.
#include <vector>

#include "mappers/map_context.h"
#include "mappers/math/math.h"
#include "mappers/tensor/const_values.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

// Casting a known value gives a known value, so later mappers can fold it.
graph::ConstTensor CastValue(const graph::ConstTensor& value, graph::DataType to) {
  std::vector<Number> numbers;
  if (graph::IsFloatingPoint(value.dtype())) {
    for (double v : value.ToDouble()) numbers.emplace_back(v);
  } else {
    for (int64_t v : value.ToInt64()) numbers.emplace_back(v);
  }
  return TensorOfNumbers(to, value.dims(), numbers);
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t out_dtype = op.Attr<int64_t>("out_dtype");
  const std::optional<graph::DataType> to = graph::DataTypeFromPaddle(out_dtype);
  PD2ONNX_CHECK(to.has_value(), ErrorKind::kUnsupported,
                "out_dtype {} is not a tensor element type", out_dtype);
  if (const graph::ConstTensor* value = cx.ConstantInput(op, "X")) {
    cx.BindConstant(op, "Out", CastValue(*value, *to));
    return;
  }
  const std::string x = cx.Input(op, "X");
  if (cx.InputVar(op, "X").dtype == *to) {
    cx.Bind(op, "Out", x);
    return;
  }
  cx.Bind(op, "Out", cx.Cast(x, *to));
}

}  // namespace

void RegisterCast(Registry& r) { r.Add("cast", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

// assign: a copy of X. assign_value: a constant from the `shape`, `dtype`
// and value-list attributes (`values` SCALARS from Paddle 2.6, else the
// per-dtype list such as `fp32_values`).
#include <optional>

#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

void EmitAssign(MapContext& cx, const graph::Op& op) {
  if (const graph::ConstTensor* value = cx.ConstantInput(op, "X")) {
    cx.BindConstant(op, "Out", *value);  // stays foldable downstream
    return;
  }
  cx.Bind(op, "Out", cx.Input(op, "X"));
}

std::vector<Number> ScalarValues(const graph::Attribute& attr) {
  std::vector<Number> numbers;
  for (const graph::Scalar& s : attr.AsScalars()) {
    if (s.kind == graph::Scalar::Kind::kInt || s.kind == graph::Scalar::Kind::kBool) {
      numbers.emplace_back(s.i);
    } else {
      PD2ONNX_CHECK(s.kind == graph::Scalar::Kind::kFloat, ErrorKind::kUnsupported,
                    "complex values are not supported");
      numbers.emplace_back(s.f);
    }
  }
  return numbers;
}

std::vector<Number> AssignedValues(const graph::Op& op, DataType dtype) {
  if (const graph::Attribute* values = op.FindAttr("values")) {
    std::vector<Number> numbers = ScalarValues(*values);
    if (!numbers.empty()) return numbers;
  }
  const char* list = graph::TypedValuesAttrName(dtype);
  // Legacy Paddle has no half-precision list: float16 values come as float32.
  if ((dtype == DataType::kFloat16 || dtype == DataType::kBFloat16) &&
      (list == nullptr || op.FindAttr(list) == nullptr)) {
    list = "fp32_values";
  }
  PD2ONNX_CHECK(list != nullptr, ErrorKind::kUnsupported,
                "dtype {} has no value list (expected `values`)", graph::DataTypeName(dtype));
  std::vector<Number> numbers;
  if (graph::IsFloatingPoint(dtype)) {
    for (double v : op.Attr<std::vector<double>>(list, {})) numbers.emplace_back(v);
  } else {
    for (int64_t v : op.Attr<std::vector<int64_t>>(list, {})) numbers.emplace_back(v);
  }
  return numbers;
}

void EmitAssignValue(MapContext& cx, const graph::Op& op) {
  const int64_t paddle_dtype = op.Attr<int64_t>("dtype");
  const std::optional<DataType> dtype = graph::DataTypeFromPaddle(paddle_dtype);
  PD2ONNX_CHECK(dtype.has_value(), ErrorKind::kUnsupported, "dtype {} is not a tensor element type",
                paddle_dtype);
  const std::vector<int64_t> shape = op.Attr<std::vector<int64_t>>("shape", {});
  cx.BindConstant(op, "Out", TensorOfNumbers(*dtype, shape, AssignedValues(op, *dtype)));
}

}  // namespace

void RegisterAssign(Registry& r) {
  r.Add("assign", AnyOpset, {{7, EmitAssign}});
  r.Add("assign_value", AnyOpset, {{7, EmitAssignValue}});
}

}  // namespace pd2onnx::mappers

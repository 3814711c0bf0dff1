// empty: an uninitialised tensor of `dtype` (default float32) and shape
// ShapeTensor > ShapeTensorList > `shape`. Paddle leaves the values
// unspecified; pd2onnx writes zeros: ConstantOfShape (opset 9), or a zero
// initializer before opset 9 when the shape is known.
#include <optional>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

OpsetNeed MinOpset(const graph::Op& op) {
  if (op.HasInput("ShapeTensor") || op.HasInput("ShapeTensorList")) {
    return {9, "a shape tensor input (ConstantOfShape-9)"};
  }
  return {};
}

DataType DtypeOf(const graph::Op& op) {
  const int64_t paddle_dtype = op.Attr<int64_t>("dtype", 5);
  const std::optional<DataType> dtype = graph::DataTypeFromPaddle(paddle_dtype);
  PD2ONNX_CHECK(dtype.has_value(), ErrorKind::kUnsupported,
                "empty: dtype {} is not a tensor element type", paddle_dtype);
  return *dtype;
}

IntList ShapeOf(MapContext& cx, const graph::Op& op) {
  if (auto shape = IntListFromTensor(cx, op, "ShapeTensor")) return *shape;
  if (auto shape = IntListFromTensorList(cx, op, "ShapeTensorList")) return *shape;
  return IntList{op.Attr<std::vector<int64_t>>("shape", {}), ""};
}

void CheckKnown(const std::vector<int64_t>& shape) {
  for (int64_t d : shape) {
    PD2ONNX_CHECK(d >= 0, ErrorKind::kInvalidInput, "empty: shape {} has a negative extent",
                  graph::ShapeToString(shape));
  }
}

// Before ConstantOfShape: a zero initializer (the shape is known here).
void Emit7(MapContext& cx, const graph::Op& op) {
  const IntList shape = ShapeOf(cx, op);
  PD2ONNX_CHECK(shape.known(), ErrorKind::kUnsupported,
                "empty: a run-time shape needs opset 9 (ConstantOfShape)");
  CheckKnown(*shape.values);
  cx.Bind(op, "Out", cx.Constant(FilledTensor(DtypeOf(op), *shape.values, int64_t{0})));
}

void Emit9(MapContext& cx, const graph::Op& op) {
  const DataType dtype = DtypeOf(op);
  const IntList shape = ShapeOf(cx, op);
  if (shape.known()) CheckKnown(*shape.values);
  cx.Bind(op, "Out",
          cx.Node("ConstantOfShape", {shape.AsTensor(cx)},
                  {{"value", OneElementProto(dtype, int64_t{0})}}));
}

}  // namespace

void RegisterEmpty(Registry& r) { r.Add("empty", MinOpset, {{7, Emit7}, {9, Emit9}}); }

}  // namespace pd2onnx::mappers

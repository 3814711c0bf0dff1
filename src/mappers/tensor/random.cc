// gaussian_random and uniform_random: tensors of random values of `dtype`
// (float16/32/64), normal(mean, std) or uniform[min, max). The shape comes
// from ShapeTensor > ShapeTensorList > `shape`. A shape known now gives
// RandomNormal / RandomUniform (opset 7); a run-time shape gives the *Like
// variants of a ConstantOfShape tensor (opset 9). A nonzero `seed` is passed
// on as ONNX `seed` (the generators differ, so values never match Paddle's;
// only the distribution does). uniform_random's diagonal initialisation
// (diag_num > 0) is refused.
#include <optional>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "onnx/model.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

bool RunTimeShape(const graph::Op& op) {
  return op.HasInput("ShapeTensor") || op.HasInput("ShapeTensorList");
}

OpsetNeed MinOpset(const graph::Op& op) {
  if (RunTimeShape(op)) return {9, "a shape tensor input (ConstantOfShape-9)"};
  return {};
}

DataType FloatDtype(const graph::Op& op) {
  const int64_t paddle_dtype = op.Attr<int64_t>("dtype", 5);
  const std::optional<DataType> dtype = graph::DataTypeFromPaddle(paddle_dtype);
  PD2ONNX_CHECK(dtype && (*dtype == DataType::kFloat16 || *dtype == DataType::kFloat32 ||
                          *dtype == DataType::kFloat64),
                ErrorKind::kUnsupported, "{}: dtype {} is not supported (float16/32/64 only)",
                op.type, paddle_dtype);
  return *dtype;
}

// The shape: known now, or a run-time 1-D int64 tensor.
IntList ShapeOf(MapContext& cx, const graph::Op& op) {
  if (auto shape = IntListFromTensor(cx, op, "ShapeTensor")) return *shape;
  if (auto shape = IntListFromTensorList(cx, op, "ShapeTensorList")) return *shape;
  return IntList{op.Attr<std::vector<int64_t>>("shape"), ""};
}

void Emit(MapContext& cx, const graph::Op& op, const char* generator, std::vector<NodeAttr> attrs) {
  const DataType dtype = FloatDtype(op);
  // ONNX Runtime's generators lack float16: draw float32 and round.
  const DataType work = dtype == DataType::kFloat16 ? DataType::kFloat32 : dtype;
  attrs.emplace_back("dtype", static_cast<int64_t>(emit::OnnxDataType(work)));
  const int64_t seed = op.Attr<int64_t>("seed", 0);
  if (seed != 0) attrs.emplace_back("seed", static_cast<float>(seed));
  const IntList shape = ShapeOf(cx, op);
  if (shape.known()) {
    for (int64_t d : *shape.values) {
      PD2ONNX_CHECK(d >= 0, ErrorKind::kUnsupported, "{}: shape {} has an unknown extent", op.type,
                    graph::ShapeToString(*shape.values));
    }
    attrs.emplace_back("shape", *shape.values);
    return cx.Bind(op, "Out", CastIfNeeded(cx, cx.Node(generator, {}, attrs), work, dtype));
  }
  // The *Like generators take the shape of a template tensor.
  const std::string like =
      cx.Node("ConstantOfShape", {shape.tensor}, {{"value", OneElementProto(work, 0.0)}});
  cx.Bind(op, "Out",
          CastIfNeeded(cx, cx.Node(std::string(generator) + "Like", {like}, attrs), work, dtype));
}

void EmitGaussian(MapContext& cx, const graph::Op& op) {
  Emit(cx, op, "RandomNormal",
       {{"mean", op.Attr<float>("mean", 0.0f)}, {"scale", op.Attr<float>("std", 1.0f)}});
}

void EmitUniform(MapContext& cx, const graph::Op& op) {
  const int64_t diag_num = op.Attr<int64_t>("diag_num", 0);
  PD2ONNX_CHECK(diag_num <= 0, ErrorKind::kUnsupported,
                "uniform_random: diag_num={} (diagonal initialisation) is not supported", diag_num);
  Emit(cx, op, "RandomUniform",
       {{"low", op.Attr<float>("min", -1.0f)}, {"high", op.Attr<float>("max", 1.0f)}});
}

}  // namespace

void RegisterRandom(Registry& r) {
  r.Add("gaussian_random", MinOpset, {{7, EmitGaussian}});
  r.Add("uniform_random", MinOpset, {{7, EmitUniform}});
}

}  // namespace pd2onnx::mappers

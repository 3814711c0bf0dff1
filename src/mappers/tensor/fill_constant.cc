// fill_constant: a tensor of `dtype` filled with one value.
//   value: `ValueTensor` > non-empty `str_value` > `value`;
//   shape: `ShapeTensor` > `ShapeTensorList` > `shape`.
// Known value and shape become a constant that later mappers can fold.
// fill_constant_batch_size_like: `shape` with entry `output_dim_idx`
// replaced by dim `input_dim_idx` of `Input`.
#include <optional>
#include <variant>

#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "onnx/model.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

constexpr const char* kRuntimeSlots[] = {"ValueTensor", "ShapeTensor", "ShapeTensorList"};

OpsetNeed FillConstantMinOpset(const graph::Op& op) {
  for (const char* slot : kRuntimeSlots) {
    if (op.HasInput(slot)) return {8, std::string(slot) + " input (Expand-8)"};
  }
  return {7, ""};
}

OpsetNeed BatchSizeLikeMinOpset(const graph::Op&) {
  return {8, "the batch size read at run time (Expand-8)"};
}

DataType OutputDtype(const graph::Op& op) {
  const int64_t paddle_dtype = op.Attr<int64_t>("dtype", 5);
  const std::optional<DataType> dtype = graph::DataTypeFromPaddle(paddle_dtype);
  PD2ONNX_CHECK(dtype.has_value(), ErrorKind::kUnsupported, "dtype {} is not a tensor element type",
                paddle_dtype);
  return *dtype;
}

// The fill value from the attributes: non-empty `str_value` > `value`.
// An integer `value` (LONG, INT or an integer SCALAR) stays exact.
Number AttrValue(const graph::Op& op) {
  const std::string text = op.Attr<std::string>("str_value", "");
  if (!text.empty()) return ParseNumber(text);
  const graph::Attribute* value = op.FindAttr("value");
  if (value == nullptr) return 0.0;
  if (const auto* scalar = std::get_if<graph::Scalar>(&value->value())) {
    if (scalar->kind == graph::Scalar::Kind::kInt || scalar->kind == graph::Scalar::Kind::kBool) {
      return scalar->i;
    }
    return scalar->AsDouble();
  }
  if (value->kind() == graph::AttrKind::kLong || value->kind() == graph::AttrKind::kInt) {
    return value->AsInt();
  }
  return value->AsDouble();
}

// The fill value known now, or a run-time 0-D tensor of `dtype`.
struct FillValue {
  std::optional<Number> known;
  std::string tensor;
};

FillValue ReadValue(MapContext& cx, const graph::Op& op, DataType dtype) {
  if (!op.HasInput("ValueTensor")) return {AttrValue(op), ""};
  if (const graph::ConstTensor* value = cx.ConstantInput(op, "ValueTensor")) {
    if (graph::IsFloatingPoint(value->dtype())) return {value->ToDouble().at(0), ""};
    return {value->ToInt64().at(0), ""};
  }
  const std::string tensor =
      CastIfNeeded(cx, cx.Input(op, "ValueTensor"), cx.InputVar(op, "ValueTensor").dtype, dtype);
  return {std::nullopt, cx.Reshape(tensor, {})};
}

// How a tensor of run-time shape is made: ConstantOfShape-9 holds a known
// value itself; otherwise (and before opset 9) Expand-8 a scalar.
enum class Filler { kExpand, kConstantOfShape };

// A tensor of run-time shape `shape` (1-D int64) filled with `value`.
std::string FillToShape(MapContext& cx, Filler filler, const FillValue& value, DataType dtype,
                        const std::string& shape) {
  if (value.known && filler == Filler::kConstantOfShape) {
    return cx.Node("ConstantOfShape", {shape}, {{"value", OneElementProto(dtype, *value.known)}});
  }
  const std::string scalar =
      value.known ? cx.Constant(TensorOfNumbers(dtype, {}, {*value.known})) : value.tensor;
  return cx.Node("Expand", {scalar, shape});
}

// Known results become initializers so later mappers can fold them (shape
// lists, axes, scalars). A large fill (an image-sized zero tensor) stays a
// ConstantOfShape node rather than megabytes of repeated bytes.
bool IsFoldable(const std::vector<int64_t>& shape, Filler filler) {
  constexpr int64_t kMaxFoldedElements = 4096;
  return filler != Filler::kConstantOfShape || graph::NumElements(shape) <= kMaxFoldedElements;
}

IntList FillShape(MapContext& cx, const graph::Op& op) {
  if (auto tensor = IntListFromTensor(cx, op, "ShapeTensor")) return *tensor;
  if (auto list = IntListFromTensorList(cx, op, "ShapeTensorList")) return *list;
  return IntList{op.Attr<std::vector<int64_t>>("shape", {}), ""};
}

void EmitFillConstant(MapContext& cx, const graph::Op& op, Filler filler) {
  const DataType dtype = OutputDtype(op);
  const FillValue value = ReadValue(cx, op, dtype);
  const IntList shape = FillShape(cx, op);
  if (value.known && shape.known() && IsFoldable(*shape.values, filler)) {
    cx.BindConstant(op, "Out", FilledTensor(dtype, *shape.values, *value.known));
    return;
  }
  cx.Bind(op, "Out", FillToShape(cx, filler, value, dtype, shape.AsTensor(cx)));
}

void EmitBatchSizeLike(MapContext& cx, const graph::Op& op, Filler filler) {
  const DataType dtype = OutputDtype(op);
  const FillValue value{AttrValue(op), ""};
  std::vector<int64_t> shape = op.Attr<std::vector<int64_t>>("shape");
  const graph::Var& in = cx.InputVar(op, "Input");
  const int64_t in_idx =
      NormalizeAxis(op.Attr<int64_t>("input_dim_idx", 0), RankOf(in), "input_dim_idx");
  const int64_t out_idx = NormalizeAxis(op.Attr<int64_t>("output_dim_idx", 0),
                                        static_cast<int64_t>(shape.size()), "output_dim_idx");
  if (in.shape[in_idx] >= 0) {  // declared: no need to read it at run time
    shape[out_idx] = in.shape[in_idx];
    if (IsFoldable(shape, filler)) {
      cx.BindConstant(op, "Out", FilledTensor(dtype, shape, *value.known));
    } else {
      cx.Bind(op, "Out", FillToShape(cx, filler, value, dtype, cx.ConstI64(shape)));
    }
    return;
  }
  const std::string batch = cx.Slice(cx.Shape(cx.Input(op, "Input")), {in_idx}, {in_idx + 1}, {0});
  std::vector<std::string> pieces;
  if (out_idx > 0) pieces.push_back(cx.ConstI64({shape.begin(), shape.begin() + out_idx}));
  pieces.push_back(batch);
  if (out_idx + 1 < static_cast<int64_t>(shape.size())) {
    pieces.push_back(cx.ConstI64({shape.begin() + out_idx + 1, shape.end()}));
  }
  const std::string full_shape =
      pieces.size() == 1 ? pieces[0] : cx.Node("Concat", pieces, {{"axis", 0}});
  cx.Bind(op, "Out", FillToShape(cx, filler, value, dtype, full_shape));
}

void EmitFillConstant7(MapContext& cx, const graph::Op& op) {
  EmitFillConstant(cx, op, Filler::kExpand);
}
// ConstantOfShape-9 fills a run-time shape without a scalar initializer.
void EmitFillConstant9(MapContext& cx, const graph::Op& op) {
  EmitFillConstant(cx, op, Filler::kConstantOfShape);
}
void EmitBatchSizeLike8(MapContext& cx, const graph::Op& op) {
  EmitBatchSizeLike(cx, op, Filler::kExpand);
}
void EmitBatchSizeLike9(MapContext& cx, const graph::Op& op) {
  EmitBatchSizeLike(cx, op, Filler::kConstantOfShape);
}

}  // namespace

void RegisterFillConstant(Registry& r) {
  r.Add("fill_constant", FillConstantMinOpset, {{7, EmitFillConstant7}, {9, EmitFillConstant9}});
  r.Add("fill_constant_batch_size_like", BatchSizeLikeMinOpset,
        {{8, EmitBatchSizeLike8}, {9, EmitBatchSizeLike9}});
}

}  // namespace pd2onnx::mappers

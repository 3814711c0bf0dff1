// shape: the input's dims as a 1-D tensor; int32 in legacy programs (ONNX
// Shape gives int64, so cast to the declared dtype).
#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"

namespace pd2onnx::mappers {
namespace {

void Emit7(MapContext& cx, const graph::Op& op) {
  const graph::DataType out_dtype = cx.OutputVar(op, "Out").dtype;
  // A parameter's dims are known now.
  if (const graph::ConstTensor* value = cx.ConstantInput(op, "Input")) {
    const std::vector<int64_t>& dims = value->dims();
    cx.BindConstant(op, "Out",
                    TensorOfNumbers(out_dtype, {static_cast<int64_t>(dims.size())},
                                    std::vector<Number>(dims.begin(), dims.end())));
    return;
  }
  const std::string shape = cx.Shape(cx.Input(op, "Input"));
  cx.Bind(op, "Out", CastIfNeeded(cx, shape, graph::DataType::kInt64, out_dtype));
}

}  // namespace

void RegisterShape(Registry& r) { r.Add("shape", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

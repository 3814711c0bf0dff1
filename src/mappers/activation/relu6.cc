// relu6: min(max(x, 0), threshold); `threshold` is 6 unless an older
// writer stored another value.
#include "mappers/activation/activation.h"
#include "mappers/map_context.h"

namespace pd2onnx::mappers {
namespace {

void Emit7(MapContext& cx, const graph::Op& op) {
  const float threshold = op.Attr<float>("threshold", 6.0f);
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  cx.Bind(op, "Out", cx.Clip(cx.Input(op, "X"), 0.0f, threshold, dtype));
}

}  // namespace

void RegisterRelu6(Registry& r) { r.Add("relu6", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

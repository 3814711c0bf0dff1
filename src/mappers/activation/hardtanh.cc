// hardtanh: clip(x, t_min, t_max), the name newer Paddle versions write for
// brelu. Legacy programs store t_min / t_max (defaults 0 and 24, as brelu);
// some writers use min / max, which are accepted when t_min / t_max are absent.
#include "mappers/activation/activation.h"
#include "mappers/map_context.h"

namespace pd2onnx::mappers {
namespace {

float Bound(const graph::Op& op, const char* name, const char* alias, float default_value) {
  if (op.HasAttr(name)) return op.Attr<float>(name);
  return op.Attr<float>(alias, default_value);
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const float lo = Bound(op, "t_min", "min", 0.0f);
  const float hi = Bound(op, "t_max", "max", 24.0f);
  cx.Bind(op, "Out", cx.Clip(cx.Input(op, "X"), lo, hi, cx.InputVar(op, "X").dtype));
}

}  // namespace

void RegisterHardtanh(Registry& r) { r.Add("hardtanh", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

// dropout at inference: "downgrade_in_infer" scales by (1 - p),
// "upscale_in_train" passes X through. The Mask output carries no data.
#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

void Emit7(MapContext& cx, const graph::Op& op) {
  const std::string mode = op.Attr<std::string>("dropout_implementation", "downgrade_in_infer");
  const std::string x = cx.Input(op, "X");
  if (mode == "upscale_in_train") return cx.Bind(op, "Out", x);
  PD2ONNX_CHECK(mode == "downgrade_in_infer", ErrorKind::kUnsupported,
                "dropout_implementation \"{}\" is not supported (expected downgrade_in_infer or "
                "upscale_in_train)",
                mode);
  const float p = op.Attr<float>("dropout_prob", 0.5f);
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  // Paddle computes the factor in float before converting to X's type.
  const std::string keep = cx.ScalarOf(dtype, static_cast<double>(1.0f - p));
  cx.Bind(op, "Out", cx.Node("Mul", {x, keep}));
}

}  // namespace

void RegisterDropout(Registry& r) { r.Add("dropout", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

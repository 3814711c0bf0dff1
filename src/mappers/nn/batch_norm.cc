// batch_norm (inference) → BatchNormalization with the stored statistics.
// Only Y carries data; MeanOut/VarianceOut alias the inputs and the saved
// statistics are for training.
#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// A per-channel parameter in X's dtype (BatchNormalization before opset 15
// wants one element type; fp16 models keep fp32 statistics). An absent
// Scale/Bias becomes `fill` repeated over the channels.
std::string ChannelParam(MapContext& cx, const graph::Op& op, std::string_view slot, DataType dtype,
                         float fill) {
  if (op.HasInput(slot)) {
    return CastIfNeeded(cx, cx.Input(op, slot), cx.InputVar(op, slot).dtype, dtype);
  }
  const graph::Var& mean = cx.InputVar(op, "Mean");
  PD2ONNX_CHECK(mean.shape.size() == 1 && mean.shape[0] >= 0, ErrorKind::kUnsupported,
                "{} is absent and the channel count is unknown (Mean shape {})", slot,
                graph::ShapeToString(mean.shape));
  const std::string values = cx.ConstF32(std::vector<float>(mean.shape[0], fill), mean.shape);
  return CastIfNeeded(cx, values, DataType::kFloat32, dtype);
}

// BatchNormalization-7 (spatial=1 default), -9 (spatial removed), -14
// (training_mode) and -15 (mixed types) agree on inference with one output.
void Emit7(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const size_t rank = x_var.shape.size();
  PD2ONNX_CHECK(rank >= 2, ErrorKind::kUnsupported, "X has rank {}, expected at least 2", rank);
  // Paddle's batch_norm kernel knows NCHW and NHWC only (AnyLayout fails
  // there). Channel-last only moves the channel axis for rank > 2.
  const std::string layout = nn::LayoutAttr(op, "data_layout");
  PD2ONNX_CHECK(layout == "NCHW" || layout == "NHWC", ErrorKind::kUnsupported,
                "data_layout '{}' is not supported (Paddle's batch_norm takes NCHW or NHWC)",
                layout);
  const bool channel_last = rank > 2 && layout == "NHWC";
  const DataType dtype = x_var.dtype;

  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, rank);
  const std::string scale = ChannelParam(cx, op, "Scale", dtype, 1.0f);
  const std::string bias = ChannelParam(cx, op, "Bias", dtype, 0.0f);
  const std::string mean = ChannelParam(cx, op, "Mean", dtype, 0.0f);
  const std::string variance = ChannelParam(cx, op, "Variance", dtype, 1.0f);
  std::string y = cx.Node("BatchNormalization", {x, scale, bias, mean, variance},
                          {{"epsilon", op.Attr<float>("epsilon", 1e-5f)}});
  if (channel_last) y = nn::ToChannelLast(cx, y, rank);
  cx.Bind(op, "Y", y);
}

}  // namespace

void RegisterBatchNorm(Registry& r) {
  r.Add("batch_norm", AnyOpset, {{7, Emit7}});
  r.Add("sync_batch_norm", AnyOpset, {{7, Emit7}});  // the same in inference
}

}  // namespace pd2onnx::mappers

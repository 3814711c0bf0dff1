// conv2d and depthwise_conv2d → Conv. The filter is OIHW for both layouts;
// NHWC data is transposed around the Conv. depthwise_conv2d is a grouped
// convolution with the same attributes.
#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

// Conv-1 and Conv-11 differ only in documentation, so one variant serves.
void Emit7(MapContext& cx, const graph::Op& op) {
  PD2ONNX_CHECK(!op.HasInput("Bias") && !op.HasInput("ResidualData"), ErrorKind::kUnsupported,
                "the fused Bias/ResidualData inputs are not supported");
  const bool channel_last = nn::IsChannelLast(nn::LayoutAttr(op, "data_format"));
  const graph::Var& input_var = cx.InputVar(op, "Input");
  const graph::Var& filter_var = cx.InputVar(op, "Filter");
  PD2ONNX_CHECK(input_var.shape.size() == 4, ErrorKind::kUnsupported,
                "Input has rank {}, expected 4", input_var.shape.size());

  const std::vector<int64_t> strides = nn::PairAttr(op, "strides", {1, 1});
  std::vector<int64_t> dilations = nn::PairAttr(op, "dilations", {1, 1});
  const int64_t groups = op.Attr<int64_t>("groups", 1);
  const std::vector<int64_t> kernel_hw =
      filter_var.shape.size() == 4 ? std::vector<int64_t>{filter_var.shape[2], filter_var.shape[3]}
                                   : std::vector<int64_t>{-1, -1};
  const nn::Padding2d padding =
      nn::ResolvePadding2d(op, nn::SpatialDims2d(input_var, channel_last), kernel_hw, strides);
  if (padding.same) dilations = {1, 1};  // Paddle ignores dilations under "SAME"

  std::vector<NodeAttr> attrs = {{"strides", strides}, {"dilations", dilations}, {"group", groups}};
  if (padding.auto_same_upper) {
    attrs.emplace_back("auto_pad", "SAME_UPPER");
  } else {
    attrs.emplace_back("pads", padding.pads);
  }
  if (nn::AllKnown(kernel_hw)) attrs.emplace_back("kernel_shape", kernel_hw);

  std::string x = cx.Input(op, "Input");
  if (channel_last) x = nn::ToChannelFirst(cx, x, 4);
  std::string y = cx.Node("Conv", {x, cx.Input(op, "Filter")}, attrs);
  if (channel_last) y = nn::ToChannelLast(cx, y, 4);
  cx.Bind(op, "Output", y);
}

}  // namespace

void RegisterConv2d(Registry& r) {
  r.Add("conv2d", AnyOpset, {{7, Emit7}});
  r.Add("depthwise_conv2d", AnyOpset, {{7, Emit7}});
}

}  // namespace pd2onnx::mappers

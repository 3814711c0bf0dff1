// conv3d → Conv and conv3d_transpose → ConvTranspose over NCDHW (NDHWC data
// is transposed around the node). Filters are [M, C/groups, kd, kh, kw]
// and [C, M/groups, kd, kh, kw], already ONNX's layouts. Paddle's
// output_padding / output_size extend the transposed output at the end,
// which ONNX expresses with output_padding.
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

constexpr size_t kAxes = 3;

struct Conv3dSetup {
  bool channel_last = false;
  std::vector<int64_t> in, kernel, strides, dilations;
  nn::PaddingNd padding;
  std::vector<NodeAttr> attrs;
};

Conv3dSetup Setup(MapContext& cx, const graph::Op& op) {
  PD2ONNX_CHECK(!op.HasInput("Bias") && !op.HasInput("ResidualData"), ErrorKind::kUnsupported,
                "the fused Bias/ResidualData inputs are not supported");
  Conv3dSetup s;
  s.channel_last = nn::IsChannelLast(op.Attr<std::string>("data_format", "NCDHW"));
  const graph::Var& input_var = cx.InputVar(op, "Input");
  const graph::Var& filter_var = cx.InputVar(op, "Filter");
  PD2ONNX_CHECK(input_var.shape.size() == 5, ErrorKind::kUnsupported,
                "Input has rank {}, expected 5", input_var.shape.size());
  s.in = nn::SpatialDims(input_var, s.channel_last, kAxes);
  s.kernel = nn::SpatialDims(filter_var, false, kAxes);
  s.strides = nn::TupleAttr(op, "strides", kAxes, {1, 1, 1});
  s.dilations = nn::TupleAttr(op, "dilations", kAxes, {1, 1, 1});
  s.padding = nn::ResolvePaddingNd(op, s.in, s.kernel, s.strides);
  if (s.padding.same) s.dilations = {1, 1, 1};  // Paddle ignores dilations under "SAME"
  s.attrs = {
      {"strides", s.strides}, {"dilations", s.dilations}, {"group", op.Attr<int64_t>("groups", 1)}};
  if (nn::AllKnown(s.kernel)) s.attrs.emplace_back("kernel_shape", s.kernel);
  return s;
}

void EmitConv3d(MapContext& cx, const graph::Op& op) {
  Conv3dSetup s = Setup(cx, op);
  if (s.padding.auto_same_upper) {
    s.attrs.emplace_back("auto_pad", "SAME_UPPER");
  } else {
    s.attrs.emplace_back("pads", s.padding.pads);
  }
  std::string x = cx.Input(op, "Input");
  if (s.channel_last) x = nn::ToChannelFirst(cx, x, 5);
  std::string y = cx.Node("Conv", {x, cx.Input(op, "Filter")}, s.attrs);
  if (s.channel_last) y = nn::ToChannelLast(cx, y, 5);
  cx.Bind(op, "Output", y);
}

void EmitConv3dTranspose(MapContext& cx, const graph::Op& op) {
  Conv3dSetup s = Setup(cx, op);
  PD2ONNX_CHECK(!s.padding.auto_same_upper, ErrorKind::kUnsupported,
                "padding_algorithm=SAME needs known input extents and kernel");
  const auto output_size = op.Attr<std::vector<int64_t>>("output_size", {});
  const auto output_padding = op.Attr<std::vector<int64_t>>("output_padding", {});
  PD2ONNX_CHECK(output_size.empty() || output_size.size() == kAxes, ErrorKind::kUnsupported,
                "output_size has {} values, expected 3", output_size.size());
  PD2ONNX_CHECK(output_padding.empty() || output_padding.size() == kAxes, ErrorKind::kUnsupported,
                "output_padding has {} values, expected 3", output_padding.size());
  if (!output_size.empty()) {
    PD2ONNX_CHECK(nn::AllKnown(s.in) && nn::AllKnown(s.kernel), ErrorKind::kUnsupported,
                  "output_size needs known input extents and kernel");
    std::vector<int64_t> extra(kAxes);
    for (size_t i = 0; i < kAxes; ++i) {
      const int64_t base = (s.in[i] - 1) * s.strides[i] - s.padding.pads[i] -
                           s.padding.pads[kAxes + i] + s.dilations[i] * (s.kernel[i] - 1) + 1;
      extra[i] = output_size[i] - base;
      PD2ONNX_CHECK(extra[i] >= 0 && extra[i] < s.strides[i], ErrorKind::kInvalidInput,
                    "output_size[{}] = {} is outside [{}, {})", i, output_size[i], base,
                    base + s.strides[i]);
    }
    s.attrs.emplace_back("output_padding", extra);
  } else if (!output_padding.empty()) {
    s.attrs.emplace_back("output_padding", output_padding);
  }
  s.attrs.emplace_back("pads", s.padding.pads);
  std::string x = cx.Input(op, "Input");
  if (s.channel_last) x = nn::ToChannelFirst(cx, x, 5);
  std::string y = cx.Node("ConvTranspose", {x, cx.Input(op, "Filter")}, s.attrs);
  if (s.channel_last) y = nn::ToChannelLast(cx, y, 5);
  cx.Bind(op, "Output", y);
}

}  // namespace

void RegisterConv3d(Registry& r) {
  r.Add("conv3d", AnyOpset, {{7, EmitConv3d}});
  r.Add("conv3d_transpose", AnyOpset, {{7, EmitConv3dTranspose}});
}

}  // namespace pd2onnx::mappers

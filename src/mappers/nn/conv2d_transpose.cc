// conv2d_transpose → ConvTranspose. The
// filter [C_in, C_out / groups, kh, kw] is already ONNX's layout. Paddle's
// output_padding and output_size both extend the output at the end, which
// ONNX expresses with output_padding.
#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

struct TransposeGeometry {
  std::vector<int64_t> in_hw;      // -1 = unknown
  std::vector<int64_t> kernel_hw;  // -1 = unknown
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> pads;  // ONNX order [top, left, bottom, right]

  // Output extent without output_padding/output_size; needs known extents.
  int64_t BaseExtent(size_t axis) const {
    return (in_hw[axis] - 1) * strides[axis] - pads[axis] - pads[axis + 2] +
           dilations[axis] * (kernel_hw[axis] - 1) + 1;
  }
};

// ONNX output_padding for a static output_size, checked against Paddle's
// rule base <= output_size < base + stride.
std::vector<int64_t> PaddingForOutputSize(const TransposeGeometry& g,
                                          const std::vector<int64_t>& output_size) {
  std::vector<int64_t> extra(2);
  for (size_t axis = 0; axis < 2; ++axis) {
    const int64_t base = g.BaseExtent(axis);
    extra[axis] = output_size[axis] - base;
    PD2ONNX_CHECK(extra[axis] >= 0 && extra[axis] < g.strides[axis], ErrorKind::kInvalidInput,
                  "output_size[{}] = {} is outside [{}, {}) for this input, filter and strides",
                  axis, output_size[axis], base, base + g.strides[axis]);
  }
  return extra;
}

void Emit7(MapContext& cx, const graph::Op& op) {
  PD2ONNX_CHECK(!op.HasInput("Bias"), ErrorKind::kUnsupported,
                "the fused Bias input is not supported");
  const bool channel_last = nn::IsChannelLast(nn::LayoutAttr(op, "data_format"));
  const graph::Var& input_var = cx.InputVar(op, "Input");
  const graph::Var& filter_var = cx.InputVar(op, "Filter");
  PD2ONNX_CHECK(input_var.shape.size() == 4, ErrorKind::kUnsupported,
                "Input has rank {}, expected 4", input_var.shape.size());

  TransposeGeometry g;
  g.in_hw = nn::SpatialDims2d(input_var, channel_last);
  g.kernel_hw = filter_var.shape.size() == 4
                    ? std::vector<int64_t>{filter_var.shape[2], filter_var.shape[3]}
                    : std::vector<int64_t>{-1, -1};
  g.strides = nn::PairAttr(op, "strides", {1, 1});
  g.dilations = nn::PairAttr(op, "dilations", {1, 1});
  const nn::Padding2d padding = nn::ResolvePadding2d(op, g.in_hw, g.kernel_hw, g.strides);
  PD2ONNX_CHECK(!padding.auto_same_upper, ErrorKind::kUnsupported,
                "padding_algorithm=SAME needs known input height and width (input shape {})",
                graph::ShapeToString(input_var.shape));
  if (padding.same) g.dilations = {1, 1};  // Paddle ignores dilations under "SAME"
  g.pads = padding.pads;

  const auto output_size = op.Attr<std::vector<int64_t>>("output_size", {});
  const auto output_padding = op.Attr<std::vector<int64_t>>("output_padding", {});
  PD2ONNX_CHECK(output_size.empty() || output_size.size() == 2, ErrorKind::kUnsupported,
                "output_size has {} values, expected 2", output_size.size());
  PD2ONNX_CHECK(output_padding.empty() || output_padding.size() == 2, ErrorKind::kUnsupported,
                "output_padding has {} values, expected 2", output_padding.size());

  std::vector<NodeAttr> attrs = {
      {"strides", g.strides}, {"dilations", g.dilations}, {"group", op.Attr<int64_t>("groups", 1)}};
  if (nn::AllKnown(g.kernel_hw)) attrs.emplace_back("kernel_shape", g.kernel_hw);

  // With output_size but unknown extents, compute without end padding and
  // with the largest output_padding, then keep the first output_size rows
  // and columns: the same values, since both only extend at the end.
  bool crop_to_output_size = false;
  if (!output_size.empty()) {
    if (nn::AllKnown(g.in_hw) && nn::AllKnown(g.kernel_hw)) {
      attrs.emplace_back("output_padding", PaddingForOutputSize(g, output_size));
    } else {
      crop_to_output_size = true;
      g.pads[2] = g.pads[3] = 0;
      attrs.emplace_back("output_padding",
                         std::vector<int64_t>{g.strides[0] - 1, g.strides[1] - 1});
    }
  } else if (!output_padding.empty()) {
    attrs.emplace_back("output_padding", output_padding);
  }
  attrs.emplace_back("pads", g.pads);

  std::string x = cx.Input(op, "Input");
  if (channel_last) x = nn::ToChannelFirst(cx, x, 4);
  std::string y = cx.Node("ConvTranspose", {x, cx.Input(op, "Filter")}, attrs);
  if (crop_to_output_size) y = cx.Slice(y, {0, 0}, output_size, {2, 3});
  if (channel_last) y = nn::ToChannelLast(cx, y, 4);
  cx.Bind(op, "Output", y);
}

}  // namespace

void RegisterConv2dTranspose(Registry& r) {
  r.Add("conv2d_transpose", AnyOpset, {{7, Emit7}});
  r.Add("depthwise_conv2d_transpose", AnyOpset, {{7, Emit7}});
}

}  // namespace pd2onnx::mappers

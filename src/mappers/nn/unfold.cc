// unfold (im2col) → a grouped Conv with a one-hot filter, then Reshape:
// X [N, C, H, W] → [N, C·kh·kw, L], where row c·kh·kw + i·kw + j holds
// x[n, c, oy·sh - pad_top + i·dh, ox·sw - pad_left + j·dw] (0 in the
// padding) and L = OH·OW. paddings are [top, left, bottom, right] (ONNX's
// order). Filter [C·kh·kw, 1, kh, kw] with groups = C puts tap (i, j) of
// channel c into output channel c·kh·kw + i·kw + j.
#include <vector>

#include "graph/tensor.h"
#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

void EmitUnfold(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 4, ErrorKind::kUnsupported, "X has rank {}, expected 4",
                x_var.shape.size());
  PD2ONNX_CHECK(x_var.dtype == graph::DataType::kFloat32, ErrorKind::kUnsupported,
                "X has dtype {}, only float32 is supported (Conv)",
                graph::DataTypeName(x_var.dtype));
  const int64_t c = x_var.shape[1];
  PD2ONNX_CHECK(c >= 0, ErrorKind::kUnsupported, "unfold needs a known channel count (X shape {})",
                graph::ShapeToString(x_var.shape));
  const auto kernel = nn::PairAttr(op, "kernel_sizes", {});
  const auto strides = nn::PairAttr(op, "strides", {1, 1});
  const auto dilations = nn::PairAttr(op, "dilations", {1, 1});
  const auto paddings = op.Attr<std::vector<int64_t>>("paddings", {0, 0, 0, 0});
  PD2ONNX_CHECK(paddings.size() == 4, ErrorKind::kUnsupported,
                "paddings has {} values, expected 4 [top, left, bottom, right]", paddings.size());
  const int64_t taps = kernel[0] * kernel[1];
  std::vector<float> one_hot(static_cast<size_t>(c * taps * taps), 0.0f);
  for (int64_t oc = 0; oc < c * taps; ++oc) one_hot[oc * taps + oc % taps] = 1.0f;
  const std::string filter = cx.ConstF32(one_hot, {c * taps, 1, kernel[0], kernel[1]});
  const std::string columns = cx.Node("Conv", {cx.Input(op, "X"), filter},
                                      {{"kernel_shape", kernel},
                                       {"strides", strides},
                                       {"dilations", dilations},
                                       {"pads", paddings},
                                       {"group", c}});
  cx.Bind(op, "Y", cx.Reshape(columns, {0, 0, -1}));
}

}  // namespace

void RegisterUnfold(Registry& r) { r.Add("unfold", AnyOpset, {{7, EmitUnfold}}); }

}  // namespace pd2onnx::mappers

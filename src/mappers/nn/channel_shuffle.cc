// pixel_unshuffle and channel_shuffle → Reshape / Transpose / Reshape (and
// SpaceToDepth), every opset:
//   pixel_unshuffle: out[n, c·r² + i·r + j, h, w] = x[n, c, h·r + i, w·r + j]
//   channel_shuffle: out[n, j·g + i, ...] = x[n, i·(C/g) + j, ...]
// Both need the declared channel count; batch and spatial extents may be
// unknown (the final shape is taken at run time).
#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

// Declared channels of a 4-D X in the op's data_format; fails when unknown.
int64_t KnownChannels(MapContext& cx, const graph::Op& op, bool channel_last) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 4, ErrorKind::kUnsupported, "X has rank {}, expected 4",
                x_var.shape.size());
  const int64_t c = channel_last ? x_var.shape[3] : x_var.shape[1];
  PD2ONNX_CHECK(c >= 0, ErrorKind::kUnsupported, "{} needs a known channel count (X shape {})",
                op.type, graph::ShapeToString(x_var.shape));
  return c;
}

void EmitPixelUnshuffle(MapContext& cx, const graph::Op& op) {
  const int64_t r = op.Attr<int64_t>("downscale_factor", 1);
  PD2ONNX_CHECK(r >= 1, ErrorKind::kInvalidInput, "downscale_factor {} must be positive", r);
  const bool channel_last = nn::IsChannelLast(nn::LayoutAttr(op, "data_format"));
  const int64_t c = KnownChannels(cx, op, channel_last);
  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, 4);
  // SpaceToDepth orders the output channels (i·r + j)·C + c; regroup them
  // to c·r² + i·r + j.
  const std::string blocks = cx.Node("SpaceToDepth", {x}, {{"blocksize", r}});
  const std::string shape = cx.Shape(blocks);
  const std::string split = cx.Reshape(blocks, {0, r * r, c, -1});
  std::string y = cx.Node("Reshape", {cx.Transpose(split, {0, 2, 1, 3}), shape});
  if (channel_last) y = nn::ToChannelLast(cx, y, 4);
  cx.Bind(op, "Out", y);
}

void EmitChannelShuffle(MapContext& cx, const graph::Op& op) {
  const int64_t g = op.Attr<int64_t>("groups", 1);
  const bool channel_last = nn::IsChannelLast(nn::LayoutAttr(op, "data_format"));
  const int64_t c = KnownChannels(cx, op, channel_last);
  PD2ONNX_CHECK(g >= 1 && c % g == 0, ErrorKind::kInvalidInput,
                "groups {} does not divide the {} channels", g, c);
  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, 4);
  const std::string shape = cx.Shape(x);
  const std::string split = cx.Reshape(x, {0, g, c / g, -1});
  std::string y = cx.Node("Reshape", {cx.Transpose(split, {0, 2, 1, 3}), shape});
  if (channel_last) y = nn::ToChannelLast(cx, y, 4);
  cx.Bind(op, "Out", y);
}

}  // namespace

void RegisterChannelShuffle(Registry& r) {
  r.Add("channel_shuffle", AnyOpset, {{7, EmitChannelShuffle}});
  r.Add("pixel_unshuffle", AnyOpset, {{7, EmitPixelUnshuffle}});
}

}  // namespace pd2onnx::mappers

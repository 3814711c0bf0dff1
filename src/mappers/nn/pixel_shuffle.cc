// pixel_shuffle → DepthToSpace in CRD order (opset 11), or the same
// Reshape / Transpose / Reshape below it:
// out[n, c, h*r + i, w*r + j] = x[n, c*r*r + i*r + j, h, w].
#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

int64_t UpscaleFactor(const graph::Op& op) {
  const int64_t r = op.Attr<int64_t>("upscale_factor", 1);
  PD2ONNX_CHECK(r >= 1, ErrorKind::kInvalidInput, "upscale_factor {} must be positive", r);
  return r;
}

// Runs `emit` on the channel-first input and binds its result in the op's layout.
template <typename EmitFn>
void WithLayout(MapContext& cx, const graph::Op& op, EmitFn emit) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 4, ErrorKind::kUnsupported, "X has rank {}, expected 4",
                x_var.shape.size());
  const bool channel_last = nn::IsChannelLast(nn::LayoutAttr(op, "data_format"));
  const std::vector<int64_t>& s = x_var.shape;
  // Declared C, H, W in channel-first order.
  const std::vector<int64_t> chw = channel_last ? std::vector<int64_t>{s[3], s[1], s[2]}
                                                : std::vector<int64_t>{s[1], s[2], s[3]};
  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, 4);
  std::string y = emit(x, chw);
  if (channel_last) y = nn::ToChannelLast(cx, y, 4);
  cx.Bind(op, "Out", y);
}

// The two Reshape targets [N, C/r², r, r, H, W] and [N, C/r², H·r, W·r],
// as constants when C, H and W are declared (0 copies N), else from Shape.
std::pair<std::string, std::string> ShuffleShapes(MapContext& cx, const std::string& x,
                                                  const std::vector<int64_t>& chw, int64_t r) {
  if (nn::AllKnown(chw)) {
    const int64_t c = chw[0] / (r * r);
    return {cx.ConstI64({0, c, r, r, chw[1], chw[2]}), cx.ConstI64({0, c, chw[1] * r, chw[2] * r})};
  }
  const std::string shape = cx.Shape(x);
  auto dim = [&](int64_t i) { return cx.Slice(shape, {i}, {i + 1}, {0}); };
  const std::string n = dim(0);
  const std::string c = cx.Node("Div", {dim(1), cx.ConstI64({r * r})});
  const std::string h = dim(2);
  const std::string w = dim(3);
  const std::string factor = cx.ConstI64({r});
  const std::string split = cx.Node("Concat", {n, c, cx.ConstI64({r, r}), h, w}, {{"axis", 0}});
  const std::string merged = cx.Node(
      "Concat", {n, c, cx.Node("Mul", {h, factor}), cx.Node("Mul", {w, factor})}, {{"axis", 0}});
  return {split, merged};
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t r = UpscaleFactor(op);
  WithLayout(cx, op, [&](const std::string& x, const std::vector<int64_t>& chw) {
    const auto [split, merged] = ShuffleShapes(cx, x, chw, r);
    const std::string blocks = cx.Node("Reshape", {x, split});
    const std::string moved = cx.Transpose(blocks, {0, 1, 4, 2, 5, 3});
    return cx.Node("Reshape", {moved, merged});
  });
}

// DepthToSpace-11 adds mode=CRD.
void Emit11(MapContext& cx, const graph::Op& op) {
  const int64_t r = UpscaleFactor(op);
  WithLayout(cx, op, [&](const std::string& x, const std::vector<int64_t>&) {
    return cx.Node("DepthToSpace", {x}, {{"blocksize", r}, {"mode", "CRD"}});
  });
}

}  // namespace

void RegisterPixelShuffle(Registry& r) {
  r.Add("pixel_shuffle", AnyOpset, {{7, Emit7}, {11, Emit11}});
}

}  // namespace pd2onnx::mappers

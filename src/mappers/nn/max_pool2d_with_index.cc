// max_pool2d_with_index → MaxPool-8 with its Indices output. Out is the
// max over each window; Mask (int32) is the index h·W + w of that max
// inside its H×W plane. ONNX counts indices over the whole NCHW tensor, so
// the plane offset is removed with Mod(H·W). Windows start at
// o·stride - padding and end at min(start + k, in): pads only place them.
// global_pooling pools the whole plane; adaptive pooling is supported when
// the extents are known and divisible by ksize (then it is a plain pool).
#include <algorithm>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

OpsetNeed MinOpset(const graph::Op&) { return {8, "the Mask output (MaxPool-8 Indices)"}; }

void Emit8(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 4, ErrorKind::kUnsupported, "X has rank {}, expected 4",
                x_var.shape.size());
  const std::vector<int64_t> in = nn::SpatialDims2d(x_var, false);
  std::vector<int64_t> ksize = nn::PairAttr(op, "ksize", {});
  std::vector<int64_t> strides = nn::PairAttr(op, "strides", {1, 1});
  std::vector<int64_t> pads = nn::OnnxPads2d(op.Attr<std::vector<int64_t>>("paddings", {0, 0}));
  if (op.Attr<bool>("global_pooling", false)) {
    PD2ONNX_CHECK(nn::AllKnown(in), ErrorKind::kUnsupported,
                  "global_pooling=true needs known input extents (X shape {})",
                  graph::ShapeToString(x_var.shape));
    ksize = in;
    strides = {1, 1};
    pads = {0, 0, 0, 0};
  } else if (op.Attr<bool>("adaptive", false)) {
    PD2ONNX_CHECK(nn::AllKnown(in) && in[0] % ksize[0] == 0 && in[1] % ksize[1] == 0,
                  ErrorKind::kUnsupported,
                  "adaptive=true needs known input extents (X shape {}) divisible by ksize",
                  graph::ShapeToString(x_var.shape));
    ksize = {in[0] / ksize[0], in[1] / ksize[1]};
    strides = ksize;
    pads = {0, 0, 0, 0};
  }
  PD2ONNX_CHECK(std::max(pads[0], pads[2]) < ksize[0] && std::max(pads[1], pads[3]) < ksize[1],
                ErrorKind::kUnsupported, "paddings must be smaller than ksize (ONNX pooling pads)");
  const std::vector<std::string> outs =
      cx.NodeN("MaxPool", {cx.Input(op, "X")}, 2,
               {{"kernel_shape", ksize}, {"strides", strides}, {"pads", pads}});
  cx.Bind(op, "Out", outs[0]);
  if (op.HasOutput("Mask")) {
    // Indices are int64 over N·C·H·W; keep the offset inside the plane.
    const std::string plane =
        nn::AllKnown(in)
            ? cx.ConstI64({in[0] * in[1]})
            : cx.Reduce("ReduceProd", cx.Slice(cx.Shape(cx.Input(op, "X")), {2}, {4}, {0}), {0},
                        true);
    // idx - (idx / plane)·plane: the indices are non-negative (Mod is opset 10).
    const std::string planes_before = cx.Node("Mul", {cx.Node("Div", {outs[1], plane}), plane});
    const std::string within = cx.Node("Sub", {outs[1], planes_before});
    cx.Bind(op, "Mask", cx.Cast(within, cx.OutputVar(op, "Mask").dtype));
  }
}

}  // namespace

void RegisterMaxPool2dWithIndex(Registry& r) {
  r.Add("max_pool2d_with_index", MinOpset, {{8, Emit8}});
}

}  // namespace pd2onnx::mappers

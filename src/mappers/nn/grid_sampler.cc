// grid_sampler → GridSample (opset 16; opset 20 renames the modes to
// linear / cubic). Paddle's grid_sampler is PyTorch's grid_sample: Grid
// [N, Ho, Wo, 2] holds (x, y) in [-1, 1], unnormalised to pixel corners
// (align_corners) or pixel edges, sampled bilinearly or by nearest pixel,
// with padding_mode zeros / border / reflection — GridSample's definition.
#include <string>

#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed MinOpset(const graph::Op&) { return {16, "grid_sampler (GridSample-16)"}; }

void Emit(MapContext& cx, const graph::Op& op, bool renamed_modes) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 4, ErrorKind::kUnsupported, "X has rank {}, expected 4",
                x_var.shape.size());
  const std::string mode = op.Attr<std::string>("mode", "bilinear");
  PD2ONNX_CHECK(mode == "bilinear" || mode == "nearest", ErrorKind::kUnsupported,
                "mode \"{}\" is not supported (expected bilinear or nearest)", mode);
  const std::string padding_mode = op.Attr<std::string>("padding_mode", "zeros");
  PD2ONNX_CHECK(padding_mode == "zeros" || padding_mode == "border" || padding_mode == "reflection",
                ErrorKind::kUnsupported,
                "padding_mode \"{}\" is not supported (expected zeros, border or reflection)",
                padding_mode);
  const std::string onnx_mode = mode == "nearest" ? "nearest"
                                : renamed_modes   ? "linear"
                                                  : "bilinear";
  const int64_t align_corners = op.Attr<bool>("align_corners", true) ? 1 : 0;
  cx.Bind(
      op, "Output",
      cx.Node(
          "GridSample", {cx.Input(op, "X"), cx.Input(op, "Grid")},
          {{"mode", onnx_mode}, {"padding_mode", padding_mode}, {"align_corners", align_corners}}));
}

void Emit16(MapContext& cx, const graph::Op& op) { Emit(cx, op, false); }
// GridSample-20 names the modes linear / nearest / cubic.
void Emit20(MapContext& cx, const graph::Op& op) { Emit(cx, op, true); }

}  // namespace

void RegisterGridSampler(Registry& r) {
  r.Add("grid_sampler", MinOpset, {{16, Emit16}, {20, Emit20}});
}

}  // namespace pd2onnx::mappers

// box_clip → every (x1, y1, x2, y2) of Input [..., 4] clamped to
// [0, im_w - 1] / [0, im_h - 1] with Paddle's max(min(v, hi), 0), where
// im_h = round(ImInfo[0] / ImInfo[2]) and im_w = round(ImInfo[1] / ImInfo[2])
// (C round: halves away from zero). Paddle splits a batch by the boxes'
// LoD, which ONNX does not carry: ImInfo must hold one image (a Reshape to
// [3] fails at run time otherwise).
#include <string>

#include "mappers/detection/detection.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// C round(): ONNX Round rounds halves to even, so add the half-way case by
// hand on |v| (v - floor(v) is exact in fp32).
std::string RoundHalfAway(MapContext& cx, const std::string& v) {
  const std::string a = cx.Node("Abs", {v});
  const std::string fl = cx.Node("Floor", {a});
  const std::string half = cx.ScalarOf(DataType::kFloat32, 0.5);
  const std::string up = cx.Node("Not", {cx.Node("Less", {cx.Node("Sub", {a, fl}), half})});
  const std::string one = cx.ScalarOf(DataType::kFloat32, 1.0);
  const std::string r = cx.Node("Where", {up, cx.Node("Add", {fl, one}), fl});
  return cx.Node("Mul", {r, cx.Node("Sign", {v})});
}

void Emit9(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.InputVar(op, "Input").dtype;
  if (dtype != DataType::kFloat32) {
    Fail(ErrorKind::kUnsupported, "box_clip: Input dtype {} is not supported (float32 only)",
         graph::DataTypeName(dtype));
  }
  const std::string info = cx.Reshape(cx.Cast(cx.Input(op, "ImInfo"), DataType::kFloat32), {3});
  const std::string scale = cx.Slice(info, {2}, {3}, {0});
  const std::string h = RoundHalfAway(cx, cx.Node("Div", {cx.Slice(info, {0}, {1}, {0}), scale}));
  const std::string w = RoundHalfAway(cx, cx.Node("Div", {cx.Slice(info, {1}, {2}, {0}), scale}));
  const std::string one = cx.ScalarOf(DataType::kFloat32, 1.0);
  // Upper bounds per coordinate: (w - 1, h - 1, w - 1, h - 1).
  const std::string w1 = cx.Node("Sub", {w, one});
  const std::string h1 = cx.Node("Sub", {h, one});
  const std::string hi = cx.Node("Concat", {w1, h1, w1, h1}, {{"axis", 0}});
  const std::string zero = cx.ScalarOf(DataType::kFloat32, 0.0);
  const std::string clipped = cx.Node("Max", {cx.Node("Min", {cx.Input(op, "Input"), hi}), zero});
  cx.Bind(op, "Output", clipped);
}

OpsetNeed MinOpset(const graph::Op&) { return {9, "Where and Sign round box_clip's image size"}; }

}  // namespace

void RegisterBoxClip(Registry& r) { r.Add("box_clip", MinOpset, {{9, Emit9}}); }

}  // namespace pd2onnx::mappers

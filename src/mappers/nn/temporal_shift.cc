// temporal_shift → Reshape / Pad / Slice / Concat. X [N·T, C, H, W] is
// viewed as [N, T, C, H, W]; with c1 = int(C·shift_ratio) and
// c2 = int(2·C·shift_ratio), channels below c1 read time t - 1, channels in
// [c1, c2) read t + 1, the rest t; reads outside [0, T) give 0. Padding T
// by one zero step on each side turns the three reads into three slices of
// the padded tensor at offsets 0, 2 and 1.
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

void EmitShift(MapContext& cx, const graph::Op& op, bool pads_as_input) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 4, ErrorKind::kUnsupported, "X has rank {}, expected 4",
                x_var.shape.size());
  const bool channel_last = nn::IsChannelLast(nn::LayoutAttr(op, "data_format"));
  const int64_t c = channel_last ? x_var.shape[3] : x_var.shape[1];
  PD2ONNX_CHECK(c >= 0, ErrorKind::kUnsupported,
                "temporal_shift needs a known channel count (X shape {})",
                graph::ShapeToString(x_var.shape));
  const int64_t t = op.Attr<int64_t>("seg_num");
  PD2ONNX_CHECK(t >= 1, ErrorKind::kInvalidInput, "seg_num {} must be positive", t);
  const float ratio = op.Attr<float>("shift_ratio", 0.25f);
  const auto c1 = static_cast<int64_t>(static_cast<float>(c) * ratio);
  const auto c2 = static_cast<int64_t>(static_cast<float>(c) * 2 * ratio);

  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, 4);
  const std::string shape = cx.Shape(x);
  // [N·T, C, H, W] → [N, T, C, H, W]
  const std::string video = cx.Node(
      "Reshape", {x, cx.Node("Concat", {cx.ConstI64({-1, t}), cx.Slice(shape, {1}, {4}, {0})},
                             {{"axis", 0}})});
  const std::vector<int64_t> pads = {0, 1, 0, 0, 0, 0, 1, 0, 0, 0};
  const std::string padded =
      pads_as_input ? cx.Node("Pad", {video, cx.ConstI64(pads)}, {{"mode", "constant"}})
                    : cx.Node("Pad", {video}, {{"pads", pads}, {"mode", "constant"}});
  // (channel range, time offset into the padded tensor)
  struct Part {
    int64_t begin, end, offset;
  };
  std::vector<std::string> parts;
  for (const Part& part : {Part{0, c1, 0}, Part{c1, c2, 2}, Part{c2, c, 1}}) {
    if (part.begin >= part.end) continue;
    parts.push_back(
        cx.Slice(padded, {part.offset, part.begin}, {part.offset + t, part.end}, {1, 2}));
  }
  const std::string joined = parts.size() == 1 ? parts[0] : cx.Node("Concat", parts, {{"axis", 2}});
  std::string y = cx.Node("Reshape", {joined, shape});
  if (channel_last) y = nn::ToChannelLast(cx, y, 4);
  cx.Bind(op, "Out", y);
}

void Emit7(MapContext& cx, const graph::Op& op) { EmitShift(cx, op, false); }
// Pad-11 takes pads as an input.
void Emit11(MapContext& cx, const graph::Op& op) { EmitShift(cx, op, true); }

}  // namespace

void RegisterTemporalShift(Registry& r) {
  r.Add("temporal_shift", AnyOpset, {{7, Emit7}, {11, Emit11}});
}

}  // namespace pd2onnx::mappers

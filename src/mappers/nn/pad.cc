// pad3d, pad2d and pad → Pad.
//
// * pad3d: `paddings` (or the Paddings tensor) = [left, right, top, bottom,
//   front, back] of a 5-D NCDHW/NDHWC X; mode constant / reflect /
//   replicate (ONNX edge) / circular (ONNX wrap, Pad-19); `value`.
// * pad2d (1.x): [top, bottom, left, right] of a 4-D NCHW/NHWC X; mode
//   constant / reflect / edge; `pad_value`.
// * pad: [before₀, after₀, before₁, after₁, ...] over every axis, constant
//   `pad_value`.
// Pad-7 takes pads as an attribute; Pad-11 takes pads and the constant as
// inputs (so a run-time Paddings tensor needs opset 11).
#include <optional>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// How a Paddle padding list maps onto ONNX pads: ONNX pads position i takes
// Paddle entry source[i] (-1 = no padding).
struct PadPlan {
  std::vector<int64_t> source;  // 2·rank entries (all begins, then all ends)
  std::string mode = "constant";
  float value = 0;
  size_t paddle_count = 0;  // entries of the Paddle list
};

// The ONNX mode of a Paddle mode; fails naming the attribute.
std::string OnnxMode(const graph::Op& op, const std::string& mode) {
  if (mode == "constant" || mode == "reflect") return mode;
  if (mode == "replicate" || mode == "edge") return "edge";
  if (mode == "circular" && op.type == "pad3d") return "wrap";
  Fail(ErrorKind::kUnsupported, "mode \"{}\" is not supported for {}", mode, op.type);
}

// Spatial padding of a channel-first/last tensor: `axes_pairs[k]` is the
// Paddle index of the before entry of spatial axis k (after = +1), spatial
// axes in D, H, W order.
PadPlan SpatialPlan(size_t rank, bool channel_last, const std::vector<int64_t>& before_index) {
  PadPlan plan;
  plan.source.assign(2 * rank, -1);
  const size_t first_spatial = channel_last ? 1 : 2;
  for (size_t k = 0; k < before_index.size(); ++k) {
    plan.source[first_spatial + k] = before_index[k];
    plan.source[rank + first_spatial + k] = before_index[k] + 1;
  }
  plan.paddle_count = 2 * before_index.size();
  return plan;
}

PadPlan MakePlan(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const size_t rank = x_var.shape.size();
  PadPlan plan;
  if (op.type == "pad") {
    plan.source.assign(2 * rank, -1);
    for (size_t i = 0; i < rank; ++i) {
      plan.source[i] = static_cast<int64_t>(2 * i);
      plan.source[rank + i] = static_cast<int64_t>(2 * i + 1);
    }
    plan.paddle_count = 2 * rank;
    plan.value = op.Attr<float>("pad_value", 0.0f);
    return plan;
  }
  const bool is3d = op.type == "pad3d";
  const size_t want = is3d ? 5 : 4;
  PD2ONNX_CHECK(rank == want, ErrorKind::kUnsupported, "X has rank {}, expected {}", rank, want);
  const bool channel_last =
      nn::IsChannelLast(op.Attr<std::string>("data_format", is3d ? "NCDHW" : "NCHW"));
  // pad3d lists W, H, D pairs; pad2d H, W pairs.
  plan =
      is3d ? SpatialPlan(rank, channel_last, {4, 2, 0}) : SpatialPlan(rank, channel_last, {0, 2});
  plan.mode = OnnxMode(op, op.Attr<std::string>("mode", "constant"));
  plan.value = is3d ? op.Attr<float>("value", 0.0f) : op.Attr<float>("pad_value", 0.0f);
  return plan;
}

// The Paddle padding list when known at conversion time.
std::optional<std::vector<int64_t>> ConstantPaddings(MapContext& cx, const graph::Op& op) {
  if (op.HasInput("Paddings")) {
    const graph::ConstTensor* value = cx.ConstantInput(op, "Paddings");
    if (value == nullptr) return std::nullopt;
    return value->ToInt64();
  }
  return op.Attr<std::vector<int64_t>>("paddings");
}

std::vector<int64_t> OnnxPads(const PadPlan& plan, const std::vector<int64_t>& paddings) {
  PD2ONNX_CHECK(paddings.size() == plan.paddle_count, ErrorKind::kInvalidInput,
                "paddings has {} values, expected {}", paddings.size(), plan.paddle_count);
  std::vector<int64_t> pads;
  for (int64_t s : plan.source) pads.push_back(s < 0 ? 0 : paddings[static_cast<size_t>(s)]);
  return pads;
}

OpsetNeed MinOpset(const graph::Op& op) {
  if (op.type == "pad3d" && op.Attr<std::string>("mode", "constant") == "circular") {
    return {19, "mode=circular (Pad-19 wrap)"};
  }
  if (op.HasInput("Paddings")) return {11, "Paddings input (Pad-11 pads input)"};
  return {};
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const PadPlan plan = MakePlan(cx, op);
  const auto paddings = ConstantPaddings(cx, op);
  PD2ONNX_CHECK(paddings.has_value(), ErrorKind::kUnsupported,
                "a run-time Paddings input needs opset 11 (Pad-11 pads input)");
  const DataType dtype = cx.InputVar(op, "X").dtype;
  PD2ONNX_CHECK(
      dtype == DataType::kFloat32 || dtype == DataType::kFloat64 || dtype == DataType::kFloat16,
      ErrorKind::kUnsupported, "X of dtype {} needs opset 11 (Pad-2 pads floats only)",
      graph::DataTypeName(dtype));
  std::vector<NodeAttr> attrs = {{"pads", OnnxPads(plan, *paddings)}, {"mode", plan.mode}};
  if (plan.mode == "constant") attrs.emplace_back("value", plan.value);
  cx.Bind(op, "Out", cx.Node("Pad", {cx.Input(op, "X")}, attrs));
}

void Emit11(MapContext& cx, const graph::Op& op) {
  const PadPlan plan = MakePlan(cx, op);
  std::string pads;
  if (const auto paddings = ConstantPaddings(cx, op)) {
    pads = cx.ConstI64(OnnxPads(plan, *paddings));
  } else {
    // Gather the ONNX order from the run-time list with a trailing 0 appended.
    const graph::Var& p_var = cx.InputVar(op, "Paddings");
    const std::string p64 =
        CastIfNeeded(cx, cx.Reshape(cx.Input(op, "Paddings"), {-1}), p_var.dtype, DataType::kInt64);
    const std::string with_zero = cx.Node("Concat", {p64, cx.ConstI64({0})}, {{"axis", 0}});
    std::vector<int64_t> index;
    for (int64_t s : plan.source)
      index.push_back(s < 0 ? static_cast<int64_t>(plan.paddle_count) : s);
    pads = cx.Node("Gather", {with_zero, cx.ConstI64(index)}, {{"axis", 0}});
  }
  const graph::Var& x_var = cx.InputVar(op, "X");
  std::vector<std::string> inputs = {cx.Input(op, "X"), pads};
  if (plan.mode == "constant") inputs.push_back(cx.ScalarOf(x_var.dtype, plan.value));
  cx.Bind(op, "Out", cx.Node("Pad", inputs, {{"mode", plan.mode}}));
}

}  // namespace

void RegisterPad(Registry& r) {
  r.Add("pad", MinOpset, {{7, Emit7}, {11, Emit11}});
  r.Add("pad2d", MinOpset, {{7, Emit7}, {11, Emit11}});
  r.Add("pad3d", MinOpset, {{7, Emit7}, {11, Emit11}});
}

}  // namespace pd2onnx::mappers

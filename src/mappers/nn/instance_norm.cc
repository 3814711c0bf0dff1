// instance_norm → InstanceNormalization; group_norm → InstanceNormalization
// over [N, groups, -1] followed by the per-channel Scale and Bias;
// affine_channel → Mul + Add with per-channel parameters.
//
// instance_norm normalises each (n, c) plane over its spatial elements with
// the biased variance: Y = (X - mean) / sqrt(var + epsilon) · Scale + Bias.
// group_norm does the same over each group of C / groups channels together
// with their spatial elements. Only Y carries data; the saved statistics
// (SavedMean/SavedVariance, Mean/Variance) are for training.
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// Declared channel count of a channel-first or channel-last variable.
int64_t ChannelsOf(const graph::Var& var, bool channel_last) {
  if (var.shape.size() < 2) return -1;
  return channel_last ? var.shape.back() : var.shape[1];
}

// `count` copies of `fill` as a 1-D tensor of `dtype`.
std::string FilledVector(MapContext& cx, int64_t count, float fill, DataType dtype) {
  const std::string values =
      cx.ConstF32(std::vector<float>(static_cast<size_t>(count), fill), {count});
  return CastIfNeeded(cx, values, DataType::kFloat32, dtype);
}

// The optional per-channel Scale / Bias of instance_norm as a 1-D tensor of
// X's dtype; absent → `fill` over the (declared) channels.
std::string InstanceParam(MapContext& cx, const graph::Op& op, std::string_view slot,
                          int64_t channels, float fill, DataType dtype) {
  if (op.HasInput(slot)) {
    return CastIfNeeded(cx, cx.Reshape(cx.Input(op, slot), {-1}), cx.InputVar(op, slot).dtype,
                        dtype);
  }
  PD2ONNX_CHECK(channels >= 0, ErrorKind::kUnsupported,
                "{} is absent and the channel count of X is unknown", slot);
  return FilledVector(cx, channels, fill, dtype);
}

void EmitInstanceNorm(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const size_t rank = x_var.shape.size();
  PD2ONNX_CHECK(rank >= 3, ErrorKind::kUnsupported, "X has rank {}, expected at least 3", rank);
  const DataType dtype = x_var.dtype;
  const int64_t channels = ChannelsOf(x_var, false);
  const std::string scale = InstanceParam(cx, op, "Scale", channels, 1.0f, dtype);
  const std::string bias = InstanceParam(cx, op, "Bias", channels, 0.0f, dtype);
  const std::string y = cx.Node("InstanceNormalization", {cx.Input(op, "X"), scale, bias},
                                {{"epsilon", op.Attr<float>("epsilon", 1e-5f)}});
  cx.Bind(op, "Y", y);
}

// A per-channel parameter reshaped to broadcast over channel-first data of
// `rank`: [C, 1, ..., 1].
std::string ChannelBroadcast(MapContext& cx, const std::string& param, size_t rank) {
  std::vector<int64_t> shape = {-1};
  for (size_t i = 2; i < rank; ++i) shape.push_back(1);
  return cx.Reshape(param, shape);
}

void EmitGroupNorm(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const size_t rank = x_var.shape.size();
  PD2ONNX_CHECK(rank >= 2, ErrorKind::kUnsupported, "X has rank {}, expected at least 2", rank);
  const bool channel_last =
      rank > 2 && nn::IsChannelLastDataLayout(nn::LayoutAttr(op, "data_layout"));
  const int64_t groups = op.Attr<int64_t>("groups", 1);
  PD2ONNX_CHECK(groups >= 1, ErrorKind::kInvalidInput, "groups {} must be positive", groups);
  const DataType dtype = x_var.dtype;

  std::string x = cx.Input(op, "X");
  if (channel_last) x = nn::ToChannelFirst(cx, x, rank);
  // Each group of channels with its spatial elements is one "instance".
  const std::string grouped = cx.Reshape(x, {0, groups, -1});
  const std::string normalized = cx.Node(
      "InstanceNormalization",
      {grouped, FilledVector(cx, groups, 1.0f, dtype), FilledVector(cx, groups, 0.0f, dtype)},
      {{"epsilon", op.Attr<float>("epsilon", 1e-5f)}});
  std::string y = cx.Node("Reshape", {normalized, cx.Shape(x)});
  if (op.HasInput("Scale")) {
    const std::string scale =
        CastIfNeeded(cx, cx.Input(op, "Scale"), cx.InputVar(op, "Scale").dtype, dtype);
    y = cx.Node("Mul", {y, ChannelBroadcast(cx, scale, rank)});
  }
  if (op.HasInput("Bias")) {
    const std::string bias =
        CastIfNeeded(cx, cx.Input(op, "Bias"), cx.InputVar(op, "Bias").dtype, dtype);
    y = cx.Node("Add", {y, ChannelBroadcast(cx, bias, rank)});
  }
  if (channel_last) y = nn::ToChannelLast(cx, y, rank);
  cx.Bind(op, "Y", y);
}

void EmitAffineChannel(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const size_t rank = x_var.shape.size();
  PD2ONNX_CHECK(rank >= 2, ErrorKind::kUnsupported, "X has rank {}, expected at least 2", rank);
  // The op's own default is AnyLayout, which Paddle's kernel reads as
  // channel-last (only NCHW is channel-first).
  const bool channel_last =
      nn::IsChannelLastDataLayout(op.Attr<std::string>("data_layout", "AnyLayout"));
  const DataType dtype = x_var.dtype;
  auto param = [&](std::string_view slot) {
    std::string p = CastIfNeeded(cx, cx.Input(op, slot), cx.InputVar(op, slot).dtype, dtype);
    // Channel-last: a 1-D [C] broadcasts over the last axis as it is.
    return channel_last ? cx.Reshape(p, {-1}) : ChannelBroadcast(cx, p, rank);
  };
  const std::string scaled = cx.Node("Mul", {cx.Input(op, "X"), param("Scale")});
  cx.Bind(op, "Out", cx.Node("Add", {scaled, param("Bias")}));
}

}  // namespace

void RegisterInstanceNorm(Registry& r) {
  r.Add("affine_channel", AnyOpset, {{7, EmitAffineChannel}});
  r.Add("group_norm", AnyOpset, {{7, EmitGroupNorm}});
  r.Add("instance_norm", AnyOpset, {{7, EmitInstanceNorm}});
}

}  // namespace pd2onnx::mappers

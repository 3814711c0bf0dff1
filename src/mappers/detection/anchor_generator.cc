// anchor_generator → Anchors [H, W, A, 4] from Input's H and W:
// (cx - hw_a, cy - hh_a, cx + hw_a, cy + hh_a) with cx = w * stride_w +
// offset * (stride_w - 1) (cy alike), the half extents hw_a / hh_a of the
// A = |aspect_ratios| * |anchor_sizes| anchors computed here as Paddle does,
// and Variances the attribute repeated. Opset 11 (Range: H and W may be
// dynamic).
#include <cmath>
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

struct AnchorAttrs {
  std::vector<float> sizes;
  std::vector<float> ratios;
  std::vector<float> variances;
  float stride_w;
  float stride_h;
  float offset;
};

AnchorAttrs ReadAttrs(const graph::Op& op) {
  AnchorAttrs a;
  a.sizes = op.Attr<std::vector<float>>("anchor_sizes");
  a.ratios = op.Attr<std::vector<float>>("aspect_ratios");
  a.variances = op.Attr<std::vector<float>>("variances", {0.1f, 0.1f, 0.2f, 0.2f});
  const auto stride = op.Attr<std::vector<float>>("stride", {16.0f, 16.0f});
  a.offset = op.Attr<float>("offset", 0.5f);
  PD2ONNX_CHECK(stride.size() == 2, ErrorKind::kInvalidInput,
                "anchor_generator: stride must hold 2 values, got {}", stride.size());
  PD2ONNX_CHECK(a.variances.size() == 4, ErrorKind::kInvalidInput,
                "anchor_generator: variances must hold 4 values, got {}", a.variances.size());
  PD2ONNX_CHECK(!a.sizes.empty() && !a.ratios.empty(), ErrorKind::kInvalidInput,
                "anchor_generator: anchor_sizes and aspect_ratios must not be empty");
  a.stride_w = stride[0];
  a.stride_h = stride[1];
  return a;
}

// Half extents 0.5 * (extent - 1) of one cell's anchors, ratio-major, in
// Paddle's fp32 order of operations.
std::pair<std::vector<float>, std::vector<float>> HalfExtents(const AnchorAttrs& a) {
  std::vector<float> hw;
  std::vector<float> hh;
  for (float ar : a.ratios) {
    for (float size : a.sizes) {
      const float area = a.stride_w * a.stride_h;
      const float base_w = std::round(std::sqrt(area / ar));
      const float base_h = std::round(base_w * ar);
      const float width = size / a.stride_w * base_w;
      const float height = size / a.stride_h * base_h;
      hw.push_back(0.5f * (width - 1));
      hh.push_back(0.5f * (height - 1));
    }
  }
  return {hw, hh};
}

// Centres i * stride + offset * (stride - 1) for i in [0, extent), float.
std::string Centres(MapContext& cx, const std::string& extent_i64, float stride, float offset) {
  const std::string idx =
      cx.Cast(cx.Node("Range", {cx.ScalarOf(DataType::kInt64, 0), cx.Squeeze(extent_i64, {0}),
                                cx.ScalarOf(DataType::kInt64, 1)}),
              DataType::kFloat32);
  const std::string shift = cx.ScalarOf(DataType::kFloat32, offset * (stride - 1));
  return cx.Node("Add", {cx.Node("Mul", {idx, cx.ScalarOf(DataType::kFloat32, stride)}), shift});
}

void Emit11(MapContext& cx, const graph::Op& op) {
  RequireFloat32Inputs(cx, op, {"Input"});  // Paddle's kernels: float32 / float64
  const AnchorAttrs a = ReadAttrs(op);
  const auto [hw, hh] = HalfExtents(a);
  const auto count = static_cast<int64_t>(hw.size());
  const std::string shape = cx.Shape(cx.Input(op, "Input"));
  const std::string h = cx.Slice(shape, {2}, {3}, {0});
  const std::string w = cx.Slice(shape, {3}, {4}, {0});
  const std::string out_shape = cx.Node("Concat", {h, w, cx.ConstI64({count, 1})}, {{"axis", 0}});
  const std::string xc = cx.Reshape(Centres(cx, w, a.stride_w, a.offset), {1, -1, 1, 1});
  const std::string yc = cx.Reshape(Centres(cx, h, a.stride_h, a.offset), {-1, 1, 1, 1});
  const std::string half_w = cx.ConstF32(hw, {1, 1, count, 1});
  const std::string half_h = cx.ConstF32(hh, {1, 1, count, 1});
  auto corner = [&](const char* op_type, const std::string& centre, const std::string& half) {
    return cx.Node("Expand", {cx.Node(op_type, {centre, half}), out_shape});
  };
  cx.Bind(op, "Anchors",
          cx.Node("Concat",
                  {corner("Sub", xc, half_w), corner("Sub", yc, half_h), corner("Add", xc, half_w),
                   corner("Add", yc, half_h)},
                  {{"axis", 3}}));
  const std::string var_shape = cx.Node("Concat", {h, w, cx.ConstI64({count, 4})}, {{"axis", 0}});
  cx.Bind(op, "Variances", cx.Node("Expand", {cx.ConstF32(a.variances, {1, 1, 1, 4}), var_shape}));
}

OpsetNeed MinOpset(const graph::Op&) { return {11, "Range builds the anchor grid"}; }

}  // namespace

void RegisterAnchorGenerator(Registry& r) { r.Add("anchor_generator", MinOpset, {{11, Emit11}}); }

}  // namespace pd2onnx::mappers

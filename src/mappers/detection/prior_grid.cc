// See prior_grid.h.
#include "mappers/detection/prior_grid.h"

#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// Centres (i + offset) * step for i in [0, extent), as a float [extent].
std::string Centres(MapContext& cx, const std::string& extent_i64, float offset,
                    const std::string& step) {
  const std::string idx =
      cx.Cast(cx.Node("Range", {cx.ScalarOf(DataType::kInt64, 0), cx.Squeeze(extent_i64, {0}),
                                cx.ScalarOf(DataType::kInt64, 1)}),
              DataType::kFloat32);
  return cx.Node("Mul", {cx.Node("Add", {idx, cx.ScalarOf(DataType::kFloat32, offset)}), step});
}

}  // namespace

void EmitPriorGrid(MapContext& cx, const graph::Op& op, const PriorGrid& grid, bool flatten) {
  const auto p = static_cast<int64_t>(grid.half_w.size());
  PD2ONNX_CHECK(grid.variances.size() == 4, ErrorKind::kInvalidInput,
                "{}: variances must hold 4 values, got {}", op.type, grid.variances.size());
  const std::string feat = cx.Shape(cx.Input(op, "Input"));
  const std::string image = cx.Shape(cx.Input(op, "Image"));
  auto dim = [&](const std::string& shape, int64_t i) {
    return cx.Slice(shape, {i}, {i + 1}, {0});
  };
  auto as_float = [&](const std::string& v) { return cx.Cast(v, DataType::kFloat32); };
  const std::string fh = dim(feat, 2);
  const std::string fw = dim(feat, 3);
  const std::string img_h = as_float(dim(image, 2));
  const std::string img_w = as_float(dim(image, 3));
  const float step_w_attr = op.Attr<float>("step_w", 0.0f);
  const float step_h_attr = op.Attr<float>("step_h", 0.0f);
  std::string step_w;
  std::string step_h;
  if (step_w_attr == 0 || step_h_attr == 0) {
    step_w = cx.Node("Div", {img_w, as_float(fw)});
    step_h = cx.Node("Div", {img_h, as_float(fh)});
  } else {
    step_w = cx.ScalarOf(DataType::kFloat32, step_w_attr);
    step_h = cx.ScalarOf(DataType::kFloat32, step_h_attr);
  }
  const float offset = op.Attr<float>("offset", 0.5f);
  // Centres broadcast to [H, W, P]: cy as [H, 1, 1], cx as [1, W, 1].
  std::string cy = cx.Unsqueeze(Centres(cx, fh, offset, step_h), {1, 2});
  std::string cxs = cx.Unsqueeze(Centres(cx, fw, offset, step_w), {0, 2});
  if (!grid.dx.empty()) {
    cxs = cx.Node("Add", {cxs, cx.ConstF32(grid.dx, {1, 1, p})});
    cy = cx.Node("Add", {cy, cx.ConstF32(grid.dy, {1, 1, p})});
  }
  const std::string hw = cx.ConstF32(grid.half_w, {1, 1, p});
  const std::string hh = cx.ConstF32(grid.half_h, {1, 1, p});
  const std::string coord_shape = cx.Node("Concat", {fh, fw, cx.ConstI64({p, 1})}, {{"axis", 0}});
  auto coord = [&](const std::string& op_type, const std::string& c, const std::string& half,
                   const std::string& img_extent) {
    std::string v = cx.Node("Div", {cx.Node(op_type, {c, half}), img_extent});
    if (grid.clamp_outward_sides) {
      v = op_type == "Sub" ? cx.Clip(v, 0.0f, std::nullopt) : cx.Clip(v, std::nullopt, 1.0f);
    }
    if (grid.clip) v = cx.Clip(v, 0.0f, 1.0f);
    return cx.Node("Expand", {cx.Unsqueeze(v, {3}), coord_shape});
  };
  std::string boxes = cx.Node("Concat",
                              {coord("Sub", cxs, hw, img_w), coord("Sub", cy, hh, img_h),
                               coord("Add", cxs, hw, img_w), coord("Add", cy, hh, img_h)},
                              {{"axis", 3}});
  const std::string out_shape = cx.Node("Concat", {fh, fw, cx.ConstI64({p, 4})}, {{"axis", 0}});
  std::string vars = cx.Node("Expand", {cx.ConstF32(grid.variances, {4}), out_shape});
  if (flatten) {
    boxes = cx.Reshape(boxes, {-1, 4});
    vars = cx.Reshape(vars, {-1, 4});
  }
  cx.Bind(op, "Boxes", boxes);
  cx.Bind(op, "Variances", vars);
}

}  // namespace pd2onnx::mappers

// roi_align → RoiAlign (avg) and roi_pool → MaxRoiPool, with the image of
// each RoI from RoisNum or RoisLod (roi_batch.h).
//
// roi_align: Paddle's kernel is the Caffe2/Detectron RoIAlign that ONNX
// RoiAlign specifies: per bin a grid of bilinear samples (sampling_ratio
// <= 0 is adaptive, ceil(roi extent / pooled extent), which is RoiAlign's
// sampling_ratio 0), samples more than one pixel outside the map read 0,
// and without `aligned` the box is at least 1×1 ("output_half_pixel", the
// only behaviour before RoiAlign-16). aligned=true shifts the box by half a
// pixel: "half_pixel", from RoiAlign-16 only. One difference is left: for a
// zero-size box with aligned=true and adaptive sampling Paddle divides 0 by
// 0 samples (NaN) where ONNX gives 0.
//
// roi_pool: Paddle's kernel is Caffe's RoIPool, which MaxRoiPool specifies:
// the box rounded to pixels, bins floor/ceil-split, empty bins 0. MaxRoiPool
// wants (image, x1, y1, x2, y2) rows. The Argmax output is not produced.
#include <string>

#include "mappers/detection/detection.h"
#include "mappers/detection/roi_batch.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

int64_t PooledSize(const graph::Op& op, const char* name) {
  const auto size = static_cast<int64_t>(op.Attr<int>(name, 1));
  PD2ONNX_CHECK(size > 0, ErrorKind::kUnsupported, "{} {} is not supported (must be > 0)", name,
                size);
  return size;
}

OpsetNeed RoiAlignMinOpset(const graph::Op& op) {
  if (op.Attr<bool>("aligned", false)) return {16, "aligned=true (RoiAlign-16 half_pixel)"};
  if (HasRoisNum(op)) return {11, "RoisNum/RoisLod (CumSum-11, Range-11)"};
  return {10, "roi_align (RoiAlign-10)"};
}

void EmitRoiAlign(MapContext& cx, const graph::Op& op, bool has_coordinate_mode) {
  const bool aligned = op.Attr<bool>("aligned", false);
  PD2ONNX_CHECK(!aligned || has_coordinate_mode, ErrorKind::kUnsupported,
                "roi_align: aligned=true needs RoiAlign-16 (opset >= 16)");
  const std::string rois = cx.Input(op, "ROIs");
  std::vector<NodeAttr> attrs = {
      {"mode", "avg"},
      {"output_height", PooledSize(op, "pooled_height")},
      {"output_width", PooledSize(op, "pooled_width")},
      {"sampling_ratio", std::max<int64_t>(op.Attr<int>("sampling_ratio", -1), 0)},
      {"spatial_scale", op.Attr<float>("spatial_scale", 1.0f)}};
  if (has_coordinate_mode) {
    attrs.emplace_back("coordinate_transformation_mode",
                       aligned ? "half_pixel" : "output_half_pixel");
  }
  cx.Bind(op, "Out",
          cx.Node("RoiAlign", {cx.Input(op, "X"), rois, RoiBatchIndices(cx, op, rois)}, attrs));
}

void EmitRoiAlign10(MapContext& cx, const graph::Op& op) { EmitRoiAlign(cx, op, false); }
// RoiAlign-16 defaults to half_pixel, so the mode is always written.
void EmitRoiAlign16(MapContext& cx, const graph::Op& op) { EmitRoiAlign(cx, op, true); }

OpsetNeed RoiPoolMinOpset(const graph::Op& op) {
  if (HasRoisNum(op)) return {11, "RoisNum/RoisLod (CumSum-11, Range-11)"};
  return {8, "roi_pool (Expand-8)"};
}

void EmitRoiPool(MapContext& cx, const graph::Op& op) {
  const std::string rois = cx.Input(op, "ROIs");
  const graph::DataType dtype = cx.InputVar(op, "ROIs").dtype;
  const std::string images = cx.Cast(cx.Unsqueeze(RoiBatchIndices(cx, op, rois), {1}), dtype);
  const std::string rows = cx.Node("Concat", {images, rois}, {{"axis", int64_t{1}}});
  cx.Bind(op, "Out",
          cx.Node("MaxRoiPool", {cx.Input(op, "X"), rows},
                  {{"pooled_shape", std::vector<int64_t>{PooledSize(op, "pooled_height"),
                                                         PooledSize(op, "pooled_width")}},
                   {"spatial_scale", op.Attr<float>("spatial_scale", 1.0f)}}));
}

}  // namespace

void RegisterRoiPooling(Registry& r) {
  r.Add("roi_align", RoiAlignMinOpset, {{10, EmitRoiAlign10}, {16, EmitRoiAlign16}});
  r.Add("roi_pool", RoiPoolMinOpset, {{8, EmitRoiPool}});
}

}  // namespace pd2onnx::mappers

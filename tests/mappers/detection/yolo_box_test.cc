// yolo_box: every attribute branch against the interpreter, and one cell
// decoded by hand.
#include <gtest/gtest.h>

#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct YoloCase {
  std::string name = "case";
  int64_t n = 1;
  std::vector<int> anchors = {10, 13, 16, 30};
  int class_num = 3;
  int64_t h = 4;
  int64_t w = 5;
  float conf_thresh = 0.3f;
  int downsample_ratio = 8;
  bool clip_bbox = true;
  float scale_x_y = 1.0f;
  bool iou_aware = false;
  float iou_aware_factor = 0.5f;
  bool dynamic = false;  // H and W declared -1
  friend void PrintTo(const YoloCase& c, std::ostream* os) { *os << c.name; }
};

int64_t Channels(const YoloCase& c) {
  const auto an = static_cast<int64_t>(c.anchors.size() / 2);
  return an * (5 + c.class_num) + (c.iou_aware ? an : 0);
}

ProgramBuilder YoloProgram(const YoloCase& c) {
  const auto an = static_cast<int64_t>(c.anchors.size() / 2);
  const int64_t box_num = c.dynamic ? -1 : an * c.h * c.w;
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {c.n, Channels(c), c.dynamic ? -1 : c.h, c.dynamic ? -1 : c.w})
      .Input("img_size", DataType::kInt32, {c.n, 2})
      .Var("boxes", DataType::kFloat32, {c.n, box_num, 4})
      .Var("scores", DataType::kFloat32, {c.n, box_num, c.class_num});
  p.Op("yolo_box")
      .In("X", {"x"})
      .In("ImgSize", {"img_size"})
      .Out("Boxes", {"boxes"})
      .Out("Scores", {"scores"})
      .Attr("anchors", c.anchors)
      .Attr("class_num", c.class_num)
      .Attr("conf_thresh", c.conf_thresh)
      .Attr("downsample_ratio", c.downsample_ratio)
      .Attr("clip_bbox", c.clip_bbox)
      .Attr("scale_x_y", c.scale_x_y)
      .Attr("iou_aware", c.iou_aware)
      .Attr("iou_aware_factor", c.iou_aware_factor);
  p.Output("boxes").Output("scores");
  return p;
}

class YoloBoxTest : public ::testing::TestWithParam<YoloCase> {};

TEST_P(YoloBoxTest, MatchesReference) {
  const YoloCase& c = GetParam();
  std::vector<int32_t> sizes;
  for (int64_t i = 0; i < c.n; ++i) sizes.insert(sizes.end(), {int32_t(40 + 7 * i), int32_t(36)});
  ExpectMatchesReference(
      YoloProgram(c),
      {{"x", RandomTensor(DataType::kFloat32, {c.n, Channels(c), c.h, c.w}, 5, -2.0, 2.0)},
       {"img_size", HostTensor::From(DataType::kInt32, {c.n, 2}, sizes)}},
      {.opsets = {11, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, YoloBoxTest,
    ::testing::Values(
        YoloCase{.name = "Default"}, YoloCase{.name = "Batch2NoClip", .n = 2, .clip_bbox = false},
        YoloCase{.name = "ScaleXY", .scale_x_y = 1.05f},
        YoloCase{.name = "IouAware", .n = 2, .iou_aware = true, .iou_aware_factor = 0.4f},
        YoloCase{.name = "ThresholdZero", .anchors = {7, 9}, .class_num = 1, .conf_thresh = 0.0f},
        YoloCase{.name = "DynamicGrid", .n = 2, .h = 3, .w = 6, .dynamic = true}),
    [](const ::testing::TestParamInfo<YoloCase>& param_info) { return param_info.param.name; });

// One cell, all logits 0: sigmoid 0.5, exp 1; anchor (10, 20), ratio 32,
// image 64 (h) x 32 (w): centre (16, 32), size (10, 40), conf 0.5, score 0.25.
TEST(YoloBoxHandTest, OneCell) {
  YoloCase c{.name = "hand",
             .anchors = {10, 20},
             .class_num = 1,
             .h = 1,
             .w = 1,
             .conf_thresh = 0.4f,
             .downsample_ratio = 32};
  const interp::TensorMap feeds = {
      {"x", HostTensor::From(DataType::kFloat32, {1, 6, 1, 1}, std::vector<float>(6, 0.0f))},
      {"img_size", HostTensor::From(DataType::kInt32, {1, 2}, std::vector<int32_t>{64, 32})}};
  ExpectMatchesReference(
      YoloProgram(c), feeds, {.opsets = {11, 17}},
      {{"boxes",
        HostTensor::From(DataType::kFloat32, {1, 1, 4}, std::vector<float>{11, 12, 21, 52})},
       {"scores", HostTensor::From(DataType::kFloat32, {1, 1, 1}, std::vector<float>{0.25f})}});
  // conf 0.5 < 0.6: the cell is dropped (zeros).
  c.conf_thresh = 0.6f;
  ExpectMatchesReference(
      YoloProgram(c), feeds, {.opsets = {11}},
      {{"boxes", HostTensor::From(DataType::kFloat32, {1, 1, 4}, std::vector<float>(4, 0.0f))},
       {"scores", HostTensor::From(DataType::kFloat32, {1, 1, 1}, std::vector<float>{0.0f})}});
}

// Large and NaN logits (regression: NaN boxes in ONNX Runtime on PP-YOLO
// with random weights). Anchor (10, 20), ratio 32, grid 1 x 3, image
// 64 (h) x 48 (w): cx = (l + 0.5) * 16, cy = 32.
// Cell 0 (conf 0.5, kept): size logits 100, exp overflows fp32 to inf, and
// clipping leaves (0, 0, 47, 63).
// Cell 1 (conf logit -100: conf 0 < 0.4): dropped, zeros, although its size
// logits 1000 overflow too: Paddle never computes dropped cells.
// Cell 2 (kept): x logit NaN. Paddle clips with `v > 0 ? v : 0` and
// `v < w - 1 ? v : w - 1`, which turn NaN into 0 and 47; h = 20 * 64 / 32:
// y from 32 - 20 to 32 + 20.
TEST(YoloBoxHandTest, LargeAndNanLogitsClipLikePaddle) {
  const YoloCase c{.name = "large",
                   .anchors = {10, 20},
                   .class_num = 1,
                   .h = 1,
                   .w = 3,
                   .conf_thresh = 0.4f,
                   .downsample_ratio = 32};
  const float nan = std::numeric_limits<float>::quiet_NaN();
  // [1, 6, 1, 3]: channel-major (x, y, w, h, conf, class), cells 0..2 within.
  const std::vector<float> x = {0,   0,    nan, 0, 0,    0, 100, 1000, 0,
                                100, 1000, 0,   0, -100, 0, 0,   50,   0};
  const interp::TensorMap feeds = {
      {"x", HostTensor::From(DataType::kFloat32, {1, 6, 1, 3}, x)},
      {"img_size", HostTensor::From(DataType::kInt32, {1, 2}, std::vector<int32_t>{64, 48})}};
  ExpectMatchesReference(
      YoloProgram(c), feeds, {.opsets = {11, 17, 19}},
      {{"boxes", HostTensor::From(DataType::kFloat32, {1, 3, 4},
                                  std::vector<float>{0, 0, 47, 63, 0, 0, 0, 0, 0, 12, 47, 52})},
       {"scores",
        HostTensor::From(DataType::kFloat32, {1, 3, 1}, std::vector<float>{0.25f, 0, 0.25f})}});
}

}  // namespace
}  // namespace pd2onnx::testing

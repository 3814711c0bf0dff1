// multiclass_nms / 2 / 3: hand-computed rows for ties, score_threshold
// strictness, normalized=false, nms_top_k, keep_top_k, background_label,
// zero detections with batch 2, zero-area and inverted boxes (the exact Loop
// path) and nms_eta, plus random cases with many score ties against the
// interpreter.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct NmsConfig {
  std::string type = "multiclass_nms3";
  float score_threshold = 0.05f;
  int nms_top_k = -1;
  int keep_top_k = -1;
  float nms_threshold = 0.5f;
  bool normalized = true;
  int background_label = 0;
  bool lod_form = false;  // BBoxes [M, C, 4] and Scores [M, C] of one image
};

ProgramBuilder NmsProgram(const NmsConfig& c, int64_t n, int64_t classes, int64_t m) {
  ProgramBuilder p;
  if (c.lod_form) {
    p.Input("boxes", DataType::kFloat32, {m, classes, 4}).LodLevel("boxes", 1);
    p.Input("scores", DataType::kFloat32, {m, classes}).LodLevel("scores", 1);
  } else {
    p.Input("boxes", DataType::kFloat32, {n, m, 4})
        .Input("scores", DataType::kFloat32, {n, classes, m});
  }
  p.Var("out", DataType::kFloat32, {-1, 6});
  auto op = p.Op(c.type);
  op.In("BBoxes", {"boxes"})
      .In("Scores", {"scores"})
      .Out("Out", {"out"})
      .Attr("score_threshold", c.score_threshold)
      .Attr("nms_top_k", c.nms_top_k)
      .Attr("keep_top_k", c.keep_top_k)
      .Attr("nms_threshold", c.nms_threshold)
      .Attr("normalized", c.normalized)
      .Attr("nms_eta", 1.0f)
      .Attr("background_label", c.background_label);
  if (c.type != "multiclass_nms") op.Out("Index", {"index"});
  if (c.type == "multiclass_nms3") op.Out("NmsRoisNum", {"count"});
  if (c.type != "multiclass_nms") p.Var("index", DataType::kInt32, {-1, 1});
  if (c.type == "multiclass_nms3") p.Var("count", DataType::kInt32, {n});
  p.Output("out");
  if (c.type != "multiclass_nms") p.Output("index");
  if (c.type == "multiclass_nms3") p.Output("count");
  return p;
}

HostTensor F32(std::vector<int64_t> dims, std::vector<float> v) {
  return HostTensor::From(DataType::kFloat32, std::move(dims), v);
}
HostTensor I32(std::vector<int64_t> dims, std::vector<int32_t> v) {
  return HostTensor::From(DataType::kInt32, std::move(dims), v);
}

const OpTestOptions kOpsets = {.opsets = {11, 17, 19}};

// Image 0: b0 = b1 (IoU 1), b2 far away, b3 = b0 shifted by 0.1 (IoU 0.9/1.1).
// Image 1: every score <= 0.05 (0.05 itself is not > score_threshold).
const std::vector<float> kTieBoxes = {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 0, 0.1f, 1, 1.1f,
                                      0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 0, 0.1f, 1, 1.1f};
const std::vector<float> kTieScores = {
    // image 0: class 0 (background), class 1, class 2
    0.9f, 0.9f, 0.9f, 0.9f, 0.5f, 0.5f, 0.4f, 0.3f, 0.1f, 0.6f, 0.05f, 0.6f,
    // image 1
    0.05f, 0.05f, 0.01f, 0.02f, 0.05f, 0.0f, 0.03f, 0.05f, 0.01f, 0.05f, 0.05f, 0.04f};

interp::TensorMap TieFeeds() {
  return {{"boxes", F32({2, 4, 4}, kTieBoxes)}, {"scores", F32({2, 3, 4}, kTieScores)}};
}

// Class 1: b0 and b1 tie at 0.5, the stable sort keeps b0 and b1 is suppressed;
// b3 overlaps b0 by 0.82. Class 2: b1 and b3 tie at 0.6, b1 wins; b2's 0.05 is
// not above the threshold. Rows by label, then NMS order; image 1 keeps none.
TEST(MulticlassNms3Test, TiesThresholdAndEmptyImage) {
  const interp::TensorMap expected = {
      {"out", F32({3, 6}, {1, 0.5f, 0, 0, 1, 1, 1, 0.4f, 2, 2, 3, 3, 2, 0.6f, 0, 0, 1, 1})},
      {"index", I32({3, 1}, {0, 2, 1})},
      {"count", I32({2}, {3, 0})}};
  ExpectMatchesReference(NmsProgram({}, 2, 3, 4), TieFeeds(), kOpsets, expected);
}

// keep_top_k=2 keeps (2, b1, 0.6) and (1, b0, 0.5) of the 3 detections, still
// output by label.
TEST(MulticlassNms3Test, KeepTopKAcrossClasses) {
  const interp::TensorMap expected = {
      {"out", F32({2, 6}, {1, 0.5f, 0, 0, 1, 1, 2, 0.6f, 0, 0, 1, 1})},
      {"index", I32({2, 1}, {0, 1})},
      {"count", I32({2}, {2, 0})}};
  ExpectMatchesReference(NmsProgram({.keep_top_k = 2}, 2, 3, 4), TieFeeds(), kOpsets, expected);
}

// A score tie across classes at the keep_top_k cut: the lower label wins.
TEST(MulticlassNms3Test, KeepTopKTieAcrossClasses) {
  std::vector<float> scores = kTieScores;
  scores[9] = 0.5f;   // class 2, b1 ties class 1, b0
  scores[11] = 0.0f;  // class 2, b3 out
  const interp::TensorMap expected = {{"out", F32({1, 6}, {1, 0.5f, 0, 0, 1, 1})},
                                      {"index", I32({1, 1}, {0})},
                                      {"count", I32({2}, {1, 0})}};
  ExpectMatchesReference(NmsProgram({.keep_top_k = 1}, 2, 3, 4),
                         {{"boxes", F32({2, 4, 4}, kTieBoxes)}, {"scores", F32({2, 3, 4}, scores)}},
                         kOpsets, expected);
}

// nms_top_k=1 keeps one candidate per class before NMS (b2 is not reached in
// class 1); background_label=-1 makes class 0 a class too (b0 wins its tie).
TEST(MulticlassNms3Test, NmsTopKAndNoBackground) {
  const interp::TensorMap expected = {
      {"out", F32({3, 6}, {0, 0.9f, 0, 0, 1, 1, 1, 0.5f, 0, 0, 1, 1, 2, 0.6f, 0, 0, 1, 1})},
      {"index", I32({3, 1}, {0, 0, 1})},
      {"count", I32({2}, {3, 0})}};
  ExpectMatchesReference(NmsProgram({.nms_top_k = 1, .background_label = -1}, 2, 3, 4), TieFeeds(),
                         kOpsets, expected);
}

// Pixel boxes [0,0,9,9] and [5,0,14,9]: IoU 50/150 = 0.33 with the +1 of
// normalized=false (above 0.3: suppressed), 36/126 = 0.29 without (kept).
TEST(MulticlassNms3Test, NormalizedFalseAddsOne) {
  const interp::TensorMap feeds = {{"boxes", F32({1, 2, 4}, {0, 0, 9, 9, 5, 0, 14, 9})},
                                   {"scores", F32({1, 2, 2}, {0, 0, 0.9f, 0.8f})}};
  ExpectMatchesReference(NmsProgram({.nms_threshold = 0.3f, .normalized = false}, 1, 2, 2), feeds,
                         kOpsets,
                         {{"out", F32({1, 6}, {1, 0.9f, 0, 0, 9, 9})},
                          {"index", I32({1, 1}, {0})},
                          {"count", I32({1}, {1})}});
  ExpectMatchesReference(NmsProgram({.nms_threshold = 0.3f, .normalized = true}, 1, 2, 2), feeds,
                         kOpsets,
                         {{"out", F32({2, 6}, {1, 0.9f, 0, 0, 9, 9, 1, 0.8f, 5, 0, 14, 9})},
                          {"index", I32({2, 1}, {0, 1})},
                          {"count", I32({1}, {2})}});
}

// Regression (picodet mainbody with random weights, boxes clipped to a tiny
// image): Paddle's IoU of two touching zero-area boxes is 0/0 = NaN, and
// `NaN <= nms_threshold` is false, so Paddle suppresses; ONNX
// NonMaxSuppression never suppresses a zero-area box (it kept 100 rows where
// Paddle keeps 1). Such boxes take the mapper's exact greedy Loop.
// Image 0, class 1: b0 point (0.5, 0.5) 0.9 kept; b1 the same point: NaN,
// suppressed; b2 a zero-width segment through it: NaN, suppressed; b3 a point
// apart: IoU 0, kept; b4 [0,0,1,1] around b0: 0 / (0 + 1 - 0) = 0, kept;
// b5 inverted [1,1,0,0]: area 0, overlaps b4 with iw = ih = -1, so
// 1 / (0 + 1 - 1) = inf, suppressed. Image 1 (regular boxes): b1 = b0 and b3
// (IoU 0.82) are suppressed, b4 is below the threshold, b5 has IoU exactly
// 0.5 with b0: kept (Paddle keeps IoU <= nms_threshold).
TEST(MulticlassNms3Test, ZeroAreaAndInvertedBoxesFollowPaddle) {
  const std::vector<float> boxes = {
      0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.2f, 0.5f, 0.8f, 2, 2, 2,    2,
      0,    0,    1,    1,    1,    1,    0,    0,    0,    0,    1,    1,    0, 0, 1,    1,
      2,    2,    3,    3,    0,    0.1f, 1,    1.1f, 5,    5,    6,    6,    0, 0, 0.5f, 1};
  const std::vector<float> scores = {0, 0, 0, 0, 0, 0, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f,  0.4f,
                                     0, 0, 0, 0, 0, 0, 0.9f, 0.8f, 0.7f, 0.6f, 0.01f, 0.3f};
  const interp::TensorMap feeds = {{"boxes", F32({2, 6, 4}, boxes)},
                                   {"scores", F32({2, 2, 6}, scores)}};
  const interp::TensorMap expected = {
      {"out",
       F32({6, 6}, {1, 0.9f, 0.5f, 0.5f, 0.5f, 0.5f, 1, 0.6f, 2, 2, 2, 2, 1, 0.5f, 0, 0, 1,    1,
                    1, 0.9f, 0,    0,    1,    1,    1, 0.7f, 2, 2, 3, 3, 1, 0.3f, 0, 0, 0.5f, 1})},
      {"index", I32({6, 1}, {0, 3, 4, 6, 8, 11})},
      {"count", I32({2}, {3, 3})}};
  ExpectMatchesReference(NmsProgram({.nms_threshold = 0.5f}, 2, 2, 6), feeds,
                         {.opsets = {11, 13, 17, 18, 19}}, expected);
  // keep_top_k and multiclass_nms (no Index) after the exact path.
  ExpectMatchesReference(
      NmsProgram({.type = "multiclass_nms", .keep_top_k = 2, .nms_threshold = 0.5f}, 2, 2, 6),
      feeds, {.opsets = {11, 13, 17, 18, 19}},
      {{"out", F32({4, 6}, {1, 0.9f, 0.5f, 0.5f, 0.5f, 0.5f, 1, 0.6f, 2, 2, 2, 2,
                            1, 0.9f, 0,    0,    1,    1,    1, 0.7f, 2, 2, 3, 3})}});
}

// Nothing above the threshold: nms3 gives [0, 6]; multiclass_nms (no Index
// output) gives Paddle's single -1.
TEST(MulticlassNmsTest, ZeroDetections) {
  const interp::TensorMap feeds = {{"boxes", F32({1, 2, 4}, {0, 0, 1, 1, 2, 2, 3, 3})},
                                   {"scores", F32({1, 2, 2}, {0.9f, 0.9f, 0.01f, 0.05f})}};
  ExpectMatchesReference(
      NmsProgram({}, 1, 2, 2), feeds, kOpsets,
      {{"out", F32({0, 6}, {})}, {"index", I32({0, 1}, {})}, {"count", I32({1}, {0})}});
  ExpectMatchesReference(NmsProgram({.type = "multiclass_nms"}, 1, 2, 2), feeds, kOpsets,
                         {{"out", F32({1, 1}, {-1})}});
}

TEST(MulticlassNmsTest, V1AndV2WithDetections) {
  const interp::TensorMap expected_out = {
      {"out", F32({3, 6}, {1, 0.5f, 0, 0, 1, 1, 1, 0.4f, 2, 2, 3, 3, 2, 0.6f, 0, 0, 1, 1})}};
  ExpectMatchesReference(NmsProgram({.type = "multiclass_nms"}, 2, 3, 4), TieFeeds(), kOpsets,
                         expected_out);
  interp::TensorMap expected2 = expected_out;
  expected2["index"] = I32({3, 1}, {0, 2, 1});
  ExpectMatchesReference(NmsProgram({.type = "multiclass_nms2"}, 2, 3, 4), TieFeeds(), kOpsets,
                         expected2);
}

// Random boxes (valid corners) and scores on a 0.1 grid, so that many scores tie.
interp::TensorMap RandomFeeds(int64_t n, int64_t classes, int64_t m, uint32_t seed, float scale) {
  const auto raw = RandomTensor(DataType::kFloat32, {n, m, 4}, seed, 0.0, 1.0).ToVector<float>();
  std::vector<float> boxes(raw.size());
  for (size_t k = 0; k < raw.size(); k += 4) {
    boxes[k] = raw[k] * scale;
    boxes[k + 1] = raw[k + 1] * scale;
    boxes[k + 2] = boxes[k] + (0.05f + raw[k + 2] * 0.4f) * scale;
    boxes[k + 3] = boxes[k + 1] + (0.05f + raw[k + 3] * 0.4f) * scale;
  }
  auto scores =
      RandomTensor(DataType::kFloat32, {n, classes, m}, seed + 1, 0.0, 1.0).ToVector<float>();
  for (float& s : scores) s = std::round(s * 10.0f) / 10.0f;
  return {{"boxes", F32({n, m, 4}, boxes)}, {"scores", F32({n, classes, m}, scores)}};
}

struct RandomCase {
  std::string name = "case";
  NmsConfig config;
  float scale = 1.0f;
  bool degenerate = false;  // zero-width, repeated and inverted boxes (the exact Loop)
  friend void PrintTo(const RandomCase& c, std::ostream* os) { *os << c.name; }
};

// Every third box gets zero width, every fourth repeats the box before it,
// every fifth is inverted (x2 < x1).
void MakeDegenerate(HostTensor& boxes) {
  float* b = boxes.data<float>();
  const int64_t count = boxes.numel() / 4;
  for (int64_t k = 0; k < count; ++k) {
    float* box = b + k * 4;
    if (k % 3 == 0) box[2] = box[0];
    if (k % 4 == 0 && k > 0) std::copy(box - 4, box, box);
    if (k % 5 == 0) std::swap(box[0], box[2]);
  }
}

class MulticlassNmsRandomTest : public ::testing::TestWithParam<RandomCase> {};

TEST_P(MulticlassNmsRandomTest, MatchesReference) {
  const RandomCase& c = GetParam();
  interp::TensorMap feeds = RandomFeeds(3, 4, 40, 11, c.scale);
  if (c.degenerate) MakeDegenerate(feeds.at("boxes"));
  ExpectMatchesReference(NmsProgram(c.config, 3, 4, 40), feeds, kOpsets);
}

INSTANTIATE_TEST_SUITE_P(
    Branches, MulticlassNmsRandomTest,
    ::testing::Values(
        RandomCase{.name = "Defaults", .config = {.score_threshold = 0.3f}},
        RandomCase{.name = "DegenerateBoxes",
                   .config = {.keep_top_k = 15, .nms_threshold = 0.4f},
                   .degenerate = true},
        RandomCase{.name = "DegeneratePixels",
                   .config = {.nms_top_k = 9, .normalized = false},
                   .scale = 50.0f,
                   .degenerate = true},
        RandomCase{.name = "TopKs", .config = {.nms_top_k = 7, .keep_top_k = 9}},
        RandomCase{.name = "Pixels",
                   .config = {.keep_top_k = 20, .nms_threshold = 0.4f, .normalized = false},
                   .scale = 100.0f},
        RandomCase{.name = "Nms2NoBackground",
                   .config = {.type = "multiclass_nms2", .background_label = -1}},
        RandomCase{
            .name = "Nms1LastBackground",
            .config = {.type = "multiclass_nms", .nms_threshold = 0.3f, .background_label = 3}}),
    [](const ::testing::TestParamInfo<RandomCase>& param_info) { return param_info.param.name; });

// nms_eta < 1: after each kept box of a class, Paddle's threshold becomes
// threshold * eta while it is above 0.5. Boxes of height 1: b1 overlaps b0
// and b3 overlaps b2 by IoU 7/13 = 0.538; b2 is apart from b0 and b1.
// nms_threshold 0.6, eta 0.8: b0 kept (threshold 0.6 → 0.48), b1 0.538 >
// 0.48 suppressed, b2 kept (0.48 is not above 0.5: it stays), b3 0.538 >
// 0.48 suppressed. Class 2 starts again at 0.6 and keeps the same two. With
// nms_eta 1 all four of each class are kept (0.538 <= 0.6).
TEST(MulticlassNmsTest, AdaptiveEta) {
  const interp::TensorMap feeds = {
      {"boxes", F32({1, 4, 4}, {0, 0, 10, 1, 3, 0, 13, 1, 20, 0, 30, 1, 23, 0, 33, 1})},
      {"scores", F32({1, 3, 4}, {0, 0, 0, 0, 0.9f, 0.8f, 0.7f, 0.6f, 0.9f, 0.8f, 0.7f, 0.6f})}};
  ProgramBuilder p = NmsProgram({.nms_threshold = 0.6f}, 1, 3, 4);
  ProgramBuilder adaptive;
  adaptive.Input("boxes", DataType::kFloat32, {1, 4, 4})
      .Input("scores", DataType::kFloat32, {1, 3, 4})
      .Var("out", DataType::kFloat32, {-1, 6})
      .Var("index", DataType::kInt32, {-1, 1})
      .Var("count", DataType::kInt32, {1});
  adaptive.Op("multiclass_nms3")
      .In("BBoxes", {"boxes"})
      .In("Scores", {"scores"})
      .Out("Out", {"out"})
      .Out("Index", {"index"})
      .Out("NmsRoisNum", {"count"})
      .Attr("score_threshold", 0.05f)
      .Attr("nms_top_k", -1)
      .Attr("keep_top_k", -1)
      .Attr("nms_threshold", 0.6f)
      .Attr("normalized", true)
      .Attr("nms_eta", 0.8f)
      .Attr("background_label", 0);
  adaptive.Output("out").Output("index").Output("count");
  ExpectMatchesReference(adaptive, feeds, {.opsets = {11, 13, 17, 18, 19}},
                         {{"out", F32({4, 6}, {1, 0.9f, 0, 0, 10, 1, 1, 0.7f, 20, 0, 30, 1,
                                               2, 0.9f, 0, 0, 10, 1, 2, 0.7f, 20, 0, 30, 1})},
                          {"index", I32({4, 1}, {0, 2, 0, 2})},
                          {"count", I32({1}, {4})}});
  ExpectMatchesReference(p, feeds, kOpsets, {{"count", I32({1}, {8})}});
}

// The LoD form (Faster R-CNN's box head): a box per class, BBoxes [M, C, 4]
// with Scores [M, C]. Class 1: b1 (0.7) suppresses its duplicate b0, b2 is
// apart. Class 2 has boxes of its own: b2 (0.8) suppresses b0 (IoU
// 0.9/1.1), b1 is apart; with the class-1 boxes b1 would have overlapped.
// Index is the box row.
const std::vector<float> kLodBoxes = {
    0, 0, 1, 1, 0, 0, 1, 1, 0, 0,    1, 1,  // b0 of classes 0, 1, 2
    0, 0, 1, 1, 0, 0, 1, 1, 5, 5,    6, 6,  // b1
    0, 0, 1, 1, 2, 2, 3, 3, 0, 0.1f, 1, 1.1f};
const std::vector<float> kLodScores = {0.9f, 0.5f, 0.6f, 0.9f, 0.7f, 0.2f, 0.9f, 0.3f, 0.8f};

interp::TensorMap LodFeeds() {
  return {{"boxes", F32({3, 3, 4}, kLodBoxes)}, {"scores", F32({3, 3}, kLodScores)}};
}

TEST(MulticlassNmsLodTest, BoxPerClass) {
  const interp::TensorMap expected = {
      {"out", F32({4, 6}, {1, 0.7f, 0, 0,    1, 1,    1, 0.3f, 2, 2, 3, 3,
                           2, 0.8f, 0, 0.1f, 1, 1.1f, 2, 0.2f, 5, 5, 6, 6})},
      {"index", I32({4, 1}, {1, 2, 2, 1})},
      {"count", I32({1}, {4})}};
  ExpectMatchesReference(NmsProgram({.lod_form = true}, 1, 3, 3), LodFeeds(), kOpsets, expected);
}

TEST(MulticlassNmsLodTest, KeepTopKAndV1) {
  ExpectMatchesReference(NmsProgram({.keep_top_k = 2, .lod_form = true}, 1, 3, 3), LodFeeds(),
                         kOpsets,
                         {{"out", F32({2, 6}, {1, 0.7f, 0, 0, 1, 1, 2, 0.8f, 0, 0.1f, 1, 1.1f})},
                          {"index", I32({2, 1}, {1, 2})},
                          {"count", I32({1}, {2})}});
  ExpectMatchesReference(
      NmsProgram({.type = "multiclass_nms", .score_threshold = 0.95f, .lod_form = true}, 1, 3, 3),
      LodFeeds(), kOpsets, {{"out", F32({1, 1}, {-1})}});
}

// Random per-class boxes, also degenerate ones (the exact Loop path).
TEST(MulticlassNmsLodTest, RandomBoxesMatchInterpreter) {
  for (bool degenerate : {false, true}) {
    SCOPED_TRACE(degenerate ? "degenerate" : "regular");
    interp::TensorMap feeds = RandomFeeds(1, 1, 30 * 4, 21, 20.0f);
    if (degenerate) MakeDegenerate(feeds.at("boxes"));
    feeds.at("boxes").dims = {30, 4, 4};
    feeds.at("scores") = RandomTensor(DataType::kFloat32, {30, 4}, 22, 0.0, 1.0);
    ExpectMatchesReference(
        NmsProgram({.keep_top_k = 12, .nms_threshold = 0.4f, .normalized = false, .lod_form = true},
                   1, 4, 30),
        feeds, kOpsets);
  }
}

// Paddle also registers a float64 kernel; ONNX NonMaxSuppression takes
// float32 only, so float64 inputs are refused by name.
TEST(MulticlassNmsTest, Float64IsRejected) {
  ProgramBuilder p;
  p.Input("boxes", DataType::kFloat64, {1, 2, 4})
      .Input("scores", DataType::kFloat64, {1, 2, 2})
      .Var("out", DataType::kFloat64, {-1, 6});
  p.Op("multiclass_nms")
      .In("BBoxes", {"boxes"})
      .In("Scores", {"scores"})
      .Out("Out", {"out"})
      .Attr("score_threshold", 0.05f);
  p.Output("out");
  ExpectConversionFails(p, 13, "multiclass_nms: BBoxes of dtype float64");
}

}  // namespace
}  // namespace pd2onnx::testing

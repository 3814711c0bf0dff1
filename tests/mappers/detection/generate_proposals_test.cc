#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct ProposalCase {
  bool v2 = true;
  int pre_nms_top_n = 20, post_nms_top_n = 8;
  float nms_thresh = 0.5f, min_size = 0.0f, eta = 1.0f;
  bool pixel_offset = true;
};

ProgramBuilder Program(const ProposalCase& c, int64_t n, int64_t a, int64_t h, int64_t w) {
  ProgramBuilder p;
  p.Input("scores", DataType::kFloat32, {-1, a, -1, -1})
      .Input("deltas", DataType::kFloat32, {-1, 4 * a, -1, -1})
      .Input("im", DataType::kFloat32, {-1, c.v2 ? 2 : 3})
      .Input("anchors", DataType::kFloat32, {h, w, a, 4})
      .Input("variances", DataType::kFloat32, {h, w, a, 4})
      .Var("rois", DataType::kFloat32, {-1, 4})
      .Var("probs", DataType::kFloat32, {-1, 1})
      .Var("num", DataType::kInt32, {n});
  auto op = p.Op(c.v2 ? "generate_proposals_v2" : "generate_proposals");
  op.In("Scores", {"scores"})
      .In("BboxDeltas", {"deltas"})
      .In(c.v2 ? "ImShape" : "ImInfo", {"im"})
      .In("Anchors", {"anchors"})
      .In("Variances", {"variances"})
      .Out("RpnRois", {"rois"})
      .Out("RpnRoiProbs", {"probs"})
      .Out("RpnRoisNum", {"num"})
      .Attr("pre_nms_topN", c.pre_nms_top_n)
      .Attr("post_nms_topN", c.post_nms_top_n)
      .Attr("nms_thresh", c.nms_thresh)
      .Attr("min_size", c.min_size)
      .Attr("eta", c.eta);
  if (c.v2) op.Attr("pixel_offset", c.pixel_offset);
  p.Output("rois").Output("probs").Output("num");
  return p;
}

// Anchors of sizes 16·2^a centred on a stride-16 grid: [H, W, A, 4].
HostTensor GridAnchors(int64_t a, int64_t h, int64_t w) {
  std::vector<float> v;
  for (int64_t y = 0; y < h; ++y) {
    for (int64_t x = 0; x < w; ++x) {
      for (int64_t k = 0; k < a; ++k) {
        const float size = 16.0f * static_cast<float>(1 << k);
        const float cx = (static_cast<float>(x) + 0.5f) * 16,
                    cy = (static_cast<float>(y) + 0.5f) * 16;
        v.insert(v.end(), {cx - size / 2, cy - size / 2, cx + size / 2 - 1, cy + size / 2 - 1});
      }
    }
  }
  return HostTensor::From<float>(DataType::kFloat32, {h, w, a, 4}, v);
}

interp::TensorMap Feeds(const ProposalCase& c, uint32_t seed) {
  const int64_t n = 2, a = 3, h = 4, w = 5;
  const std::vector<float> im =
      c.v2 ? std::vector<float>{64, 80, 50, 70} : std::vector<float>{64, 80, 1.0f, 50, 70, 0.8f};
  return {{"scores", RandomTensor(DataType::kFloat32, {n, a, h, w}, seed, 0, 1)},
          {"deltas", RandomTensor(DataType::kFloat32, {n, 4 * a, h, w}, seed + 1, -1.5, 1.5)},
          {"im", HostTensor::From<float>(DataType::kFloat32, {n, c.v2 ? 2 : 3}, im)},
          {"anchors", GridAnchors(a, h, w)},
          {"variances", RandomTensor(DataType::kFloat32, {h, w, a, 4}, seed + 2, 0.1, 1.0)}};
}

void ExpectCase(const ProposalCase& c, uint32_t seed) {
  // 11: the lowest; 13 and 18: Squeeze/Unsqueeze/Split/Reduce signatures.
  ExpectMatchesReference(Program(c, 2, 3, 4, 5), Feeds(c, seed), {.opsets = {11, 13, 17, 18, 19}});
}

TEST(GenerateProposals, V2Branches) {
  ExpectCase({}, 700);
  ExpectCase({.pixel_offset = false}, 710);
  ExpectCase({.pre_nms_top_n = 0, .post_nms_top_n = 0}, 720);  // every box, no cap
  ExpectCase({.nms_thresh = 0.7f, .eta = 0.9f}, 730);          // adaptive threshold
  ExpectCase({.nms_thresh = 0.0f}, 740);                       // no NMS, no cap
  ExpectCase({.min_size = 12.0f}, 750);
  ExpectCase({.pre_nms_top_n = 100, .post_nms_top_n = 100}, 760);  // caps above the count
}

TEST(GenerateProposals, V1Branches) {
  ExpectCase({.v2 = false}, 800);
  ExpectCase({.v2 = false, .min_size = 20.0f}, 810);  // sizes scaled by ImInfo's scale
  ExpectCase({.v2 = false, .nms_thresh = 0.6f, .eta = 0.8f}, 820);
}

// A min_size no box reaches: each image gets one zero box of score 0.
TEST(GenerateProposals, NoBoxLeft) {
  const ProposalCase c{.min_size = 500.0f};
  ExpectMatchesReference(
      Program(c, 2, 3, 4, 5), Feeds(c, 900), {.opsets = {11, 17}},
      {{"rois", HostTensor(DataType::kFloat32, {2, 4})},
       {"probs", HostTensor(DataType::kFloat32, {2, 1})},
       {"num", HostTensor::From<int32_t>(DataType::kInt32, {2}, std::vector<int32_t>{1, 1})}});
}

// Two anchors (0, 0, 9, 9) and (1, 1, 10, 10) with zero deltas decode to
// themselves. With +1 sizes their IoU is 9²/(2·10² - 9²) = 81/119 ≈ 0.681;
// without, 8²/(2·9² - 8²) = 64/98 ≈ 0.653. At nms_thresh 0.66 the second
// box (score 0.8) is suppressed only with pixel_offset.
TEST(GenerateProposals, HandComputedPixelOffset) {
  const HostTensor anchors = HostTensor::From<float>(DataType::kFloat32, {1, 2, 1, 4},
                                                     std::vector<float>{0, 0, 9, 9, 1, 1, 10, 10});
  const interp::TensorMap feeds = {
      {"scores",
       HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 2}, std::vector<float>{0.9f, 0.8f})},
      {"deltas", HostTensor(DataType::kFloat32, {1, 4, 1, 2})},
      {"im", HostTensor::From<float>(DataType::kFloat32, {1, 2}, std::vector<float>{20, 20})},
      {"anchors", anchors},
      {"variances",
       HostTensor::From<float>(DataType::kFloat32, {1, 2, 1, 4}, std::vector<float>(8, 1.0f))}};
  ExpectMatchesReference(
      Program({.nms_thresh = 0.66f, .pixel_offset = true}, 1, 1, 1, 2), feeds, {.opsets = {11, 19}},
      {{"rois",
        HostTensor::From<float>(DataType::kFloat32, {1, 4}, std::vector<float>{0, 0, 9, 9})},
       {"probs", HostTensor::From<float>(DataType::kFloat32, {1, 1}, std::vector<float>{0.9f})},
       {"num", HostTensor::From<int32_t>(DataType::kInt32, {1}, std::vector<int32_t>{1})}});
  ExpectMatchesReference(
      Program({.nms_thresh = 0.66f, .pixel_offset = false}, 1, 1, 1, 2), feeds,
      {.opsets = {11, 19}},
      {{"rois", HostTensor::From<float>(DataType::kFloat32, {2, 4},
                                        std::vector<float>{0, 0, 9, 9, 1, 1, 10, 10})},
       {"probs",
        HostTensor::From<float>(DataType::kFloat32, {2, 1}, std::vector<float>{0.9f, 0.8f})},
       {"num", HostTensor::From<int32_t>(DataType::kInt32, {1}, std::vector<int32_t>{2})}});
}

// Paddle's float64 kernels have no counterpart: the graph is float32.
TEST(GenerateProposals, Float64IsRejected) {
  ProgramBuilder p;
  p.Input("scores", DataType::kFloat64, {1, 1, 1, 2})
      .Input("deltas", DataType::kFloat64, {1, 4, 1, 2})
      .Input("im", DataType::kFloat64, {1, 2})
      .Input("anchors", DataType::kFloat64, {1, 2, 1, 4})
      .Input("variances", DataType::kFloat64, {1, 2, 1, 4})
      .Var("rois", DataType::kFloat64, {-1, 4})
      .Var("probs", DataType::kFloat64, {-1, 1});
  p.Op("generate_proposals_v2")
      .In("Scores", {"scores"})
      .In("BboxDeltas", {"deltas"})
      .In("ImShape", {"im"})
      .In("Anchors", {"anchors"})
      .In("Variances", {"variances"})
      .Out("RpnRois", {"rois"})
      .Out("RpnRoiProbs", {"probs"});
  p.Output("rois").Output("probs");
  ExpectConversionFails(p, 13, "generate_proposals_v2: Scores of dtype float64");
}

TEST(GenerateProposals, NeedsOpset11) {
  ExpectConversionFails(Program({}, 2, 3, 4, 5), 10, "TopK-11");
}

}  // namespace
}  // namespace pd2onnx::testing

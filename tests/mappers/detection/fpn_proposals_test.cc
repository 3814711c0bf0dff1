#include <gtest/gtest.h>

#include <random>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// Boxes of widths and heights spread over 4..600 pixels (every FPN level).
HostTensor SpreadRois(int64_t count, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> corner(0, 400), log_size(1.4f, 6.4f);
  std::vector<float> v;
  for (int64_t i = 0; i < count; ++i) {
    const float x = corner(gen), y = corner(gen);
    v.insert(v.end(), {x, y, x + std::exp(log_size(gen)), y + std::exp(log_size(gen))});
  }
  return HostTensor::From<float>(DataType::kFloat32, {count, 4}, v);
}

HostTensor Int32s(const std::vector<int32_t>& v) {
  return HostTensor::From<int32_t>(DataType::kInt32, {static_cast<int64_t>(v.size())}, v);
}

ProgramBuilder CollectProgram(const std::vector<int64_t>& rows, int post_nms_top_n,
                              bool with_counts) {
  ProgramBuilder p;
  std::vector<std::string> rois, scores, nums;
  for (size_t l = 0; l < rows.size(); ++l) {
    const std::string s = std::to_string(l);
    p.Input("rois" + s, DataType::kFloat32, {-1, 4})
        .Input("scores" + s, DataType::kFloat32, {-1, 1});
    rois.push_back("rois" + s);
    scores.push_back("scores" + s);
    if (with_counts) {
      p.Input("num" + s, DataType::kInt32, {-1});
      nums.push_back("num" + s);
    }
  }
  p.Var("out", DataType::kFloat32, {-1, 4}).Var("out_num", DataType::kInt32, {-1});
  auto op = p.Op("collect_fpn_proposals");
  op.In("MultiLevelRois", rois)
      .In("MultiLevelScores", scores)
      .Out("FpnRois", {"out"})
      .Out("RoisNum", {"out_num"})
      .Attr("post_nms_topN", post_nms_top_n);
  if (with_counts) op.In("MultiLevelRoIsNum", nums);
  p.Output("out").Output("out_num");
  return p;
}

// Three levels over two images (counts per level per image), the cap below
// and above the total, and without counts (one image).
TEST(CollectFpnProposals, EveryBranch) {
  const std::vector<int64_t> rows = {5, 7, 4};
  const std::vector<std::vector<int32_t>> counts = {{2, 3}, {4, 3}, {0, 4}};
  for (bool with_counts : {true, false}) {
    for (int top : {6, 100}) {
      SCOPED_TRACE(::testing::Message() << "counts " << with_counts << " top " << top);
      interp::TensorMap feeds;
      for (size_t l = 0; l < rows.size(); ++l) {
        const std::string s = std::to_string(l);
        feeds["rois" + s] = SpreadRois(rows[l], 1000 + static_cast<uint32_t>(l));
        feeds["scores" + s] =
            RandomTensor(DataType::kFloat32, {rows[l], 1}, 1010 + static_cast<uint32_t>(l), 0, 1);
        if (with_counts) feeds["num" + s] = Int32s(counts[l]);
      }
      ExpectMatchesReference(CollectProgram(rows, top, with_counts), feeds,
                             {.opsets = {11, 13, 17, 19}});
    }
  }
}

// Scores 0.1 / 0.9 (image 0, level 0), 0.7 / 0.5 (image 0 / image 1,
// level 1), top 3: 0.9, 0.7, 0.5 regrouped by image → rows of scores 0.9
// and 0.7 (image 0), then 0.5 (image 1).
TEST(CollectFpnProposals, HandComputed) {
  const HostTensor rois0 = HostTensor::From<float>(DataType::kFloat32, {2, 4},
                                                   std::vector<float>{0, 0, 1, 1, 1, 1, 2, 2});
  const HostTensor rois1 = HostTensor::From<float>(DataType::kFloat32, {2, 4},
                                                   std::vector<float>{5, 5, 6, 6, 7, 7, 8, 8});
  ExpectMatchesReference(
      CollectProgram({2, 2}, 3, true),
      {{"rois0", rois0},
       {"scores0",
        HostTensor::From<float>(DataType::kFloat32, {2, 1}, std::vector<float>{0.1f, 0.9f})},
       {"num0", Int32s({2, 0})},
       {"rois1", rois1},
       {"scores1",
        HostTensor::From<float>(DataType::kFloat32, {2, 1}, std::vector<float>{0.7f, 0.5f})},
       {"num1", Int32s({1, 1})}},
      {.opsets = {11, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3, 4},
                                       std::vector<float>{1, 1, 2, 2, 5, 5, 6, 6, 7, 7, 8, 8})},
       {"out_num", Int32s({2, 1})}});
}

ProgramBuilder DistributeProgram(int64_t rows, bool pixel_offset, bool with_counts) {
  ProgramBuilder p;
  p.Input("rois", DataType::kFloat32, {-1, 4});
  if (with_counts) p.Input("num", DataType::kInt32, {-1});
  std::vector<std::string> outs, nums;
  for (int l = 0; l < 4; ++l) {
    outs.push_back("level" + std::to_string(l));
    nums.push_back("level_num" + std::to_string(l));
    p.Var(outs.back(), DataType::kFloat32, {-1, 4}).Var(nums.back(), DataType::kInt32, {-1});
  }
  p.Var("restore", DataType::kInt32, {rows, 1});
  auto op = p.Op("distribute_fpn_proposals");
  op.In("FpnRois", {"rois"})
      .Out("MultiFpnRois", outs)
      .Out("RestoreIndex", {"restore"})
      .Attr("min_level", 2)
      .Attr("max_level", 5)
      .Attr("refer_level", 4)
      .Attr("refer_scale", 224)
      .Attr("pixel_offset", pixel_offset);
  if (with_counts) op.In("RoisNum", {"num"}).Out("MultiLevelRoIsNum", nums);
  for (const auto& o : outs) p.Output(o);
  if (with_counts) {
    for (const auto& o : nums) p.Output(o);
  }
  p.Output("restore");
  return p;
}

TEST(DistributeFpnProposals, EveryBranch) {
  for (bool pixel_offset : {true, false}) {
    for (bool with_counts : {true, false}) {
      SCOPED_TRACE(::testing::Message()
                   << "pixel_offset " << pixel_offset << " counts " << with_counts);
      interp::TensorMap feeds = {{"rois", SpreadRois(30, 1100)}};
      if (with_counts) feeds["num"] = Int32s({12, 0, 18});
      ExpectMatchesReference(DistributeProgram(30, pixel_offset, with_counts), feeds,
                             {.opsets = {11, 13, 17, 19}});
    }
  }
}

// refer level 4 at scale 224, without pixel offset: sqrt(area)/224 of
// 1 → level 4; 0.5 → 3 (log2 just above -1); 111/224 → 2; 2 → 5; 1000/224
// → 6, clamped to 5; 10/224 → 2 (clamped); an inverted box has area 0 → 2.
// Levels [4, 3, 2, 5, 5, 2, 2] concatenate as rows 2, 5, 6, 1, 0, 3, 4.
TEST(DistributeFpnProposals, HandComputed) {
  const std::vector<float> boxes = {0,   0,   224, 224, 0,   0,   112, 112, 0,    0,
                                    111, 111, 0,   0,   448, 448, 0,   0,   1000, 1000,
                                    0,   0,   10,  10,  5,   5,   0,   0};
  auto rows = [&](const std::vector<int>& picks) {
    std::vector<float> v;
    for (int r : picks) v.insert(v.end(), boxes.begin() + 4 * r, boxes.begin() + 4 * r + 4);
    return HostTensor::From<float>(DataType::kFloat32, {static_cast<int64_t>(picks.size()), 4}, v);
  };
  ExpectMatchesReference(
      DistributeProgram(7, false, true),
      {{"rois", HostTensor::From<float>(DataType::kFloat32, {7, 4}, boxes)},
       {"num", Int32s({3, 4})}},
      {.opsets = {11, 19}},
      {{"level0", rows({2, 5, 6})},
       {"level1", rows({1})},
       {"level2", rows({0})},
       {"level3", rows({3, 4})},
       {"level_num0", Int32s({1, 2})},
       {"level_num1", Int32s({1, 0})},
       {"level_num2", Int32s({1, 0})},
       {"level_num3", Int32s({0, 2})},
       {"restore", HostTensor::From<int32_t>(DataType::kInt32, {7, 1},
                                             std::vector<int32_t>{4, 3, 0, 5, 6, 1, 2})}});
}

// Paddle's float64 kernels have no counterpart: the graphs are float32.
TEST(FpnProposals, Float64IsRejected) {
  ProgramBuilder collect;
  collect.Input("rois", DataType::kFloat64, {-1, 4})
      .Input("scores", DataType::kFloat64, {-1, 1})
      .Var("out", DataType::kFloat64, {-1, 4});
  collect.Op("collect_fpn_proposals")
      .In("MultiLevelRois", {"rois"})
      .In("MultiLevelScores", {"scores"})
      .Out("FpnRois", {"out"})
      .Attr("post_nms_topN", 10);
  collect.Output("out");
  ExpectConversionFails(collect, 13, "collect_fpn_proposals: MultiLevelRois of dtype float64");
  ProgramBuilder distribute;
  distribute.Input("rois", DataType::kFloat64, {-1, 4})
      .Var("level", DataType::kFloat64, {-1, 4})
      .Var("restore", DataType::kInt32, {-1, 1});
  distribute.Op("distribute_fpn_proposals")
      .In("FpnRois", {"rois"})
      .Out("MultiFpnRois", {"level"})
      .Out("RestoreIndex", {"restore"})
      .Attr("min_level", 2)
      .Attr("max_level", 2)
      .Attr("refer_level", 2)
      .Attr("refer_scale", 224);
  distribute.Output("level").Output("restore");
  ExpectConversionFails(distribute, 13, "distribute_fpn_proposals: FpnRois of dtype float64");
}

}  // namespace
}  // namespace pd2onnx::testing

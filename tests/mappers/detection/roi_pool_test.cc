#include <gtest/gtest.h>

#include <random>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Program(const std::vector<int64_t>& x, int64_t num_rois, int pooled_h, int pooled_w,
                       float scale, bool rois_num) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x).Input("rois", DataType::kFloat32, {num_rois, 4});
  if (rois_num) p.Input("rois_num", DataType::kInt32, {x[0]});
  p.Var("y", DataType::kFloat32, {num_rois, x[1], pooled_h, pooled_w})
      .Var("argmax", DataType::kInt64, {num_rois, x[1], pooled_h, pooled_w});
  auto op = p.Op("roi_pool");
  op.In("X", {"x"})
      .In("ROIs", {"rois"})
      .Out("Out", {"y"})
      .Out("Argmax", {"argmax"})
      .Attr("pooled_height", pooled_h)
      .Attr("pooled_width", pooled_w)
      .Attr("spatial_scale", scale);
  if (rois_num) op.In("RoisNum", {"rois_num"});
  p.Output("y");
  return p;
}

HostTensor RandomRois(int64_t count, float extent, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> corner(-0.2f * extent, 1.1f * extent);
  std::uniform_real_distribution<float> size(0.0f, 0.8f * extent);
  std::vector<float> v;
  for (int64_t i = 0; i < count; ++i) {
    const float x = corner(gen), y = corner(gen);
    v.insert(v.end(), {x, y, x + size(gen), y + size(gen)});
  }
  return HostTensor::From<float>(DataType::kFloat32, {count, 4}, v);
}

// With and without RoisNum, two pooled sizes and scales, at the lowest
// opset (8 without RoisNum, 11 with), 13 (Unsqueeze with axes input), 17
// and 19. Boxes reach past the map, so some bins are empty (0).
TEST(RoiPool, EveryBranch) {
  for (bool rois_num : {false, true}) {
    for (auto [ph, pw, scale] : {std::tuple{2, 3, 0.25f}, std::tuple{3, 3, 0.5f}}) {
      SCOPED_TRACE(::testing::Message()
                   << "rois_num " << rois_num << " pooled " << ph << "x" << pw);
      const int64_t batch = rois_num ? 2 : 1;
      interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, {batch, 3, 7, 8}, 401)},
                                 {"rois", RandomRois(5, 8 / scale, 402)}};
      if (rois_num) {
        feeds["rois_num"] =
            HostTensor::From<int32_t>(DataType::kInt32, {2}, std::vector<int32_t>{3, 2});
      }
      const std::vector<int> opsets =
          rois_num ? std::vector<int>{11, 13, 17, 19} : std::vector<int>{8, 11, 13, 17, 19};
      ExpectMatchesReference(Program({batch, 3, 7, 8}, 5, ph, pw, scale, rois_num), feeds,
                             {.opsets = opsets});
    }
  }
}

HostTensor LinearMap() {
  std::vector<float> v;
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 4; ++x) v.push_back(static_cast<float>(4 * y + x + 1));
  }
  return HostTensor::From<float>(DataType::kFloat32, {1, 1, 4, 4}, v);
}

// X(y, x) = 4y + x + 1. (0, 0, 3, 3) at scale 1 is 4×4 pixels, bins of 2:
// maxima 6, 8, 14, 16. (1, 1, 5, 5) at scale 0.5 rounds 0.5 → 1 and 2.5 → 3
// (half away from zero): rows/columns 1..3, bins of 1.5 split as [1, 3) and
// [2, 4): maxima X(2, 2) = 11, 12, 15, 16.
TEST(RoiPool, HandComputed) {
  ExpectMatchesReference(Program({1, 1, 4, 4}, 1, 2, 2, 1.0f, false),
                         {{"x", LinearMap()},
                          {"rois", HostTensor::From<float>(DataType::kFloat32, {1, 4},
                                                           std::vector<float>{0, 0, 3, 3})}},
                         {.opsets = {8, 17}},
                         {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 2},
                                                        std::vector<float>{6, 8, 14, 16})}});
  ExpectMatchesReference(Program({1, 1, 4, 4}, 1, 2, 2, 0.5f, false),
                         {{"x", LinearMap()},
                          {"rois", HostTensor::From<float>(DataType::kFloat32, {1, 4},
                                                           std::vector<float>{1, 1, 5, 5})}},
                         {.opsets = {8, 17}},
                         {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 2},
                                                        std::vector<float>{11, 12, 15, 16})}});
}

}  // namespace
}  // namespace pd2onnx::testing

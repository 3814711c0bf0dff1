#include <gtest/gtest.h>

#include <optional>
#include <random>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct RoiAlignCase {
  bool aligned = false;
  int sampling_ratio = -1;
  float spatial_scale = 1.0f;
  int pooled_h = 1, pooled_w = 1;
  bool rois_num = false;
};

ProgramBuilder Program(const RoiAlignCase& c, const std::vector<int64_t>& x, int64_t num_rois,
                       int64_t batch) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x).Input("rois", DataType::kFloat32, {num_rois, 4});
  if (c.rois_num) p.Input("rois_num", DataType::kInt32, {batch});
  p.Var("y", DataType::kFloat32, {num_rois, x[1], c.pooled_h, c.pooled_w});
  auto op = p.Op("roi_align");
  op.In("X", {"x"})
      .In("ROIs", {"rois"})
      .Out("Out", {"y"})
      .Attr("pooled_height", c.pooled_h)
      .Attr("pooled_width", c.pooled_w)
      .Attr("spatial_scale", c.spatial_scale)
      .Attr("sampling_ratio", c.sampling_ratio)
      .Attr("aligned", c.aligned);
  if (c.rois_num) op.In("RoisNum", {"rois_num"});
  p.Output("y");
  return p;
}

// Boxes (x1, y1, x2, y2) in image coordinates of a map of `extent` pixels
// at `scale`, some reaching past the map and some smaller than a pixel.
HostTensor RandomRois(int64_t count, double extent, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> corner(-0.2f * extent, 1.1f * extent);
  std::uniform_real_distribution<float> size(0.05f * extent, 0.8f * extent);
  std::vector<float> v;
  for (int64_t i = 0; i < count; ++i) {
    const float x = corner(gen), y = corner(gen);
    v.insert(v.end(), {x, y, x + size(gen), y + size(gen)});
  }
  return HostTensor::From<float>(DataType::kFloat32, {count, 4}, v);
}

std::vector<int> Opsets(const RoiAlignCase& c) {
  if (c.aligned) return {16, 17, 19};
  if (c.rois_num) return {11, 16, 17, 19};
  return {10, 11, 16, 17, 19};
}

// aligned × sampling_ratio (fixed, adaptive) × RoisNum, at every opset the
// emitted nodes change (10 RoiAlign, 11 RoisNum, 16 coordinate mode) and at
// 17 and 19. Two images with 2 and 3 RoIs when RoisNum is given.
TEST(RoiAlign, EveryBranch) {
  for (bool aligned : {false, true}) {
    for (int sampling : {-1, 0, 2}) {
      for (bool rois_num : {false, true}) {
        SCOPED_TRACE(::testing::Message() << "aligned " << aligned << " sampling " << sampling
                                          << " rois_num " << rois_num);
        const RoiAlignCase c{aligned, sampling, 0.25f, 2, 3, rois_num};
        const int64_t batch = rois_num ? 2 : 1;
        const std::vector<int64_t> x_dims = {batch, 3, 8, 9};
        interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, x_dims, 301)},
                                   {"rois", RandomRois(5, 36, 302)}};
        if (rois_num) {
          feeds["rois_num"] =
              HostTensor::From<int32_t>(DataType::kInt32, {2}, std::vector<int32_t>{2, 3});
        }
        ExpectMatchesReference(Program(c, x_dims, 5, batch), feeds, {.opsets = Opsets(c)});
      }
    }
  }
}

// An image with no RoI between two that have some.
TEST(RoiAlign, EmptyImage) {
  const RoiAlignCase c{false, 2, 0.5f, 2, 2, true};
  ExpectMatchesReference(Program(c, {3, 2, 6, 6}, 4, 3),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 2, 6, 6}, 311)},
                          {"rois", RandomRois(4, 12, 312)},
                          {"rois_num", HostTensor::From<int32_t>(DataType::kInt32, {3},
                                                                 std::vector<int32_t>{1, 0, 3})}},
                         {.opsets = {11, 17, 19}});
}

// Paddle 1.x programs give the images as RoisLod offsets [0, 2, 5].
TEST(RoiAlign, RoisLod) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 8, 9})
      .Input("rois", DataType::kFloat32, {5, 4})
      .Input("lod", DataType::kInt64, {3})
      .Var("y", DataType::kFloat32, {5, 3, 2, 2});
  p.Op("roi_align")
      .In("X", {"x"})
      .In("ROIs", {"rois"})
      .In("RoisLod", {"lod"})
      .Out("Out", {"y"})
      .Attr("pooled_height", 2)
      .Attr("pooled_width", 2)
      .Attr("spatial_scale", 0.25f)
      .Attr("sampling_ratio", 2);
  p.Output("y");
  ExpectMatchesReference(
      p,
      {{"x", RandomTensor(DataType::kFloat32, {2, 3, 8, 9}, 321)},
       {"rois", RandomRois(5, 36, 322)},
       {"lod", HostTensor::From<int64_t>(DataType::kInt64, {3}, std::vector<int64_t>{0, 2, 5})}},
      {.opsets = {11, 16, 17, 19}});
}

// X(y, x) = 4y + x + 1 on a 4×4 map: bilinear samples of a linear map are
// the linear function itself, except where Paddle clamps to the last pixel.
HostTensor LinearMap() {
  std::vector<float> v;
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 4; ++x) v.push_back(static_cast<float>(4 * y + x + 1));
  }
  return HostTensor::From<float>(DataType::kFloat32, {1, 1, 4, 4}, v);
}

HostTensor Rois(const std::vector<float>& v) {
  return HostTensor::From<float>(DataType::kFloat32, {static_cast<int64_t>(v.size() / 4), 4}, v);
}

HostTensor Expected(const std::vector<int64_t>& dims, const std::vector<float>& v) {
  return HostTensor::From<float>(DataType::kFloat32, dims, v);
}

// aligned, RoI (0, 0, 4, 4), 2×2 bins, 2×2 samples: the box starts at -0.5
// and its bins are 2 wide, so bin (0, 0) samples rows/columns {0, 1}: mean
// 4·0.5 + 0.5 + 1 = 3.5; the other bins 5.5, 11.5, 13.5.
TEST(RoiAlign, HandComputedAligned) {
  ExpectMatchesReference(Program({true, 2, 1.0f, 2, 2, false}, {1, 1, 4, 4}, 1, 1),
                         {{"x", LinearMap()}, {"rois", Rois({0, 0, 4, 4})}}, {.opsets = {16, 19}},
                         {{"y", Expected({1, 1, 2, 2}, {3.5f, 5.5f, 11.5f, 13.5f})}});
}

// Not aligned, one bin, 2×2 samples:
//  (2, 2, 4, 4): samples at 2.5 and 3.5; 3.5 is past the last pixel and
//    clamps to 3: mean coordinate 2.75 → 4·2.75 + 2.75 + 1 = 14.75;
//  (-8, -8, -4, -4): every sample is beyond -1 → 0;
//  (-1, -1, 0, 0): widened to 1×1, samples at -0.75 / -0.25 clamp to 0 → 1.
TEST(RoiAlign, HandComputedEdges) {
  ExpectMatchesReference(
      Program({false, 2, 1.0f, 1, 1, false}, {1, 1, 4, 4}, 3, 1),
      {{"x", LinearMap()}, {"rois", Rois({2, 2, 4, 4, -8, -8, -4, -4, -1, -1, 0, 0})}},
      {.opsets = {10, 16, 19}}, {{"y", Expected({3, 1, 1, 1}, {14.75f, 0, 1})}});
}

// Adaptive sampling: (0, 0, 3, 1) in one bin takes ceil(3) × ceil(1)
// samples at x = 0.5, 1.5, 2.5 and y = 0.5 → 4·0.5 + 1.5 + 1 = 4.5.
TEST(RoiAlign, HandComputedAdaptive) {
  ExpectMatchesReference(Program({false, -1, 1.0f, 1, 1, false}, {1, 1, 4, 4}, 1, 1),
                         {{"x", LinearMap()}, {"rois", Rois({0, 0, 3, 1})}},
                         {.opsets = {10, 16, 19}}, {{"y", Expected({1, 1, 1, 1}, {4.5f})}});
}

TEST(RoiAlign, AlignedNeedsOpset16) {
  ExpectConversionFails(Program({true, 2, 1.0f, 1, 1, false}, {1, 1, 4, 4}, 1, 1), 15,
                        "RoiAlign-16");
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct DeformCase {
  bool v1 = false;  // deformable_conv_v1 (no Mask)
  int groups = 1, deformable_groups = 1;
  int stride = 1, padding = 1, dilation = 1;
  int64_t kernel = 3;
};

int64_t OutSize(int64_t in, const DeformCase& c) {
  return (in + 2 * c.padding - (c.dilation * (c.kernel - 1) + 1)) / c.stride + 1;
}

struct Shapes {
  std::vector<int64_t> input, filter, offset, mask, output;
};

Shapes ShapesOf(const DeformCase& c, int64_t n, int64_t ch, int64_t h, int64_t w, int64_t m) {
  const int64_t ho = OutSize(h, c), wo = OutSize(w, c), k = c.kernel * c.kernel;
  return {{n, ch, h, w},
          {m, ch / c.groups, c.kernel, c.kernel},
          {n, 2 * c.deformable_groups * k, ho, wo},
          {n, c.deformable_groups * k, ho, wo},
          {n, m, ho, wo}};
}

// Input shape declared with unknown batch and spatial dims, so the
// decomposition's run-time shapes are exercised.
ProgramBuilder Program(const DeformCase& c, const Shapes& s, const HostTensor& filter) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, s.input[1], -1, -1})
      .Input("offset", DataType::kFloat32, {-1, s.offset[1], -1, -1})
      .Param("w", filter)
      .Var("y", DataType::kFloat32, {-1, s.output[1], -1, -1});
  if (!c.v1) p.Input("mask", DataType::kFloat32, {-1, s.mask[1], -1, -1});
  auto op = p.Op(c.v1 ? "deformable_conv_v1" : "deformable_conv");
  op.In("Input", {"x"})
      .In("Offset", {"offset"})
      .In("Filter", {"w"})
      .Out("Output", {"y"})
      .Attr("strides", std::vector<int>{c.stride, c.stride})
      .Attr("paddings", std::vector<int>{c.padding, c.padding})
      .Attr("dilations", std::vector<int>{c.dilation, c.dilation})
      .Attr("groups", c.groups)
      .Attr("deformable_groups", c.deformable_groups)
      .Attr("im2col_step", 1);
  if (!c.v1) op.In("Mask", {"mask"});
  p.Output("y");
  return p;
}

void ExpectCase(const DeformCase& c, uint32_t seed) {
  const Shapes s = ShapesOf(c, 2, 4, 6, 7, 6);
  const HostTensor filter = RandomTensor(DataType::kFloat32, s.filter, seed);
  interp::TensorMap feeds = {
      {"x", RandomTensor(DataType::kFloat32, s.input, seed + 1)},
      // Offsets up to ±2.5 pixels move many samples off the map.
      {"offset", RandomTensor(DataType::kFloat32, s.offset, seed + 2, -2.5, 2.5)}};
  if (!c.v1) feeds["mask"] = RandomTensor(DataType::kFloat32, s.mask, seed + 3, 0, 1);
  // 11: decomposition (lowest), 13/18: Squeeze/Split signature changes,
  // 17, 19: DeformConv.
  ExpectMatchesReference(Program(c, s, filter), feeds, {.opsets = {11, 13, 17, 18, 19}});
}

TEST(DeformableConv, EveryBranch) {
  uint32_t seed = 500;
  for (bool v1 : {false, true}) {
    for (auto [groups, dgroups] :
         {std::pair{1, 1}, std::pair{2, 1}, std::pair{1, 2}, std::pair{2, 2}}) {
      SCOPED_TRACE(::testing::Message() << (v1 ? "v1" : "v2") << " groups " << groups
                                        << " deformable_groups " << dgroups);
      ExpectCase({v1, groups, dgroups, 1, 1, 1, 3}, seed += 10);
    }
  }
}

TEST(DeformableConv, StridesPaddingsDilations) {
  uint32_t seed = 600;
  for (int stride : {1, 2}) {
    for (int padding : {0, 2}) {
      for (int dilation : {1, 2}) {
        SCOPED_TRACE(::testing::Message()
                     << "stride " << stride << " padding " << padding << " dilation " << dilation);
        ExpectCase({false, 1, 1, stride, padding, dilation, 3}, seed += 10);
      }
    }
  }
  ExpectCase({true, 1, 2, 2, 0, 1, 2}, 690);  // even kernel
}

// A 1×1 kernel of weight 1 (deformable_conv_v1) on X(y, x) = 3y + x + 1
// (3×3) with `offset` [1, 2, 3, 3] (dy for the 9 outputs, then dx): expects
// the 9 sampled values `want` at `opsets`.
void ExpectUnitKernelSamples(const std::vector<float>& offset, const std::vector<float>& want,
                             const std::vector<int>& opsets) {
  const DeformCase c{true, 1, 1, 1, 0, 1, 1};
  const Shapes s = ShapesOf(c, 1, 1, 3, 3, 1);
  std::vector<float> x;
  for (int i = 0; i < 9; ++i) x.push_back(static_cast<float>(i + 1));
  const HostTensor filter =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1}, std::vector<float>{1});
  ExpectMatchesReference(
      Program(c, s, filter),
      {{"x", HostTensor::From<float>(DataType::kFloat32, s.input, x)},
       {"offset", HostTensor::From<float>(DataType::kFloat32, s.offset, offset)}},
      {.opsets = opsets}, {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 3, 3}, want)}});
}

// A 1×1 kernel of weight 1 on X(y, x) = 3y + x + 1 (3×3) with every offset
// (dy, dx) = (0.5, 0.25): output (y, x) is X at (y + 0.5, x + 0.25), linear
// inside the map; corners past the last row/column read 0, so column 2
// keeps 0.75 of its left corners and row 2 half of its upper ones.
TEST(DeformableConv, HandComputed) {
  std::vector<float> offset(9, 0.5f);
  offset.resize(18, 0.25f);
  ExpectUnitKernelSamples(
      offset, {2.75f, 3.75f, 3.375f, 5.75f, 6.75f, 5.625f, 3.625f, 4.125f, 3.375f}, {11, 19});
}

// Paddle reads 0 where a sample is not inside (-1, H) x (-1, W), which
// includes NaN and infinite positions: a 1x1 kernel of weight 1 on X = 1..9
// (3x3) with offsets (NaN, 0), (0, +inf), (-inf, 0), (1e30, 0) at the first
// four outputs and 0 elsewhere.
TEST(DeformableConv, NonFiniteOffsetsReadZero) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> offset(18, 0.0f);  // dy for the 9 outputs, then dx
  offset[0] = nan;
  offset[9 + 1] = inf;
  offset[2] = -inf;
  offset[3] = 1e30f;
  ExpectUnitKernelSamples(offset, {0, 0, 0, 0, 5, 6, 7, 8, 9}, {11, 13, 17, 18, 19});
}

// deformable_conv_v1 with a 1×3 kernel and dilations [1, 2] on a 2×5 map:
// Ho = 2, Wo = (5 - 5) / 1 + 1 = 1.
ProgramBuilder UnequalDilationsProgram(const HostTensor& filter) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 1, -1, -1})
      .Input("offset", DataType::kFloat32, {-1, 6, -1, -1})
      .Param("w", filter)
      .Var("y", DataType::kFloat32, {-1, 1, -1, -1});
  p.Op("deformable_conv_v1")
      .In("Input", {"x"})
      .In("Offset", {"offset"})
      .In("Filter", {"w"})
      .Out("Output", {"y"})
      .Attr("strides", std::vector<int>{1, 1})
      .Attr("paddings", std::vector<int>{0, 0})
      .Attr("dilations", std::vector<int>{1, 2})
      .Attr("groups", 1)
      .Attr("deformable_groups", 1)
      .Attr("im2col_step", 1);
  p.Output("y");
  return p;
}

// Zero offsets: a dilated convolution. X = 1..10 (2×5), taps at columns 0,
// 2, 4 weighted 1, 10, 100: row 0 → 1 + 30 + 500, row 1 → 6 + 80 + 1000.
TEST(DeformableConv, UnequalDilationsHandComputed) {
  const HostTensor filter =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 3}, std::vector<float>{1, 10, 100});
  std::vector<float> x;
  for (int i = 0; i < 10; ++i) x.push_back(static_cast<float>(i + 1));
  ExpectMatchesReference(UnequalDilationsProgram(filter),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 5}, x)},
                          {"offset", HostTensor::From<float>(DataType::kFloat32, {1, 6, 2, 1},
                                                             std::vector<float>(12, 0.0f))}},
                         {.opsets = {11, 19}},
                         {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 1},
                                                        std::vector<float>{531, 1086})}});
}

TEST(DeformableConv, UnequalDilationsRandomOffsets) {
  const HostTensor filter = RandomTensor(DataType::kFloat32, {1, 1, 1, 3}, 31);
  ExpectMatchesReference(
      UnequalDilationsProgram(filter),
      {{"x", RandomTensor(DataType::kFloat32, {2, 1, 3, 6}, 32)},
       {"offset", RandomTensor(DataType::kFloat32, {2, 6, 3, 2}, 33, -2.5, 2.5)}},
      {.opsets = {11, 13, 17, 18, 19}});
}

TEST(DeformableConv, NeedsOpset11) {
  const DeformCase c{};
  const Shapes s = ShapesOf(c, 1, 2, 4, 4, 2);
  ExpectConversionFails(Program(c, s, RandomTensor(DataType::kFloat32, s.filter, 1)), 10,
                        "Range-11");
}

}  // namespace
}  // namespace pd2onnx::testing

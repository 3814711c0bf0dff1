// affine_grid (align_corners both ways, OutputShape tensor), fold (strides,
// paddings, dilations, uneven coverage), lrn (NCHW, NHWC, even n), maxout
// (axis 1 and 3), unpool (computed and explicit output_size).
#include <gtest/gtest.h>

#include <cmath>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

ProgramBuilder AffineGrid(bool align, bool shape_tensor) {
  ProgramBuilder p;
  p.Input("theta", DataType::kFloat32, {-1, 2, 3}).Var("grid", DataType::kFloat32, {-1, 4, 5, 2});
  auto op = p.Op("affine_grid");
  op.In("Theta", {"theta"}).Out("Output", {"grid"}).Attr("align_corners", align);
  if (shape_tensor) {
    p.Param("shape", HostTensor::From<int32_t>(DataType::kInt32, {4}, {2, 3, 4, 5}));
    op.In("OutputShape", {"shape"});
  } else {
    op.Attr("output_shape", std::vector<int>{2, 3, 4, 5});
  }
  p.Output("grid");
  return p;
}

TEST(AffineGrid, AlignCornersAndShapeSources) {
  const HostTensor theta = RandomTensor(DataType::kFloat32, {2, 2, 3}, 1);
  for (bool align : {true, false}) {
    for (bool tensor : {false, true}) {
      ExpectMatchesReference(AffineGrid(align, tensor), {{"theta", theta}},
                             {.opsets = {7, 13, 17, 19}});
    }
  }
}

// Identity θ, 2 × 2 grid: align_corners → corners ±1; otherwise ±0.5.
TEST(AffineGrid, IdentityByHand) {
  for (bool align : {true, false}) {
    ProgramBuilder p;
    p.Input("theta", DataType::kFloat32, {1, 2, 3}).Var("grid", DataType::kFloat32, {1, 2, 2, 2});
    p.Op("affine_grid")
        .In("Theta", {"theta"})
        .Out("Output", {"grid"})
        .Attr("align_corners", align)
        .Attr("output_shape", std::vector<int>{1, 1, 2, 2});
    p.Output("grid");
    const float e = align ? 1.0f : 0.5f;
    ExpectMatchesReference(
        p, {{"theta", HostTensor::From<float>(DataType::kFloat32, {1, 2, 3}, {1, 0, 0, 0, 1, 0})}},
        {.opsets = {7, 19}},
        {{"grid", HostTensor::From<float>(DataType::kFloat32, {1, 2, 2, 2},
                                          {-e, -e, e, -e, -e, e, e, e})}});
  }
}

ProgramBuilder Fold(const std::vector<int64_t>& in, const std::vector<int64_t>& out,
                    const std::vector<int64_t>& size, const std::vector<int64_t>& k,
                    const std::vector<int64_t>& s, const std::vector<int64_t>& pads,
                    const std::vector<int64_t>& d) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in).Var("y", DataType::kFloat32, out);
  p.Op("fold")
      .In("X", {"x"})
      .Out("Y", {"y"})
      .Attr("output_sizes", Ints(size))
      .Attr("kernel_sizes", Ints(k))
      .Attr("strides", Ints(s))
      .Attr("paddings", Ints(pads))
      .Attr("dilations", Ints(d));
  p.Output("y");
  return p;
}

TEST(Fold, Variants) {
  // 4×5 output, 2×2 kernel, stride 1: 3·4 = 12 blocks.
  ExpectMatchesReference(
      Fold({2, 12, 12}, {2, 3, 4, 5}, {4, 5}, {2, 2}, {1, 1}, {0, 0, 0, 0}, {1, 1}),
      {{"x", RandomTensor(DataType::kFloat32, {2, 12, 12}, 2)}}, {.opsets = {7, 11, 13, 17, 19}});
  // 7×6, kernel 3×2, stride 2×1, paddings [1, 0, 2, 1], dilation 2×1:
  // H blocks (7 + 3 − 5) / 2 + 1 = 3 (remainder 1), W (6 + 1 − 2) + 1 = 6.
  ExpectMatchesReference(
      Fold({-1, 12, 18}, {-1, 2, 7, 6}, {7, 6}, {3, 2}, {2, 1}, {1, 0, 2, 1}, {2, 1}),
      {{"x", RandomTensor(DataType::kFloat32, {2, 12, 18}, 3)}}, {.opsets = {7, 17, 19}});
}

// Overlapping blocks sum into the same output pixels.
TEST(Fold, OverlapByHand) {
  // Output 2×1 (C = 1), kernel 2×1, stride 1: one block covering both rows.
  ProgramBuilder p = Fold({1, 2, 1}, {1, 1, 2, 1}, {2, 1}, {2, 1}, {1, 1}, {0, 0, 0, 0}, {1, 1});
  ExpectMatchesReference(
      p, {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 2, 1}, {3, 4})}},
      {.opsets = {7, 19}},
      {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 1}, {3, 4})}});
  // Output 3×1, kernel 2×1, stride 1: blocks at rows 0–1 and 1–2 overlap.
  ProgramBuilder q = Fold({1, 2, 2}, {1, 1, 3, 1}, {3, 1}, {2, 1}, {1, 1}, {0, 0, 0, 0}, {1, 1});
  ExpectMatchesReference(
      q, {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 2, 2}, {1, 2, 10, 20})}},
      {.opsets = {7, 19}},
      {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 3, 1}, {1, 12, 20})}});
}

ProgramBuilder Lrn(const std::vector<int64_t>& dims, int n, const std::string& format) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, dims);
  p.Var("mid", DataType::kFloat32, dims);
  p.Op("lrn")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Out("MidOut", {"mid"})
      .Attr("n", n)
      .Attr("k", 1.5f)
      .Attr("alpha", 0.2f)
      .Attr("beta", 0.6f)
      .Attr("data_format", format);
  p.Output("out").Output("mid");
  return p;
}

TEST(Lrn, LayoutsAndWindowSizes) {
  for (int n : {5, 4, 1}) {
    ExpectMatchesReference(Lrn({2, 6, 3, 4}, n, "NCHW"),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 6, 3, 4}, 4, -2, 2)}},
                           {.opsets = {7, 11, 17, 19}});
  }
  ExpectMatchesReference(Lrn({-1, 3, 4, 6}, 3, "NHWC"),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4, 6}, 5, -2, 2)}},
                         {.opsets = {7, 17, 19}});
  ExpectMatchesReference(Lrn({1, 4, 2, 2}, 5, "AnyLayout"),
                         {{"x", RandomTensor(DataType::kFloat32, {1, 4, 2, 2}, 6, -2, 2)}},
                         {.opsets = {7, 19}});
}

// One pixel, channels [1, 2], n = 3, k 1.5, alpha 0.2, beta 0.6: both
// windows cover both channels: mid = 1.5 + 0.2·5 = 2.5.
TEST(Lrn, ByHand) {
  const float scale = std::pow(2.5f, -0.6f);
  ExpectMatchesReference(
      Lrn({1, 2, 1, 1}, 3, "NCHW"),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 2, 1, 1}, {1, 2})}},
      {.opsets = {7, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {1, 2, 1, 1}, {scale, 2 * scale})},
       {"mid", HostTensor::From<float>(DataType::kFloat32, {1, 2, 1, 1}, {2.5f, 2.5f})}});
}

ProgramBuilder Maxout(const std::vector<int64_t>& in, const std::vector<int64_t>& out, int groups,
                      int axis) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in).Var("out", DataType::kFloat32, out);
  p.Op("maxout").In("X", {"x"}).Out("Out", {"out"}).Attr("groups", groups).Attr("axis", axis);
  p.Output("out");
  return p;
}

TEST(Maxout, Axes) {
  ExpectMatchesReference(Maxout({2, 6, 3, 4}, {2, 3, 3, 4}, 2, 1),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 6, 3, 4}, 7)}},
                         {.opsets = {7, 13, 17, 18, 19}});
  ExpectMatchesReference(Maxout({-1, 3, -1, 6}, {-1, 3, -1, 2}, 3, -1),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4, 6}, 8)}},
                         {.opsets = {7, 17, 18, 19}});
  ExpectMatchesReference(
      Maxout({1, 4, 1, 1}, {1, 2, 1, 1}, 2, 1),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 4, 1, 1}, {1, 5, -2, -3})}},
      {.opsets = {7, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {1, 2, 1, 1}, {5, -2})}});
}

ProgramBuilder Unpool(const std::vector<int64_t>& in, const std::vector<int64_t>& out,
                      const std::vector<int64_t>& output_size) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in).Input("idx", DataType::kInt32, in);
  p.Var("out", DataType::kFloat32, out);
  auto op = p.Op("unpool");
  op.In("X", {"x"})
      .In("Indices", {"idx"})
      .Out("Out", {"out"})
      .Attr("unpooling_type", "max")
      .Attr("ksize", std::vector<int>{2, 2})
      .Attr("strides", std::vector<int>{2, 2})
      .Attr("paddings", std::vector<int>{0, 0});
  if (!output_size.empty()) op.Attr("output_size", Ints(output_size));
  p.Output("out");
  return p;
}

TEST(Unpool, ComputedAndExplicitSize) {
  // X [1, 2, 2, 2] → [1, 2, 4, 4]; indices are each 2×2 window's argmax.
  const HostTensor x = RandomTensor(DataType::kFloat32, {1, 2, 2, 2}, 9);
  const HostTensor idx =
      HostTensor::From<int32_t>(DataType::kInt32, {1, 2, 2, 2}, {0, 3, 9, 14, 5, 2, 12, 15});
  ExpectMatchesReference(Unpool({1, 2, 2, 2}, {1, 2, 4, 4}, {}), {{"x", x}, {"idx", idx}},
                         {.opsets = {11, 13, 17, 19}});
  // output_size 5×5 (an odd input size): plane of 25.
  const HostTensor idx5 =
      HostTensor::From<int32_t>(DataType::kInt32, {1, 2, 2, 2}, {0, 3, 11, 18, 6, 2, 15, 24});
  ExpectMatchesReference(Unpool({-1, 2, 2, 2}, {-1, 2, 5, 5}, {5, 5}), {{"x", x}, {"idx", idx5}},
                         {.opsets = {11, 17, 19}});
  ExpectConversionFails(Unpool({1, 2, 2, 2}, {1, 2, 4, 4}, {}), 10, "ScatterElements-11");
}

ProgramBuilder ShuffleChannel(const std::vector<int64_t>& dims, int group) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, dims);
  p.Op("shuffle_channel").In("X", {"x"}).Out("Out", {"out"}).Attr("group", group);
  p.Output("out");
  return p;
}

TEST(ShuffleChannel, Groups) {
  for (int group : {2, 3}) {
    ExpectMatchesReference(ShuffleChannel({-1, 6, -1, 3}, group),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 6, 2, 3}, 10)}},
                           {.opsets = {7, 13, 17, 19}});
  }
  // Channels [0, 1, 2, 3] in 2 groups → [0, 2, 1, 3].
  ExpectMatchesReference(
      ShuffleChannel({1, 4, 1, 1}, 2),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 4, 1, 1}, {0, 1, 2, 3})}},
      {.opsets = {7, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {1, 4, 1, 1}, {0, 2, 1, 3})}});
}

}  // namespace
}  // namespace pd2onnx::testing

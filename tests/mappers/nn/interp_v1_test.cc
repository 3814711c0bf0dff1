// The v1 interpolation ops: size from out_*, the float `scale` attribute
// (step in/out, unlike v2), OutSize / SizeTensor (constant and run time),
// align_corners / align_mode, NHWC, and bicubic's truncation limit.
// Resize changed at 13, 18 and 19; the v1 mappers start at 11.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const OpTestOptions kOpsets = {.opsets = {11, 13, 17, 18, 19}};

struct Interp {
  std::string type;
  std::vector<int64_t> in, out;  // X and Out dims
  bool align_corners = false;
  int align_mode = 1;
  std::string layout = "NCHW";
};

OpBuilder InterpOp(ProgramBuilder& p, const Interp& c) {
  p.Input("x", DataType::kFloat32, c.in).Var("y", DataType::kFloat32, c.out);
  const std::string method = c.type.substr(0, c.type.find("_interp"));
  return p.Op(c.type)
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("align_corners", c.align_corners)
      .Attr("align_mode", c.align_mode)
      .Attr("data_layout", c.layout)
      .Attr("interp_method", method);
}

void SetExtents(OpBuilder& op, const std::vector<int64_t>& extents) {
  const char* names[] = {"out_d", "out_h", "out_w"};
  for (size_t i = 0; i < extents.size(); ++i) {
    op.Attr(names[3 - extents.size() + i], static_cast<int>(extents[i]));
  }
}

void Check(const ProgramBuilder& p, const Interp& c, uint32_t seed,
           const interp::TensorMap& extra_feeds = {}) {
  interp::TensorMap feeds = extra_feeds;
  feeds["x"] = RandomTensor(DataType::kFloat32, c.in, seed);
  ExpectMatchesReference(p, feeds, kOpsets);
}

TEST(InterpV1Test, BilinearOutExtentsEveryAlignment) {
  for (bool align_corners : {false, true}) {
    for (int align_mode : {0, 1}) {
      SCOPED_TRACE(::testing::Message() << align_corners << " " << align_mode);
      const Interp c{"bilinear_interp", {1, 2, 5, 4}, {1, 2, 9, 3}, align_corners, align_mode};
      ProgramBuilder p;
      OpBuilder op = InterpOp(p, c);
      SetExtents(op, {9, 3});
      p.Output("y");
      Check(p, c, 1);
    }
  }
}

// scale 1.5 on 5x6: out = 7x9, and the step is 5/7 (not 1/1.5).
TEST(InterpV1Test, BilinearScaleStepsByInOverOut) {
  const Interp c{"bilinear_interp", {1, 1, 5, 6}, {1, 1, 7, 9}};
  ProgramBuilder p;
  InterpOp(p, c).Attr("scale", 1.5f);
  p.Output("y");
  Check(p, c, 2);
}

TEST(InterpV1Test, BilinearNhwcAlignMode0) {
  const Interp c{"bilinear_interp", {1, 4, 5, 3}, {1, 8, 7, 3}, false, 0, "NHWC"};
  ProgramBuilder p;
  OpBuilder op = InterpOp(p, c);
  SetExtents(op, {8, 7});
  p.Output("y");
  Check(p, c, 3);
}

// OutSize overrides the scale; then the step is in/out.
TEST(InterpV1Test, OutSizeConstantAndRunTimeOverridesScale) {
  for (bool run_time : {false, true}) {
    SCOPED_TRACE(run_time ? "run time" : "constant");
    const Interp c{"bilinear_interp", {1, 2, 4, 4}, {1, 2, -1, -1}};
    ProgramBuilder p;
    const HostTensor size = HostTensor::From<int32_t>(DataType::kInt32, {2}, {6, 3});
    if (run_time) {
      p.Input("size", DataType::kInt32, {2});
    } else {
      p.Param("size", size);
    }
    InterpOp(p, c).In("OutSize", {"size"}).Attr("scale", 2.0f);
    p.Output("y");
    Check(p, c, 4, run_time ? interp::TensorMap{{"size", size}} : interp::TensorMap{});
  }
}

TEST(InterpV1Test, NearestSizeTensorRunTime) {
  const Interp c{"nearest_interp", {1, 3, 4, 5}, {1, 3, -1, -1}};
  ProgramBuilder p;
  p.Input("h", DataType::kInt32, {1}).Input("w", DataType::kInt32, {1});
  InterpOp(p, c).In("SizeTensor", {"h", "w"});
  p.Output("y");
  Check(p, c, 5,
        {{"h", HostTensor::From<int32_t>(DataType::kInt32, {1}, {7})},
         {"w", HostTensor::From<int32_t>(DataType::kInt32, {1}, {3})}});
}

// Nearest, scale 2, no align_corners: each pixel becomes a 2x2 block.
TEST(InterpV1Test, NearestScaleTwoByHand) {
  const Interp c{"nearest_interp", {1, 1, 2, 2}, {1, 1, 4, 4}};
  ProgramBuilder p;
  InterpOp(p, c).Attr("scale", 2.0f);
  p.Output("y");
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 2}, {1, 2, 3, 4});
  const HostTensor y = HostTensor::From<float>(DataType::kFloat32, {1, 1, 4, 4},
                                               {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
  ExpectMatchesReference(p, {{"x", x}}, kOpsets, {{"y", y}});
}

TEST(InterpV1Test, NearestAlignCornersShrinkAndGrow) {
  const Interp c{"nearest_interp", {2, 2, 7, 4}, {2, 2, 3, 9}, true};
  ProgramBuilder p;
  OpBuilder op = InterpOp(p, c);
  SetExtents(op, {3, 9});
  p.Output("y");
  Check(p, c, 6);
}

TEST(InterpV1Test, BicubicAlignCornersGrows) {
  const Interp c{"bicubic_interp", {1, 2, 4, 5}, {1, 2, 7, 8}, true};
  ProgramBuilder p;
  OpBuilder op = InterpOp(p, c);
  SetExtents(op, {7, 8});
  p.Output("y");
  Check(p, c, 7);
}

TEST(InterpV1Test, BicubicHalfPixelShrinks) {
  const Interp c{"bicubic_interp", {1, 2, 9, 8}, {1, 2, 4, 5}};
  ProgramBuilder p;
  OpBuilder op = InterpOp(p, c);
  SetExtents(op, {4, 5});
  p.Output("y");
  Check(p, c, 8);
}

// A scale shrinking an axis to 1 (5 · 0.25 → 1, 8 · 0.25 → 2): Paddle's ratio
// is 0 there, so the sample sits at -0.5, truncated to index 0 (t = -0.5).
// NHWC bicubic downscaling (ONNX Runtime refuses it on an NHWC Resize).
TEST(InterpV1Test, BicubicScaleShrinksToOneNhwc) {
  const Interp c{"bicubic_interp", {2, 5, 8, 3}, {2, 1, 2, 3}, false, 1, "NHWC"};
  ProgramBuilder p;
  InterpOp(p, c).Attr("scale", 0.25f);
  p.Output("y");
  Check(p, c, 9);
}

// Column x = [2, 4, 8] → out_h 1: taps -1..2 (clamped 0, 0, 1, 2) with the
// A = -0.75 weights at t = -0.5 [0.84375, 0.28125, 0.15625, -0.28125]:
// 2 · 1.125 + 4 · 0.15625 - 8 · 0.28125 = 0.625.
TEST(InterpV1Test, BicubicOutExtentOneByHand) {
  const Interp c{"bicubic_interp", {1, 1, 3, 1}, {1, 1, 1, 1}};
  ProgramBuilder p;
  OpBuilder op = InterpOp(p, c);
  SetExtents(op, {1, 1});
  p.Output("y");
  ExpectMatchesReference(
      p, {{"x", HostTensor::From<float>(DataType::kFloat32, c.in, std::vector<float>{2, 4, 8})}},
      kOpsets,
      {{"y", HostTensor::From<float>(DataType::kFloat32, c.out, std::vector<float>{0.625f})}});
}

// Enlarging without align_corners would need truncated (not floored)
// negative source coordinates.
TEST(InterpV1Test, BicubicHalfPixelGrowFails) {
  const Interp c{"bicubic_interp", {1, 2, 4, 4}, {1, 2, 8, 8}};
  ProgramBuilder p;
  OpBuilder op = InterpOp(p, c);
  SetExtents(op, {8, 8});
  p.Output("y");
  ExpectConversionFails(p, 17, "truncates negative source coordinates");
}

TEST(InterpV1Test, LinearEveryAlignment) {
  for (bool align_corners : {false, true}) {
    for (int align_mode : {0, 1}) {
      SCOPED_TRACE(::testing::Message() << align_corners << " " << align_mode);
      const Interp c{"linear_interp", {2, 3, 5}, {2, 3, 8}, align_corners, align_mode, "NCHW"};
      ProgramBuilder p;
      OpBuilder op = InterpOp(p, c);
      SetExtents(op, {8});
      p.Output("y");
      Check(p, c, 9);
    }
  }
}

TEST(InterpV1Test, TrilinearScaleAndNdhwc) {
  {
    const Interp c{"trilinear_interp", {1, 2, 3, 4, 5}, {1, 2, 4, 6, 7}};
    ProgramBuilder p;
    InterpOp(p, c).Attr("scale", 1.5f);
    p.Output("y");
    Check(p, c, 10);
  }
  {
    const Interp c{"trilinear_interp", {1, 3, 4, 5, 2}, {1, 5, 2, 7, 2}, false, 0, "NHWC"};
    ProgramBuilder p;
    OpBuilder op = InterpOp(p, c);
    SetExtents(op, {5, 2, 7});
    p.Output("y");
    Check(p, c, 11);
  }
}

// Unknown extents with a scale of 1, 2, 4, ...: in * scale is whole, so the
// step in/out is 1/scale and the v2 op (Resize with scales) is exact.
TEST(InterpV1Test, PowerOfTwoScaleWithUnknownExtents) {
  for (const std::string type : {"nearest_interp", "bilinear_interp"}) {
    for (bool align_corners : {false, true}) {
      for (const std::string layout : {"NCHW", "NHWC"}) {
        for (float scale : {1.0f, 2.0f, 4.0f}) {
          SCOPED_TRACE(::testing::Message()
                       << type << " " << align_corners << " " << layout << " " << scale);
          const bool nhwc = layout == "NHWC";
          const Interp c{
              type,
              nhwc ? std::vector<int64_t>{1, -1, -1, 2} : std::vector<int64_t>{1, 2, -1, -1},
              nhwc ? std::vector<int64_t>{1, -1, -1, 2} : std::vector<int64_t>{1, 2, -1, -1},
              align_corners,
              0,
              layout};
          ProgramBuilder p;
          InterpOp(p, c).Attr("scale", scale);
          p.Output("y");
          const std::vector<int64_t> dims =
              nhwc ? std::vector<int64_t>{1, 5, 3, 2} : std::vector<int64_t>{1, 2, 5, 3};
          ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, dims, 12)}}, kOpsets);
        }
      }
    }
  }
}

// Scale 2 doubles every pixel whatever the extents: by hand on 1x3.
TEST(InterpV1Test, NearestScaleTwoUnknownExtentsByHand) {
  const Interp c{"nearest_interp", {1, 1, -1, -1}, {1, 1, -1, -1}};
  ProgramBuilder p;
  InterpOp(p, c).Attr("scale", 2.0f);
  p.Output("y");
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 3}, {1, 2, 3});
  const HostTensor y = HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 6},
                                               {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3});
  ExpectMatchesReference(p, {{"x", x}}, kOpsets, {{"y", y}});
}

// Other scales step by in/out, which depends on the unknown extents.
TEST(InterpV1Test, FractionalScaleWithUnknownExtentsFails) {
  for (float scale : {1.5f, 0.5f, 3.0f}) {
    const Interp c{"bilinear_interp", {1, 2, -1, -1}, {1, 2, -1, -1}};
    ProgramBuilder p;
    InterpOp(p, c).Attr("scale", scale);
    p.Output("y");
    ExpectConversionFails(p, 17, "with unknown input extents");
  }
}

TEST(InterpV1Test, BelowOpset11Fails) {
  const Interp c{"nearest_interp", {1, 1, 2, 2}, {1, 1, 4, 4}};
  ProgramBuilder p;
  InterpOp(p, c).Attr("scale", 2.0f);
  p.Output("y");
  ExpectConversionFails(p, 10, "Resize-11 sizes");
}

}  // namespace
}  // namespace pd2onnx::testing

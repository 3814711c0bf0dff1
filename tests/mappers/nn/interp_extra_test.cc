// linear_interp_v2, trilinear_interp_v2 and bicubic_interp_v2 (Resize-11).
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct InterpCase {
  std::string name;
  std::string type;
  std::vector<int64_t> input;     // fed shape, in data_layout order
  std::vector<int64_t> out;       // declared output shape
  std::vector<float> scale = {};  // the `scale` attribute
  std::vector<int> out_dhw = {};  // out_d/out_h/out_w (last entries used)
  bool align_corners = false;
  int align_mode = 1;
  std::string layout = "NCHW";
  std::vector<int32_t> out_size = {};  // OutSize model input (empty = absent)
  std::vector<size_t> unknown = {};    // input axes declared -1

  friend void PrintTo(const InterpCase& c, std::ostream* os) { *os << c.name; }
};

ProgramBuilder Program(const InterpCase& c) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, nn_test::WithUnknown(c.input, c.unknown));
  if (!c.out_size.empty()) {
    p.Input("out_size", DataType::kInt32, {static_cast<int64_t>(c.out_size.size())});
  }
  p.Var("y", DataType::kFloat32, c.out);
  std::vector<int> dhw = {0, 0, 0};
  for (size_t i = 0; i < c.out_dhw.size(); ++i) dhw[3 - c.out_dhw.size() + i] = c.out_dhw[i];
  auto op = p.Op(c.type);
  op.In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("out_d", dhw[0])
      .Attr("out_h", dhw[1])
      .Attr("out_w", dhw[2])
      .Attr("scale", c.scale)
      .Attr("align_corners", c.align_corners)
      .Attr("align_mode", c.align_mode)
      .Attr("data_layout", c.layout)
      .Attr("interp_method", std::string("x"));
  if (!c.out_size.empty()) op.In("OutSize", {"out_size"});
  p.Output("y");
  return p;
}

interp::TensorMap Feeds(const InterpCase& c) {
  interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, c.input, 161)}};
  if (!c.out_size.empty()) {
    feeds["out_size"] = HostTensor::From<int32_t>(
        DataType::kInt32, {static_cast<int64_t>(c.out_size.size())}, c.out_size);
  }
  return feeds;
}

class InterpExtraTest : public ::testing::TestWithParam<InterpCase> {};

TEST_P(InterpExtraTest, MatchesReference) {
  ExpectMatchesReference(Program(GetParam()), Feeds(GetParam()),
                         {.opsets = {11, 13, 17, 18, 19, 21}});
}

INSTANTIATE_TEST_SUITE_P(Branches, InterpExtraTest,
                         ::testing::Values(InterpCase{.name = "LinearAsymmetricSize",
                                                      .type = "linear_interp_v2",
                                                      .input = {2, 3, 5},
                                                      .out = {2, 3, 8},
                                                      .out_dhw = {8},
                                                      .layout = "NCW"},
                                           InterpCase{.name = "LinearHalfPixelScale",
                                                      .type = "linear_interp_v2",
                                                      .input = {2, 3, 6},
                                                      .out = {2, 3, 9},
                                                      .scale = {1.5f},
                                                      .align_mode = 0,
                                                      .layout = "NCW"},
                                           InterpCase{.name = "LinearAlignCornersShrinkNwc",
                                                      .type = "linear_interp_v2",
                                                      .input = {2, 7, 3},
                                                      .out = {2, 4, 3},
                                                      .out_dhw = {4},
                                                      .align_corners = true,
                                                      .layout = "NWC"},
                                           InterpCase{.name = "LinearOutSizeDynamic",
                                                      .type = "linear_interp_v2",
                                                      .input = {2, 3, 5},
                                                      .out = {-1, 3, -1},
                                                      .align_mode = 0,
                                                      .layout = "NCW",
                                                      .out_size = {7},
                                                      .unknown = {0, 2}},
                                           InterpCase{.name = "LinearIdentity",
                                                      .type = "linear_interp_v2",
                                                      .input = {1, 2, 5},
                                                      .out = {1, 2, 5},
                                                      .scale = {1.1f},
                                                      .layout = "NCW"},
                                           InterpCase{.name = "TrilinearHalfPixel",
                                                      .type = "trilinear_interp_v2",
                                                      .input = {1, 2, 3, 4, 5},
                                                      .out = {1, 2, 5, 3, 7},
                                                      .out_dhw = {5, 3, 7},
                                                      .align_mode = 0,
                                                      .layout = "NCDHW"},
                                           InterpCase{.name = "TrilinearAlignCornersScale",
                                                      .type = "trilinear_interp_v2",
                                                      .input = {1, 2, 3, 4, 2},
                                                      .out = {1, 2, 6, 8, 4},
                                                      .scale = {2, 2, 2},
                                                      .align_corners = true,
                                                      .layout = "NCDHW"},
                                           InterpCase{.name = "TrilinearAsymmetricNdhwc",
                                                      .type = "trilinear_interp_v2",
                                                      .input = {2, 2, 3, 4, 3},
                                                      .out = {2, 4, 6, 2, 3},
                                                      .out_dhw = {4, 6, 2},
                                                      .layout = "NDHWC"},
                                           InterpCase{.name = "BicubicHalfPixelSize",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 2, 5, 6},
                                                      .out = {1, 2, 8, 4},
                                                      .out_dhw = {8, 4}},
                                           InterpCase{.name = "BicubicHalfPixelScale",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {2, 2, 4, 5},
                                                      .out = {2, 2, 8, 10},
                                                      .scale = {2, 2}},
                                           InterpCase{.name = "BicubicAlignCornersNhwc",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 4, 5, 3},
                                                      .out = {1, 7, 9, 3},
                                                      .out_dhw = {7, 9},
                                                      .align_corners = true,
                                                      .layout = "NHWC"},
                                           // Paddle reads only NCHW as channel-first.
                                           InterpCase{.name = "BicubicAnyLayoutIsChannelLast",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 5, 6, 2},
                                                      .out = {1, 8, 9, 2},
                                                      .out_dhw = {8, 9},
                                                      .layout = "AnyLayout"},
                                           InterpCase{.name = "BicubicOutSize",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 2, 4, 4},
                                                      .out = {1, 2, -1, -1},
                                                      .out_size = {6, 3}},
                                           // ONNX Runtime refuses cubic downscaling on an
                                           // NHWC Resize (it moves the Transposes in).
                                           InterpCase{.name = "BicubicShrinkNhwc",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {2, 5, 6, 3},
                                                      .out = {2, 3, 4, 3},
                                                      .out_dhw = {3, 4},
                                                      .layout = "NHWC"},
                                           InterpCase{.name = "BicubicShrinkScaleNhwc",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 6, 4, 2},
                                                      .out = {1, 3, 2, 2},
                                                      .scale = {0.5f, 0.5f},
                                                      .layout = "NHWC"},
                                           // An output extent of 1 samples at -0.5.
                                           InterpCase{.name = "BicubicOutExtentOne",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 2, 5, 4},
                                                      .out = {1, 2, 1, 6},
                                                      .out_dhw = {1, 6}},
                                           InterpCase{.name = "BicubicOutExtentOneScaleNhwc",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 5, 4, 2},
                                                      .out = {1, 1, 1, 2},
                                                      .scale = {0.25f, 0.3f},
                                                      .layout = "NHWC"},
                                           InterpCase{.name = "BicubicOutExtentOneOutSize",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 2, 4, 3},
                                                      .out = {1, 2, -1, -1},
                                                      .out_size = {1, 5}},
                                           InterpCase{.name = "BicubicOutSizeNotOne",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 2, 4, 3},
                                                      .out = {1, 2, -1, -1},
                                                      .out_size = {2, 1}},
                                           InterpCase{.name = "BicubicOutExtentOneScaleUnknownIn",
                                                      .type = "bicubic_interp_v2",
                                                      .input = {1, 2, 6, 3},
                                                      .out = {1, 2, -1, -1},
                                                      .scale = {0.25f, 2.0f},
                                                      .unknown = {2, 3}}),
                         nn_test::CaseName());

// linear, W = [0, 10] → 4 with out_w (ratio in/out = 0.5, asymmetric):
// sources 0, 0.5, 1, 1.5 → [0, 5, 10, 10] (index 1 is the last, so 1.5
// reads 10 twice).
TEST(InterpExtra, LinearHandComputed) {
  const InterpCase c = {.name = "hand",
                        .type = "linear_interp_v2",
                        .input = {1, 1, 2},
                        .out = {1, 1, 4},
                        .out_dhw = {4},
                        .layout = "NCW"};
  ExpectMatchesReference(
      Program(c),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 1, 2}, std::vector<float>{0, 10})}},
      {.opsets = {11, 17, 19}},
      {{"y",
        HostTensor::From<float>(DataType::kFloat32, {1, 1, 4}, std::vector<float>{0, 5, 10, 10})}});
}

// bicubic with align_corners, row [0, 1, 4] → 5 columns: step 0.5. At a
// half position the A = -0.75 weights are [-0.09375, 0.59375, 0.59375,
// -0.09375]; at whole positions [0, 1, 0, 0]. x = 0.5 reads clamped
// columns [0, 0, 1, 4]: 0.59375 - 4·0.09375 = 0.21875; x = 1.5 reads
// [0, 1, 4, 4]: 0.59375 + 4·0.59375 - 4·0.09375 = 2.59375.
TEST(InterpExtra, BicubicHandComputed) {
  const InterpCase c = {.name = "hand",
                        .type = "bicubic_interp_v2",
                        .input = {1, 1, 1, 3},
                        .out = {1, 1, 1, 5},
                        .out_dhw = {1, 5},
                        .align_corners = true};
  ExpectMatchesReference(
      Program(c),
      {{"x",
        HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 3}, std::vector<float>{0, 1, 4})}},
      {.opsets = {11, 17, 19}},
      {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 5},
                                     std::vector<float>{0, 0.21875f, 1, 2.59375f, 4})}});
}

// Column x = [2, 4, 8] → out_h 1: Paddle's ratio is 0, the source -0.5 is
// floored to -1 (t = 0.5): taps -2..1 (clamped 0, 0, 0, 1) weighted
// [-0.09375, 0.59375, 0.59375, -0.09375]: 2 · 1.09375 - 4 · 0.09375 = 1.8125.
TEST(InterpExtra, BicubicOutExtentOneByHand) {
  const InterpCase c = {.name = "hand",
                        .type = "bicubic_interp_v2",
                        .input = {1, 1, 3, 1},
                        .out = {1, 1, 1, 1},
                        .out_dhw = {1, 1}};
  ExpectMatchesReference(Program(c),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 1, 3, 1},
                                                        std::vector<float>{2, 4, 8})}},
                         {.opsets = {11, 17, 19}},
                         {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1},
                                                        std::vector<float>{1.8125f})}});
}

TEST(InterpExtra, NeedsOpset11) {
  const InterpCase c = {.name = "hand",
                        .type = "linear_interp_v2",
                        .input = {1, 1, 2},
                        .out = {1, 1, 4},
                        .out_dhw = {4},
                        .layout = "NCW"};
  ExpectConversionFails(Program(c), 10, "Resize-11");
}

}  // namespace
}  // namespace pd2onnx::testing

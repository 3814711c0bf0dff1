#include <gtest/gtest.h>

#include <limits>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

struct Pool3dSpec {
  std::vector<int64_t> in;   // declared
  std::vector<int64_t> out;  // declared
  std::string type = "max";
  std::vector<int64_t> ksize = {2, 2, 2};
  std::vector<int64_t> strides = {1, 1, 1};
  std::vector<int64_t> paddings = {0, 0, 0};
  bool global = false;
  bool adaptive = false;
  bool exclusive = true;
  bool ceil_mode = false;
  std::string algorithm = "EXPLICIT";
  std::string format = "NCDHW";
};

ProgramBuilder Program(const Pool3dSpec& s) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, s.in).Var("y", DataType::kFloat32, s.out);
  p.Op("pool3d")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("pooling_type", s.type)
      .Attr("ksize", Ints(s.ksize))
      .Attr("strides", Ints(s.strides))
      .Attr("paddings", Ints(s.paddings))
      .Attr("global_pooling", s.global)
      .Attr("adaptive", s.adaptive)
      .Attr("exclusive", s.exclusive)
      .Attr("ceil_mode", s.ceil_mode)
      .Attr("padding_algorithm", s.algorithm)
      .Attr("data_format", s.format);
  p.Output("y");
  return p;
}

void Expect(const Pool3dSpec& s, const std::vector<int64_t>& fed, std::vector<int> opsets) {
  ExpectMatchesReference(Program(s), {{"x", RandomTensor(DataType::kFloat32, fed, 121)}},
                         {.opsets = std::move(opsets)});
}

TEST(Pool3d, MaxPaddedStrided) {
  Expect({.in = {1, 2, 5, 6, 5},
          .out = {1, 2, 3, 3, 3},
          .ksize = {3, 3, 3},
          .strides = {2, 2, 2},
          .paddings = {1, 1, 1}},
         {1, 2, 5, 6, 5}, {7, 10, 17, 19, 21});
}

TEST(Pool3d, AvgExclusiveSixPaddings) {
  // D: 4 + 1 + 0 - 2 + 1 = 4; H: 5 + 0 + 1 - 3 + 1 = 4; W: (4 + 1 + 1 - 2) / 2 + 1 = 3.
  Expect({.in = {2, 3, 4, 5, 4},
          .out = {2, 3, 4, 4, 3},
          .type = "avg",
          .ksize = {2, 3, 2},
          .strides = {1, 1, 2},
          .paddings = {1, 0, 0, 1, 1, 1}},
         {2, 3, 4, 5, 4}, {7, 10, 17, 19, 21});
}

TEST(Pool3d, AvgNonExclusiveSymmetric) {
  Expect({.in = {1, 2, 4, 4, 4},
          .out = {1, 2, 4, 4, 4},
          .type = "avg",
          .ksize = {3, 3, 3},
          .paddings = {1, 1, 1},
          .exclusive = false},
         {1, 2, 4, 4, 4}, {7, 17, 19});
}

TEST(Pool3d, AvgNonExclusiveAsymmetricFails) {
  ExpectConversionFails(Program({.in = {1, 2, 4, 4, 4},
                                 .out = {1, 2, 4, 4, 4},
                                 .type = "avg",
                                 .ksize = {2, 2, 2},
                                 .paddings = {1, 0, 1, 0, 1, 0},
                                 .exclusive = false}),
                        17, "exclusive=false");
}

TEST(Pool3d, CeilModeNeedsOpset10) {
  const Pool3dSpec s = {.in = {1, 2, 5, 5, 6},
                        .out = {1, 2, 3, 3, 3},
                        .ksize = {2, 2, 2},
                        .strides = {2, 2, 2},
                        .ceil_mode = true};
  Expect(s, {1, 2, 5, 5, 6}, {10, 17, 19});
  ExpectConversionFails(Program(s), 9, "ceil_mode=true");
}

TEST(Pool3d, GlobalAndAdaptive) {
  Expect({.in = {-1, 3, 4, 5, 6}, .out = {-1, 3, 1, 1, 1}, .type = "avg", .global = true},
         {2, 3, 4, 5, 6}, {7, 17, 19});
  Expect({.in = {2, 3, 4, 6, 6},
          .out = {2, 3, 2, 3, 2},
          .type = "max",
          .ksize = {2, 3, 2},
          .adaptive = true},
         {2, 3, 4, 6, 6}, {7, 17, 19});
  Expect({.in = {1, 2, -1, -1, -1},
          .out = {1, 2, 1, 1, 1},
          .type = "avg",
          .ksize = {1, 1, 1},
          .adaptive = true},
         {1, 2, 3, 5, 4}, {7, 17, 19});
}

TEST(Pool3d, UnevenAdaptiveFails) {
  ExpectConversionFails(
      Program(
          {.in = {1, 2, 5, 5, 5}, .out = {1, 2, 2, 2, 2}, .ksize = {2, 2, 2}, .adaptive = true}),
      17, "adaptive=true");
}

TEST(Pool3d, NdhwcSame) {
  Expect({.in = {1, 5, 4, 3, 2},
          .out = {1, 3, 2, 2, 2},
          .type = "max",
          .ksize = {3, 2, 2},
          .strides = {2, 2, 2},
          .algorithm = "SAME",
          .format = "NDHWC"},
         {1, 5, 4, 3, 2}, {7, 17, 19});
}

// Non-exclusive average of a 1x1x2 input [2, 4] with ksize 1x1x2 and W
// padding 1 on both sides, stride 2: windows [-1, 1) and [1, 3) each hold
// one real element and are divided by 2 → [1, 2].
TEST(Pool3d, NonExclusiveHandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 2}, std::vector<float>{2, 4});
  const HostTensor y =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 2}, std::vector<float>{1, 2});
  ExpectMatchesReference(Program({.in = {1, 1, 1, 1, 2},
                                  .out = {1, 1, 1, 1, 2},
                                  .type = "avg",
                                  .ksize = {1, 1, 2},
                                  .strides = {1, 1, 2},
                                  .paddings = {0, 0, 1},
                                  .exclusive = false}),
                         {{"x", x}}, {.opsets = {7, 17, 19}}, {{"y", y}});
}

// ceil_mode windows that start past the input: Paddle computes them, ONNX
// drops them. D: (2 - 1 + 1) / 2 + 1 = 2 windows starting at 0 and 2 = D.
TEST(Pool3d, CeilModeWindowPastInput) {
  for (const char* type : {"max", "avg"}) {
    for (bool exclusive : {true, false}) {
      Expect({.in = {2, 2, 4, 5, 2},
              .out = {2, 2, 2, 3, 2},
              .type = type,
              .ksize = {1, 2, 3},
              .strides = {2, 2, 2},
              .paddings = {0, 0, 1},
              .exclusive = exclusive,
              .ceil_mode = true,
              .format = "NDHWC"},
             {2, 2, 4, 5, 2}, {10, 11, 17, 19});
    }
  }
  Expect({.in = {2, 2, 4, 5, 3},
          .out = {2, 2, 3, 3, 3},
          .ksize = {1, 2, 1},
          .strides = {2, 2, 1},
          .ceil_mode = true,
          .algorithm = "SAME"},
         {2, 2, 4, 5, 3}, {10, 19});
}

// x = [2, 4] along W, ksize 1x1x1, stride 2: windows start at 0 and 2 (past
// the input): max [2, -FLT_MAX], exclusive average [2, 0/0].
TEST(Pool3d, CeilModeWindowPastInputByHand) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 2}, std::vector<float>{2, 4});
  const Pool3dSpec spec{.in = {1, 1, 1, 1, 2},
                        .out = {1, 1, 1, 1, 2},
                        .ksize = {1, 1, 1},
                        .strides = {1, 1, 2},
                        .ceil_mode = true};
  Pool3dSpec avg = spec;
  avg.type = "avg";
  ExpectMatchesReference(
      Program(avg), {{"x", x}}, {.opsets = {10, 19}},
      {{"y",
        HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 2},
                                std::vector<float>{2, std::numeric_limits<float>::quiet_NaN()})}});
  ExpectMatchesReference(
      Program(spec), {{"x", x}}, {.opsets = {10, 19}},
      {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 2},
                                     std::vector<float>{2, -std::numeric_limits<float>::max()})}});
}

TEST(Pool3d, CeilModeWindowPastInputNeedsKnownExtents) {
  ExpectConversionFails(Program({.in = {1, 2, -1, -1, -1},
                                 .out = {1, 2, -1, -1, -1},
                                 .ksize = {1, 2, 2},
                                 .strides = {2, 2, 2},
                                 .ceil_mode = true}),
                        11, "ceil_mode=true");
}

}  // namespace
}  // namespace pd2onnx::testing

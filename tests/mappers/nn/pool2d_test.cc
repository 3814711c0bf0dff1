#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

struct PoolCase {
  std::string name;
  std::vector<int64_t> input;  // fed shape, in data_format order
  std::string pooling_type = "max";
  std::vector<int64_t> ksize = {2, 2};
  std::vector<int64_t> strides = {1, 1};
  std::vector<int64_t> paddings = {0, 0};
  bool global_pooling = false;
  bool adaptive = false;
  bool exclusive = true;
  bool ceil_mode = false;
  std::string padding_algorithm = "EXPLICIT";
  std::string data_format = "NCHW";
  bool dynamic_batch = false;
  bool dynamic_hw = false;

  friend void PrintTo(const PoolCase& c, std::ostream* os) { *os << c.name; }
};

// Paddle's output extent for one spatial axis (PoolOutputSize).
int64_t OutExtent(const PoolCase& c, size_t axis, int64_t in) {
  if (c.global_pooling) return 1;
  if (c.adaptive) return c.ksize[axis];
  const int64_t k = c.ksize[axis];
  const int64_t s = c.strides[axis];
  int64_t total = 0;
  if (c.padding_algorithm == "SAME") {
    total = std::max<int64_t>(((in + s - 1) / s - 1) * s + k - in, 0);
  } else if (c.padding_algorithm == "EXPLICIT") {
    total = c.paddings.size() == 2 ? 2 * c.paddings[axis]
                                   : c.paddings[2 * axis] + c.paddings[2 * axis + 1];
  }
  return (in + total - k + (c.ceil_mode ? s - 1 : 0)) / s + 1;
}

ProgramBuilder PoolProgram(const PoolCase& c) {
  const bool nhwc = c.data_format == "NHWC";
  const size_t h_axis = nhwc ? 1 : 2;
  const bool out_hw_known = !c.dynamic_hw || c.global_pooling || c.adaptive;
  const int64_t oh = out_hw_known ? OutExtent(c, 0, c.input[h_axis]) : -1;
  const int64_t ow = out_hw_known ? OutExtent(c, 1, c.input[h_axis + 1]) : -1;
  const int64_t n = c.dynamic_batch ? -1 : c.input[0];
  const int64_t channels = nhwc ? c.input[3] : c.input[1];
  std::vector<int64_t> in_decl = c.input;
  if (c.dynamic_batch) in_decl[0] = -1;
  if (c.dynamic_hw) in_decl[h_axis] = in_decl[h_axis + 1] = -1;
  const std::vector<int64_t> out_decl =
      nhwc ? std::vector<int64_t>{n, oh, ow, channels} : std::vector<int64_t>{n, channels, oh, ow};

  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in_decl).Var("y", DataType::kFloat32, out_decl);
  p.Op("pool2d")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("pooling_type", c.pooling_type)
      .Attr("ksize", Ints(c.ksize))
      .Attr("strides", Ints(c.strides))
      .Attr("paddings", Ints(c.paddings))
      .Attr("global_pooling", c.global_pooling)
      .Attr("adaptive", c.adaptive)
      .Attr("exclusive", c.exclusive)
      .Attr("ceil_mode", c.ceil_mode)
      .Attr("padding_algorithm", c.padding_algorithm)
      .Attr("data_format", c.data_format);
  p.Output("y");
  return p;
}

void ExpectPoolMatches(const PoolCase& c, std::vector<int> opsets) {
  ExpectMatchesReference(PoolProgram(c), {{"x", RandomTensor(DataType::kFloat32, c.input, 5)}},
                         {.opsets = std::move(opsets)});
}

// Branches that work at every opset (Reduce* changes at 18 for adaptive).
class Pool2dTest : public ::testing::TestWithParam<PoolCase> {};

TEST_P(Pool2dTest, MatchesReference) { ExpectPoolMatches(GetParam(), {7, 10, 17, 18, 19, 21}); }

INSTANTIATE_TEST_SUITE_P(Branches, Pool2dTest,
                         ::testing::Values(PoolCase{.name = "MaxTwoPaddings",
                                                    .input = {1, 2, 7, 6},
                                                    .ksize = {3, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1}},
                                           PoolCase{.name = "MaxFourPaddings",
                                                    .input = {2, 2, 6, 7},
                                                    .ksize = {3, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {0, 1, 2, 1}},
                                           PoolCase{.name = "AvgExclusive",
                                                    .input = {1, 3, 6, 6},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1}},
                                           PoolCase{.name = "AvgExclusiveFourPaddings",
                                                    .input = {1, 2, 7, 5},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 2},
                                                    .strides = {2, 1},
                                                    .paddings = {2, 0, 1, 1}},
                                           PoolCase{.name = "AvgNonExclusiveSymmetric",
                                                    .input = {1, 3, 6, 7},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1},
                                                    .exclusive = false},
                                           PoolCase{.name = "AvgNonExclusiveAsymmetric",
                                                    .input = {1, 2, 7, 6},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {0, 2, 1, 2},
                                                    .exclusive = false},
                                           PoolCase{.name = "AvgNonExclusiveLargerBeginPadding",
                                                    .input = {1, 2, 6, 6},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 3},
                                                    .strides = {1, 2},
                                                    .paddings = {2, 1, 1, 0},
                                                    .exclusive = false},
                                           PoolCase{.name = "AvgNonExclusiveSamePadding",
                                                    .input = {1, 2, 6, 7},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 2},
                                                    .strides = {1, 2},
                                                    .exclusive = false,
                                                    .padding_algorithm = "SAME"},
                                           PoolCase{.name = "MaxSamePadding",
                                                    .input = {1, 2, 7, 8},
                                                    .ksize = {3, 2},
                                                    .strides = {2, 3},
                                                    .padding_algorithm = "SAME"},
                                           PoolCase{.name = "AvgSamePaddingDynamicExtents",
                                                    .input = {2, 2, 7, 8},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 3},
                                                    .strides = {2, 2},
                                                    .padding_algorithm = "SAME",
                                                    .dynamic_batch = true,
                                                    .dynamic_hw = true},
                                           PoolCase{.name = "ValidPaddingIgnoresPaddings",
                                                    .input = {1, 2, 7, 7},
                                                    .pooling_type = "avg",
                                                    .ksize = {2, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1},
                                                    .exclusive = false,
                                                    .padding_algorithm = "VALID"},
                                           PoolCase{.name = "GlobalMax",
                                                    .input = {2, 3, 5, 4},
                                                    .ksize = {2, 2},
                                                    .paddings = {1, 1},
                                                    .global_pooling = true,
                                                    .dynamic_hw = true},
                                           PoolCase{.name = "GlobalAvg",
                                                    .input = {2, 3, 5, 4},
                                                    .pooling_type = "avg",
                                                    .global_pooling = true,
                                                    .exclusive = false},
                                           PoolCase{.name = "AdaptiveAvgOneByOneDynamic",
                                                    .input = {2, 3, 5, 6},
                                                    .pooling_type = "avg",
                                                    .ksize = {1, 1},
                                                    .adaptive = true,
                                                    .dynamic_batch = true,
                                                    .dynamic_hw = true},
                                           PoolCase{.name = "AdaptiveAvgEvenWindows",
                                                    .input = {1, 2, 8, 6},
                                                    .pooling_type = "avg",
                                                    .ksize = {4, 2},
                                                    .adaptive = true},
                                           PoolCase{.name = "AdaptiveMaxEvenWindows",
                                                    .input = {1, 2, 6, 9},
                                                    .ksize = {3, 3},
                                                    .adaptive = true},
                                           PoolCase{.name = "AdaptiveAvgUnevenWindows",
                                                    .input = {2, 2, 7, 5},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 2},
                                                    .adaptive = true},
                                           PoolCase{.name = "AdaptiveMaxUnevenWindows",
                                                    .input = {1, 3, 5, 7},
                                                    .ksize = {3, 4},
                                                    .adaptive = true},
                                           PoolCase{.name = "AdaptiveIgnoresCeilMode",
                                                    .input = {1, 2, 6, 6},
                                                    .pooling_type = "avg",
                                                    .ksize = {2, 3},
                                                    .adaptive = true,
                                                    .ceil_mode = true},
                                           PoolCase{.name = "NhwcMax",
                                                    .input = {2, 6, 5, 3},
                                                    .ksize = {3, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1},
                                                    .data_format = "NHWC"},
                                           PoolCase{.name = "NhwcAdaptiveUneven",
                                                    .input = {1, 7, 5, 2},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 3},
                                                    .adaptive = true,
                                                    .data_format = "NHWC"},
                                           PoolCase{.name = "NhwcGlobalAvg",
                                                    .input = {2, 4, 5, 3},
                                                    .pooling_type = "avg",
                                                    .global_pooling = true,
                                                    .data_format = "NHWC"},
                                           PoolCase{.name = "NhwcAvgNonExclusiveSame",
                                                    .input = {1, 7, 6, 2},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 2},
                                                    .strides = {2, 2},
                                                    .exclusive = false,
                                                    .padding_algorithm = "SAME",
                                                    .data_format = "NHWC"},
                                           // Paddle's pool kernel: only NHWC is
                                           // channel-last; AnyLayout is NCHW.
                                           PoolCase{.name = "AnyLayoutIsChannelFirst",
                                                    .input = {1, 3, 6, 5},
                                                    .ksize = {3, 2},
                                                    .data_format = "AnyLayout"},
                                           PoolCase{.name = "DynamicBatch",
                                                    .input = {3, 2, 4, 4},
                                                    .ksize = {2, 2},
                                                    .strides = {2, 2},
                                                    .dynamic_batch = true}),
                         nn_test::CaseName());

// ceil_mode needs MaxPool-10 / AveragePool-10; uneven adaptive windows of
// unknown extents need Slice-10 with run-time bounds.
class Pool2dOpset10Test : public ::testing::TestWithParam<PoolCase> {};

TEST_P(Pool2dOpset10Test, MatchesReference) {
  ExpectPoolMatches(GetParam(), {10, 11, 17, 18, 19, 21});
}

INSTANTIATE_TEST_SUITE_P(Branches, Pool2dOpset10Test,
                         ::testing::Values(PoolCase{.name = "Max",
                                                    .input = {1, 2, 7, 6},
                                                    .ksize = {2, 2},
                                                    .strides = {2, 2},
                                                    .ceil_mode = true},
                                           PoolCase{.name = "MaxPadded",
                                                    .input = {1, 2, 8, 7},
                                                    .ksize = {3, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1},
                                                    .ceil_mode = true},
                                           PoolCase{.name = "AvgExclusive",
                                                    .input = {1, 2, 7, 9},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 3},
                                                    .strides = {2, 3},
                                                    .paddings = {1, 1},
                                                    .ceil_mode = true},
                                           PoolCase{.name = "AvgNonExclusiveSymmetric",
                                                    .input = {1, 2, 7, 9},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 3},
                                                    .strides = {2, 3},
                                                    .paddings = {1, 1},
                                                    .exclusive = false,
                                                    .ceil_mode = true},
                                           PoolCase{.name = "AvgNonExclusiveSymmetricDynamic",
                                                    .input = {1, 2, 7, 8},
                                                    .pooling_type = "avg",
                                                    .ksize = {2, 2},
                                                    .strides = {2, 2},
                                                    .exclusive = false,
                                                    .ceil_mode = true,
                                                    .dynamic_hw = true},
                                           PoolCase{.name = "AvgNonExclusiveAsymmetric",
                                                    .input = {1, 2, 7, 10},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 2},
                                                    .strides = {2, 3},
                                                    .paddings = {1, 0, 0, 1},
                                                    .exclusive = false,
                                                    .ceil_mode = true},
                                           PoolCase{.name = "AdaptiveAvgUnevenDynamicExtents",
                                                    .input = {2, 3, 7, 10},
                                                    .pooling_type = "avg",
                                                    .ksize = {3, 4},
                                                    .adaptive = true,
                                                    .dynamic_batch = true,
                                                    .dynamic_hw = true},
                                           PoolCase{.name = "AdaptiveMaxDynamicExtents",
                                                    .input = {1, 2, 6, 9},
                                                    .ksize = {2, 2},
                                                    .adaptive = true,
                                                    .dynamic_hw = true}),
                         nn_test::CaseName());

// ceil_mode windows that start past the input (o·s - pad_begin >= in):
// Paddle computes them (max -FLT_MAX, average 0 / divisor), ONNX drops them.
INSTANTIATE_TEST_SUITE_P(WindowPastInput, Pool2dOpset10Test,
                         ::testing::Values(PoolCase{.name = "Max",
                                                    .input = {2, 2, 8, 5},
                                                    .ksize = {1, 2},
                                                    .strides = {2, 2},
                                                    .ceil_mode = true},
                                           PoolCase{.name = "MaxEndPadding",
                                                    .input = {2, 1, 4, 6},
                                                    .ksize = {3, 2},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1, 0, 1},
                                                    .ceil_mode = true},
                                           PoolCase{.name = "AvgExclusive",
                                                    .input = {1, 2, 8, 4},
                                                    .pooling_type = "avg",
                                                    .ksize = {1, 2},
                                                    .strides = {2, 2},
                                                    .ceil_mode = true},
                                           PoolCase{.name = "AvgNonExclusiveZeroDivisor",
                                                    .input = {2, 2, 8, 4},
                                                    .pooling_type = "avg",
                                                    .ksize = {1, 2},
                                                    .strides = {2, 2},
                                                    .exclusive = false,
                                                    .ceil_mode = true},
                                           PoolCase{.name = "AvgNonExclusiveInBeginPadding",
                                                    .input = {1, 2, 3, 5},
                                                    .pooling_type = "avg",
                                                    .ksize = {2, 2},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1},
                                                    .exclusive = false,
                                                    .ceil_mode = true},
                                           PoolCase{.name = "MaxSamePadding",
                                                    .input = {1, 2, 4, 6},
                                                    .ksize = {1, 1},
                                                    .strides = {2, 2},
                                                    .ceil_mode = true,
                                                    .padding_algorithm = "SAME"},
                                           PoolCase{.name = "AvgNhwc",
                                                    .input = {1, 4, 6, 2},
                                                    .pooling_type = "avg",
                                                    .ksize = {1, 2},
                                                    .strides = {2, 2},
                                                    .paddings = {0, 1},
                                                    .ceil_mode = true,
                                                    .data_format = "NHWC"}),
                         nn_test::CaseName());

// One row x = [1, 2, 4], ksize 1×2, strides 1×2, paddings left/right 1:
// windows start at -1, 1 and 3 (= W, past the input). Paddle's window ends
// at min(start + 2, W + pad_left = 4): divisors 2, 2, 1.
ProgramBuilder PastInputRow(const std::string& type, bool exclusive) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {1, 1, 1, 3}).Var("y", DataType::kFloat32, {1, 1, 1, 3});
  p.Op("pool2d")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("pooling_type", type)
      .Attr("ksize", Ints({1, 2}))
      .Attr("strides", Ints({1, 2}))
      .Attr("paddings", Ints({0, 0, 1, 1}))
      .Attr("exclusive", exclusive)
      .Attr("ceil_mode", true);
  p.Output("y");
  return p;
}

TEST(Pool2dCeilModeTest, WindowPastInputByHand) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 3}, {1, 2, 4});
  auto row = [](std::vector<float> v) {
    return HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 3}, std::move(v));
  };
  const float nan = std::numeric_limits<float>::quiet_NaN();
  // Non-exclusive: [1/2, (2+4)/2, 0/1]; exclusive: [1/1, 6/2, 0/0].
  ExpectMatchesReference(PastInputRow("avg", false), {{"x", x}}, {.opsets = {10, 11, 19}},
                         {{"y", row({0.5f, 3.0f, 0.0f})}});
  ExpectMatchesReference(PastInputRow("avg", true), {{"x", x}}, {.opsets = {10, 11, 19}},
                         {{"y", row({1.0f, 3.0f, nan})}});
  ExpectMatchesReference(PastInputRow("max", true), {{"x", x}}, {.opsets = {10, 11, 19}},
                         {{"y", row({1.0f, 4.0f, -std::numeric_limits<float>::max()})}});
}

// x = [5, 7], ksize 1, stride 3: windows start at 0 and 3 > W = 2. Paddle
// divides 0 by the clipped extent 2 - 3 = -1 (exclusive) or by
// min(3 + 1, 2) - 3 = -1: -0 either way, not 0/0.
TEST(Pool2dCeilModeTest, WindowBeyondInputByHand) {
  for (bool exclusive : {true, false}) {
    ProgramBuilder p;
    p.Input("x", DataType::kFloat32, {1, 1, 1, 2}).Var("y", DataType::kFloat32, {1, 1, 1, 2});
    p.Op("pool2d")
        .In("X", {"x"})
        .Out("Out", {"y"})
        .Attr("pooling_type", std::string("avg"))
        .Attr("ksize", Ints({1, 1}))
        .Attr("strides", Ints({1, 3}))
        .Attr("paddings", Ints({0, 0}))
        .Attr("exclusive", exclusive)
        .Attr("ceil_mode", true);
    p.Output("y");
    ExpectMatchesReference(
        p, {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 2}, {5, 7})}},
        {.opsets = {10, 11, 19}},
        {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 2}, {5, -0.0f})}});
  }
}

// With unknown extents the mapper cannot know whether a window starts past
// the input when the stride exceeds ksize - pad_end.
TEST(Pool2dErrorTest, CeilModeWindowPastInputNeedsKnownExtents) {
  const PoolCase c{.name = "",
                   .input = {1, 2, 8, 5},
                   .ksize = {1, 2},
                   .strides = {2, 2},
                   .ceil_mode = true,
                   .dynamic_hw = true};
  ExpectConversionFails(PoolProgram(c), 11, "ceil_mode=true");
}

TEST(Pool2dErrorTest, CeilModeNeedsOpset10) {
  const PoolCase c{.name = "", .input = {1, 2, 7, 6}, .strides = {2, 2}, .ceil_mode = true};
  ExpectConversionFails(PoolProgram(c), 9, "ceil_mode");
}

TEST(Pool2dErrorTest, AdaptiveWithUnknownExtentsNeedsOpset10) {
  const PoolCase c{
      .name = "", .input = {1, 2, 7, 5}, .ksize = {3, 2}, .adaptive = true, .dynamic_hw = true};
  ExpectConversionFails(PoolProgram(c), 9, "adaptive=true");
}

TEST(Pool2dErrorTest, NonExclusiveAsymmetricNeedsKnownExtents) {
  const PoolCase c{.name = "",
                   .input = {1, 2, 7, 6},
                   .pooling_type = "avg",
                   .ksize = {3, 3},
                   .paddings = {0, 1, 1, 0},
                   .exclusive = false,
                   .dynamic_hw = true};
  ExpectConversionFails(PoolProgram(c), 11, "exclusive=false");
}

TEST(Pool2dErrorTest, PaddingNotSmallerThanKernel) {
  const PoolCase c{.name = "", .input = {1, 2, 6, 6}, .ksize = {2, 2}, .paddings = {0, 2, 1, 1}};
  ExpectConversionFails(PoolProgram(c), 11, "paddings");
}

TEST(Pool2dErrorTest, UnknownPoolingType) {
  const PoolCase c{.name = "", .input = {1, 2, 4, 4}, .pooling_type = "lp"};
  ExpectConversionFails(PoolProgram(c), 11, "pooling_type");
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

struct ConvCase {
  std::string name;
  std::vector<int64_t> input;   // fed shape, in data_format order
  std::vector<int64_t> filter;  // [M, C / groups, kh, kw]
  std::vector<int64_t> strides = {1, 1};
  std::vector<int64_t> paddings = {0, 0};
  std::vector<int64_t> dilations = {1, 1};
  int groups = 1;
  std::string padding_algorithm = "EXPLICIT";
  std::string data_format = "NCHW";
  std::string type = "conv2d";
  bool dynamic_batch = false;
  bool dynamic_hw = false;

  friend void PrintTo(const ConvCase& c, std::ostream* os) { *os << c.name; }
};

// Paddle's output extent for one spatial axis.
int64_t OutExtent(const ConvCase& c, size_t axis, int64_t in) {
  const int64_t k = c.filter[2 + axis];
  const int64_t s = c.strides[axis];
  if (c.padding_algorithm == "SAME") return (in + s - 1) / s;
  int64_t begin = 0, end = 0;
  if (c.padding_algorithm == "EXPLICIT") {
    begin = c.paddings.size() == 2 ? c.paddings[axis] : c.paddings[2 * axis];
    end = c.paddings.size() == 2 ? c.paddings[axis] : c.paddings[2 * axis + 1];
  }
  return (in + begin + end - (c.dilations[axis] * (k - 1) + 1)) / s + 1;
}

ProgramBuilder ConvProgram(const ConvCase& c) {
  const bool nhwc = c.data_format == "NHWC";
  const int64_t h = nhwc ? c.input[1] : c.input[2];
  const int64_t w = nhwc ? c.input[2] : c.input[3];
  const int64_t oh = c.dynamic_hw ? -1 : OutExtent(c, 0, h);
  const int64_t ow = c.dynamic_hw ? -1 : OutExtent(c, 1, w);
  const int64_t n = c.dynamic_batch ? -1 : c.input[0];
  const int64_t m = c.filter[0];
  std::vector<int64_t> in_decl = c.input;
  if (c.dynamic_batch) in_decl[0] = -1;
  if (c.dynamic_hw) in_decl[nhwc ? 1 : 2] = in_decl[nhwc ? 2 : 3] = -1;
  const std::vector<int64_t> out_decl =
      nhwc ? std::vector<int64_t>{n, oh, ow, m} : std::vector<int64_t>{n, m, oh, ow};

  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in_decl)
      .Param("w", RandomTensor(DataType::kFloat32, c.filter, 7))
      .Var("y", DataType::kFloat32, out_decl);
  p.Op(c.type)
      .In("Input", {"x"})
      .In("Filter", {"w"})
      .Out("Output", {"y"})
      .Attr("strides", Ints(c.strides))
      .Attr("paddings", Ints(c.paddings))
      .Attr("dilations", Ints(c.dilations))
      .Attr("groups", c.groups)
      .Attr("padding_algorithm", c.padding_algorithm)
      .Attr("data_format", c.data_format);
  p.Output("y");
  return p;
}

class Conv2dTest : public ::testing::TestWithParam<ConvCase> {};

TEST_P(Conv2dTest, MatchesReference) {
  const ConvCase& c = GetParam();
  ExpectMatchesReference(ConvProgram(c), {{"x", RandomTensor(DataType::kFloat32, c.input, 3)}},
                         {.opsets = {7, 11, 17, 19, 21}, .tol = 1e-4});
}

INSTANTIATE_TEST_SUITE_P(Branches, Conv2dTest,
                         ::testing::Values(ConvCase{.name = "TwoPaddings",
                                                    .input = {1, 3, 7, 6},
                                                    .filter = {4, 3, 3, 3},
                                                    .paddings = {1, 2}},
                                           ConvCase{.name = "FourPaddingsAsymmetricStride2",
                                                    .input = {2, 3, 9, 8},
                                                    .filter = {5, 3, 3, 2},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 0, 2, 1}},
                                           ConvCase{.name = "SamePaddingStride2",
                                                    .input = {1, 2, 8, 7},
                                                    .filter = {3, 2, 3, 4},
                                                    .strides = {2, 2},
                                                    .padding_algorithm = "SAME"},
                                           ConvCase{.name = "SamePaddingIgnoresDilations",
                                                    .input = {1, 2, 9, 9},
                                                    .filter = {3, 2, 3, 3},
                                                    .strides = {2, 1},
                                                    .dilations = {2, 2},
                                                    .padding_algorithm = "SAME"},
                                           ConvCase{.name = "SamePaddingDynamicExtents",
                                                    .input = {2, 2, 9, 10},
                                                    .filter = {3, 2, 4, 3},
                                                    .strides = {2, 3},
                                                    .padding_algorithm = "SAME",
                                                    .dynamic_batch = true,
                                                    .dynamic_hw = true},
                                           ConvCase{.name = "ValidPaddingIgnoresPaddings",
                                                    .input = {1, 3, 8, 8},
                                                    .filter = {2, 3, 3, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1},
                                                    .padding_algorithm = "VALID"},
                                           ConvCase{.name = "Dilations",
                                                    .input = {1, 2, 10, 9},
                                                    .filter = {3, 2, 3, 3},
                                                    .paddings = {2, 1},
                                                    .dilations = {2, 3}},
                                           ConvCase{.name = "Groups",
                                                    .input = {2, 4, 6, 6},
                                                    .filter = {6, 2, 3, 3},
                                                    .paddings = {1, 1},
                                                    .groups = 2},
                                           ConvCase{.name = "DepthwiseConv2d",
                                                    .input = {1, 4, 7, 7},
                                                    .filter = {8, 1, 3, 3},
                                                    .strides = {2, 2},
                                                    .paddings = {1, 1},
                                                    .groups = 4,
                                                    .type = "depthwise_conv2d"},
                                           ConvCase{.name = "Nhwc",
                                                    .input = {2, 6, 5, 3},
                                                    .filter = {4, 3, 3, 2},
                                                    .paddings = {1, 0, 0, 1},
                                                    .data_format = "NHWC"},
                                           ConvCase{.name = "NhwcSamePadding",
                                                    .input = {1, 7, 6, 2},
                                                    .filter = {3, 2, 2, 3},
                                                    .strides = {2, 2},
                                                    .padding_algorithm = "SAME",
                                                    .data_format = "NHWC"},
                                           ConvCase{.name = "DepthwiseConv2dNhwc",
                                                    .input = {1, 6, 5, 4},
                                                    .filter = {8, 1, 3, 3},
                                                    .strides = {2, 1},
                                                    .paddings = {1, 1},
                                                    .groups = 4,
                                                    .data_format = "NHWC",
                                                    .type = "depthwise_conv2d"},
                                           // conv1d with NLC: Paddle unsqueezes to
                                           // [N, 1, L, C] and runs NHWC conv2d.
                                           ConvCase{.name = "NlcAsNhwcConv1d",
                                                    .input = {2, 1, 9, 3},
                                                    .filter = {4, 3, 1, 3},
                                                    .paddings = {0, 1},
                                                    .data_format = "NHWC"},
                                           // Only NHWC is channel-last: AnyLayout is NCHW.
                                           ConvCase{.name = "AnyLayoutIsChannelFirst",
                                                    .input = {1, 3, 6, 5},
                                                    .filter = {2, 3, 3, 3},
                                                    .data_format = "AnyLayout"},
                                           ConvCase{.name = "DynamicBatch",
                                                    .input = {3, 2, 5, 5},
                                                    .filter = {2, 2, 1, 1},
                                                    .dynamic_batch = true}),
                         nn_test::CaseName());

TEST(Conv2dErrorTest, ThreePaddingsAreRejected) {
  ConvCase c{.name = "",
             .input = {1, 3, 5, 5},
             .filter = {2, 3, 3, 3},
             .paddings = {1, 1, 1},
             .dynamic_hw = true};
  ExpectConversionFails(ConvProgram(c), 11, "paddings has 3 values");
}

}  // namespace
}  // namespace pd2onnx::testing

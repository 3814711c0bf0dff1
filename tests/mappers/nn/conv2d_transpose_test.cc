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

struct ConvTransposeCase {
  std::string name;
  std::vector<int64_t> input;   // fed shape, in data_format order
  std::vector<int64_t> filter;  // [C, M / groups, kh, kw]
  std::vector<int64_t> strides = {1, 1};
  std::vector<int64_t> paddings = {0, 0};
  std::vector<int64_t> dilations = {1, 1};
  int groups = 1;
  std::vector<int64_t> output_padding = {};
  std::vector<int64_t> output_size = {};
  std::string padding_algorithm = "EXPLICIT";
  std::string data_format = "NCHW";
  bool dynamic_batch = false;
  bool dynamic_hw = false;

  friend void PrintTo(const ConvTransposeCase& c, std::ostream* os) { *os << c.name; }
};

// Paddle's output extent for one spatial axis.
int64_t OutExtent(const ConvTransposeCase& c, size_t axis, int64_t in) {
  if (!c.output_size.empty()) return c.output_size[axis];
  const int64_t k = c.filter[2 + axis];
  const int64_t s = c.strides[axis];
  int64_t d = c.dilations[axis];
  int64_t begin = 0, end = 0;
  if (c.padding_algorithm == "EXPLICIT") {
    begin = c.paddings.size() == 2 ? c.paddings[axis] : c.paddings[2 * axis];
    end = c.paddings.size() == 2 ? c.paddings[axis] : c.paddings[2 * axis + 1];
  } else if (c.padding_algorithm == "SAME") {
    const int64_t total = std::max<int64_t>(((in + s - 1) / s - 1) * s + k - in, 0);
    begin = total / 2;
    end = total - begin;
    d = 1;
  }
  const int64_t extra = c.output_padding.empty() ? 0 : c.output_padding[axis];
  return (in - 1) * s - begin - end + d * (k - 1) + 1 + extra;
}

ProgramBuilder ConvTransposeProgram(const ConvTransposeCase& c) {
  const bool nhwc = c.data_format == "NHWC";
  const int64_t h = nhwc ? c.input[1] : c.input[2];
  const int64_t w = nhwc ? c.input[2] : c.input[3];
  const int64_t oh = c.dynamic_hw && c.output_size.empty() ? -1 : OutExtent(c, 0, h);
  const int64_t ow = c.dynamic_hw && c.output_size.empty() ? -1 : OutExtent(c, 1, w);
  const int64_t n = c.dynamic_batch ? -1 : c.input[0];
  const int64_t m = c.filter[1] * c.groups;
  std::vector<int64_t> in_decl = c.input;
  if (c.dynamic_batch) in_decl[0] = -1;
  if (c.dynamic_hw) in_decl[nhwc ? 1 : 2] = in_decl[nhwc ? 2 : 3] = -1;
  const std::vector<int64_t> out_decl =
      nhwc ? std::vector<int64_t>{n, oh, ow, m} : std::vector<int64_t>{n, m, oh, ow};

  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in_decl)
      .Param("w", RandomTensor(DataType::kFloat32, c.filter, 7))
      .Var("y", DataType::kFloat32, out_decl);
  p.Op("conv2d_transpose")
      .In("Input", {"x"})
      .In("Filter", {"w"})
      .Out("Output", {"y"})
      .Attr("strides", Ints(c.strides))
      .Attr("paddings", Ints(c.paddings))
      .Attr("dilations", Ints(c.dilations))
      .Attr("groups", c.groups)
      .Attr("output_padding", Ints(c.output_padding))
      .Attr("output_size", Ints(c.output_size))
      .Attr("padding_algorithm", c.padding_algorithm)
      .Attr("data_format", c.data_format);
  p.Output("y");
  return p;
}

class Conv2dTransposeTest : public ::testing::TestWithParam<ConvTransposeCase> {};

TEST_P(Conv2dTransposeTest, MatchesReference) {
  const ConvTransposeCase& c = GetParam();
  ExpectMatchesReference(ConvTransposeProgram(c),
                         {{"x", RandomTensor(DataType::kFloat32, c.input, 3)}},
                         {.opsets = {7, 11, 17, 19, 21}, .tol = 1e-4});
}

INSTANTIATE_TEST_SUITE_P(Branches, Conv2dTransposeTest,
                         ::testing::Values(ConvTransposeCase{.name = "TwoPaddingsStride2",
                                                             .input = {1, 3, 4, 5},
                                                             .filter = {3, 2, 3, 3},
                                                             .strides = {2, 2},
                                                             .paddings = {1, 1}},
                                           ConvTransposeCase{.name = "FourPaddingsAsymmetric",
                                                             .input = {2, 2, 5, 4},
                                                             .filter = {2, 3, 3, 4},
                                                             .strides = {2, 3},
                                                             .paddings = {0, 2, 1, 0}},
                                           ConvTransposeCase{.name = "OutputPadding",
                                                             .input = {1, 2, 4, 4},
                                                             .filter = {2, 2, 3, 3},
                                                             .strides = {2, 3},
                                                             .paddings = {1, 1},
                                                             .output_padding = {1, 2}},
                                           ConvTransposeCase{.name = "OutputSize",
                                                             .input = {1, 2, 4, 5},
                                                             .filter = {2, 3, 3, 3},
                                                             .strides = {2, 2},
                                                             .paddings = {1, 1},
                                                             .output_size = {8, 10}},
                                           ConvTransposeCase{.name = "OutputSizeDynamicExtents",
                                                             .input = {2, 2, 4, 5},
                                                             .filter = {2, 3, 3, 3},
                                                             .strides = {3, 2},
                                                             .paddings = {1, 0},
                                                             .output_size = {11, 12},
                                                             .dynamic_batch = true,
                                                             .dynamic_hw = true},
                                           ConvTransposeCase{.name = "SamePadding",
                                                             .input = {1, 2, 5, 6},
                                                             .filter = {2, 2, 3, 4},
                                                             .strides = {2, 2},
                                                             .dilations = {2, 2},
                                                             .padding_algorithm = "SAME"},
                                           ConvTransposeCase{.name = "ValidPaddingIgnoresPaddings",
                                                             .input = {1, 2, 3, 3},
                                                             .filter = {2, 2, 2, 2},
                                                             .strides = {2, 2},
                                                             .paddings = {1, 1},
                                                             .padding_algorithm = "VALID"},
                                           ConvTransposeCase{.name = "Dilations",
                                                             .input = {1, 2, 4, 4},
                                                             .filter = {2, 2, 3, 3},
                                                             .paddings = {1, 2},
                                                             .dilations = {2, 3}},
                                           ConvTransposeCase{.name = "Groups",
                                                             .input = {1, 4, 3, 3},
                                                             .filter = {4, 3, 3, 3},
                                                             .strides = {2, 2},
                                                             .groups = 2},
                                           ConvTransposeCase{.name = "Nhwc",
                                                             .input = {2, 3, 4, 2},
                                                             .filter = {2, 3, 2, 3},
                                                             .strides = {2, 1},
                                                             .paddings = {1, 0, 0, 1},
                                                             .data_format = "NHWC"},
                                           ConvTransposeCase{.name = "DynamicBatch",
                                                             .input = {3, 2, 3, 3},
                                                             .filter = {2, 2, 2, 2},
                                                             .strides = {2, 2},
                                                             .dynamic_batch = true}),
                         nn_test::CaseName());

TEST(Conv2dTransposeErrorTest, SamePaddingNeedsKnownExtents) {
  ConvTransposeCase c{.name = "",
                      .input = {1, 2, 4, 4},
                      .filter = {2, 2, 3, 3},
                      .padding_algorithm = "SAME",
                      .dynamic_hw = true};
  ExpectConversionFails(ConvTransposeProgram(c), 11, "padding_algorithm=SAME");
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

struct Conv3dSpec {
  std::vector<int64_t> in;      // declared, data_format order
  std::vector<int64_t> filter;  // [M, C/g, kd, kh, kw]
  std::vector<int64_t> out;     // declared
  std::vector<int64_t> strides = {1, 1, 1};
  std::vector<int64_t> paddings = {0, 0, 0};
  std::vector<int64_t> dilations = {1, 1, 1};
  int groups = 1;
  std::string algorithm = "EXPLICIT";
  std::string format = "NCDHW";
};

ProgramBuilder Program(const Conv3dSpec& s, const HostTensor* filter = nullptr) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, s.in)
      .Param("w", filter ? *filter : RandomTensor(DataType::kFloat32, s.filter, 101))
      .Var("y", DataType::kFloat32, s.out);
  p.Op("conv3d")
      .In("Input", {"x"})
      .In("Filter", {"w"})
      .Out("Output", {"y"})
      .Attr("strides", Ints(s.strides))
      .Attr("paddings", Ints(s.paddings))
      .Attr("dilations", Ints(s.dilations))
      .Attr("groups", s.groups)
      .Attr("padding_algorithm", s.algorithm)
      .Attr("data_format", s.format);
  p.Output("y");
  return p;
}

void Expect(const Conv3dSpec& s, const std::vector<int64_t>& fed) {
  ExpectMatchesReference(Program(s), {{"x", RandomTensor(DataType::kFloat32, fed, 102)}},
                         {.opsets = {7, 11, 17, 19, 21}});
}

TEST(Conv3d, ThreePaddingsStrides) {
  Expect({.in = {1, 2, 5, 6, 5},
          .filter = {3, 2, 3, 3, 2},
          .out = {1, 3, 3, 3, 6},
          .strides = {2, 2, 1},
          .paddings = {1, 1, 1}},
         {1, 2, 5, 6, 5});
}

TEST(Conv3d, SixPaddingsDilationsGroups) {
  // D: 4 + 0 + 1 - 3 + 1 = 3; H: 5 + 1 + 0 - 5 + 1 = 2; W: 4 + 2 + 1 - 2 + 1 = 6.
  Expect({.in = {2, 4, 4, 5, 4},
          .filter = {6, 2, 2, 3, 2},
          .out = {2, 6, 3, 2, 6},
          .paddings = {0, 1, 1, 0, 2, 1},
          .dilations = {2, 2, 1},
          .groups = 2},
         {2, 4, 4, 5, 4});
}

TEST(Conv3d, SameAndValid) {
  Expect({.in = {1, 2, 5, 4, 3},
          .filter = {2, 2, 3, 2, 3},
          .out = {1, 2, 3, 2, 2},
          .strides = {2, 2, 2},
          .dilations = {3, 3, 3},
          .algorithm = "SAME"},
         {1, 2, 5, 4, 3});
  Expect({.in = {1, 2, 5, 4, 3},
          .filter = {2, 2, 3, 2, 3},
          .out = {1, 2, 3, 3, 1},
          .paddings = {4, 4, 4},
          .algorithm = "VALID"},
         {1, 2, 5, 4, 3});
}

TEST(Conv3d, NdhwcDynamicSame) {
  Expect({.in = {-1, -1, -1, -1, 2},
          .filter = {3, 2, 2, 2, 2},
          .out = {-1, -1, -1, -1, 3},
          .strides = {2, 1, 2},
          .algorithm = "SAME",
          .format = "NDHWC"},
         {2, 3, 4, 5, 2});
}

// A 2x2x2 input of ones summed by a 2x2x2 filter of [1..8] with padding 0:
// one output = 1 + 2 + ... + 8 = 36.
TEST(Conv3d, HandComputed) {
  std::vector<float> taps = {1, 2, 3, 4, 5, 6, 7, 8};
  const HostTensor w = HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 2, 2}, taps);
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 2, 2}, std::vector<float>(8, 1.0f));
  const HostTensor y =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 1}, std::vector<float>{36});
  ExpectMatchesReference(
      Program({.in = {1, 1, 2, 2, 2}, .filter = {1, 1, 2, 2, 2}, .out = {1, 1, 1, 1, 1}}, &w),
      {{"x", x}}, {.opsets = {7, 17, 19}}, {{"y", y}});
}

TEST(Conv3d, FourPaddingsFail) {
  ExpectConversionFails(Program({.in = {1, 2, 5, 4, 3},
                                 .filter = {2, 2, 3, 2, 3},
                                 .out = {1, 2, 3, 3, 1},
                                 .paddings = {1, 1, 1, 1}}),
                        17, "paddings has 4 values");
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

struct Spec {
  std::vector<int64_t> in;
  std::vector<int64_t> filter;  // [C, M/g, kd, kh, kw]
  std::vector<int64_t> out;
  std::vector<int64_t> strides = {1, 1, 1};
  std::vector<int64_t> paddings = {0, 0, 0};
  std::vector<int64_t> dilations = {1, 1, 1};
  std::vector<int64_t> output_padding = {};
  std::vector<int64_t> output_size = {};
  int groups = 1;
  std::string format = "NCDHW";
};

ProgramBuilder Program(const Spec& s, const HostTensor* filter = nullptr) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, s.in)
      .Param("w", filter ? *filter : RandomTensor(DataType::kFloat32, s.filter, 111))
      .Var("y", DataType::kFloat32, s.out);
  p.Op("conv3d_transpose")
      .In("Input", {"x"})
      .In("Filter", {"w"})
      .Out("Output", {"y"})
      .Attr("strides", Ints(s.strides))
      .Attr("paddings", Ints(s.paddings))
      .Attr("dilations", Ints(s.dilations))
      .Attr("output_padding", Ints(s.output_padding))
      .Attr("output_size", Ints(s.output_size))
      .Attr("groups", s.groups)
      .Attr("padding_algorithm", "EXPLICIT")
      .Attr("data_format", s.format);
  p.Output("y");
  return p;
}

void Expect(const Spec& s) {
  ExpectMatchesReference(Program(s), {{"x", RandomTensor(DataType::kFloat32, s.in, 112)}},
                         {.opsets = {7, 11, 17, 19, 21}});
}

// out = (in - 1)·s - pads + d·(k - 1) + 1 (+ output_padding).
TEST(Conv3dTranspose, StridesPaddings) {
  Expect({.in = {1, 2, 3, 3, 2},
          .filter = {2, 3, 3, 2, 3},
          .out = {1, 3, 5, 4, 2},
          .strides = {2, 1, 1},
          .paddings = {1, 0, 1}});
}

TEST(Conv3dTranspose, GroupsDilationsOutputPadding) {
  // D: (2-1)·2 + 2·1 + 1 + 1 = 6; H: (3-1)·2 + 1 = 5; W: (2-1)·2 + 1 + 1 + 1 = 5.
  Expect({.in = {2, 4, 2, 3, 2},
          .filter = {4, 1, 2, 1, 2},
          .out = {2, 2, 6, 5, 5},
          .strides = {2, 2, 2},
          .dilations = {2, 1, 1},
          .output_padding = {1, 0, 1},
          .groups = 2});
}

TEST(Conv3dTranspose, OutputSizeNdhwc) {
  // base D = (3-1)·2 + 2 = 6 → 7 allowed; H = (2-1)·2 + 2 = 4; W = 2 + 1 = 3.
  Expect({.in = {1, 3, 2, 2, 2},
          .filter = {2, 2, 2, 2, 2},
          .out = {1, 7, 4, 3, 2},
          .strides = {2, 2, 1},
          .output_size = {7, 4, 3},
          .format = "NDHWC"});
}

// One input voxel of 2 with a 1x1x2 filter [3, -1] and stride 2 in W:
// output W = (1 - 1)·2 + 2 = 2 → [6, -2].
TEST(Conv3dTranspose, HandComputed) {
  const HostTensor w =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 2}, std::vector<float>{3, -1});
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 1}, std::vector<float>{2});
  const HostTensor y =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 2}, std::vector<float>{6, -2});
  ExpectMatchesReference(Program({.in = {1, 1, 1, 1, 1},
                                  .filter = {1, 1, 1, 1, 2},
                                  .out = {1, 1, 1, 1, 2},
                                  .strides = {1, 1, 2}},
                                 &w),
                         {{"x", x}}, {.opsets = {7, 17, 19}}, {{"y", y}});
}

}  // namespace
}  // namespace pd2onnx::testing

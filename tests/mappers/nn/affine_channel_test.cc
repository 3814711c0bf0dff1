#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Program(const std::vector<int64_t>& in, const std::string& layout,
                       const HostTensor& scale, const HostTensor& bias) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in)
      .Param("scale", scale)
      .Param("bias", bias)
      .Var("y", DataType::kFloat32, in);
  p.Op("affine_channel")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .In("Bias", {"bias"})
      .Out("Out", {"y"})
      .Attr("data_layout", layout);
  p.Output("y");
  return p;
}

TEST(AffineChannel, Nchw) {
  ExpectMatchesReference(Program({2, 3, 4, 5}, "NCHW", RandomTensor(DataType::kFloat32, {3}, 51),
                                 RandomTensor(DataType::kFloat32, {3}, 52)),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4, 5}, 53)}},
                         {.opsets = {7, 17, 19}});
}

// Paddle's kernel takes the channel from dim 1 only for NCHW: AnyLayout (the
// op's default) and NHWC both put it last.
TEST(AffineChannel, AnyLayoutAndNhwcAreChannelLast) {
  for (const char* layout : {"AnyLayout", "NHWC"}) {
    ExpectMatchesReference(Program({2, 4, 5, 3}, layout, RandomTensor(DataType::kFloat32, {3}, 51),
                                   RandomTensor(DataType::kFloat32, {3}, 52)),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 4, 5, 3}, 53)}},
                           {.opsets = {7, 17, 19}});
  }
}

// NHWC: channel is the last axis. x = [[1, 2], [3, 4]] as [1, 1, 2, 2]
// (H = 1, W = 2, C = 2); Scale [10, -1], Bias [0.5, 1]:
// [1·10 + 0.5, 2·-1 + 1, 3·10 + 0.5, 4·-1 + 1] = [10.5, -1, 30.5, -3].
TEST(AffineChannel, NhwcHandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 2}, std::vector<float>{1, 2, 3, 4});
  const HostTensor y = HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 2},
                                               std::vector<float>{10.5f, -1, 30.5f, -3});
  ExpectMatchesReference(
      Program({1, 1, 2, 2}, "NHWC",
              HostTensor::From<float>(DataType::kFloat32, {2}, std::vector<float>{10, -1}),
              HostTensor::From<float>(DataType::kFloat32, {2}, std::vector<float>{0.5f, 1})),
      {{"x", x}}, {.opsets = {7, 17, 19}}, {{"y", y}});
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

ProgramBuilder Program(const std::vector<int64_t>& in, const std::vector<int64_t>& out,
                       const std::vector<int64_t>& kernel, const std::vector<int64_t>& strides,
                       const std::vector<int64_t>& paddings,
                       const std::vector<int64_t>& dilations) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in).Var("y", DataType::kFloat32, out);
  p.Op("unfold")
      .In("X", {"x"})
      .Out("Y", {"y"})
      .Attr("kernel_sizes", Ints(kernel))
      .Attr("strides", Ints(strides))
      .Attr("paddings", Ints(paddings))
      .Attr("dilations", Ints(dilations));
  p.Output("y");
  return p;
}

TEST(Unfold, Plain) {
  // 3x3 blocks, stride 1: L = 4·5 = 20.
  ExpectMatchesReference(Program({2, 3, 6, 7}, {2, 27, 20}, {3, 3}, {1, 1}, {0, 0, 0, 0}, {1, 1}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 6, 7}, 141)}},
                         {.opsets = {7, 11, 17, 19, 21}});
}

TEST(Unfold, StridesPaddingsDilationsDynamic) {
  // H: (7 + 1 + 2 - 5) / 2 + 1 = 3; W: (6 + 0 + 1 - 2) / 1 + 1 = 6 → L = 18.
  ExpectMatchesReference(
      Program({-1, 2, -1, -1}, {-1, 12, -1}, {3, 2}, {2, 1}, {1, 0, 2, 1}, {2, 1}),
      {{"x", RandomTensor(DataType::kFloat32, {3, 2, 7, 6}, 142)}}, {.opsets = {7, 11, 17, 19}});
}

// x = [[1, 2], [3, 4]], 1x2 blocks, paddings [top 0, left 1, bottom 0,
// right 0]: padded rows [0 1 2], [0 3 4]; 2x2 block positions.
// Tap j = 0: [0, 1, 0, 3]; tap j = 1: [1, 2, 3, 4].
TEST(Unfold, HandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 2}, std::vector<float>{1, 2, 3, 4});
  const HostTensor y = HostTensor::From<float>(DataType::kFloat32, {1, 2, 4},
                                               std::vector<float>{0, 1, 0, 3, 1, 2, 3, 4});
  ExpectMatchesReference(Program({1, 1, 2, 2}, {1, 2, 4}, {1, 2}, {1, 1}, {0, 1, 0, 0}, {1, 1}),
                         {{"x", x}}, {.opsets = {7, 17, 19}}, {{"y", y}});
}

TEST(Unfold, UnknownChannelsFail) {
  ExpectConversionFails(Program({1, -1, 4, 4}, {1, -1, 9}, {2, 2}, {1, 1}, {0, 0, 0, 0}, {1, 1}),
                        17, "known channel count");
}

}  // namespace
}  // namespace pd2onnx::testing

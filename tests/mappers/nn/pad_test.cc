#include <gtest/gtest.h>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

ProgramBuilder Program(DataType dtype, const std::vector<int64_t>& in,
                       const std::vector<int64_t>& out, const std::vector<int64_t>& paddings,
                       float value) {
  ProgramBuilder p;
  p.Input("x", dtype, in).Var("y", dtype, out);
  p.Op("pad")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("paddings", Ints(paddings))
      .Attr("pad_value", value);
  p.Output("y");
  return p;
}

TEST(Pad, EveryAxis) {
  ExpectMatchesReference(
      Program(DataType::kFloat32, {2, 3, 4}, {3, 6, 4}, {0, 1, 2, 1, 0, 0}, 0.5f),
      {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 95)}},
      {.opsets = {7, 11, 13, 17, 18, 19, 21}});
}

TEST(Pad, Int64) {
  ExpectMatchesReference(Program(DataType::kInt64, {2, 3}, {2, 6}, {0, 0, 1, 2}, 7.0f),
                         {{"x", RandomTensor(DataType::kInt64, {2, 3}, 96, -5, 5)}},
                         {.opsets = {11, 17, 19}});
}

TEST(Pad, Int64NeedsOpset11) {
  ExpectConversionFails(Program(DataType::kInt64, {2, 3}, {2, 6}, {0, 0, 1, 2}, 7.0f), 10,
                        "needs opset 11 (Pad-2 pads floats only)");
}

// [[1, 2]] padded by (1, 0) rows and (0, 1) columns with -1:
// [[-1, -1, -1], [1, 2, -1]].
TEST(Pad, HandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 2}, std::vector<float>{1, 2});
  const HostTensor y =
      HostTensor::From<float>(DataType::kFloat32, {2, 3}, std::vector<float>{-1, -1, -1, 1, 2, -1});
  ExpectMatchesReference(Program(DataType::kFloat32, {1, 2}, {2, 3}, {1, 0, 0, 1}, -1.0f),
                         {{"x", x}}, {.opsets = {7, 17, 19}}, {{"y", y}});
}

}  // namespace
}  // namespace pd2onnx::testing

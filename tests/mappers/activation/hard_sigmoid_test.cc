#include <gtest/gtest.h>

#include <optional>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder HardSigmoidProgram(std::optional<float> slope, std::optional<float> offset) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("out", DataType::kFloat32, {2, 3, 4});
  OpBuilder op = p.Op("hard_sigmoid").In("X", {"x"}).Out("Out", {"out"});
  if (slope) op.Attr("slope", *slope);
  if (offset) op.Attr("offset", *offset);
  p.Output("out");
  return p;
}

TEST(HardSigmoidTest, DefaultSlopeAndOffset) {
  ExpectMatchesReference(HardSigmoidProgram(std::nullopt, std::nullopt),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, -5, 5)}},
                         {.opsets = {7, 17, 19}});
}

// paddle.nn.Hardsigmoid writes slope 1/6.
TEST(HardSigmoidTest, SlopeAndOffset) {
  ExpectMatchesReference(HardSigmoidProgram(0.1666667f, 0.4f),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2, -5, 5)}},
                         {.opsets = {7, 17, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include <optional>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder LeakyReluProgram(std::optional<float> alpha) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("out", DataType::kFloat32, {2, 3, 4});
  OpBuilder op = p.Op("leaky_relu").In("X", {"x"}).Out("Out", {"out"});
  if (alpha) op.Attr("alpha", *alpha);
  p.Output("out");
  return p;
}

TEST(LeakyReluTest, DefaultAlpha) {
  ExpectMatchesReference(LeakyReluProgram(std::nullopt),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, -3, 3)}},
                         {.opsets = {7, 17, 19}});
}

TEST(LeakyReluTest, Alpha) {
  ExpectMatchesReference(LeakyReluProgram(0.3f),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2, -3, 3)}},
                         {.opsets = {7, 17, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

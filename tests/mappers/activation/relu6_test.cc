#include <gtest/gtest.h>

#include <optional>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Relu6Program(std::optional<float> threshold) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("out", DataType::kFloat32, {2, 3, 4});
  OpBuilder op = p.Op("relu6").In("X", {"x"}).Out("Out", {"out"});
  if (threshold) op.Attr("threshold", *threshold);
  p.Output("out");
  return p;
}

// Clip-11 moves min/max from attributes to inputs.
TEST(Relu6Test, DefaultThreshold) {
  ExpectMatchesReference(Relu6Program(std::nullopt),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, -10, 10)}},
                         {.opsets = {7, 10, 11, 17, 19}});
}

TEST(Relu6Test, OlderWriterThreshold) {
  ExpectMatchesReference(Relu6Program(3.0f),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2, -10, 10)}},
                         {.opsets = {7, 11, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

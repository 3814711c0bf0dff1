#include <gtest/gtest.h>

#include <optional>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder GeluProgram(std::optional<bool> approximate) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("out", DataType::kFloat32, {2, 3, 4});
  OpBuilder op = p.Op("gelu").In("X", {"x"}).Out("Out", {"out"});
  if (approximate) op.Attr("approximate", *approximate);
  p.Output("out");
  return p;
}

// Erf exists from opset 9; Gelu-20 is a single node.
TEST(GeluTest, ExactErfForm) {
  ExpectMatchesReference(GeluProgram(false),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, -4, 4)}},
                         {.opsets = {9, 13, 17, 19, 20, 21}});
}

TEST(GeluTest, DefaultIsExact) {
  ExpectMatchesReference(GeluProgram(std::nullopt),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2, -4, 4)}},
                         {.opsets = {9, 20}});
}

TEST(GeluTest, ApproximateTanhForm) {
  ExpectMatchesReference(GeluProgram(true),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 3, -4, 4)}},
                         {.opsets = {7, 17, 19, 20}});
}

TEST(GeluTest, ExactFormNeedsOpset9) {
  ExpectConversionFails(GeluProgram(false), 8, "approximate");
}

}  // namespace
}  // namespace pd2onnx::testing

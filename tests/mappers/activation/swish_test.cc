#include <gtest/gtest.h>

#include <optional>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder SwishProgram(const std::string& type, std::optional<float> beta) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("out", DataType::kFloat32, {2, 3, 4});
  OpBuilder op = p.Op(type).In("X", {"x"}).Out("Out", {"out"});
  if (beta) op.Attr("beta", *beta);
  p.Output("out");
  return p;
}

TEST(SwishTest, DefaultBeta) {
  ExpectMatchesReference(SwishProgram("swish", std::nullopt),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, -6, 6)}},
                         {.opsets = {7, 17, 19}});
}

TEST(SwishTest, Beta) {
  ExpectMatchesReference(SwishProgram("swish", 2.5f),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2, -6, 6)}},
                         {.opsets = {7, 17, 19}});
}

TEST(SiluTest, MatchesReference) {
  ExpectMatchesReference(SwishProgram("silu", std::nullopt),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 3, -6, 6)}},
                         {.opsets = {7, 17, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

// shape: int32 dims of the input.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder ShapeProgram(const std::vector<int64_t>& declared, bool from_param = false) {
  ProgramBuilder p;
  if (from_param) {
    p.Param("x", RandomTensor(DataType::kFloat32, declared, 1));
  } else {
    p.Input("x", DataType::kFloat32, declared);
  }
  p.Var("out", DataType::kInt32, {static_cast<int64_t>(declared.size())});
  p.Op("shape").In("Input", {"x"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(ShapeTest, KnownDims) {
  ExpectMatchesReference(ShapeProgram({2, 3, 4}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1)}},
                         {.opsets = {7, 15, 17, 19, 21}});
}

TEST(ShapeTest, RunTimeDims) {
  ExpectMatchesReference(ShapeProgram({-1, 3}),
                         {{"x", RandomTensor(DataType::kFloat32, {5, 3}, 2)}}, {.opsets = {7, 19}});
}

TEST(ShapeTest, ZeroDimInput) {
  ExpectMatchesReference(ShapeProgram({}), {{"x", RandomTensor(DataType::kFloat32, {}, 3)}},
                         {.opsets = {7, 19}});
}

// A parameter's dims are known at conversion time.
TEST(ShapeTest, ParameterIsFolded) {
  ExpectMatchesReference(ShapeProgram({4, 2}, true), {}, {.opsets = {7, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

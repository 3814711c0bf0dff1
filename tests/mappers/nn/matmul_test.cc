#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct MatmulCase {
  std::string name;
  std::vector<int64_t> x;
  std::vector<int64_t> y;
  std::vector<int64_t> out;  // Paddle's output shape
  bool transpose_x = false;
  bool transpose_y = false;
  float alpha = 1.0f;
  bool dynamic_batch = false;  // X, Y and Out dim 0 declared -1

  friend void PrintTo(const MatmulCase& c, std::ostream* os) { *os << c.name; }
};

ProgramBuilder MatmulProgram(const MatmulCase& c) {
  auto decl = [&](std::vector<int64_t> dims) {
    if (c.dynamic_batch) dims[0] = -1;
    return dims;
  };
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, decl(c.x))
      .Input("y", DataType::kFloat32, decl(c.y))
      .Var("out", DataType::kFloat32, decl(c.out));
  p.Op("matmul")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("transpose_X", c.transpose_x)
      .Attr("transpose_Y", c.transpose_y)
      .Attr("alpha", c.alpha);
  p.Output("out");
  return p;
}

class MatmulTest : public ::testing::TestWithParam<MatmulCase> {};

// Squeeze takes its axes as an input from 13.
TEST_P(MatmulTest, MatchesReference) {
  const MatmulCase& c = GetParam();
  ExpectMatchesReference(MatmulProgram(c),
                         {{"x", RandomTensor(DataType::kFloat32, c.x, 1)},
                          {"y", RandomTensor(DataType::kFloat32, c.y, 2)}},
                         {.opsets = {7, 11, 13, 17, 19, 21}, .tol = 1e-5});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, MatmulTest,
    ::testing::Values(
        MatmulCase{.name = "Matrices", .x = {3, 4}, .y = {4, 5}, .out = {3, 5}},
        MatmulCase{
            .name = "TransposeX", .x = {4, 3}, .y = {4, 5}, .out = {3, 5}, .transpose_x = true},
        MatmulCase{.name = "TransposeBoth",
                   .x = {2, 4, 3},
                   .y = {2, 5, 4},
                   .out = {2, 3, 5},
                   .transpose_x = true,
                   .transpose_y = true},
        MatmulCase{.name = "Alpha", .x = {2, 3}, .y = {3, 2}, .out = {2, 2}, .alpha = 0.25f},
        MatmulCase{.name = "BatchTimesMatrix",
                   .x = {2, 3, 4, 5},
                   .y = {5, 2},
                   .out = {2, 3, 4, 2},
                   .transpose_y = false,
                   .dynamic_batch = false},
        MatmulCase{.name = "MatrixTimesBatchTransposeY",
                   .x = {3, 4},
                   .y = {2, 5, 4},
                   .out = {2, 3, 5},
                   .transpose_y = true},
        MatmulCase{.name = "BatchedDynamic",
                   .x = {3, 2, 4},
                   .y = {3, 4, 6},
                   .out = {3, 2, 6},
                   .alpha = 2.0f,
                   .dynamic_batch = true},
        MatmulCase{.name = "VectorTimesMatrix", .x = {4}, .y = {4, 3}, .out = {3}},
        MatmulCase{.name = "MatrixTimesVector", .x = {2, 4}, .y = {4}, .out = {2}},
        MatmulCase{.name = "VectorTimesVector", .x = {5}, .y = {5}, .out = {1}},
        MatmulCase{.name = "TransposedVectorIsAColumn",
                   .x = {3},
                   .y = {1, 4},
                   .out = {3, 4},
                   .transpose_x = true},
        MatmulCase{.name = "VectorTimesBatch", .x = {4}, .y = {2, 4, 3}, .out = {2, 3}},
        MatmulCase{
            .name = "BatchTimesVector", .x = {2, 3, 4}, .y = {4}, .out = {2, 3}, .alpha = -1.5f}),
    nn_test::CaseName());

}  // namespace
}  // namespace pd2onnx::testing

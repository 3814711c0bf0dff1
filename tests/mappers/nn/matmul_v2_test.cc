#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct MatmulV2Case {
  std::string name;
  std::vector<int64_t> x;
  std::vector<int64_t> y;
  std::vector<int64_t> out;  // declared output shape
  bool trans_x = false;
  bool trans_y = false;
  bool dynamic_batch = false;  // X and Out dim 0 declared -1

  friend void PrintTo(const MatmulV2Case& c, std::ostream* os) { *os << c.name; }
};

ProgramBuilder MatmulV2Program(const MatmulV2Case& c) {
  std::vector<int64_t> x_decl = c.x;
  std::vector<int64_t> out_decl = c.out;
  if (c.dynamic_batch) x_decl[0] = out_decl[0] = -1;
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x_decl)
      .Param("y", RandomTensor(DataType::kFloat32, c.y, 2))
      .Var("out", DataType::kFloat32, out_decl);
  p.Op("matmul_v2")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("trans_x", c.trans_x)
      .Attr("trans_y", c.trans_y);
  p.Output("out");
  return p;
}

class MatmulV2Test : public ::testing::TestWithParam<MatmulV2Case> {};

TEST_P(MatmulV2Test, MatchesReference) {
  const MatmulV2Case& c = GetParam();
  ExpectMatchesReference(MatmulV2Program(c), {{"x", RandomTensor(DataType::kFloat32, c.x, 1)}},
                         {.opsets = {7, 13, 17, 19, 21}, .tol = 1e-5});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, MatmulV2Test,
    ::testing::Values(
        MatmulV2Case{.name = "Matrices", .x = {3, 4}, .y = {4, 5}, .out = {3, 5}},
        MatmulV2Case{.name = "TransX", .x = {4, 3}, .y = {4, 2}, .out = {3, 2}, .trans_x = true},
        MatmulV2Case{
            .name = "TransY", .x = {2, 3, 4}, .y = {5, 4}, .out = {2, 3, 5}, .trans_y = true},
        MatmulV2Case{.name = "TransBoth",
                     .x = {2, 4, 3},
                     .y = {2, 5, 4},
                     .out = {2, 3, 5},
                     .trans_x = true,
                     .trans_y = true},
        MatmulV2Case{
            .name = "BatchBroadcast", .x = {2, 1, 3, 4}, .y = {3, 4, 2}, .out = {2, 3, 3, 2}},
        MatmulV2Case{.name = "DynamicBatch",
                     .x = {3, 2, 4},
                     .y = {4, 6},
                     .out = {3, 2, 6},
                     .dynamic_batch = true},
        MatmulV2Case{.name = "VectorTimesMatrixIgnoresTransX",
                     .x = {4},
                     .y = {4, 3},
                     .out = {3},
                     .trans_x = true},
        MatmulV2Case{.name = "MatrixTimesVectorIgnoresTransY",
                     .x = {2, 4},
                     .y = {4},
                     .out = {2},
                     .trans_y = true},
        MatmulV2Case{.name = "BatchTimesVector", .x = {2, 3, 4}, .y = {4}, .out = {2, 3}},
        MatmulV2Case{.name = "VectorTimesVectorZeroDim", .x = {5}, .y = {5}, .out = {}},
        MatmulV2Case{.name = "VectorTimesVectorDeclaredOne", .x = {5}, .y = {5}, .out = {1}}),
    nn_test::CaseName());

}  // namespace
}  // namespace pd2onnx::testing

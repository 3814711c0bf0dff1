#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct MulCase {
  std::string name;
  std::vector<int64_t> x;
  std::vector<int64_t> y;
  int x_num_col_dims = 1;
  int y_num_col_dims = 1;
  std::vector<size_t> x_unknown = {};  // X axes declared -1
  bool y_is_input = false;             // Y fed at run time instead of a parameter
  std::vector<size_t> y_unknown = {};

  friend void PrintTo(const MulCase& c, std::ostream* os) { *os << c.name; }
};

ProgramBuilder MulProgram(const MulCase& c) {
  const std::vector<int64_t> x_decl = nn_test::WithUnknown(c.x, c.x_unknown);
  const std::vector<int64_t> y_decl = nn_test::WithUnknown(c.y, c.y_unknown);
  std::vector<int64_t> out(x_decl.begin(), x_decl.begin() + c.x_num_col_dims);
  out.insert(out.end(), y_decl.begin() + c.y_num_col_dims, y_decl.end());
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x_decl);
  if (c.y_is_input) {
    p.Input("y", DataType::kFloat32, y_decl);
  } else {
    p.Param("y", RandomTensor(DataType::kFloat32, c.y, 2));
  }
  p.Var("out", DataType::kFloat32, out);
  p.Op("mul")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("x_num_col_dims", c.x_num_col_dims)
      .Attr("y_num_col_dims", c.y_num_col_dims);
  p.Output("out");
  return p;
}

class MulTest : public ::testing::TestWithParam<MulCase> {};

TEST_P(MulTest, MatchesReference) {
  const MulCase& c = GetParam();
  interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, c.x, 1)}};
  if (c.y_is_input) feeds["y"] = RandomTensor(DataType::kFloat32, c.y, 2);
  ExpectMatchesReference(MulProgram(c), feeds, {.opsets = {7, 9, 11, 13, 17, 19, 21}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, MulTest,
    ::testing::Values(
        MulCase{.name = "Matrices", .x = {3, 4}, .y = {4, 5}},
        MulCase{.name = "FlattenXDynamicBatch", .x = {2, 3, 4}, .y = {12, 5}, .x_unknown = {0}},
        MulCase{.name = "XNumColDims2",
                .x = {2, 3, 4, 2},
                .y = {8, 3},
                .x_num_col_dims = 2,
                .x_unknown = {0}},
        MulCase{.name = "YNumColDims2", .x = {3, 6}, .y = {2, 3, 4, 5}, .y_num_col_dims = 2},
        MulCase{.name = "BothNumColDims",
                .x = {2, 3, 2, 2},
                .y = {2, 2, 5, 2},
                .x_num_col_dims = 2,
                .y_num_col_dims = 2},
        MulCase{.name = "SeveralUnknownOutputDims",
                .x = {2, 3, 5},
                .y = {5, 2, 3},
                .x_num_col_dims = 2,
                .x_unknown = {0, 1},
                .y_is_input = true,
                .y_unknown = {2}}),
    nn_test::CaseName());

}  // namespace
}  // namespace pd2onnx::testing

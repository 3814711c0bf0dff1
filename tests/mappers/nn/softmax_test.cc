#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct SoftmaxCase {
  std::string name;
  std::vector<int64_t> shape;
  std::optional<int> axis = std::nullopt;  // nullopt: Paddle's default -1
  std::vector<size_t> unknown = {};

  friend void PrintTo(const SoftmaxCase& c, std::ostream* os) { *os << c.name; }
};

ProgramBuilder SoftmaxProgram(const SoftmaxCase& c) {
  const std::vector<int64_t> decl = nn_test::WithUnknown(c.shape, c.unknown);
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, decl).Var("y", DataType::kFloat32, decl);
  OpBuilder op = p.Op("softmax");
  op.In("X", {"x"}).Out("Out", {"y"});
  if (c.axis) op.Attr("axis", *c.axis);
  p.Output("y");
  return p;
}

class SoftmaxTest : public ::testing::TestWithParam<SoftmaxCase> {};

// Softmax-13 normalises one axis; before it, non-last axes are transposed.
TEST_P(SoftmaxTest, MatchesReference) {
  const SoftmaxCase& c = GetParam();
  ExpectMatchesReference(SoftmaxProgram(c),
                         {{"x", RandomTensor(DataType::kFloat32, c.shape, 6, -3, 3)}},
                         {.opsets = {7, 11, 12, 13, 17, 19, 21}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, SoftmaxTest,
    ::testing::Values(SoftmaxCase{.name = "DefaultLastAxis", .shape = {2, 3, 4}},
                      SoftmaxCase{.name = "ExplicitLastAxis", .shape = {3, 5}, .axis = 1},
                      SoftmaxCase{.name = "MiddleAxis", .shape = {2, 3, 4}, .axis = 1},
                      SoftmaxCase{.name = "FirstAxisNegative", .shape = {3, 2, 4}, .axis = -3},
                      SoftmaxCase{.name = "MiddleAxisDynamic",
                                  .shape = {2, 5, 3, 2},
                                  .axis = 2,
                                  .unknown = {0, 3}},
                      SoftmaxCase{.name = "OneDimensional", .shape = {6}},
                      SoftmaxCase{.name = "ZeroDimensional", .shape = {}}),
    nn_test::CaseName());

}  // namespace
}  // namespace pd2onnx::testing

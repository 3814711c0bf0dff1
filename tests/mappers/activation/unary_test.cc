// relu, sigmoid, tanh, sqrt, exp, log, abs: one ONNX node each.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct UnaryCase {
  std::string op;
  DataType dtype;
  std::vector<int64_t> dims;
  double lo;
  double hi;
};

void PrintTo(const UnaryCase& c, std::ostream* os) {
  *os << c.op << " " << graph::DataTypeName(c.dtype) << " " << graph::ShapeToString(c.dims);
}

std::string CaseName(const ::testing::TestParamInfo<UnaryCase>& info) {
  return info.param.op + "_" + std::string(graph::DataTypeName(info.param.dtype)) + "_rank" +
         std::to_string(info.param.dims.size());
}

ProgramBuilder UnaryProgram(const UnaryCase& c) {
  ProgramBuilder p;
  p.Input("x", c.dtype, c.dims).Var("out", c.dtype, c.dims);
  p.Op(c.op).In("X", {"x"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

class UnaryActivationTest : public ::testing::TestWithParam<UnaryCase> {};

TEST_P(UnaryActivationTest, MatchesReference) {
  const UnaryCase& c = GetParam();
  ExpectMatchesReference(UnaryProgram(c), {{"x", RandomTensor(c.dtype, c.dims, 7, c.lo, c.hi)}},
                         {.opsets = {7, 13, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(
    Float, UnaryActivationTest,
    ::testing::Values(UnaryCase{"relu", DataType::kFloat32, {2, 3, 4}, -2, 2},
                      UnaryCase{"sigmoid", DataType::kFloat32, {2, 3, 4}, -6, 6},
                      UnaryCase{"tanh", DataType::kFloat32, {2, 3, 4}, -3, 3},
                      UnaryCase{"sqrt", DataType::kFloat32, {2, 3, 4}, 0.01, 9},
                      UnaryCase{"exp", DataType::kFloat32, {2, 3, 4}, -4, 4},
                      UnaryCase{"log", DataType::kFloat32, {2, 3, 4}, 0.01, 9},
                      UnaryCase{"abs", DataType::kFloat32, {2, 3, 4}, -5, 5},
                      UnaryCase{"exp", DataType::kFloat64, {3, 5}, -4, 4},
                      UnaryCase{"relu", DataType::kFloat32, {}, -2, 2}),
    CaseName);

// Paddle registers abs for int32/int64 too; ONNX Abs takes them at every opset.
INSTANTIATE_TEST_SUITE_P(Integer, UnaryActivationTest,
                         ::testing::Values(UnaryCase{"abs", DataType::kInt32, {4, 5}, -50, 50},
                                           UnaryCase{"abs", DataType::kInt64, {4, 5}, -50, 50}),
                         CaseName);

}  // namespace
}  // namespace pd2onnx::testing

// Trig/hyperbolic, erf, rounding and the few-node unary ops (expm1, log1p,
// log2, log10, rsqrt, square, round, trunc, tanh_shrink, logsigmoid).
#include <gtest/gtest.h>

#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct UnaryCase {
  std::string op;
  DataType dtype;
  double lo;
  double hi;
  int first_opset;
};

void PrintTo(const UnaryCase& c, std::ostream* os) {
  *os << c.op << " " << graph::DataTypeName(c.dtype);
}

std::string CaseName(const ::testing::TestParamInfo<UnaryCase>& param_info) {
  return param_info.param.op + "_" + std::string(graph::DataTypeName(param_info.param.dtype));
}

ProgramBuilder UnaryProgram(const std::string& op, DataType dtype,
                            const std::vector<int64_t>& dims) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, dims);
  p.Op(op).In("X", {"x"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

class UnaryMathTest : public ::testing::TestWithParam<UnaryCase> {};

TEST_P(UnaryMathTest, MatchesReference) {
  const UnaryCase& c = GetParam();
  ExpectMatchesReference(UnaryProgram(c.op, c.dtype, {2, 3, 4}),
                         {{"x", RandomTensor(c.dtype, {2, 3, 4}, 5, c.lo, c.hi)}},
                         {.opsets = {c.first_opset, 13, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(Float, UnaryMathTest,
                         ::testing::Values(UnaryCase{"acos", DataType::kFloat32, -0.99, 0.99, 7},
                                           UnaryCase{"acosh", DataType::kFloat32, 1.01, 5, 9},
                                           UnaryCase{"asin", DataType::kFloat32, -0.99, 0.99, 7},
                                           UnaryCase{"asinh", DataType::kFloat32, -5, 5, 9},
                                           UnaryCase{"atan", DataType::kFloat32, -5, 5, 7},
                                           UnaryCase{"atanh", DataType::kFloat32, -0.95, 0.95, 9},
                                           UnaryCase{"ceil", DataType::kFloat32, -5, 5, 7},
                                           UnaryCase{"cos", DataType::kFloat32, -4, 4, 7},
                                           UnaryCase{"cosh", DataType::kFloat32, -3, 3, 9},
                                           UnaryCase{"erf", DataType::kFloat32, -3, 3, 9},
                                           UnaryCase{"expm1", DataType::kFloat32, -3, 3, 7},
                                           UnaryCase{"floor", DataType::kFloat32, -5, 5, 7},
                                           UnaryCase{"log10", DataType::kFloat32, 0.01, 100, 7},
                                           UnaryCase{"log1p", DataType::kFloat32, -0.9, 10, 7},
                                           UnaryCase{"log2", DataType::kFloat32, 0.01, 100, 7},
                                           UnaryCase{"reciprocal", DataType::kFloat32, 0.5, 4, 7},
                                           UnaryCase{"round", DataType::kFloat32, -5, 5, 7},
                                           UnaryCase{"rsqrt", DataType::kFloat32, 0.1, 9, 7},
                                           UnaryCase{"sign", DataType::kFloat32, -3, 3, 9},
                                           UnaryCase{"sin", DataType::kFloat32, -4, 4, 7},
                                           UnaryCase{"sinh", DataType::kFloat32, -3, 3, 9},
                                           UnaryCase{"softsign", DataType::kFloat32, -5, 5, 7},
                                           UnaryCase{"square", DataType::kFloat32, -3, 3, 7},
                                           UnaryCase{"tan", DataType::kFloat32, -1.2, 1.2, 7},
                                           UnaryCase{"tanh_shrink", DataType::kFloat32, -3, 3, 7},
                                           UnaryCase{"logsigmoid", DataType::kFloat32, -10, 10, 7},
                                           UnaryCase{"trunc", DataType::kFloat32, -5, 5, 7},
                                           UnaryCase{"exp", DataType::kFloat32, -1, 1, 7}),
                         CaseName);

INSTANTIATE_TEST_SUITE_P(Integer, UnaryMathTest,
                         ::testing::Values(UnaryCase{"trunc", DataType::kInt32, -50, 50, 7},
                                           UnaryCase{"trunc", DataType::kInt64, -50, 50, 7},
                                           UnaryCase{"sign", DataType::kInt32, -5, 5, 9},
                                           UnaryCase{"sign", DataType::kInt64, -5, 5, 9}),
                         CaseName);

// Paddle's round is std::round: halves go away from zero (ONNX Round would
// give -2, -2, 0, 0, 2, 2 for the first six).
TEST(RoundTest, HalvesAwayFromZero) {
  const HostTensor x = HostTensor::From<float>(
      DataType::kFloat32, {8},
      std::vector<float>{-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 0.4f, -0.6f});
  const HostTensor want = HostTensor::From<float>(DataType::kFloat32, {8},
                                                  std::vector<float>{-3, -2, -1, 1, 2, 3, 0, -1});
  ExpectMatchesReference(UnaryProgram("round", DataType::kFloat32, {8}), {{"x", x}},
                         {.opsets = {7, 11, 17, 19}}, {{"out", want}});
}

// trunc rounds toward zero: -1.7 → -1, 1.7 → 1.
TEST(TruncTest, TowardZero) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {4},
                                               std::vector<float>{-1.7f, 1.7f, -0.2f, 3.0f});
  const HostTensor want =
      HostTensor::From<float>(DataType::kFloat32, {4}, std::vector<float>{-1, 1, 0, 3});
  ExpectMatchesReference(UnaryProgram("trunc", DataType::kFloat32, {4}), {{"x", x}},
                         {.opsets = {7, 17, 19}}, {{"out", want}});
}

// log1p, log2, log10, expm1 at exact points: log2(8) = 3, log10(1000) = 3,
// log1p(0) = 0, expm1(0) = 0.
TEST(LogVariantsTest, ExactPoints) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {2}, std::vector<float>{8.0f, 1000.0f});
  ExpectMatchesReference(
      UnaryProgram("log2", DataType::kFloat32, {2}), {{"x", x}}, {.opsets = {7, 19}},
      {{"out",
        HostTensor::From<float>(DataType::kFloat32, {2}, std::vector<float>{3.0f, 9.965784f})}});
  ExpectMatchesReference(
      UnaryProgram("log10", DataType::kFloat32, {2}), {{"x", x}}, {.opsets = {7, 19}},
      {{"out",
        HostTensor::From<float>(DataType::kFloat32, {2}, std::vector<float>{0.90309f, 3.0f})}});
}

TEST(UnaryMathTest, SinRankZero) {
  ExpectMatchesReference(UnaryProgram("sin", DataType::kFloat32, {}),
                         {{"x", RandomTensor(DataType::kFloat32, {}, 3, -2, 2)}},
                         {.opsets = {7, 17, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

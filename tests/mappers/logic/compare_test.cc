// equal, not_equal, greater_than, greater_equal, less_than, less_equal.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder CompareProgram(const std::string& type, DataType dtype,
                              const std::vector<int64_t>& x_dims,
                              const std::vector<int64_t>& y_dims,
                              const std::vector<int64_t>& out_dims, std::optional<int> axis) {
  ProgramBuilder p;
  p.Input("x", dtype, x_dims).Input("y", dtype, y_dims).Var("out", DataType::kBool, out_dims);
  OpBuilder op = p.Op(type).In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  if (axis) op.Attr("axis", *axis);
  p.Output("out");
  return p;
}

// Small integer-valued inputs so that equal elements occur in every dtype.
interp::TensorMap Feeds(DataType dtype, const std::vector<int64_t>& x_dims,
                        const std::vector<int64_t>& y_dims, uint32_t seed) {
  HostTensor x = RandomTensor(dtype, x_dims, seed, -3, 3);
  HostTensor y = RandomTensor(dtype, y_dims, seed + 1, -3, 3);
  if (dtype == DataType::kFloat32) {  // round to get ties
    for (int64_t i = 0; i < x.numel(); ++i) x.data<float>()[i] = std::round(x.data<float>()[i]);
    for (int64_t i = 0; i < y.numel(); ++i) y.data<float>()[i] = std::round(y.data<float>()[i]);
  }
  return {{"x", x}, {"y", y}};
}

using CompareCase = std::pair<std::string, DataType>;

class CompareTest : public ::testing::TestWithParam<CompareCase> {};

TEST_P(CompareTest, SameShape) {
  const auto& [type, dtype] = GetParam();
  ExpectMatchesReference(CompareProgram(type, dtype, {2, 3, 4}, {2, 3, 4}, {2, 3, 4}, std::nullopt),
                         Feeds(dtype, {2, 3, 4}, {2, 3, 4}, 1), {.opsets = {7, 9, 11, 12, 17, 19}});
}

TEST_P(CompareTest, LegacyAxisBroadcast) {
  const auto& [type, dtype] = GetParam();
  ExpectMatchesReference(CompareProgram(type, dtype, {2, 3, 4}, {3}, {2, 3, 4}, 1),
                         Feeds(dtype, {2, 3, 4}, {3}, 2), {.opsets = {7, 13, 19}});
  ExpectMatchesReference(CompareProgram(type, dtype, {2, 3, 4}, {4}, {2, 3, 4}, -1),
                         Feeds(dtype, {2, 3, 4}, {4}, 3), {.opsets = {7, 17}});
}

std::vector<CompareCase> AllCases() {
  std::vector<CompareCase> cases;
  for (const char* type :
       {"equal", "not_equal", "greater_than", "greater_equal", "less_than", "less_equal"}) {
    for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
      cases.emplace_back(type, dtype);
    }
  }
  cases.emplace_back("equal", DataType::kBool);
  cases.emplace_back("not_equal", DataType::kBool);
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Ops, CompareTest, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<CompareCase>& param_info) {
                           return param_info.param.first + "_" +
                                  std::string(graph::DataTypeName(param_info.param.second));
                         });

// [1, 2, 3] vs [2, 2, 2]: >= gives [F, T, T], < gives [T, F, F].
TEST(CompareTest, HandComputed) {
  const std::vector<int64_t> d = {3};
  const interp::TensorMap feeds = {
      {"x", HostTensor::From<float>(DataType::kFloat32, d, std::vector<float>{1, 2, 3})},
      {"y", HostTensor::From<float>(DataType::kFloat32, d, std::vector<float>{2, 2, 2})}};
  ExpectMatchesReference(
      CompareProgram("greater_equal", DataType::kFloat32, d, d, d, std::nullopt), feeds,
      {.opsets = {7, 12, 19}},
      {{"out", HostTensor::From<uint8_t>(DataType::kBool, d, std::vector<uint8_t>{0, 1, 1})}});
  ExpectMatchesReference(
      CompareProgram("less_than", DataType::kFloat32, d, d, d, std::nullopt), feeds,
      {.opsets = {7, 19}},
      {{"out", HostTensor::From<uint8_t>(DataType::kBool, d, std::vector<uint8_t>{1, 0, 0})}});
}

}  // namespace
}  // namespace pd2onnx::testing

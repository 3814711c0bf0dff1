// where, and isnan/isinf/isfinite (v2: element-wise; v1: one bool).
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder WhereProgram(DataType dtype, const std::vector<int64_t>& c_dims,
                            const std::vector<int64_t>& x_dims, const std::vector<int64_t>& y_dims,
                            const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("c", DataType::kBool, c_dims).Input("x", dtype, x_dims).Input("y", dtype, y_dims);
  p.Var("out", dtype, out_dims);
  p.Op("where").In("Condition", {"c"}).In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(WhereTest, DtypesAndBroadcast) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(WhereProgram(dtype, {2, 3, 4}, {2, 3, 4}, {2, 3, 4}, {2, 3, 4}),
                           {{"c", RandomTensor(DataType::kBool, {2, 3, 4}, 1)},
                            {"x", RandomTensor(dtype, {2, 3, 4}, 2, -9, 9)},
                            {"y", RandomTensor(dtype, {2, 3, 4}, 3, -9, 9)}},
                           {.opsets = {9, 16, 17, 19}});
  }
  ExpectMatchesReference(WhereProgram(DataType::kFloat32, {3, 1}, {4}, {1, 4}, {3, 4}),
                         {{"c", RandomTensor(DataType::kBool, {3, 1}, 4)},
                          {"x", RandomTensor(DataType::kFloat32, {4}, 5)},
                          {"y", RandomTensor(DataType::kFloat32, {1, 4}, 6)}},
                         {.opsets = {9, 17, 19}});
}

// [T, F] picks [x0, y1].
TEST(WhereTest, HandComputed) {
  const std::vector<int64_t> d = {2};
  ExpectMatchesReference(
      WhereProgram(DataType::kFloat32, d, d, d, d),
      {{"c", HostTensor::From<uint8_t>(DataType::kBool, d, std::vector<uint8_t>{1, 0})},
       {"x", HostTensor::From<float>(DataType::kFloat32, d, std::vector<float>{1, 2})},
       {"y", HostTensor::From<float>(DataType::kFloat32, d, std::vector<float>{3, 4})}},
      {.opsets = {9, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, d, std::vector<float>{1, 4})}});
}

TEST(WhereTest, NeedsOpset9) {
  ExpectConversionFails(WhereProgram(DataType::kFloat32, {2}, {2}, {2}, {2}), 8, "Where-9");
}

ProgramBuilder TestProgram(const std::string& type, DataType dtype,
                           const std::vector<int64_t>& dims, const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", DataType::kBool, out_dims);
  p.Op(type).In("X", {"x"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

HostTensor Special() {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  return HostTensor::From<float>(DataType::kFloat32, {2, 3},
                                 std::vector<float>{1.0f, inf, -inf, nan, -2.0f, 0.0f});
}

HostTensor Bools(const std::vector<int64_t>& dims, const std::vector<uint8_t>& values) {
  return HostTensor::From<uint8_t>(DataType::kBool, dims, values);
}

// [1, inf, -inf, NaN, -2, 0]: isnan [F F F T F F], isinf [F T T F F F],
// isfinite [T F F F T T].
TEST(IsFiniteV2Test, HandComputed) {
  ExpectMatchesReference(TestProgram("isnan_v2", DataType::kFloat32, {2, 3}, {2, 3}),
                         {{"x", Special()}}, {.opsets = {9, 13, 17, 19}},
                         {{"out", Bools({2, 3}, {0, 0, 0, 1, 0, 0})}});
  ExpectMatchesReference(TestProgram("isinf_v2", DataType::kFloat32, {2, 3}, {2, 3}),
                         {{"x", Special()}}, {.opsets = {10, 17, 19}},
                         {{"out", Bools({2, 3}, {0, 1, 1, 0, 0, 0})}});
  ExpectMatchesReference(TestProgram("isfinite_v2", DataType::kFloat32, {2, 3}, {2, 3}),
                         {{"x", Special()}}, {.opsets = {10, 17, 19}},
                         {{"out", Bools({2, 3}, {1, 0, 0, 0, 1, 1})}});
}

TEST(IsFiniteV2Test, IntegersAndOpsetNeeds) {
  for (const char* type : {"isnan_v2", "isinf_v2", "isfinite_v2"}) {
    for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
      ExpectMatchesReference(TestProgram(type, dtype, {2, 3}, {2, 3}),
                             {{"x", RandomTensor(dtype, {2, 3}, 7, -5, 5)}},
                             {.opsets = {10, 17, 19}});
    }
  }
  ExpectConversionFails(TestProgram("isnan_v2", DataType::kFloat32, {2}, {2}), 8, "IsNaN-9");
  ExpectConversionFails(TestProgram("isinf_v2", DataType::kFloat32, {2}, {2}), 9, "IsInf-10");
}

// v1: isnan "any NaN", isinf "any ±inf", isfinite "all finite", one bool [1].
TEST(IsFiniteV1Test, HandComputed) {
  const HostTensor finite =
      HostTensor::From<float>(DataType::kFloat32, {2, 3}, std::vector<float>{1, 2, 3, 4, 5, 6});
  ExpectMatchesReference(TestProgram("isnan", DataType::kFloat32, {2, 3}, {1}), {{"x", Special()}},
                         {.opsets = {9, 13, 17, 18, 19}}, {{"out", Bools({1}, {1})}});
  ExpectMatchesReference(TestProgram("isinf", DataType::kFloat32, {2, 3}, {1}), {{"x", Special()}},
                         {.opsets = {10, 17, 19}}, {{"out", Bools({1}, {1})}});
  ExpectMatchesReference(TestProgram("isfinite", DataType::kFloat32, {2, 3}, {1}),
                         {{"x", Special()}}, {.opsets = {10, 17, 19}}, {{"out", Bools({1}, {0})}});
  ExpectMatchesReference(TestProgram("isfinite", DataType::kFloat32, {2, 3}, {1}), {{"x", finite}},
                         {.opsets = {10, 18, 19}}, {{"out", Bools({1}, {1})}});
  ExpectMatchesReference(TestProgram("isnan", DataType::kFloat32, {2, 3}, {1}), {{"x", finite}},
                         {.opsets = {9, 18, 19}}, {{"out", Bools({1}, {0})}});
  ExpectMatchesReference(TestProgram("isinf", DataType::kInt64, {2, 3}, {1}),
                         {{"x", RandomTensor(DataType::kInt64, {2, 3}, 8, -5, 5)}},
                         {.opsets = {10, 19}}, {{"out", Bools({1}, {0})}});
}

}  // namespace
}  // namespace pd2onnx::testing

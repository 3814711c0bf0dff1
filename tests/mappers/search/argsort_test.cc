// argsort: axis / descending, dtypes, and Paddle's stable order of equal
// values (ascending index) in both directions.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder ArgsortProgram(DataType dtype, const std::vector<int64_t>& dims,
                              std::optional<int> axis, std::optional<bool> descending) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, dims).Var("idx", DataType::kInt64, dims);
  OpBuilder op = p.Op("argsort").In("X", {"x"}).Out("Out", {"out"}).Out("Indices", {"idx"});
  if (axis) op.Attr("axis", *axis);
  if (descending) op.Attr("descending", *descending);
  p.Output("out").Output("idx");
  return p;
}

void Check(DataType dtype, std::optional<int> axis, std::optional<bool> descending,
           const std::vector<int>& opsets, double lo = -1000, double hi = 1000) {
  const std::vector<int64_t> dims = {3, 4, 5};
  ExpectMatchesReference(ArgsortProgram(dtype, dims, axis, descending),
                         {{"x", RandomTensor(dtype, dims, 5, lo, hi)}}, {.opsets = opsets});
}

TEST(ArgsortTest, DefaultAscendingLastAxis) { Check(DataType::kFloat32, {}, {}, {11, 17, 19}); }
TEST(ArgsortTest, AxisAscending) { Check(DataType::kFloat32, 1, false, {11, 17, 19}); }
TEST(ArgsortTest, Descending) {
  Check(DataType::kFloat32, 0, true, {10, 11, 17, 19});
  Check(DataType::kFloat32, -1, true, {10, 11, 19});
}
TEST(ArgsortTest, IntegersWithTies) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    Check(dtype, 2, false, {11, 17, 19}, -3, 3);
    Check(dtype, 1, true, {11, 17, 19}, -3, 3);
  }
}
TEST(ArgsortTest, FloatTies) {
  // Few distinct values (integers stored as float).
  const std::vector<int64_t> dims = {4, 6};
  HostTensor x = RandomTensor(DataType::kInt32, dims, 3, -2, 2);
  std::vector<float> values;
  for (int32_t v : x.ToVector<int32_t>()) values.push_back(static_cast<float>(v));
  ExpectMatchesReference(ArgsortProgram(DataType::kFloat32, dims, 1, true),
                         {{"x", HostTensor::From(DataType::kFloat32, dims, values)}},
                         {.opsets = {10, 11, 19}});
}

TEST(ArgsortTest, AscendingNeedsOpset11) {
  ExpectConversionFails(ArgsortProgram(DataType::kFloat32, {3, 4}, -1, false), 10,
                        "descending=false");
  ExpectConversionFails(ArgsortProgram(DataType::kInt64, {3, 4}, -1, true), 10, "needs opset 11");
}

// Hand-computed: [2, 1, 2, 0] ascending → [0, 1, 2, 2] at [3, 1, 0, 2];
// descending → [2, 2, 1, 0] at [0, 2, 1, 3] (equal values in index order).
TEST(ArgsortTest, HandComputedStableTies) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {4}, {2, 1, 2, 0});
  ExpectMatchesReference(ArgsortProgram(DataType::kFloat32, {4}, 0, false), {{"x", x}},
                         {.opsets = {11, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {4}, {0, 1, 2, 2})},
                          {"idx", HostTensor::From<int64_t>(DataType::kInt64, {4}, {3, 1, 0, 2})}});
  ExpectMatchesReference(ArgsortProgram(DataType::kFloat32, {4}, 0, true), {{"x", x}},
                         {.opsets = {10, 11, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {4}, {2, 2, 1, 0})},
                          {"idx", HostTensor::From<int64_t>(DataType::kInt64, {4}, {0, 2, 1, 3})}});
}

}  // namespace
}  // namespace pd2onnx::testing

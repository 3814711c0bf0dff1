// concat: axis (negative from the end), or a constant AxisTensor.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

enum class AxisFrom { kAttr, kParam, kInput };

ProgramBuilder ConcatProgram(int axis, const std::vector<std::vector<int64_t>>& dims,
                             const std::vector<int64_t>& out_dims,
                             DataType dtype = DataType::kFloat32, AxisFrom from = AxisFrom::kAttr) {
  ProgramBuilder p;
  std::vector<std::string> names;
  for (size_t i = 0; i < dims.size(); ++i) {
    names.push_back("x" + std::to_string(i));
    p.Input(names.back(), dtype, dims[i]);
  }
  if (from == AxisFrom::kParam) {
    p.Param("axis", HostTensor::From<int32_t>(DataType::kInt32, {1}, {axis}));
  }
  if (from == AxisFrom::kInput) p.Input("axis", DataType::kInt32, {1});
  p.Var("out", dtype, out_dims);
  OpBuilder op = p.Op("concat").In("X", names).Out("Out", {"out"});
  op.Attr("axis", from == AxisFrom::kAttr ? axis : 0);
  if (from != AxisFrom::kAttr) op.In("AxisTensor", {"axis"});
  p.Output("out");
  return p;
}

interp::TensorMap Feeds(const std::vector<std::vector<int64_t>>& dims,
                        DataType dtype = DataType::kFloat32) {
  interp::TensorMap feeds;
  for (size_t i = 0; i < dims.size(); ++i) {
    feeds["x" + std::to_string(i)] = RandomTensor(dtype, dims[i], 10 + i, -9, 9);
  }
  return feeds;
}

TEST(ConcatTest, Axis) {
  const std::vector<std::vector<int64_t>> dims = {{2, 3, 4}, {2, 1, 4}, {2, 5, 4}};
  ExpectMatchesReference(ConcatProgram(1, dims, {2, 9, 4}), Feeds(dims),
                         {.opsets = {7, 11, 13, 17, 19}});
}

TEST(ConcatTest, NegativeAxis) {
  const std::vector<std::vector<int64_t>> dims = {{2, 3}, {2, 4}};
  ExpectMatchesReference(ConcatProgram(-1, dims, {2, 7}), Feeds(dims), {.opsets = {7, 11, 19}});
}

TEST(ConcatTest, SingleInput) {
  const std::vector<std::vector<int64_t>> dims = {{2, 3}};
  ExpectMatchesReference(ConcatProgram(0, dims, {2, 3}), Feeds(dims), {.opsets = {7, 19}});
}

TEST(ConcatTest, IntegerData) {
  const std::vector<std::vector<int64_t>> dims = {{3}, {2}};
  ExpectMatchesReference(ConcatProgram(0, dims, {5}, DataType::kInt64),
                         Feeds(dims, DataType::kInt64), {.opsets = {7, 19}});
}

TEST(ConcatTest, AxisTensorParam) {
  const std::vector<std::vector<int64_t>> dims = {{2, 3}, {2, 4}};
  ExpectMatchesReference(ConcatProgram(-1, dims, {2, 7}, DataType::kFloat32, AxisFrom::kParam),
                         Feeds(dims), {.opsets = {7, 19}});
}

TEST(ConcatTest, AxisTensorAtRunTimeIsUnsupported) {
  const std::vector<std::vector<int64_t>> dims = {{2, 3}, {2, 4}};
  ExpectConversionFails(ConcatProgram(1, dims, {2, 7}, DataType::kFloat32, AxisFrom::kInput), 13,
                        "AxisTensor");
}

// Regression (convert fuzzer): a float AxisTensor far outside int64 was cast
// to an integer (undefined behaviour); NaN too. Both now fail by name.
TEST(ConcatTest, FloatAxisTensorOutOfRangeFailsCleanly) {
  const std::vector<std::vector<int64_t>> dims = {{2, 3}, {2, 4}};
  for (float bad : {9.66e35f, std::numeric_limits<float>::quiet_NaN()}) {
    ProgramBuilder p = ConcatProgram(1, dims, {2, 7});
    p.Param("axis", HostTensor::From<float>(DataType::kFloat32, {1}, {bad}));
    p.Op("concat").In("X", {"x0", "x1"}).In("AxisTensor", {"axis"}).Out("Out", {"out2"});
    p.Var("out2", DataType::kFloat32, {2, 7}).Output("out2");
    ExpectConversionFails(p, 11, "read as an integer is out of range");
  }
}

}  // namespace
}  // namespace pd2onnx::testing

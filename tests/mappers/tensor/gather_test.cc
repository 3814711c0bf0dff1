// gather: X indexed along `axis` (or a constant `Axis` input) by a 1-D or
// 0-D int32/int64 Index.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {7, 11, 13, 17, 19};

ProgramBuilder GatherProgram(int axis, const std::vector<int64_t>& index_dims, DataType index_dtype,
                             const std::vector<int64_t>& out_dims,
                             std::optional<int> axis_param = std::nullopt) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {4, 5, 6}).Input("index", index_dtype, index_dims);
  if (axis_param) p.Param("axis", HostTensor::From<int32_t>(DataType::kInt32, {1}, {*axis_param}));
  p.Var("out", DataType::kFloat32, out_dims);
  OpBuilder op =
      p.Op("gather").In("X", {"x"}).In("Index", {"index"}).Out("Out", {"out"}).Attr("axis", axis);
  if (axis_param) op.In("Axis", {"axis"});
  p.Output("out");
  return p;
}

interp::TensorMap Feeds(const HostTensor& index) {
  return {{"x", RandomTensor(DataType::kFloat32, {4, 5, 6}, 1)}, {"index", index}};
}

TEST(GatherTest, AxisZeroInt64Index) {
  ExpectMatchesReference(GatherProgram(0, {3}, DataType::kInt64, {3, 5, 6}),
                         Feeds(HostTensor::From<int64_t>(DataType::kInt64, {3}, {3, 0, 3})),
                         {.opsets = kOpsets});
}

TEST(GatherTest, AxisOneInt32Index) {
  ExpectMatchesReference(GatherProgram(1, {4}, DataType::kInt32, {4, 4, 6}),
                         Feeds(HostTensor::From<int32_t>(DataType::kInt32, {4}, {4, 1, 1, 0})),
                         {.opsets = kOpsets});
}

TEST(GatherTest, NegativeAxis) {
  ExpectMatchesReference(GatherProgram(-1, {2}, DataType::kInt64, {4, 5, 2}),
                         Feeds(HostTensor::From<int64_t>(DataType::kInt64, {2}, {5, 2})),
                         {.opsets = kOpsets});
}

TEST(GatherTest, ZeroDimIndexRemovesTheAxis) {
  ExpectMatchesReference(GatherProgram(1, {}, DataType::kInt64, {4, 6}),
                         Feeds(HostTensor::From<int64_t>(DataType::kInt64, {}, {2})),
                         {.opsets = kOpsets});
}

TEST(GatherTest, AxisInputParam) {
  ExpectMatchesReference(GatherProgram(0, {2}, DataType::kInt64, {4, 5, 2}, 2),
                         Feeds(HostTensor::From<int64_t>(DataType::kInt64, {2}, {1, 4})),
                         {.opsets = kOpsets});
}

}  // namespace
}  // namespace pd2onnx::testing

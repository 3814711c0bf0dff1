// expand_as_v2: to Y's (known or run-time) shape, or to `target_shape`.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder ExpandAsProgram(const std::vector<int64_t>& y_dims,
                               const std::vector<int64_t>& out_dims, DataType dtype,
                               bool with_y = true, const std::vector<int>& target = {}) {
  ProgramBuilder p;
  p.Input("x", dtype, {3, 1});
  if (with_y) p.Input("y", DataType::kFloat32, y_dims);
  p.Var("out", dtype, out_dims);
  OpBuilder op = p.Op("expand_as_v2").In("X", {"x"}).Out("Out", {"out"});
  if (with_y) op.In("Y", {"y"});
  op.Attr("target_shape", target.empty() ? std::vector<int>(y_dims.begin(), y_dims.end()) : target);
  p.Output("out");
  return p;
}

TEST(ExpandAsTest, ToYShape) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64, DataType::kBool}) {
    ExpectMatchesReference(ExpandAsProgram({2, 3, 4}, {2, 3, 4}, dtype),
                           {{"x", RandomTensor(dtype, {3, 1}, 1, -9, 9)},
                            {"y", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2)}},
                           {.opsets = {8, 13, 17, 19}});
  }
  // Y of run-time shape.
  ExpectMatchesReference(ExpandAsProgram({-1, 3, -1}, {-1, 3, -1}, DataType::kFloat32),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 1}, 1)},
                          {"y", RandomTensor(DataType::kFloat32, {2, 3, 5}, 2)}},
                         {.opsets = {8, 17, 19}});
}

// Without Y: target_shape [2, -1, 4] keeps X's 3.
TEST(ExpandAsTest, TargetShapeAttr) {
  ExpectMatchesReference(ExpandAsProgram({}, {2, 3, 4}, DataType::kFloat32, false, {2, -1, 4}),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 1}, 1)}},
                         {.opsets = {8, 17, 19}});
}

TEST(ExpandAsTest, NeedsOpset8) {
  ExpectConversionFails(ExpandAsProgram({2, 3, 4}, {2, 3, 4}, DataType::kFloat32), 7, "Expand");
}

}  // namespace
}  // namespace pd2onnx::testing

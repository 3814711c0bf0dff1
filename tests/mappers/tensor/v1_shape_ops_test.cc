// The v1 shape ops without XShape: squeeze, unsqueeze, flatten (1.x).
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder OneOp(const std::string& type, const std::vector<int64_t>& in_dims,
                     const std::vector<int64_t>& out_dims, const std::string& attr,
                     const std::vector<int>& axes, DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, in_dims).Var("out", dtype, out_dims);
  OpBuilder op = p.Op(type).In("X", {"x"}).Out("Out", {"out"});
  if (attr == "axis") {
    op.Attr("axis", axes.at(0));
  } else {
    op.Attr(attr, axes);
  }
  p.Output("out");
  return p;
}

interp::TensorMap Feed(const std::vector<int64_t>& dims, DataType dtype = DataType::kFloat32) {
  return {{"x", RandomTensor(dtype, dims, 1, -9, 9)}};
}

TEST(V1ShapeOpsTest, Squeeze) {
  ExpectMatchesReference(OneOp("squeeze", {1, 3, 1, 2}, {3, 2}, "axes", {0, -2}),
                         Feed({1, 3, 1, 2}), {.opsets = {7, 13, 17, 19}});
  ExpectMatchesReference(OneOp("squeeze", {1, 3, 1}, {3}, "axes", {}, DataType::kInt64),
                         Feed({1, 3, 1}, DataType::kInt64), {.opsets = {7, 13, 19}});
}

TEST(V1ShapeOpsTest, Unsqueeze) {
  ExpectMatchesReference(OneOp("unsqueeze", {3, 2}, {1, 3, 2, 1}, "axes", {0, -1}), Feed({3, 2}),
                         {.opsets = {7, 13, 17, 19}});
  ExpectMatchesReference(OneOp("unsqueeze", {3}, {3, 1}, "axes", {1}, DataType::kInt32),
                         Feed({3}, DataType::kInt32), {.opsets = {7, 13, 19}});
}

TEST(V1ShapeOpsTest, Flatten) {
  ExpectMatchesReference(OneOp("flatten", {2, 3, 4}, {6, 4}, "axis", {2}), Feed({2, 3, 4}),
                         {.opsets = {7, 13, 17, 19}});
  ExpectMatchesReference(OneOp("flatten", {2, 3, 4}, {1, 24}, "axis", {0}, DataType::kInt64),
                         Feed({2, 3, 4}, DataType::kInt64), {.opsets = {7, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

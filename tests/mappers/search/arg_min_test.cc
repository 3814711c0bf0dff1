// arg_min: axis / keepdims / flatten / dtype; ties give the first index.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {7, 11, 12, 13, 17, 19};

struct ArgMinAttrs {
  int64_t axis = 0;
  bool keepdims = false;
  bool flatten = false;
  int dtype = 3;
};

ProgramBuilder ArgMinProgram(DataType x_dtype, const ArgMinAttrs& a,
                             const std::vector<int64_t>& out_dims,
                             const std::vector<int64_t>& x_dims = {3, 4, 5}) {
  ProgramBuilder p;
  p.Input("x", x_dtype, x_dims);
  p.Var("out", a.dtype == 2 ? DataType::kInt32 : DataType::kInt64, out_dims);
  p.Op("arg_min")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("axis", a.axis)
      .Attr("keepdims", a.keepdims)
      .Attr("flatten", a.flatten)
      .Attr("dtype", a.dtype);
  p.Output("out");
  return p;
}

interp::TensorMap XFeed(DataType dtype = DataType::kFloat32) {
  return {{"x", RandomTensor(dtype, {3, 4, 5}, 9, dtype == DataType::kFloat32 ? -1 : -3, 3)}};
}

TEST(ArgMinTest, Axis) {
  ExpectMatchesReference(ArgMinProgram(DataType::kFloat32, {1}, {3, 5}), XFeed(),
                         {.opsets = kOpsets});
}

TEST(ArgMinTest, NegativeAxisKeepDims) {
  ExpectMatchesReference(ArgMinProgram(DataType::kFloat32, {-1, true}, {3, 4, 1}), XFeed(),
                         {.opsets = kOpsets});
}

TEST(ArgMinTest, Flatten) {
  ExpectMatchesReference(ArgMinProgram(DataType::kFloat32, {0, false, true}, {}), XFeed(),
                         {.opsets = kOpsets});
  ExpectMatchesReference(ArgMinProgram(DataType::kFloat32, {0, false, true}, {1}), XFeed(),
                         {.opsets = {7, 17, 19}});
  ExpectMatchesReference(ArgMinProgram(DataType::kFloat32, {0, true, true}, {1, 1, 1}), XFeed(),
                         {.opsets = {7, 17, 19}});
}

TEST(ArgMinTest, Int32Output) {
  ExpectMatchesReference(ArgMinProgram(DataType::kFloat32, {2, false, false, 2}, {3, 4}), XFeed(),
                         {.opsets = {7, 17, 19}});
}

TEST(ArgMinTest, IntegersWithTies) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(ArgMinProgram(dtype, {1}, {3, 5}), XFeed(dtype), {.opsets = kOpsets});
  }
}

// Hand-computed: X = [[3, 1, 1], [2, 2, 0]] along axis 1: the first
// minimum of row 0 is at 1 (a tie with 2), of row 1 at 2.
TEST(ArgMinTest, HandComputedTie) {
  ExpectMatchesReference(
      ArgMinProgram(DataType::kFloat32, {1}, {2}, {2, 3}),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {3, 1, 1, 2, 2, 0})}},
      {.opsets = {7, 19}}, {{"out", HostTensor::From<int64_t>(DataType::kInt64, {2}, {1, 2})}});
}

}  // namespace
}  // namespace pd2onnx::testing

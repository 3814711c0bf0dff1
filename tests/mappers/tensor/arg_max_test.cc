// arg_max: axis / keepdims / flatten / dtype; ties give the first index.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {7, 11, 12, 13, 17, 19};

struct ArgMaxAttrs {
  int64_t axis = 0;
  bool keepdims = false;
  bool flatten = false;
  int dtype = 3;
};

ProgramBuilder ArgMaxProgram(DataType x_dtype, const ArgMaxAttrs& a,
                             const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", x_dtype, {3, 4, 5});
  p.Var("out", a.dtype == 2 ? DataType::kInt32 : DataType::kInt64, out_dims);
  p.Op("arg_max")
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
  // Few distinct integer values, so ties occur.
  return {{"x", RandomTensor(dtype, {3, 4, 5}, 1, dtype == DataType::kFloat32 ? -1 : -3, 3)}};
}

TEST(ArgMaxTest, Axis) {
  ExpectMatchesReference(ArgMaxProgram(DataType::kFloat32, {1}, {3, 5}), XFeed(),
                         {.opsets = kOpsets});
}

TEST(ArgMaxTest, NegativeAxisKeepDims) {
  ExpectMatchesReference(ArgMaxProgram(DataType::kFloat32, {-1, true}, {3, 4, 1}), XFeed(),
                         {.opsets = kOpsets});
}

TEST(ArgMaxTest, Flatten) {
  ExpectMatchesReference(ArgMaxProgram(DataType::kFloat32, {0, false, true}, {}), XFeed(),
                         {.opsets = kOpsets});
  ExpectMatchesReference(ArgMaxProgram(DataType::kFloat32, {0, false, true}, {1}), XFeed(),
                         {.opsets = {7, 19}});
  ExpectMatchesReference(ArgMaxProgram(DataType::kFloat32, {0, true, true}, {1, 1, 1}), XFeed(),
                         {.opsets = {7, 19}});
}

TEST(ArgMaxTest, Int32Output) {
  ExpectMatchesReference(ArgMaxProgram(DataType::kFloat32, {2, false, false, 2}, {3, 4}), XFeed(),
                         {.opsets = {7, 19}});
}

TEST(ArgMaxTest, TiesGiveFirstIndex) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(ArgMaxProgram(dtype, {1}, {3, 5}), XFeed(dtype), {.opsets = kOpsets});
  }
}

}  // namespace
}  // namespace pd2onnx::testing

// flatten_contiguous_range (start_axis..stop_axis) and flatten2 (axis).
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// ReduceProd (run-time targets) takes axes as an input from opset 18.
const std::vector<int> kOpsets = {7, 13, 17, 18, 19};

ProgramBuilder RangeProgram(const std::vector<int64_t>& declared, int start, int stop,
                            const std::vector<int64_t>& out_dims,
                            DataType dtype = DataType::kFloat32) {
  std::vector<int64_t> xshape = {0};
  xshape.insert(xshape.end(), declared.begin(), declared.end());
  ProgramBuilder p;
  p.Input("x", dtype, declared).Var("out", dtype, out_dims).Var("xshape", dtype, xshape);
  p.Op("flatten_contiguous_range")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Out("XShape", {"xshape"})
      .Attr("start_axis", start)
      .Attr("stop_axis", stop);
  p.Output("out");
  return p;
}

ProgramBuilder Flatten2Program(const std::vector<int64_t>& declared, int axis,
                               const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, declared).Var("out", DataType::kFloat32, out_dims);
  p.Op("flatten2").In("X", {"x"}).Out("Out", {"out"}).Attr("axis", axis);
  p.Output("out");
  return p;
}

interp::TensorMap XFeed(const std::vector<int64_t>& dims, DataType dtype = DataType::kFloat32) {
  return {{"x", RandomTensor(dtype, dims, 1, -9, 9)}};
}

TEST(FlattenContiguousRangeTest, ToTheEnd) {
  ExpectMatchesReference(RangeProgram({2, 3, 4, 5}, 1, -1, {2, 60}), XFeed({2, 3, 4, 5}),
                         {.opsets = kOpsets});
}

TEST(FlattenContiguousRangeTest, LeadingAndMiddleRanges) {
  ExpectMatchesReference(RangeProgram({2, 3, 4, 5}, 0, 1, {6, 4, 5}), XFeed({2, 3, 4, 5}),
                         {.opsets = {7, 19}});
  ExpectMatchesReference(RangeProgram({2, 3, 4, 5}, 1, 2, {2, 12, 5}), XFeed({2, 3, 4, 5}),
                         {.opsets = {7, 19}});
  ExpectMatchesReference(RangeProgram({2, 3, 4, 5}, 2, 2, {2, 3, 4, 5}), XFeed({2, 3, 4, 5}),
                         {.opsets = {7, 19}});
}

TEST(FlattenContiguousRangeTest, UnknownBatch) {
  ExpectMatchesReference(RangeProgram({-1, 3, 4, 5}, 1, 3, {-1, 60}), XFeed({2, 3, 4, 5}),
                         {.opsets = kOpsets});
}

// Several unknown output dims: the target is computed from Shape.
TEST(FlattenContiguousRangeTest, TargetComputedAtRunTime) {
  ExpectMatchesReference(RangeProgram({-1, -1, 4, -1}, 0, 1, {-1, 4, -1}), XFeed({2, 3, 4, 5}),
                         {.opsets = kOpsets});
  ExpectMatchesReference(RangeProgram({-1, 3, -1, -1}, 1, 2, {-1, -1, -1}), XFeed({2, 3, 4, 5}),
                         {.opsets = kOpsets});
}

TEST(FlattenContiguousRangeTest, ZeroDimToShapeOne) {
  ExpectMatchesReference(RangeProgram({}, 0, -1, {1}), XFeed({}), {.opsets = {7, 19}});
}

TEST(FlattenContiguousRangeTest, IntegerData) {
  ExpectMatchesReference(RangeProgram({2, 3, 4}, 0, -1, {24}, DataType::kInt64),
                         XFeed({2, 3, 4}, DataType::kInt64), {.opsets = {7, 19}});
}

TEST(Flatten2Test, Axes) {
  ExpectMatchesReference(Flatten2Program({2, 3, 4}, 1, {2, 12}), XFeed({2, 3, 4}),
                         {.opsets = {7, 13, 19}});
  ExpectMatchesReference(Flatten2Program({2, 3, 4}, 0, {1, 24}), XFeed({2, 3, 4}),
                         {.opsets = {7, 19}});
  ExpectMatchesReference(Flatten2Program({2, 3, 4}, 2, {6, 4}), XFeed({2, 3, 4}),
                         {.opsets = {7, 19}});
  ExpectMatchesReference(Flatten2Program({2, 3, 4}, 3, {24, 1}), XFeed({2, 3, 4}),
                         {.opsets = {7, 19}});
}

TEST(Flatten2Test, UnknownBatch) {
  ExpectMatchesReference(Flatten2Program({-1, 3, 4}, 1, {-1, 12}), XFeed({5, 3, 4}),
                         {.opsets = kOpsets});
  ExpectMatchesReference(Flatten2Program({-1, 3, -1}, 2, {-1, -1}), XFeed({5, 3, 4}),
                         {.opsets = kOpsets});
}

}  // namespace
}  // namespace pd2onnx::testing

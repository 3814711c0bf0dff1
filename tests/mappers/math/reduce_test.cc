// reduce_{mean,sum,max,min}: dim / keep_dim / reduce_all, and the declared
// shape ([] or [1]) of a result reduced over every axis.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct ReduceAttrs {
  std::optional<std::vector<int>> dim;
  std::optional<bool> keep_dim;
  std::optional<bool> reduce_all;
};

ProgramBuilder ReduceProgram(const std::string& type, DataType dtype,
                             const std::vector<int64_t>& dims, const ReduceAttrs& attrs,
                             const std::vector<int64_t>& out_dims,
                             DataType out_dtype = DataType::kUndefined) {
  if (out_dtype == DataType::kUndefined) out_dtype = dtype;
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", out_dtype, out_dims);
  OpBuilder op = p.Op(type).In("X", {"x"}).Out("Out", {"out"});
  if (attrs.dim) op.Attr("dim", *attrs.dim);
  if (attrs.keep_dim) op.Attr("keep_dim", *attrs.keep_dim);
  if (attrs.reduce_all) op.Attr("reduce_all", *attrs.reduce_all);
  if (out_dtype != dtype) {
    op.Attr("in_dtype", static_cast<int>(dtype)).Attr("out_dtype", static_cast<int>(out_dtype));
  }
  p.Output("out");
  return p;
}

// ReduceSum-13 and the other Reduce*-18 take axes as an input.
const std::vector<int> kOpsets = {7, 12, 13, 17, 18, 19};

class ReduceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void Check(const ReduceAttrs& attrs, const std::vector<int64_t>& out_dims) {
    ExpectMatchesReference(
        ReduceProgram(GetParam(), DataType::kFloat32, {2, 3, 4}, attrs, out_dims),
        {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 3, -5, 5)}}, {.opsets = kOpsets});
  }
};

TEST_P(ReduceTest, OneDim) { Check({std::vector<int>{1}, {}, {}}, {2, 4}); }
TEST_P(ReduceTest, NegativeDimKeepDim) { Check({std::vector<int>{-1}, true, {}}, {2, 3, 1}); }
TEST_P(ReduceTest, SeveralDims) { Check({std::vector<int>{0, 2}, false, {}}, {3}); }
TEST_P(ReduceTest, DefaultDimIsZero) { Check({}, {3, 4}); }
TEST_P(ReduceTest, ReduceAllToZeroDim) { Check({std::vector<int>{0}, false, true}, {}); }
TEST_P(ReduceTest, ReduceAllToShapeOne) { Check({std::vector<int>{0}, false, true}, {1}); }
TEST_P(ReduceTest, ReduceAllKeepDim) { Check({std::vector<int>{0}, true, true}, {1, 1, 1}); }
TEST_P(ReduceTest, EmptyDimMeansAll) { Check({std::vector<int>{}, false, {}}, {}); }
TEST_P(ReduceTest, EveryDimListedToShapeOne) { Check({std::vector<int>{0, 1, 2}, false, {}}, {1}); }

// Paddle's mean takes floating point only, so reduce_mean is not listed.
class ReduceIntegerTest : public ReduceTest {};

TEST_P(ReduceIntegerTest, Integers) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(
        ReduceProgram(GetParam(), dtype, {2, 3, 4}, {std::vector<int>{1}, false, {}}, {2, 4}),
        {{"x", RandomTensor(dtype, {2, 3, 4}, 4, -100, 100)}}, {.opsets = kOpsets});
  }
}

INSTANTIATE_TEST_SUITE_P(Ops, ReduceTest,
                         ::testing::Values("reduce_mean", "reduce_sum", "reduce_max",
                                           "reduce_min"));
INSTANTIATE_TEST_SUITE_P(Ops, ReduceIntegerTest,
                         ::testing::Values("reduce_sum", "reduce_max", "reduce_min"));

TEST(ReduceSumTest, ZeroDimInput) {
  ExpectMatchesReference(
      ReduceProgram("reduce_sum", DataType::kFloat32, {}, {std::vector<int>{}, false, true}, {}),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {}, {2.5f})}}, {.opsets = {7, 13, 19}});
}

// out_dtype: bool summed as int64.
TEST(ReduceSumTest, BoolToInt64) {
  ExpectMatchesReference(ReduceProgram("reduce_sum", DataType::kBool, {3, 4},
                                       {std::vector<int>{1}, false, {}}, {3}, DataType::kInt64),
                         {{"x", RandomTensor(DataType::kBool, {3, 4}, 5)}},
                         {.opsets = {7, 13, 19}});
}

TEST(ReduceSumTest, Int32ToInt64) {
  ExpectMatchesReference(ReduceProgram("reduce_sum", DataType::kInt32, {3, 4},
                                       {std::vector<int>{}, false, true}, {}, DataType::kInt64),
                         {{"x", RandomTensor(DataType::kInt32, {3, 4}, 6, -100, 100)}},
                         {.opsets = {7, 13, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

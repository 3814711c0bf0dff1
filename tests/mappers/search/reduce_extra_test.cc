// reduce_prod, reduce_all, reduce_any, logsumexp and mean: axis lists,
// keep_dim / keepdim, reduce_all, and the declared [] or [1] of a result
// reduced over every axis.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// Reduce*-18 (and ReduceSum-13) take axes as an input.
const std::vector<int> kOpsets = {7, 12, 13, 17, 18, 19};

struct Attrs {
  std::optional<std::vector<int>> dim;
  std::optional<bool> keep;
  std::optional<bool> reduce_all;
};

// `type` with X [dims] → Out [out_dims]; logsumexp names its attributes
// axis / keepdim, the reduce ops dim / keep_dim.
ProgramBuilder Program(const std::string& type, DataType dtype, const std::vector<int64_t>& dims,
                       const Attrs& a, const std::vector<int64_t>& out_dims,
                       DataType out_dtype = DataType::kUndefined) {
  if (out_dtype == DataType::kUndefined) out_dtype = dtype;
  const bool lse = type == "logsumexp";
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", out_dtype, out_dims);
  OpBuilder op = p.Op(type).In("X", {"x"}).Out("Out", {"out"});
  if (a.dim) op.Attr(lse ? "axis" : "dim", *a.dim);
  if (a.keep) op.Attr(lse ? "keepdim" : "keep_dim", *a.keep);
  if (a.reduce_all) op.Attr("reduce_all", *a.reduce_all);
  p.Output("out");
  return p;
}

void Check(const std::string& type, DataType dtype, const Attrs& a,
           const std::vector<int64_t>& out_dims, double lo = -2, double hi = 2) {
  SCOPED_TRACE(type);
  ExpectMatchesReference(Program(type, dtype, {2, 3, 4}, a, out_dims),
                         {{"x", RandomTensor(dtype, {2, 3, 4}, 7, lo, hi)}}, {.opsets = kOpsets});
}

TEST(ReduceProdTest, Branches) {
  Check("reduce_prod", DataType::kFloat32, {std::vector<int>{1}, {}, {}}, {2, 4});
  Check("reduce_prod", DataType::kFloat32, {std::vector<int>{-1, 0}, true, {}}, {1, 3, 1});
  Check("reduce_prod", DataType::kFloat32, {}, {3, 4});  // dim defaults to {0}
  Check("reduce_prod", DataType::kFloat32, {std::vector<int>{0}, false, true}, {});
  Check("reduce_prod", DataType::kFloat32, {std::vector<int>{}, false, {}}, {1});
  Check("reduce_prod", DataType::kFloat32, {std::vector<int>{0}, true, true}, {1, 1, 1});
}

TEST(ReduceProdTest, Integers) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    Check("reduce_prod", dtype, {std::vector<int>{2}, {}, {}}, {2, 3}, -4, 5);
  }
}

// Hand-computed: X = [[1, 2, 3], [4, 5, 6]], dim 1 → [6, 120].
TEST(ReduceProdTest, HandComputed) {
  ExpectMatchesReference(
      Program("reduce_prod", DataType::kFloat32, {2, 3}, {std::vector<int>{1}, {}, {}}, {2}),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6})}},
      {.opsets = {7, 18}}, {{"out", HostTensor::From<float>(DataType::kFloat32, {2}, {6, 120})}});
}

class BoolReduceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BoolReduceTest, Branches) {
  const std::string type = GetParam();
  Check(type, DataType::kBool, {std::vector<int>{1}, {}, {}}, {2, 4});
  Check(type, DataType::kBool, {std::vector<int>{-1}, true, {}}, {2, 3, 1});
  Check(type, DataType::kBool, {std::vector<int>{0, 2}, {}, {}}, {3});
  Check(type, DataType::kBool, {std::vector<int>{0}, false, true}, {});
  Check(type, DataType::kBool, {std::vector<int>{}, false, {}}, {1});
  Check(type, DataType::kBool, {std::vector<int>{0}, true, true}, {1, 1, 1});
}

INSTANTIATE_TEST_SUITE_P(Ops, BoolReduceTest, ::testing::Values("reduce_all", "reduce_any"));

// Hand-computed: X = [[T, F], [T, T]]; all over dim 1 → [F, T]; any over
// dim 0 of [[F, F], [T, F]] → [T, F].
TEST(BoolReduceTest, HandComputed) {
  ExpectMatchesReference(
      Program("reduce_all", DataType::kBool, {2, 2}, {std::vector<int>{1}, {}, {}}, {2}),
      {{"x", HostTensor::From<uint8_t>(DataType::kBool, {2, 2}, {1, 0, 1, 1})}},
      {.opsets = {7, 18}}, {{"out", HostTensor::From<uint8_t>(DataType::kBool, {2}, {0, 1})}});
  ExpectMatchesReference(
      Program("reduce_any", DataType::kBool, {2, 2}, {std::vector<int>{0}, {}, {}}, {2}),
      {{"x", HostTensor::From<uint8_t>(DataType::kBool, {2, 2}, {0, 0, 1, 0})}},
      {.opsets = {7, 18}}, {{"out", HostTensor::From<uint8_t>(DataType::kBool, {2}, {1, 0})}});
}

TEST(LogsumexpTest, Branches) {
  Check("logsumexp", DataType::kFloat32, {std::vector<int>{1}, {}, {}}, {2, 4});
  Check("logsumexp", DataType::kFloat32, {std::vector<int>{-1}, true, {}}, {2, 3, 1});
  Check("logsumexp", DataType::kFloat32, {std::vector<int>{0, 2}, {}, {}}, {3});
  Check("logsumexp", DataType::kFloat32, {}, {3, 4});  // axis defaults to {0}
  Check("logsumexp", DataType::kFloat32, {std::vector<int>{0}, false, true}, {});
  Check("logsumexp", DataType::kFloat32, {std::vector<int>{}, false, false}, {1});
  Check("logsumexp", DataType::kFloat32, {std::vector<int>{0}, true, true}, {1, 1, 1});
}

// Large values: a naive exp would overflow float32.
TEST(LogsumexpTest, LargeValuesStayFinite) {
  Check("logsumexp", DataType::kFloat32, {std::vector<int>{2}, {}, {}}, {2, 3}, 80, 100);
}

// Hand-computed: X = [[0, ln 3], [1000, 1000]] over axis 1:
// log(1 + 3) = ln 4; 1000 + ln 2.
TEST(LogsumexpTest, HandComputed) {
  const float ln3 = std::log(3.0f);
  ExpectMatchesReference(
      Program("logsumexp", DataType::kFloat32, {2, 2}, {std::vector<int>{1}, {}, {}}, {2}),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {2, 2}, {0, ln3, 1000, 1000})}},
      {.opsets = {7, 18}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2},
                                       {std::log(4.0f), 1000.0f + std::log(2.0f)})}});
}

ProgramBuilder MeanProgram(const std::vector<int64_t>& dims, const std::vector<int64_t>& out) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, out);
  p.Op("mean").In("X", {"x"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(MeanTest, DeclaredShapes) {
  for (const std::vector<int64_t>& out : {std::vector<int64_t>{}, std::vector<int64_t>{1}}) {
    ExpectMatchesReference(MeanProgram({2, 3, 4}, out),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2)}},
                           {.opsets = kOpsets});
  }
}

// Hand-computed: mean of 1..6 = 3.5, declared [1].
TEST(MeanTest, HandComputed) {
  ExpectMatchesReference(
      MeanProgram({2, 3}, {1}),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6})}},
      {.opsets = {7, 18}}, {{"out", HostTensor::From<float>(DataType::kFloat32, {1}, {3.5f})}});
}

}  // namespace
}  // namespace pd2onnx::testing

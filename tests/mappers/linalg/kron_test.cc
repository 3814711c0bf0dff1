// kron: equal ranks, different ranks (leading 1s), dtypes; a failure for
// dynamic shapes.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder KronProgram(DataType dtype, const std::vector<int64_t>& x,
                           const std::vector<int64_t>& y, const std::vector<int64_t>& out) {
  ProgramBuilder p;
  p.Input("x", dtype, x).Input("y", dtype, y).Var("out", dtype, out);
  p.Op("kron").In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

void Check(DataType dtype, const std::vector<int64_t>& x, const std::vector<int64_t>& y,
           const std::vector<int64_t>& out) {
  ExpectMatchesReference(
      KronProgram(dtype, x, y, out),
      {{"x", RandomTensor(dtype, x, 1, -5, 5)}, {"y", RandomTensor(dtype, y, 2, -5, 5)}},
      {.opsets = {7, 13, 17, 19}});
}

TEST(KronTest, SameRank) { Check(DataType::kFloat32, {2, 3}, {4, 2}, {8, 6}); }
TEST(KronTest, DifferentRanks) {
  Check(DataType::kFloat32, {3}, {2, 2}, {2, 6});
  Check(DataType::kFloat32, {2, 1, 3}, {4}, {2, 1, 12});
}
TEST(KronTest, Integers) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) Check(dtype, {2, 2}, {2, 3}, {4, 6});
}

TEST(KronTest, DynamicShapeFails) {
  ExpectConversionFails(KronProgram(DataType::kFloat32, {-1, 2}, {2, 2}, {-1, 4}), 13,
                        "static shapes");
}

// Hand-computed: [1, 2] ⊗ [[1, 10], [100, 1000]] (X padded to [1, 2]) =
// [[1, 10, 2, 20], [100, 1000, 200, 2000]].
TEST(KronTest, HandComputed) {
  ExpectMatchesReference(
      KronProgram(DataType::kFloat32, {2}, {2, 2}, {2, 4}),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {2}, {1, 2})},
       {"y", HostTensor::From<float>(DataType::kFloat32, {2, 2}, {1, 10, 100, 1000})}},
      {.opsets = {7, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2, 4},
                                       {1, 10, 2, 20, 100, 1000, 200, 2000})}});
}

}  // namespace
}  // namespace pd2onnx::testing

// tril_triu: Where with a constant mask (opset 9) and Trilu-14 (ORT lacks
// int32 Trilu, so int32 keeps the mask).
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {9, 13, 14, 17, 19};

ProgramBuilder TrilTriuProgram(const std::vector<int64_t>& dims, int diagonal, bool lower,
                               DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, dims);
  p.Op("tril_triu")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("diagonal", diagonal)
      .Attr("lower", lower);
  p.Output("out");
  return p;
}

// X [3, 3] = 1..9; tril with diagonal -1 keeps j - i <= -1:
// [[0 0 0], [4 0 0], [7 8 0]]; triu with diagonal 1: [[0 2 3], [0 0 6], [0 0 0]].
TEST(TrilTriuTest, ByHand) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  ExpectMatchesReference(
      TrilTriuProgram({3, 3}, -1, true), {{"x", x}}, {.opsets = kOpsets},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3, 3}, {0, 0, 0, 4, 0, 0, 7, 8, 0})}});
  ExpectMatchesReference(
      TrilTriuProgram({3, 3}, 1, false), {{"x", x}}, {.opsets = kOpsets},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3, 3}, {0, 2, 3, 0, 0, 6, 0, 0, 0})}});
}

TEST(TrilTriuTest, BatchedRectangularAndDtypes) {
  for (bool lower : {true, false}) {
    ExpectMatchesReference(TrilTriuProgram({2, 3, 5}, 1, lower),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 3, 5}, 1)}},
                           {.opsets = kOpsets});
    for (DataType dtype : {DataType::kInt32, DataType::kInt64, DataType::kBool}) {
      ExpectMatchesReference(TrilTriuProgram({4, 3}, 0, lower, dtype),
                             {{"x", RandomTensor(dtype, {4, 3}, 2, -9, 9)}},
                             {.opsets = {9, 14, 19}});
    }
  }
}

// Trilu-14 handles a run-time matrix size; the mask below 14 cannot.
TEST(TrilTriuTest, UnknownMatrixSize) {
  ExpectMatchesReference(TrilTriuProgram({-1, -1}, 0, true),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 4}, 1)}},
                         {.opsets = {14, 17, 19}});
  ExpectConversionFails(TrilTriuProgram({-1, -1}, 0, true), 13, "opset 14");
}

TEST(TrilTriuTest, NeedsOpset9) {
  ExpectConversionFails(TrilTriuProgram({3, 3}, 0, true), 8, "Where-9");
}

}  // namespace
}  // namespace pd2onnx::testing

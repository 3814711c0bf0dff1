#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder TransposeProgram(const std::string& type, const std::vector<int>& perm,
                                const std::vector<int64_t>& out_dims,
                                DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, {2, 3, 4}).Var("out", dtype, out_dims).Var("xshape", dtype, {0, 2, 3, 4});
  OpBuilder op = p.Op(type).In("X", {"x"}).Out("Out", {"out"}).Attr("axis", perm);
  if (type == "transpose2") op.Out("XShape", {"xshape"});
  p.Output("out");
  return p;
}

TEST(TransposeTest, Permutations) {
  ExpectMatchesReference(TransposeProgram("transpose2", {0, 2, 1}, {2, 4, 3}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1)}},
                         {.opsets = {7, 13, 17, 19}});
  ExpectMatchesReference(TransposeProgram("transpose2", {2, 0, 1}, {4, 2, 3}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2)}},
                         {.opsets = {7, 19}});
}

TEST(TransposeTest, IntegerData) {
  ExpectMatchesReference(TransposeProgram("transpose2", {1, 2, 0}, {3, 4, 2}, DataType::kInt64),
                         {{"x", RandomTensor(DataType::kInt64, {2, 3, 4}, 3, -9, 9)}},
                         {.opsets = {7, 19}});
}

TEST(TransposeTest, LegacyTransposeOp) {
  ExpectMatchesReference(TransposeProgram("transpose", {1, 0, 2}, {3, 2, 4}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 4)}},
                         {.opsets = {7, 19}});
}

// A mutated program's `axis` that is not a permutation of the input's dims
// is refused by name (found by the convert fuzzer: it reached constant
// folding and read outside the dims).
TEST(TransposeTest, AxisThatIsNotAPermutationFailsCleanly) {
  ExpectConversionFails(TransposeProgram("transpose2", {0, 2}, {2, 4}), 11,
                        "axis has 2 entries for an input of rank 3");
  ExpectConversionFails(TransposeProgram("transpose2", {0, 2, 1, 1}, {2, 4, 3, 3}), 11,
                        "axis has 4 entries for an input of rank 3");
  ExpectConversionFails(TransposeProgram("transpose2", {1, 1, 0}, {3, 3, 2}), 11,
                        "axis repeats dim 1");
  ExpectConversionFails(TransposeProgram("transpose", {0, 3, 1}, {2, 4, 3}), 11,
                        "axis entry 3 is out of range for rank 3");
}

}  // namespace
}  // namespace pd2onnx::testing

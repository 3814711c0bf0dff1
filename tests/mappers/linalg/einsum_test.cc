// einsum → Einsum-12: the equations seen in real models (matrix product,
// batched products, transposed operands, outer product, "..." batch
// broadcasting, one-operand transpose and sum), float and integer dtypes.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct EinsumCase {
  std::string name;
  std::string equation;
  std::vector<std::vector<int64_t>> operands;
  std::vector<int64_t> out;

  friend void PrintTo(const EinsumCase& c, std::ostream* os) { *os << c.equation; }
};

ProgramBuilder EinsumProgram(const EinsumCase& c, DataType dtype) {
  ProgramBuilder p;
  std::vector<std::string> names;
  for (size_t i = 0; i < c.operands.size(); ++i) {
    names.push_back("x" + std::to_string(i));
    p.Input(names.back(), dtype, c.operands[i]);
  }
  p.Var("out", dtype, c.out);
  p.Op("einsum").In("Operands", names).Out("Out", {"out"}).Attr("equation", c.equation);
  p.Output("out");
  return p;
}

interp::TensorMap Feeds(const EinsumCase& c, DataType dtype) {
  interp::TensorMap feeds;
  for (size_t i = 0; i < c.operands.size(); ++i) {
    feeds["x" + std::to_string(i)] =
        RandomTensor(dtype, c.operands[i], static_cast<uint32_t>(i + 1), -4, 4);
  }
  return feeds;
}

class EinsumTest : public ::testing::TestWithParam<EinsumCase> {};

TEST_P(EinsumTest, Float32) {
  const EinsumCase& c = GetParam();
  ExpectMatchesReference(EinsumProgram(c, DataType::kFloat32), Feeds(c, DataType::kFloat32),
                         {.opsets = {12, 13, 17, 19}});
}

TEST_P(EinsumTest, Int64) {
  const EinsumCase& c = GetParam();
  ExpectMatchesReference(EinsumProgram(c, DataType::kInt64), Feeds(c, DataType::kInt64),
                         {.opsets = {12, 19}});
}

INSTANTIATE_TEST_SUITE_P(
    Equations, EinsumTest,
    ::testing::Values(
        EinsumCase{"MatMul", "ij,jk->ik", {{3, 4}, {4, 5}}, {3, 5}},
        EinsumCase{"BatchMatMul", "bij,bjk->bik", {{2, 3, 4}, {2, 4, 5}}, {2, 3, 5}},
        EinsumCase{"SharedBatch", "ijk,ikl->ijl", {{2, 3, 4}, {2, 4, 2}}, {2, 3, 2}},
        EinsumCase{"TransposedOperand", "ikj,ilk->ijl", {{2, 4, 3}, {2, 5, 4}}, {2, 3, 5}},
        EinsumCase{"TransposedResult", "ij,jk->ki", {{3, 4}, {4, 5}}, {5, 3}},
        EinsumCase{"Outer", "i,j->ij", {{3}, {4}}, {3, 4}},
        EinsumCase{"EllipsisBatch", "...ij,...jk->...ik", {{2, 3, 4}, {2, 4, 5}}, {2, 3, 5}},
        EinsumCase{
            "EllipsisBroadcast", "...ij,...jk->...ik", {{2, 1, 3, 4}, {3, 4, 2}}, {2, 3, 3, 2}},
        EinsumCase{"Transpose", "ij->ji", {{3, 4}}, {4, 3}},
        EinsumCase{"RowSum", "ij->i", {{3, 4}}, {3}},
        EinsumCase{"Attention", "bhqd,bhkd->bhqk", {{1, 2, 3, 4}, {1, 2, 5, 4}}, {1, 2, 3, 5}}),
    [](const ::testing::TestParamInfo<EinsumCase>& param_info) { return param_info.param.name; });

TEST(EinsumOpsetTest, NeedsOpset12) {
  ExpectConversionFails(
      EinsumProgram({"", "ij,jk->ik", {{2, 2}, {2, 2}}, {2, 2}}, DataType::kFloat32), 11,
      "Einsum-12");
}

// Hand-computed: "i,j->ij" of [1, 2] and [3, 4, 5] = [[3, 4, 5], [6, 8, 10]];
// "bij,bjk->bik" of [[[1, 2]]] and [[[3], [4]]] = [[[11]]].
TEST(EinsumHandTest, Outer) {
  ExpectMatchesReference(
      EinsumProgram({"", "i,j->ij", {{2}, {3}}, {2, 3}}, DataType::kFloat32),
      {{"x0", HostTensor::From<float>(DataType::kFloat32, {2}, {1, 2})},
       {"x1", HostTensor::From<float>(DataType::kFloat32, {3}, {3, 4, 5})}},
      {.opsets = {12, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {3, 4, 5, 6, 8, 10})}});
  ExpectMatchesReference(
      EinsumProgram({"", "bij,bjk->bik", {{1, 1, 2}, {1, 2, 1}}, {1, 1, 1}}, DataType::kFloat32),
      {{"x0", HostTensor::From<float>(DataType::kFloat32, {1, 1, 2}, {1, 2})},
       {"x1", HostTensor::From<float>(DataType::kFloat32, {1, 2, 1}, {3, 4})}},
      {.opsets = {12, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1}, {11})}});
}

}  // namespace
}  // namespace pd2onnx::testing

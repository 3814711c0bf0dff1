// pow: x ^ factor, from the `factor` attribute or a `FactorTensor`.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

enum class FactorFrom { kAttr, kInput, kParam };

ProgramBuilder PowProgram(DataType dtype, const std::vector<int64_t>& dims,
                          std::optional<float> factor, FactorFrom from = FactorFrom::kAttr) {
  ProgramBuilder p;
  p.Input("x", dtype, dims);
  if (from == FactorFrom::kInput) p.Input("factor", DataType::kFloat32, {1});
  if (from == FactorFrom::kParam) {
    p.Param("factor", HostTensor::From<float>(DataType::kFloat32, {1}, {3.0f}));
  }
  p.Var("out", dtype, dims);
  OpBuilder op = p.Op("pow").In("X", {"x"}).Out("Out", {"out"});
  if (from != FactorFrom::kAttr) op.In("FactorTensor", {"factor"});
  if (factor) op.Attr("factor", *factor);
  p.Output("out");
  return p;
}

TEST(PowTest, FactorAttr) {
  ExpectMatchesReference(PowProgram(DataType::kFloat32, {2, 3, 4}, 2.5f),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, 0.1, 3)}},
                         {.opsets = {7, 12, 17, 19}});
}

TEST(PowTest, DefaultFactorIsOne) {
  ExpectMatchesReference(PowProgram(DataType::kFloat32, {2, 3}, std::nullopt),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3}, 2, -3, 3)}},
                         {.opsets = {7, 19}});
}

TEST(PowTest, FactorTensorAtRunTime) {
  ExpectMatchesReference(PowProgram(DataType::kFloat32, {2, 3, 4}, 1.0f, FactorFrom::kInput),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 3, 0.1, 3)},
                          {"factor", HostTensor::From<float>(DataType::kFloat32, {1}, {1.5f})}},
                         {.opsets = {7, 12, 17, 19}});
}

TEST(PowTest, FactorTensorParam) {
  ExpectMatchesReference(PowProgram(DataType::kFloat32, {2, 3}, 1.0f, FactorFrom::kParam),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3}, 4, -3, 3)}},
                         {.opsets = {7, 12, 19}});
}

// A [1] FactorTensor must not turn a 0-D X into [1].
TEST(PowTest, ZeroDimXWithFactorTensor) {
  ExpectMatchesReference(PowProgram(DataType::kFloat32, {}, 1.0f, FactorFrom::kInput),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {}, {1.7f})},
                          {"factor", HostTensor::From<float>(DataType::kFloat32, {1}, {2.0f})}},
                         {.opsets = {7, 12, 19}});
}

// Pow-12 takes integers; before it the mapper computes in double.
TEST(PowTest, IntegerBase) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(PowProgram(dtype, {2, 5}, 3.0f),
                           {{"x", RandomTensor(dtype, {2, 5}, 5, -9, 9)}},
                           {.opsets = {7, 11, 12, 17, 19}});
  }
}

}  // namespace
}  // namespace pd2onnx::testing

// logical_{and,or,xor,not} and bitwise_{and,or,xor,not}.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder BinaryProgram(const std::string& type, DataType in, DataType out,
                             const std::vector<int64_t>& x_dims, const std::vector<int64_t>& y_dims,
                             const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", in, x_dims).Input("y", in, y_dims).Var("out", out, out_dims);
  p.Op(type).In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

ProgramBuilder UnaryProgram(const std::string& type, DataType in, DataType out,
                            const std::vector<int64_t>& dims) {
  ProgramBuilder p;
  p.Input("x", in, dims).Var("out", out, dims);
  p.Op(type).In("X", {"x"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(LogicalTest, BoolOperands) {
  for (const char* type : {"logical_and", "logical_or", "logical_xor"}) {
    ExpectMatchesReference(
        BinaryProgram(type, DataType::kBool, DataType::kBool, {2, 3, 4}, {2, 3, 4}, {2, 3, 4}),
        {{"x", RandomTensor(DataType::kBool, {2, 3, 4}, 1)},
         {"y", RandomTensor(DataType::kBool, {2, 3, 4}, 2)}},
        {.opsets = {7, 17, 19}});
    ExpectMatchesReference(
        BinaryProgram(type, DataType::kBool, DataType::kBool, {2, 3, 4}, {4}, {2, 3, 4}),
        {{"x", RandomTensor(DataType::kBool, {2, 3, 4}, 3)},
         {"y", RandomTensor(DataType::kBool, {4}, 4)}},
        {.opsets = {7, 19}});
  }
  ExpectMatchesReference(UnaryProgram("logical_not", DataType::kBool, DataType::kBool, {2, 3}),
                         {{"x", RandomTensor(DataType::kBool, {2, 3}, 5)}},
                         {.opsets = {7, 17, 19}});
}

// Non-bool operands count as x != 0: and([0, 2, -1], [3, 0, 5]) = [F, F, T].
TEST(LogicalTest, NumericOperandsHandComputed) {
  const std::vector<int64_t> d = {3};
  ExpectMatchesReference(
      BinaryProgram("logical_and", DataType::kInt32, DataType::kBool, d, d, d),
      {{"x", HostTensor::From<int32_t>(DataType::kInt32, d, std::vector<int32_t>{0, 2, -1})},
       {"y", HostTensor::From<int32_t>(DataType::kInt32, d, std::vector<int32_t>{3, 0, 5})}},
      {.opsets = {7, 19}},
      {{"out", HostTensor::From<uint8_t>(DataType::kBool, d, std::vector<uint8_t>{0, 0, 1})}});
  ExpectMatchesReference(UnaryProgram("logical_not", DataType::kInt32, DataType::kBool, {2, 3}),
                         {{"x", RandomTensor(DataType::kInt32, {2, 3}, 6, -1, 2)}},
                         {.opsets = {7, 19}});
}

TEST(BitwiseTest, BoolAtEveryOpset) {
  for (const char* type : {"bitwise_and", "bitwise_or", "bitwise_xor"}) {
    ExpectMatchesReference(
        BinaryProgram(type, DataType::kBool, DataType::kBool, {2, 3}, {2, 3}, {2, 3}),
        {{"x", RandomTensor(DataType::kBool, {2, 3}, 7)},
         {"y", RandomTensor(DataType::kBool, {2, 3}, 8)}},
        {.opsets = {7, 17, 18, 19}});
  }
  ExpectMatchesReference(UnaryProgram("bitwise_not", DataType::kBool, DataType::kBool, {2, 3}),
                         {{"x", RandomTensor(DataType::kBool, {2, 3}, 9)}}, {.opsets = {7, 19}});
}

TEST(BitwiseTest, IntegersFromOpset18) {
  for (const char* type : {"bitwise_and", "bitwise_or", "bitwise_xor"}) {
    for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
      ExpectMatchesReference(BinaryProgram(type, dtype, dtype, {2, 3}, {3}, {2, 3}),
                             {{"x", RandomTensor(dtype, {2, 3}, 10, -100, 100)},
                              {"y", RandomTensor(dtype, {3}, 11, -100, 100)}},
                             {.opsets = {18, 19}});
    }
    ExpectConversionFails(BinaryProgram(type, DataType::kInt32, DataType::kInt32, {3}, {3}, {3}),
                          17, "opset 18");
  }
}

// ~x = -x - 1: ~[0, 5, -3] = [-1, -6, 2].
TEST(BitwiseTest, NotIntegersHandComputed) {
  const std::vector<int64_t> d = {3};
  ExpectMatchesReference(
      UnaryProgram("bitwise_not", DataType::kInt64, DataType::kInt64, d),
      {{"x", HostTensor::From<int64_t>(DataType::kInt64, d, std::vector<int64_t>{0, 5, -3})}},
      {.opsets = {7, 18, 19}},
      {{"out", HostTensor::From<int64_t>(DataType::kInt64, d, std::vector<int64_t>{-1, -6, 2})}});
  ExpectMatchesReference(UnaryProgram("bitwise_not", DataType::kInt32, DataType::kInt32, {2, 3}),
                         {{"x", RandomTensor(DataType::kInt32, {2, 3}, 12, -100, 100)}},
                         {.opsets = {7, 17, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

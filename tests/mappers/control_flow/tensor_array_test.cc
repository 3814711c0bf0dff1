// Tensor arrays (write_to_array, read_from_array, lod_array_length,
// tensor_array_to_tensor) filled in a while loop, against the interpreter
// and hand-computed values at the lowest opset (13), 17 and 19.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "block_ops.h"
#include "evaluator_check.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// i < n, the loop condition of these programs.
void IndexBelowN(ProgramBuilder& p, int block, const std::string& out) {
  LessThan(p, block, "i", "n", out);
}

// i = 0; acc = x; while (i < n) { acc = 2 acc; arr[i] = acc; i++ }, then
// arr[0] = x (a replacing write), and the array read back several ways.
ProgramBuilder ArrayProgram(bool use_stack, int64_t axis) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 2}).Input("n", DataType::kInt64, {1});
  p.ArrayVar("arr", DataType::kFloat32, {2, 2});
  p.Var("acc", DataType::kFloat32, {2, 2})
      .Var("i", DataType::kInt64, {1})
      .Var("zero", DataType::kInt64, {1})
      .Var("one", DataType::kInt64, {1})
      .Var("cond", DataType::kBool, {1})
      .Var("joined", DataType::kFloat32, std::vector<int64_t>(use_stack ? 3 : 2, -1))
      .Var("extents", DataType::kInt32, {-1})
      .Var("length", DataType::kInt64, {1})
      .Var("second", DataType::kFloat32, {2, 2});
  p.Op("assign").In("X", {"x"}).Out("Out", {"acc"});
  FillConstant(p, 0, "i", DataType::kInt64, 0);
  FillConstant(p, 0, "zero", DataType::kInt64, 0);
  FillConstant(p, 0, "one", DataType::kInt64, 1);
  IndexBelowN(p, 0, "cond");
  const int body = p.SubBlock();
  p.OpIn(body, "scale")
      .In("X", {"acc"})
      .Out("Out", {"acc"})
      .Attr("scale", 2.0f)
      .Attr("bias", 0.0f)
      .Attr("bias_after_scale", true);
  p.OpIn(body, "write_to_array").In("X", {"acc"}).In("I", {"i"}).Out("Out", {"arr"});
  p.OpIn(body, "increment").In("X", {"i"}).Out("Out", {"i"}).Attr("step", 1.0f);
  IndexBelowN(p, body, "cond");
  p.Op("while")
      .In("X", {"acc", "arr", "i", "n"})
      .In("Condition", {"cond"})
      .Out("Out", {"acc", "arr", "i", "cond"})
      .BlockAttr("sub_block", body)
      .Attr("is_test", true);
  p.Op("write_to_array").In("X", {"x"}).In("I", {"zero"}).Out("Out", {"arr"});
  p.Op("tensor_array_to_tensor")
      .In("X", {"arr"})
      .Out("Out", {"joined"})
      .Out("OutIndex", {"extents"})
      .Attr("axis", static_cast<int>(axis))
      .Attr("use_stack", use_stack);
  p.Op("lod_array_length").In("X", {"arr"}).Out("Out", {"length"});
  p.Op("read_from_array").In("X", {"arr"}).In("I", {"one"}).Out("Out", {"second"});
  p.Output("joined").Output("extents").Output("length").Output("second");
  return p;
}

HostTensor F32(std::vector<int64_t> dims, std::vector<float> values) {
  return HostTensor::From(DataType::kFloat32, std::move(dims), values);
}

const HostTensor kX = F32({2, 2}, {1, 2, 3, 4});
const HostTensor kThree = HostTensor::From(DataType::kInt64, {1}, std::vector<int64_t>{3});

// arr = [x, 4x, 8x] after the replacing write.
TEST(TensorArrayTest, StackAlongAxis0) {
  const std::vector<float> joined = {1, 2, 3, 4, 4, 8, 12, 16, 8, 16, 24, 32};
  ExpectMatchesReference(
      ArrayProgram(true, 0), {{"x", kX}, {"n", kThree}}, {},
      {{"joined", F32({3, 2, 2}, joined)},
       {"extents", HostTensor::From(DataType::kInt32, {3}, std::vector<int32_t>{1, 1, 1})},
       {"length", HostTensor::From(DataType::kInt64, {1}, std::vector<int64_t>{3})},
       {"second", F32({2, 2}, {4, 8, 12, 16})}});
}

TEST(TensorArrayTest, ConcatAlongAxis1) {
  const std::vector<float> joined = {1, 2, 4, 8, 8, 16, 3, 4, 12, 16, 24, 32};
  ExpectMatchesReference(
      ArrayProgram(false, 1), {{"x", kX}, {"n", kThree}}, {},
      {{"joined", F32({2, 6}, joined)},
       {"extents", HostTensor::From(DataType::kInt32, {3}, std::vector<int32_t>{2, 2, 2})},
       {"length", HostTensor::From(DataType::kInt64, {1}, std::vector<int64_t>{3})},
       {"second", F32({2, 2}, {4, 8, 12, 16})}});
}

TEST(TensorArrayTest, StackAlongLastAxis) {
  ExpectMatchesReference(ArrayProgram(true, -1), {{"x", kX}, {"n", kThree}});
}

TEST(TensorArrayTest, WritesNeedOpset13) {
  ExpectConversionFails(ArrayProgram(true, 0), 12, "needs opset 13");
}

// Our ONNX evaluator runs the Sequence ops, the sequence-carrying Loop and
// the If of write_to_array like ORT.
TEST(TensorArrayTest, EvaluatorMatchesInterpreter) {
  for (bool stack : {true, false}) {
    for (int opset : {13, 17}) {
      ExpectEvaluatorMatches(ArrayProgram(stack, 1), {{"x", kX}, {"n", kThree}}, opset, "arrays");
    }
  }
}

}  // namespace
}  // namespace pd2onnx::testing

// while → Loop, conditional_block (+ select_input / select_output) → If,
// increment: tiny programs with sub-blocks, against the interpreter and
// hand-computed values, at the lowest opset (11), 17 and 19.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "block_ops.h"
#include "control_flow_programs.h"
#include "evaluator_check.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

HostTensor F32(std::vector<int64_t> dims, std::vector<float> values) {
  return HostTensor::From(DataType::kFloat32, std::move(dims), values);
}
HostTensor I64(std::vector<int64_t> values) {
  return HostTensor::From(DataType::kInt64, {static_cast<int64_t>(values.size())}, values);
}

TEST(WhileTest, CountingLoopMatchesHandComputed) {
  const HostTensor x = F32({2, 3}, {1, 2, 3, 4, 5, 6});
  const HostTensor y = F32({2, 3}, {1, 0, -1, 0.5f, 0, 2});
  // Three steps of acc = 2 acc + y: acc3 = 8 x + 7 y; out = acc3 + 0.5.
  std::vector<float> out;
  for (size_t k = 0; k < 6; ++k) {
    out.push_back(8 * x.data<float>()[k] + 7 * y.data<float>()[k] + 0.5f);
  }
  ExpectMatchesReference(CountingLoop(), {{"x", x}, {"y", y}, {"n", I64({3})}}, {},
                         {{"out", F32({2, 3}, out)}, {"i", I64({3})}});
}

// A loop whose condition is false from the start leaves every value as is.
TEST(WhileTest, ZeroIterations) {
  const HostTensor x = F32({2, 3}, {1, 2, 3, 4, 5, 6});
  const HostTensor y = F32({2, 3}, {1, 1, 1, 1, 1, 1});
  ExpectMatchesReference(
      CountingLoop(), {{"x", x}, {"y", y}, {"n", I64({0})}}, {},
      {{"out", F32({2, 3}, {1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f})}, {"i", I64({0})}});
}

// Loop-11 is the first Loop whose carried values may change shape.
TEST(WhileTest, NeedsOpset11) { ExpectConversionFails(CountingLoop(), 10, "needs opset 11"); }

TEST(WhileTest, NestedLoopsMatchHandComputed) {
  ExpectMatchesReference(NestedLoops(), {{"x", F32({3}, {0, 1, -2})}}, {},
                         {{"acc", F32({3}, {6, 7, 4})}});
}

// dy2static's if/else: conditional_block(cond) computes the true value,
// conditional_block(not cond) the false one (of another shape), and
// select_input picks by cast(cond, int32).
ProgramBuilder IfElse(bool scalar_condition) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 2})
      .Input("a", DataType::kFloat32, {1})
      .Input("b", DataType::kFloat32, {1})
      .Var("cond", DataType::kBool, {1})
      .Var("not_cond", DataType::kBool, {1})
      .Var("mask", DataType::kInt32, {1})
      .Var("when_true", DataType::kFloat32, {2, 2})
      .Var("when_false", DataType::kFloat32, {-1, 2})
      .Var("out", DataType::kFloat32, {-1, 2});
  LessThan(p, 0, "a", "b", "cond");
  p.Op("logical_not").In("X", {"cond"}).Out("Out", {"not_cond"});
  const int then_block = p.SubBlock();
  Scale(p, then_block, "x", "when_true", 2.0f, 0.0f);
  const int else_block = p.SubBlock();
  p.VarIn(else_block, "minus", DataType::kFloat32, {2, 2});
  Scale(p, else_block, "x", "minus", -1.0f, 3.0f);
  p.OpIn(else_block, "concat").In("X", {"minus", "x"}).Out("Out", {"when_false"}).Attr("axis", 0);
  for (auto [cond, block, out] : {std::tuple{"cond", then_block, "when_true"},
                                  std::tuple{"not_cond", else_block, "when_false"}}) {
    p.Op("conditional_block")
        .In("Cond", {cond})
        .In("Input", {"x"})
        .Out("Out", {out})
        .BlockAttr("sub_block", block)
        .Attr("is_scalar_condition", scalar_condition);
  }
  p.Op("cast").In("X", {"cond"}).Out("Out", {"mask"}).Attr("in_dtype", 0).Attr("out_dtype", 2);
  p.Op("select_input")
      .In("X", {"when_false", "when_true"})
      .In("Mask", {"mask"})
      .Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(ConditionalBlockTest, TrueBranch) {
  const HostTensor x = F32({2, 2}, {1, 2, 3, 4});
  ExpectMatchesReference(IfElse(true), {{"x", x}, {"a", F32({1}, {0})}, {"b", F32({1}, {1})}}, {},
                         {{"out", F32({2, 2}, {2, 4, 6, 8})}});
}

TEST(ConditionalBlockTest, FalseBranchOfAnotherShape) {
  const HostTensor x = F32({2, 2}, {1, 2, 3, 4});
  ExpectMatchesReference(IfElse(true), {{"x", x}, {"a", F32({1}, {2})}, {"b", F32({1}, {1})}}, {},
                         {{"out", F32({4, 2}, {2, 1, 0, -1, 1, 2, 3, 4})}});
}

// Without is_scalar_condition a block runs when its Cond tensors are
// non-empty: here both blocks run and select_input picks by the mask.
TEST(ConditionalBlockTest, NonScalarConditionRunsOnNonEmpty) {
  const HostTensor x = F32({2, 2}, {1, 2, 3, 4});
  ExpectMatchesReference(IfElse(false), {{"x", x}, {"a", F32({1}, {2})}, {"b", F32({1}, {1})}}, {},
                         {{"out", F32({4, 2}, {2, 1, 0, -1, 1, 2, 3, 4})}});
  ExpectMatchesReference(IfElse(false), {{"x", x}, {"a", F32({1}, {0})}, {"b", F32({1}, {1})}}, {},
                         {{"out", F32({2, 2}, {2, 4, 6, 8})}});
}

// A block writing a variable that already has a value: when the block does
// not run, the variable keeps it.
TEST(ConditionalBlockTest, SkippedBlockKeepsPriorValue) {
  const ProgramBuilder p = LoneIf();
  const HostTensor x = F32({3}, {1, -2, 3});
  const auto flag = [](bool v) {
    return HostTensor::From(DataType::kBool, {1},
                            std::vector<uint8_t>{v ? uint8_t{1} : uint8_t{0}});
  };
  ExpectMatchesReference(p, {{"x", x}, {"flag", flag(false)}}, {}, {{"y", x}});
  ExpectMatchesReference(p, {{"x", x}, {"flag", flag(true)}}, {}, {{"y", F32({3}, {10, -20, 30})}});
}

// select_output routes X to Out[Mask]; select_input reads it back.
TEST(SelectOutputTest, RoutesByMask) {
  for (int mask : {0, 1}) {
    ProgramBuilder p;
    p.Input("x", DataType::kFloat32, {2}).Var("m", DataType::kInt32, {1});
    p.Var("o0", DataType::kFloat32, {2}).Var("o1", DataType::kFloat32, {2});
    p.Var("out", DataType::kFloat32, {2});
    FillConstant(p, 0, "m", DataType::kInt32, static_cast<float>(mask));
    p.Op("select_output").In("X", {"x"}).In("Mask", {"m"}).Out("Out", {"o0", "o1"});
    p.Op("select_input").In("X", {"o0", "o1"}).In("Mask", {"m"}).Out("Out", {"out"});
    p.Output("out");
    const HostTensor x = F32({2}, {1.5f, -3});
    ExpectMatchesReference(p, {{"x", x}}, {}, {{"out", x}});
  }
}

TEST(IncrementTest, StepsEveryDtype) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
    ProgramBuilder p;
    p.Input("x", dtype, {1}).Var("y", dtype, {1});
    p.Op("increment").In("X", {"x"}).Out("Out", {"y"}).Attr("step", -2.0f);
    p.Output("y");
    const HostTensor x = RandomTensor(dtype, {1}, 3, -5, 5);
    ExpectMatchesReference(p, {{"x", x}}, {.opsets = {7, 17, 19}});
  }
}

// Our ONNX evaluator runs Loop and If with outer-scope reads like ORT.
TEST(ControlFlowEvaluatorTest, LoopsAndIfsMatchInterpreter) {
  const HostTensor x = F32({2, 3}, {1, 2, 3, 4, 5, 6});
  for (int opset : {11, 17}) {
    ExpectEvaluatorMatches(CountingLoop(), {{"x", x}, {"y", x}, {"n", I64({4})}}, opset, "loop");
    ExpectEvaluatorMatches(NestedLoops(), {{"x", F32({3}, {0, 1, -2})}}, opset, "nested");
    for (float a : {0.0f, 2.0f}) {
      ExpectEvaluatorMatches(
          IfElse(true),
          {{"x", F32({2, 2}, {1, 2, 3, 4})}, {"a", F32({1}, {a})}, {"b", F32({1}, {1})}}, opset,
          "if_else");
    }
  }
}

}  // namespace
}  // namespace pd2onnx::testing

// Control-flow programs shared by the control-flow mapper tests and the PIR
// control-flow tests (which compare the same programs in both forms).
#pragma once

#include "block_ops.h"
#include "program_builder.h"

namespace pd2onnx::testing {

// acc = x; i = 0; while (i < n) { acc = acc * 2 + y; i += 1 } with n fed:
// a loop-carried tensor, a counter, a value read from the outer block (y),
// and a variable written inside and read after the loop (acc).
inline ProgramBuilder CountingLoop() {
  ProgramBuilder p;
  p.Input("x", graph::DataType::kFloat32, {2, 3})
      .Input("y", graph::DataType::kFloat32, {2, 3})
      .Input("n", graph::DataType::kInt64, {1})
      .Var("acc", graph::DataType::kFloat32, {2, 3})
      .Var("i", graph::DataType::kInt64, {1})
      .Var("cond", graph::DataType::kBool, {1})
      .Var("out", graph::DataType::kFloat32, {2, 3});
  p.Op("assign").In("X", {"x"}).Out("Out", {"acc"});
  FillConstant(p, 0, "i", graph::DataType::kInt64, 0);
  LessThan(p, 0, "i", "n", "cond");
  const int body = p.SubBlock();
  p.VarIn(body, "doubled", graph::DataType::kFloat32, {2, 3});
  Scale(p, body, "acc", "doubled", 2.0f, 0.0f);
  p.OpIn(body, "elementwise_add").In("X", {"doubled"}).In("Y", {"y"}).Out("Out", {"acc"});
  Increment(p, body, "i");
  LessThan(p, body, "i", "n", "cond");
  While(p, 0, body, "cond", {"acc", "i", "n", "y"}, {"acc", "i", "cond"});
  Scale(p, 0, "acc", "out", 1.0f, 0.5f);
  p.Output("out").Output("i");
  return p;
}

// Nested loops: for i < 2 { j = 0 (fill_constant inside the outer body);
// for j < 3 { acc += 1 } }. The inner body reads `one` from block 0, two
// levels up, and writes acc, carried by both loops.
inline ProgramBuilder NestedLoops() {
  ProgramBuilder p;
  p.Input("x", graph::DataType::kFloat32, {3})
      .Var("acc", graph::DataType::kFloat32, {3})
      .Var("one", graph::DataType::kFloat32, {1})
      .Var("i", graph::DataType::kInt64, {1})
      .Var("two", graph::DataType::kInt64, {1})
      .Var("three", graph::DataType::kInt64, {1})
      .Var("outer_cond", graph::DataType::kBool, {1});
  p.Op("assign").In("X", {"x"}).Out("Out", {"acc"});
  FillConstant(p, 0, "one", graph::DataType::kFloat32, 1);
  FillConstant(p, 0, "i", graph::DataType::kInt64, 0);
  FillConstant(p, 0, "two", graph::DataType::kInt64, 2);
  FillConstant(p, 0, "three", graph::DataType::kInt64, 3);
  LessThan(p, 0, "i", "two", "outer_cond");
  const int outer = p.SubBlock(0);
  p.VarIn(outer, "j", graph::DataType::kInt64, {1})
      .VarIn(outer, "inner_cond", graph::DataType::kBool, {1});
  FillConstant(p, outer, "j", graph::DataType::kInt64, 0);
  LessThan(p, outer, "j", "three", "inner_cond");
  const int inner = p.SubBlock(outer);
  p.OpIn(inner, "elementwise_add").In("X", {"acc"}).In("Y", {"one"}).Out("Out", {"acc"});
  Increment(p, inner, "j");
  LessThan(p, inner, "j", "three", "inner_cond");
  While(p, outer, inner, "inner_cond", {"acc", "one", "j", "three"}, {"acc", "j", "inner_cond"});
  Increment(p, outer, "i");
  LessThan(p, outer, "i", "two", "outer_cond");
  While(p, 0, outer, "outer_cond", {"acc", "one", "i", "two", "three"}, {"acc", "i", "outer_cond"});
  p.Output("acc");
  return p;
}

// y = x; if (flag) { y = 10 x }: a lone conditional_block writing a variable
// that already has a value (kept when the block does not run; the PIR form
// yields that prior value in its false branch).
inline ProgramBuilder LoneIf() {
  ProgramBuilder p;
  p.Input("x", graph::DataType::kFloat32, {3}).Input("flag", graph::DataType::kBool, {1});
  p.Var("y", graph::DataType::kFloat32, {3});
  p.Op("assign").In("X", {"x"}).Out("Out", {"y"});
  const int block = p.SubBlock();
  Scale(p, block, "x", "y", 10.0f, 0.0f);
  p.Op("conditional_block")
      .In("Cond", {"flag"})
      .In("Input", {"x"})
      .Out("Out", {"y"})
      .BlockAttr("sub_block", block)
      .Attr("is_scalar_condition", true);
  p.Output("y");
  return p;
}

}  // namespace pd2onnx::testing

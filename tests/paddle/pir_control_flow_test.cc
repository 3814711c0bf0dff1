// PIR control flow (pd_op.if, pd_op.while with regions and cf.yield): tiny
// programs written both as a .pdmodel and, through the PIR writer, as PIR
// JSON. The PIR form must convert at opsets 11 and 17 to models whose ONNX
// Runtime outputs equal the .pdmodel's exactly and the hand-computed values,
// and the interpreter must give those values on the PIR form as read. Broken
// regions must fail naming the op and the problem.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "block_ops.h"
#include "compare.h"
#include "control_flow_programs.h"
#include "interpreter/interpreter.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "paddle/pir/pir_reader.h"
#include "pd2onnx/convert.h"
#include "pir_diff.h"
#include "pir_writer.h"
#include "program_builder.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// ---- programs ----------------------------------------------------------------

// dy2static's if/else in `block`: out = cond ? then_fn : else_fn, each
// branch writing its value into a variable of `block` (format spec 3.7).
struct IfElseSpec {
  int block = 0;
  std::string cond, out, prefix;
  std::vector<std::string> reads;  // outer variables the branches read (Input)
  std::function<void(ProgramBuilder&, int, const std::string&)> then_fn, else_fn;
  DataType dtype = DataType::kFloat32;
  std::vector<int64_t> true_shape, false_shape;
};

void IfElse(ProgramBuilder& p, const IfElseSpec& s) {
  const std::string not_cond = s.prefix + "_not", mask = s.prefix + "_mask";
  const std::string when_true = s.prefix + "_t", when_false = s.prefix + "_f";
  p.VarIn(s.block, not_cond, DataType::kBool, {1}).VarIn(s.block, mask, DataType::kInt32, {1});
  p.VarIn(s.block, when_true, s.dtype, s.true_shape)
      .VarIn(s.block, when_false, s.dtype, s.false_shape);
  const int then_block = p.SubBlock(s.block);
  s.then_fn(p, then_block, when_true);
  p.OpIn(s.block, "conditional_block")
      .In("Cond", {s.cond})
      .In("Input", s.reads)
      .Out("Out", {when_true})
      .BlockAttr("sub_block", then_block)
      .Attr("is_scalar_condition", true);
  p.OpIn(s.block, "logical_not").In("X", {s.cond}).Out("Out", {not_cond});
  const int else_block = p.SubBlock(s.block);
  s.else_fn(p, else_block, when_false);
  p.OpIn(s.block, "conditional_block")
      .In("Cond", {not_cond})
      .In("Input", s.reads)
      .Out("Out", {when_false})
      .BlockAttr("sub_block", else_block)
      .Attr("is_scalar_condition", true);
  p.OpIn(s.block, "cast")
      .In("X", {s.cond})
      .Out("Out", {mask})
      .Attr("in_dtype", 0)
      .Attr("out_dtype", 2);
  p.OpIn(s.block, "select_input")
      .In("X", {when_false, when_true})
      .In("Mask", {mask})
      .Out("Out", {s.out});
}

// out = (a < b) ? 2x : concat(3 - x, x): the branches differ in shape.
ProgramBuilder IfElseProgram() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 2})
      .Input("a", DataType::kFloat32, {1})
      .Input("b", DataType::kFloat32, {1})
      .Var("cond", DataType::kBool, {1})
      .Var("out", DataType::kFloat32, {-1, 2});
  LessThan(p, 0, "a", "b", "cond");
  IfElseSpec s;
  s.cond = "cond";
  s.out = "out";
  s.prefix = "branch";
  s.reads = {"x"};
  s.true_shape = {2, 2};
  s.false_shape = {-1, 2};
  s.then_fn = [](ProgramBuilder& q, int b, const std::string& out) { Scale(q, b, "x", out, 2, 0); };
  s.else_fn = [](ProgramBuilder& q, int b, const std::string& out) {
    q.VarIn(b, "minus", DataType::kFloat32, {2, 2});
    Scale(q, b, "x", "minus", -1, 3);
    q.OpIn(b, "concat").In("X", {"minus", "x"}).Out("Out", {out}).Attr("axis", 0);
  };
  IfElse(p, s);
  p.Output("out");
  return p;
}

// An if inside a while: for i < n { acc = i < 2 ? 2 acc : acc + 1 }.
ProgramBuilder IfInsideWhile() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3})
      .Input("n", DataType::kInt64, {1})
      .Var("acc", DataType::kFloat32, {3})
      .Var("i", DataType::kInt64, {1})
      .Var("two", DataType::kInt64, {1})
      .Var("cond", DataType::kBool, {1});
  p.Op("assign").In("X", {"x"}).Out("Out", {"acc"});
  FillConstant(p, 0, "i", DataType::kInt64, 0);
  FillConstant(p, 0, "two", DataType::kInt64, 2);
  LessThan(p, 0, "i", "n", "cond");
  const int body = p.SubBlock();
  p.VarIn(body, "early", DataType::kBool, {1});
  LessThan(p, body, "i", "two", "early");
  IfElseSpec s;
  s.block = body;
  s.cond = "early";
  s.out = "acc";
  s.prefix = "step";
  s.reads = {"acc"};
  s.true_shape = s.false_shape = {3};
  s.then_fn = [](ProgramBuilder& q, int b, const std::string& out) {
    Scale(q, b, "acc", out, 2, 0);
  };
  s.else_fn = [](ProgramBuilder& q, int b, const std::string& out) {
    Scale(q, b, "acc", out, 1, 1);
  };
  IfElse(p, s);
  Increment(p, body, "i");
  LessThan(p, body, "i", "n", "cond");
  While(p, 0, body, "cond", {"acc", "i", "n", "two"}, {"acc", "i", "cond"});
  p.Output("acc");
  return p;
}

// for i < n { tmp = a; a = b; b = tmp }: two loop values swapped every step.
ProgramBuilder SwapLoop() {
  ProgramBuilder p;
  p.Input("a", DataType::kFloat32, {2})
      .Input("b", DataType::kFloat32, {2})
      .Input("n", DataType::kInt64, {1})
      .Var("u", DataType::kFloat32, {2})
      .Var("v", DataType::kFloat32, {2})
      .Var("i", DataType::kInt64, {1})
      .Var("cond", DataType::kBool, {1});
  p.Op("assign").In("X", {"a"}).Out("Out", {"u"});
  p.Op("assign").In("X", {"b"}).Out("Out", {"v"});
  FillConstant(p, 0, "i", DataType::kInt64, 0);
  LessThan(p, 0, "i", "n", "cond");
  const int body = p.SubBlock();
  p.VarIn(body, "tmp", DataType::kFloat32, {2});
  p.OpIn(body, "assign").In("X", {"u"}).Out("Out", {"tmp"});
  p.OpIn(body, "assign").In("X", {"v"}).Out("Out", {"u"});
  p.OpIn(body, "assign").In("X", {"tmp"}).Out("Out", {"v"});
  Increment(p, body, "i");
  LessThan(p, body, "i", "n", "cond");
  While(p, 0, body, "cond", {"u", "v", "i", "n"}, {"u", "v", "i", "cond"});
  p.Output("u").Output("v");
  return p;
}

// ---- tensors -------------------------------------------------------------------

HostTensor F32(std::vector<int64_t> dims, std::vector<float> values) {
  return HostTensor::From(DataType::kFloat32, std::move(dims), values);
}
HostTensor I64(std::vector<int64_t> values) {
  return HostTensor::From(DataType::kInt64, {static_cast<int64_t>(values.size())}, values);
}
HostTensor Bool(bool v) {
  return HostTensor::From(DataType::kBool, {1}, std::vector<uint8_t>{v ? uint8_t{1} : uint8_t{0}});
}

// ---- checks --------------------------------------------------------------------

json PirOf(const ProgramBuilder& p) {
  const PirText text = ToPirJson(p.ToProto());
  EXPECT_TRUE(text.not_expressible.empty()) << text.not_expressible;
  return text.json.empty() ? json() : json::parse(text.json);
}

ConvertOptions OptionsFor(const fs::path& dir, const std::string& file, int opset) {
  ConvertOptions options;
  options.model_dir = dir.string();
  options.model_filename = file;
  options.save_file = (dir / fmt::format("{}_{}.onnx", file, opset)).string();
  options.opset_version = opset;
  options.enable_auto_update_opset = false;
  return options;
}

int CountOps(const graph::Program& program, const std::string& type) {
  int count = 0;
  for (const graph::Block& b : program.blocks) {
    count += static_cast<int>(std::count_if(b.ops.begin(), b.ops.end(),
                                            [&](const graph::Op& op) { return op.type == type; }));
  }
  return count;
}

// The PIR form (`pir`, written by the writer or edited from it) against the
// .pdmodel of `program`: the interpreter on both forms as read, and ONNX
// Runtime on both conversions at opsets 11 and 17, must give `expected`,
// and the two conversions exactly the same outputs.
void ExpectPirMatches(const std::string& name, const ProgramBuilder& program, const json& pir,
                      const interp::TensorMap& feeds, const interp::TensorMap& expected) {
  ASSERT_FALSE(pir.is_null());
  const fs::path dir = ScratchDir(name);
  program.Write(dir);
  std::ofstream(dir / "model.json", std::ios::binary) << pir.dump();

  for (const char* file : {"model.pdmodel", "model.json"}) {
    const graph::Program read = paddle::LoadModel(paddle::LocateModel(dir.string(), file, ""));
    EXPECT_TRUE(AllClose(interp::Run(read, feeds), expected))
        << "the interpreter on " << file << " vs the expected values";
  }

  std::vector<OrtJob> jobs;
  for (const char* file : {"model.pdmodel", "model.json"}) {
    for (int opset : {11, 17}) {
      const ConvertOptions options = OptionsFor(dir, file, opset);
      try {
        Convert(options);
      } catch (const Error& e) {
        FAIL() << file << " at opset " << opset << " does not convert: " << e.what();
      }
      jobs.push_back({options.save_file, feeds});
    }
  }
  const std::vector<interp::TensorMap> results = RunOrt(jobs);
  for (size_t k = 0; k < 2; ++k) {
    EXPECT_TRUE(AllClose(results[k], expected)) << "the .pdmodel, job " << k;
    EXPECT_TRUE(AllClose(results[k + 2], expected)) << "the PIR form, job " << k;
    EXPECT_TRUE(AllClose(results[k + 2], results[k], 0.0)) << "PIR vs .pdmodel, job " << k;
  }
}

void ExpectPirMatches(const std::string& name, const ProgramBuilder& program,
                      const interp::TensorMap& feeds, const interp::TensorMap& expected) {
  ExpectPirMatches(name, program, PirOf(program), feeds, expected);
}

graph::Program ReadPir(const json& pir) {
  const std::string text = pir.dump();
  return paddle::pir::ParsePirJson(text.data(), text.size(), "model.json");
}

void ExpectReadFails(const json& pir, const std::vector<std::string>& needles) {
  try {
    ReadPir(pir);
  } catch (const Error& e) {
    for (const std::string& needle : needles) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
          << "'" << needle << "' not in: " << e.what();
    }
    return;
  }
  ADD_FAILURE() << "the broken program was read without an error";
}

json& TopOps(json& pir) { return pir["program"]["regions"][0]["blocks"][0]["ops"]; }

json& FirstOp(json& ops, const std::string& id) {
  for (json& op : ops) {
    if (op["#"] == id) return op;
  }
  throw std::runtime_error("no op " + id);
}

json& RegionOps(json& op, size_t region) { return op["regions"][region]["blocks"][0]["ops"]; }

// ---- pd_op.if ------------------------------------------------------------------

TEST(PirControlFlow, IfBecomesTwoConditionalBlocksAndSelectInput) {
  json pir = PirOf(IfElseProgram());
  const json& op = FirstOp(TopOps(pir), "1.if");
  EXPECT_EQ(op["I"].size(), 1u);
  EXPECT_EQ(op["regions"].size(), 2u);
  const graph::Program read = ReadPir(pir);
  EXPECT_EQ(CountOps(read, "conditional_block"), 2);
  EXPECT_EQ(CountOps(read, "select_input"), 1);
  EXPECT_EQ(CountOps(read, "logical_not"), 2);  // the program's own, and the lowering's
  EXPECT_EQ(read.blocks.size(), 3u);
}

TEST(PirControlFlow, IfTakesTheTrueBranch) {
  const HostTensor x = F32({2, 2}, {1, 2, 3, 4});
  ExpectPirMatches("pir_if_true", IfElseProgram(),
                   {{"x", x}, {"a", F32({1}, {0})}, {"b", F32({1}, {1})}},
                   {{"out", F32({2, 2}, {2, 4, 6, 8})}});
}

TEST(PirControlFlow, IfTakesTheFalseBranchOfAnotherShape) {
  const HostTensor x = F32({2, 2}, {1, 2, 3, 4});
  ExpectPirMatches("pir_if_false", IfElseProgram(),
                   {{"x", x}, {"a", F32({1}, {2})}, {"b", F32({1}, {1})}},
                   {{"out", F32({4, 2}, {2, 1, 0, -1, 1, 2, 3, 4})}});
}

// A branch that yields a value of the enclosing block directly.
TEST(PirControlFlow, IfBranchYieldingAnOuterValue) {
  json pir = PirOf(LoneIf());
  json& op = FirstOp(TopOps(pir), "1.if");
  EXPECT_EQ(RegionOps(op, 1).size(), 1u) << "the false branch is only its cf.yield";
  const HostTensor x = F32({3}, {1, -2, 3});
  ExpectPirMatches("pir_if_lone_false", LoneIf(), pir, {{"x", x}, {"flag", Bool(false)}},
                   {{"y", x}});
  ExpectPirMatches("pir_if_lone_true", LoneIf(), pir, {{"x", x}, {"flag", Bool(true)}},
                   {{"y", F32({3}, {10, -20, 30})}});
}

// ---- pd_op.while ---------------------------------------------------------------

TEST(PirControlFlow, WhileBecomesAWhileOverFreshLoopVariables) {
  json pir = PirOf(CountingLoop());
  const json& op = FirstOp(TopOps(pir), "1.while");
  EXPECT_EQ(op["I"].size(), 3u);  // cond, acc, i
  EXPECT_EQ(op["O"].size(), 2u);
  EXPECT_EQ(op["regions"][0]["blocks"][0]["args"].size(), 2u);
  const graph::Program read = ReadPir(pir);
  ASSERT_EQ(CountOps(read, "while"), 1);
  const graph::Op* loop = nullptr;
  for (const graph::Op& o : read.blocks[0].ops) {
    if (o.type == "while") loop = &o;
  }
  ASSERT_NE(loop, nullptr);
  EXPECT_EQ(loop->Outputs("Out").size(), 3u);
  EXPECT_EQ(loop->Outputs("Out")[0], loop->Input("Condition"));
  // The body ends by assigning the yielded values to the loop variables.
  const graph::Block& body = read.blocks.at(loop->Attr<int>("sub_block"));
  ASSERT_GE(body.ops.size(), 3u);
  for (size_t k = 0; k < 3; ++k) {
    const graph::Op& assign = body.ops[body.ops.size() - 3 + k];
    EXPECT_EQ(assign.type, "assign");
    EXPECT_EQ(assign.Output("Out"), loop->Outputs("Out")[k]);
  }
}

TEST(PirControlFlow, WhileCountsToN) {
  const HostTensor x = F32({2, 3}, {1, 2, 3, 4, 5, 6});
  const HostTensor y = F32({2, 3}, {1, 0, -1, 0.5f, 0, 2});
  // Three steps of acc = 2 acc + y: 8 x + 7 y; out = that + 0.5.
  std::vector<float> out;
  for (size_t k = 0; k < 6; ++k)
    out.push_back(8 * x.data<float>()[k] + 7 * y.data<float>()[k] + 0.5f);
  ExpectPirMatches("pir_while", CountingLoop(), {{"x", x}, {"y", y}, {"n", I64({3})}},
                   {{"out", F32({2, 3}, out)}, {"i", I64({3})}});
}

TEST(PirControlFlow, WhileWithZeroIterations) {
  const HostTensor x = F32({2, 3}, {1, 2, 3, 4, 5, 6});
  ExpectPirMatches("pir_while_zero", CountingLoop(), {{"x", x}, {"y", x}, {"n", I64({0})}},
                   {{"out", F32({2, 3}, {1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f})}, {"i", I64({0})}});
}

TEST(PirControlFlow, WhileInsideWhile) {
  json pir = PirOf(NestedLoops());
  json& outer = FirstOp(TopOps(pir), "1.while");
  EXPECT_NO_THROW(FirstOp(RegionOps(outer, 0), "1.while"));
  ExpectPirMatches("pir_nested_while", NestedLoops(), pir, {{"x", F32({3}, {0, 1, -2})}},
                   {{"acc", F32({3}, {6, 7, 4})}});
}

TEST(PirControlFlow, IfInsideWhile) {
  json pir = PirOf(IfInsideWhile());
  json& loop = FirstOp(TopOps(pir), "1.while");
  EXPECT_NO_THROW(FirstOp(RegionOps(loop, 0), "1.if"));
  // Four steps: 2 acc, 2 acc, acc + 1, acc + 1 → 4 x + 2.
  ExpectPirMatches("pir_if_in_while", IfInsideWhile(), pir,
                   {{"x", F32({3}, {1, -0.5f, 2})}, {"n", I64({4})}},
                   {{"acc", F32({3}, {6, 0, 10})}});
}

// Replaces every cf.yield operand made by a pd_op.assign of the same region
// with the assign's own operand, so the body yields its block arguments
// directly (here: swapped), as Paddle's translator writes pass-through loop
// values.
void ForwardAssignsIntoYields(json& ops) {
  std::map<int64_t, int64_t> source;
  auto resolve = [&](int64_t id) {
    auto it = source.find(id);
    return it == source.end() ? id : it->second;
  };
  for (json& op : ops) {
    if (op["#"] == "1.assign") {
      source[op["O"][0]["%"].get<int64_t>()] = resolve(op["I"][0]["%"].get<int64_t>());
    }
    if (op["#"] == "2.yield") {
      for (json& operand : op["I"]) operand["%"] = resolve(operand["%"].get<int64_t>());
    }
  }
}

TEST(PirControlFlow, WhileYieldingItsArgumentsSwapped) {
  json pir = PirOf(SwapLoop());
  json& loop = FirstOp(TopOps(pir), "1.while");
  json& body = RegionOps(loop, 0);
  ForwardAssignsIntoYields(body);
  const json& args = loop["regions"][0]["blocks"][0]["args"];
  const json& yield = body.back()["I"];
  ASSERT_EQ(yield.size(), 4u);  // cond, u, v, i
  EXPECT_EQ(yield[1]["%"], args[1]["#"]) << "u takes v's block argument";
  EXPECT_EQ(yield[2]["%"], args[0]["#"]) << "v takes u's block argument";
  const HostTensor a = F32({2}, {1, 2});
  const HostTensor b = F32({2}, {-3, 4});
  ExpectPirMatches("pir_swap_odd", SwapLoop(), pir, {{"a", a}, {"b", b}, {"n", I64({3})}},
                   {{"u", b}, {"v", a}});
  ExpectPirMatches("pir_swap_even", SwapLoop(), pir, {{"a", a}, {"b", b}, {"n", I64({2})}},
                   {{"u", a}, {"v", b}});
}

// ---- malformed control flow ----------------------------------------------------

TEST(PirControlFlow, IfWithOneRegionFails) {
  json pir = PirOf(IfElseProgram());
  FirstOp(TopOps(pir), "1.if")["regions"].erase(1);
  ExpectReadFails(pir, {"model.json", "pd_op.if", "needs 2 regions", "has 1"});
}

TEST(PirControlFlow, WhileWithTwoRegionsFails) {
  json pir = PirOf(CountingLoop());
  json& loop = FirstOp(TopOps(pir), "1.while");
  loop["regions"].push_back(loop["regions"][0]);
  ExpectReadFails(pir, {"pd_op.while", "needs 1 region", "has 2"});
}

TEST(PirControlFlow, IfYieldCountMismatchFails) {
  json pir = PirOf(IfElseProgram());
  RegionOps(FirstOp(TopOps(pir), "1.if"), 1).back()["I"].push_back({{"%", 1}});
  ExpectReadFails(
      pir, {"pd_op.if", "region 1 (false branch)", "yields 2 values", "pd_op.if has 1 results"});
}

TEST(PirControlFlow, WhileYieldCountMismatchFails) {
  json pir = PirOf(CountingLoop());
  RegionOps(FirstOp(TopOps(pir), "1.while"), 0).back()["I"].erase(2);
  ExpectReadFails(pir, {"pd_op.while", "yields 2 values", "expected 3",
                        "the next condition and 2 loop values"});
}

TEST(PirControlFlow, WhileBodyWithoutYieldFails) {
  json pir = PirOf(CountingLoop());
  RegionOps(FirstOp(TopOps(pir), "1.while"), 0)
      .erase(RegionOps(FirstOp(TopOps(pir), "1.while"), 0).size() - 1);
  ExpectReadFails(pir, {"pd_op.while", "does not end with cf.yield"});
}

TEST(PirControlFlow, WhileBlockArgumentCountMismatchFails) {
  json pir = PirOf(CountingLoop());
  FirstOp(TopOps(pir), "1.while")["regions"][0]["blocks"][0]["args"].erase(1);
  ExpectReadFails(pir, {"pd_op.while", "1 block arguments, expected 2"});
}

TEST(PirControlFlow, WhileResultCountMismatchFails) {
  json pir = PirOf(CountingLoop());
  FirstOp(TopOps(pir), "1.while")["O"].erase(1);
  ExpectReadFails(pir, {"pd_op.while", "2 loop values", "but 1 results"});
}

TEST(PirControlFlow, ValueOfABranchUsedOutsideFails) {
  json pir = PirOf(IfElseProgram());
  json& ops = TopOps(pir);
  json& branch_ops = RegionOps(FirstOp(ops, "1.if"), 0);
  const json inner = branch_ops.front()["O"][0]["%"];  // the true branch's scale
  FirstOp(ops, "1.fetch")["I"][0]["%"] = inner;
  ExpectReadFails(pir, {"pd_op.fetch", "no earlier op defines"});
}

TEST(PirControlFlow, YieldOutsideARegionFails) {
  json pir = PirOf(IfElseProgram());
  TopOps(pir).push_back({{"#", "2.yield"}, {"I", json::array()}, {"O", json::array()}});
  ExpectReadFails(pir, {"cf.yield", "last op of an if/while region"});
}

TEST(PirControlFlow, OtherOpsWithRegionsFail) {
  json pir = PirOf(IfElseProgram());
  FirstOp(TopOps(pir), "1.if")["#"] = "1.pylayer";
  ExpectReadFails(pir, {"pd_op.pylayer", "not supported"});
}

// ---- the differential check in the op harness -----------------------------------

// Every ExpectMatchesReference also converts the program's PIR form and
// compares, unless PD2ONNX_PIR_DIFF=0; control flow included.
TEST(PirDiff, OnByDefaultAndCoversControlFlow) {
  const char* setting = std::getenv("PD2ONNX_PIR_DIFF");
  if (setting != nullptr && std::string(setting) == "0") {
    GTEST_SKIP() << "turned off by PD2ONNX_PIR_DIFF=0";
  }
  const HostTensor x = F32({2, 2}, {1, 2, 3, 4});
  ExpectMatchesReference(IfElseProgram(), {{"x", x}, {"a", F32({1}, {0})}, {"b", F32({1}, {1})}},
                         {.opsets = {11}}, {{"out", F32({2, 2}, {2, 4, 6, 8})}});
  EXPECT_TRUE(PirCoveredOps().count("conditional_block"));
  EXPECT_TRUE(PirCoveredOps().count("select_input"));
}

}  // namespace
}  // namespace pd2onnx::testing

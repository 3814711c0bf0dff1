// The interpreter's executor: feed / fetch ops, parameters, in-place writes,
// and values that stay alive for later readers.
#include <gtest/gtest.h>

#include "single_op.h"
#include "support/error.h"

namespace pd2onnx::testing {
namespace {

graph::Op MakeOp(const std::string& type, std::vector<graph::Slot> inputs,
                 std::vector<graph::Slot> outputs, int index) {
  graph::Op op;
  op.type = type;
  op.inputs = std::move(inputs);
  op.outputs = std::move(outputs);
  op.op_idx = index;
  return op;
}

void AddVar(graph::Program& program, const std::string& name, std::vector<int64_t> shape,
            graph::VarKind kind = graph::VarKind::kDenseTensor, bool persistable = false) {
  graph::Var var;
  var.name = name;
  var.kind = kind;
  var.dtype = DataType::kFloat32;
  var.shape = std::move(shape);
  var.persistable = persistable;
  program.blocks[0].AddVar(std::move(var));
}

// feed x → relu → h → elementwise_add(h, w) → h (in place) → scale → out;
// fetch both `out` and `h`, where `h` is also read by the scale op.
graph::Program SmallProgram() {
  graph::Program program;
  program.blocks.resize(1);
  AddVar(program, "feed", {}, graph::VarKind::kFeedHolder, true);
  AddVar(program, "fetch", {}, graph::VarKind::kFetchHolder, true);
  AddVar(program, "x", {-1, 2});
  AddVar(program, "h", {-1, 2});
  AddVar(program, "w", {2}, graph::VarKind::kDenseTensor, true);
  AddVar(program, "out", {-1, 2});
  program.params.emplace("w",
                         graph::ConstTensor::FromValues<float>(DataType::kFloat32, {2}, {10, 20}));
  auto& ops = program.blocks[0].ops;
  ops.push_back(MakeOp("feed", {{"X", {"feed"}}}, {{"Out", {"x"}}}, 0));
  ops.back().attrs.emplace("col", Attribute(AttrKind::kInt, int64_t{0}));
  ops.push_back(MakeOp("relu", {{"X", {"x"}}}, {{"Out", {"h"}}}, 1));
  ops.push_back(MakeOp("elementwise_add", {{"X", {"h"}}, {"Y", {"w"}}}, {{"Out", {"h"}}}, 2));
  ops.push_back(MakeOp("scale", {{"X", {"h"}}}, {{"Out", {"out"}}}, 3));
  ops.back().attrs.emplace("scale", Attribute(AttrKind::kFloat, 2.0));
  ops.push_back(MakeOp("fetch", {{"X", {"out"}}}, {{"Out", {"fetch"}}}, 4));
  ops.push_back(MakeOp("fetch", {{"X", {"h"}}}, {{"Out", {"fetch"}}}, 5));
  program.inputs = {"x"};
  program.outputs = {"out", "h"};
  return program;
}

TEST(InterpExecutor, RunsFeedParamsInPlaceAndFetch) {
  const auto out = interp::Run(SmallProgram(), {{"x", F32({1, 2}, {-1, 3})}});
  ASSERT_EQ(out.size(), 2u);
  // relu → [0, 3]; + w → [10, 23]; · 2 → [20, 46]
  ExpectTensor(out.at("h"), F32({1, 2}, {10, 23}));
  ExpectTensor(out.at("out"), F32({1, 2}, {20, 46}));
}

TEST(InterpExecutor, MissingFeedIsAnInputError) {
  try {
    interp::Run(SmallProgram(), {{"not_x", F32({1, 2}, {1, 2})}});
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_NE(e.message().find("'x'"), std::string::npos) << e.message();
  }
}

TEST(InterpExecutor, ReadingAnUncomputedVariableNamesIt) {
  graph::Program program = SmallProgram();
  program.blocks[0].ops[3].inputs[0].args = {"ghost"};
  try {
    interp::Run(program, {{"x", F32({1, 2}, {1, 2})}});
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("ghost"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("scale (block 0, op 3"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace pd2onnx::testing

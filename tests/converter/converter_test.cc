// Whole-conversion properties: graph ports named after feed/fetch, dynamic
// dims as dim_params, in-place writes versioned (SSA), weights as
// initializers, deterministic bytes, and the unsupported-op report.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "onnx/onnx_pb.h"
#include "op_harness.h"
#include "pd2onnx/convert.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

onnx::ModelProto ConvertAndParse(const ProgramBuilder& program, int opset,
                                 const std::string& name = "model") {
  const fs::path dir = ScratchDir(name);
  program.Write(dir);
  ConvertOptions options;
  options.model_dir = dir.string();
  options.save_file = (dir / "out.onnx").string();
  options.opset_version = opset;
  Convert(options);
  onnx::ModelProto proto;
  EXPECT_TRUE(proto.ParseFromString(ReadFile(options.save_file)));
  return proto;
}

ProgramBuilder LinearProgram() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 3});
  p.Param("w", RandomTensor(DataType::kFloat32, {3, 4}, 1));
  p.Param("b", RandomTensor(DataType::kFloat32, {4}, 2));
  p.Var("xw", DataType::kFloat32, {-1, 4});
  p.Var("out/y.tmp_0", DataType::kFloat32, {-1, 4});
  p.Op("matmul_v2").In("X", {"x"}).In("Y", {"w"}).Out("Out", {"xw"});
  p.Op("elementwise_add").In("X", {"xw"}).In("Y", {"b"}).Out("Out", {"out/y.tmp_0"});
  p.Output("out/y.tmp_0");
  return p;
}

TEST(Converter, NamesPortsAfterFeedAndFetchWithDynamicDimsAsDimParams) {
  const onnx::ModelProto model = ConvertAndParse(LinearProgram(), 13);
  ASSERT_EQ(model.graph().input_size(), 1);
  EXPECT_EQ(model.graph().input(0).name(), "x");
  const auto& dims = model.graph().input(0).type().tensor_type().shape().dim();
  ASSERT_EQ(dims.size(), 2);
  EXPECT_FALSE(dims[0].dim_param().empty());
  EXPECT_EQ(dims[1].dim_value(), 3);
  ASSERT_EQ(model.graph().output_size(), 1);
  EXPECT_EQ(model.graph().output(0).name(), "out/y.tmp_0");
  EXPECT_EQ(model.producer_name(), "pd2onnx");
  EXPECT_EQ(model.ir_version(), 7);
  EXPECT_EQ(model.opset_import(0).version(), 13);
}

TEST(Converter, StoresWeightsAsInitializersNotConstantNodes) {
  const onnx::ModelProto model = ConvertAndParse(LinearProgram(), 11);
  for (const auto& node : model.graph().node()) EXPECT_NE(node.op_type(), "Constant");
  std::set<std::string> names;
  for (const auto& init : model.graph().initializer()) names.insert(init.name());
  EXPECT_TRUE(names.count("w"));
  EXPECT_TRUE(names.count("b"));
}

TEST(Converter, ListsInitializersAsInputsForIrVersion3) {
  const onnx::ModelProto model = ConvertAndParse(LinearProgram(), 7);
  EXPECT_EQ(model.ir_version(), 3);
  std::set<std::string> inputs;
  for (const auto& input : model.graph().input()) inputs.insert(input.name());
  for (const auto& init : model.graph().initializer()) EXPECT_TRUE(inputs.count(init.name()));
}

TEST(Converter, WritesIdenticalBytesOnEveryRun) {
  const ProgramBuilder program = LinearProgram();
  const onnx::ModelProto first = ConvertAndParse(program, 17, "first");
  const onnx::ModelProto second = ConvertAndParse(program, 17, "second");
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
}

TEST(Converter, VersionsVariablesThatPaddleWritesInPlace) {
  // y = relu(x); y = 2 * y + 1 (in place); y = y + x (in place); fetch y.
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3});
  p.Var("y", DataType::kFloat32, {2, 3});
  p.Op("relu").In("X", {"x"}).Out("Out", {"y"});
  p.Op("scale").In("X", {"y"}).Out("Out", {"y"}).Attr("scale", 2.0f).Attr("bias", 1.0f)
      .Attr("bias_after_scale", true);
  p.Op("elementwise_add").In("X", {"y"}).In("Y", {"x"}).Out("Out", {"y"}).Attr("axis", -1);
  p.Output("y");
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {2, 3},
                                               {-1.0f, 0.5f, 2.0f, -3.0f, 0.0f, 1.0f});
  // Hand-computed: relu → 2y+1 → +x.
  const HostTensor expected = HostTensor::From<float>(
      DataType::kFloat32, {2, 3}, {0.0f, 2.5f, 7.0f, -2.0f, 1.0f, 4.0f});
  ExpectMatchesReference(p, {{"x", x}}, {.opsets = {7, 13, 17}}, {{"y", expected}});
}

TEST(Converter, FetchesTheSameVariableTwice) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2});
  p.Var("y", DataType::kFloat32, {2});
  p.Op("relu").In("X", {"x"}).Out("Out", {"y"});
  p.Output("y");
  p.Output("y");
  const onnx::ModelProto model = ConvertAndParse(p, 13);
  ASSERT_EQ(model.graph().output_size(), 2);
  EXPECT_EQ(model.graph().output(0).name(), "y");
  EXPECT_NE(model.graph().output(1).name(), "y");
}

TEST(Converter, ReportsEveryUnsupportedOpTypeWithCountAndFirstOutput) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2});
  for (const char* v : {"a", "b", "c"}) p.Var(v, DataType::kFloat32, {2});
  p.Op("frobnicate").In("X", {"x"}).Out("Out", {"a"});
  p.Op("frobnicate").In("X", {"a"}).Out("Out", {"b"});
  p.Op("quux").In("X", {"b"}).Out("Out", {"c"});
  p.Output("c");
  ExpectConversionFails(p, 11, "3 op(s) of 2 type(s) are not supported");
  ExpectConversionFails(p, 11, "frobnicate x2, first at frobnicate (block 0, op 1, output 'a')");
  ExpectConversionFails(p, 11, "quux x1");
}

TEST(Converter, NamesTheOpWhoseInputWasNeverProduced) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2});
  p.Var("ghost", DataType::kFloat32, {2});
  p.Var("y", DataType::kFloat32, {2});
  p.Op("relu").In("X", {"ghost"}).Out("Out", {"y"});
  p.Output("y");
  ExpectConversionFails(p, 11, "relu (block 0, op 1, output 'y')");
  ExpectConversionFails(p, 11, "'ghost', which no earlier op produces");
}

}  // namespace
}  // namespace pd2onnx::testing

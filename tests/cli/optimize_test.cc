// `pd2onnx optimize` end to end on a converted zoo model: the optimized
// model computes the stored reference outputs, with and without fixed input
// shapes; bad files and bad shape dicts fail naming the problem.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <fstream>

#include "cli_runner.h"
#include "compare.h"
#include "fixtures.h"
#include "onnx/reader.h"
#include "onnx/writer.h"
#include "ort_runner.h"
#include "pd2onnx/convert.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

constexpr double kTol = 1e-4;  // MANIFEST.md for the cls model

fs::path ClsModel() { return ModelZoo() / "ch_ppocr_mobile_v2.0_cls_infer"; }

fs::path ConvertCls(const fs::path& dir, int opset) {
  ConvertOptions options;
  options.model_dir = ClsModel().string();
  options.save_file = (dir / ("cls_" + std::to_string(opset) + ".onnx")).string();
  options.opset_version = opset;
  Convert(options);
  return options.save_file;
}

int CountOps(const emit::Model& model, const std::string& op) {
  return static_cast<int>(std::count_if(model.nodes.begin(), model.nodes.end(),
                                        [&](const auto& n) { return n.op_type() == op; }));
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(OptimizeCommand, OptimizedClsModelMatchesTheReference) {
  const fs::path dir = ScratchDir("optimize_cls");
  const std::vector<ReferenceCase> cases = ReferenceCases(ClsModel());
  ASSERT_FALSE(cases.empty());
  const ReferenceCase& reference = cases.front();
  std::vector<OrtJob> jobs;
  for (int opset : {11, 17}) {
    const fs::path converted = ConvertCls(dir, opset);
    const fs::path plain = dir / ("plain_" + std::to_string(opset) + ".onnx");
    const fs::path fixed = dir / ("fixed_" + std::to_string(opset) + ".onnx");
    const CliRun a =
        RunCli({"optimize", "--input_model", converted.string(), "--output_model", plain.string()});
    ASSERT_EQ(a.exit_code, 0) << a.output;
    EXPECT_CONTAINS(a.output, "optimized");
    const CliRun b = RunCli({"optimize", "--input_model", converted.string(), "--output_model",
                             fixed.string(), "--input_shape_dict", "{'x': [1, 3, 32, 100]}"});
    ASSERT_EQ(b.exit_code, 0) << b.output;

    const emit::Model before = emit::ReadModel(converted);
    const emit::Model fixed_model = emit::ReadModel(fixed);
    EXPECT_EQ(fixed_model.inputs.at(0).dims, (std::vector<int64_t>{1, 3, 32, 100}));
    EXPECT_EQ(fixed_model.outputs.at(0).dims, (std::vector<int64_t>{1, 2}));
    EXPECT_GT(CountOps(before, "Shape"), 0) << "the test needs a model computing shapes";
    EXPECT_EQ(CountOps(fixed_model, "Shape"), 0);
    EXPECT_LT(fixed_model.nodes.size(), before.nodes.size());
    for (const fs::path& model : {converted, plain, fixed}) {
      jobs.push_back({model, reference.LoadInputs()});
    }
  }
  const auto outputs = RunOrt(jobs);
  ASSERT_EQ(outputs.size(), jobs.size());
  for (size_t k = 0; k < outputs.size(); ++k) {
    EXPECT_TRUE(AllClose(outputs[k], reference.LoadOutputs(), kTol)) << jobs[k].model;
  }
}

TEST(OptimizeCommand, ReaderRoundTripsAConvertedModelByteForByte) {
  const fs::path dir = ScratchDir("optimize_roundtrip");
  const fs::path converted = ConvertCls(dir, 11);
  EXPECT_EQ(emit::SerializeModel(emit::ReadModel(converted)), ReadBytes(converted));
}

TEST(OptimizeCommand, BadInputsFailNamingTheProblem) {
  const fs::path dir = ScratchDir("optimize_bad");
  const fs::path converted = ConvertCls(dir, 11);
  const std::string out = (dir / "out.onnx").string();

  const CliRun missing =
      RunCli({"optimize", "--input_model", (dir / "nope.onnx").string(), "--output_model", out});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_CONTAINS(missing.output, "nope.onnx: cannot open");

  const fs::path text = dir / "text.onnx";
  std::ofstream(text) << "this is not a model\n";
  const CliRun not_onnx =
      RunCli({"optimize", "--input_model", text.string(), "--output_model", out});
  EXPECT_EQ(not_onnx.exit_code, 1);
  EXPECT_CONTAINS(not_onnx.output, "text.onnx: not an ONNX");

  const CliRun unknown_input =
      RunCli({"optimize", "--input_model", converted.string(), "--output_model", out,
              "--input_shape_dict", "{'image': [1, 3, 32, 100]}"});
  EXPECT_EQ(unknown_input.exit_code, 2);
  EXPECT_CONTAINS(unknown_input.output, "'image', which is not a model input (inputs: 'x')");

  const CliRun wrong_rank = RunCli({"optimize", "--input_model", converted.string(),
                                    "--output_model", out, "--input_shape_dict", "{'x': [1, 3]}"});
  EXPECT_EQ(wrong_rank.exit_code, 2);
  EXPECT_CONTAINS(wrong_rank.output, "input 'x' 2 dims");

  const CliRun static_conflict =
      RunCli({"optimize", "--input_model", converted.string(), "--output_model", out,
              "--input_shape_dict", "{'x': [1, 3, 48, 100]}"});
  EXPECT_EQ(static_conflict.exit_code, 2);
  EXPECT_CONTAINS(static_conflict.output,
                  "input 'x' dim 2 = 48, but the model declares it static 32");

  const CliRun bad_dims = RunCli({"optimize", "--input_model", converted.string(), "--output_model",
                                  out, "--input_shape_dict", "{'x': [0, 3]}"});
  EXPECT_EQ(bad_dims.exit_code, 2);
  EXPECT_CONTAINS(bad_dims.output, "must be positive or -1");

  const CliRun no_output = RunCli({"optimize", "--input_model", converted.string()});
  EXPECT_EQ(no_output.exit_code, 2);
  EXPECT_CONTAINS(no_output.output, "--output_model");
  EXPECT_FALSE(fs::exists(out));
}

// A hand-written ONNX model at opset 13: input x [2, 3], output y, and the
// given nodes and int64 initializers.
fs::path WriteOnnx(const fs::path& file, const std::vector<onnx::NodeProto>& nodes,
                   const std::vector<std::pair<std::string, std::vector<int64_t>>>& ints = {}) {
  onnx::ModelProto model;
  model.set_ir_version(7);
  model.add_opset_import()->set_version(13);
  onnx::GraphProto& graph = *model.mutable_graph();
  graph.set_name("hand_written");
  for (const auto& [port, name] : {std::pair{graph.add_input(), "x"}, {graph.add_output(), "y"}}) {
    port->set_name(name);
    port->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  }
  for (const auto& [name, values] : ints) {
    onnx::TensorProto& t = *graph.add_initializer();
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::INT64);
    t.add_dims(static_cast<int64_t>(values.size()));
    for (int64_t v : values) t.add_int64_data(v);
  }
  for (const auto& node : nodes) *graph.add_node() = node;
  std::ofstream(file, std::ios::binary) << model.SerializeAsString();
  return file;
}

onnx::NodeProto OnnxNode(const std::string& op, const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs) {
  onnx::NodeProto node;
  node.set_op_type(op);
  node.set_name(op);
  for (const auto& in : inputs) node.add_input(in);
  for (const auto& out : outputs) node.add_output(out);
  return node;
}

// Found by fuzzing (onnx_optimize_fuzz): a node with fewer inputs than its
// schema requires reached the passes, which read input 0.
TEST(OptimizeCommand, NodeWithMissingInputsFailsNamingIt) {
  const fs::path dir = ScratchDir("optimize_arity");
  const fs::path model = WriteOnnx(dir / "arity.onnx", {OnnxNode("Transpose", {}, {"y"})});
  const std::string out = (dir / "out.onnx").string();
  const CliRun run = RunCli({"optimize", "--input_model", model.string(), "--output_model", out});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_CONTAINS(run.output, "arity.onnx: node 'Transpose' (Transpose) has 0 inputs");
  EXPECT_FALSE(fs::exists(out));
}

// A constant of 16 Gi elements (ConstantOfShape of [65536, 65536]) is never
// computed by constant folding: the command finishes at once and the node
// stays.
TEST(OptimizeCommand, HugeConstantIsNotMaterialised) {
  const fs::path dir = ScratchDir("optimize_huge");
  const fs::path model = WriteOnnx(
      dir / "huge.onnx",
      {OnnxNode("ConstantOfShape", {"shape"}, {"big"}), OnnxNode("Add", {"big", "x"}, {"y"})},
      {{"shape", {65536, 65536}}});
  const std::string out = (dir / "out.onnx").string();
  const CliRun run = RunCli({"optimize", "--input_model", model.string(), "--output_model", out,
                             "--enable_onnx_checker", "False"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(CountOps(emit::ReadModel(out), "ConstantOfShape"), 1);
}

// --input_shape_dict at conversion: the cls model with a fixed input computes
// the reference outputs, and its shape computations are folded away.
TEST(InputShapeDictConversion, FixedClsModelMatchesTheReference) {
  const fs::path dir = ScratchDir("input_shape_dict_cls");
  const std::vector<ReferenceCase> cases = ReferenceCases(ClsModel());
  ASSERT_FALSE(cases.empty());
  std::vector<OrtJob> jobs;
  for (int opset : {7, 11, 17}) {
    ConvertOptions options;
    options.model_dir = ClsModel().string();
    options.save_file = (dir / ("fixed_" + std::to_string(opset) + ".onnx")).string();
    options.opset_version = opset;
    options.input_shape_dict = {{"x", {1, 3, 32, 100}}};
    Convert(options);
    const emit::Model model = emit::ReadModel(options.save_file);
    EXPECT_EQ(model.inputs.at(0).dims, (std::vector<int64_t>{1, 3, 32, 100}));
    EXPECT_TRUE(model.inputs.at(0).dim_params.at(0).empty());
    EXPECT_EQ(CountOps(model, "Shape"), 0) << "opset " << opset;
    jobs.push_back({options.save_file, cases.front().LoadInputs()});
  }
  const auto outputs = RunOrt(jobs);
  ASSERT_EQ(outputs.size(), jobs.size());
  for (size_t k = 0; k < outputs.size(); ++k) {
    EXPECT_TRUE(AllClose(outputs[k], cases.front().LoadOutputs(), kTol)) << jobs[k].model;
  }
}

TEST(InputShapeDictConversion, CommandLineErrorsNameTheInput) {
  const fs::path dir = ScratchDir("input_shape_dict_cli");
  const std::string out = (dir / "cls.onnx").string();
  const CliRun unknown = RunCli({"--model_dir", ClsModel().string(), "--save_file", out,
                                 "--input_shape_dict", "{'y': [1, 3, 32, 100]}"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_CONTAINS(unknown.output, "'y', which is not a model input");
  EXPECT_FALSE(fs::exists(out));
  const CliRun ok = RunCli({"--model_dir", ClsModel().string(), "--save_file", out,
                            "--input_shape_dict", "{\"x\": [2, -1, -1, -1]}"});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_EQ(emit::ReadModel(out).inputs.at(0).dims, (std::vector<int64_t>{2, 3, 32, 100}));
}

}  // namespace
}  // namespace pd2onnx::testing

// `pd2onnx verify`: the interpreter and the evaluator agree on a zoo model,
// a wrong ONNX file is caught, and bad flags are usage errors.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "program_builder.h"
#include "support/npy.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

CliRun RunVerify(std::vector<std::string> args) {
  args.insert(args.begin(), "verify");
  return RunCli(args);
}

// y = activation(x) for x of `shape`.
fs::path WriteActivationModel(const std::string& activation, const std::string& dir_name,
                              const std::vector<int64_t>& shape = {2, 3}) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, shape);
  p.Var("y", DataType::kFloat32, shape);
  p.Op(activation).In("X", {"x"}).Out("Out", {"y"});
  p.Output("y");
  const fs::path dir = ScratchDir(dir_name);
  p.Write(dir);
  return dir;
}

std::string OutputLine(const std::string& output, const std::string& name) {
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + " ", 0) == 0) return line;
  }
  return "";
}

TEST(Verify, ZooModelPrintsEveryOutputAsOk) {
  const fs::path dir = ModelZoo() / "ch_ppocr_mobile_v2.0_cls_infer";
  const graph::Program program = paddle::LoadModel(paddle::LocateModel(dir.string(), "", ""));
  const CliRun run = RunVerify({"--model_dir", dir.string(), "--opset_version", "13"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  ASSERT_FALSE(program.outputs.empty());
  for (const std::string& name : program.outputs) {
    const std::string line = OutputLine(run.output, name);
    EXPECT_CONTAINS(line, "OK");
    EXPECT_CONTAINS(line, "max_abs_diff");
  }
  EXPECT_EQ(run.output.find("MISMATCH"), std::string::npos) << run.output;
}

TEST(Verify, GraphOnlyModelWithNamedFilesAndShapeDict) {
  const fs::path dir = ModelZoo() / "graph_only" / "ch_PP-OCRv4_rec_infer";
  const CliRun run =
      RunVerify({"-m", dir.string(), "-mf", "inference.pdmodel", "-pf", "random_weights.pdiparams",
                 "--input_shape_dict", "{'x': [1, 3, 48, 64]}", "--seed", "3"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_CONTAINS(run.output, "OK");
}

TEST(Verify, OnnxFileOfAnotherProgramIsAMismatch) {
  const fs::path relu = WriteActivationModel("relu", "relu");
  const fs::path sigmoid = WriteActivationModel("sigmoid", "sigmoid");
  ConvertOptions options;
  options.model_dir = sigmoid.string();
  options.save_file = (ScratchDir("sigmoid_onnx") / "sigmoid.onnx").string();
  Convert(options);

  const CliRun same =
      RunVerify({"--model_dir", sigmoid.string(), "--onnx_file", options.save_file});
  EXPECT_EQ(same.exit_code, 0) << same.output;
  EXPECT_CONTAINS(OutputLine(same.output, "y"), "OK");

  const CliRun other = RunVerify({"--model_dir", relu.string(), "--onnx_file", options.save_file});
  EXPECT_EQ(other.exit_code, 1) << other.output;
  EXPECT_CONTAINS(OutputLine(other.output, "y"), "MISMATCH");
}

TEST(Verify, BadInputShapeDictIsAUsageErrorNamingThePosition) {
  const fs::path dir = WriteActivationModel("relu", "model", {-1, 3});
  const CliRun unclosed =
      RunVerify({"--model_dir", dir.string(), "--input_shape_dict", "{'x': [1, 3}"});
  EXPECT_EQ(unclosed.exit_code, 2) << unclosed.output;
  EXPECT_CONTAINS(unclosed.output, "--input_shape_dict");
  EXPECT_CONTAINS(unclosed.output, "expected ']'");
  EXPECT_CONTAINS(unclosed.output, "position 11");

  const CliRun unquoted =
      RunVerify({"--model_dir", dir.string(), "--input_shape_dict", "{x: [1, 3]}"});
  EXPECT_EQ(unquoted.exit_code, 2) << unquoted.output;
  EXPECT_CONTAINS(unquoted.output, "quoted input name at position 1");

  const CliRun zero =
      RunVerify({"--model_dir", dir.string(), "--input_shape_dict", "{\"x\": [0, 3]}"});
  EXPECT_EQ(zero.exit_code, 2) << zero.output;
  EXPECT_CONTAINS(zero.output, "dim 0 must be positive");

  const CliRun unknown =
      RunVerify({"--model_dir", dir.string(), "--input_shape_dict", "{'z': [1, 3]}"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_CONTAINS(unknown.output, "'z'");
}

TEST(Verify, UnknownNonBatchDimNeedsTheShapeDict) {
  const fs::path dir = WriteActivationModel("sigmoid", "model", {-1, -1});
  const CliRun missing = RunVerify({"--model_dir", dir.string()});
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_CONTAINS(missing.output, "input 'x' has an unknown dim 1");

  const CliRun given =
      RunVerify({"--model_dir", dir.string(), "--input_shape_dict", "{'x': [-1, 5]}"});
  EXPECT_EQ(given.exit_code, 0) << given.output;
  EXPECT_CONTAINS(OutputLine(given.output, "y"), "[1,5]");
}

TEST(Verify, InputsFromNpyFiles) {
  const fs::path dir = WriteActivationModel("relu", "model", {-1, 3});
  const fs::path npy = ScratchDir("npy") / "x.npy";
  support::WriteNpy(
      npy, HostTensor::From(DataType::kFloat32, {4, 3},
                            std::vector<float>{-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12}));
  const CliRun run = RunVerify({"--model_dir", dir.string(), "--inputs", "x=" + npy.string()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_CONTAINS(OutputLine(run.output, "y"), "[4,3]");
  EXPECT_CONTAINS(OutputLine(run.output, "y"), "OK");

  const CliRun bad = RunVerify({"--model_dir", dir.string(), "--inputs", "nosuch=" + npy.string()});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_CONTAINS(bad.output, "'nosuch'");
}

}  // namespace
}  // namespace pd2onnx::testing

// The library API (include/pd2onnx/pd2onnx.h): results instead of
// exceptions, bytes or files, and model descriptions without converting.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pd2onnx/pd2onnx.h"
#include "program_builder.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

// x [-1, 4] -> relu -> scale -> y, with an unsupported op when asked.
fs::path WriteSmallModel(const std::string& name, bool with_unsupported_op = false) {
  ProgramBuilder program;
  program.Input("x", DataType::kFloat32, {-1, 4});
  program.Var("r", DataType::kFloat32, {-1, 4});
  program.Var("y", DataType::kFloat32, {-1, 4});
  program.Param("w", HostTensor(DataType::kFloat32, {4}));
  program.Op("relu").In("X", {"x"}).Out("Out", {"r"});
  program.Op("elementwise_add").In("X", {"r"}).In("Y", {"w"}).Out("Out", {"y"}).Attr("axis", -1);
  if (with_unsupported_op) {
    program.Var("z", DataType::kFloat32, {-1, 4});
    program.Op("no_such_paddle_op").In("X", {"y"}).Out("Out", {"z"});
    program.Op("no_such_paddle_op").In("X", {"z"}).Out("Out", {"y"});
  }
  program.Output("y");
  const fs::path dir = ScratchDir(name);
  program.Write(dir);
  return dir;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ConvertOptions OptionsFor(const fs::path& dir) {
  ConvertOptions options;
  options.model_dir = dir.string();
  options.save_file = (dir / "out" / "model.onnx").string();
  return options;
}

TEST(Api, ReturnsTheSameBytesItWouldWriteWithoutWritingAFile) {
  const fs::path dir = WriteSmallModel("bytes");
  ConvertOptions options = OptionsFor(dir);
  const Result written = ConvertModel(options);
  ASSERT_TRUE(written.ok()) << written.error;
  EXPECT_EQ(written.save_file, options.save_file);

  options.write_file = false;
  options.save_file = (dir / "never" / "model.onnx").string();
  const Result in_memory = ConvertModel(options);
  ASSERT_TRUE(in_memory.ok()) << in_memory.error;
  EXPECT_TRUE(in_memory.save_file.empty());
  EXPECT_FALSE(fs::exists(dir / "never"));
  EXPECT_EQ(in_memory.onnx_bytes, ReadFile(written.save_file));
  EXPECT_EQ(in_memory.paddle_ops, 2);
  EXPECT_EQ(in_memory.opset_version, 11);
}

TEST(Api, DescribesInputsAndOutputs) {
  const Result result = ConvertModel(OptionsFor(WriteSmallModel("io")));
  ASSERT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(result.inputs.size(), 1u);
  EXPECT_EQ(result.inputs[0].name, "x");
  EXPECT_EQ(result.inputs[0].dtype, "float32");
  EXPECT_EQ(result.inputs[0].shape, (std::vector<int64_t>{-1, 4}));
  ASSERT_EQ(result.outputs.size(), 1u);
  EXPECT_EQ(result.outputs[0].name, "y");
}

TEST(Api, ReportsFailuresAsStatusesNotExceptions) {
  ConvertOptions missing;
  missing.model_dir = "/no/such/model/dir";
  missing.save_file = (ScratchDir("missing") / "m.onnx").string();
  const Result not_found = ConvertModel(missing);
  EXPECT_EQ(not_found.status, Status::kInvalidModel);
  EXPECT_NE(not_found.error.find("/no/such/model/dir"), std::string::npos) << not_found.error;
  EXPECT_EQ(ExitCode(not_found.status), 1);
  EXPECT_FALSE(fs::exists(missing.save_file));

  ConvertOptions bad_opset = OptionsFor(WriteSmallModel("opset"));
  bad_opset.opset_version = 6;
  const Result usage = ConvertModel(bad_opset);
  EXPECT_EQ(usage.status, Status::kUsageError);
  EXPECT_EQ(ExitCode(usage.status), 2);
  EXPECT_STREQ(StatusName(usage.status), "usage error");
}

TEST(Api, ListsUnsupportedOpsWithCountsAndLeavesNoFile) {
  const ConvertOptions options = OptionsFor(WriteSmallModel("unsupported", true));
  const Result result = ConvertModel(options);
  EXPECT_EQ(result.status, Status::kUnsupported);
  ASSERT_EQ(result.unsupported_ops.size(), 1u);
  EXPECT_EQ(result.unsupported_ops[0].type, "no_such_paddle_op");
  EXPECT_EQ(result.unsupported_ops[0].count, 2);
  EXPECT_EQ(result.unsupported_ops[0].first_output, "z");
  EXPECT_NE(result.error.find("no_such_paddle_op"), std::string::npos) << result.error;
  EXPECT_FALSE(fs::exists(options.save_file));
}

TEST(Api, InspectsAModelWithoutConverting) {
  const fs::path dir = WriteSmallModel("inspect", true);
  const ModelInfo info = Inspect({dir.string(), "", ""});
  ASSERT_TRUE(info.ok()) << info.error;
  EXPECT_EQ(info.format, "ProgramDesc");
  EXPECT_EQ(fs::path(info.program_file).filename(), "model.pdmodel");
  EXPECT_EQ(fs::path(info.params_file).filename(), "model.pdiparams");
  EXPECT_EQ(info.blocks, 1);
  EXPECT_EQ(info.params_count, 1);
  EXPECT_EQ(info.params_bytes, 16);
  EXPECT_EQ(info.op_histogram, (std::map<std::string, int64_t>{
                                   {"elementwise_add", 1}, {"no_such_paddle_op", 2}, {"relu", 1}}));
  ASSERT_EQ(info.unsupported_ops.size(), 1u);
  EXPECT_EQ(info.unsupported_ops[0].count, 2);
  EXPECT_EQ(info.inputs.at(0).name, "x");
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(Api, InspectGivesTheLowestOpsetTheOpsAllow) {
  const ModelInfo info = Inspect({WriteSmallModel("min_opset").string(), "", ""});
  ASSERT_TRUE(info.ok()) << info.error;
  EXPECT_TRUE(info.unsupported_ops.empty());
  EXPECT_EQ(info.min_opset, 7);  // relu and Add exist since opset 7
}

TEST(Api, InspectDescribesTheProgramWhenItsParamsAreUnreadable) {
  const fs::path dir = WriteSmallModel("truncated");
  fs::resize_file(dir / "model.pdiparams", 10);
  const ModelInfo info = Inspect({dir.string(), "", ""});
  ASSERT_TRUE(info.ok()) << info.error;
  EXPECT_NE(info.params_error.find("model.pdiparams"), std::string::npos) << info.params_error;
  EXPECT_EQ(info.op_histogram.size(), 2u);
  EXPECT_EQ(info.params_count, 1);
  EXPECT_EQ(info.params_bytes, 0);
}

TEST(Api, InspectReportsAnUnreadableProgram) {
  const fs::path dir = WriteSmallModel("bad_program");
  fs::resize_file(dir / "model.pdmodel", 7);
  const ModelInfo info = Inspect({dir.string(), "", ""});
  EXPECT_EQ(info.status, Status::kInvalidModel);
  EXPECT_NE(info.error.find("model.pdmodel"), std::string::npos) << info.error;
}

}  // namespace
}  // namespace pd2onnx::testing

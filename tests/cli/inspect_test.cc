// `pd2onnx inspect`: describe a model without converting it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

TEST(Inspect, DescribesAModelFolder) {
  const CliRun run = RunCli({"inspect", (ModelZoo() / "mnist_mlp_fluid").string()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_CONTAINS(run.output, "__model__ (ProgramDesc");
  EXPECT_CONTAINS(run.output, "one file per variable (6 tensors");
  EXPECT_CONTAINS(run.output, "input:    image float32 [-1, 1, 28, 28]");
  EXPECT_CONTAINS(run.output, "output:   save_infer_model/scale_0.tmp_4 float32 [-1, 10]");
  EXPECT_CONTAINS(run.output, "  mul                              3");
  EXPECT_CONTAINS(run.output, "unsupported: none; lowest opset: 7");
}

TEST(Inspect, NamesTheUnsupportedOpsAsJson) {
  const CliRun run = RunCli(
      {"inspect", (ModelZoo() / "textcnn_lod_seqconv_fluid" / "__model__").string(), "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const auto info = nlohmann::json::parse(run.output);
  EXPECT_EQ(info["format"], "ProgramDesc");
  EXPECT_EQ(info["unsupported_ops"][0]["type"], "sequence_conv");
  EXPECT_EQ(info["unsupported_ops"][0]["count"], 2);
  EXPECT_EQ(info["ops"]["sequence_conv"], 2);
}

TEST(Inspect, DescribesAGraphOnlyProgramWithoutWeights) {
  const CliRun run =
      RunCli({"inspect", (ModelZoo() / "graph_only" / "ssd_mobilenet_fluid_combined").string()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_CONTAINS(run.output, "not readable: ");
  EXPECT_CONTAINS(run.output, "missing parameter file");
  EXPECT_CONTAINS(run.output, "multiclass_nms");
  EXPECT_CONTAINS(run.output, "unsupported: none");
}

TEST(Inspect, FailsClearlyOnAMissingModel) {
  const CliRun run = RunCli({"inspect", "/no/such/model"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_CONTAINS(run.output, "/no/such/model");
  const CliRun usage = RunCli({"inspect"});
  EXPECT_EQ(usage.exit_code, 2);
}

}  // namespace
}  // namespace pd2onnx::testing

// The optimizer inside the converter: on by default, off with
// enable_optimize = false, deterministic bytes, and the optimized model
// computes what the unoptimized one does.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <cstdlib>
#include <fstream>

#include "compare.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "pd2onnx/convert.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

// conv2d → batch_norm → relu: the BN folds into the Conv.
ProgramBuilder ConvBnProgram() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 3, 8, 8})
      .Param("w", RandomTensor(DataType::kFloat32, {4, 3, 3, 3}, 1))
      .Param("scale", RandomTensor(DataType::kFloat32, {4}, 2, 0.5, 1.5))
      .Param("bias", RandomTensor(DataType::kFloat32, {4}, 3))
      .Param("mean", RandomTensor(DataType::kFloat32, {4}, 4))
      .Param("variance", RandomTensor(DataType::kFloat32, {4}, 5, 0.1, 2.0))
      .Var("conv", DataType::kFloat32, {-1, 4, 8, 8})
      .Var("bn", DataType::kFloat32, {-1, 4, 8, 8})
      .Var("saved_mean", DataType::kFloat32, {4})
      .Var("saved_variance", DataType::kFloat32, {4})
      .Var("y", DataType::kFloat32, {-1, 4, 8, 8});
  p.Op("conv2d")
      .In("Input", {"x"})
      .In("Filter", {"w"})
      .Out("Output", {"conv"})
      .Attr("strides", std::vector<int>{1, 1})
      .Attr("paddings", std::vector<int>{1, 1})
      .Attr("dilations", std::vector<int>{1, 1})
      .Attr("groups", 1);
  p.Op("batch_norm")
      .In("X", {"conv"})
      .In("Scale", {"scale"})
      .In("Bias", {"bias"})
      .In("Mean", {"mean"})
      .In("Variance", {"variance"})
      .Out("Y", {"bn"})
      .Out("MeanOut", {"mean"})
      .Out("VarianceOut", {"variance"})
      .Out("SavedMean", {"saved_mean"})
      .Out("SavedVariance", {"saved_variance"})
      .Attr("epsilon", 1e-5f)
      .Attr("momentum", 0.9f)
      .Attr("is_test", true);
  p.Op("relu").In("X", {"bn"}).Out("Out", {"y"});
  p.Output("y");
  return p;
}

ConvertResult ConvertTo(const fs::path& dir, const std::string& file, bool optimize) {
  ConvertOptions options;
  options.model_dir = dir.string();
  options.save_file = (dir / file).string();
  options.enable_optimize = optimize;
  return Convert(options);
}

std::string ConvertBytes(const fs::path& dir) {
  ConvertOptions options;
  options.model_dir = dir.string();
  options.write_file = false;
  return Convert(options).onnx_bytes;
}

TEST(OptimizeConvertTest, OnByDefaultOffOnRequestSameOutputs) {
  const fs::path dir = ScratchDir("optimize_convert");
  ConvBnProgram().Write(dir);
  EXPECT_TRUE(ConvertOptions{}.enable_optimize);
  const ConvertResult on = ConvertTo(dir, "on.onnx", true);
  const ConvertResult off = ConvertTo(dir, "off.onnx", false);
  EXPECT_EQ(on.onnx_nodes, 2);  // Conv (BN folded), Relu
  EXPECT_EQ(off.onnx_nodes, 3);
  const interp::TensorMap inputs = {
      {"x", RandomTensor(DataType::kFloat32, {2, 3, 8, 8}, 9, -2, 2)}};
  const auto results = RunOrt({{dir / "on.onnx", inputs}, {dir / "off.onnx", inputs}});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(AllClose(results[0], results[1]));
}

TEST(OptimizeConvertTest, TwoConversionsAreByteIdentical) {
  const fs::path dir = ScratchDir("optimize_determinism");
  ConvBnProgram().Write(dir);
  const std::string first = ConvertBytes(dir);
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, ConvertBytes(dir));
}

// The CLI flag, paddle2onnx style.
TEST(OptimizeConvertTest, CliFlagDisablesPasses) {
  const fs::path dir = ScratchDir("optimize_cli");
  ConvBnProgram().Write(dir);
  const std::string cli = CliPath().string();
  const std::string base = cli + " --model_dir " + dir.string() + " --save_file ";
  ASSERT_EQ(
      std::system((base + (dir / "on.onnx").string() + " > " + (dir / "on.log").string() + " 2>&1")
                      .c_str()),
      0);
  ASSERT_EQ(std::system((base + (dir / "off.onnx").string() + " --enable_optimize False > " +
                         (dir / "off.log").string() + " 2>&1")
                            .c_str()),
            0);
  onnx::ModelProto on, off;
  std::ifstream on_file(dir / "on.onnx", std::ios::binary),
      off_file(dir / "off.onnx", std::ios::binary);
  ASSERT_TRUE(on.ParseFromIstream(&on_file));
  ASSERT_TRUE(off.ParseFromIstream(&off_file));
  EXPECT_EQ(on.graph().node_size(), 2);
  EXPECT_EQ(off.graph().node_size(), 3);
}

}  // namespace
}  // namespace pd2onnx::testing

namespace pd2onnx::testing {
namespace {

// A constant whose value would take 16 GiB (fill_constant [65536, 65536])
// must not be computed by constant folding: conversion stays fast and small,
// the ConstantOfShape (or its equivalent) stays in the graph.
TEST(OptimizeConvert, NeverMaterialisesHugeConstants) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {1})
      .Var("big", DataType::kFloat32, {65536, 65536})
      .Var("y", DataType::kFloat32, {65536, 65536});
  p.Op("fill_constant")
      .Out("Out", {"big"})
      .Attr("shape", std::vector<int64_t>{65536, 65536})
      .Attr("dtype", static_cast<int>(DataType::kFloat32))
      .Attr("value", 2.0f);
  p.Op("elementwise_add").In("X", {"big"}).In("Y", {"x"}).Out("Out", {"y"}).Attr("axis", -1);
  p.Output("y");
  const fs::path dir = ScratchDir("huge_constant");
  p.Write(dir);
  ConvertOptions options;
  options.model_dir = dir.string();
  options.save_file = (dir / "model.onnx").string();
  options.opset_version = 13;
  Convert(options);
  EXPECT_LT(fs::file_size(options.save_file), 4096u);
}

}  // namespace
}  // namespace pd2onnx::testing

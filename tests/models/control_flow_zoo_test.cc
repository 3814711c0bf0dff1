// graph_only zoo programs for the control-flow work (issue 4): SLANet's
// decoder is a while loop (→ Loop) whose body feeds an argmax back, checked
// against the stored reference fixture and the interpreter; the other
// programs get random weights (tests/support/random_weights.h) and are
// checked against the interpreter at opsets 11 and 17.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "compare.h"
#include "fixtures.h"
#include "interpreter/interpreter.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "random_weights.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kOpsets[] = {11, 17};

struct Converted {
  fs::path file;
  ConvertResult result;
};

// Converts at each opset of kOpsets; fails the test on an error.
std::vector<Converted> ConvertAtOpsets(const fs::path& model_dir, const std::string& program,
                                       const fs::path& params, const std::string& stem) {
  std::vector<Converted> converted;
  const fs::path out_dir = ScratchDir(stem);
  for (int opset : kOpsets) {
    ConvertOptions options;
    options.model_dir = model_dir.string();
    options.model_filename = program;
    options.params_filename = params.string();
    options.save_file = (out_dir / ("model_" + std::to_string(opset) + ".onnx")).string();
    options.opset_version = opset;
    try {
      converted.push_back({options.save_file, Convert(options)});
    } catch (const Error& e) {
      ADD_FAILURE() << stem << " at opset " << opset << ": " << e.message();
      return {};
    }
    const ConvertResult& r = converted.back().result;
    std::printf("[ %s ] opset %d -> %d: %lld nodes, %.2f s\n", stem.c_str(), opset, r.opset_version,
                static_cast<long long>(r.onnx_nodes), r.seconds);
  }
  return converted;
}

interp::TensorMap Interpret(const fs::path& model_dir, const std::string& program,
                            const fs::path& params, const interp::TensorMap& feeds) {
  const graph::Program loaded =
      paddle::LoadModel(paddle::LocateModel(model_dir.string(), program, params.string()));
  return interp::Run(loaded, feeds);
}

void ExpectAllClose(const interp::TensorMap& got, const interp::TensorMap& want, double tol,
                    const std::string& label) {
  for (const auto& [name, expected] : want) {
    const auto it = got.find(name);
    ASSERT_NE(it, got.end()) << label << ": no output '" << name << "'";
    EXPECT_TRUE(AllClose(it->second, expected, tol)) << label << ", output '" << name << "'";
  }
}

// ---- SLANet: while → Loop ----------------------------------------------------

// The stored fixture keeps Paddle's fetch names (REFERENCE_STATUS.md). The
// decoder loop runs 501 steps feeding argmax back, so both the reference
// converter's output and the interpreter are compared.
TEST(ControlFlowZoo, SlaNetWhileLoopMatchesReferenceAndInterpreter) {
  const fs::path dir = ModelZoo() / "graph_only" / "ch_ppstructure_mobile_v2.0_SLANet_infer";
  const fs::path params = dir / "random_weights.pdiparams";
  const auto cases = ReferenceCases(dir);
  ASSERT_FALSE(cases.empty());
  const ReferenceCase& random = cases.front();
  const auto converted = ConvertAtOpsets(dir, "inference.pdmodel", params, "slanet");
  ASSERT_EQ(converted.size(), std::size(kOpsets));
  std::vector<OrtJob> jobs;
  for (const Converted& c : converted) jobs.push_back({c.file, random.LoadInputs()});
  const auto outputs = RunOrt(jobs);
  const interp::TensorMap reference = random.LoadOutputs();
  const interp::TensorMap interpreted =
      Interpret(dir, "inference.pdmodel", params, random.LoadInputs());
  ExpectAllClose(interpreted, reference, 1e-4, "interpreter vs stored reference");
  for (size_t i = 0; i < outputs.size(); ++i) {
    const std::string label = "opset " + std::to_string(converted[i].result.opset_version);
    ExpectAllClose(outputs[i], reference, 1e-4, label + " vs stored reference");
    ExpectAllClose(outputs[i], interpreted, 1e-4, label + " vs interpreter");
  }
}

// ---- Random-weight programs ----------------------------------------------------

struct RandomWeightModel {
  const char* folder;
  const char* program;
  const char* input;
  std::vector<int64_t> dims;
  double tol;
};

const RandomWeightModel kRandomWeightModels[] = {
    {"ch_PP-OCRv3_rec_infer", "inference.pdmodel", "x", {1, 3, 48, 160}, 1e-4},
    {"ch_PP-OCRv4_det_infer", "inference.pdmodel", "x", {1, 3, 64, 96}, 1e-3},
    {"bisenet_voc12aug", "model.pdmodel", "x", {1, 3, 64, 64}, 1e-4},
    {"pphgnetv2_b0_plate_cls", "inference.pdmodel", "x", {1, 3, 224, 224}, 1e-4},
    {"resnet_paddle3_legacy_pdmodel", "inference.pdmodel", "x", {1, 3, 224, 224}, 1e-4},
};

class RandomWeightZooTest : public ::testing::TestWithParam<RandomWeightModel> {};

TEST_P(RandomWeightZooTest, MatchesInterpreterAt11And17) {
  const RandomWeightModel& m = GetParam();
  const fs::path dir = ModelZoo() / "graph_only" / m.folder;
  const fs::path params = ScratchDir(std::string("weights_") + m.folder) / "random.pdiparams";
  WriteRandomWeightsFor(dir / m.program, params);
  const graph::Program loaded =
      paddle::LoadModel(paddle::LocateModel(dir.string(), m.program, params.string()));
  ASSERT_EQ(loaded.inputs.size(), 1u);
  ASSERT_EQ(loaded.inputs[0], m.input);
  const interp::TensorMap feeds = {
      {m.input, RandomTensor(DataType::kFloat32, m.dims, 11, 0.0, 1.0)}};
  const interp::TensorMap reference = interp::Run(loaded, feeds);
  for (const auto& [name, value] : reference) {
    for (double v : value.ToDouble()) ASSERT_FALSE(std::isnan(v)) << name << " has NaN";
  }
  const auto converted = ConvertAtOpsets(dir, m.program, params, m.folder);
  ASSERT_EQ(converted.size(), std::size(kOpsets));
  std::vector<OrtJob> jobs;
  for (const Converted& c : converted) jobs.push_back({c.file, feeds});
  const auto outputs = RunOrt(jobs);
  for (size_t i = 0; i < outputs.size(); ++i) {
    ExpectAllClose(outputs[i], reference, m.tol,
                   "opset " + std::to_string(converted[i].result.opset_version));
  }
}

INSTANTIATE_TEST_SUITE_P(GraphOnly, RandomWeightZooTest, ::testing::ValuesIn(kRandomWeightModels),
                         [](const auto& param_info) {
                           std::string name = param_info.param.folder;
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

}  // namespace
}  // namespace pd2onnx::testing

// Real models from the shared zoo: convert at several opsets, run in ONNX
// Runtime on the stored reference inputs, and compare every output with the
// stored reference outputs (tolerances from MANIFEST.md "Reference fixtures").
#include <gtest/gtest.h>

#include <algorithm>

#include "compare.h"
#include "fixtures.h"
#include "ort_runner.h"
#include "pd2onnx/convert.h"
#include "support/error.h"
#include "test_env.h"
#include "zoo_models.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

// Exact equality for integer tensors except for at most `allowed` elements.
::testing::AssertionResult MostlyEqual(const graph::HostTensor& got, const graph::HostTensor& want,
                                       int allowed) {
  if (got.dtype != want.dtype || got.dims != want.dims) return AllClose(got, want);
  const std::vector<int64_t> a = got.ToInt64();
  const std::vector<int64_t> b = want.ToInt64();
  int differing = 0;
  for (size_t i = 0; i < a.size(); ++i) differing += a[i] != b[i] ? 1 : 0;
  if (differing <= allowed) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << differing << " elements differ, " << allowed << " allowed";
}

::testing::AssertionResult MatchesReference(const interp::TensorMap& got,
                                            const interp::TensorMap& want, const ZooModel& model) {
  for (const auto& [name, expected] : want) {
    const auto it = got.find(name);
    if (it == got.end()) return ::testing::AssertionFailure() << "no output '" << name << "'";
    const bool integer = graph::IsInteger(expected.dtype);
    const auto result = integer && model.int_mismatches > 0
                            ? MostlyEqual(it->second, expected, model.int_mismatches)
                            : AllClose(it->second, expected, model.tol);
    if (!result)
      return ::testing::AssertionFailure() << "output '" << name << "': " << result.message();
  }
  return ::testing::AssertionSuccess();
}

constexpr int kOpsets[] = {7, 9, 11, 17};

class ModelZooTest : public ::testing::TestWithParam<ZooModel> {};

TEST_P(ModelZooTest, MatchesReferenceOutputsAtEveryOpset) {
  const ZooModel& zoo_model = GetParam();
  const fs::path model_dir = ModelZoo() / zoo_model.name;
  const std::vector<ReferenceCase> cases = ReferenceCases(model_dir);
  ASSERT_FALSE(cases.empty()) << model_dir << " has no reference cases";

  const fs::path out_dir = ScratchDir(fs::path(zoo_model.name).filename().string());
  std::vector<OrtJob> jobs;
  std::vector<std::pair<int, const ReferenceCase*>> labels;
  for (int opset : kOpsets) {
    ConvertOptions options;
    options.model_dir = model_dir.string();
    options.model_filename = zoo_model.model_filename;
    options.params_filename = zoo_model.params_filename;
    options.save_file = (out_dir / ("model_" + std::to_string(opset) + ".onnx")).string();
    options.opset_version = opset;
    ConvertResult result;
    try {
      result = Convert(options);
    } catch (const Error& e) {
      FAIL() << "opset " << opset << ": " << e.message();
    }
    EXPECT_GE(result.opset_version, opset);
    for (const ReferenceCase& c : cases) {
      jobs.push_back({options.save_file, c.LoadInputs()});
      labels.emplace_back(result.opset_version, &c);
    }
  }
  const std::vector<interp::TensorMap> outputs = RunOrt(jobs);
  ASSERT_EQ(outputs.size(), jobs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    const auto& [opset, reference] = labels[i];
    EXPECT_TRUE(MatchesReference(outputs[i], reference->LoadOutputs(), zoo_model))
        << zoo_model.name << " case '" << reference->name << "' at opset " << opset;
  }
}

INSTANTIATE_TEST_SUITE_P(SharedZoo, ModelZooTest, ::testing::ValuesIn(ReferenceZooModels()),
                         [](const auto& param_info) { return ZooTestName(param_info.param.name); });

// The semantic oracle of MANIFEST.md: sample_infer_3.png shows a 3.
TEST(ModelZooSemantics, MnistMlpReadsTheDigitThree) {
  const fs::path model_dir = ModelZoo() / "mnist_mlp_fluid";
  const fs::path image_case = model_dir / "reference" / "image";
  const auto cases = ReferenceCases(model_dir);
  const auto it = std::find_if(cases.begin(), cases.end(),
                               [](const ReferenceCase& c) { return c.name == "image"; });
  ASSERT_NE(it, cases.end()) << image_case;

  ConvertOptions options;
  options.model_dir = model_dir.string();
  options.save_file = (ScratchDir("mnist") / "mnist.onnx").string();
  Convert(options);
  const auto outputs = RunOrt({{options.save_file, it->LoadInputs()}});
  const graph::HostTensor& probabilities = outputs.at(0).at("save_infer_model/scale_0.tmp_4");
  const std::vector<float> p = probabilities.ToVector<float>();
  ASSERT_EQ(p.size(), 10u);
  EXPECT_EQ(std::max_element(p.begin(), p.end()) - p.begin(), 3);
  EXPECT_GT(p[3], 0.9f);
}

// LoD sequence models cannot be expressed in ONNX: the converter must say
// so, listing the sequence ops, and write nothing.
TEST(ModelZooNegative, LodTextCnnFailsNamingItsSequenceOps) {
  ConvertOptions options;
  options.model_dir = (ModelZoo() / "textcnn_lod_seqconv_fluid").string();
  options.save_file = (ScratchDir("textcnn") / "textcnn.onnx").string();
  try {
    Convert(options);
    FAIL() << "conversion of a LoD model succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
    EXPECT_NE(e.message().find("sequence_conv x2"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("sequence_pool x2"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("LoD sequence models cannot be expressed in ONNX"),
              std::string::npos)
        << e.message();
    EXPECT_NE(e.message().find("padded"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("sequence_mask"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("paddle.jit.save"), std::string::npos) << e.message();
  }
  EXPECT_FALSE(fs::exists(options.save_file));
}

}  // namespace
}  // namespace pd2onnx::testing

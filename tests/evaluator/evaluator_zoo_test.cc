// The evaluator on the shared zoo: each model with reference cases is
// converted at opsets 7, 11 and 17, run in the evaluator on the stored
// inputs, and compared with the stored outputs (the tolerances of
// tests/models/model_zoo_test.cc).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "compare.h"
#include "evaluator/evaluator.h"
#include "fixtures.h"
#include "pd2onnx/convert.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

struct ZooModel {
  const char* name;
  double tol;  // relative to max(1, max|reference|)
  const char* model_filename = "";
  const char* params_filename = "";
  int int_mismatches = 0;  // argmax near-ties allowed to flip (MANIFEST.md)
};

const ZooModel kModels[] = {
    {"ch_PP-OCRv2_det_infer", 1e-3},
    {"ch_PP-OCRv3_det_infer", 1e-3},
    {"ch_ppocr_mobile_v2.0_cls_infer", 1e-4},
    {"ch_ppocr_mobile_v2.0_cls_infer_p232", 1e-4},
    {"en_ppocr_mobile_v2.0_det_infer", 1e-3},
    {"fit_a_line_fluid", 1e-4},
    {"fluid2018_mlp_tanh", 1e-4},
    {"lite_autoscan_fill_constant_combined", 1e-4},
    {"lite_simple_conv_bn_relu", 1e-4},
    {"mnist_mlp_fluid", 1e-4},
    {"mobilenetv3_small_x0_35_multilabel", 1e-4},
    {"nafnet_doc_restore_bdpan", 1e-4},
    {"portrait_pp_humansegv1_lite_398x224", 1e-4},
    {"portrait_pp_humansegv2_lite_256x144", 1e-4},
    {"resnet32_cifar10_fluid2018", 1e-4},
    {"shufflenetv2_imagenet_fluid", 1e-4},
    {"squeezenet_gesture_fluid", 1e-4},
    {"word2vec_ngram_fluid", 1e-4},
    {"graph_only/ch_PP-OCRv4_rec_infer", 1e-4, "inference.pdmodel", "random_weights.pdiparams"},
    {"graph_only/hrnet_keypoint_paddle26", 1e-4, "model.pdmodel", "random_weights.pdiparams", 1},
    {"graph_only/picodet_lcnet_x1_0_fgd_layout_infer", 1e-4, "model.pdmodel",
     "random_weights.pdiparams"},
};

struct ZooCase {
  ZooModel model;
  int opset;
};

std::vector<ZooCase> AllCases() {
  std::vector<ZooCase> cases;
  for (const ZooModel& m : kModels) {
    for (int opset : {7, 11, 17}) cases.push_back({m, opset});
  }
  return cases;
}

onnx::ModelProto ReadModel(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  onnx::ModelProto model;
  EXPECT_TRUE(model.ParseFromString(bytes.str())) << path;
  return model;
}

::testing::AssertionResult MatchesReference(const interp::TensorMap& got,
                                            const interp::TensorMap& want, const ZooModel& model) {
  for (const auto& [name, expected] : want) {
    const auto it = got.find(name);
    if (it == got.end()) return ::testing::AssertionFailure() << "no output '" << name << "'";
    if (graph::IsInteger(expected.dtype) && model.int_mismatches > 0 &&
        it->second.dims == expected.dims && it->second.dtype == expected.dtype) {
      const std::vector<int64_t> a = it->second.ToInt64(), b = expected.ToInt64();
      int differing = 0;
      for (size_t k = 0; k < a.size(); ++k) differing += a[k] != b[k] ? 1 : 0;
      if (differing > model.int_mismatches) {
        return ::testing::AssertionFailure()
               << "output '" << name << "': " << differing << " elements differ";
      }
      continue;
    }
    const auto result = AllClose(it->second, expected, model.tol);
    if (!result)
      return ::testing::AssertionFailure() << "output '" << name << "': " << result.message();
  }
  return ::testing::AssertionSuccess();
}

class EvaluatorZooTest : public ::testing::TestWithParam<ZooCase> {};

TEST_P(EvaluatorZooTest, MatchesReferenceOutputs) {
  const ZooCase& zoo_case = GetParam();
  const fs::path model_dir = ModelZoo() / zoo_case.model.name;
  const std::vector<ReferenceCase> cases = ReferenceCases(model_dir);
  ASSERT_FALSE(cases.empty()) << model_dir << " has no reference cases";

  ConvertOptions options;
  options.model_dir = model_dir.string();
  options.model_filename = zoo_case.model.model_filename;
  options.params_filename = zoo_case.model.params_filename;
  options.save_file = (ScratchDir("eval") / "model.onnx").string();
  options.opset_version = zoo_case.opset;
  ConvertResult result;
  try {
    result = Convert(options);
  } catch (const Error& e) {
    FAIL() << "opset " << zoo_case.opset << ": " << e.message();
  }
  ASSERT_GE(result.opset_version, zoo_case.opset);
  const onnx::ModelProto model = ReadModel(options.save_file);
  for (const ReferenceCase& c : cases) {
    interp::TensorMap got;
    try {
      got = eval::Evaluate(model, c.LoadInputs());
    } catch (const Error& e) {
      FAIL() << "case '" << c.name << "' at opset " << result.opset_version << ": " << e.message();
    }
    EXPECT_TRUE(MatchesReference(got, c.LoadOutputs(), zoo_case.model))
        << zoo_case.model.name << " case '" << c.name << "' at opset " << result.opset_version;
  }
}

INSTANTIATE_TEST_SUITE_P(SharedZoo, EvaluatorZooTest, ::testing::ValuesIn(AllCases()),
                         [](const auto& param_info) {
                           std::string name = param_info.param.model.name;
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name + "_opset" + std::to_string(param_info.param.opset);
                         });

}  // namespace
}  // namespace pd2onnx::testing

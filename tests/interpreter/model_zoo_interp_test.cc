// The reference interpreter on whole real models: load each model of the
// shared zoo, feed every stored reference input, and compare every output
// with the stored reference output (max|got - ref| <= 1e-4·max(1, max|ref|),
// MANIFEST.md "Reference fixtures"). The references come from an
// independent converter + ONNX Runtime, so agreement checks the
// interpreter's Paddle semantics end to end.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ostream>
#include <string>

#include "compare.h"
#include "fixtures.h"
#include "interpreter/interpreter.h"
#include "paddle/model_loader.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

struct ModelCase {
  const char* model;
  const char* reference_case;  // folder under <model>/reference/
};

// Every listed case must exist: a missing fixture fails rather than skips.
// The OCR det `random` cases are weak (the map is ~0 everywhere); their
// `image` cases carry the real coverage.
const ModelCase kCases[] = {
    {"ch_ppocr_mobile_v2.0_cls_infer", "random"},
    {"ch_ppocr_mobile_v2.0_cls_infer_p232", "random"},
    {"mobilenetv3_small_x0_35_multilabel", "random"},
    {"shufflenetv2_imagenet_fluid", "image"},
    {"shufflenetv2_imagenet_fluid", "random"},
    {"resnet32_cifar10_fluid2018", "random"},
    {"squeezenet_gesture_fluid", "random"},
    {"mnist_mlp_fluid", "image"},
    {"mnist_mlp_fluid", "random"},
    {"fluid2018_mlp_tanh", "random"},
    {"fit_a_line_fluid", "random"},
    {"lite_simple_conv_bn_relu", "random"},
    {"lite_autoscan_fill_constant_combined", "random"},
    {"word2vec_ngram_fluid", "random"},
    {"ch_PP-OCRv2_det_infer", "image"},
    {"ch_PP-OCRv2_det_infer", "random"},
    {"ch_PP-OCRv3_det_infer", "image"},
    {"ch_PP-OCRv3_det_infer", "random"},
    {"nafnet_doc_restore_bdpan", "random"},
    {"portrait_pp_humansegv1_lite_398x224", "image"},
    {"portrait_pp_humansegv1_lite_398x224", "random"},
    {"portrait_pp_humansegv2_lite_256x144", "image"},
    {"portrait_pp_humansegv2_lite_256x144", "random"},
    {"en_ppocr_mobile_v2.0_det_infer", "image_receipt"},
};

// Readable parameter names in gtest messages.
void PrintTo(const ModelCase& c, std::ostream* os) { *os << c.model << "/" << c.reference_case; }

constexpr double kTolerance = 1e-4;  // relative to max(1, max|reference|)

class InterpModelZooTest : public ::testing::TestWithParam<ModelCase> {};

TEST_P(InterpModelZooTest, MatchesReferenceOutputs) {
  const ModelCase& param = GetParam();
  const auto model_dir = ModelZoo() / param.model;
  const graph::Program program = paddle::LoadModel(paddle::LocateModel(model_dir.string(), "", ""));

  const ReferenceCase* found = nullptr;
  const std::vector<ReferenceCase> cases = ReferenceCases(model_dir);
  for (const ReferenceCase& c : cases) {
    if (c.name == param.reference_case) found = &c;
  }
  ASSERT_NE(found, nullptr) << model_dir << " has no reference case " << param.reference_case;

  const interp::TensorMap inputs = found->LoadInputs();
  const interp::TensorMap want = found->LoadOutputs();
  const auto start = std::chrono::steady_clock::now();
  const interp::TensorMap got = interp::Run(program, inputs);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("interpreter_seconds", std::to_string(seconds));
  std::printf("[ interp   ] %s/%s: %.2f s\n", param.model, param.reference_case, seconds);

  EXPECT_EQ(got.size(), want.size());
  EXPECT_TRUE(AllClose(got, want, kTolerance));
}

std::string CaseName(const ::testing::TestParamInfo<ModelCase>& info) {
  std::string name = std::string(info.param.model) + "_" + info.param.reference_case;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Zoo, InterpModelZooTest, ::testing::ValuesIn(kCases), CaseName);

}  // namespace
}  // namespace pd2onnx::testing

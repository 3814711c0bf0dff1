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
#include "zoo_models.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

struct ZooCase {
  ZooModel model;
  int opset;
};

std::vector<ZooCase> AllCases() {
  std::vector<ZooCase> cases;
  for (const ZooModel& m : ReferenceZooModels()) {
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
                           return ZooTestName(param_info.param.model.name) + "_opset" +
                                  std::to_string(param_info.param.opset);
                         });

}  // namespace
}  // namespace pd2onnx::testing

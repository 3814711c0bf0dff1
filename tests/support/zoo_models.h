// The shared model zoo's models, listed once for every zoo test
// (tests/models/, tests/evaluator/, tests/interpreter/).
#pragma once

#include <string>
#include <vector>

namespace pd2onnx::testing {

// A zoo model with stored reference cases (<model>/reference/<case>/).
struct ZooModel {
  const char* name;  // folder under the zoo
  double tol;        // relative to max(1, max|reference|), MANIFEST.md
  const char* model_filename = "";
  const char* params_filename = "";
  // Integer outputs that are argmaxes of near-ties may flip (MANIFEST.md):
  // the number of elements allowed to differ.
  int int_mismatches = 0;
};

// The models with reference cases that convert today. MANIFEST.md
// recommends 1e-4 relative; models that accumulate long chains of float
// ops get the documented 1e-3 ceiling for probability maps.
const std::vector<ZooModel>& ReferenceZooModels();

// A gtest-safe name for a model folder ("graph_only/hrnet" -> "graph_only_hrnet").
std::string ZooTestName(const std::string& model_name);

}  // namespace pd2onnx::testing

// The reference fixtures of the shared model zoo: <model>/reference/<case>/
// with case.json, input.*.npy and output.*.npy (see MANIFEST.md).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "interpreter/interpreter.h"

namespace pd2onnx::testing {

struct ReferenceCase {
  std::string name;                                       // "random", "image", ...
  std::filesystem::path dir;
  std::map<std::string, std::filesystem::path> inputs;    // model input name -> .npy
  std::map<std::string, std::filesystem::path> outputs;   // fetch var name -> .npy
  std::string notes;

  interp::TensorMap LoadInputs() const;
  interp::TensorMap LoadOutputs() const;
};

// Every case with numeric outputs under <model_dir>/reference, sorted by name.
std::vector<ReferenceCase> ReferenceCases(const std::filesystem::path& model_dir);

}  // namespace pd2onnx::testing

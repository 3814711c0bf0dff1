// Runs ONNX models in ONNX Runtime 1.30.0 (npm onnxruntime-node) through the
// node runner in tools/ort_runner, exchanging tensors as .npy files. Several
// models run in one node process to amortise start-up.
#pragma once

#include <filesystem>
#include <vector>

#include "interpreter/interpreter.h"

namespace pd2onnx::testing {

struct OrtJob {
  std::filesystem::path model;
  interp::TensorMap inputs;  // by ONNX input name
};

// Returns each job's outputs by ONNX output name. Fails the test (throws
// std::runtime_error with ONNX Runtime's message) if a model does not load
// or run, or if the runtime is not installed.
std::vector<interp::TensorMap> RunOrt(const std::vector<OrtJob>& jobs);

}  // namespace pd2onnx::testing

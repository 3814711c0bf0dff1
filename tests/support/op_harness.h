// The mapper test harness: write a tiny Paddle program with ProgramBuilder,
// convert it at several opsets, run each ONNX model in ONNX Runtime, and
// compare with the reference interpreter's result (Paddle semantics).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "interpreter/interpreter.h"
#include "pd2onnx/convert.h"
#include "program_builder.h"

namespace pd2onnx::testing {

// Deterministic uniform values in [lo, hi) (integer dtypes: integers in the
// same range).
HostTensor RandomTensor(DataType dtype, const std::vector<int64_t>& dims, uint32_t seed,
                        double lo = -1.0, double hi = 1.0);

struct OpTestOptions {
  // Empty: RelevantOpsets(program), as issue 3 asks of every op test.
  std::vector<int> opsets;
  double tol = 1e-5;  // relative to max(1, max|reference|)
};

// The opsets an op test must cover, from the registry: the lowest opset the
// program converts at (the highest min_opset of its ops, which may depend on
// attributes), every opset above it where one of its ops' emitted nodes
// change (its variants), and 17 and 19.
std::vector<int> RelevantOpsets(const graph::Program& program);

// Converts `program` at every opset in options.opsets (default: RelevantOpsets), runs each result
// in ONNX Runtime on `feeds`, and expects every model output to match the interpreter's output (and
// `expected`, when given, computed by hand).
void ExpectMatchesReference(const ProgramBuilder& program, const interp::TensorMap& feeds,
                            const OpTestOptions& options = {},
                            const interp::TensorMap& expected = {});

// Options converting the program in `dir` at exactly `opset` (no automatic
// opset raise) into dir/model_<opset>.onnx.
ConvertOptions OptionsFor(const std::filesystem::path& dir, int opset);

// Expects conversion at `opset` to fail with a message containing `needle`.
void ExpectConversionFails(const ProgramBuilder& program, int opset, const std::string& needle);

}  // namespace pd2onnx::testing

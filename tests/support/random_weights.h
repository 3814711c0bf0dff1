// Random weights for the graph_only programs of the model zoo, which ship
// without parameters. The distribution follows graph_only/REFERENCE_STATUS.md
// (rank >= 2: U(+-sqrt(3/fan_in)); 1-D: U(+-0.1); batch-norm variances
// U(0.5, 1.5); integer tensors 0), so activations stay in a sane range.
// Variances are found by name as there, and also as the Variance input of
// batch_norm, which catches names the name rule misses (".bn.var"); the
// draws are the same, so files stay byte-identical where the names match.
#pragma once

#include <cstdint>
#include <filesystem>

#include "graph/program.h"

namespace pd2onnx::testing {

// Writes a combined params file for `program` (records in sorted
// persistable-name order, dims and dtype from each VarDesc).
void WriteRandomWeights(const graph::Program& program, const std::filesystem::path& out,
                        uint32_t seed = 7);

// Loads the ProgramDesc at `program_file` (no params) and writes random
// weights for it to `out`.
void WriteRandomWeightsFor(const std::filesystem::path& program_file,
                           const std::filesystem::path& out, uint32_t seed = 7);

// The same for a PIR JSON program (inference.json): its builtin.parameter
// values, in sorted-name order.
void WriteRandomWeightsForPir(const std::filesystem::path& json_file,
                              const std::filesystem::path& out, uint32_t seed = 7);

}  // namespace pd2onnx::testing

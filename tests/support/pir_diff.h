// The differential check of the PIR reader, hooked into the op harness: the
// same tiny program is also written as PIR JSON (pir_writer.h), converted at
// the same opsets, and run in the same ONNX Runtime batch; its outputs must
// be identical to those of the legacy .pdmodel conversion.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "interpreter/interpreter.h"
#include "ort_runner.h"
#include "program_builder.h"

namespace pd2onnx::testing {

struct PirJobs {
  size_t first = 0;         // index of the first PIR job in the batch
  std::vector<int> opsets;  // opset of each PIR job, in order
};

// On unless PD2ONNX_PIR_DIFF=0 is in the environment.
// Writes the PIR form of `program` under `dir`/pir, converts it at every
// opset in `opsets` and appends the jobs to `jobs` (and their opsets to
// `job_opsets`). Programs without a PIR form (ops without a PIR name,
// legacy-only attribute values) add nothing; a PIR conversion that fails is
// a test failure.
PirJobs AddPirJobs(const ProgramBuilder& program, const std::filesystem::path& dir,
                   const std::vector<int>& opsets, const interp::TensorMap& feeds,
                   std::vector<OrtJob>& jobs, std::vector<int>& job_opsets);

// Expects every PIR job's outputs to equal the legacy job's at the same
// opset (legacy jobs come first in `results`, in `legacy_opsets` order).
void ExpectPirMatchesLegacy(const std::vector<std::optional<interp::TensorMap>>& results,
                            const std::vector<int>& legacy_opsets, const PirJobs& pir);

// Legacy op types whose PIR form has been compared in this process.
const std::set<std::string>& PirCoveredOps();

}  // namespace pd2onnx::testing

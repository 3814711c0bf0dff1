#include "pir_diff.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "compare.h"
#include "pd2onnx/convert.h"
#include "pir_writer.h"
#include "support/error.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

std::set<std::string>& Covered() {
  static std::set<std::string> covered;
  return covered;
}

// Records the op types of a compared program; with PD2ONNX_PIR_COVERAGE set,
// also appends them to that file (to list coverage over a whole test run).
void RecordCoverage(const ProgramBuilder& program) {
  const char* file = std::getenv("PD2ONNX_PIR_COVERAGE");
  const paddle::proto::ProgramDesc desc = program.ToProto();
  for (const auto& op : desc.blocks(0).ops()) {
    if (op.type() == "feed" || op.type() == "fetch") continue;
    Covered().insert(op.type());
    if (file != nullptr) std::ofstream(file, std::ios::app) << op.type() << "\n";
  }
}

}  // namespace

PirJobs AddPirJobs(const ProgramBuilder& program, const fs::path& dir,
                   const std::vector<int>& opsets, const interp::TensorMap& feeds,
                   std::vector<OrtJob>& jobs, std::vector<int>& job_opsets) {
  PirJobs pir;
  pir.first = jobs.size();
  // On by default; PD2ONNX_PIR_DIFF=0 turns it off (e.g. to time the suite
  // without it).
  const char* enabled = std::getenv("PD2ONNX_PIR_DIFF");
  if (enabled != nullptr && std::string(enabled) == "0") return pir;
  const fs::path pir_dir = dir / "pir";
  if (WritePir(program, pir_dir)) return pir;  // no PIR form
  // The reader's graph does not depend on the opset: the lowest and the
  // highest opset of the test are compared (the mapper variants in between
  // are the legacy conversion's business).
  std::vector<int> compared = opsets;
  if (compared.size() > 2) compared = {compared.front(), compared.back()};
  for (int opset : compared) {
    ConvertOptions options;
    options.model_dir = pir_dir.string();
    options.model_filename = "model.json";
    options.save_file = (pir_dir / fmt::format("model_{}.onnx", opset)).string();
    options.opset_version = opset;
    options.enable_auto_update_opset = false;
    try {
      Convert(options);
    } catch (const Error& e) {
      ADD_FAILURE() << "opset " << opset << ": the PIR form does not convert: " << e.what();
      continue;
    }
    jobs.push_back({options.save_file, feeds});
    job_opsets.push_back(opset);
    pir.opsets.push_back(opset);
  }
  RecordCoverage(program);
  return pir;
}

void ExpectPirMatchesLegacy(const std::vector<std::optional<interp::TensorMap>>& results,
                            const std::vector<int>& legacy_opsets, const PirJobs& pir) {
  for (size_t k = 0; k < pir.opsets.size(); ++k) {
    const auto& got = results.at(pir.first + k);
    for (size_t i = 0; i < legacy_opsets.size(); ++i) {
      if (legacy_opsets[i] != pir.opsets[k] || !got || !results.at(i)) continue;
      EXPECT_TRUE(AllClose(*got, *results[i], 0.0))
          << "opset " << pir.opsets[k] << ": the PIR form's outputs differ from the .pdmodel's";
    }
  }
}

const std::set<std::string>& PirCoveredOps() { return Covered(); }

}  // namespace pd2onnx::testing

// `pd2onnx batch`: converts every model below a folder, each in its own
// worker process (a crash or abort in one model cannot take the batch down),
// mirroring the folder layout, and writes a JSON (and optional JUnit) report.
#pragma once

#include <optional>
#include <string>

#include "pd2onnx/pd2onnx.h"

namespace pd2onnx::cli {

struct BatchOptions {
  std::string input_dir;
  std::string output_dir;
  int jobs = 1;
  std::string report_file;  // JSON report; empty = none
  std::string junit_file;   // JUnit XML; empty = none
  bool keep_going = false;  // convert the rest after a failure
  ConvertOptions convert;   // opset, checker, ...; paths are set per model
};

// Parses `pd2onnx batch ...` (argv[0] is "batch"). nullopt after --help.
std::optional<BatchOptions> ParseBatchFlags(int argc, char** argv);

// Returns the exit code: 0 when every model converted, 1 otherwise.
int RunBatch(const BatchOptions& options);

}  // namespace pd2onnx::cli

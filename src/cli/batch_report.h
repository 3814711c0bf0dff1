// The reports of `pd2onnx batch`: one JSON entry per model (written by the
// worker from its Result) gathered into a JSON report and a JUnit XML file.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "cli/batch.h"
#include "pd2onnx/pd2onnx.h"

namespace pd2onnx::cli {

struct BatchSummary {
  size_t converted = 0;
  size_t failed = 0;  // failed or crashed
  size_t skipped = 0;
  double seconds = 0;
};

// A model's entry: status, error, inputs/outputs, opset, op and node counts,
// unsupported ops with counts, warnings.
nlohmann::json ResultJson(const Result& result);

BatchSummary Summarize(const std::vector<nlohmann::json>& entries, double seconds);

void WriteJsonReport(const BatchOptions& options, const std::vector<nlohmann::json>& entries,
                     const BatchSummary& summary);
void WriteJUnitReport(const BatchOptions& options, const std::vector<nlohmann::json>& entries,
                      const BatchSummary& summary);

}  // namespace pd2onnx::cli

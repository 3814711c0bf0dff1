// The conversion pipeline in two steps, for callers that need the program
// between loading and converting (the library API reports the model's
// inputs, outputs and unsupported ops from it).
#pragma once

#include "graph/program.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"

namespace pd2onnx::converter {

struct LoadedModel {
  paddle::ModelFiles files;
  graph::Program program;
};

// Checks the options, locates and loads the model (program and params).
LoadedModel LoadForConversion(const ConvertOptions& options);

// Maps, checks and writes (or serializes) a loaded model.
ConvertResult ConvertLoaded(const LoadedModel& loaded, const ConvertOptions& options);

}  // namespace pd2onnx::converter

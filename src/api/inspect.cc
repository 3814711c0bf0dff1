// Inspect: describe a model without converting it.
#include <filesystem>

#include "api/model_summary.h"
#include "converter/converter.h"
#include "paddle/model_loader.h"
#include "pd2onnx/pd2onnx.h"

namespace pd2onnx {

namespace {

// The lowest opset the supported ops allow (the preflight's answer when
// asked for the lowest opset with auto-update on).
int MinOpset(const graph::Program& program, const mappers::Registry& registry) {
  return converter::RunPreflight(program, registry, {emit::kMinOpset, true}).opset;
}

void Describe(const ModelSource& source, ModelInfo& info) {
  const paddle::ModelFiles files =
      paddle::LocateModel(source.model_dir, source.model_filename, source.params_filename);
  graph::Program program = paddle::LoadProgram(files);
  try {
    paddle::LoadParams(files, program);
  } catch (const Error& e) {
    info.params_error = e.message();
  }
  const mappers::Registry& registry = mappers::BuiltinRegistry();
  info.program_file = files.program.string();
  info.params_file = files.params.string();
  info.format = files.format == paddle::ProgramFormat::kPirJson ? "PIR JSON" : "ProgramDesc";
  info.program_version = program.version;
  info.blocks = static_cast<int>(program.blocks.size());
  info.params_count = static_cast<int64_t>(graph::PersistableNames(program).size());
  for (const auto& [name, tensor] : program.params)
    info.params_bytes += static_cast<int64_t>(tensor.nbytes());
  info.inputs = api::DescribeVars(program, program.inputs);
  info.outputs = api::DescribeVars(program, program.outputs);
  info.op_histogram = api::OpHistogram(program);
  info.unsupported_ops = api::UnsupportedOps(program, registry);
  if (info.unsupported_ops.empty()) info.min_opset = MinOpset(program, registry);
}

}  // namespace

ModelInfo Inspect(const ModelSource& source) noexcept {
  ModelInfo info;
  api::RunGuarded(info, [&] { Describe(source, info); });
  return info;
}

}  // namespace pd2onnx

#include "cli/inspect_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/batch_report.h"
#include "cli/exit_codes.h"
#include "cli/flags.h"
#include "pd2onnx/pd2onnx.h"
#include "support/error.h"

namespace pd2onnx::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// MODEL may name a folder or a program file inside one.
ModelSource SourceFor(const std::string& model, const std::string& model_filename,
                      const std::string& params_filename) {
  std::error_code ec;
  PD2ONNX_CHECK(fs::exists(model, ec), ErrorKind::kInvalidInput, "{}: no such file or folder",
                model);
  if (!model_filename.empty() || fs::is_directory(model, ec)) {
    return {model, model_filename, params_filename};
  }
  const fs::path path(model);
  return {path.parent_path().empty() ? "." : path.parent_path().string(), path.filename().string(),
          params_filename};
}

std::string Describe(const TensorInfo& t) {
  return fmt::format("{} {} [{}]", t.name, t.dtype.empty() ? "?" : t.dtype,
                     fmt::join(t.shape, ", "));
}

json InfoJson(const ModelInfo& info) {
  json ops = json::object();
  for (const auto& [type, count] : info.op_histogram) ops[type] = count;
  Result as_result;  // reuse the batch report's tensor and op-count layout
  as_result.inputs = info.inputs;
  as_result.outputs = info.outputs;
  as_result.unsupported_ops = info.unsupported_ops;
  const json shared = ResultJson(as_result);
  return json{{"program_file", info.program_file},
              {"params_file", info.params_file},
              {"format", info.format},
              {"program_version", info.program_version},
              {"blocks", info.blocks},
              {"params", info.params_count},
              {"params_bytes", info.params_bytes},
              {"params_error", info.params_error},
              {"inputs", shared["inputs"]},
              {"outputs", shared["outputs"]},
              {"ops", ops},
              {"unsupported_ops", shared["unsupported_ops"]},
              {"min_opset", info.min_opset}};
}

void PrintText(const ModelInfo& info, std::ostream& out) {
  out << fmt::format("program:  {} ({}, version {})\n", info.program_file, info.format,
                     info.program_version);
  out << fmt::format("params:   {} ({} tensors, {:.1f} MB)\n",
                     info.params_file.empty() ? "one file per variable" : info.params_file,
                     info.params_count, static_cast<double>(info.params_bytes) / 1e6);
  if (!info.params_error.empty()) out << "          not readable: " << info.params_error << "\n";
  out << fmt::format("blocks:   {}\n", info.blocks);
  for (const TensorInfo& t : info.inputs) out << "input:    " << Describe(t) << "\n";
  for (const TensorInfo& t : info.outputs) out << "output:   " << Describe(t) << "\n";
  std::vector<std::pair<int64_t, std::string>> ops;
  int64_t total = 0;
  for (const auto& [type, count] : info.op_histogram) {
    ops.emplace_back(-count, type);
    total += count;
  }
  std::sort(ops.begin(), ops.end());
  out << fmt::format("ops:      {} ops of {} types\n", total, ops.size());
  for (const auto& [negative_count, type] : ops)
    out << fmt::format("  {:<32} {}\n", type, -negative_count);
  if (info.unsupported_ops.empty()) {
    out << fmt::format("unsupported: none; lowest opset: {}\n", info.min_opset);
    return;
  }
  out << "unsupported:\n";
  for (const OpCount& op : info.unsupported_ops)
    out << fmt::format("  {} x{} (first output '{}')\n", op.type, op.count, op.first_output);
}

}  // namespace

int RunInspectCommand(int argc, char** argv) {
  CLI::App app(
      "Describes a Paddle model without converting it: its files, inputs, outputs, "
      "op histogram, the ops pd2onnx does not support, and the lowest opset it needs.",
      "pd2onnx inspect");
  app.footer("Exit codes: 0 the model was read, 1 it could not be read, 2 usage error.");
  std::string model, model_filename, params_filename;
  bool as_json = false;
  app.add_option("model", model, "model folder, or a program file (.pdmodel, .json, __model__)")
      ->required();
  app.add_option("--model_filename", model_filename, "program file inside the folder (-mf)");
  app.add_option("--params_filename", params_filename, "params file inside the folder (-pf)");
  app.add_flag("--json", as_json, "print JSON instead of text");
  if (!ParseCommandLine(app, argc, argv, "inspect")) return kExitSuccess;
  const ModelInfo info = Inspect(SourceFor(model, model_filename, params_filename));
  if (!info.ok()) {
    std::cerr << "error: " << info.error << "\n";
    return ExitCode(info.status);
  }
  if (as_json) {
    std::cout << InfoJson(info).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    PrintText(info, std::cout);
  }
  return kExitSuccess;
}

}  // namespace pd2onnx::cli

// paddle2onnx-compatible command-line flags.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pd2onnx/convert.h"

namespace pd2onnx::cli {

struct Flags {
  ConvertOptions convert;
  bool show_version = false;
  bool list_ops = false;
  // Flags paddle2onnx has that pd2onnx parses but does not implement yet:
  // (flag, value) pairs whose value differs from the default behaviour.
  std::vector<std::pair<std::string, std::string>> not_yet_supported;
};

// Parses argv. Returns nullopt after printing --help (exit 0). Throws
// pd2onnx::Error(kUsage) on a bad command line.
std::optional<Flags> ParseFlags(int argc, char** argv);

// "True", "true", "1", "yes", "on" / "False", ... ; throws kUsage otherwise.
bool ParseBool(const std::string& flag, const std::string& value);

// paddle2onnx's multi-letter short flags (-mf, -pf, -ov) as long flags.
std::vector<std::string> NormalizeArgs(int argc, char** argv);

}  // namespace pd2onnx::cli

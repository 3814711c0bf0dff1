// paddle2onnx-compatible command-line flags.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pd2onnx/convert.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

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

// A boolean flag that is bare (= True) or takes a value like paddle2onnx's
// True/False.
struct BoolFlag {
  std::vector<std::string> values;
  CLI::Option* option = nullptr;
  bool Resolve(const std::string& name, bool default_value) const;
};

void AddBool(CLI::App& app, BoolFlag& flag, const std::string& name, const std::string& help);

// Parses a command's argv (argv[0] is the command) with paddle2onnx's short
// flags normalised. Returns false after printing --help; throws
// Error(kUsage) prefixed with `command` on a bad command line.
bool ParseCommandLine(CLI::App& app, int argc, char** argv, const std::string& command);

// "True", "true", "1", "yes", "on" / "False", ... ; throws kUsage otherwise.
bool ParseBool(const std::string& flag, const std::string& value);

// paddle2onnx's multi-letter short flags (-mf, -pf, -ov) as long flags.
std::vector<std::string> NormalizeArgs(int argc, char** argv);

}  // namespace pd2onnx::cli

// The pd2onnx command: parse flags, convert, report in one line.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <string_view>

#include "cli/exit_codes.h"
#include "cli/flags.h"
#include "cli/verify.h"
#include "mappers/op_docs.h"
#include "pd2onnx/convert.h"
#include "support/error.h"

namespace pd2onnx::cli {

namespace {

void SetUpLogging(bool verbose) {
  auto logger = spdlog::stderr_color_st("pd2onnx");
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
  spdlog::set_default_logger(logger);
}

// `pd2onnx verify ...`: exit 0 when every output matches, 1 otherwise.
int RunVerifyCommand(int argc, char** argv) {
  const std::optional<VerifyOptions> options = ParseVerifyFlags(argc, argv);
  if (!options) return kExitSuccess;  // --help
  SetUpLogging(false);
  return RunVerify(*options, std::cout) == 0 ? kExitSuccess : kExitConversionFailed;
}

int Run(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "verify")
    return RunVerifyCommand(argc - 1, argv + 1);
  const std::optional<Flags> flags = ParseFlags(argc, argv);
  if (!flags) return kExitSuccess;  // --help
  if (flags->show_version) {
    std::cout << "pd2onnx " << Version() << "\n";
    return kExitSuccess;
  }
  if (flags->list_ops) {
    std::cout << mappers::OpTableMarkdown(mappers::BuiltinRegistry());
    return kExitSuccess;
  }
  SetUpLogging(flags->convert.verbose);
  if (!flags->not_yet_supported.empty()) {
    const auto& [flag, value] = flags->not_yet_supported.front();
    Fail(ErrorKind::kUsage, "{} {} is not supported yet", flag, value);
  }
  const ConvertResult result = Convert(flags->convert);
  spdlog::info("converted {} to {}: opset {}, {} Paddle ops, {} ONNX nodes, {:.2f} s",
               result.program_file, result.save_file, result.opset_version, result.paddle_ops,
               result.onnx_nodes, result.seconds);
  return kExitSuccess;
}

}  // namespace

}  // namespace pd2onnx::cli

int main(int argc, char** argv) {
  using namespace pd2onnx;
  try {
    return cli::Run(argc, argv);
  } catch (const Error& e) {
    std::cerr << "error: " << e.message() << "\n";
    return e.kind() == ErrorKind::kUsage ? cli::kExitUsage : cli::kExitConversionFailed;
  } catch (const std::exception& e) {
    std::cerr << "error: internal: " << e.what() << "\n";
    return cli::kExitConversionFailed;
  }
}

#pragma once

namespace pd2onnx::cli {

// Documented in README.md ("Exit codes").
inline constexpr int kExitSuccess = 0;
inline constexpr int kExitConversionFailed = 1;  // the model could not be converted or written
inline constexpr int kExitUsage = 2;             // bad command line

}  // namespace pd2onnx::cli

// pd2onnx's public C++ API: convert a Paddle inference model to ONNX.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pd2onnx {

struct ConvertOptions {
  std::string model_dir;        // folder holding the model (may be empty when files are given)
  std::string model_filename;   // program file; auto-detected in model_dir when empty
  std::string params_filename;  // combined params file; auto-detected when empty
  std::string save_file;        // output .onnx path
  int opset_version = 11;       // 7..21
  bool enable_onnx_checker = true;
  bool enable_auto_update_opset = true;
  bool verbose = false;
  bool write_file = true;  // false: return the bytes in ConvertResult::onnx_bytes
  // Called while the file is written with (bytes written, weight bytes in
  // all), a few times per second at most; e.g. for a progress bar.
  std::function<void(int64_t done, int64_t total)> write_progress;
};

struct ConvertResult {
  std::string save_file;
  std::string program_file;
  int opset_version = 0;   // the opset actually written
  int64_t paddle_ops = 0;  // ops converted (feed/fetch excluded)
  int64_t onnx_nodes = 0;
  double seconds = 0;
  std::vector<std::string> warnings;
  std::string onnx_bytes;  // the serialized model when options.write_file is false
};

// Converts and writes options.save_file atomically (or returns the bytes when
// options.write_file is false). Throws pd2onnx::Error
// (src/support/error.h) on any failure; no output file is left behind then.
ConvertResult Convert(const ConvertOptions& options);

// The version string of this build, e.g. "0.1.0".
const char* Version();

}  // namespace pd2onnx

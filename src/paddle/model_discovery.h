// Finds every Paddle model below a folder, in every format Paddle writes:
// *.pdmodel (+ params), PIR inference *.json (+ params), and fluid folders
// (__model__ or `model`, with a combined __params__/params file or one file
// per variable). Used by `pd2onnx batch`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pd2onnx::paddle {

struct DiscoveredModel {
  std::filesystem::path dir;       // the folder holding the program
  std::string model_filename;      // relative to dir
  std::string params_filename;     // relative to dir; empty = auto-detect / per variable
  std::filesystem::path relative;  // program path relative to the searched root
};

// Sorted by relative path; symlinked folders are not followed (no cycles).
// Folders named `reference` (test fixtures) are skipped.
std::vector<DiscoveredModel> DiscoverModels(const std::filesystem::path& root);

}  // namespace pd2onnx::paddle

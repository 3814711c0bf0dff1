// Where test data lives, and scratch folders.
#pragma once

#include <filesystem>
#include <string>

namespace pd2onnx::testing {

// The shared model zoo: $PD2ONNX_MODEL_ZOO, else ../shared/models beside the
// repository. Throws (failing the test) when it does not exist: CI must
// never silently skip model tests.
std::filesystem::path ModelZoo();

// A fresh, empty scratch folder under the build tree, unique per test.
std::filesystem::path ScratchDir(const std::string& name);

// Path of the pd2onnx executable under test.
std::filesystem::path CliPath();

}  // namespace pd2onnx::testing

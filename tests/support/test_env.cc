#include "test_env.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace pd2onnx::testing {
namespace {

// Test names may contain '/' (parameterised tests); keep one path component.
std::string SafeComponent(std::string text) {
  for (char& c : text) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    if (!ok) c = '_';
  }
  return text.empty() ? std::string("_") : text;
}

}  // namespace

std::filesystem::path ModelZoo() {
  const char* env = std::getenv("PD2ONNX_MODEL_ZOO");
  const bool from_env = env != nullptr && *env != '\0';
  std::filesystem::path zoo = from_env
                                  ? std::filesystem::path(env)
                                  : std::filesystem::path(PD2ONNX_SOURCE_DIR "/../shared/models");
  std::error_code ec;
  if (!std::filesystem::is_directory(zoo, ec)) {
    throw std::runtime_error(
        "model zoo not found at '" + zoo.string() + "' (" +
        (from_env ? "from $PD2ONNX_MODEL_ZOO" : "the default beside the repository") +
        "); set PD2ONNX_MODEL_ZOO to the shared/models folder");
  }
  return std::filesystem::weakly_canonical(zoo);
}

std::filesystem::path ScratchDir(const std::string& name) {
  std::string test = "no_test";
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    test = std::string(info->test_suite_name()) + "." + info->name();
  }
  const std::filesystem::path dir = std::filesystem::path(PD2ONNX_BINARY_DIR "/test_scratch") /
                                    SafeComponent(test) / SafeComponent(name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path CliPath() { return std::filesystem::path(PD2ONNX_CLI_PATH); }

}  // namespace pd2onnx::testing

// Runs the pd2onnx command as a user's shell would, capturing its exit code
// and everything it printed.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pd2onnx::testing {

struct CliRun {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string output;  // stdout and stderr, interleaved
};

// Single-quotes `s` for /bin/sh.
std::string ShellQuote(const std::string& s);

// Runs `pd2onnx <args...>` with stdin from /dev/null.
CliRun RunCli(const std::vector<std::string>& args);

#define EXPECT_CONTAINS(haystack, needle)                                                   \
  EXPECT_NE((haystack).find(needle), std::string::npos) << "'" << (needle) << "' not in:\n" \
                                                        << (haystack)

}  // namespace pd2onnx::testing

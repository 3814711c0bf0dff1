#include "cli_runner.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_env.h"

namespace pd2onnx::testing {

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CliRun RunCli(const std::vector<std::string>& args) {
  const auto log = ScratchDir("cli_log") / "output.txt";
  std::string command = ShellQuote(CliPath().string());
  for (const auto& arg : args) command += " " + ShellQuote(arg);
  command += " > " + ShellQuote(log.string()) + " 2>&1 < /dev/null";
  const int status = std::system(command.c_str());
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  run.output = text.str();
  return run;
}

}  // namespace pd2onnx::testing

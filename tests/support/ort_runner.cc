#include "ort_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/error.h"
#include "support/npy.h"
#include "test_env.h"

extern char** environ;

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

fs::path RunnerDir() { return fs::path(PD2ONNX_SOURCE_DIR) / "tools" / "ort_runner"; }

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

struct Exit {
  int code = 0;
  std::string stderr_text;
  std::string stdout_text;
};

// Runs `node run.js manifest` with stdout and stderr captured in files.
Exit RunNode(const fs::path& manifest, const fs::path& dir) {
  const std::string script = (RunnerDir() / "run.js").string();
  const std::string manifest_arg = manifest.string();
  const std::string out_path = (dir / "stdout.txt").string();
  const std::string err_path = (dir / "stderr.txt").string();

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::string node = "node";
  char* argv[] = {node.data(), const_cast<char*>(script.c_str()),
                  const_cast<char*>(manifest_arg.c_str()), nullptr};
  pid_t pid = 0;
  const int spawn_error = posix_spawnp(&pid, "node", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) {
    throw std::runtime_error(std::string("cannot start `node` for the ONNX Runtime runner: ") +
                             std::strerror(spawn_error) + " (is Node.js installed and on PATH?)");
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid on the ONNX Runtime runner failed");
  }
  Exit exit;
  exit.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  exit.stderr_text = ReadText(err_path);
  while (!exit.stderr_text.empty() &&
         std::isspace(static_cast<unsigned char>(exit.stderr_text.back()))) {
    exit.stderr_text.pop_back();
  }
  exit.stdout_text = ReadText(out_path);
  return exit;
}

// Writes each job's inputs as .npy files and returns the manifest run.js reads.
nlohmann::json Manifest(const std::vector<OrtJob>& jobs, const fs::path& dir) {
  nlohmann::json manifest = {{"jobs", nlohmann::json::array()}};
  for (size_t j = 0; j < jobs.size(); ++j) {
    const fs::path job_dir = dir / fmt::format("job{}", j);
    fs::create_directories(job_dir);
    nlohmann::json inputs = nlohmann::json::object();
    size_t i = 0;
    for (const auto& [name, tensor] : jobs[j].inputs) {
      // Input names may contain '/', so files are numbered.
      const fs::path file = job_dir / fmt::format("in{}.npy", i++);
      support::WriteNpy(file, tensor);
      inputs[name] = file.string();
    }
    manifest["jobs"].push_back({{"model", fs::absolute(jobs[j].model).string()},
                                {"inputs", std::move(inputs)},
                                {"output_dir", (job_dir / "out").string()}});
  }
  return manifest;
}

// Reads <out_dir>/outputs.json = {"names": [...], "files": [...]}.
interp::TensorMap ReadOutputs(const fs::path& out_dir) {
  const fs::path listing = out_dir / "outputs.json";
  if (!fs::exists(listing)) {
    throw std::runtime_error("ONNX Runtime runner wrote no " + listing.string());
  }
  std::vector<std::string> names, files;
  try {
    const nlohmann::json json = nlohmann::json::parse(ReadText(listing));
    names = json.at("names").get<std::vector<std::string>>();
    files = json.at("files").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(listing.string() + ": " + e.what());
  }
  if (names.size() != files.size()) {
    throw std::runtime_error(listing.string() + ": 'names' and 'files' differ in length");
  }
  interp::TensorMap outputs;
  for (size_t i = 0; i < names.size(); ++i) {
    outputs[names[i]] = support::ReadNpy(out_dir / files[i]);
  }
  return outputs;
}

}  // namespace

std::vector<interp::TensorMap> RunOrt(const std::vector<OrtJob>& jobs) {
  if (!fs::is_directory(RunnerDir() / "node_modules" / "onnxruntime-node")) {
    throw std::runtime_error(fmt::format(
        "ONNX Runtime for the tests is not installed: run `cd {} && ONNXRUNTIME_NODE_INSTALL=skip "
        "npm ci` (onnxruntime-node bundles libonnxruntime.so)",
        RunnerDir().string()));
  }
  if (jobs.empty()) return {};
  const fs::path dir = ScratchDir("ort_runner");
  const fs::path manifest = dir / "manifest.json";
  try {
    WriteText(manifest, Manifest(jobs, dir).dump(1) + "\n");
  } catch (const Error& e) {
    throw std::runtime_error(std::string("writing ONNX Runtime inputs failed: ") + e.what());
  }

  const Exit exit = RunNode(manifest, dir);
  if (exit.code != 0) {
    std::string message =
        fmt::format("ONNX Runtime runner failed (exit {}): {}", exit.code, exit.stderr_text);
    if (!exit.stdout_text.empty()) message += "\nstdout: " + exit.stdout_text;
    throw std::runtime_error(message);
  }

  std::vector<interp::TensorMap> results;
  for (size_t j = 0; j < jobs.size(); ++j) {
    try {
      results.push_back(ReadOutputs(dir / fmt::format("job{}", j) / "out"));
    } catch (const Error& e) {
      throw std::runtime_error(std::string("reading ONNX Runtime outputs failed: ") + e.what());
    }
  }
  return results;
}

}  // namespace pd2onnx::testing

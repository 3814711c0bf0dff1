#include "paddle/model_discovery.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "support/error.h"

namespace pd2onnx::paddle {

namespace fs = std::filesystem;

namespace {

bool IsPirProgram(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  const size_t first = head.find_first_not_of(" \t\r\n");
  return first != std::string::npos && head[first] == '{' &&
         head.find("\"base_code\"") != std::string::npos;
}

// The params file beside a program: <stem>.pdiparams, else the only
// *.pdiparams in the folder, else empty (the loader decides).
std::string ParamsFor(const fs::path& program, const std::vector<fs::path>& files) {
  const std::string same_stem = program.stem().string() + ".pdiparams";
  std::vector<std::string> candidates;
  for (const fs::path& file : files) {
    if (file.extension() != ".pdiparams") continue;
    if (file.filename() == same_stem) return same_stem;
    candidates.push_back(file.filename().string());
  }
  return candidates.size() == 1 ? candidates.front() : "";
}

// The combined params of a fluid folder, if any (else one file per variable).
std::string FluidParams(const std::vector<fs::path>& files) {
  for (const char* name : {"__params__", "params"}) {
    for (const fs::path& file : files)
      if (file.filename() == name) return name;
  }
  return ParamsFor("__model__", files);
}

void ScanFolder(const fs::path& root, const fs::path& dir, const std::vector<fs::path>& files,
                std::vector<DiscoveredModel>& out) {
  const auto add = [&](const fs::path& program, std::string params) {
    out.push_back(
        {dir, program.filename().string(), std::move(params), fs::relative(program, root)});
  };
  bool has_program = false;
  for (const fs::path& file : files) {
    const std::string ext = file.extension().string();
    if (ext == ".pdmodel" || (ext == ".json" && IsPirProgram(file))) {
      add(file, ParamsFor(file, files));
      has_program = true;
    }
  }
  if (has_program) return;
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    if (name == "__model__" || name == "model") add(file, FluidParams(files));
  }
}

}  // namespace

std::vector<DiscoveredModel> DiscoverModels(const fs::path& root) {
  std::error_code ec;
  PD2ONNX_CHECK(fs::is_directory(root, ec), ErrorKind::kUsage, "{}: not a folder", root.string());
  std::vector<DiscoveredModel> models;
  std::vector<fs::path> dirs = {root};
  while (!dirs.empty()) {
    const fs::path dir = dirs.back();
    dirs.pop_back();
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
        if (entry.path().filename() != "reference") dirs.push_back(entry.path());
      } else if (entry.is_regular_file(ec)) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    ScanFolder(root, dir, files, models);
  }
  std::sort(models.begin(), models.end(),
            [](const auto& a, const auto& b) { return a.relative < b.relative; });
  return models;
}

}  // namespace pd2onnx::paddle

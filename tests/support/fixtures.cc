#include "fixtures.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "support/npy.h"

namespace pd2onnx::testing {

namespace fs = std::filesystem;

namespace {

interp::TensorMap LoadAll(const std::map<std::string, fs::path>& files) {
  interp::TensorMap out;
  for (const auto& [name, path] : files) out[name] = support::ReadNpy(path);
  return out;
}

std::map<std::string, fs::path> Files(const nlohmann::json& entries, const fs::path& dir) {
  std::map<std::string, fs::path> out;
  for (const auto& [name, file] : entries.items()) out[name] = dir / file.get<std::string>();
  return out;
}

}  // namespace

interp::TensorMap ReferenceCase::LoadInputs() const { return LoadAll(inputs); }
interp::TensorMap ReferenceCase::LoadOutputs() const { return LoadAll(outputs); }

std::vector<ReferenceCase> ReferenceCases(const fs::path& model_dir) {
  std::vector<ReferenceCase> cases;
  const fs::path root = model_dir / "reference";
  if (!fs::is_directory(root)) throw std::runtime_error(root.string() + ": no reference folder");
  for (const auto& entry : fs::directory_iterator(root)) {
    const fs::path case_json = entry.path() / "case.json";
    if (!fs::is_regular_file(case_json)) continue;
    std::ifstream in(case_json);
    const nlohmann::json json = nlohmann::json::parse(in);
    ReferenceCase c;
    c.name = entry.path().filename().string();
    c.dir = entry.path();
    c.inputs = Files(json.at("inputs"), c.dir);
    if (json.contains("outputs")) c.outputs = Files(json.at("outputs"), c.dir);
    c.notes = json.value("notes", "");
    if (!c.outputs.empty()) cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(),
            [](const ReferenceCase& a, const ReferenceCase& b) { return a.name < b.name; });
  return cases;
}

}  // namespace pd2onnx::testing

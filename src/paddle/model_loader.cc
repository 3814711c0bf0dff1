#include "paddle/model_loader.h"

#include <algorithm>
#include <fstream>

#include "paddle/params_reader.h"
#include "paddle/pir/pir_reader.h"
#include "support/error.h"
#include "support/mapped_file.h"

namespace pd2onnx::paddle {

namespace fs = std::filesystem;

namespace {

fs::path Resolve(const std::string& dir, const std::string& name) {
  const fs::path path(name);
  return dir.empty() || path.is_absolute() ? path : fs::path(dir) / path;
}

// PIR JSON starts with '{' after optional whitespace; a ProgramDesc starts
// with the tag of field 1 (0x0a).
ProgramFormat DetectFormat(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c)) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
  }
  return c == '{' ? ProgramFormat::kPirJson : ProgramFormat::kProgramDesc;
}

std::vector<fs::path> FilesWithExtension(const fs::path& dir, std::string_view ext) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ext) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path WithExtension(fs::path path, std::string_view ext) { return path.replace_extension(ext); }

std::string JoinNames(const std::vector<fs::path>& paths) {
  std::string out;
  for (const auto& p : paths) out += (out.empty() ? "" : ", ") + p.filename().string();
  return out;
}

// Picks the program file in a model folder.
fs::path FindProgram(const fs::path& dir) {
  std::vector<fs::path> programs = FilesWithExtension(dir, ".pdmodel");
  for (const auto& json : FilesWithExtension(dir, ".json")) {
    if (DetectFormat(json) == ProgramFormat::kPirJson &&
        fs::exists(WithExtension(json, ".pdiparams"))) {
      programs.push_back(json);
    }
  }
  if (programs.size() > 1) {  // prefer the ones that have their params beside them
    std::vector<fs::path> paired;
    for (const auto& p : programs) {
      if (fs::exists(WithExtension(p, ".pdiparams"))) paired.push_back(p);
    }
    if (paired.size() == 1) return paired.front();
    Fail(ErrorKind::kUsage, "{}: several model files ({}); choose one with --model_filename",
         dir.string(), JoinNames(programs));
  }
  if (programs.size() == 1) return programs.front();
  for (const char* name : {"__model__", "model", "inference.json"}) {
    if (fs::is_regular_file(dir / name)) return dir / name;
  }
  Fail(ErrorKind::kInvalidInput,
       "{}: no Paddle model found (looked for *.pdmodel, inference.json, __model__ and model)",
       dir.string());
}

void FindParams(ModelFiles& files) {
  const fs::path paired = WithExtension(files.program, ".pdiparams");
  if (files.program.extension() != ".pdiparams" && fs::is_regular_file(paired)) {
    files.params = paired;
    return;
  }
  const fs::path dir = files.program.parent_path().empty() ? "." : files.program.parent_path();
  for (const char* name : {"__params__", "params"}) {
    if (fs::is_regular_file(dir / name) && dir / name != files.program) {
      files.params = dir / name;
      return;
    }
  }
  files.params_dir = dir;  // one file per variable
}

}  // namespace

ModelFiles LocateModel(const std::string& model_dir, const std::string& model_filename,
                       const std::string& params_filename) {
  PD2ONNX_CHECK(!model_dir.empty() || !model_filename.empty(), ErrorKind::kUsage,
                "give --model_dir, or --model_filename with a path");
  if (!model_dir.empty()) {
    PD2ONNX_CHECK(fs::exists(model_dir), ErrorKind::kInvalidInput, "{}: no such directory",
                  model_dir);
    PD2ONNX_CHECK(fs::is_directory(model_dir), ErrorKind::kInvalidInput,
                  "{}: not a directory (--model_dir takes the folder; use --model_filename for "
                  "the file)",
                  model_dir);
  }
  ModelFiles files;
  files.program =
      model_filename.empty() ? FindProgram(model_dir) : Resolve(model_dir, model_filename);
  PD2ONNX_CHECK(fs::is_regular_file(files.program), ErrorKind::kInvalidInput,
                "{}: model file not found", files.program.string());
  files.format = DetectFormat(files.program);
  if (!params_filename.empty()) {
    files.params = Resolve(model_dir.empty() ? files.program.parent_path().string() : model_dir,
                           params_filename);
    PD2ONNX_CHECK(fs::is_regular_file(files.params), ErrorKind::kInvalidInput,
                  "{}: params file not found", files.params.string());
  } else {
    FindParams(files);
  }
  return files;
}

graph::Program LoadProgram(const ModelFiles& files) {
  auto program_file = support::MappedFile::Open(files.program);
  return files.format == ProgramFormat::kPirJson
             ? pir::ParsePirJson(reinterpret_cast<const char*>(program_file->data()),
                                 program_file->size(), files.program.string())
             : ParseProgramDesc(program_file->data(), program_file->size(), files.program.string());
}

void LoadParams(const ModelFiles& files, graph::Program& program) {
  const std::vector<std::string> names = graph::PersistableNames(program);
  if (!files.params.empty()) {
    ReadCombinedParams(files.params, names, program);
  } else if (!names.empty()) {
    ReadSeparateParams(files.params_dir, names, program);
  }
}

graph::Program LoadModel(const ModelFiles& files) {
  graph::Program program = LoadProgram(files);
  LoadParams(files, program);
  return program;
}

}  // namespace pd2onnx::paddle

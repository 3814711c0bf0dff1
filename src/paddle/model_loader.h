// Finds a model's files and reads them into a graph::Program: the program
// (ProgramDesc protobuf or PIR JSON) and its parameters (one combined file, or one file
// per variable), validating every params record against its VarDesc.
#pragma once

#include <filesystem>
#include <string>

#include "graph/program.h"

namespace pd2onnx::paddle {

enum class ProgramFormat { kProgramDesc, kPirJson };

struct ModelFiles {
  std::filesystem::path program;
  ProgramFormat format = ProgramFormat::kProgramDesc;
  std::filesystem::path params;      // combined params file; empty when per-variable
  std::filesystem::path params_dir;  // folder of per-variable files (when params is empty)
};

// Resolves paddle2onnx's --model_dir / --model_filename / --params_filename
// into files. Auto-detects in model_dir: *.pdmodel / *.json / __model__ /
// model, then the matching params (*.pdiparams, __params__, params, or one
// file per variable). Throws kInvalidInput naming what is missing.
ModelFiles LocateModel(const std::string& model_dir, const std::string& model_filename,
                       const std::string& params_filename);

// Reads program and params. Params are memory-mapped; tensors view the map.
graph::Program LoadModel(const ModelFiles& files);

// The two halves of LoadModel: the program alone (ProgramDesc or PIR JSON),
// then its params.
graph::Program LoadProgram(const ModelFiles& files);
void LoadParams(const ModelFiles& files, graph::Program& program);

// Parses a ProgramDesc from bytes (no params); `source` names it in errors.
graph::Program ParseProgramDesc(const void* data, size_t size, const std::string& source);

}  // namespace pd2onnx::paddle

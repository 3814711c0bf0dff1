// Reads Paddle's tensor container (section 2 of the format spec) from a
// memory-mapped file. Every record is validated against the program's
// VarDesc before its bytes are exposed; tensors view the mapping.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "graph/program.h"
#include "support/mapped_file.h"

namespace pd2onnx::paddle {

// Reads the records of a combined params file in `names` order (sorted
// persistable names) into program.params; the file must end exactly after
// the last record.
void ReadCombinedParams(const std::filesystem::path& path, const std::vector<std::string>& names,
                        graph::Program& program);

// Reads one file per persistable variable, named after the variable.
void ReadSeparateParams(const std::filesystem::path& dir, const std::vector<std::string>& names,
                        graph::Program& program);

}  // namespace pd2onnx::paddle

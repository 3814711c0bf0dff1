// Cuts a real program short, to test a model up to one op: for checking a
// model's backbone when a later op is not mapped yet, or to look at what
// feeds a suspect op.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pd2onnx::testing {

// Copies `program_file` (a ProgramDesc) into `out_dir`/__model__ with the
// first `op_type` op of block 0 and every later op dropped; the inputs of
// that op's `slots` become the fetched outputs instead. Returns out_dir.
std::filesystem::path CutProgramBefore(const std::filesystem::path& program_file,
                                       const std::string& op_type,
                                       const std::vector<std::string>& slots,
                                       const std::filesystem::path& out_dir);

}  // namespace pd2onnx::testing

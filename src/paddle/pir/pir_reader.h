// Paddle 3 PIR JSON program (inference.json, section 4 of the format spec) →
// graph::Program, the same graph the ProgramDesc reader builds: every pd_op op
// becomes its legacy op through the table in op_table.h, SSA values become
// variables, builtin.parameter ops become persistable variables (their
// records are read from the params file in sorted-name order by the caller).
#pragma once

#include <cstddef>
#include <string>

#include "graph/program.h"

namespace pd2onnx::paddle::pir {

// PIR serialisation versions this reader was checked against; newer ones
// warn and proceed (a changed op signature then fails naming op and operand).
inline constexpr int kMaxKnownPirVersion = 4;

// Parses `data` (no params); `source` names the file in errors.
graph::Program ParsePirJson(const char* data, size_t size, const std::string& source);

}  // namespace pd2onnx::paddle::pir

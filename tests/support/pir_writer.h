// Writes a test program (a ProgramBuilder's ProgramDesc) as a Paddle 3 PIR
// JSON program, using the same declarative op table as the reader in
// reverse, so one tiny program can be converted from both formats and the
// outputs compared. Parameters go through builtin.parameter ops; the params
// file is the same as the legacy one (sorted-name order).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "framework.pb.h"
#include "program_builder.h"

namespace pd2onnx::testing {

struct PirText {
  std::string json;             // set when the program has a PIR form
  std::string not_expressible;  // otherwise: why (op type and what PIR lacks)
};

// The PIR JSON of `program`, or why not. while and conditional_block
// (alone, or dy2static's pair + select_input) become pd_op.while and pd_op.if
// with regions, as Paddle's program translator writes them.
PirText ToPirJson(const paddle::proto::ProgramDesc& program);

// Writes <dir>/<stem>.json and, when the builder has params,
// <dir>/<stem>.pdiparams. Returns the reason when there is no PIR form.
std::optional<std::string> WritePir(const ProgramBuilder& builder, const std::filesystem::path& dir,
                                    const std::string& stem = "model");

}  // namespace pd2onnx::testing

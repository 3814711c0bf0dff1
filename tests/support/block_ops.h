// Small op writers shared by the control-flow tests (while loops, if/else,
// tensor arrays): each adds one Paddle op to block `block` of a program.
#pragma once

#include <string>
#include <vector>

#include "program_builder.h"

namespace pd2onnx::testing {

// fill_constant of shape [1].
inline void FillConstant(ProgramBuilder& p, int block, const std::string& out,
                         graph::DataType dtype, float value) {
  p.OpIn(block, "fill_constant")
      .Out("Out", {out})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", static_cast<int>(dtype))
      .Attr("value", value);
}

inline void LessThan(ProgramBuilder& p, int block, const std::string& x, const std::string& y,
                     const std::string& out) {
  p.OpIn(block, "less_than").In("X", {x}).In("Y", {y}).Out("Out", {out}).Attr("axis", -1);
}

// out = x * scale + bias.
inline void Scale(ProgramBuilder& p, int block, const std::string& x, const std::string& out,
                  float scale, float bias) {
  p.OpIn(block, "scale")
      .In("X", {x})
      .Out("Out", {out})
      .Attr("scale", scale)
      .Attr("bias", bias)
      .Attr("bias_after_scale", true);
}

// var += 1 (Paddle's increment, in place).
inline void Increment(ProgramBuilder& p, int block, const std::string& var) {
  p.OpIn(block, "increment").In("X", {var}).Out("Out", {var}).Attr("step", 1.0f);
}

// A while op in `block` running block `body` while `cond` holds.
inline void While(ProgramBuilder& p, int block, int body, const std::string& cond,
                  const std::vector<std::string>& reads, const std::vector<std::string>& writes) {
  p.OpIn(block, "while")
      .In("X", reads)
      .In("Condition", {cond})
      .Out("Out", writes)
      .BlockAttr("sub_block", body)
      .Attr("is_test", true);
}

}  // namespace pd2onnx::testing

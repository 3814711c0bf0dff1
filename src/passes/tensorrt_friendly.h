// --deploy_backend tensorrt: TensorRT-friendly types. TensorRT has no native
// int64 and casts int64 weights down to int32 itself (with a warning, and a
// failure when a value does not fit). Where ONNX lets an input be int32 and
// the constant's values fit, this pass stores it as int32 up front:
//   - index initializers of Gather, GatherElements and ScatterElements (their
//     Tind is int32 or int64);
// ONNX requires int64 for shapes, Slice / Pad / Split / Tile / Expand / TopK /
// Unsqueeze / Squeeze / Reduce* axes and sizes, ScatterND / GatherND indices,
// so those stay int64. An initializer also read by any other input stays
// int64 (the int32 copy is a new initializer).
#pragma once

#include "onnx/model.h"

namespace pd2onnx::passes {

// Returns the number of inputs changed plus the number of ops replaced.
int MakeTensorRtFriendly(emit::Model& model);

// Ops TensorRT's ONNX parser rejects (Reciprocal, IsInf, integer Mod),
// rewritten into exact equivalents it accepts (tensorrt_ops.cc). Returns
// the number of ops replaced.
int ReplaceOpsTensorRtRejects(emit::Model& model);

}  // namespace pd2onnx::passes

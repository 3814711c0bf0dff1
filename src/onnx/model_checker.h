// Validation of the model before it is written. Our structural checks run
// always (they also cover opsets 18-21, which libonnx 1.12 does not know);
// onnx::checker runs too where the library knows the opset (<= 17).
#pragma once

#include "onnx/model.h"

namespace onnx {
class OpSchema;
}

namespace pd2onnx::emit {

inline constexpr int kMaxCheckerOpset = 17;  // libonnx 1.12

// Throws pd2onnx::Error(kCheckFailed) describing the first problem found.
void CheckModel(const Model& model, bool run_onnx_checker);

// The schema libonnx has for a node of the default domain at `opset` (for
// opsets above kMaxCheckerOpset, its newest version it knows); nullptr for
// other domains and ops it does not know.
const onnx::OpSchema* KnownSchema(const onnx::NodeProto& node, int opset);

// Every input defined before use, unique outputs, used and unique
// initializers, produced graph outputs, a valid opset.
void CheckStructure(const Model& model);

}  // namespace pd2onnx::emit

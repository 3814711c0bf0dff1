// Paddle's legacy elementwise broadcasting (`axis` attribute) expressed with
// ONNX's NumPy broadcasting.
#pragma once

#include <string>
#include <utility>

#include "graph/program.h"

namespace pd2onnx::mappers {

class MapContext;

// The X and Y inputs of a binary op with Paddle's `axis` rule: the
// lower-rank operand's dims are placed at `axis` of the higher rank and
// padded with 1s on both sides. When that is not already NumPy's trailing
// alignment, the lower-rank operand is unsqueezed to the padded rank.
std::pair<std::string, std::string> BroadcastOperands(MapContext& cx, const graph::Op& op);

}  // namespace pd2onnx::mappers

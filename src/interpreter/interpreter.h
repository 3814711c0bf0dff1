// The reference interpreter: executes a Paddle program on the CPU with
// plain loops written from Paddle's documented semantics. It is the oracle
// for op tests and `pd2onnx verify`, so it shares only the loader and the
// program graph with the converter: no mapper code and no ONNX code.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "graph/host_tensor.h"
#include "graph/program.h"

namespace pd2onnx::interp {

using TensorMap = std::map<std::string, graph::HostTensor, std::less<>>;

// Runs the program on `feeds` (keyed by model input name) and returns the
// model outputs keyed by fetch variable name. Throws pd2onnx::Error naming
// the op on a missing kernel or an invalid value.
TensorMap Run(const graph::Program& program, const TensorMap& feeds);

bool HasKernel(std::string_view op_type);
std::vector<std::string> KernelTypes();  // sorted

}  // namespace pd2onnx::interp

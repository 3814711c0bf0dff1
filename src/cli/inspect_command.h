// `pd2onnx inspect MODEL`: a model's inputs, outputs, op histogram and
// unsupported ops, without converting it.
#pragma once

namespace pd2onnx::cli {

// Returns the exit code: 0 when the model could be read, 1 otherwise,
// 2 on a bad command line.
int RunInspectCommand(int argc, char** argv);

}  // namespace pd2onnx::cli

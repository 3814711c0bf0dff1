// The explicit table of the interpreter's kernels: op type → function.
// Interpreter-internal; the public view is interp::HasKernel / KernelTypes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pd2onnx::interp {

class KernelContext;

// A kernel reads the op's inputs and attributes from the context and stores
// its outputs there. It throws pd2onnx::Error for invalid values.
using KernelFn = void (*)(KernelContext&);

// nullptr when no kernel handles `op_type`.
KernelFn FindKernel(std::string_view op_type);

// Every registered op type, sorted.
std::vector<std::string> RegisteredKernelTypes();

}  // namespace pd2onnx::interp

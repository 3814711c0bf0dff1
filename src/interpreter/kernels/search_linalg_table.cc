// Kernels of the search linalg area, listed by op type.
#include "interpreter/kernel_registry.h"

namespace pd2onnx::interp {

std::span<const KernelEntry> SearchLinalgKernels() { return {}; }

}  // namespace pd2onnx::interp

// Kernels of the tensor index area, listed by op type.
#include "interpreter/kernel_registry.h"

namespace pd2onnx::interp {

std::span<const KernelEntry> TensorIndexKernels() { return {}; }

}  // namespace pd2onnx::interp

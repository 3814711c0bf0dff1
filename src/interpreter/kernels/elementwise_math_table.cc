// Kernels of the elementwise math area, listed by op type.
#include "interpreter/kernel_registry.h"

namespace pd2onnx::interp {

std::span<const KernelEntry> ElementwiseMathKernels() { return {}; }

}  // namespace pd2onnx::interp

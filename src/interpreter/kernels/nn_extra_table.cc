// Kernels of the nn extra area, listed by op type.
#include "interpreter/kernel_registry.h"

namespace pd2onnx::interp {

std::span<const KernelEntry> NnExtraKernels() { return {}; }

}  // namespace pd2onnx::interp

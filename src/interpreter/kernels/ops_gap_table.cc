// Kernels of the issue-3 gap ops, listed by op type (sorted).
#include "interpreter/kernel_registry.h"
#include "interpreter/kernels/ops_gap.h"

namespace pd2onnx::interp {
namespace {

constexpr KernelEntry kKernels[] = {
    {"bicubic_interp", kernels::InterpV1},
    {"bilinear_interp", kernels::InterpV1},
    {"data_norm", kernels::DataNorm},
    {"empty", kernels::Empty},
    {"gaussian_random", kernels::GaussianRandom},
    {"hardtanh", kernels::Hardtanh},
    {"linear_interp", kernels::InterpV1},
    {"nearest_interp", kernels::InterpV1},
    {"set_value", kernels::SetValue},
    {"softmax_with_cross_entropy", kernels::SoftmaxWithCrossEntropy},
    {"trilinear_interp", kernels::InterpV1},
    {"uniform_random", kernels::UniformRandom},
};

}  // namespace

std::span<const KernelEntry> OpsGapKernels() { return kKernels; }

}  // namespace pd2onnx::interp

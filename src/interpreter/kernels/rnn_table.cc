// Kernels of the rnn family, listed by op type (sorted).
#include "interpreter/kernel_registry.h"
#include "interpreter/kernels/rnn.h"

namespace pd2onnx::interp {
namespace {

// Sorted by op type. A constant table: no static initialisers.
constexpr KernelEntry kKernels[] = {
    {"gru", kernels::Gru},
    {"lstm", kernels::Lstm},
    {"rnn", kernels::Rnn},
};

}  // namespace

std::span<const KernelEntry> RnnKernels() { return kKernels; }

}  // namespace pd2onnx::interp

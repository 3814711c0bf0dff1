// Kernels of the search linalg area, listed by op type (sorted).
#include "interpreter/kernel_registry.h"
#include "interpreter/kernels/search_linalg.h"

namespace pd2onnx::interp {
namespace {

constexpr KernelEntry kSearchLinalgKernels[] = {
    {"addmm", kernels::Addmm},
    {"argsort", kernels::Argsort},
    {"bmm", kernels::Bmm},
    {"cumprod", kernels::Cumprod},
    {"cumsum", kernels::Cumsum},
    {"dist", kernels::Dist},
    {"dot", kernels::Dot},
    {"einsum", kernels::Einsum},
    {"frobenius_norm", kernels::FrobeniusNorm},
    {"kron", kernels::Kron},
    {"logsumexp", kernels::Logsumexp},
    {"mean", kernels::MeanAll},
    {"mv", kernels::Mv},
    {"norm", kernels::Norm},
    {"p_norm", kernels::PNorm},
    {"reduce_all", kernels::ReduceAll},
    {"reduce_any", kernels::ReduceAny},
    {"squared_l2_norm", kernels::SquaredL2Norm},
    {"top_k", kernels::TopKV1},
    {"top_k_v2", kernels::TopKV2},
    {"unique", kernels::Unique},
};

}  // namespace

std::span<const KernelEntry> SearchLinalgKernels() { return kSearchLinalgKernels; }

}  // namespace pd2onnx::interp

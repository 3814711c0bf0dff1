// Kernels of the extra-ops area, listed by op type (sorted).
#include "interpreter/kernel_registry.h"
#include "interpreter/kernels/extra_ops.h"
#include "interpreter/kernels/kernels.h"

namespace pd2onnx::interp {
namespace {

constexpr KernelEntry kExtraOpsKernels[] = {
    {"affine_grid", kernels::AffineGrid},
    {"allclose", kernels::AllClose},
    {"bce_loss", kernels::BceLoss},
    {"bilinear_tensor_product", kernels::BilinearTensorProduct},
    {"cos_sim", kernels::CosSim},
    {"cross", kernels::Cross},
    {"diag_v2", kernels::DiagV2},
    {"diagonal", kernels::Diagonal},
    {"equal_all", kernels::EqualAll},
    {"fold", kernels::Fold},
    {"huber_loss", kernels::HuberLoss},
    {"index_add", kernels::IndexAdd},
    {"is_empty", kernels::IsEmpty},
    {"isclose", kernels::IsClose},
    {"kldiv_loss", kernels::KldivLoss},
    {"kthvalue", kernels::Kthvalue},
    {"l1_norm", kernels::L1Norm},
    {"label_smooth", kernels::LabelSmooth},
    {"lerp", kernels::Lerp},
    {"log_loss", kernels::LogLoss},
    {"logcumsumexp", kernels::Logcumsumexp},
    {"logspace", kernels::Logspace},
    {"lrn", kernels::Lrn},
    {"maxout", kernels::Maxout},
    {"mode", kernels::Mode},
    {"multiplex", kernels::Multiplex},
    {"nll_loss", kernels::NllLoss},
    {"pad_constant_like", kernels::PadConstantLike},
    {"reduce_amax", kernels::ReduceMax},
    {"reduce_amin", kernels::ReduceMin},
    {"rrelu", kernels::Rrelu},
    {"sequence_mask", kernels::SequenceMask},
    {"shard_index", kernels::ShardIndex},
    {"shuffle_channel", kernels::ShuffleChannel},
    {"sigmoid_cross_entropy_with_logits", kernels::SigmoidCrossEntropyWithLogits},
    {"soft_relu", kernels::SoftRelu},
    {"stanh", kernels::Stanh},
    {"trace", kernels::Trace},
    {"tril_indices", kernels::TrilIndices},
    {"triu_indices", kernels::TriuIndices},
    {"unpool", kernels::Unpool},
};

}  // namespace

std::span<const KernelEntry> ExtraOpsKernels() { return kExtraOpsKernels; }

}  // namespace pd2onnx::interp

// Kernels of the elementwise math area, listed by op type (sorted). The
// older elementwise/activation kernels (elu, softplus, rsqrt, square,
// elementwise_mod, elementwise_floordiv, ...) are in the core table.
#include "interpreter/kernel_registry.h"
#include "interpreter/kernels/elementwise_math.h"

namespace pd2onnx::interp {
namespace {

constexpr KernelEntry kKernels[] = {
    {"acos", kernels::Acos},
    {"acosh", kernels::Acosh},
    {"asin", kernels::Asin},
    {"asinh", kernels::Asinh},
    {"atan", kernels::Atan},
    {"atan2", kernels::Atan2},
    {"atanh", kernels::Atanh},
    {"bitwise_and", kernels::BitwiseAnd},
    {"bitwise_not", kernels::BitwiseNot},
    {"bitwise_or", kernels::BitwiseOr},
    {"bitwise_xor", kernels::BitwiseXor},
    {"brelu", kernels::Brelu},
    {"ceil", kernels::Ceil},
    {"celu", kernels::Celu},
    {"clip_by_norm", kernels::ClipByNorm},
    {"cos", kernels::Cos},
    {"cosh", kernels::Cosh},
    {"elementwise_fmax", kernels::ElementwiseFMax},
    {"elementwise_fmin", kernels::ElementwiseFMin},
    {"elementwise_heaviside", kernels::ElementwiseHeaviside},
    {"equal", kernels::Equal},
    {"erf", kernels::Erf},
    {"expm1", kernels::Expm1},
    {"floor", kernels::Floor},
    {"greater_equal", kernels::GreaterEqual},
    {"greater_than", kernels::GreaterThan},
    {"hard_shrink", kernels::HardShrink},
    {"isfinite", kernels::IsFiniteAll},
    {"isfinite_v2", kernels::IsFiniteV2},
    {"isinf", kernels::IsInfAny},
    {"isinf_v2", kernels::IsInfV2},
    {"isnan", kernels::IsNanAny},
    {"isnan_v2", kernels::IsNanV2},
    {"less_equal", kernels::LessEqual},
    {"less_than", kernels::LessThan},
    {"log10", kernels::Log10},
    {"log1p", kernels::Log1p},
    {"log2", kernels::Log2},
    {"log_softmax", kernels::LogSoftmax},
    {"logical_and", kernels::LogicalAnd},
    {"logical_not", kernels::LogicalNot},
    {"logical_or", kernels::LogicalOr},
    {"logical_xor", kernels::LogicalXor},
    {"logit", kernels::Logit},
    {"logsigmoid", kernels::LogSigmoid},
    {"mish", kernels::Mish},
    {"not_equal", kernels::NotEqual},
    {"prelu", kernels::Prelu},
    {"reciprocal", kernels::Reciprocal},
    {"round", kernels::Round},
    {"selu", kernels::Selu},
    {"sign", kernels::Sign},
    {"sin", kernels::Sin},
    {"sinh", kernels::Sinh},
    {"softshrink", kernels::SoftShrink},
    {"softsign", kernels::Softsign},
    {"tan", kernels::Tan},
    {"tanh_shrink", kernels::TanhShrink},
    {"thresholded_relu", kernels::ThresholdedRelu},
    {"trunc", kernels::Trunc},
    {"where", kernels::Where},
};

}  // namespace

std::span<const KernelEntry> ElementwiseMathKernels() { return kKernels; }

}  // namespace pd2onnx::interp

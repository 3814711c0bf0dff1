// Kernels of the elementwise math area beyond kernels.h: unary math and
// parametric activations (unary_ext.cc), comparison, logical, bitwise and
// extra binary ops (elementwise.cc), where and the isnan/isinf/isfinite
// family (logic.cc). Listed in elementwise_math_table.cc.
#pragma once

#include "interpreter/kernel_context.h"

namespace pd2onnx::interp::kernels {

// unary_ext.cc: X → Out, element-wise.
void Acos(KernelContext& ctx);
void Acosh(KernelContext& ctx);
void Asin(KernelContext& ctx);
void Asinh(KernelContext& ctx);
void Atan(KernelContext& ctx);
void Atanh(KernelContext& ctx);
void Ceil(KernelContext& ctx);
void Cos(KernelContext& ctx);
void Cosh(KernelContext& ctx);
void Erf(KernelContext& ctx);
void Expm1(KernelContext& ctx);
void Floor(KernelContext& ctx);
void Log10(KernelContext& ctx);
void Log1p(KernelContext& ctx);
void Log2(KernelContext& ctx);
void Reciprocal(KernelContext& ctx);
void Round(KernelContext& ctx);
void Sign(KernelContext& ctx);
void Sin(KernelContext& ctx);
void Sinh(KernelContext& ctx);
void Softsign(KernelContext& ctx);
void Tan(KernelContext& ctx);
void TanhShrink(KernelContext& ctx);
void LogSigmoid(KernelContext& ctx);
void Trunc(KernelContext& ctx);
void Mish(KernelContext& ctx);
void Selu(KernelContext& ctx);
void Celu(KernelContext& ctx);
void SoftShrink(KernelContext& ctx);
void HardShrink(KernelContext& ctx);
void Brelu(KernelContext& ctx);
void ThresholdedRelu(KernelContext& ctx);
void Logit(KernelContext& ctx);
void LogSoftmax(KernelContext& ctx);
void Prelu(KernelContext& ctx);
void ClipByNorm(KernelContext& ctx);

// elementwise.cc: X, Y → Out with the legacy `axis` broadcast.
void Equal(KernelContext& ctx);
void NotEqual(KernelContext& ctx);
void GreaterThan(KernelContext& ctx);
void GreaterEqual(KernelContext& ctx);
void LessThan(KernelContext& ctx);
void LessEqual(KernelContext& ctx);
void LogicalAnd(KernelContext& ctx);
void LogicalOr(KernelContext& ctx);
void LogicalXor(KernelContext& ctx);
void LogicalNot(KernelContext& ctx);
void BitwiseAnd(KernelContext& ctx);
void BitwiseOr(KernelContext& ctx);
void BitwiseXor(KernelContext& ctx);
void BitwiseNot(KernelContext& ctx);
void ElementwiseFMax(KernelContext& ctx);
void ElementwiseFMin(KernelContext& ctx);
void ElementwiseHeaviside(KernelContext& ctx);
void Atan2(KernelContext& ctx);  // X1, X2 → Out, NumPy broadcast

// logic.cc
void Where(KernelContext& ctx);
void IsNanV2(KernelContext& ctx);
void IsInfV2(KernelContext& ctx);
void IsFiniteV2(KernelContext& ctx);
void IsNanAny(KernelContext& ctx);     // isnan (v1): one bool, any NaN
void IsInfAny(KernelContext& ctx);     // isinf (v1): one bool, any ±inf
void IsFiniteAll(KernelContext& ctx);  // isfinite (v1): one bool, all finite

}  // namespace pd2onnx::interp::kernels

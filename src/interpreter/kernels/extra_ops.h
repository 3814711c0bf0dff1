// Kernels of the extra-ops area (listed in extra_ops_table.cc), written from
// Paddle's phi CPU kernels and legacy op makers. Interpreter-internal.
#pragma once

#include <vector>

#include "interpreter/kernel_context.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {

// extra_ops_util.cc: NumPy broadcasting and dtype round trips.
Dims BroadcastDims(const Dims& a, const Dims& b);
// The values of `t` broadcast (NumPy rules) to `out`, as doubles.
std::vector<double> BroadcastValues(const HostTensor& t, const Dims& out);
// `values` stored as `dtype` (Paddle's cast rules).
HostTensor FromDoubles(DataType dtype, Dims dims, const std::vector<double>& values);
// A dtype attribute holding a Paddle proto dtype number.
DataType PaddleDtypeAttr(const KernelContext& ctx, const char* name, int64_t default_value);

// extra_math.cc
void Lerp(KernelContext& ctx);
void Stanh(KernelContext& ctx);
void Rrelu(KernelContext& ctx);
void LabelSmooth(KernelContext& ctx);
void SigmoidCrossEntropyWithLogits(KernelContext& ctx);
void BceLoss(KernelContext& ctx);
void NllLoss(KernelContext& ctx);
void CosSim(KernelContext& ctx);
void IsClose(KernelContext& ctx);
void AllClose(KernelContext& ctx);
void EqualAll(KernelContext& ctx);
void L1Norm(KernelContext& ctx);
void BilinearTensorProduct(KernelContext& ctx);
void SoftRelu(KernelContext& ctx);
void LogLoss(KernelContext& ctx);
void HuberLoss(KernelContext& ctx);
void KldivLoss(KernelContext& ctx);
void IsEmpty(KernelContext& ctx);

// extra_index.cc
void DiagV2(KernelContext& ctx);
void Diagonal(KernelContext& ctx);
void Trace(KernelContext& ctx);
void Cross(KernelContext& ctx);
void Logcumsumexp(KernelContext& ctx);
void Kthvalue(KernelContext& ctx);
void Mode(KernelContext& ctx);
void SequenceMask(KernelContext& ctx);
void TrilIndices(KernelContext& ctx);
void TriuIndices(KernelContext& ctx);
void IndexAdd(KernelContext& ctx);
void Multiplex(KernelContext& ctx);
void ShardIndex(KernelContext& ctx);
void Logspace(KernelContext& ctx);
void PadConstantLike(KernelContext& ctx);

// extra_nn.cc
void AffineGrid(KernelContext& ctx);
void Fold(KernelContext& ctx);
void Lrn(KernelContext& ctx);
void Maxout(KernelContext& ctx);
void Unpool(KernelContext& ctx);
void ShuffleChannel(KernelContext& ctx);

}  // namespace pd2onnx::interp::kernels

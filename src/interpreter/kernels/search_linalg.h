// Kernels of the search/scan, extra-reduction and linear-algebra ops,
// written from Paddle's phi kernels (paddle/phi/kernels/cpu/...). Listed in
// search_linalg_table.cc.
#pragma once

#include "interpreter/kernel_context.h"

namespace pd2onnx::interp::kernels {

// search_reduce.cc
void ReduceAll(KernelContext& ctx);
void ReduceAny(KernelContext& ctx);
void Logsumexp(KernelContext& ctx);
void MeanAll(KernelContext& ctx);  // legacy `mean`
void TopKV2(KernelContext& ctx);
void TopKV1(KernelContext& ctx);
void Argsort(KernelContext& ctx);
void Cumsum(KernelContext& ctx);
void Cumprod(KernelContext& ctx);
void Unique(KernelContext& ctx);

// linalg.cc
void Bmm(KernelContext& ctx);
void Mv(KernelContext& ctx);
void Dot(KernelContext& ctx);
void Kron(KernelContext& ctx);
void PNorm(KernelContext& ctx);
void Norm(KernelContext& ctx);
void Dist(KernelContext& ctx);
void Einsum(KernelContext& ctx);
void Addmm(KernelContext& ctx);
void FrobeniusNorm(KernelContext& ctx);
void SquaredL2Norm(KernelContext& ctx);

}  // namespace pd2onnx::interp::kernels

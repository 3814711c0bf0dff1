// Kernels of the issue-3 gap ops (listed in ops_gap_table.cc), written from
// Paddle's semantics (phi kernels and fluid op definitions).
// Interpreter-internal.
#pragma once

#include "interpreter/kernel_context.h"

namespace pd2onnx::interp::kernels {

// hardtanh.cc
void Hardtanh(KernelContext& ctx);

// set_value.cc
void SetValue(KernelContext& ctx);

// interp_v1.cc: bilinear/nearest/bicubic/linear/trilinear_interp (v1)
void InterpV1(KernelContext& ctx);

// data_norm_softmax_ce.cc
void DataNorm(KernelContext& ctx);
void SoftmaxWithCrossEntropy(KernelContext& ctx);

// random_empty.cc
void Empty(KernelContext& ctx);
void GaussianRandom(KernelContext& ctx);
void UniformRandom(KernelContext& ctx);

}  // namespace pd2onnx::interp::kernels

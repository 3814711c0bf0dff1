// Kernels of the nn extra area (listed in nn_extra_table.cc), written from
// Paddle's semantics (phi kernels, docs/paddle-formats.md section 5).
// Interpreter-internal.
#pragma once

#include "interpreter/kernel_context.h"

namespace pd2onnx::interp::kernels {

// nn_extra_norm.cc
void InstanceNorm(KernelContext& ctx);
void GroupNorm(KernelContext& ctx);
void AffineChannel(KernelContext& ctx);
void Fc(KernelContext& ctx);

// nn_extra_shape.cc
void PixelUnshuffle(KernelContext& ctx);
void ChannelShuffle(KernelContext& ctx);
void Pad(KernelContext& ctx);
void Pad2d(KernelContext& ctx);
void Pad3d(KernelContext& ctx);
void TemporalShift(KernelContext& ctx);
void Unfold(KernelContext& ctx);
void GridSampler(KernelContext& ctx);

// nn_extra_interp.cc
void LinearInterpV2(KernelContext& ctx);  // linear_interp_v2 and trilinear_interp_v2
void BicubicInterpV2(KernelContext& ctx);

// nn_extra_spatial3d.cc
void Conv3d(KernelContext& ctx);
void Conv3dTranspose(KernelContext& ctx);
void Pool3d(KernelContext& ctx);
void MaxPool2dWithIndex(KernelContext& ctx);

}  // namespace pd2onnx::interp::kernels

// Region kernels of the detection family (listed in detection_table.cc):
// RoI pooling, deformable convolution and region proposals, written from Paddle's phi CPU
// kernels. Interpreter-internal.
#pragma once

#include "interpreter/kernel_context.h"

namespace pd2onnx::interp::kernels {

// detection_roi.cc
void RoiAlign(KernelContext& ctx);
void RoiPool(KernelContext& ctx);

// detection_deform.cc
void DeformableConv(KernelContext& ctx);    // with Mask (DCN v2)
void DeformableConvV1(KernelContext& ctx);  // without Mask

// detection_proposals.cc
void GenerateProposals(KernelContext& ctx);
void GenerateProposalsV2(KernelContext& ctx);
void CollectFpnProposals(KernelContext& ctx);
void DistributeFpnProposals(KernelContext& ctx);

}  // namespace pd2onnx::interp::kernels

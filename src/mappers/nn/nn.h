// Neural-network mappers (src/mappers/nn): one Register function per mapper
// file, called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterBatchNorm(Registry& r);        // batch_norm, sync_batch_norm
void RegisterChannelShuffle(Registry& r);   // channel_shuffle, pixel_unshuffle
void RegisterConv2d(Registry& r);           // conv2d, depthwise_conv2d
void RegisterConv2dTranspose(Registry& r);  // + depthwise_conv2d_transpose
void RegisterConv3d(Registry& r);           // conv3d, conv3d_transpose
void RegisterDataNorm(Registry& r);
void RegisterDropout(Registry& r);
void RegisterFc(Registry& r);
void RegisterGridSampler(Registry& r);
void RegisterInstanceNorm(Registry& r);  // instance_norm, group_norm, affine_channel
void RegisterInterpExtra(Registry& r);   // linear/trilinear/bicubic_interp_v2
void RegisterInterpolate(Registry& r);   // bilinear_interp_v2, nearest_interp_v2
void RegisterInterpV1(Registry& r);      // bilinear/nearest/bicubic/linear/trilinear_interp

// linear/trilinear/bicubic_interp_v2 → Resize-11; `v1_truncation`: bicubic
// source coordinates truncated toward zero (bicubic_interp) instead of floored.
void EmitInterpV2Resize(MapContext& cx, const graph::Op& op, bool v1_truncation);
void RegisterLayerNorm(Registry& r);
void RegisterLookupTable(Registry& r);  // lookup_table, lookup_table_v2
void RegisterMatmul(Registry& r);       // matmul (v1)
void RegisterMatmulV2(Registry& r);
void RegisterMaxPool2dWithIndex(Registry& r);
void RegisterMul(Registry& r);
void RegisterPad(Registry& r);  // pad, pad2d, pad3d
void RegisterPixelShuffle(Registry& r);
void RegisterPool2d(Registry& r);
void RegisterPool3d(Registry& r);
void RegisterSoftmax(Registry& r);
void RegisterSoftmaxWithCrossEntropy(Registry& r);
void RegisterTemporalShift(Registry& r);
void RegisterUnfold(Registry& r);
void RegisterExtraNn(Registry& r);  // affine_grid, fold, lrn, maxout, unpool

}  // namespace pd2onnx::mappers

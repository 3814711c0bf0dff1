// Kernels of the nn extra area, listed by op type.
#include "interpreter/kernel_registry.h"
#include "interpreter/kernels/kernels.h"
#include "interpreter/kernels/nn_extra.h"

namespace pd2onnx::interp {
namespace {

// Sorted by op type. A constant table: no static initialisers.
constexpr KernelEntry kKernels[] = {
    {"affine_channel", kernels::AffineChannel},
    {"bicubic_interp_v2", kernels::BicubicInterpV2},
    {"channel_shuffle", kernels::ChannelShuffle},
    {"conv3d", kernels::Conv3d},
    {"conv3d_transpose", kernels::Conv3dTranspose},
    {"depthwise_conv2d_transpose", kernels::Conv2dTranspose},
    {"fc", kernels::Fc},
    {"grid_sampler", kernels::GridSampler},
    {"group_norm", kernels::GroupNorm},
    {"instance_norm", kernels::InstanceNorm},
    {"linear_interp_v2", kernels::LinearInterpV2},
    {"max_pool2d_with_index", kernels::MaxPool2dWithIndex},
    {"pad", kernels::Pad},
    {"pad2d", kernels::Pad2d},
    {"pad3d", kernels::Pad3d},
    {"pixel_unshuffle", kernels::PixelUnshuffle},
    {"pool3d", kernels::Pool3d},
    {"sync_batch_norm", kernels::BatchNorm},
    {"temporal_shift", kernels::TemporalShift},
    {"trilinear_interp_v2", kernels::LinearInterpV2},
    {"unfold", kernels::Unfold},
};

}  // namespace

std::span<const KernelEntry> NnExtraKernels() { return kKernels; }

}  // namespace pd2onnx::interp

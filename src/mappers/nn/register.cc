#include "mappers/nn/nn.h"

namespace pd2onnx::mappers {

void RegisterNnMappers(Registry& r) {
  RegisterBatchNorm(r);
  RegisterChannelShuffle(r);
  RegisterConv2d(r);
  RegisterConv2dTranspose(r);
  RegisterDropout(r);
  RegisterFc(r);
  RegisterInstanceNorm(r);
  RegisterInterpolate(r);
  RegisterLayerNorm(r);
  RegisterLookupTable(r);
  RegisterMatmul(r);
  RegisterMatmulV2(r);
  RegisterMul(r);
  RegisterPad(r);
  RegisterPixelShuffle(r);
  RegisterPool2d(r);
  RegisterSoftmax(r);
}

}  // namespace pd2onnx::mappers

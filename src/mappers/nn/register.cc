#include "mappers/nn/nn.h"

namespace pd2onnx::mappers {

void RegisterNnMappers(Registry& r) {
  RegisterBatchNorm(r);
  RegisterChannelShuffle(r);
  RegisterConv2d(r);
  RegisterConv2dTranspose(r);
  RegisterConv3d(r);
  RegisterDataNorm(r);
  RegisterDropout(r);
  RegisterFc(r);
  RegisterGridSampler(r);
  RegisterInstanceNorm(r);
  RegisterInterpExtra(r);
  RegisterInterpolate(r);
  RegisterInterpV1(r);
  RegisterLayerNorm(r);
  RegisterLookupTable(r);
  RegisterMatmul(r);
  RegisterMatmulV2(r);
  RegisterMaxPool2dWithIndex(r);
  RegisterMul(r);
  RegisterPad(r);
  RegisterPixelShuffle(r);
  RegisterPool2d(r);
  RegisterPool3d(r);
  RegisterSoftmax(r);
  RegisterSoftmaxWithCrossEntropy(r);
  RegisterTemporalShift(r);
  RegisterUnfold(r);
  RegisterExtraNn(r);
}

}  // namespace pd2onnx::mappers

#include "mappers/tensor/tensor.h"

namespace pd2onnx::mappers {

void RegisterTensorMappers(Registry& r) {
  RegisterAssign(r);
  RegisterConcat(r);
  RegisterCreation(r);
  RegisterCrop(r);
  RegisterEmpty(r);
  RegisterExpand(r);
  RegisterFillConstant(r);
  RegisterFlatten(r);
  RegisterFlip(r);
  RegisterGather(r);
  RegisterIndexOps(r);
  RegisterLod(r);
  RegisterMeshgrid(r);
  RegisterOneHot(r);
  RegisterRandom(r);
  RegisterReshape(r);
  RegisterScatter(r);
  RegisterSetValue(r);
  RegisterShape(r);
  RegisterSlice(r);
  RegisterSplit(r);
  RegisterSqueeze(r);
  RegisterStack(r);
  RegisterStridedSlice(r);
  RegisterTile(r);
  RegisterTranspose(r);
  RegisterTrilTriu(r);
  RegisterUnsqueeze(r);
  RegisterExtraTensor(r);
}

}  // namespace pd2onnx::mappers

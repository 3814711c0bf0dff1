#include "mappers/tensor/tensor.h"

namespace pd2onnx::mappers {

void RegisterTensorMappers(Registry& r) {
  RegisterArgMax(r);
  RegisterAssign(r);
  RegisterConcat(r);
  RegisterCreation(r);
  RegisterCrop(r);
  RegisterExpand(r);
  RegisterFillConstant(r);
  RegisterFlatten(r);
  RegisterFlip(r);
  RegisterGather(r);
  RegisterIndexOps(r);
  RegisterMeshgrid(r);
  RegisterOneHot(r);
  RegisterReshape(r);
  RegisterScatter(r);
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
}

}  // namespace pd2onnx::mappers

#include "mappers/tensor/tensor.h"

namespace pd2onnx::mappers {

void RegisterTensorMappers(Registry& r) {
  RegisterArgMax(r);
  RegisterAssign(r);
  RegisterConcat(r);
  RegisterExpand(r);
  RegisterFillConstant(r);
  RegisterFlatten(r);
  RegisterGather(r);
  RegisterReshape(r);
  RegisterShape(r);
  RegisterSlice(r);
  RegisterSplit(r);
  RegisterSqueeze(r);
  RegisterStack(r);
  RegisterTile(r);
  RegisterTranspose(r);
  RegisterUnsqueeze(r);
}

}  // namespace pd2onnx::mappers

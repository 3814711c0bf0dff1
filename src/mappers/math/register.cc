#include "mappers/math/math.h"

namespace pd2onnx::mappers {

void RegisterMathMappers(Registry& r) {
  RegisterBinaryExt(r);
  RegisterCast(r);
  RegisterClip(r);
  RegisterElementwise(r);
  RegisterPow(r);
  RegisterReduce(r);
  RegisterScale(r);
  RegisterLerpLabelSmooth(r);
  RegisterLosses(r);
  RegisterLossesExtra(r);
}

}  // namespace pd2onnx::mappers

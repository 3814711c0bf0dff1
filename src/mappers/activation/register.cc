#include "mappers/activation/activation.h"

namespace pd2onnx::mappers {

void RegisterActivationMappers(Registry& r) {
  RegisterGelu(r);
  RegisterHardSigmoid(r);
  RegisterHardSwish(r);
  RegisterHardtanh(r);
  RegisterLeakyRelu(r);
  RegisterParametricActivations(r);
  RegisterRelu6(r);
  RegisterSwish(r);
  RegisterUnaryActivations(r);
  RegisterUnaryMath(r);
  RegisterExtraActivations(r);
}

}  // namespace pd2onnx::mappers

// Activation mappers (src/mappers/activation): one Register function per
// mapper file, called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterGelu(Registry& r);
void RegisterHardSigmoid(Registry& r);
void RegisterHardSwish(Registry& r);
void RegisterHardtanh(Registry& r);  // hardtanh (brelu's newer name)
void RegisterLeakyRelu(Registry& r);
void RegisterParametricActivations(Registry& r);  // selu, celu, elu, softplus, mish, prelu...
void RegisterRelu6(Registry& r);
void RegisterSwish(Registry& r);             // swish, silu
void RegisterUnaryActivations(Registry& r);  // relu, sigmoid, tanh, sqrt, exp, log, abs
void RegisterUnaryMath(Registry& r);         // trig, erf, rounding, log variants...
void RegisterExtraActivations(Registry& r);  // stanh, rrelu

}  // namespace pd2onnx::mappers

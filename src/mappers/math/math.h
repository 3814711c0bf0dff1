// Math mappers (src/mappers/math): one Register function per mapper file,
// called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterBinaryExt(
    Registry& r);  // elementwise_{mod,floordiv,fmax,fmin,heaviside}, atan2, clip_by_norm
void RegisterCast(Registry& r);
void RegisterClip(Registry& r);
void RegisterElementwise(Registry& r);  // elementwise_{add,sub,mul,div,max,min,pow}
void RegisterPow(Registry& r);
void RegisterReduce(Registry& r);  // reduce_{mean,sum,max,min}
void RegisterScale(Registry& r);

}  // namespace pd2onnx::mappers

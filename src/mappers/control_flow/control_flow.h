// control flow mappers (src/mappers/control_flow): one Register function per mapper file,
// called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterTensorArray(Registry& r);  // tensor_array.cc
void RegisterWhileIf(Registry& r);      // while_if.cc

}  // namespace pd2onnx::mappers

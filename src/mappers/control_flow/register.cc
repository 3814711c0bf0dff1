// The control flow family.
#include "mappers/control_flow/control_flow.h"

namespace pd2onnx::mappers {

void RegisterControlFlowMappers(Registry& r) {
  RegisterTensorArray(r);
  RegisterWhileIf(r);
}

}  // namespace pd2onnx::mappers

// The logic family (comparison, logical and bitwise ops, where, isfinite/isinf/isnan).
#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterLogicMappers(Registry& registry) { (void)registry; }

}  // namespace pd2onnx::mappers

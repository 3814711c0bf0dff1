// The logic family (comparison, logical and bitwise ops, where, isfinite/isinf/isnan).
#include "mappers/logic/logic.h"

namespace pd2onnx::mappers {

void RegisterLogicMappers(Registry& registry) {
  RegisterCompare(registry);
  RegisterIsFinite(registry);
  RegisterLogical(registry);
  RegisterWhere(registry);
  RegisterCloseness(registry);
}

}  // namespace pd2onnx::mappers

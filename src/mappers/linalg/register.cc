// The linalg family (linear algebra: bmm, mv, dot, einsum, kron, norms).
#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterLinalgMappers(Registry& registry) { (void)registry; }

}  // namespace pd2onnx::mappers

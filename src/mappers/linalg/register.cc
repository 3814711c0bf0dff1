// The linalg family (linear algebra: bmm, mv, dot, kron, norms).
#include "mappers/linalg/linalg.h"

namespace pd2onnx::mappers {

void RegisterLinalgMappers(Registry& r) {
  RegisterEinsum(r);
  RegisterKron(r);
  RegisterNorms(r);
  RegisterProducts(r);
  RegisterDiagonal(r);
  RegisterCross(r);
  RegisterSimilarity(r);
}

}  // namespace pd2onnx::mappers

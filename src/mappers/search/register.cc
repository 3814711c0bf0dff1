// The search family (search and scan: arg_min, argsort, top_k, cumsum, cumprod, unique, logsumexp, reduce_all/any/prod).
#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterSearchMappers(Registry& registry) { (void)registry; }

}  // namespace pd2onnx::mappers

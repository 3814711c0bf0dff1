// The search family (search and scan: arg_max, arg_min, argsort, top_k, cumsum,
// cumprod, logsumexp, mean, reduce_all/any/prod).
#include "mappers/search/search.h"

namespace pd2onnx::mappers {

void RegisterSearchMappers(Registry& r) {
  RegisterArgMaxMin(r);
  RegisterArgsort(r);
  RegisterCumulative(r);
  RegisterReduceExtra(r);
  RegisterTopK(r);
  RegisterUnique(r);
  RegisterExtraSearch(r);
}

}  // namespace pd2onnx::mappers

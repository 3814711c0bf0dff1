// Search and scan mappers (src/mappers/search): one Register function per
// mapper file, called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterArgMaxMin(Registry& r);  // arg_max, arg_min
void RegisterArgsort(Registry& r);
void RegisterCumulative(Registry& r);   // cumsum, cumprod
void RegisterReduceExtra(Registry& r);  // reduce_{prod,all,any}, logsumexp, mean
void RegisterTopK(Registry& r);         // top_k, top_k_v2
void RegisterUnique(Registry& r);
void RegisterExtraSearch(Registry& r);  // logcumsumexp, kthvalue, mode, reduce_amax, reduce_amin

}  // namespace pd2onnx::mappers

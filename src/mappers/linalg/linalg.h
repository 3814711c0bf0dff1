// Linear-algebra mappers (src/mappers/linalg): one Register function per
// mapper file, called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterProducts(Registry& r);  // addmm, bmm, mv, dot
void RegisterEinsum(Registry& r);
void RegisterKron(Registry& r);
void RegisterNorms(Registry& r);     // p_norm, norm, dist, frobenius_norm, squared_l2_norm
void RegisterDiagonal(Registry& r);  // diag_v2, diagonal, trace
void RegisterCross(Registry& r);
void RegisterSimilarity(Registry& r);  // cos_sim, bilinear_tensor_product, l1_norm

}  // namespace pd2onnx::mappers

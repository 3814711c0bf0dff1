// Logic mappers (src/mappers/logic): one Register function per mapper file,
// called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterCompare(Registry& r);   // equal, not_equal, {greater,less}_{than,equal}
void RegisterLogical(Registry& r);   // logical_{and,or,xor,not}, bitwise_{and,or,xor,not}
void RegisterIsFinite(Registry& r);  // isfinite/isinf/isnan and their _v2 forms
void RegisterWhere(Registry& r);
void RegisterCloseness(Registry& r);  // isclose, allclose, equal_all

}  // namespace pd2onnx::mappers

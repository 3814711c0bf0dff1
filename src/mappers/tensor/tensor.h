// Tensor mappers (src/mappers/tensor): one Register function per mapper
// file, called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterArgMax(Registry& r);
void RegisterAssign(Registry& r);  // assign, assign_value
void RegisterConcat(Registry& r);
void RegisterExpand(Registry& r);        // expand_v2
void RegisterFillConstant(Registry& r);  // fill_constant, fill_constant_batch_size_like
void RegisterFlatten(Registry& r);       // flatten2, flatten_contiguous_range
void RegisterGather(Registry& r);
void RegisterReshape(Registry& r);  // reshape2, reshape
void RegisterShape(Registry& r);
void RegisterSlice(Registry& r);
void RegisterSplit(Registry& r);
void RegisterSqueeze(Registry& r);  // squeeze2
void RegisterStack(Registry& r);    // stack, unstack
void RegisterTile(Registry& r);
void RegisterTranspose(Registry& r);  // transpose2, transpose
void RegisterUnsqueeze(Registry& r);  // unsqueeze2

}  // namespace pd2onnx::mappers

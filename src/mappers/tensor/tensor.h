// Tensor mappers (src/mappers/tensor): one Register function per mapper
// file, called from register.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterAssign(Registry& r);  // assign, assign_value
void RegisterConcat(Registry& r);
void RegisterCrop(Registry& r);      // crop, crop_tensor, expand, expand_as, partial_concat,
                                     // partial_sum, repeat_interleave
void RegisterCreation(Registry& r);  // eye, fill_any_like, fill_zeros_like, linspace, range,
                                     // share_data, size, sum
void RegisterEmpty(Registry& r);
void RegisterExpand(Registry& r);        // expand_v2, expand_as_v2
void RegisterFillConstant(Registry& r);  // fill_constant, fill_constant_batch_size_like
void RegisterFlatten(Registry& r);       // flatten, flatten2, flatten_contiguous_range
void RegisterFlip(Registry& r);          // flip, reverse, roll
void RegisterGather(Registry& r);
void RegisterIndexOps(Registry& r);  // gather_nd, index_sample, index_select, masked_select,
                                     // take_along_axis, where_index
void RegisterLod(Registry& r);       // lod_reset, sequence_expand (one sequence)
void RegisterMeshgrid(Registry& r);
void RegisterOneHot(Registry& r);   // one_hot, one_hot_v2
void RegisterRandom(Registry& r);   // gaussian_random, uniform_random
void RegisterReshape(Registry& r);  // reshape2, reshape
void RegisterScatter(Registry& r);  // put_along_axis, scatter, scatter_nd_add

// A ScatterND / ScatterElements node with a reduction (add, mul) on `data`
// of `dtype`. ONNX Runtime's CPU kernels refuse float16 reductions, so
// float16 accumulates in float32 and is rounded once.
std::string ReducingScatter(MapContext& cx, std::string_view op_type, graph::DataType dtype,
                            const std::string& data, const std::string& index,
                            const std::string& updates, std::vector<NodeAttr> attrs);
void RegisterSetValue(Registry& r);
void RegisterShape(Registry& r);
void RegisterSlice(Registry& r);
void RegisterSplit(Registry& r);
void RegisterSqueeze(Registry& r);  // squeeze, squeeze2
void RegisterStack(Registry& r);    // stack, unstack, unbind
void RegisterStridedSlice(Registry& r);
void RegisterTile(Registry& r);
void RegisterTranspose(Registry& r);  // transpose2, transpose
void RegisterTrilTriu(Registry& r);
void RegisterUnsqueeze(Registry& r);    // unsqueeze, unsqueeze2
void RegisterExtraTensor(Registry& r);  // sequence_mask, tril/triu_indices, index_add, multiplex,
                                        // shard_index, logspace, pad_constant_like

}  // namespace pd2onnx::mappers

// Kernels of the tensor index area (shape, indexing and creation ops beyond
// the core set), written from Paddle's semantics: plain loops over
// row-major data. Listed in tensor_index_table.cc.
#pragma once

#include "interpreter/kernel_context.h"

namespace pd2onnx::interp::kernels {

// indexing.cc
void OneHotV2(KernelContext& ctx);
void OneHot(KernelContext& ctx);
void Flip(KernelContext& ctx);  // flip and reverse
void Roll(KernelContext& ctx);
void IndexSelect(KernelContext& ctx);
void GatherNd(KernelContext& ctx);
void IndexSample(KernelContext& ctx);
void TakeAlongAxis(KernelContext& ctx);
void TrilTriu(KernelContext& ctx);
void WhereIndex(KernelContext& ctx);
void MaskedSelect(KernelContext& ctx);
void StridedSlice(KernelContext& ctx);
void Unbind(KernelContext& ctx);
void ExpandAsV2(KernelContext& ctx);
void Meshgrid(KernelContext& ctx);

// creation_extra.cc
void Range(KernelContext& ctx);
void Linspace(KernelContext& ctx);
void Eye(KernelContext& ctx);
void Size(KernelContext& ctx);
void Sum(KernelContext& ctx);
void FillZerosLike(KernelContext& ctx);
void ShareData(KernelContext& ctx);

// scatter_crop.cc
void Scatter(KernelContext& ctx);
void ScatterNdAdd(KernelContext& ctx);
void PutAlongAxis(KernelContext& ctx);
void CropTensor(KernelContext& ctx);  // crop_tensor and crop
void RepeatInterleave(KernelContext& ctx);
void PartialConcat(KernelContext& ctx);
void PartialSum(KernelContext& ctx);
void ExpandV1(KernelContext& ctx);
void ExpandAsV1(KernelContext& ctx);

}  // namespace pd2onnx::interp::kernels

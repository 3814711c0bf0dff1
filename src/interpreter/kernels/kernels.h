// Every kernel of the reference interpreter, by family. Each is written from
// Paddle's documented semantics (see docs/paddle-formats.md section 5 and
// Paddle's phi kernels); kernel_registry.cc maps op types to them.
#pragma once

#include "interpreter/kernel_context.h"

namespace pd2onnx::interp::kernels {

// activation.cc
void Relu(KernelContext& ctx);
void Relu6(KernelContext& ctx);
void Sigmoid(KernelContext& ctx);
void Tanh(KernelContext& ctx);
void HardSigmoid(KernelContext& ctx);
void HardSwish(KernelContext& ctx);
void Swish(KernelContext& ctx);
void Silu(KernelContext& ctx);
void Gelu(KernelContext& ctx);
void LeakyRelu(KernelContext& ctx);
void Sqrt(KernelContext& ctx);
void Rsqrt(KernelContext& ctx);
void Exp(KernelContext& ctx);
void Log(KernelContext& ctx);
void Abs(KernelContext& ctx);
void Square(KernelContext& ctx);
void Elu(KernelContext& ctx);
void Softplus(KernelContext& ctx);

// elementwise.cc
void ElementwiseAdd(KernelContext& ctx);
void ElementwiseSub(KernelContext& ctx);
void ElementwiseMul(KernelContext& ctx);
void ElementwiseDiv(KernelContext& ctx);
void ElementwiseMax(KernelContext& ctx);
void ElementwiseMin(KernelContext& ctx);
void ElementwisePow(KernelContext& ctx);
void ElementwiseMod(KernelContext& ctx);
void ElementwiseFloorDiv(KernelContext& ctx);

// math.cc
void Scale(KernelContext& ctx);
void Pow(KernelContext& ctx);
void Clip(KernelContext& ctx);
void Cast(KernelContext& ctx);

// reduce.cc
void ReduceMean(KernelContext& ctx);
void ReduceSum(KernelContext& ctx);
void ReduceMax(KernelContext& ctx);
void ReduceMin(KernelContext& ctx);
void ReduceProd(KernelContext& ctx);
void ArgMax(KernelContext& ctx);
void ArgMin(KernelContext& ctx);

// conv.cc
void Conv2d(KernelContext& ctx);  // conv2d and depthwise_conv2d
void Conv2dTranspose(KernelContext& ctx);

// pool.cc
void Pool2d(KernelContext& ctx);

// interpolate.cc
void BilinearInterpV2(KernelContext& ctx);
void NearestInterpV2(KernelContext& ctx);

// norm.cc
void BatchNorm(KernelContext& ctx);
void LayerNorm(KernelContext& ctx);

// nn.cc
void Softmax(KernelContext& ctx);
void Matmul(KernelContext& ctx);
void MatmulV2(KernelContext& ctx);
void Mul(KernelContext& ctx);
void Dropout(KernelContext& ctx);
void LookupTable(KernelContext& ctx);
void LookupTableV2(KernelContext& ctx);
void PixelShuffle(KernelContext& ctx);

// shape.cc
void Reshape(KernelContext& ctx);    // reshape2 and reshape
void Transpose(KernelContext& ctx);  // transpose2 and transpose
void Flatten2(KernelContext& ctx);
void FlattenContiguousRange(KernelContext& ctx);
void Squeeze2(KernelContext& ctx);
void Unsqueeze2(KernelContext& ctx);
void ExpandV2(KernelContext& ctx);
void Tile(KernelContext& ctx);
void Shape(KernelContext& ctx);

// lod.cc
void LodReset(KernelContext& ctx);
void SequenceExpand(KernelContext& ctx);

// tensor.cc
void Concat(KernelContext& ctx);
void Split(KernelContext& ctx);
void Slice(KernelContext& ctx);
void Stack(KernelContext& ctx);
void Unstack(KernelContext& ctx);
void Gather(KernelContext& ctx);
void Assign(KernelContext& ctx);

// creation.cc
void Feed(KernelContext& ctx);
void Fetch(KernelContext& ctx);
void FillConstant(KernelContext& ctx);
void FillConstantBatchSizeLike(KernelContext& ctx);
void FillAnyLike(KernelContext& ctx);
void AssignValue(KernelContext& ctx);

}  // namespace pd2onnx::interp::kernels

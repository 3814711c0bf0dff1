#include "interpreter/kernel_registry.h"

#include <algorithm>

#include "interpreter/kernels/kernels.h"

namespace pd2onnx::interp {
namespace {

// Sorted by op type (checked by the interpreter's tests through
// KernelTypes()). A constant table: no static initialisers.
constexpr KernelEntry kKernels[] = {
    {"abs", kernels::Abs},
    {"arg_max", kernels::ArgMax},
    {"arg_min", kernels::ArgMin},
    {"assign", kernels::Assign},
    {"assign_value", kernels::AssignValue},
    {"batch_norm", kernels::BatchNorm},
    {"bilinear_interp_v2", kernels::BilinearInterpV2},
    {"cast", kernels::Cast},
    {"clip", kernels::Clip},
    {"concat", kernels::Concat},
    {"conv2d", kernels::Conv2d},
    {"conv2d_transpose", kernels::Conv2dTranspose},
    {"depthwise_conv2d", kernels::Conv2d},
    {"dropout", kernels::Dropout},
    {"elementwise_add", kernels::ElementwiseAdd},
    {"elementwise_div", kernels::ElementwiseDiv},
    {"elementwise_floordiv", kernels::ElementwiseFloorDiv},
    {"elementwise_max", kernels::ElementwiseMax},
    {"elementwise_min", kernels::ElementwiseMin},
    {"elementwise_mod", kernels::ElementwiseMod},
    {"elementwise_mul", kernels::ElementwiseMul},
    {"elementwise_pow", kernels::ElementwisePow},
    {"elementwise_sub", kernels::ElementwiseSub},
    {"elu", kernels::Elu},
    {"exp", kernels::Exp},
    {"expand_v2", kernels::ExpandV2},
    {"feed", kernels::Feed},
    {"fetch", kernels::Fetch},
    {"fetch_v2", kernels::Fetch},
    {"fill_any_like", kernels::FillAnyLike},
    {"fill_constant", kernels::FillConstant},
    {"fill_constant_batch_size_like", kernels::FillConstantBatchSizeLike},
    {"flatten2", kernels::Flatten2},
    {"flatten_contiguous_range", kernels::FlattenContiguousRange},
    {"gather", kernels::Gather},
    {"gelu", kernels::Gelu},
    {"hard_sigmoid", kernels::HardSigmoid},
    {"hard_swish", kernels::HardSwish},
    {"layer_norm", kernels::LayerNorm},
    {"leaky_relu", kernels::LeakyRelu},
    {"log", kernels::Log},
    {"lookup_table", kernels::LookupTable},
    {"lookup_table_v2", kernels::LookupTableV2},
    {"matmul", kernels::Matmul},
    {"matmul_v2", kernels::MatmulV2},
    {"mul", kernels::Mul},
    {"nearest_interp_v2", kernels::NearestInterpV2},
    {"pixel_shuffle", kernels::PixelShuffle},
    {"pool2d", kernels::Pool2d},
    {"pow", kernels::Pow},
    {"reduce_max", kernels::ReduceMax},
    {"reduce_mean", kernels::ReduceMean},
    {"reduce_min", kernels::ReduceMin},
    {"reduce_prod", kernels::ReduceProd},
    {"reduce_sum", kernels::ReduceSum},
    {"relu", kernels::Relu},
    {"relu6", kernels::Relu6},
    {"reshape", kernels::Reshape},
    {"reshape2", kernels::Reshape},
    {"rsqrt", kernels::Rsqrt},
    {"scale", kernels::Scale},
    {"shape", kernels::Shape},
    {"sigmoid", kernels::Sigmoid},
    {"silu", kernels::Silu},
    {"slice", kernels::Slice},
    {"softmax", kernels::Softmax},
    {"softplus", kernels::Softplus},
    {"split", kernels::Split},
    {"sqrt", kernels::Sqrt},
    {"square", kernels::Square},
    {"squeeze2", kernels::Squeeze2},
    {"stack", kernels::Stack},
    {"swish", kernels::Swish},
    {"tanh", kernels::Tanh},
    {"tile", kernels::Tile},
    {"lod_reset", kernels::LodReset},
    {"sequence_expand", kernels::SequenceExpand},
    {"transpose", kernels::Transpose},
    {"transpose2", kernels::Transpose},
    {"unsqueeze2", kernels::Unsqueeze2},
    {"unstack", kernels::Unstack},
};

using TableFn = std::span<const KernelEntry> (*)();
constexpr TableFn kTables[] = {
    CoreKernels,    ElementwiseMathKernels, TensorIndexKernels, SearchLinalgKernels,
    NnExtraKernels, DetectionKernels,       ControlFlowKernels, RnnKernels,
    OpsGapKernels,  ExtraOpsKernels,        QuantKernels};

}  // namespace

std::span<const KernelEntry> CoreKernels() { return kKernels; }

KernelFn FindKernel(std::string_view op_type) {
  for (TableFn table : kTables) {
    for (const KernelEntry& entry : table()) {
      if (entry.op_type == op_type) return entry.fn;
    }
  }
  return nullptr;
}

std::vector<std::string> RegisteredKernelTypes() {
  std::vector<std::string> types;
  for (TableFn table : kTables) {
    for (const KernelEntry& entry : table()) types.emplace_back(entry.op_type);
  }
  std::sort(types.begin(), types.end());
  return types;
}

}  // namespace pd2onnx::interp

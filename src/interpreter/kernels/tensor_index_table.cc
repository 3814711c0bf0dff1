// Kernels of the tensor index area, listed by op type.
#include "interpreter/kernel_registry.h"
#include "interpreter/kernels/indexing.h"
#include "interpreter/kernels/kernels.h"

namespace pd2onnx::interp {
namespace {

// Sorted by op type.
constexpr KernelEntry kTensorIndexKernels[] = {
    {"crop", kernels::CropTensor},
    {"crop_tensor", kernels::CropTensor},
    {"expand", kernels::ExpandV1},
    {"expand_as", kernels::ExpandAsV1},
    {"expand_as_v2", kernels::ExpandAsV2},
    {"eye", kernels::Eye},
    {"fill_zeros_like", kernels::FillZerosLike},
    {"flatten", kernels::Flatten2},
    {"flip", kernels::Flip},
    {"gather_nd", kernels::GatherNd},
    {"index_sample", kernels::IndexSample},
    {"index_select", kernels::IndexSelect},
    {"linspace", kernels::Linspace},
    {"masked_select", kernels::MaskedSelect},
    {"meshgrid", kernels::Meshgrid},
    {"one_hot", kernels::OneHot},
    {"one_hot_v2", kernels::OneHotV2},
    {"partial_concat", kernels::PartialConcat},
    {"partial_sum", kernels::PartialSum},
    {"put_along_axis", kernels::PutAlongAxis},
    {"range", kernels::Range},
    {"repeat_interleave", kernels::RepeatInterleave},
    {"reverse", kernels::Flip},
    {"roll", kernels::Roll},
    {"scatter", kernels::Scatter},
    {"scatter_nd_add", kernels::ScatterNdAdd},
    {"share_data", kernels::ShareData},
    {"size", kernels::Size},
    {"squeeze", kernels::Squeeze2},
    {"strided_slice", kernels::StridedSlice},
    {"sum", kernels::Sum},
    {"take_along_axis", kernels::TakeAlongAxis},
    {"tril_triu", kernels::TrilTriu},
    {"unbind", kernels::Unbind},
    {"unsqueeze", kernels::Unsqueeze2},
    {"where_index", kernels::WhereIndex},
};

}  // namespace

std::span<const KernelEntry> TensorIndexKernels() { return kTensorIndexKernels; }

}  // namespace pd2onnx::interp

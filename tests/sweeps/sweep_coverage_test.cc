// Every mapper in the registry has a sweep (like
// Registry.EveryMapperHasAnInterpreterKernel): kNotYetSwept lists the ops
// still waiting for one, and may only shrink.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "mappers/registry.h"
#include "sweep.h"

namespace pd2onnx::testing::sweep {
namespace {

// Ops without a sweep yet (tests/sweeps/README.md says how to add one).
const std::set<std::string> kNotYetSwept = {
    "affine_grid",
    "allclose",
    "anchor_generator",
    "array_to_tensor",
    "assign_value",
    "bce_loss",
    "bicubic_interp",
    "bicubic_interp_v2",
    "bilinear_interp",
    "bilinear_tensor_product",
    "box_clip",
    "box_coder",
    "collect_fpn_proposals",
    "conditional_block",
    "conv3d",
    "conv3d_transpose",
    "cos_sim",
    "crop",
    "crop_tensor",
    "cross",
    "data_norm",
    "deformable_conv",
    "deformable_conv_v1",
    "density_prior_box",
    "diag_v2",
    "diagonal",
    "distribute_fpn_proposals",
    "einsum",
    "empty",
    "equal_all",
    "expand",
    "expand_as",
    "eye",
    "fc",
    "fill_constant_batch_size_like",
    "fold",
    "gaussian_random",
    "generate_proposals",
    "generate_proposals_v2",
    "grid_sampler",
    "gru",
    "huber_loss",
    "increment",
    "index_add",
    "is_empty",
    "isclose",
    "kldiv_loss",
    "kthvalue",
    "l1_norm",
    "label_smooth",
    "lerp",
    "linear_interp",
    "linear_interp_v2",
    "linspace",
    "lod_array_length",
    "log_loss",
    "logcumsumexp",
    "logspace",
    "lookup_table",
    "lrn",
    "lstm",
    "masked_select",
    "max_pool2d_with_index",
    "maxout",
    "mode",
    "multiclass_nms",
    "multiclass_nms2",
    "multiclass_nms3",
    "multiplex",
    "nearest_interp",
    "nll_loss",
    "norm",
    "one_hot",
    "pad",
    "pad_constant_like",
    "partial_concat",
    "partial_sum",
    "pool3d",
    "prior_box",
    "put_along_axis",
    "range",
    "read_from_array",
    "rnn",
    "roi_align",
    "roi_pool",
    "rrelu",
    "scatter_nd_add",
    "select_input",
    "select_output",
    "sequence_mask",
    "set_value",
    "shard_index",
    "shuffle_channel",
    "sigmoid_cross_entropy_with_logits",
    "soft_relu",
    "softmax_with_cross_entropy",
    "sync_batch_norm",
    "tensor_array_to_tensor",
    "top_k",
    "trace",
    "tril_indices",
    "trilinear_interp",
    "trilinear_interp_v2",
    "triu_indices",
    "unfold",
    "uniform_random",
    "unique",
    "unpool",
    "where_index",
    "while",
    "write_to_array",
    "yolo_box",
};

TEST(SweepCoverage, EveryMapperHasASweep) {
  const std::vector<std::string> swept = SweptOps();
  for (const mappers::OpMapper* mapper : mappers::BuiltinRegistry().All()) {
    const bool has_sweep = std::binary_search(swept.begin(), swept.end(), mapper->type);
    if (kNotYetSwept.count(mapper->type) != 0) {
      EXPECT_FALSE(has_sweep) << mapper->type << " has a sweep now: remove it from kNotYetSwept";
    } else {
      EXPECT_TRUE(has_sweep) << mapper->type
                             << " has no sweep: add one under tests/sweeps/ (see its README.md)";
    }
  }
}

TEST(SweepCoverage, EverySweepNamesARegisteredMapper) {
  for (const std::string& op : SweptOps()) {
    EXPECT_NE(mappers::BuiltinRegistry().Find(op), nullptr) << op;
  }
  for (const std::string& op : kNotYetSwept) {
    EXPECT_NE(mappers::BuiltinRegistry().Find(op), nullptr) << op << " in kNotYetSwept";
  }
}

}  // namespace
}  // namespace pd2onnx::testing::sweep

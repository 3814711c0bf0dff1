#include "paddle/pir/op_table.h"

#include <algorithm>
#include <map>
#include <string>

namespace pd2onnx::paddle::pir {
namespace {

OperandSpec T(std::string_view name, std::string_view slot) {
  return {name, OperandKind::kTensor, slot, "", ""};
}
OperandSpec L(std::string_view name, std::string_view slot) {
  return {name, OperandKind::kTensorList, slot, "", ""};
}
OperandSpec IA(std::string_view name, std::string_view attr, std::string_view slot = "",
               std::string_view list_slot = "") {
  return {name, OperandKind::kIntArray, slot, attr, list_slot};
}
// A mutable IntArray whose legacy list slot takes precedence over its
// tensor slot.
OperandSpec ListFirstIA(std::string_view name, std::string_view attr, std::string_view slot,
                        std::string_view list_slot) {
  OperandSpec o = IA(name, attr, slot, list_slot);
  o.list_first = true;
  return o;
}
OperandSpec S(std::string_view name, std::string_view attr, std::string_view slot = "") {
  return {name, OperandKind::kScalar, slot, attr, ""};
}

const std::vector<std::string_view> kOut = {"Out"};
const std::vector<OperandSpec> kX = {T("x", "X")};
const std::vector<OperandSpec> kXY = {T("x", "X"), T("y", "Y")};

OpSpec Unary(std::string_view pir, std::string_view legacy, std::vector<AttrRename> renames = {},
             std::vector<FixedAttr> fixed = {}) {
  return {pir, legacy, kX, kOut, std::move(renames), std::move(fixed)};
}

OpSpec Binary(std::string_view pir, std::string_view legacy) {
  return {pir, legacy, kXY, kOut, {}, {}};
}

// Legacy elementwise ops broadcast from `axis`; PIR ones numpy-style (-1).
OpSpec Elementwise(std::string_view pir, std::string_view legacy) {
  return {pir, legacy, kXY, kOut, {}, {{"axis", -1}}};
}

std::vector<OpSpec> UnaryOps() {
  std::vector<OpSpec> ops;
  for (std::string_view name :
       {"abs",        "exp",   "log",         "relu",        "sigmoid",     "sqrt",
        "tanh",       "acos",  "acosh",       "asin",        "asinh",       "atan",
        "atanh",      "ceil",  "cos",         "cosh",        "erf",         "floor",
        "reciprocal", "sign",  "sin",         "sinh",        "softsign",    "tan",
        "expm1",      "log10", "log1p",       "log2",        "logsigmoid",  "rsqrt",
        "square",     "trunc", "silu",        "tanh_shrink", "logical_not", "bitwise_not",
        "gelu",       "elu",   "celu",        "selu",        "softplus",    "thresholded_relu",
        "logit",      "round", "log_softmax", "softmax"}) {
    ops.push_back(Unary(name, name));
  }
  ops.push_back(Unary("isnan", "isnan_v2"));
  ops.push_back(Unary("isinf", "isinf_v2"));
  ops.push_back(Unary("isfinite", "isfinite_v2"));
  ops.push_back(Unary("mish", "mish", {{"lambda", "threshold"}}));
  ops.push_back(Unary("leaky_relu", "leaky_relu", {{"negative_slope", "alpha"}}));
  ops.push_back(Unary("hardshrink", "hard_shrink"));
  ops.push_back(Unary("softshrink", "softshrink", {{"threshold", "lambda"}}));
  ops.push_back(Unary("relu6", "relu6", {}, {{"threshold", 6}}));
  ops.push_back(Unary("swish", "swish", {}, {{"beta", 1}}));
  ops.push_back(
      Unary("hardswish", "hard_swish", {}, {{"threshold", 6}, {"scale", 6}, {"offset", 3}}));
  ops.push_back(Unary("hardsigmoid", "hard_sigmoid"));
  ops.push_back(Unary("hardtanh", "brelu"));
  ops.push_back(Unary("cast", "cast", {{"dtype", "out_dtype"}}));
  ops.push_back(Unary("clip_by_norm", "clip_by_norm"));
  ops.push_back(Unary("squared_l2_norm", "squared_l2_norm"));
  ops.push_back(Unary("p_norm", "p_norm"));
  ops.push_back(Unary("flip", "flip"));
  ops.push_back(Unary("cumprod", "cumprod"));
  ops.push_back(Unary("repeat_interleave", "repeat_interleave", {{"axis", "dim"}}));
  ops.push_back(Unary("pixel_shuffle", "pixel_shuffle"));
  ops.push_back(Unary("pixel_unshuffle", "pixel_unshuffle"));
  ops.push_back(Unary("channel_shuffle", "channel_shuffle"));
  ops.push_back(Unary("temporal_shift", "temporal_shift"));
  ops.push_back(Unary("tril", "tril_triu", {}, {{"lower", 1}}));
  ops.push_back(Unary("triu", "tril_triu", {}, {{"lower", 0}}));
  ops.push_back(Unary("mean_all", "mean"));
  ops.push_back(Unary("assign", "assign"));
  ops.push_back(Unary("logsumexp", "logsumexp"));
  ops.push_back(Unary("pool3d", "pool3d", {{"kernel_size", "ksize"}}));
  ops.push_back({"unfold", "unfold", kX, {"Y"}, {}, {}});
  return ops;
}

std::vector<OpSpec> BinaryOps() {
  std::vector<OpSpec> ops = {
      Elementwise("add", "elementwise_add"),
      Elementwise("subtract", "elementwise_sub"),
      Elementwise("multiply", "elementwise_mul"),
      Elementwise("divide", "elementwise_div"),
      Elementwise("maximum", "elementwise_max"),
      Elementwise("minimum", "elementwise_min"),
      Elementwise("elementwise_pow", "elementwise_pow"),
      Elementwise("remainder", "elementwise_mod"),
      Elementwise("floor_divide", "elementwise_floordiv"),
      Elementwise("fmax", "elementwise_fmax"),
      Elementwise("fmin", "elementwise_fmin"),
      Elementwise("heaviside", "elementwise_heaviside"),
  };
  for (std::string_view name :
       {"equal", "not_equal", "less_than", "less_equal", "greater_than", "greater_equal",
        "logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor",
        "kron", "bmm", "dot", "dist"}) {
    ops.push_back(Binary(name, name));
  }
  ops.push_back({"matmul",
                 "matmul_v2",
                 kXY,
                 kOut,
                 {{"transpose_x", "trans_x"}, {"transpose_y", "trans_y"}},
                 {}});
  ops.push_back({"legacy_matmul",
                 "matmul",
                 kXY,
                 kOut,
                 {{"transpose_x", "transpose_X"}, {"transpose_y", "transpose_Y"}},
                 {}});
  ops.push_back(Binary("matmul_with_flatten", "mul"));
  ops.push_back({"mv", "mv", {T("x", "X"), T("vec", "Vec")}, kOut, {}, {}});
  ops.push_back({"addmm",
                 "addmm",
                 {T("input", "Input"), T("x", "X"), T("y", "Y")},
                 kOut,
                 {{"alpha", "Alpha"}, {"beta", "Beta"}},
                 {}});
  ops.push_back(
      {"where", "where", {T("condition", "Condition"), T("x", "X"), T("y", "Y")}, kOut, {}, {}});
  ops.push_back(Binary("expand_as", "expand_as_v2"));
  ops.push_back({"prelu", "prelu", {T("x", "X"), T("alpha", "Alpha")}, kOut, {}, {}});
  return ops;
}

std::vector<OpSpec> MathOps() {
  std::vector<OpSpec> ops = {
      {"scale", "scale", {T("x", "X"), S("scale", "scale", "ScaleTensor")}, kOut, {}, {}},
      {"pow", "pow", {T("x", "X"), S("y", "factor", "FactorTensor")}, kOut, {}, {}},
      {"clip", "clip", {T("x", "X"), S("min", "min", "Min"), S("max", "max", "Max")}, kOut, {}, {}},
      {"sum",
       "reduce_sum",
       {T("x", "X"), IA("axis", "dim")},
       kOut,
       {{"keepdim", "keep_dim"}, {"dtype", "out_dtype"}},
       {}},
      {"mean",
       "reduce_mean",
       {T("x", "X"), IA("axis", "dim")},
       kOut,
       {{"keepdim", "keep_dim"}},
       {}},
      {"max", "reduce_max", {T("x", "X"), IA("axis", "dim")}, kOut, {{"keepdim", "keep_dim"}}, {}},
      {"min", "reduce_min", {T("x", "X"), IA("axis", "dim")}, kOut, {{"keepdim", "keep_dim"}}, {}},
      {"prod",
       "reduce_prod",
       {T("x", "X"), IA("axis", "dim")},
       kOut,
       {{"keepdim", "keep_dim"}},
       {}},
      {"all", "reduce_all", kX, kOut, {{"axis", "dim"}, {"keepdim", "keep_dim"}}, {}},
      {"any", "reduce_any", kX, kOut, {{"axis", "dim"}, {"keepdim", "keep_dim"}}, {}},
      {"frobenius_norm",
       "frobenius_norm",
       {T("x", "X"), IA("axis", "dim")},
       kOut,
       {{"keepdim", "keep_dim"}},
       {}},
      {"norm", "norm", kX, {"Out", "Norm"}, {}, {}},
      {"argmax", "arg_max", {T("x", "X"), S("axis", "axis")}, kOut, {}, {}},
      {"argmin", "arg_min", {T("x", "X"), S("axis", "axis")}, kOut, {}, {}},
      {"argsort", "argsort", kX, {"Out", "Indices"}, {}, {}},
      {"topk", "top_k_v2", {T("x", "X"), S("k", "k", "K")}, {"Out", "Indices"}, {}, {}},
      {"cumsum", "cumsum", {T("x", "X"), S("axis", "axis")}, kOut, {}, {}},
      {"unique", "unique", kX, {"Out", "Indices", "Index", "Counts"}, {}, {}},
      {"add_n", "sum", {L("inputs", "X")}, kOut, {}, {}},
      {"einsum", "einsum", {L("x", "Operands")}, {"Out", "InnerCache", "XShape"}, {}, {}},
  };
  return ops;
}

std::vector<OpSpec> TensorOps() {
  return {
      {"full", "fill_constant", {}, kOut, {}, {}},
      {"full_int_array", "assign_value", {}, kOut, {}, {}},
      {"assign_value", "assign_value", {}, kOut, {}, {}},
      {"assign_value_", "assign_value", {T("output", "")}, kOut, {}, {}},
      {"full_like", "fill_any_like", {T("x", "X"), S("value", "value")}, kOut, {}, {}},
      {"full_with_tensor",
       "fill_constant",
       {T("value", "ValueTensor"), IA("shape", "shape", "ShapeTensor", "ShapeTensorList")},
       kOut,
       {},
       {}},
      {"full_batch_size_like",
       "fill_constant_batch_size_like",
       {T("input", "Input")},
       kOut,
       {},
       {}},
      {"arange", "range", {T("start", "Start"), T("end", "End"), T("step", "Step")}, kOut, {}, {}},
      {"linspace",
       "linspace",
       {T("start", "Start"), T("stop", "Stop"), T("number", "Num")},
       kOut,
       {},
       {}},
      {"eye", "eye", {S("num_rows", "num_rows"), S("num_columns", "num_columns")}, kOut, {}, {}},
      {"concat", "concat", {L("x", "X"), S("axis", "axis", "AxisTensor")}, kOut, {}, {}},
      {"stack", "stack", {L("x", "X")}, {"Y"}, {}, {}},
      {"split",
       "split",
       {T("x", "X"), IA("sections", "sections", "", "SectionsTensorList"),
        S("axis", "axis", "AxisTensor")},
       kOut,
       {},
       {}},
      {"split_with_num", "split", {T("x", "X"), S("axis", "axis", "AxisTensor")}, kOut, {}, {}},
      {"unbind", "unbind", {T("input", "X")}, kOut, {}, {}},
      {"unstack", "unstack", kX, {"Y"}, {}, {}},
      {"meshgrid", "meshgrid", {L("inputs", "X")}, kOut, {}, {}},
      {"reshape",
       "reshape2",
       {T("x", "X"), ListFirstIA("shape", "shape", "Shape", "ShapeTensor")},
       {"Out", "XShape"},
       {},
       {}},
      {"flatten", "flatten_contiguous_range", kX, {"Out", "XShape"}, {}, {}},
      {"transpose", "transpose2", kX, {"Out", "XShape"}, {{"perm", "axis"}}, {}},
      {"squeeze", "squeeze2", {T("x", "X"), IA("axis", "axes")}, {"Out", "XShape"}, {}, {}},
      {"unsqueeze",
       "unsqueeze2",
       {T("x", "X"), ListFirstIA("axis", "axes", "AxesTensor", "AxesTensorList")},
       {"Out", "XShape"},
       {},
       {}},
      {"slice",
       "slice",
       {T("input", "Input"), IA("starts", "starts", "StartsTensor", "StartsTensorList"),
        IA("ends", "ends", "EndsTensor", "EndsTensorList")},
       kOut,
       {},
       {}},
      {"strided_slice",
       "strided_slice",
       {T("x", "Input"), IA("starts", "starts", "StartsTensor", "StartsTensorList"),
        IA("ends", "ends", "EndsTensor", "EndsTensorList"),
        IA("strides", "strides", "StridesTensor", "StridesTensorList")},
       kOut,
       {},
       {}},
      {"expand",
       "expand_v2",
       {T("x", "X"), IA("shape", "shape", "Shape", "expand_shapes_tensor")},
       kOut,
       {},
       {}},
      {"tile",
       "tile",
       {T("x", "X"), IA("repeat_times", "repeat_times", "RepeatTimes", "repeat_times_tensor")},
       kOut,
       {},
       {}},
      {"gather",
       "gather",
       {T("x", "X"), T("index", "Index"), S("axis", "axis", "Axis")},
       kOut,
       {},
       {}},
      {"gather_nd", "gather_nd", {T("x", "X"), T("index", "Index")}, kOut, {}, {}},
      {"index_select",
       "index_select",
       {T("x", "X"), T("index", "Index")},
       kOut,
       {{"axis", "dim"}},
       {}},
      {"index_sample", "index_sample", {T("x", "X"), T("index", "Index")}, kOut, {}, {}},
      {"take_along_axis",
       "take_along_axis",
       {T("arr", "Input"), T("indices", "Index")},
       {"Result"},
       {{"axis", "Axis"}},
       {}},
      {"put_along_axis",
       "put_along_axis",
       {T("arr", "Input"), T("indices", "Index"), T("values", "Value")},
       {"Result"},
       {{"axis", "Axis"}, {"reduce", "Reduce"}},
       {}},
      {"scatter",
       "scatter",
       {T("x", "X"), T("index", "Ids"), T("updates", "Updates")},
       kOut,
       {},
       {}},
      {"scatter_nd_add",
       "scatter_nd_add",
       {T("x", "X"), T("index", "Index"), T("updates", "Updates")},
       kOut,
       {},
       {}},
      {"masked_select", "masked_select", {T("x", "X"), T("mask", "Mask")}, {"Y"}, {}, {}},
      {"nonzero", "where_index", {T("condition", "Condition")}, kOut, {}, {}},
      {"roll", "roll", {T("x", "X"), IA("shifts", "shifts", "ShiftsTensor")}, kOut, {}, {}},
      {"one_hot",
       "one_hot_v2",
       {T("x", "X"), S("num_classes", "depth", "depth_tensor")},
       kOut,
       {},
       {}},
      {"shape", "shape", {T("input", "Input")}, kOut, {}, {}},
      {"shape64", "shape", {T("input", "Input")}, kOut, {}, {}},
      {"numel", "size", {T("x", "Input")}, kOut, {}, {}},
      {"crop",
       "crop_tensor",
       {T("x", "X"), IA("shape", "shape", "Shape", "ShapeTensor"),
        IA("offsets", "offsets", "Offsets", "OffsetsTensor")},
       kOut,
       {},
       {}},
      {"embedding",
       "lookup_table_v2",
       {T("x", "Ids"), T("weight", "W")},
       kOut,
       {{"sparse", "is_sparse"}},
       {}},
      {"partial_concat", "partial_concat", {L("x", "X")}, kOut, {}, {}},
      {"partial_sum", "partial_sum", {L("x", "X")}, kOut, {}, {}},
  };
}

std::vector<OpSpec> NnOps() {
  const std::vector<OperandSpec> conv = {T("input", "Input"), T("filter", "Filter")};
  const std::vector<OperandSpec> conv_t = {T("x", "Input"), T("filter", "Filter"),
                                           IA("output_size", "output_size")};
  const std::vector<OperandSpec> bn = {T("x", "X"), T("mean", "Mean"), T("variance", "Variance"),
                                       T("scale", "Scale"), T("bias", "Bias")};
  const std::vector<std::string_view> bn_out = {"Y",         "MeanOut",       "VarianceOut",
                                                "SavedMean", "SavedVariance", "ReserveSpace"};
  const std::vector<OperandSpec> interp = {T("x", "X"), T("out_size", "OutSize"),
                                           L("size_tensor", "SizeTensor"),
                                           T("scale_tensor", "Scale")};
  const std::vector<AttrRename> layout = {{"data_format", "data_layout"}};
  const std::vector<OperandSpec> norm3 = {T("x", "X"), T("scale", "Scale"), T("bias", "Bias")};
  return {
      {"conv2d", "conv2d", conv, {"Output"}, {}, {}},
      {"depthwise_conv2d", "depthwise_conv2d", conv, {"Output"}, {}, {}},
      {"conv3d", "conv3d", conv, {"Output"}, {}, {}},
      {"conv2d_transpose", "conv2d_transpose", conv_t, {"Output"}, {}, {}},
      {"depthwise_conv2d_transpose", "depthwise_conv2d_transpose", conv_t, {"Output"}, {}, {}},
      {"conv3d_transpose",
       "conv3d_transpose",
       {T("x", "Input"), T("filter", "Filter")},
       {"Output"},
       {},
       {}},
      {"batch_norm_", "batch_norm", bn, bn_out, layout, {}},
      {"batch_norm", "batch_norm", bn, bn_out, layout, {}},
      {"sync_batch_norm_", "sync_batch_norm", bn, bn_out, layout, {}},
      {"layer_norm", "layer_norm", norm3, {"Y", "Mean", "Variance"}, {}, {}},
      {"group_norm", "group_norm", norm3, {"Y", "Mean", "Variance"}, layout, {}},
      {"instance_norm", "instance_norm", norm3, {"Y", "SavedMean", "SavedVariance"}, {}, {}},
      {"affine_channel", "affine_channel", norm3, kOut, layout, {}},
      {"pool2d", "pool2d", {T("x", "X"), IA("kernel_size", "ksize")}, kOut, {}, {}},
      {"max_pool2d_with_index",
       "max_pool2d_with_index",
       kX,
       {"Out", "Mask"},
       {{"kernel_size", "ksize"}},
       {}},
      {"dropout",
       "dropout",
       {T("x", "X"), T("seed_tensor", "Seed"), S("p", "dropout_prob")},
       {"Out", "Mask"},
       {{"mode", "dropout_implementation"}},
       {}},
      {"pad", "pad", {T("x", "X"), S("pad_value", "pad_value")}, kOut, {}, {}},
      {"pad3d",
       "pad3d",
       {T("x", "X"), IA("paddings", "paddings", "Paddings")},
       kOut,
       {{"pad_value", "value"}},
       {}},
      {"bilinear_interp", "bilinear_interp_v2", interp, kOut, layout, {}},
      {"nearest_interp", "nearest_interp_v2", interp, kOut, layout, {}},
      {"bicubic_interp", "bicubic_interp_v2", interp, kOut, layout, {}},
      {"linear_interp", "linear_interp_v2", interp, kOut, layout, {}},
      {"trilinear_interp", "trilinear_interp_v2", interp, kOut, layout, {}},
      {"grid_sample", "grid_sampler", {T("x", "X"), T("grid", "Grid")}, {"Output"}, {}, {}},
      {"fc", "fc", {T("input", "Input"), T("w", "W"), T("bias", "Bias")}, kOut, {}, {}},
  };
}

// Ops added by later mapper families (losses, detection, recurrent, ...).
std::vector<OpSpec> ExtraOps() {
  return {
      {"atan2", "atan2", {T("x", "X1"), T("y", "X2")}, kOut, {}, {}},
      {"cross", "cross", kXY, kOut, {{"axis", "dim"}}, {}},
      {"lerp", "lerp", {T("x", "X"), T("y", "Y"), T("weight", "Weight")}, kOut, {}, {}},
      {"equal_all", "equal_all", kXY, kOut, {}, {}},
      {"diag", "diag_v2", kX, kOut, {}, {}},
      {"diagonal", "diagonal", {T("x", "Input")}, kOut, {}, {}},
      {"trace", "trace", {T("x", "Input")}, kOut, {}, {}},
      {"kthvalue", "kthvalue", kX, {"Out", "Indices"}, {}, {}},
      {"mode", "mode", kX, {"Out", "Indices"}, {}, {}},
      {"logcumsumexp", "logcumsumexp", kX, kOut, {}, {}},
      {"maxout", "maxout", kX, kOut, {}, {}},
      {"stanh", "stanh", kX, kOut, {}, {}},
      {"increment", "increment", kX, kOut, {}, {}},
      {"shard_index", "shard_index", kX, kOut, {}, {}},
      {"rrelu", "rrelu", kX, {"Out", "Noise"}, {}, {}},
      {"amax", "reduce_amax", kX, kOut, {{"axis", "dim"}, {"keepdim", "keep_dim"}}, {}},
      {"amin", "reduce_amin", kX, kOut, {{"axis", "dim"}, {"keepdim", "keep_dim"}}, {}},
      {"fold", "fold", kX, {"Y"}, {}, {}},
      {"index_add",
       "index_add",
       {T("x", "X"), T("index", "Index"), T("add_value", "AddValue")},
       kOut,
       {},
       {}},
      {"multiplex", "multiplex", {L("inputs", "X"), T("index", "Ids")}, kOut, {}, {}},
      {"label_smooth",
       "label_smooth",
       {T("label", "X"), T("prior_dist", "PriorDist")},
       kOut,
       {},
       {}},
      {"bce_loss", "bce_loss", {T("input", "X"), T("label", "Label")}, kOut, {}, {}},
      {"nll_loss",
       "nll_loss",
       {T("input", "X"), T("label", "Label"), T("weight", "Weight")},
       {"Out", "Total_weight"},
       {},
       {}},
      {"sigmoid_cross_entropy_with_logits",
       "sigmoid_cross_entropy_with_logits",
       {T("x", "X"), T("label", "Label"), T("pos_weight", "pos_weight")},
       kOut,
       {},
       {}},
      {"cross_entropy_with_softmax",
       "softmax_with_cross_entropy",
       {T("input", "Logits"), T("label", "Label")},
       {"Softmax", "Loss"},
       {},
       {}},
      {"bilinear",
       "bilinear_tensor_product",
       {T("x", "X"), T("y", "Y"), T("weight", "Weight"), T("bias", "Bias")},
       kOut,
       {},
       {}},
      {"logspace",
       "logspace",
       {T("start", "Start"), T("stop", "Stop"), T("num", "Num"), T("base", "Base")},
       kOut,
       {},
       {}},
      // Paddle's slot is lower-case "out" for these two.
      {"tril_indices", "tril_indices", {}, {"out"}, {}, {}},
      {"triu_indices", "triu_indices", {}, {"out"}, {}, {}},
      {"empty", "empty", {IA("shape", "shape", "ShapeTensor", "ShapeTensorList")}, kOut, {}, {}},
      {"gaussian",
       "gaussian_random",
       {IA("shape", "shape", "ShapeTensor", "ShapeTensorList")},
       kOut,
       {},
       {}},
      {"uniform",
       "uniform_random",
       {IA("shape", "shape", "ShapeTensor", "ShapeTensorList"), S("min", "min"), S("max", "max")},
       kOut,
       {},
       {}},
      {"affine_grid",
       "affine_grid",
       {T("input", "Theta"), IA("output_shape", "output_shape", "OutputShape")},
       {"Output"},
       {},
       {}},
      {"unpool",
       "unpool",
       {T("x", "X"), T("indices", "Indices"), IA("output_size", "output_size")},
       kOut,
       {},
       {}},
      {"roi_align",
       "roi_align",
       {T("x", "X"), T("boxes", "ROIs"), T("boxes_num", "RoisNum")},
       kOut,
       {},
       {}},
      {"roi_pool",
       "roi_pool",
       {T("x", "X"), T("boxes", "ROIs"), T("boxes_num", "RoisNum")},
       {"Out", "Argmax"},
       {},
       {}},
      {"yolo_box",
       "yolo_box",
       {T("x", "X"), T("img_size", "ImgSize")},
       {"Boxes", "Scores"},
       {},
       {}},
      {"prior_box",
       "prior_box",
       {T("input", "Input"), T("image", "Image")},
       {"Boxes", "Variances"},
       {},
       {}},
      {"box_coder",
       "box_coder",
       {T("prior_box", "PriorBox"), T("prior_box_var", "PriorBoxVar"),
        T("target_box", "TargetBox")},
       {"OutputBox"},
       {},
       {}},
      {"multiclass_nms3",
       "multiclass_nms3",
       {T("bboxes", "BBoxes"), T("scores", "Scores"), T("rois_num", "RoisNum")},
       {"Out", "Index", "NmsRoisNum"},
       {},
       {}},
      {"generate_proposals",
       "generate_proposals_v2",
       {T("scores", "Scores"), T("bbox_deltas", "BboxDeltas"), T("im_shape", "ImShape"),
        T("anchors", "Anchors"), T("variances", "Variances")},
       {"RpnRois", "RpnRoiProbs", "RpnRoisNum"},
       {{"pre_nms_top_n", "pre_nms_topN"}, {"post_nms_top_n", "post_nms_topN"}},
       {}},
      {"distribute_fpn_proposals",
       "distribute_fpn_proposals",
       {T("fpn_rois", "FpnRois"), T("rois_num", "RoisNum")},
       {"MultiFpnRois", "MultiLevelRoIsNum", "RestoreIndex"},
       {},
       {}},
      {"collect_fpn_proposals",
       "collect_fpn_proposals",
       {L("multi_level_rois", "MultiLevelRois"), L("multi_level_scores", "MultiLevelScores"),
        L("multi_level_rois_num", "MultiLevelRoIsNum")},
       {"FpnRois", "RoisNum"},
       {},
       {}},
      {"deformable_conv",
       "deformable_conv",
       {T("x", "Input"), T("offset", "Offset"), T("filter", "Filter"), T("mask", "Mask")},
       {"Output"},
       {},
       {}},
      {"rnn",
       "rnn",
       {T("x", "Input"), L("pre_state", "PreState"), L("weight_list", "WeightList"),
        T("sequence_length", "SequenceLength")},
       {"Out", "DropoutState", "State", "Reserve"},
       {},
       {}},
  };
}

struct Index {
  std::vector<OpSpec> table;
  std::map<std::string, size_t, std::less<>> by_pir;
  std::map<std::string, size_t, std::less<>> by_legacy;
};

const Index& TheIndex() {
  static const Index index = [] {
    Index out;
    for (auto* family : {UnaryOps, BinaryOps, MathOps, TensorOps, NnOps, ExtraOps}) {
      for (OpSpec& spec : family()) out.table.push_back(std::move(spec));
    }
    for (size_t i = 0; i < out.table.size(); ++i) {
      out.by_pir.emplace(std::string(out.table[i].pir), i);
      out.by_legacy.emplace(std::string(out.table[i].legacy), i);  // first one wins
    }
    return out;
  }();
  return index;
}

}  // namespace

const std::vector<OpSpec>& OpTable() { return TheIndex().table; }

const OpSpec* FindOp(std::string_view pir_name) {
  const Index& index = TheIndex();
  auto it = index.by_pir.find(pir_name);
  if (it == index.by_pir.end() && pir_name.size() > 1 && pir_name.back() == '_') {
    it = index.by_pir.find(pir_name.substr(0, pir_name.size() - 1));  // inplace variant
  }
  return it == index.by_pir.end() ? nullptr : &index.table[it->second];
}

const OpSpec* FindOpForLegacy(std::string_view legacy) {
  const Index& index = TheIndex();
  auto it = index.by_legacy.find(legacy);
  return it == index.by_legacy.end() ? nullptr : &index.table[it->second];
}

bool IsIgnoredAttr(std::string_view pir_attr) {
  return pir_attr == "struct_name" || pir_attr == "op_dist_attr" || pir_attr == "op_role" ||
         pir_attr == "place" || pir_attr == "stop_gradient" || pir_attr == "persistable" ||
         pir_attr == "op_callstack";
}

}  // namespace pd2onnx::paddle::pir

// fc (the fused inference op) → [Reshape] + MatMul + Add [+ Relu]:
// Out = flatten(Input, in_num_col_dims) @ W + Bias, shaped
// Input.dims[:in_num_col_dims] + [W.dims[1]]. activation_type "" or "relu".
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

void EmitFc(MapContext& cx, const graph::Op& op) {
  const graph::Var& in_var = cx.InputVar(op, "Input");
  const int64_t rank = RankOf(in_var);
  const int64_t num_col_dims = op.Attr<int64_t>("in_num_col_dims", 1);
  PD2ONNX_CHECK(num_col_dims >= 1 && num_col_dims < rank, ErrorKind::kInvalidInput,
                "in_num_col_dims {} is outside [1, {}) for Input of rank {}", num_col_dims, rank,
                rank);
  PD2ONNX_CHECK(!op.Attr<bool>("padding_weights", false), ErrorKind::kUnsupported,
                "padding_weights=true (a padded W layout) is not supported");
  const std::string activation = op.Attr<std::string>("activation_type", "");
  PD2ONNX_CHECK(activation.empty() || activation == "relu", ErrorKind::kUnsupported,
                "activation_type \"{}\" is not supported (expected \"\" or relu)", activation);

  std::string x = cx.Input(op, "Input");
  if (num_col_dims != rank - 1) {
    // Keep the leading in_num_col_dims dims (0 copies them) and flatten the rest.
    std::vector<int64_t> shape(static_cast<size_t>(num_col_dims), 0);
    shape.push_back(-1);
    x = cx.Reshape(x, shape);
  }
  std::string y = cx.Node("MatMul", {x, cx.Input(op, "W")});
  if (op.HasInput("Bias")) y = cx.Node("Add", {y, cx.Reshape(cx.Input(op, "Bias"), {-1})});
  if (activation == "relu") y = cx.Node("Relu", {y});
  cx.Bind(op, "Out", y);
}

}  // namespace

void RegisterFc(Registry& r) { r.Add("fc", AnyOpset, {{7, EmitFc}}); }

}  // namespace pd2onnx::mappers

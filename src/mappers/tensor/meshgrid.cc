// meshgrid: inputs x_0..x_{k-1} (1-D, or 0-D as one element); output i has
// shape [n_0, ..., n_{k-1}] with out_i[p] = x_i[p_i]: x_i reshaped to 1s
// except at dim i, then expanded (Expand-8).
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed MinOpset(const graph::Op&) { return {8, "Expand-8"}; }

void Emit8(MapContext& cx, const graph::Op& op) {
  const std::vector<std::string> inputs = cx.Inputs(op, "X");
  const size_t k = inputs.size();
  PD2ONNX_CHECK(op.Outputs("Out").size() == k, ErrorKind::kInvalidInput,
                "meshgrid has {} inputs but {} outputs", k, op.Outputs("Out").size());
  std::vector<int64_t> dims;
  bool known = true;
  for (size_t i = 0; i < k; ++i) {
    const graph::Var& var = cx.InputVar(op, "X", i);
    const int64_t n = var.shape.empty() ? 1 : var.shape[0];
    known = known && n >= 0;
    dims.push_back(n);
  }
  std::string target;
  if (known) {
    target = cx.ConstI64(dims);
  } else {
    std::vector<std::string> pieces;
    for (size_t i = 0; i < k; ++i) {
      pieces.push_back(dims[i] >= 0 ? cx.ConstI64({dims[i]})
                                    : cx.Shape(cx.Reshape(inputs[i], {-1})));
    }
    target = k == 1 ? pieces[0] : cx.Node("Concat", pieces, {{"axis", 0}});
  }
  for (size_t i = 0; i < k; ++i) {
    std::vector<int64_t> view(k, 1);
    view[i] = -1;
    const std::string column = cx.Reshape(inputs[i], view);
    cx.Bind(op, "Out", cx.Node("Expand", {column, target}), i);
  }
}

}  // namespace

void RegisterMeshgrid(Registry& r) { r.Add("meshgrid", MinOpset, {{8, Emit8}}); }

}  // namespace pd2onnx::mappers

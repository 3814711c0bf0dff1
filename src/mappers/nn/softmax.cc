// softmax → Softmax over one axis. Before opset 13 Softmax flattens the
// input to 2-D at `axis`, which equals a one-axis softmax only for the last
// axis, so another axis is transposed to the end and back.
#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

// Paddle's softmax of a 0-D tensor is 1; run it on a [1] view.
bool EmitScalar(MapContext& cx, const graph::Op& op, int64_t rank) {
  if (rank != 0) return false;
  const std::string y = cx.Node("Softmax", {cx.Reshape(cx.Input(op, "X"), {1})}, {{"axis", 0}});
  cx.Bind(op, "Out", cx.Reshape(y, {}));
  return true;
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  if (EmitScalar(cx, op, rank)) return;
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), rank, "axis");
  const std::string x = cx.Input(op, "X");
  if (axis == rank - 1) {
    return cx.Bind(op, "Out", cx.Node("Softmax", {x}, {{"axis", axis}}));
  }
  // Swapping `axis` with the last one is its own inverse.
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < rank; ++i) perm.push_back(i);
  std::swap(perm[axis], perm[rank - 1]);
  const std::string moved = cx.Transpose(x, perm);
  const std::string y = cx.Node("Softmax", {moved}, {{"axis", rank - 1}});
  cx.Bind(op, "Out", cx.Transpose(y, perm));
}

// Softmax-13 normalises exactly one axis.
void Emit13(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  if (EmitScalar(cx, op, rank)) return;
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), rank, "axis");
  cx.Bind(op, "Out", cx.Node("Softmax", {cx.Input(op, "X")}, {{"axis", axis}}));
}

}  // namespace

void RegisterSoftmax(Registry& r) { r.Add("softmax", AnyOpset, {{7, Emit7}, {13, Emit13}}); }

}  // namespace pd2onnx::mappers

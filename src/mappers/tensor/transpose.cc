// transpose2 / transpose: `axis` is the permutation (output dim i = input
// dim axis[i]), as ONNX's `perm`.
#include "graph/permutation.h"
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"

namespace pd2onnx::mappers {
namespace {

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const std::vector<int64_t> perm =
      graph::NormalizedPermutation(op.Attr<std::vector<int64_t>>("axis"), rank, "axis");
  cx.Bind(op, "Out", cx.Transpose(cx.Input(op, "X"), perm));
}

}  // namespace

void RegisterTranspose(Registry& r) {
  r.Add("transpose", AnyOpset, {{7, Emit7}});
  r.Add("transpose2", AnyOpset, {{7, Emit7}});
}

}  // namespace pd2onnx::mappers

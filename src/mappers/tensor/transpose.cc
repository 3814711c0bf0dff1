// transpose2 / transpose: `axis` is the permutation (output dim i = input
// dim axis[i]), as ONNX's `perm`.
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  std::vector<int64_t> perm = op.Attr<std::vector<int64_t>>("axis");
  PD2ONNX_CHECK(static_cast<int64_t>(perm.size()) == rank, ErrorKind::kInvalidInput,
                "axis has {} entries for an input of rank {}", perm.size(), rank);
  std::vector<bool> seen(perm.size(), false);
  for (int64_t& axis : perm) {
    axis = NormalizeAxis(axis, rank, "axis entry");
    PD2ONNX_CHECK(!seen[axis], ErrorKind::kInvalidInput, "axis repeats dim {}", axis);
    seen[axis] = true;
  }
  cx.Bind(op, "Out", cx.Transpose(cx.Input(op, "X"), perm));
}

}  // namespace

void RegisterTranspose(Registry& r) {
  r.Add("transpose", AnyOpset, {{7, Emit7}});
  r.Add("transpose2", AnyOpset, {{7, Emit7}});
}

}  // namespace pd2onnx::mappers

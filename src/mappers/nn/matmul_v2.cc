// matmul_v2 → MatMul (NumPy semantics). trans_x/trans_y swap the last two
// dims of operands of rank >= 2; Paddle ignores them for 1-D operands.
#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

std::string TransposeLastTwo(MapContext& cx, const std::string& x, int64_t rank) {
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < rank; ++i) perm.push_back(i);
  std::swap(perm[rank - 2], perm[rank - 1]);
  return cx.Transpose(x, perm);
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t x_rank = RankOf(cx.InputVar(op, "X"));
  const int64_t y_rank = RankOf(cx.InputVar(op, "Y"));
  PD2ONNX_CHECK(x_rank >= 1 && y_rank >= 1, ErrorKind::kUnsupported,
                "0-D operands are not supported (X rank {}, Y rank {})", x_rank, y_rank);
  std::string x = cx.Input(op, "X");
  std::string y = cx.Input(op, "Y");
  if (op.Attr<bool>("trans_x", false) && x_rank >= 2) x = TransposeLastTwo(cx, x, x_rank);
  if (op.Attr<bool>("trans_y", false) && y_rank >= 2) y = TransposeLastTwo(cx, y, y_rank);
  std::string out = cx.Node("MatMul", {x, y});
  // Two vectors give 0-D; Paddle < 2.5 declared [1].
  if (x_rank == 1 && y_rank == 1) out = MatchDeclaredRank(cx, out, 0, cx.OutputVar(op, "Out"));
  cx.Bind(op, "Out", out);
}

}  // namespace

void RegisterMatmulV2(Registry& r) { r.Add("matmul_v2", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

// matmul (v1) → MatMul, scaled by alpha. Paddle views a 1-D X as a row
// [1, K] and a 1-D Y as a column [K, 1] *before* transposing, then drops the
// added row (column) from the result when the product has one row (column),
// never going below rank 1 (fluid matmul_op.cc InferShape).
#include <algorithm>

#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

// The operand as a matrix (batch dims kept), transposed on request.
std::string AsMatrix(MapContext& cx, const std::string& x, int64_t rank, bool is_x,
                     bool transpose) {
  std::string m = x;
  if (rank == 1) m = cx.Unsqueeze(m, {is_x ? 0 : 1});
  const int64_t matrix_rank = std::max<int64_t>(rank, 2);
  if (transpose) {
    std::vector<int64_t> perm;
    for (int64_t i = 0; i < matrix_rank; ++i) perm.push_back(i);
    std::swap(perm[matrix_rank - 2], perm[matrix_rank - 1]);
    m = cx.Transpose(m, perm);
  }
  return m;
}

// Whether the row (column) added to a 1-D operand is dropped: when the
// vector is not transposed its product extent is 1; transposed, it is K.
bool DropsAddedAxis(const graph::Var& vector, bool transposed, std::string_view slot) {
  if (!transposed) return true;
  const int64_t k = vector.shape[0];
  PD2ONNX_CHECK(k >= 0, ErrorKind::kUnsupported,
                "a transposed 1-D {} needs a known length (shape {})", slot,
                graph::ShapeToString(vector.shape));
  return k == 1;
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const graph::Var& y_var = cx.InputVar(op, "Y");
  const int64_t x_rank = RankOf(x_var);
  const int64_t y_rank = RankOf(y_var);
  PD2ONNX_CHECK(x_rank >= 1 && y_rank >= 1, ErrorKind::kUnsupported,
                "0-D operands are not supported (X rank {}, Y rank {})", x_rank, y_rank);
  const bool trans_x = op.Attr<bool>("transpose_X", false);
  const bool trans_y = op.Attr<bool>("transpose_Y", false);

  const std::string x = AsMatrix(cx, cx.Input(op, "X"), x_rank, true, trans_x);
  const std::string y = AsMatrix(cx, cx.Input(op, "Y"), y_rank, false, trans_y);
  std::string out = cx.Node("MatMul", {x, y});
  const float alpha = op.Attr<float>("alpha", 1.0f);
  if (alpha != 1.0f) out = cx.Node("Mul", {out, cx.ScalarOf(x_var.dtype, alpha)});

  const int64_t out_rank = std::max<int64_t>({x_rank, y_rank, 2});
  std::vector<int64_t> dropped;
  if (x_rank == 1 && DropsAddedAxis(x_var, trans_x, "X")) dropped.push_back(out_rank - 2);
  if (y_rank == 1 && DropsAddedAxis(y_var, trans_y, "Y")) dropped.push_back(out_rank - 1);
  if (static_cast<int64_t>(dropped.size()) == out_rank) dropped.pop_back();  // keep [1]
  if (!dropped.empty()) out = cx.Squeeze(out, dropped);
  cx.Bind(op, "Out", out);
}

}  // namespace

void RegisterMatmul(Registry& r) { r.Add("matmul", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

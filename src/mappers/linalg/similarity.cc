// cos_sim: row-wise cosine similarity of X [N, ...] and Y [N or 1, ...]
// (rows flattened): Out [N, 1] = x·y / (|x|·|y|), XNorm, YNorm [·, 1].
// bilinear_tensor_product: out[b, s] = x[b]ᵀ·W[s]·y[b] + bias[s], as
// X·W' ([M, S·N]) reshaped to [B, S, N], times Y, summed over N.
// l1_norm: Σ|x| over the whole tensor.
#include <string>
#include <vector>

#include "mappers/linalg/linalg.h"
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

std::string RowNorm(MapContext& cx, const std::string& rows) {
  return cx.Node("Sqrt", {cx.Reduce("ReduceSum", cx.Node("Mul", {rows, rows}), {1}, true)});
}

void EmitCosSim(MapContext& cx, const graph::Op& op) {
  const std::string x = cx.Reshape(cx.Input(op, "X"), {0, -1});
  const std::string y = cx.Reshape(cx.Input(op, "Y"), {0, -1});
  const std::string x_norm = RowNorm(cx, x);
  const std::string y_norm = RowNorm(cx, y);
  const std::string dot = cx.Reduce("ReduceSum", cx.Node("Mul", {x, y}), {1}, true);
  cx.Bind(op, "Out", cx.Node("Div", {dot, cx.Node("Mul", {x_norm, y_norm})}));
  if (op.HasOutput("XNorm")) cx.Bind(op, "XNorm", x_norm);
  if (op.HasOutput("YNorm")) cx.Bind(op, "YNorm", y_norm);
}

void EmitBilinear(MapContext& cx, const graph::Op& op) {
  const graph::Var& w = cx.InputVar(op, "Weight");
  PD2ONNX_CHECK(RankOf(w) == 3 && IsFullyKnown(w.shape), ErrorKind::kUnsupported,
                "bilinear_tensor_product needs Weight [S, M, N] of known shape, got {}",
                graph::ShapeToString(w.shape));
  const int64_t s = w.shape[0], m = w.shape[1], n = w.shape[2];
  const std::string w2 = cx.Reshape(cx.Transpose(cx.Input(op, "Weight"), {1, 0, 2}), {m, s * n});
  const std::string xw = cx.Reshape(cx.Node("MatMul", {cx.Input(op, "X"), w2}), {0, s, n});
  const std::string y = cx.Unsqueeze(cx.Input(op, "Y"), {1});
  std::string out = cx.Reduce("ReduceSum", cx.Node("Mul", {xw, y}), {2}, false);
  if (op.HasInput("Bias")) out = cx.Node("Add", {out, cx.Input(op, "Bias")});
  cx.Bind(op, "Out", out);
}

void EmitL1Norm(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  std::vector<int64_t> axes;
  for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
  std::string abs = cx.Node("Abs", {cx.Input(op, "X")});
  const std::string sum = rank == 0 ? abs : cx.Reduce("ReduceSum", abs, axes, false);
  cx.Bind(op, "Out", MatchDeclaredRank(cx, sum, 0, cx.OutputVar(op, "Out")));
}

}  // namespace

void RegisterSimilarity(Registry& r) {
  r.Add("cos_sim", AnyOpset, {{7, EmitCosSim}});
  r.Add("bilinear_tensor_product", AnyOpset, {{7, EmitBilinear}});
  r.Add("l1_norm", AnyOpset, {{7, EmitL1Norm}});
}

}  // namespace pd2onnx::mappers

// addmm (Beta · Input + Alpha · X @ Y), bmm ([B, M, K] @ [B, K, N]) and mv ([M, N] @ [N]) → MatMul;
// dot → Mul and ReduceSum over the last axis. Paddle < 2.5 keeps dot's last axis as 1 ([1] or [B,
// 1]); later versions drop it: the declared rank decides.
#include <string>

#include "mappers/linalg/linalg.h"
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"

namespace pd2onnx::mappers {
namespace {

void EmitBmm(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", cx.Node("MatMul", {cx.Input(op, "X"), cx.Input(op, "Y")}));
}

void EmitMv(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", cx.Node("MatMul", {cx.Input(op, "X"), cx.Input(op, "Vec")}));
}

void EmitDot(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const graph::Var& out = cx.OutputVar(op, "Out");
  const bool keep = RankOf(out) == rank;
  const std::string product = cx.Node("Mul", {cx.Input(op, "X"), cx.Input(op, "Y")});
  const std::string sum = cx.Reduce("ReduceSum", product, {rank - 1}, keep);
  cx.Bind(op, "Out", MatchDeclaredRank(cx, sum, keep ? rank : rank - 1, out));
}

// addmm: Beta · Input + Alpha · (X @ Y), Input broadcast NumPy-style.
void EmitAddmm(MapContext& cx, const graph::Op& op) {
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  std::string product = cx.Node("MatMul", {cx.Input(op, "X"), cx.Input(op, "Y")});
  const double alpha = op.Attr<double>("Alpha", 1.0), beta = op.Attr<double>("Beta", 1.0);
  if (alpha != 1.0) product = cx.Node("Mul", {product, cx.ScalarOf(dtype, alpha)});
  std::string bias = cx.Input(op, "Input");
  if (beta != 1.0) bias = cx.Node("Mul", {bias, cx.ScalarOf(dtype, beta)});
  cx.Bind(op, "Out", cx.Node("Add", {bias, product}));
}

}  // namespace

void RegisterProducts(Registry& r) {
  r.Add("addmm", AnyOpset, {{7, EmitAddmm}});
  r.Add("bmm", AnyOpset, {{7, EmitBmm}});
  r.Add("dot", AnyOpset, {{7, EmitDot}});
  r.Add("mv", AnyOpset, {{7, EmitMv}});
}

}  // namespace pd2onnx::mappers

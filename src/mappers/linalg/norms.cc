// p_norm (`porder`, `axis`, `keepdim`, `asvector`), norm (L2
// normalisation along `axis` with `epsilon`: Out and Norm) and dist (the
// p-norm of X - Y over every element). Paddle's p-norm: porder 0 counts
// non-zero values, ±inf takes the largest / smallest magnitude, 1 and 2 are
// ReduceL1 / ReduceL2, any other p is (Σ |x|^p)^(1/p). p_norm's epsilon
// only guards the gradient.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "mappers/linalg/linalg.h"
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"

namespace pd2onnx::mappers {
namespace {

// The p-norm of float tensor `x` reduced over `axes` (all when empty).
std::string PNormOver(MapContext& cx, const std::string& x, graph::DataType dtype, double p,
                      const std::vector<int64_t>& axes, bool keep) {
  const std::string abs = cx.Node("Abs", {x});
  if (p == 0) {
    const std::string nonzero = cx.Node("Greater", {abs, cx.ScalarOf(dtype, 0.0)});
    return cx.Reduce("ReduceSum", cx.Cast(nonzero, dtype), axes, keep);
  }
  if (std::isinf(p)) return cx.Reduce(p > 0 ? "ReduceMax" : "ReduceMin", abs, axes, keep);
  if (p == 1) return cx.Reduce("ReduceL1", x, axes, keep);
  if (p == 2) return cx.Reduce("ReduceL2", x, axes, keep);
  const std::string powered = cx.Node("Pow", {abs, cx.ScalarOf(dtype, p)});
  const std::string sum = cx.Reduce("ReduceSum", powered, axes, keep);
  return cx.Node("Pow", {sum, cx.ScalarOf(dtype, 1.0 / p)});
}

void EmitPNorm(MapContext& cx, const graph::Op& op) {
  const graph::Var& in = cx.InputVar(op, "X");
  const graph::Var& out = cx.OutputVar(op, "Out");
  const int64_t rank = RankOf(in);
  const bool keep = op.Attr<bool>("keepdim", false);
  std::vector<int64_t> axes;
  if (op.Attr<bool>("asvector", false) || rank == 0) {
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
  } else {
    axes.push_back(NormalizeAxis(op.Attr<int64_t>("axis", -1), rank, "axis"));
  }
  std::string x = cx.Input(op, "X");
  if (rank == 0) x = cx.Reshape(x, {1});
  const std::string norm = PNormOver(cx, x, in.dtype, op.Attr<double>("porder", 2.0),
                                     rank == 0 ? std::vector<int64_t>{0} : axes, keep && rank > 0);
  const int64_t result_rank = keep ? rank : rank - static_cast<int64_t>(axes.size());
  cx.Bind(op, "Out", MatchDeclaredRank(cx, norm, result_rank, out));
}

void EmitNorm(MapContext& cx, const graph::Op& op) {
  const graph::Var& in = cx.InputVar(op, "X");
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), RankOf(in), "axis");
  const std::string x = cx.Input(op, "X");
  const std::string squares = cx.Node("Mul", {x, x});
  const std::string sum = cx.Reduce("ReduceSum", squares, {axis}, true);
  const double eps = op.Attr<double>("epsilon", 1e-10);
  const std::string norm = cx.Node("Sqrt", {cx.Node("Add", {sum, cx.ScalarOf(in.dtype, eps)})});
  cx.Bind(op, "Out", cx.Node("Div", {x, norm}));
  if (op.HasOutput("Norm")) cx.Bind(op, "Norm", norm);
}

void EmitDist(MapContext& cx, const graph::Op& op) {
  const graph::Var& in = cx.InputVar(op, "X");
  const std::string diff = cx.Node("Sub", {cx.Input(op, "X"), cx.Input(op, "Y")});
  const std::string norm = PNormOver(cx, diff, in.dtype, op.Attr<double>("p", 2.0), {}, false);
  cx.Bind(op, "Out", MatchDeclaredRank(cx, norm, 0, cx.OutputVar(op, "Out")));
}

// frobenius_norm: ReduceL2 over `dim` (every axis with `reduce_all` or an
// empty list), `keep_dim`.
void EmitFrobeniusNorm(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const graph::Var& out = cx.OutputVar(op, "Out");
  const std::vector<int64_t> dims = op.Attr<std::vector<int64_t>>("dim", {0});
  std::vector<int64_t> axes;
  if (op.Attr<bool>("reduce_all", false) || dims.empty() || rank == 0) {
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
  } else {
    for (int64_t d : dims) axes.push_back(NormalizeAxis(d, rank, "dim"));
    std::sort(axes.begin(), axes.end());
    axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  }
  const bool keep = op.Attr<bool>("keep_dim", false);
  std::string x = cx.Input(op, "X");
  if (rank == 0) {
    cx.Bind(op, "Out", MatchDeclaredRank(cx, cx.Node("Abs", {x}), 0, out));
    return;
  }
  const std::string norm = cx.Reduce("ReduceL2", x, axes, keep);
  cx.Bind(op, "Out",
          MatchDeclaredRank(cx, norm, keep ? rank : rank - static_cast<int64_t>(axes.size()), out));
}

// squared_l2_norm: ReduceSumSquare over every element to 0-D, then the
// declared [] or [1].
void EmitSquaredL2Norm(MapContext& cx, const graph::Op& op) {
  const std::string x = cx.Reshape(cx.Input(op, "X"), {-1});
  const std::string sum = cx.Reduce("ReduceSumSquare", x, {0}, false);
  cx.Bind(op, "Out", MatchDeclaredRank(cx, sum, 0, cx.OutputVar(op, "Out")));
}

}  // namespace

void RegisterNorms(Registry& r) {
  r.Add("frobenius_norm", AnyOpset, {{7, EmitFrobeniusNorm}});
  r.Add("squared_l2_norm", AnyOpset, {{7, EmitSquaredL2Norm}});
  r.Add("dist", AnyOpset, {{7, EmitDist}});
  r.Add("norm", AnyOpset, {{7, EmitNorm}});
  r.Add("p_norm", AnyOpset, {{7, EmitPNorm}});
}

}  // namespace pd2onnx::mappers

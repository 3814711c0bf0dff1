// reduce_prod, reduce_all, reduce_any (`dim`, `keep_dim`, `reduce_all`),
// logsumexp (`axis`, `keepdim`, `reduce_all`) and the legacy whole-tensor
// `mean`. An empty axis list, or `reduce_all`, means every axis; a result
// with no dims left is 0-D in ONNX and follows the declared [] or [1].
// reduce_all/any reduce booleans as int32 0/1 with ReduceMin/ReduceMax.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/search/search.h"
#include "mappers/tensor/shape_util.h"

namespace pd2onnx::mappers {
namespace {

struct ReduceAttrNames {
  std::string_view dim;
  std::string_view keep;
};

constexpr ReduceAttrNames kReduceNames{"dim", "keep_dim"};
constexpr ReduceAttrNames kLogsumexpNames{"axis", "keepdim"};

// Sorted, distinct, non-negative axes to reduce.
std::vector<int64_t> ReducedAxes(const graph::Op& op, int64_t rank, std::string_view dim_attr) {
  const std::vector<int64_t> dims = op.Attr<std::vector<int64_t>>(dim_attr, {0});
  std::vector<int64_t> axes;
  if (op.Attr<bool>("reduce_all", false) || dims.empty()) {
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
    return axes;
  }
  for (int64_t d : dims) axes.push_back(NormalizeAxis(d, rank, dim_attr));
  std::sort(axes.begin(), axes.end());
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  return axes;
}

// Reduces `x` (the op's X, possibly cast) with `onnx_op` as the op's axis
// attributes say, and returns the result shaped as Out is declared.
std::string ReduceLike(MapContext& cx, const graph::Op& op, const std::string& x,
                       std::string_view onnx_op, const ReduceAttrNames& names) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const graph::Var& out = cx.OutputVar(op, "Out");
  if (rank == 0) return MatchDeclaredRank(cx, x, 0, out);
  const std::vector<int64_t> axes = ReducedAxes(op, rank, names.dim);
  const bool keep = op.Attr<bool>(names.keep, false);
  const std::string reduced = cx.Reduce(onnx_op, x, axes, keep);
  return MatchDeclaredRank(cx, reduced, keep ? rank : rank - static_cast<int64_t>(axes.size()),
                           out);
}

void EmitReduceProd(MapContext& cx, const graph::Op& op) {
  const graph::Var& in = cx.InputVar(op, "X");
  const graph::Var& out = cx.OutputVar(op, "Out");
  const std::string x = CastIfNeeded(cx, cx.Input(op, "X"), in.dtype, out.dtype);
  cx.Bind(op, "Out", ReduceLike(cx, op, x, "ReduceProd", kReduceNames));
}

void EmitBoolReduce(MapContext& cx, const graph::Op& op, std::string_view onnx_op) {
  const graph::Var& in = cx.InputVar(op, "X");
  std::string x = cx.Input(op, "X");
  if (in.dtype != graph::DataType::kBool) x = cx.Cast(x, graph::DataType::kBool);
  x = cx.Cast(x, graph::DataType::kInt32);
  const std::string reduced = ReduceLike(cx, op, x, onnx_op, kReduceNames);
  cx.Bind(op, "Out", cx.Cast(reduced, cx.OutputVar(op, "Out").dtype));
}

void EmitReduceAll(MapContext& cx, const graph::Op& op) { EmitBoolReduce(cx, op, "ReduceMin"); }
void EmitReduceAny(MapContext& cx, const graph::Op& op) { EmitBoolReduce(cx, op, "ReduceMax"); }

void EmitLogsumexp(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", ReduceLike(cx, op, cx.Input(op, "X"), "ReduceLogSumExp", kLogsumexpNames));
}

// mean: ReduceMean over every axis to 0-D, then the declared [] or [1].
void EmitMean(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  std::string x = cx.Input(op, "X");
  if (rank > 0) {
    std::vector<int64_t> axes;
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
    x = cx.Reduce("ReduceMean", x, axes, false);
  }
  cx.Bind(op, "Out", MatchDeclaredRank(cx, x, 0, cx.OutputVar(op, "Out")));
}

}  // namespace

void RegisterReduceExtra(Registry& r) {
  r.Add("logsumexp", AnyOpset, {{7, EmitLogsumexp}});
  r.Add("mean", AnyOpset, {{7, EmitMean}});
  r.Add("reduce_all", AnyOpset, {{7, EmitReduceAll}});
  r.Add("reduce_any", AnyOpset, {{7, EmitReduceAny}});
  r.Add("reduce_prod", AnyOpset, {{7, EmitReduceProd}});
}

}  // namespace pd2onnx::mappers

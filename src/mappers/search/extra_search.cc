// logcumsumexp: m + log(cumsum(exp(x − m))) with m the max along the axis
// (CumSum-11 carries exclusive and reverse; an exclusive first element is
// log 0 = −inf as in Paddle), computed in double so that terms down to ~745
// below the axis max stay representable (Paddle's running log-add-exp has no
// such limit; beyond it a term contributes 0).
// kthvalue: the k-th smallest along `axis` and its index: TopK-11 with
// largest=0, then the k-th of the k results.
// mode: the most frequent value along `axis` (ties: the smallest value) and
// the index of its last occurrence; counts by pairwise Equal (the axis
// extent must be known).
// reduce_amax / reduce_amin: forward values equal reduce_max / reduce_min.
#include <algorithm>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/search/search.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

OpsetNeed Needs11(const graph::Op&) { return {11, "CumSum-11 / TopK-11"}; }

void EmitLogcumsumexp(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  // In double, terms down to ~745 below the axis max stay representable.
  std::string x = CastIfNeeded(cx, cx.Input(op, "X"), var.dtype, DataType::kFloat64);
  int64_t axis = 0;
  if (op.Attr<bool>("flatten", false) || RankOf(var) == 0) {
    x = cx.Reshape(x, {-1});
  } else {
    axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), RankOf(var), "axis");
  }
  const std::string max = cx.Reduce("ReduceMax", x, {axis}, true);
  const std::string scan = cx.Node(
      "CumSum", {cx.Node("Exp", {cx.Node("Sub", {x, max})}), cx.ScalarOf(DataType::kInt64, axis)},
      {{"exclusive", int64_t{op.Attr<bool>("exclusive", false) ? 1 : 0}},
       {"reverse", int64_t{op.Attr<bool>("reverse", false) ? 1 : 0}}});
  const std::string out = cx.Node("Add", {cx.Node("Log", {scan}), max});
  cx.Bind(op, "Out", CastIfNeeded(cx, out, DataType::kFloat64, var.dtype));
}

// Slices position `at` of `axis` and drops the axis unless keepdim.
std::string PickAlong(MapContext& cx, const std::string& t, int64_t axis, int64_t at, bool keep) {
  const std::string one = cx.Slice(t, {at}, {at + 1}, {axis});
  return keep ? one : cx.Squeeze(one, {axis});
}

void EmitKthvalue(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  const int64_t rank = RankOf(var);
  PD2ONNX_CHECK(rank >= 1, ErrorKind::kUnsupported, "kthvalue of a 0-D tensor");
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), rank, "axis");
  const int64_t k = op.Attr<int64_t>("k", 1);
  PD2ONNX_CHECK(k >= 1, ErrorKind::kInvalidInput, "kthvalue: k={} must be at least 1", k);
  const bool keep = op.Attr<bool>("keepdim", false);
  const auto top = cx.NodeN("TopK", {cx.Input(op, "X"), cx.ConstI64({k})}, 2,
                            {{"axis", axis}, {"largest", int64_t{0}}, {"sorted", int64_t{1}}});
  const int64_t out_rank = keep ? rank : rank - 1;
  cx.Bind(op, "Out",
          MatchDeclaredRank(cx, PickAlong(cx, top[0], axis, k - 1, keep), out_rank,
                            cx.OutputVar(op, "Out")));
  if (op.HasOutput("Indices")) {
    cx.Bind(op, "Indices",
            MatchDeclaredRank(cx, PickAlong(cx, top[1], axis, k - 1, keep), out_rank,
                              cx.OutputVar(op, "Indices")));
  }
}

void EmitMode(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  const int64_t rank = RankOf(var);
  PD2ONNX_CHECK(rank >= 1, ErrorKind::kUnsupported, "mode of a 0-D tensor");
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), rank, "axis");
  const int64_t n = var.shape[axis];
  PD2ONNX_CHECK(n > 0, ErrorKind::kUnsupported, "mode needs the extent of axis {} known, X is {}",
                axis, graph::ShapeToString(var.shape));
  PD2ONNX_CHECK(var.dtype == DataType::kFloat32 || var.dtype == DataType::kFloat64 ||
                    var.dtype == DataType::kInt64,
                ErrorKind::kUnsupported, "mode of {} is not supported",
                graph::DataTypeName(var.dtype));
  const bool keep = op.Attr<bool>("keepdim", false);
  const std::string x = cx.Input(op, "X");
  // counts[..., i, ...] = Σ_j [x_i == x_j]: compare x unsqueezed after axis.
  const std::string pairs =
      cx.Node("Equal", {cx.Unsqueeze(x, {axis + 1}), cx.Unsqueeze(x, {axis})});
  const std::string counts =
      cx.Reduce("ReduceSum", cx.Cast(pairs, DataType::kInt64), {axis + 1}, false);
  const std::string best = cx.Reduce("ReduceMax", counts, {axis}, true);
  const std::string winner = cx.Node("Equal", {counts, best});
  // The smallest value among the most frequent ones.
  const std::string big = cx.Reduce("ReduceMax", x, {axis}, true);
  const std::string value =
      cx.Reduce("ReduceMin", cx.Node("Where", {winner, x, big}), {axis}, true);
  // The last index holding that value.
  std::vector<int64_t> shape(static_cast<size_t>(rank), 1);
  shape[axis] = n;
  std::vector<Number> positions;
  for (int64_t i = 0; i < n; ++i) positions.emplace_back(i);
  const std::string index = cx.Constant(TensorOfNumbers(DataType::kInt64, shape, positions));
  const std::string at_value = cx.Node("Equal", {x, value});
  const std::string last =
      cx.Reduce("ReduceMax", cx.Node("Where", {at_value, index, cx.ScalarOf(DataType::kInt64, -1)}),
                {axis}, true);
  const int64_t out_rank = keep ? rank : rank - 1;
  const auto finish = [&](const std::string& t, std::string_view slot) {
    const std::string shaped = keep ? t : cx.Squeeze(t, {axis});
    cx.Bind(op, slot, MatchDeclaredRank(cx, shaped, out_rank, cx.OutputVar(op, slot)));
  };
  finish(value, "Out");
  if (op.HasOutput("Indices")) finish(last, "Indices");
}

std::vector<int64_t> ReducedAxes(const graph::Op& op, int64_t rank) {
  const std::vector<int64_t> dims = op.Attr<std::vector<int64_t>>("dim", {0});
  std::vector<int64_t> axes;
  if (op.Attr<bool>("reduce_all", false) || dims.empty()) {
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
    return axes;
  }
  for (int64_t d : dims) axes.push_back(NormalizeAxis(d, rank, "dim"));
  std::sort(axes.begin(), axes.end());
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  return axes;
}

void EmitAmaxAmin(MapContext& cx, const graph::Op& op) {
  const graph::Var& in = cx.InputVar(op, "X");
  const graph::Var& out = cx.OutputVar(op, "Out");
  const int64_t rank = RankOf(in);
  const std::string x = cx.Input(op, "X");
  if (rank == 0) {
    cx.Bind(op, "Out", MatchDeclaredRank(cx, x, 0, out));
    return;
  }
  const std::vector<int64_t> axes = ReducedAxes(op, rank);
  const bool keep = op.Attr<bool>("keep_dim", false);
  const std::string onnx_op = op.type == "reduce_amax" ? "ReduceMax" : "ReduceMin";
  const std::string reduced = cx.Reduce(onnx_op, x, axes, keep);
  const int64_t result_rank = keep ? rank : rank - static_cast<int64_t>(axes.size());
  cx.Bind(op, "Out", MatchDeclaredRank(cx, reduced, result_rank, out));
}

}  // namespace

void RegisterExtraSearch(Registry& r) {
  r.Add("logcumsumexp", Needs11, {{11, EmitLogcumsumexp}});
  r.Add("kthvalue", Needs11, {{11, EmitKthvalue}});
  r.Add("mode",
        [](const graph::Op&) {
          return OpsetNeed{11, "Equal-11 on floats"};
        },
        {{11, EmitMode}});
  r.Add("reduce_amax", AnyOpset, {{7, EmitAmaxAmin}});
  r.Add("reduce_amin", AnyOpset, {{7, EmitAmaxAmin}});
}

}  // namespace pd2onnx::mappers

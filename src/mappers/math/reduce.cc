// reduce_{mean,sum,max,min}: `dim` (negative counts from the end), or every
// axis when `reduce_all` is set or `dim` is empty; `keep_dim`. Reducing
// every axis without keep_dim gives 0-D in ONNX; older Paddle declared [1].
#include <algorithm>
#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/math/math.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kReduceOps = {{
    {"reduce_max", "ReduceMax"},
    {"reduce_mean", "ReduceMean"},
    {"reduce_min", "ReduceMin"},
    {"reduce_sum", "ReduceSum"},
}};

std::string_view OnnxTypeFor(std::string_view paddle_type) {
  for (const auto& [paddle, onnx] : kReduceOps) {
    if (paddle == paddle_type) return onnx;
  }
  Fail(ErrorKind::kInternal, "no ONNX op listed for '{}'", paddle_type);
}

// Sorted, distinct, non-negative axes to reduce.
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

void Emit7(MapContext& cx, const graph::Op& op) {
  const graph::Var& in = cx.InputVar(op, "X");
  const graph::Var& out = cx.OutputVar(op, "Out");
  const int64_t rank = RankOf(in);
  // out_dtype (e.g. reduce_sum of int32/bool to int64) applies to the input.
  const std::string x = CastIfNeeded(cx, cx.Input(op, "X"), in.dtype, out.dtype);
  if (rank == 0) {  // reducing a 0-D tensor returns it
    cx.Bind(op, "Out", MatchDeclaredRank(cx, x, 0, out));
    return;
  }
  const std::vector<int64_t> axes = ReducedAxes(op, rank);
  const bool keep_dim = op.Attr<bool>("keep_dim", false);
  const std::string reduced = cx.Reduce(OnnxTypeFor(op.type), x, axes, keep_dim);
  const int64_t result_rank = keep_dim ? rank : rank - static_cast<int64_t>(axes.size());
  cx.Bind(op, "Out", MatchDeclaredRank(cx, reduced, result_rank, out));
}

}  // namespace

void RegisterReduce(Registry& r) {
  for (const auto& [paddle, onnx] : kReduceOps) r.Add(std::string(paddle), AnyOpset, {{7, Emit7}});
}

}  // namespace pd2onnx::mappers

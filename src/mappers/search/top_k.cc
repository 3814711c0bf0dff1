// top_k_v2 (`k` or a K tensor, `axis`, `largest`, `sorted`) and top_k (v1:
// the last axis). TopK-1 takes k as an attribute, TopK-10 as an input, and
// TopK-11 adds `largest` and `sorted`. Results are always emitted sorted
// (Paddle leaves the order unspecified when sorted=false); equal values come
// in ascending index order. ONNX Runtime computes TopK of integers from
// TopK-11 only.
#include <string>

#include "mappers/map_context.h"
#include "mappers/search/search.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

int64_t AxisOf(const graph::Op& op, int64_t rank) {
  const int64_t axis = op.type == "top_k" ? -1 : op.Attr<int64_t>("axis", -1);
  return NormalizeAxis(axis, rank, "axis");
}

OpsetNeed MinOpset(const graph::Op& op) {
  if (op.type == "top_k_v2" && !op.Attr<bool>("largest", true)) {
    return {11, "largest=false (TopK-11)"};
  }
  if (op.HasInput("K")) return {10, "a K tensor input (TopK-10)"};
  return {};
}

void RequireFloatBefore11(MapContext& cx, const graph::Op& op) {
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  PD2ONNX_CHECK(cx.opset() >= 11 || dtype == graph::DataType::kFloat32, ErrorKind::kUnsupported,
                "X of dtype {} needs opset 11 (ONNX Runtime's TopK before 11 takes float32 only)",
                graph::DataTypeName(dtype));
  PD2ONNX_CHECK(RankOf(cx.InputVar(op, "X")) > 0, ErrorKind::kUnsupported,
                "top_k of a 0-D X is not supported");
}

void BindResults(MapContext& cx, const graph::Op& op, const std::vector<std::string>& results) {
  cx.Bind(op, "Out", results[0]);
  cx.Bind(op, "Indices",
          CastIfNeeded(cx, results[1], graph::DataType::kInt64, cx.OutputVar(op, "Indices").dtype));
}

// The K input of TopK-10: a [1] int64 tensor.
std::string KTensor(MapContext& cx, const graph::Op& op) {
  if (!op.HasInput("K")) return cx.ConstI64({op.Attr<int64_t>("k", 1)});
  const graph::Var& k = cx.InputVar(op, "K");
  return cx.Reshape(CastIfNeeded(cx, cx.Input(op, "K"), k.dtype, graph::DataType::kInt64), {1});
}

void Emit7(MapContext& cx, const graph::Op& op) {
  RequireFloatBefore11(cx, op);
  const int64_t axis = AxisOf(op, RankOf(cx.InputVar(op, "X")));
  BindResults(
      cx, op,
      cx.NodeN("TopK", {cx.Input(op, "X")}, 2, {{"k", op.Attr<int64_t>("k", 1)}, {"axis", axis}}));
}

void Emit10(MapContext& cx, const graph::Op& op) {
  RequireFloatBefore11(cx, op);
  const int64_t axis = AxisOf(op, RankOf(cx.InputVar(op, "X")));
  BindResults(cx, op, cx.NodeN("TopK", {cx.Input(op, "X"), KTensor(cx, op)}, 2, {{"axis", axis}}));
}

void Emit11(MapContext& cx, const graph::Op& op) {
  RequireFloatBefore11(cx, op);
  const int64_t axis = AxisOf(op, RankOf(cx.InputVar(op, "X")));
  const bool largest = op.type == "top_k" || op.Attr<bool>("largest", true);
  BindResults(cx, op,
              cx.NodeN("TopK", {cx.Input(op, "X"), KTensor(cx, op)}, 2,
                       {{"axis", axis}, {"largest", largest ? 1 : 0}, {"sorted", 1}}));
}

}  // namespace

void RegisterTopK(Registry& r) {
  r.Add("top_k", MinOpset, {{7, Emit7}, {10, Emit10}, {11, Emit11}});
  r.Add("top_k_v2", MinOpset, {{7, Emit7}, {10, Emit10}, {11, Emit11}});
}

}  // namespace pd2onnx::mappers

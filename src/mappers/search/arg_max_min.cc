// arg_max / arg_min: index of the first maximum / minimum along `axis`
// (keepdims), or over the flattened X when `flatten` is set. ONNX ArgMax /
// ArgMin give int64 and keep the first of equal values; `dtype` 2 asks for
// int32.
#include "mappers/map_context.h"
#include "mappers/search/search.h"
#include "mappers/tensor/shape_util.h"

namespace pd2onnx::mappers {
namespace {

void EmitArgExtreme(MapContext& cx, const graph::Op& op, const char* onnx_op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const graph::Var& out = cx.OutputVar(op, "Out");
  const bool keepdims = op.Attr<bool>("keepdims", false);
  std::string x = cx.Input(op, "X");
  int64_t axis = 0;
  int64_t result_rank = 0;
  if (op.Attr<bool>("flatten", false) || rank == 0) {
    x = cx.Reshape(x, {-1});
    result_rank = keepdims ? 1 : 0;
  } else {
    axis = NormalizeAxis(op.Attr<int64_t>("axis"), rank, "axis");
    result_rank = keepdims ? rank : rank - 1;
  }
  std::string index = cx.Node(onnx_op, {x}, {{"axis", axis}, {"keepdims", keepdims ? 1 : 0}});
  index = MatchDeclaredRank(cx, index, result_rank, out);
  cx.Bind(op, "Out", CastIfNeeded(cx, index, graph::DataType::kInt64, out.dtype));
}

void EmitArgMax7(MapContext& cx, const graph::Op& op) { EmitArgExtreme(cx, op, "ArgMax"); }
void EmitArgMin7(MapContext& cx, const graph::Op& op) { EmitArgExtreme(cx, op, "ArgMin"); }

}  // namespace

void RegisterArgMaxMin(Registry& r) {
  r.Add("arg_max", AnyOpset, {{7, EmitArgMax7}});
  r.Add("arg_min", AnyOpset, {{7, EmitArgMin7}});
}

}  // namespace pd2onnx::mappers

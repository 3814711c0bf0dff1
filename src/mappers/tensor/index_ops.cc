// Indexing ops.
// index_select: X indexed along `dim` by a 1-D Index (ONNX Gather).
// gather_nd: Index [..., k] picks X[i_0, ..., i_{k-1}] (GatherND-11, int64
//   indices).
// index_sample: X [N, M], Index [N, K] → X[i][Index[i][j]]
//   (GatherElements-11 on axis 1).
// take_along_axis: Input indexed along `Axis` by Index of the same rank
//   (GatherElements-11).
// where_index: int64 [count, rank] coordinates of the non-zero elements
//   (NonZero-9 gives [rank, count]; transposed).
// masked_select: the elements of X where Mask is true, 1-D; X and Mask
//   broadcast to each other (Expand-8 both ways), then Compress-9.
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

void EmitIndexSelect(MapContext& cx, const graph::Op& op) {
  const int64_t axis =
      NormalizeAxis(op.Attr<int64_t>("dim", 0), RankOf(cx.InputVar(op, "X")), "dim");
  cx.Bind(op, "Out",
          cx.Node("Gather", {cx.Input(op, "X"), cx.Input(op, "Index")}, {{"axis", axis}}));
}

OpsetNeed GatherNdMinOpset(const graph::Op&) { return {11, "GatherND-11"}; }

void EmitGatherNd11(MapContext& cx, const graph::Op& op) {
  const std::string index =
      CastIfNeeded(cx, cx.Input(op, "Index"), cx.InputVar(op, "Index").dtype, DataType::kInt64);
  cx.Bind(op, "Out", cx.Node("GatherND", {cx.Input(op, "X"), index}));
}

OpsetNeed GatherElementsMinOpset(const graph::Op&) { return {11, "GatherElements-11"}; }

void EmitIndexSample11(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out",
          cx.Node("GatherElements", {cx.Input(op, "X"), cx.Input(op, "Index")},
                  {{"axis", int64_t{1}}}));
}

void EmitTakeAlongAxis11(MapContext& cx, const graph::Op& op) {
  const int64_t axis =
      NormalizeAxis(op.Attr<int64_t>("Axis", 0), RankOf(cx.InputVar(op, "Input")), "Axis");
  cx.Bind(
      op, "Result",
      cx.Node("GatherElements", {cx.Input(op, "Input"), cx.Input(op, "Index")}, {{"axis", axis}}));
}

OpsetNeed NonZeroMinOpset(const graph::Op&) { return {9, "NonZero-9"}; }

void EmitWhereIndex9(MapContext& cx, const graph::Op& op) {
  const std::string nonzero = cx.Node("NonZero", {cx.Input(op, "Condition")});
  cx.Bind(op, "Out", cx.Transpose(nonzero, {1, 0}));
}

OpsetNeed CompressMinOpset(const graph::Op&) { return {9, "Compress-9"}; }

void EmitMaskedSelect9(MapContext& cx, const graph::Op& op) {
  std::string x = cx.Input(op, "X");
  std::string mask = cx.Input(op, "Mask");
  const graph::Var& x_var = cx.InputVar(op, "X");
  const graph::Var& mask_var = cx.InputVar(op, "Mask");
  if (x_var.shape != mask_var.shape || !IsFullyKnown(x_var.shape)) {
    const std::string x_shape = cx.Shape(x);
    const std::string mask_shape = cx.Shape(mask);
    x = cx.Node("Expand", {x, mask_shape});
    mask = cx.Node("Expand", {mask, x_shape});
  }
  mask = CastIfNeeded(cx, mask, mask_var.dtype, DataType::kBool);
  const std::string out =
      cx.Node("Compress", {cx.Reshape(x, {-1}), cx.Reshape(mask, {-1})}, {{"axis", int64_t{0}}});
  cx.Bind(op, "Y", out);
}

}  // namespace

void RegisterIndexOps(Registry& r) {
  r.Add("gather_nd", GatherNdMinOpset, {{11, EmitGatherNd11}});
  r.Add("index_sample", GatherElementsMinOpset, {{11, EmitIndexSample11}});
  r.Add("index_select", AnyOpset, {{7, EmitIndexSelect}});
  r.Add("masked_select", CompressMinOpset, {{9, EmitMaskedSelect9}});
  r.Add("take_along_axis", GatherElementsMinOpset, {{11, EmitTakeAlongAxis11}});
  r.Add("where_index", NonZeroMinOpset, {{9, EmitWhereIndex9}});
}

}  // namespace pd2onnx::mappers

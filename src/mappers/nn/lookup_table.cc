// lookup_table_v2 (and v1) → Gather of W's rows. Rows looked up with
// padding_idx are zeros: the gathered rows are multiplied by (Ids != pad).
// v1 Ids end in a dimension of 1 that the output replaces with D.
#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// padding_idx as a row index, or -1 for none; a negative value other than
// -1 counts from the end of the table.
int64_t PaddingRow(MapContext& cx, const graph::Op& op) {
  const int64_t padding_idx = op.Attr<int64_t>("padding_idx", -1);
  if (padding_idx >= -1) return padding_idx;
  const graph::Var& w = cx.InputVar(op, "W");
  PD2ONNX_CHECK(w.shape.size() == 2 && w.shape[0] >= 0, ErrorKind::kUnsupported,
                "padding_idx={} needs the number of rows of W (shape {})", padding_idx,
                graph::ShapeToString(w.shape));
  return w.shape[0] + padding_idx;
}

void EmitLookup(MapContext& cx, const graph::Op& op, bool ids_have_trailing_one) {
  const graph::Var& ids_var = cx.InputVar(op, "Ids");
  std::string ids = cx.Input(op, "Ids");
  int64_t ids_rank = static_cast<int64_t>(ids_var.shape.size());
  if (ids_have_trailing_one) {
    PD2ONNX_CHECK(ids_rank >= 1, ErrorKind::kInvalidInput,
                  "Ids of lookup_table must have rank >= 1");
    ids = cx.Squeeze(ids, {ids_rank - 1});
    --ids_rank;
  }
  std::string rows = cx.Node("Gather", {cx.Input(op, "W"), ids}, {{"axis", 0}});

  const int64_t padding_row = PaddingRow(cx, op);
  if (padding_row >= 0) {
    const std::string pad = cx.ScalarOf(ids_var.dtype, static_cast<double>(padding_row));
    const std::string is_pad = cx.Node("Equal", {ids, pad});
    const DataType dtype = cx.InputVar(op, "W").dtype;
    // keep = 1 - (ids == pad), with a trailing axis to broadcast over D.
    const std::string hit = cx.Unsqueeze(cx.Cast(is_pad, dtype), {ids_rank});
    const std::string keep = cx.Node("Sub", {cx.ScalarOf(dtype, 1.0), hit});
    rows = cx.Node("Mul", {rows, keep});
  }
  cx.Bind(op, "Out", rows);
}

void EmitV1(MapContext& cx, const graph::Op& op) { EmitLookup(cx, op, true); }
void EmitV2(MapContext& cx, const graph::Op& op) { EmitLookup(cx, op, false); }

}  // namespace

void RegisterLookupTable(Registry& r) {
  r.Add("lookup_table", AnyOpset, {{7, EmitV1}});
  r.Add("lookup_table_v2", AnyOpset, {{7, EmitV2}});
}

}  // namespace pd2onnx::mappers

// tril_triu: keeps element (i, j) of the last two dims where
// j - i <= diagonal (lower) or j - i >= diagonal (upper); the rest are 0.
// Trilu-14 where ORT has a kernel (float, double, int64, bool); otherwise,
// and below opset 14, Where-9 with a constant mask (ORT's Where lacks
// bool and int32: cast through int64, float16 through float32), which
// needs the last two extents known.
#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

OpsetNeed MinOpset(const graph::Op&) { return {9, "Where-9"}; }

std::string MaskedByWhere(MapContext& cx, const graph::Op& op, int64_t diagonal, bool lower) {
  const graph::Var& var = cx.InputVar(op, "X");
  const int64_t rank = RankOf(var);
  PD2ONNX_CHECK(rank >= 2, ErrorKind::kInvalidInput, "tril_triu needs rank >= 2, not {}", rank);
  const int64_t rows = var.shape[rank - 2], cols = var.shape[rank - 1];
  PD2ONNX_CHECK(rows >= 0 && cols >= 0, ErrorKind::kUnsupported,
                "tril_triu of a matrix of unknown size {} needs opset 14 (Trilu)",
                graph::ShapeToString(var.shape));
  std::vector<Number> keep;
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = 0; j < cols; ++j) {
      const bool k = lower ? (j - i <= diagonal) : (j - i >= diagonal);
      keep.emplace_back(int64_t{k ? 1 : 0});
    }
  }
  const std::string mask = cx.Constant(TensorOfNumbers(DataType::kBool, {rows, cols}, keep));
  // ORT's Where lacks some dtypes (bool, int32): those go through int64.
  const bool direct = var.dtype == DataType::kFloat32 || var.dtype == DataType::kFloat64 ||
                      var.dtype == DataType::kInt64;
  const DataType work = direct ? var.dtype : ExactWideningOf(var.dtype);
  const std::string x = CastIfNeeded(cx, cx.Input(op, "X"), var.dtype, work);
  const std::string out = cx.Node("Where", {mask, x, cx.ScalarOf(work, 0)});
  return CastIfNeeded(cx, out, work, var.dtype);
}

void Emit9(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out",
          MaskedByWhere(cx, op, op.Attr<int64_t>("diagonal", 0), op.Attr<bool>("lower", true)));
}

void Emit14(MapContext& cx, const graph::Op& op) {
  const int64_t diagonal = op.Attr<int64_t>("diagonal", 0);
  const bool lower = op.Attr<bool>("lower", true);
  const DataType dtype = cx.InputVar(op, "X").dtype;
  const bool ort_has_trilu = dtype == DataType::kFloat32 || dtype == DataType::kFloat64 ||
                             dtype == DataType::kInt64 || dtype == DataType::kBool;
  if (!ort_has_trilu) {
    cx.Bind(op, "Out", MaskedByWhere(cx, op, diagonal, lower));
    return;
  }
  cx.Bind(op, "Out",
          cx.Node("Trilu", {cx.Input(op, "X"), cx.ConstI64({diagonal})},
                  {{"upper", int64_t{lower ? 0 : 1}}}));
}

}  // namespace

void RegisterTrilTriu(Registry& r) { r.Add("tril_triu", MinOpset, {{9, Emit9}, {14, Emit14}}); }

}  // namespace pd2onnx::mappers

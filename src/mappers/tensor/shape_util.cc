#include "mappers/tensor/shape_util.h"

#include <algorithm>

#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {

using graph::DataType;

int64_t NormalizeAxis(int64_t axis, int64_t rank, std::string_view what) {
  const int64_t normalized = axis < 0 ? axis + rank : axis;
  PD2ONNX_CHECK(normalized >= 0 && normalized < rank, ErrorKind::kInvalidInput,
                "{} {} is out of range for rank {}", what, axis, rank);
  return normalized;
}

bool IsFullyKnown(const std::vector<int64_t>& shape) {
  for (int64_t d : shape) {
    if (d < 0) return false;
  }
  return true;
}

std::string IntList::AsTensor(MapContext& cx) const {
  return known() ? cx.ConstI64(*values) : tensor;
}

namespace {

// A 1-element run-time tensor (0-D or [1], int32 or int64) as a [1] int64.
std::string RuntimeEntry(MapContext& cx, const graph::Op& op, std::string_view slot, size_t i) {
  const std::string as_int64 =
      CastIfNeeded(cx, cx.Input(op, slot, i), cx.InputVar(op, slot, i).dtype, DataType::kInt64);
  return cx.Reshape(as_int64, {1});
}

}  // namespace

std::optional<IntList> IntListFromTensor(MapContext& cx, const graph::Op& op,
                                         std::string_view slot) {
  if (!op.HasInput(slot)) return std::nullopt;
  if (const graph::ConstTensor* value = cx.ConstantInput(op, slot)) {
    return IntList{value->ToInt64(), ""};
  }
  const graph::Var& var = cx.InputVar(op, slot);
  std::string tensor = CastIfNeeded(cx, cx.Input(op, slot), var.dtype, DataType::kInt64);
  if (var.shape.empty()) tensor = cx.Reshape(tensor, {1});  // a 0-D list of one entry
  return IntList{std::nullopt, tensor};
}

std::optional<IntList> IntListFromTensorList(MapContext& cx, const graph::Op& op,
                                             std::string_view slot) {
  const size_t count = op.Inputs(slot).size();
  if (count == 0) return std::nullopt;

  std::vector<int64_t> known_values;
  bool all_known = true;
  for (size_t i = 0; i < count; ++i) {
    const graph::ConstTensor* value = cx.ConstantInput(op, slot, i);
    if (value == nullptr || value->numel() != 1) {
      all_known = false;
      break;
    }
    known_values.push_back(value->ToInt64()[0]);
  }
  if (all_known) return IntList{known_values, ""};

  // Runs of known entries become one initializer; run-time entries are
  // cast and reshaped to [1]; one Concat joins the pieces.
  std::vector<std::string> pieces;
  std::vector<int64_t> run;
  for (size_t i = 0; i < count; ++i) {
    const graph::ConstTensor* value = cx.ConstantInput(op, slot, i);
    if (value != nullptr && value->numel() == 1) {
      run.push_back(value->ToInt64()[0]);
      continue;
    }
    if (!run.empty()) pieces.push_back(cx.ConstI64(run));
    run.clear();
    pieces.push_back(RuntimeEntry(cx, op, slot, i));
  }
  if (!run.empty()) pieces.push_back(cx.ConstI64(run));
  if (pieces.size() == 1) return IntList{std::nullopt, pieces[0]};
  return IntList{std::nullopt, cx.Node("Concat", pieces, {{"axis", 0}})};
}

std::string CastIfNeeded(MapContext& cx, const std::string& tensor, DataType from, DataType to) {
  return from == to ? tensor : cx.Cast(tensor, to);
}

DataType ExactWideningOf(DataType dtype) {
  return graph::IsFloatingPoint(dtype) ? DataType::kFloat32 : DataType::kInt64;
}

std::string MatchDeclaredRank(MapContext& cx, const std::string& tensor, int64_t rank,
                              const graph::Var& out) {
  const bool all_ones =
      std::all_of(out.shape.begin(), out.shape.end(), [](int64_t d) { return d == 1; });
  if (RankOf(out) == rank || !all_ones) return tensor;
  return cx.Reshape(tensor, out.shape);
}

}  // namespace pd2onnx::mappers

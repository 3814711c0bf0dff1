// diag_v2, diagonal and trace, as gathers with constant indices.
// - diag_v2 of a 1-D X (n known): a square matrix of side n + |offset| with
//   X on diagonal `offset` and padding_value elsewhere (Where-9 over a
//   constant mask; ORT's Where lacks int32 and bool, which go via int64, and
//   float16, via float32).
// - diag_v2 of a 2-D X (dims known): its diagonal `offset`.
// - diagonal (offset, axis1, axis2; those two extents known): the planes
//   are moved last, flattened, and their diagonal gathered; the other dims
//   stay in order, the diagonal is the last dim.
// - trace: the sum of that diagonal.
#include <algorithm>
#include <string>
#include <vector>

#include "mappers/linalg/linalg.h"
#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

std::string IndexConstant(MapContext& cx, const std::vector<int64_t>& values,
                          std::vector<int64_t> dims) {
  std::vector<Number> numbers(values.begin(), values.end());
  return cx.Constant(TensorOfNumbers(DataType::kInt64, std::move(dims), numbers));
}

// Flat indices (in an A × B plane) of diagonal `offset`.
std::vector<int64_t> PlaneDiagonal(int64_t rows, int64_t cols, int64_t offset) {
  const int64_t row0 = offset < 0 ? -offset : 0, col0 = offset > 0 ? offset : 0;
  const int64_t len = std::max<int64_t>(0, std::min(rows - row0, cols - col0));
  std::vector<int64_t> flat;
  for (int64_t j = 0; j < len; ++j) flat.push_back((j + row0) * cols + (j + col0));
  return flat;
}

void EmitDiagMatrix(MapContext& cx, const graph::Op& op, const graph::Var& var) {
  const int64_t n = var.shape.empty() ? 1 : var.shape[0];
  PD2ONNX_CHECK(n >= 0, ErrorKind::kUnsupported, "diag_v2 needs the length of X known, got {}",
                graph::ShapeToString(var.shape));
  const int64_t offset = op.Attr<int64_t>("offset", 0);
  const int64_t side = n + (offset < 0 ? -offset : offset);
  std::vector<int64_t> gather(static_cast<size_t>(side * side), 0);
  std::vector<Number> mask(static_cast<size_t>(side * side), int64_t{0});
  for (int64_t i = 0; i < n; ++i) {
    const int64_t r = offset >= 0 ? i : i - offset, c = offset >= 0 ? i + offset : i;
    gather[r * side + c] = i;
    mask[r * side + c] = int64_t{1};
  }
  const bool direct = var.dtype == DataType::kFloat32 || var.dtype == DataType::kFloat64 ||
                      var.dtype == DataType::kInt64;
  const DataType work = direct ? var.dtype : ExactWideningOf(var.dtype);
  const std::string flat = cx.Reshape(CastIfNeeded(cx, cx.Input(op, "X"), var.dtype, work), {-1});
  const std::string spread =
      cx.Node("Gather", {flat, IndexConstant(cx, gather, {side, side})}, {{"axis", int64_t{0}}});
  const std::string out =
      cx.Node("Where", {cx.Constant(TensorOfNumbers(DataType::kBool, {side, side}, mask)), spread,
                        cx.ScalarOf(work, op.Attr<float>("padding_value", 0.0f))});
  cx.Bind(op, "Out", CastIfNeeded(cx, out, work, var.dtype));
}

void EmitDiagV2(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  if (RankOf(var) <= 1) {
    EmitDiagMatrix(cx, op, var);
    return;
  }
  PD2ONNX_CHECK(RankOf(var) == 2 && IsFullyKnown(var.shape), ErrorKind::kUnsupported,
                "diag_v2 of a matrix needs a 2-D X of known shape, got {}",
                graph::ShapeToString(var.shape));
  const std::vector<int64_t> flat =
      PlaneDiagonal(var.shape[0], var.shape[1], op.Attr<int64_t>("offset", 0));
  const std::string x = cx.Reshape(cx.Input(op, "X"), {-1});
  cx.Bind(op, "Out",
          cx.Node("Gather", {x, IndexConstant(cx, flat, {static_cast<int64_t>(flat.size())})},
                  {{"axis", int64_t{0}}}));
}

// The diagonal of the (axis1, axis2) planes of `slot`, as the last dim.
std::string DiagonalOf(MapContext& cx, const graph::Op& op, std::string_view slot) {
  const graph::Var& var = cx.InputVar(op, slot);
  const int64_t rank = RankOf(var);
  const int64_t a1 = NormalizeAxis(op.Attr<int64_t>("axis1", 0), rank, "axis1");
  const int64_t a2 = NormalizeAxis(op.Attr<int64_t>("axis2", 1), rank, "axis2");
  PD2ONNX_CHECK(a1 != a2, ErrorKind::kInvalidInput, "{}: axis1 and axis2 are both {}", op.type, a1);
  const int64_t rows = var.shape[a1], cols = var.shape[a2];
  PD2ONNX_CHECK(rows >= 0 && cols >= 0, ErrorKind::kUnsupported,
                "{} needs the extents of axis1 and axis2 known, X is {}", op.type,
                graph::ShapeToString(var.shape));
  std::vector<int64_t> perm, shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (d != a1 && d != a2) {
      perm.push_back(d);
      shape.push_back(0);  // copied from the transposed input
    }
  }
  perm.insert(perm.end(), {a1, a2});
  shape.push_back(rows * cols);
  const std::string planes = cx.Reshape(cx.Transpose(cx.Input(op, slot), perm), shape);
  const std::vector<int64_t> flat = PlaneDiagonal(rows, cols, op.Attr<int64_t>("offset", 0));
  return cx.Node("Gather", {planes, IndexConstant(cx, flat, {static_cast<int64_t>(flat.size())})},
                 {{"axis", rank - 2}});
}

void EmitDiagonal(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", DiagonalOf(cx, op, "Input"));
}

void EmitTrace(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "Input"));
  const std::string sum = cx.Reduce("ReduceSum", DiagonalOf(cx, op, "Input"), {rank - 2}, false);
  cx.Bind(op, "Out", MatchDeclaredRank(cx, sum, rank - 2, cx.OutputVar(op, "Out")));
}

}  // namespace

void RegisterDiagonal(Registry& r) {
  r.Add("diag_v2", [](const graph::Op&) { return OpsetNeed{9, "Where-9"}; }, {{9, EmitDiagV2}});
  r.Add("diagonal", AnyOpset, {{7, EmitDiagonal}});
  r.Add("trace", AnyOpset, {{7, EmitTrace}});
}

}  // namespace pd2onnx::mappers

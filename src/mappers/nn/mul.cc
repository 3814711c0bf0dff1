// mul → Flatten both operands to matrices at x_num_col_dims /
// y_num_col_dims, MatMul, and reshape to x.dims[:xn] + y.dims[yn:].
#include <algorithm>

#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

int64_t NumColDims(const graph::Op& op, std::string_view name, int64_t rank) {
  const int64_t n = op.Attr<int64_t>(name, 1);
  PD2ONNX_CHECK(n >= 1 && n < rank, ErrorKind::kInvalidInput, "{}={} is outside [1, {})", name, n,
                rank);
  return n;
}

std::string AsMatrix(MapContext& cx, const std::string& x, int64_t rank, int64_t col_dims) {
  if (rank == 2 && col_dims == 1) return x;
  return cx.Node("Flatten", {x}, {{"axis", col_dims}});
}

// x.dims[:xn] + y.dims[yn:]: a constant shape when at most one extent is
// unknown, else assembled from Shape at run time.
std::string OutputShape(MapContext& cx, const graph::Var& x_var, const graph::Var& y_var,
                        const std::string& x, const std::string& y, int64_t xn, int64_t yn) {
  std::vector<int64_t> dims(x_var.shape.begin(), x_var.shape.begin() + xn);
  dims.insert(dims.end(), y_var.shape.begin() + yn, y_var.shape.end());
  if (std::count(dims.begin(), dims.end(), -1) <= 1) return cx.ConstI64(dims);
  const std::string head = cx.Slice(cx.Shape(x), {0}, {xn}, {0});
  const std::string tail = cx.Slice(cx.Shape(y), {yn}, {RankOf(y_var)}, {0});
  return cx.Node("Concat", {head, tail}, {{"axis", 0}});
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const graph::Var& y_var = cx.InputVar(op, "Y");
  const int64_t x_rank = RankOf(x_var);
  const int64_t y_rank = RankOf(y_var);
  const int64_t xn = NumColDims(op, "x_num_col_dims", x_rank);
  const int64_t yn = NumColDims(op, "y_num_col_dims", y_rank);

  const std::string x = cx.Input(op, "X");
  const std::string y = cx.Input(op, "Y");
  std::string out = cx.Node("MatMul", {AsMatrix(cx, x, x_rank, xn), AsMatrix(cx, y, y_rank, yn)});
  // With xn = 1 and one trailing Y dim the product already has the output shape.
  const bool already_shaped = xn == 1 && y_rank - yn == 1;
  if (!already_shaped) {
    out = cx.Node("Reshape", {out, OutputShape(cx, x_var, y_var, x, y, xn, yn)});
  }
  cx.Bind(op, "Out", out);
}

}  // namespace

void RegisterMul(Registry& r) { r.Add("mul", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

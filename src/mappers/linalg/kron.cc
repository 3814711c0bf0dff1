// kron: the Kronecker product. With both shapes static and padded to the
// same rank with leading 1s, X is reshaped to [x0, 1, x1, 1, ...] and Y to
// [1, y0, 1, y1, ...]; their product [x0, y0, x1, y1, ...] reshaped to
// [x0·y0, x1·y1, ...] is the result.
#include <algorithm>
#include <string>
#include <vector>

#include "mappers/linalg/linalg.h"
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

void Emit7(MapContext& cx, const graph::Op& op) {
  const graph::Var& xv = cx.InputVar(op, "X");
  const graph::Var& yv = cx.InputVar(op, "Y");
  PD2ONNX_CHECK(IsFullyKnown(xv.shape) && IsFullyKnown(yv.shape), ErrorKind::kUnsupported,
                "kron needs static shapes, X is declared {} and Y {}",
                graph::ShapeToString(xv.shape), graph::ShapeToString(yv.shape));
  const size_t rank = std::max(xv.shape.size(), yv.shape.size());
  std::vector<int64_t> xd(rank, 1), yd(rank, 1);
  std::copy(xv.shape.begin(), xv.shape.end(), xd.end() - static_cast<int64_t>(xv.shape.size()));
  std::copy(yv.shape.begin(), yv.shape.end(), yd.end() - static_cast<int64_t>(yv.shape.size()));
  std::vector<int64_t> x_shape, y_shape, out_shape;
  for (size_t d = 0; d < rank; ++d) {
    x_shape.insert(x_shape.end(), {xd[d], 1});
    y_shape.insert(y_shape.end(), {1, yd[d]});
    out_shape.push_back(xd[d] * yd[d]);
  }
  const std::string x = cx.Reshape(cx.Input(op, "X"), x_shape);
  const std::string y = cx.Reshape(cx.Input(op, "Y"), y_shape);
  cx.Bind(op, "Out", cx.Reshape(cx.Node("Mul", {x, y}), out_shape));
}

}  // namespace

void RegisterKron(Registry& r) { r.Add("kron", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

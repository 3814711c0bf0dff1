// cross: the cross product along `dim` (9, Paddle's default, means the
// first axis of extent 3): out_j = x_{j+1}·y_{j+2} − x_{j+2}·y_{j+1}.
#include <algorithm>
#include <string>
#include <vector>

#include "mappers/linalg/linalg.h"
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

constexpr int64_t kFirstAxisOfThree = 9;  // Paddle's DDim::kMaxRank

int64_t CrossAxis(const graph::Op& op, const graph::Var& var) {
  const int64_t dim = op.Attr<int64_t>("dim", kFirstAxisOfThree);
  if (dim != kFirstAxisOfThree) return NormalizeAxis(dim, RankOf(var), "dim");
  const auto it = std::find(var.shape.begin(), var.shape.end(), 3);
  PD2ONNX_CHECK(it != var.shape.end(), ErrorKind::kUnsupported,
                "cross with the default dim needs an axis of known extent 3 in {}",
                graph::ShapeToString(var.shape));
  return it - var.shape.begin();
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t axis = CrossAxis(op, cx.InputVar(op, "X"));
  const std::vector<std::string> x = cx.Split(cx.Input(op, "X"), axis, {1, 1, 1});
  const std::vector<std::string> y = cx.Split(cx.Input(op, "Y"), axis, {1, 1, 1});
  std::vector<std::string> parts;
  for (size_t j = 0; j < 3; ++j) {
    const size_t a = (j + 1) % 3, b = (j + 2) % 3;
    parts.push_back(cx.Node("Sub", {cx.Node("Mul", {x[a], y[b]}), cx.Node("Mul", {x[b], y[a]})}));
  }
  cx.Bind(op, "Out", cx.Node("Concat", parts, {{"axis", axis}}));
}

}  // namespace

void RegisterCross(Registry& r) { r.Add("cross", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

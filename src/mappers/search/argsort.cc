// argsort (`axis`, `descending`) → TopK over the whole axis, with K read
// from X's shape (TopK-10). Ascending order needs TopK-11's largest=0.
// ONNX TopK puts equal values in ascending index order, which is Paddle's
// stable order for both directions. ONNX Runtime computes TopK of integers
// from TopK-11 only.
#include <string>

#include "mappers/map_context.h"
#include "mappers/search/search.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed MinOpset(const graph::Op& op) {
  if (!op.Attr<bool>("descending", false)) return {11, "descending=false (TopK-11 largest=0)"};
  return {10, "argsort (TopK-10: K taken from X's shape)"};
}

std::vector<std::string> SortAlongAxis(MapContext& cx, const graph::Op& op, bool with_largest) {
  const graph::Var& in = cx.InputVar(op, "X");
  const int64_t rank = RankOf(in);
  PD2ONNX_CHECK(rank > 0, ErrorKind::kUnsupported, "argsort of a 0-D X is not supported");
  PD2ONNX_CHECK(cx.opset() >= 11 || in.dtype == graph::DataType::kFloat32, ErrorKind::kUnsupported,
                "X of dtype {} needs opset 11 (ONNX Runtime's TopK before 11 takes float32 only)",
                graph::DataTypeName(in.dtype));
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), rank, "axis");
  const std::string x = cx.Input(op, "X");
  const std::string k = cx.Node("Gather", {cx.Shape(x), cx.ConstI64({axis})}, {{"axis", 0}});
  std::vector<NodeAttr> attrs = {{"axis", axis}};
  if (with_largest) {
    attrs.push_back({"largest", op.Attr<bool>("descending", false) ? 1 : 0});
    attrs.push_back({"sorted", 1});
  }
  return cx.NodeN("TopK", {x, k}, 2, attrs);
}

void Bind(MapContext& cx, const graph::Op& op, const std::vector<std::string>& results) {
  cx.Bind(op, "Out", results[0]);
  cx.Bind(op, "Indices",
          CastIfNeeded(cx, results[1], graph::DataType::kInt64, cx.OutputVar(op, "Indices").dtype));
}

void Emit10(MapContext& cx, const graph::Op& op) { Bind(cx, op, SortAlongAxis(cx, op, false)); }
void Emit11(MapContext& cx, const graph::Op& op) { Bind(cx, op, SortAlongAxis(cx, op, true)); }

}  // namespace

void RegisterArgsort(Registry& r) { r.Add("argsort", MinOpset, {{10, Emit10}, {11, Emit11}}); }

}  // namespace pd2onnx::mappers

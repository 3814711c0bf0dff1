// cumsum (`axis`, `flatten`, `exclusive`, `reverse`) → CumSum-11, and
// cumprod (`dim`), which ONNX lacks: with n the (static) extent of the
// axis, X is unsqueezed to [..., 1, n, ...], every j > i of the [n, n]
// pair is replaced by 1 (Where from opset 9; Mul/Add with a 0/1 mask
// before), and ReduceProd over j leaves the running product at i.
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/search/search.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed CumsumMinOpset(const graph::Op&) { return {11, "cumsum (CumSum-11)"}; }

void EmitCumsum11(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const bool flatten = op.Attr<bool>("flatten", false);
  std::string x = cx.Input(op, "X");
  int64_t axis = 0;
  if (flatten || rank == 0) {
    x = cx.Reshape(x, {-1});
  } else {
    axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), rank, "axis");
  }
  // CumSum takes float16 only from opset 14 (and ONNX Runtime's not at all):
  // float16 sums run in float32, rounded once at the end.
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  const graph::DataType work =
      dtype == graph::DataType::kFloat16 ? graph::DataType::kFloat32 : dtype;
  std::string out = cx.Node("CumSum",
                            {CastIfNeeded(cx, x, dtype, work),
                             cx.ScalarOf(graph::DataType::kInt64, static_cast<double>(axis))},
                            {{"exclusive", op.Attr<bool>("exclusive", false) ? 1 : 0},
                             {"reverse", op.Attr<bool>("reverse", false) ? 1 : 0}});
  out = CastIfNeeded(cx, out, work, dtype);
  if (rank == 0 && !flatten) out = cx.Reshape(out, {});
  cx.Bind(op, "Out", out);
}

struct CumprodPlan {
  std::string xb;    // X unsqueezed at the axis: [..., 1, n, ...]
  int64_t axis = 0;  // the new i axis; j is axis + 1
  int64_t n = 0;
  int64_t trailing = 0;  // dims after the scanned one
};

CumprodPlan PlanCumprod(MapContext& cx, const graph::Op& op) {
  const graph::Var& in = cx.InputVar(op, "X");
  const int64_t rank = RankOf(in);
  CumprodPlan p;
  p.axis = NormalizeAxis(op.Attr<int64_t>("dim", -1), rank, "dim");
  p.n = in.shape[p.axis];
  PD2ONNX_CHECK(p.n >= 0, ErrorKind::kUnsupported,
                "cumprod along dim {} needs a static extent, and X is declared {}", p.axis,
                graph::ShapeToString(in.shape));
  p.trailing = rank - 1 - p.axis;
  p.xb = cx.Unsqueeze(cx.Input(op, "X"), {p.axis});
  return p;
}

// [n, n, 1, ...] values: keep (j <= i) or fill.
graph::ConstTensor MaskTensor(graph::DataType dtype, const CumprodPlan& p, bool keep_value) {
  std::vector<Number> values;
  for (int64_t i = 0; i < p.n; ++i) {
    for (int64_t j = 0; j < p.n; ++j) {
      const bool keep = j <= i;
      values.push_back(int64_t{keep == keep_value ? 1 : 0});
    }
  }
  std::vector<int64_t> dims = {p.n, p.n};
  dims.insert(dims.end(), static_cast<size_t>(p.trailing), 1);
  return TensorOfNumbers(dtype, dims, values);
}

void FinishCumprod(MapContext& cx, const graph::Op& op, const CumprodPlan& p,
                   const std::string& masked) {
  if (RankOf(cx.InputVar(op, "X")) == 0) return;
  cx.Bind(op, "Out", cx.Reduce("ReduceProd", masked, {p.axis + 1}, false));
}

bool ZeroDim(MapContext& cx, const graph::Op& op) {
  if (RankOf(cx.InputVar(op, "X")) != 0) return false;
  cx.Bind(op, "Out", cx.Input(op, "X"));
  return true;
}

void EmitCumprod7(MapContext& cx, const graph::Op& op) {
  if (ZeroDim(cx, op)) return;
  const CumprodPlan p = PlanCumprod(cx, op);
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  // x·mask + (1 - mask): j > i becomes 1.
  const std::string kept = cx.Node("Mul", {p.xb, cx.Constant(MaskTensor(dtype, p, true))});
  const std::string masked = cx.Node("Add", {kept, cx.Constant(MaskTensor(dtype, p, false))});
  FinishCumprod(cx, op, p, masked);
}

void EmitCumprod9(MapContext& cx, const graph::Op& op) {
  if (ZeroDim(cx, op)) return;
  const CumprodPlan p = PlanCumprod(cx, op);
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  const std::string mask = cx.Constant(MaskTensor(graph::DataType::kBool, p, true));
  FinishCumprod(cx, op, p, cx.Node("Where", {mask, p.xb, cx.ScalarOf(dtype, 1.0)}));
}

}  // namespace

void RegisterCumulative(Registry& r) {
  r.Add("cumprod", AnyOpset, {{7, EmitCumprod7}, {9, EmitCumprod9}});
  r.Add("cumsum", CumsumMinOpset, {{11, EmitCumsum11}});
}

}  // namespace pd2onnx::mappers

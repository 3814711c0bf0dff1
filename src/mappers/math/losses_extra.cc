// More inference losses:
// - log_loss: −label·log(p + ε) − (1 − label)·log(1 − p + ε).
// - huber_loss: r = Y − X; 0.5·r² when |r| <= delta, else
//   delta·(|r| − 0.5·delta); Residual is r.
// - kldiv_loss: target·(log target − x), 0 where target <= 0 (log_target:
//   exp(t)·(t − x)), then "none", "sum", "mean" (all elements) or
//   "batchmean" (divided by dim 0).
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/math/math.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

void EmitLogLoss(MapContext& cx, const graph::Op& op) {
  const DataType dt = cx.InputVar(op, "Predicted").dtype;
  const std::string eps = cx.ScalarOf(dt, op.Attr<float>("epsilon", 1e-4f));
  const std::string one = cx.ScalarOf(dt, 1.0);
  const std::string p = cx.Input(op, "Predicted");
  const std::string label = cx.Input(op, "Labels");
  const std::string log_p = cx.Node("Log", {cx.Node("Add", {p, eps})});
  const std::string log_q = cx.Node("Log", {cx.Node("Add", {cx.Node("Sub", {one, p}), eps})});
  const std::string pos = cx.Node("Mul", {label, log_p});
  const std::string neg = cx.Node("Mul", {cx.Node("Sub", {one, label}), log_q});
  cx.Bind(op, "Loss", cx.Node("Neg", {cx.Node("Add", {pos, neg})}));
}

void EmitHuber(MapContext& cx, const graph::Op& op) {
  const DataType dt = cx.InputVar(op, "X").dtype;
  const double delta = op.Attr<float>("delta", 1.0f);
  const std::string r = cx.Node("Sub", {cx.Input(op, "Y"), cx.Input(op, "X")});
  const std::string a = cx.Node("Abs", {r});
  const std::string quad = cx.Node("Mul", {cx.Node("Mul", {r, r}), cx.ScalarOf(dt, 0.5)});
  const std::string lin =
      cx.Node("Mul", {cx.Node("Sub", {a, cx.ScalarOf(dt, 0.5 * delta)}), cx.ScalarOf(dt, delta)});
  cx.Bind(op, "Out",
          cx.Node("Where", {cx.Node("Greater", {a, cx.ScalarOf(dt, delta)}), lin, quad}));
  if (op.HasOutput("Residual")) cx.Bind(op, "Residual", r);
}

OpsetNeed KldivMinOpset(const graph::Op& op) {
  const std::string reduction = op.Attr<std::string>("reduction", "mean");
  PD2ONNX_CHECK(
      reduction == "none" || reduction == "sum" || reduction == "mean" || reduction == "batchmean",
      ErrorKind::kUnsupported, "kldiv_loss: reduction '{}' is not supported", reduction);
  return {9, "Where-9"};
}

void EmitKldiv(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  const DataType dt = var.dtype;
  const std::string x = cx.Input(op, "X");
  const std::string t = cx.Input(op, "Target");
  std::string loss;
  if (op.Attr<bool>("log_target", false)) {
    loss = cx.Node("Mul", {cx.Node("Exp", {t}), cx.Node("Sub", {t, x})});
  } else {
    const std::string term = cx.Node("Mul", {t, cx.Node("Sub", {cx.Node("Log", {t}), x})});
    loss = cx.Node("Where",
                   {cx.Node("Greater", {t, cx.ScalarOf(dt, 0.0)}), term, cx.ScalarOf(dt, 0.0)});
  }
  const std::string reduction = op.Attr<std::string>("reduction", "mean");
  if (reduction == "none") {
    cx.Bind(op, "Loss", loss);
    return;
  }
  const int64_t rank = RankOf(var);
  std::vector<int64_t> axes;
  for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
  std::string out = rank == 0 ? loss : cx.Reduce("ReduceSum", loss, axes, false);
  if (reduction == "mean" || reduction == "batchmean") {
    std::string count = cx.Cast(cx.Node("Size", {x}), dt);
    if (reduction == "batchmean" && rank > 0) {
      count = cx.Cast(cx.Reshape(cx.Slice(cx.Shape(x), {0}, {1}, {0}), {}), dt);
    }
    out = cx.Node("Div", {out, count});
  }
  cx.Bind(op, "Loss", MatchDeclaredRank(cx, out, 0, cx.OutputVar(op, "Loss")));
}

}  // namespace

void RegisterLossesExtra(Registry& r) {
  r.Add("log_loss", AnyOpset, {{7, EmitLogLoss}});
  r.Add("huber_loss", [](const graph::Op&) { return OpsetNeed{9, "Where-9"}; }, {{9, EmitHuber}});
  r.Add("kldiv_loss", KldivMinOpset, {{9, EmitKldiv}});
}

}  // namespace pd2onnx::mappers

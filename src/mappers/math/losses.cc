// Inference forms of three losses:
// - sigmoid_cross_entropy_with_logits: max(x, 0) − x·label +
//   log(1 + exp(−|x|)), 0 where int(label) == ignore_index; `normalize`
//   divides by the count of labels differing from ignore_index by > 1e-6
//   (at least 1).
// - bce_loss: (label − 1)·max(log(1 − x), −100) − label·max(log(x), −100).
// - nll_loss: −weight[l]·x[n, l] per sample (0 for ignore_index), then
//   "none", "sum" or "mean" (divided by the total weight unless it is 0);
//   Total_weight is the sum of the weights used, 0 for "none"
//   (GatherElements-11).
#include <vector>

#include "mappers/map_context.h"
#include "mappers/math/math.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

std::vector<int64_t> AllAxes(int64_t rank) {
  std::vector<int64_t> axes;
  for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
  return axes;
}

void EmitSigmoidCe(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  const DataType dt = var.dtype;
  const std::string x = cx.Input(op, "X");
  const std::string label = cx.Input(op, "Label");
  const std::string softplus =
      cx.Node("Log", {cx.Node("Add", {cx.ScalarOf(dt, 1.0),
                                      cx.Node("Exp", {cx.Node("Neg", {cx.Node("Abs", {x})})})})});
  const std::string loss = cx.Node(
      "Add", {cx.Node("Sub", {cx.Node("Relu", {x}), cx.Node("Mul", {x, label})}), softplus});
  const int64_t ignore = op.Attr<int64_t>("ignore_index", -100);
  const std::string ignored =
      cx.Node("Equal", {cx.Cast(label, DataType::kInt64), cx.ScalarOf(DataType::kInt64, ignore)});
  const std::string keep = cx.Cast(cx.Node("Not", {ignored}), dt);
  std::string out = cx.Node("Mul", {loss, keep});
  if (op.Attr<bool>("normalize", false)) {
    const std::string gap =
        cx.Node("Abs", {cx.Node("Sub", {label, cx.ScalarOf(dt, static_cast<double>(ignore))})});
    const std::string counted = cx.Cast(cx.Node("Greater", {gap, cx.ScalarOf(dt, 1e-6)}), dt);
    const std::string count = cx.Reduce("ReduceSum", counted, AllAxes(RankOf(var)), false);
    out = cx.Node("Div", {out, cx.Node("Max", {count, cx.ScalarOf(dt, 1.0)})});
  }
  cx.Bind(op, "Out", out);
}

void EmitBce(MapContext& cx, const graph::Op& op) {
  const DataType dt = cx.InputVar(op, "X").dtype;
  const std::string x = cx.Input(op, "X");
  const std::string label = cx.Input(op, "Label");
  const std::string log_x = cx.Clip(cx.Node("Log", {x}), -100.0f, std::nullopt, dt);
  const std::string log_1mx = cx.Clip(cx.Node("Log", {cx.Node("Sub", {cx.ScalarOf(dt, 1.0), x})}),
                                      -100.0f, std::nullopt, dt);
  const std::string a = cx.Node("Mul", {cx.Node("Sub", {label, cx.ScalarOf(dt, 1.0)}), log_1mx});
  cx.Bind(op, "Out", cx.Node("Sub", {a, cx.Node("Mul", {label, log_x})}));
}

OpsetNeed NllMinOpset(const graph::Op& op) {
  const std::string reduction = op.Attr<std::string>("reduction", "mean");
  PD2ONNX_CHECK(reduction == "none" || reduction == "sum" || reduction == "mean",
                ErrorKind::kUnsupported, "nll_loss: reduction '{}' is not supported", reduction);
  return {11, "GatherElements-11"};
}

void EmitNll(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  const DataType dt = var.dtype;
  const int64_t rank = RankOf(var);
  PD2ONNX_CHECK(rank == 2 || rank == 4, ErrorKind::kUnsupported,
                "nll_loss takes X of rank 2 or 4, not {}", rank);
  const int64_t ignore = op.Attr<int64_t>("ignore_index", -100);
  const std::string label = cx.Cast(cx.Input(op, "Label"), DataType::kInt64);
  const std::string ignored = cx.Node("Equal", {label, cx.ScalarOf(DataType::kInt64, ignore)});
  const std::string safe_label =
      cx.Node("Where", {ignored, cx.ScalarOf(DataType::kInt64, 0), label});
  const std::string picked = cx.Squeeze(
      cx.Node("GatherElements", {cx.Input(op, "X"), cx.Unsqueeze(safe_label, {1})}, {{"axis", 1}}),
      {1});
  std::string weight = cx.Cast(cx.Node("Not", {ignored}), dt);
  if (op.HasInput("Weight")) {
    weight = cx.Node("Mul", {weight, cx.Node("Gather", {cx.Input(op, "Weight"), safe_label})});
  }
  const std::string each = cx.Node("Neg", {cx.Node("Mul", {picked, weight})});
  const std::string reduction = op.Attr<std::string>("reduction", "mean");
  const std::vector<int64_t> axes = AllAxes(rank - 1);
  std::string total = cx.Reduce("ReduceSum", weight, axes, false);
  if (reduction == "none") {
    cx.Bind(op, "Out", each);
    total = cx.ScalarOf(dt, 0.0);  // Paddle leaves Total_weight at 0 here
  } else {
    std::string sum = cx.Reduce("ReduceSum", each, axes, false);
    if (reduction == "mean") {
      const std::string zero = cx.Node("Equal", {total, cx.ScalarOf(dt, 0.0)});
      sum = cx.Node("Where", {zero, sum, cx.Node("Div", {sum, total})});
    }
    cx.Bind(op, "Out", MatchDeclaredRank(cx, sum, 0, cx.OutputVar(op, "Out")));
  }
  if (op.HasOutput("Total_weight")) {
    cx.Bind(op, "Total_weight", MatchDeclaredRank(cx, total, 0, cx.OutputVar(op, "Total_weight")));
  }
}

}  // namespace

void RegisterLosses(Registry& r) {
  r.Add("sigmoid_cross_entropy_with_logits", AnyOpset, {{7, EmitSigmoidCe}});
  r.Add("bce_loss", AnyOpset, {{7, EmitBce}});
  r.Add("nll_loss", NllMinOpset, {{11, EmitNll}});
}

}  // namespace pd2onnx::mappers

// softmax_with_cross_entropy (inference), following phi's
// CrossEntropyWithSoftmaxKernel (CPU):
//
// * Softmax = softmax(Logits) over `axis`, or Logits itself when
//   use_softmax is false (Logits are then probabilities);
// * log p is clamped to ±1e20 (Paddle's TolerableValue: log 0 = -inf
//   becomes -1e20, so a zero probability costs 1e20, not inf);
// * soft_label: Loss = -Σ Label · log p over `axis` (kept as extent 1);
// * hard label (integer, extent 1 on `axis`): Loss = -log p[Label], and 0
//   where Label == ignore_index.
//
// numeric_stable_mode only changes how the GPU kernel computes the same
// values. The hard-label pick is GatherElements from opset 11 and a one-hot
// mask (needing the class count) before.
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

bool SoftLabel(const graph::Op& op) { return op.Attr<bool>("soft_label", false); }

OpsetNeed MinOpset(const graph::Op& op) {
  if (!SoftLabel(op)) return {9, "hard labels with ignore_index (Where-9)"};
  return {};
}

// Softmax over one axis (Softmax before 13 flattens at `axis`, so another
// axis is swapped to the end and back).
std::string SoftmaxAlong(MapContext& cx, const std::string& x, int64_t axis, int64_t rank) {
  if (cx.opset() >= 13 || axis == rank - 1) return cx.Node("Softmax", {x}, {{"axis", axis}});
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < rank; ++i) perm.push_back(i);
  std::swap(perm[axis], perm[rank - 1]);
  const std::string y = cx.Node("Softmax", {cx.Transpose(x, perm)}, {{"axis", rank - 1}});
  return cx.Transpose(y, perm);
}

struct Prepared {
  int64_t axis = 0;
  int64_t rank = 0;
  DataType dtype = DataType::kFloat32;
  std::string log_p;  // clamped log-probabilities
};

Prepared Prepare(MapContext& cx, const graph::Op& op) {
  const graph::Var& logits = cx.InputVar(op, "Logits");
  Prepared p;
  p.rank = RankOf(logits);
  PD2ONNX_CHECK(p.rank > 0, ErrorKind::kUnsupported,
                "softmax_with_cross_entropy: 0-D Logits are not supported");
  p.axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), p.rank, "axis");
  p.dtype = logits.dtype;
  std::string probs = cx.Input(op, "Logits");
  if (op.Attr<bool>("use_softmax", true)) probs = SoftmaxAlong(cx, probs, p.axis, p.rank);
  if (op.HasOutput("Softmax")) cx.Bind(op, "Softmax", probs);
  p.log_p = cx.Clip(cx.Node("Log", {probs}), -1e20f, 1e20f, p.dtype);
  return p;
}

// The label with the logits' rank (extent 1 on `axis`).
std::string LabelOf(MapContext& cx, const graph::Op& op, const Prepared& p) {
  std::string label = cx.Input(op, "Label");
  if (RankOf(cx.InputVar(op, "Label")) == p.rank - 1) label = cx.Unsqueeze(label, {p.axis});
  return label;
}

// True where Label == ignore_index.
std::string IgnoredMask(MapContext& cx, const graph::Op& op, const std::string& label) {
  const DataType label_type = cx.InputVar(op, "Label").dtype;
  const auto ignore_index = static_cast<double>(op.Attr<int64_t>("ignore_index", -100));
  return cx.Node("Equal", {label, cx.ScalarOf(label_type, ignore_index)});
}

void EmitLoss(MapContext& cx, const graph::Op& op, const Prepared& p,
              const std::string& picked_log_p, const std::string& ignored) {
  const std::string loss = cx.Node("Neg", {picked_log_p});
  cx.Bind(op, "Loss", cx.Node("Where", {ignored, cx.ScalarOf(p.dtype, 0.0), loss}));
}

bool EmitSoft(MapContext& cx, const graph::Op& op, const Prepared& p) {
  if (!SoftLabel(op)) return false;
  const std::string weighted = cx.Node("Mul", {LabelOf(cx, op, p), p.log_p});
  cx.Bind(op, "Loss", cx.Node("Neg", {cx.Reduce("ReduceSum", weighted, {p.axis}, true)}));
  return true;
}

// Before GatherElements: Σ over classes of (Label == class) · log p.
void Emit7(MapContext& cx, const graph::Op& op) {
  const Prepared p = Prepare(cx, op);
  if (EmitSoft(cx, op, p)) return;
  const int64_t classes = cx.InputVar(op, "Logits").shape[p.axis];
  PD2ONNX_CHECK(classes > 0, ErrorKind::kUnsupported,
                "softmax_with_cross_entropy: hard labels below opset 11 need a known class "
                "count on axis {}",
                p.axis);
  const DataType label_type = cx.InputVar(op, "Label").dtype;
  const std::string label = LabelOf(cx, op, p);
  std::vector<int64_t> ids(static_cast<size_t>(classes));
  for (int64_t c = 0; c < classes; ++c) ids[static_cast<size_t>(c)] = c;
  std::vector<int64_t> view(static_cast<size_t>(p.rank), 1);
  view[static_cast<size_t>(p.axis)] = classes;
  std::string class_ids = cx.Reshape(cx.ConstI64(ids), view);
  if (label_type != DataType::kInt64) class_ids = cx.Cast(class_ids, label_type);
  const std::string one_hot = cx.Cast(cx.Node("Equal", {label, class_ids}), p.dtype);
  const std::string picked =
      cx.Reduce("ReduceSum", cx.Node("Mul", {one_hot, p.log_p}), {p.axis}, true);
  EmitLoss(cx, op, p, picked, IgnoredMask(cx, op, label));
}

// GatherElements picks log p[Label]; ignored labels read class 0.
void Emit11(MapContext& cx, const graph::Op& op) {
  const Prepared p = Prepare(cx, op);
  if (EmitSoft(cx, op, p)) return;
  const DataType label_type = cx.InputVar(op, "Label").dtype;
  const std::string label = LabelOf(cx, op, p);
  const std::string ignored = IgnoredMask(cx, op, label);
  const std::string safe = cx.Node("Where", {ignored, cx.ScalarOf(label_type, 0.0), label});
  const std::string picked = cx.Node("GatherElements", {p.log_p, safe}, {{"axis", p.axis}});
  EmitLoss(cx, op, p, picked, ignored);
}

}  // namespace

void RegisterSoftmaxWithCrossEntropy(Registry& r) {
  // 13: Softmax normalises one axis and ReduceSum takes axes as an input.
  r.Add("softmax_with_cross_entropy", MinOpset, {{7, Emit7}, {11, Emit11}, {13, Emit11}});
}

}  // namespace pd2onnx::mappers

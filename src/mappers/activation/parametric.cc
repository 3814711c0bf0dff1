// Activations with attributes: selu, celu, elu, softplus, mish, softshrink,
// hard_shrink, brelu, thresholded_relu, logit, log_softmax and prelu.
#include <string>
#include <vector>

#include "mappers/activation/activation.h"
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

DataType XType(MapContext& cx, const graph::Op& op) { return cx.InputVar(op, "X").dtype; }

// ---- selu: scale · (x > 0 ? x : alpha·(e^x - 1)) = ONNX Selu(alpha, gamma=scale).
void EmitSelu(MapContext& cx, const graph::Op& op) {
  const float scale = op.Attr<float>("scale", 1.0507009873554804934193349852946f);
  const float alpha = op.Attr<float>("alpha", 1.6732632423543772848170429916717f);
  cx.Bind(op, "Out", cx.Node("Selu", {cx.Input(op, "X")}, {{"alpha", alpha}, {"gamma", scale}}));
}

// ---- elu: x > 0 ? x : alpha·(e^x - 1) = ONNX Elu.
void EmitElu(MapContext& cx, const graph::Op& op) {
  const float alpha = op.Attr<float>("alpha", 1.0f);
  cx.Bind(op, "Out", cx.Node("Elu", {cx.Input(op, "X")}, {{"alpha", alpha}}));
}

// ---- celu: max(0, x) + min(0, alpha·(e^(x/alpha) - 1)).
OpsetNeed CeluMinOpset(const graph::Op& op) {
  PD2ONNX_CHECK(op.Attr<float>("alpha", 1.0f) != 0.0f, ErrorKind::kInvalidInput,
                "celu alpha must not be 0");
  return {7, ""};
}

void EmitCelu7(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  const double alpha = op.Attr<float>("alpha", 1.0f);
  const std::string x = cx.Input(op, "X");
  const std::string e = cx.Node("Exp", {cx.Node("Div", {x, cx.ScalarOf(dtype, alpha)})});
  const std::string neg_part =
      cx.Node("Mul", {cx.Node("Sub", {e, cx.ScalarOf(dtype, 1.0)}), cx.ScalarOf(dtype, alpha)});
  // min(0, v) = -relu(-v).
  const std::string min0 = cx.Node("Neg", {cx.Node("Relu", {cx.Node("Neg", {neg_part})})});
  cx.Bind(op, "Out", cx.Node("Add", {cx.Node("Relu", {x}), min0}));
}

// Celu-12 is the same function, for float32 only.
void EmitCelu12(MapContext& cx, const graph::Op& op) {
  if (XType(cx, op) != DataType::kFloat32) {
    EmitCelu7(cx, op);
    return;
  }
  const float alpha = op.Attr<float>("alpha", 1.0f);
  cx.Bind(op, "Out", cx.Node("Celu", {cx.Input(op, "X")}, {{"alpha", alpha}}));
}

// ---- softplus: beta·x > threshold ? x : ln(1 + e^(beta·x)) / beta.
// Above beta·x = 15, ln(1 + e^(beta·x))/beta equals x to float precision, so
// a threshold >= 15 needs no select; a lower one needs Where-9.
constexpr float kSoftThresholdFree = 15.0f;

OpsetNeed SoftplusMinOpset(const graph::Op& op) {
  if (op.Attr<float>("threshold", 20.0f) < kSoftThresholdFree) {
    return {9, "softplus threshold < 15 (Where-9)"};
  }
  return {7, ""};
}

std::string SoftplusOf(MapContext& cx, const std::string& x, DataType dtype, double beta) {
  if (beta == 1.0) return cx.Node("Softplus", {x});
  const std::string sp = cx.Node("Softplus", {cx.Node("Mul", {x, cx.ScalarOf(dtype, beta)})});
  return cx.Node("Div", {sp, cx.ScalarOf(dtype, beta)});
}

void EmitSoftplus(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  const double beta = op.Attr<float>("beta", 1.0f);
  const double threshold = op.Attr<float>("threshold", 20.0f);
  const std::string x = cx.Input(op, "X");
  std::string y = SoftplusOf(cx, x, dtype, beta);
  if (threshold < kSoftThresholdFree) {
    const std::string bx = cx.Node("Mul", {x, cx.ScalarOf(dtype, beta)});
    y = cx.Node("Where", {cx.Node("Greater", {bx, cx.ScalarOf(dtype, threshold)}), x, y});
  }
  cx.Bind(op, "Out", y);
}

// ---- mish: x · tanh(sp), sp = x > threshold ? x : ln(1 + e^x).
OpsetNeed MishMinOpset(const graph::Op& op) {
  if (op.Attr<float>("threshold", 20.0f) < kSoftThresholdFree) {
    return {9, "mish threshold < 15 (Where-9)"};
  }
  return {7, ""};
}

void EmitMish(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  const double threshold = op.Attr<float>("threshold", 20.0f);
  const std::string x = cx.Input(op, "X");
  std::string sp = cx.Node("Softplus", {x});
  if (threshold < kSoftThresholdFree) {
    sp = cx.Node("Where", {cx.Node("Greater", {x, cx.ScalarOf(dtype, threshold)}), x, sp});
  }
  cx.Bind(op, "Out", cx.Node("Mul", {x, cx.Node("Tanh", {sp})}));
}

// ---- softshrink / hard_shrink: ONNX Shrink-9.
OpsetNeed ShrinkMinOpset(const graph::Op& op) { return {9, op.type + " (Shrink-9)"}; }

void EmitSoftShrink(MapContext& cx, const graph::Op& op) {
  const float lambda = op.Attr<float>("lambda", 0.5f);
  cx.Bind(op, "Out", cx.Node("Shrink", {cx.Input(op, "X")}, {{"bias", lambda}, {"lambd", lambda}}));
}

void EmitHardShrink(MapContext& cx, const graph::Op& op) {
  const float threshold = op.Attr<float>("threshold", 0.5f);
  cx.Bind(op, "Out",
          cx.Node("Shrink", {cx.Input(op, "X")}, {{"bias", 0.0f}, {"lambd", threshold}}));
}

// ---- brelu: clip(x, t_min, t_max).
void EmitBrelu(MapContext& cx, const graph::Op& op) {
  const float t_min = op.Attr<float>("t_min", 0.0f);
  const float t_max = op.Attr<float>("t_max", 24.0f);
  cx.Bind(op, "Out", cx.Clip(cx.Input(op, "X"), t_min, t_max, XType(cx, op)));
}

// ---- thresholded_relu: x > threshold ? x : 0.
void EmitThresholdedRelu7(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  const std::string x = cx.Input(op, "X");
  const double threshold = op.Attr<float>("threshold", 1.0f);
  const std::string keep = cx.Node("Greater", {x, cx.ScalarOf(dtype, threshold)});
  cx.Bind(op, "Out", cx.Node("Mul", {x, cx.Cast(keep, dtype)}));
}

// ThresholdedRelu-10 left the experimental set.
void EmitThresholdedRelu10(MapContext& cx, const graph::Op& op) {
  const float threshold = op.Attr<float>("threshold", 1.0f);
  cx.Bind(op, "Out", cx.Node("ThresholdedRelu", {cx.Input(op, "X")}, {{"alpha", threshold}}));
}

// ---- logit: ln(p / (1 - p)), p = clip(x, eps, 1 - eps) when eps > 0 (eps 0:
// x outside [0, 1] gives NaN through the log of a negative ratio).
void EmitLogit(MapContext& cx, const graph::Op& op) {
  const DataType dtype = XType(cx, op);
  const float eps = op.Attr<float>("eps", 1e-6f);
  std::string p = cx.Input(op, "X");
  if (eps > 0.0f) p = cx.Clip(p, eps, 1.0f - eps, dtype);
  const std::string q = cx.Node("Sub", {cx.ScalarOf(dtype, 1.0), p});
  cx.Bind(op, "Out", cx.Node("Log", {cx.Node("Div", {p, q})}));
}

// ---- log_softmax over one axis. Before opset 13 LogSoftmax flattens at
// `axis`, which is a one-axis log-softmax only for the last axis, so
// another axis is swapped to the end and back.
bool EmitLogSoftmaxScalar(MapContext& cx, const graph::Op& op, int64_t rank) {
  if (rank != 0) return false;
  const std::string y = cx.Node("LogSoftmax", {cx.Reshape(cx.Input(op, "X"), {1})}, {{"axis", 0}});
  cx.Bind(op, "Out", cx.Reshape(y, {}));
  return true;
}

void EmitLogSoftmax7(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  if (EmitLogSoftmaxScalar(cx, op, rank)) return;
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), rank, "axis");
  const std::string x = cx.Input(op, "X");
  if (axis == rank - 1) {
    return cx.Bind(op, "Out", cx.Node("LogSoftmax", {x}, {{"axis", axis}}));
  }
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < rank; ++i) perm.push_back(i);
  std::swap(perm[axis], perm[rank - 1]);
  const std::string y = cx.Node("LogSoftmax", {cx.Transpose(x, perm)}, {{"axis", rank - 1}});
  cx.Bind(op, "Out", cx.Transpose(y, perm));
}

void EmitLogSoftmax13(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  if (EmitLogSoftmaxScalar(cx, op, rank)) return;
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", -1), rank, "axis");
  cx.Bind(op, "Out", cx.Node("LogSoftmax", {cx.Input(op, "X")}, {{"axis", axis}}));
}

// ---- prelu: x > 0 ? x : alpha·x. PRelu broadcasts the slope to X
// (unidirectionally), so alpha is reshaped to line up with X's dims.
OpsetNeed PreluMinOpset(const graph::Op& op) {
  const std::string mode = op.Attr<std::string>("mode", "all");
  if (mode != "all" && mode != "channel" && mode != "element") {
    Fail(ErrorKind::kUnsupported, "prelu mode '{}' is not supported", mode);
  }
  const std::string format = op.Attr<std::string>("data_format", "NCHW");
  if (format != "NCHW" && format != "NHWC" && format != "NCDHW" && format != "NDHWC" &&
      format != "NC" && format != "NCL" && format != "NLC" && format != "AnyLayout") {
    Fail(ErrorKind::kUnsupported, "prelu data_format '{}' is not supported", format);
  }
  return {7, ""};
}

void EmitPrelu(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const int64_t rank = RankOf(x_var);
  const std::string mode = op.Attr<std::string>("mode", "all");
  const std::string format = op.Attr<std::string>("data_format", "NCHW");
  const bool channel_last = !format.empty() && format.back() == 'C' && format != "NC";
  std::string alpha = cx.Input(op, "Alpha");
  if (mode == "all") {
    alpha = cx.Reshape(alpha, {1});
  } else if (mode == "channel") {
    PD2ONNX_CHECK(rank >= 2, ErrorKind::kUnsupported,
                  "prelu mode 'channel' needs X of rank >= 2, got rank {}", rank);
    if (channel_last) {
      alpha = cx.Reshape(alpha, {-1});
    } else {
      std::vector<int64_t> dims(static_cast<size_t>(rank - 1), 1);
      dims[0] = -1;
      alpha = cx.Reshape(alpha, dims);
    }
  } else {  // element: one slope per element of x[1:]
    const std::vector<int64_t> tail(x_var.shape.begin() + 1, x_var.shape.end());
    PD2ONNX_CHECK(rank >= 1 && IsFullyKnown(tail), ErrorKind::kUnsupported,
                  "prelu mode 'element' needs the dims of X after the first to be known");
    alpha = cx.Reshape(alpha, tail);
  }
  cx.Bind(op, "Out", cx.Node("PRelu", {cx.Input(op, "X"), alpha}));
}

}  // namespace

void RegisterParametricActivations(Registry& r) {
  r.Add("brelu", AnyOpset, {{7, EmitBrelu}});
  r.Add("celu", CeluMinOpset, {{7, EmitCelu7}, {12, EmitCelu12}});
  r.Add("elu", AnyOpset, {{7, EmitElu}});
  r.Add("hard_shrink", ShrinkMinOpset, {{9, EmitHardShrink}});
  r.Add("log_softmax", AnyOpset, {{7, EmitLogSoftmax7}, {13, EmitLogSoftmax13}});
  r.Add("logit", AnyOpset, {{7, EmitLogit}});
  r.Add("mish", MishMinOpset, {{7, EmitMish}});
  r.Add("prelu", PreluMinOpset, {{7, EmitPrelu}});
  r.Add("selu", AnyOpset, {{7, EmitSelu}});
  r.Add("softplus", SoftplusMinOpset, {{7, EmitSoftplus}});
  r.Add("softshrink", ShrinkMinOpset, {{9, EmitSoftShrink}});
  r.Add("thresholded_relu", AnyOpset, {{7, EmitThresholdedRelu7}, {10, EmitThresholdedRelu10}});
}

}  // namespace pd2onnx::mappers

// box_coder → elementwise center-size encoding/decoding with Paddle's order of
// float operations. PriorBox [M, 4] broadcasts against TargetBox: encode
// gives [N, M, 4] from TargetBox [N, 4]; decode takes TargetBox [N, M, 4] and
// uses prior j (axis 0) or prior i (axis 1). The variance comes from the
// PriorBoxVar input, the `variance` attribute, or is 1. box_normalized=false
// adds 1 to widths/heights (and subtracts it from decoded max corners).
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// The 4 components of boxes [..., 4] as [..., 1] each.
std::vector<std::string> Components(MapContext& cx, const std::string& boxes, int64_t axis) {
  std::vector<std::string> out;
  for (int64_t k = 0; k < 4; ++k) out.push_back(cx.Slice(boxes, {k}, {k + 1}, {axis}));
  return out;
}

struct Variance {
  std::vector<std::string> parts;  // empty: variance 1
};

// PriorBox (and PriorBoxVar) laid out to broadcast against [N, M, 4].
std::string PriorLayout(MapContext& cx, const std::string& prior, bool per_row) {
  return cx.Reshape(prior,
                    per_row ? std::vector<int64_t>{-1, 1, 4} : std::vector<int64_t>{1, -1, 4});
}

Variance ReadVariance(MapContext& cx, const graph::Op& op, bool per_row) {
  const auto attr = op.Attr<std::vector<float>>("variance", {});
  if (op.HasInput("PriorBoxVar")) {
    PD2ONNX_CHECK(attr.empty(), ErrorKind::kInvalidInput,
                  "PriorBoxVar and the variance attribute cannot both be set");
    return {Components(cx, PriorLayout(cx, cx.Input(op, "PriorBoxVar"), per_row), 2)};
  }
  if (attr.empty()) return {};
  PD2ONNX_CHECK(attr.size() == 4, ErrorKind::kInvalidInput, "variance must hold 4 values, got {}",
                attr.size());
  Variance v;
  for (float f : attr) v.parts.push_back(cx.ScalarOf(DataType::kFloat32, f));
  return v;
}

struct Prior {
  std::string x0, y0, w, h, cx, cy;
};

Prior PriorGeometry(MapContext& cx, const std::string& prior, float norm) {
  const auto p = Components(cx, prior, 2);
  Prior g;
  g.x0 = p[0];
  g.y0 = p[1];
  g.w = cx.Node("Sub", {p[2], p[0]});
  g.h = cx.Node("Sub", {p[3], p[1]});
  if (norm != 0.0f) {
    const std::string one = cx.ScalarOf(DataType::kFloat32, norm);
    g.w = cx.Node("Add", {g.w, one});
    g.h = cx.Node("Add", {g.h, one});
  }
  const std::string two = cx.ScalarOf(DataType::kFloat32, 2.0);
  g.cx = cx.Node("Add", {p[0], cx.Node("Div", {g.w, two})});
  g.cy = cx.Node("Add", {p[1], cx.Node("Div", {g.h, two})});
  return g;
}

std::string Decode(MapContext& cx, const Prior& g, const std::string& target, const Variance& var,
                   float norm) {
  const auto t = Components(cx, target, 2);
  auto scaled = [&](int k) {
    return var.parts.empty() ? t[k] : cx.Node("Mul", {var.parts[k], t[k]});
  };
  const std::string two = cx.ScalarOf(DataType::kFloat32, 2.0);
  const std::string ccx = cx.Node("Add", {cx.Node("Mul", {scaled(0), g.w}), g.cx});
  const std::string ccy = cx.Node("Add", {cx.Node("Mul", {scaled(1), g.h}), g.cy});
  const std::string half_w =
      cx.Node("Div", {cx.Node("Mul", {cx.Node("Exp", {scaled(2)}), g.w}), two});
  const std::string half_h =
      cx.Node("Div", {cx.Node("Mul", {cx.Node("Exp", {scaled(3)}), g.h}), two});
  std::string x2 = cx.Node("Add", {ccx, half_w});
  std::string y2 = cx.Node("Add", {ccy, half_h});
  if (norm != 0.0f) {
    const std::string one = cx.ScalarOf(DataType::kFloat32, norm);
    x2 = cx.Node("Sub", {x2, one});
    y2 = cx.Node("Sub", {y2, one});
  }
  return cx.Node("Concat", {cx.Node("Sub", {ccx, half_w}), cx.Node("Sub", {ccy, half_h}), x2, y2},
                 {{"axis", 2}});
}

std::string Encode(MapContext& cx, const Prior& g, const std::string& target, const Variance& var,
                   float norm) {
  const auto t = Components(cx, target, 2);
  const std::string two = cx.ScalarOf(DataType::kFloat32, 2.0);
  const std::string tcx = cx.Node("Div", {cx.Node("Add", {t[2], t[0]}), two});
  const std::string tcy = cx.Node("Div", {cx.Node("Add", {t[3], t[1]}), two});
  std::string tw = cx.Node("Sub", {t[2], t[0]});
  std::string th = cx.Node("Sub", {t[3], t[1]});
  if (norm != 0.0f) {
    const std::string one = cx.ScalarOf(DataType::kFloat32, norm);
    tw = cx.Node("Add", {tw, one});
    th = cx.Node("Add", {th, one});
  }
  std::vector<std::string> out = {
      cx.Node("Div", {cx.Node("Sub", {tcx, g.cx}), g.w}),
      cx.Node("Div", {cx.Node("Sub", {tcy, g.cy}), g.h}),
      cx.Node("Log", {cx.Node("Abs", {cx.Node("Div", {tw, g.w})})}),
      cx.Node("Log", {cx.Node("Abs", {cx.Node("Div", {th, g.h})})}),
  };
  if (!var.parts.empty()) {
    for (size_t k = 0; k < 4; ++k) out[k] = cx.Node("Div", {out[k], var.parts[k]});
  }
  return cx.Node("Concat", out, {{"axis", 2}});
}

void Emit7(MapContext& cx, const graph::Op& op) {
  RequireFloat32Inputs(cx, op, {"PriorBox", "TargetBox"});  // Paddle: float32 / float64
  const std::string code_type = op.Attr<std::string>("code_type", "encode_center_size");
  const float norm = op.Attr<bool>("box_normalized", true) ? 0.0f : 1.0f;
  const std::string prior = cx.Input(op, "PriorBox");
  const std::string target = cx.Input(op, "TargetBox");
  if (code_type == "encode_center_size") {
    const Prior g = PriorGeometry(cx, PriorLayout(cx, prior, false), norm);
    const std::string rows = cx.Reshape(target, {-1, 1, 4});
    cx.Bind(op, "OutputBox", Encode(cx, g, rows, ReadVariance(cx, op, false), norm));
    return;
  }
  if (code_type != "decode_center_size") {
    Fail(ErrorKind::kUnsupported, "box_coder: code_type '{}' is not supported", code_type);
  }
  const int64_t axis = op.Attr<int64_t>("axis", 0);
  PD2ONNX_CHECK(axis == 0 || axis == 1, ErrorKind::kUnsupported,
                "box_coder: axis {} is not supported (0 or 1)", axis);
  const bool per_row = axis == 1;
  const Prior g = PriorGeometry(cx, PriorLayout(cx, prior, per_row), norm);
  cx.Bind(op, "OutputBox", Decode(cx, g, target, ReadVariance(cx, op, per_row), norm));
}

}  // namespace

void RegisterBoxCoder(Registry& r) { r.Add("box_coder", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

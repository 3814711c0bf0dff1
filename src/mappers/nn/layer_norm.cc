// layer_norm → LayerNormalization (opset 17), or its decomposition below:
// y = (x - mean) / sqrt(var + epsilon) * Scale + Bias over the dims from
// begin_norm_axis on. Scale and Bias are 1-D over those dims flattened and
// are reshaped to them. Only Y carries data (Mean/Variance are for training).
#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

struct NormSpec {
  int64_t rank = 0;
  int64_t axis = 1;                 // begin_norm_axis, normalised
  std::vector<int64_t> norm_shape;  // x.shape[axis:], -1 unknown
  std::vector<int64_t> axes;        // axis .. rank-1
  DataType dtype = DataType::kFloat32;
  float epsilon = 1e-5f;
};

NormSpec ReadSpec(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  NormSpec s;
  s.rank = RankOf(x_var);
  s.axis = NormalizeAxis(op.Attr<int64_t>("begin_norm_axis", 1), s.rank, "begin_norm_axis");
  s.norm_shape.assign(x_var.shape.begin() + s.axis, x_var.shape.end());
  for (int64_t i = s.axis; i < s.rank; ++i) s.axes.push_back(i);
  s.dtype = x_var.dtype;
  s.epsilon = op.Attr<float>("epsilon", 1e-5f);
  return s;
}

// Scale or Bias in X's dtype with the shape of the normalised dims, or ""
// when the slot is absent.
std::string AffineParam(MapContext& cx, const graph::Op& op, std::string_view slot,
                        const NormSpec& s, const std::string& x) {
  if (!op.HasInput(slot)) return "";
  std::string p = CastIfNeeded(cx, cx.Input(op, slot), cx.InputVar(op, slot).dtype, s.dtype);
  if (s.norm_shape.size() == 1) return p;
  if (nn::AllKnown(s.norm_shape)) return cx.Reshape(p, s.norm_shape);
  const std::string shape = cx.Slice(cx.Shape(x), {s.axis}, {s.rank}, {0});
  return cx.Node("Reshape", {p, shape});
}

void EmitDecomposed(MapContext& cx, const graph::Op& op, const NormSpec& s) {
  const std::string x_in = cx.Input(op, "X");
  // Paddle accumulates half-precision inputs in float.
  const bool widen = s.dtype == DataType::kFloat16 || s.dtype == DataType::kBFloat16;
  const DataType compute = widen ? DataType::kFloat32 : s.dtype;
  const std::string x = widen ? cx.Cast(x_in, compute) : x_in;

  const std::string mean = cx.Reduce("ReduceMean", x, s.axes, true);
  const std::string centred = cx.Node("Sub", {x, mean});
  const std::string variance =
      cx.Reduce("ReduceMean", cx.Node("Mul", {centred, centred}), s.axes, true);
  const std::string stddev =
      cx.Node("Sqrt", {cx.Node("Add", {variance, cx.ScalarOf(compute, s.epsilon)})});
  std::string y = cx.Node("Div", {centred, stddev});
  if (widen) y = cx.Cast(y, s.dtype);
  if (std::string scale = AffineParam(cx, op, "Scale", s, x_in); !scale.empty()) {
    y = cx.Node("Mul", {y, scale});
  }
  if (std::string bias = AffineParam(cx, op, "Bias", s, x_in); !bias.empty()) {
    y = cx.Node("Add", {y, bias});
  }
  cx.Bind(op, "Y", y);
}

void Emit7(MapContext& cx, const graph::Op& op) { EmitDecomposed(cx, op, ReadSpec(cx, op)); }

// LayerNormalization-17 (Scale required, Bias optional).
void Emit17(MapContext& cx, const graph::Op& op) {
  const NormSpec s = ReadSpec(cx, op);
  const std::string x = cx.Input(op, "X");
  std::string scale = AffineParam(cx, op, "Scale", s, x);
  if (scale.empty()) {
    if (!nn::AllKnown(s.norm_shape)) return EmitDecomposed(cx, op, s);
    const std::string ones =
        cx.ConstF32(std::vector<float>(graph::NumElements(s.norm_shape), 1.0f), s.norm_shape);
    scale = CastIfNeeded(cx, ones, DataType::kFloat32, s.dtype);
  }
  std::vector<std::string> inputs = {x, scale};
  if (std::string bias = AffineParam(cx, op, "Bias", s, x); !bias.empty()) {
    inputs.push_back(bias);
  }
  cx.Bind(op, "Y",
          cx.Node("LayerNormalization", inputs, {{"axis", s.axis}, {"epsilon", s.epsilon}}));
}

}  // namespace

void RegisterLayerNorm(Registry& r) { r.Add("layer_norm", AnyOpset, {{7, Emit7}, {17, Emit17}}); }

}  // namespace pd2onnx::mappers

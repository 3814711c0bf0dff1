// Paddle's quantization ops. Each maps to what Paddle computes at inference:
// fake_quantize_* output the integer levels q as floats, *_dequantize_* ops
// output q * s / bin_cnt, with
//   q = round((bin_cnt * inverse(s)) * x), bin_cnt = 2^(bit_length - 1) - 1,
//   round_type 0: round half to even, clamped to [-bin_cnt - 1, bin_cnt];
//   round_type 1: x clipped to [-s, s], then rounded half away from zero.
// 8-bit, round_type 0 quantization is exactly ONNX QuantizeLinear (int8
// saturates to [-128, 127], Round is half to even) with y_scale = s / 127, so
// those become QuantizeLinear / DequantizeLinear pairs that runtimes fuse;
// every other case is the same arithmetic in float ops.
#include <algorithm>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/quant/quant.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

struct QuantAttrs {
  int bin_cnt = 127;
  int round_type = 0;
};

QuantAttrs ReadQuantAttrs(const graph::Op& op) {
  const int bits = op.Attr<int>("bit_length", 8);
  PD2ONNX_CHECK(bits >= 1 && bits <= 16, ErrorKind::kUnsupported,
                "{}: bit_length {} is not supported (expected 1..16)", op.type, bits);
  const int round_type = op.Attr<int>("round_type", 0);
  PD2ONNX_CHECK(round_type == 0 || round_type == 1, ErrorKind::kUnsupported,
                "{}: round_type {} is not supported (expected 0 or 1)", op.type, round_type);
  const int bin_cnt = op.HasAttr("qmax") ? op.Attr<int>("qmax") : (1 << (bits - 1)) - 1;
  return {bin_cnt, round_type};
}

int Rank(MapContext& cx, const graph::Op& op) {
  return static_cast<int>(cx.InputVar(op, "X").shape.size());
}

int ChannelAxis(const graph::Op& op) {
  const int axis = op.Attr<int>("quant_axis", 0);
  PD2ONNX_CHECK(axis == 0 || axis == 1, ErrorKind::kUnsupported,
                "{}: quant_axis {} is not supported (expected 0 or 1)", op.type, axis);
  return axis;
}

// A per-channel [C] tensor reshaped to broadcast along `axis` of a rank-`rank`
// tensor; a per-tensor [1] scale (axis < 0) of a 0-D tensor becomes a scalar,
// so the result stays 0-D as in Paddle.
std::string AlongAxis(MapContext& cx, const std::string& s, int axis, int rank) {
  if (axis < 0) return rank == 0 ? cx.Reshape(s, {}) : s;
  if (axis == rank - 1) return s;
  std::vector<int64_t> shape(static_cast<size_t>(rank - axis), 1);
  shape[0] = -1;
  return cx.Reshape(s, shape);
}

// s + 1e-6 when s <= 1e-30, else s (Paddle's guard in inverse()).
std::string GuardedScale(MapContext& cx, const std::string& s) {
  const std::string tiny =
      cx.Node("Not", {cx.Node("Greater", {s, cx.ScalarOf(DataType::kFloat32, 1e-30)})});
  const std::string nudged = cx.Node("Add", {s, cx.ScalarOf(DataType::kFloat32, 1e-6)});
  return cx.Node("Where", {tiny, nudged, s});
}

// Paddle's inverse(s) = 1 / GuardedScale(s).
std::string Inverse(MapContext& cx, const std::string& s) {
  return cx.Node("Div", {cx.ScalarOf(DataType::kFloat32, 1.0), GuardedScale(cx, s)});
}

// Half away from zero, exactly: floor(|v|) + (frac >= 0.5), with v's sign.
std::string RoundHalfAway(MapContext& cx, const std::string& v) {
  const std::string a = cx.Node("Abs", {v});
  const std::string whole = cx.Node("Floor", {a});
  const std::string frac = cx.Node("Sub", {a, whole});
  const std::string up =
      cx.Node("Not", {cx.Node("Less", {frac, cx.ScalarOf(DataType::kFloat32, 0.5)})});
  const std::string rounded = cx.Node("Add", {whole, cx.Cast(up, DataType::kFloat32)});
  return cx.Node("Mul", {cx.Node("Sign", {v}), rounded});
}

// q in float ops; s broadcasts against x.
std::string QuantizeFloat(MapContext& cx, const std::string& x, const std::string& s,
                          const QuantAttrs& q) {
  const std::string factor =
      cx.Node("Mul", {cx.ScalarOf(DataType::kFloat32, q.bin_cnt), Inverse(cx, s)});
  if (q.round_type == 0) {
    const std::string r = cx.Node("Round", {cx.Node("Mul", {factor, x})});
    const auto lo = static_cast<float>(-q.bin_cnt - 1);
    return cx.Clip(r, lo, static_cast<float>(q.bin_cnt));
  }
  const std::string neg_s = cx.Node("Neg", {s});
  const std::string clipped = cx.Node("Min", {cx.Node("Max", {x, neg_s}), s});
  return RoundHalfAway(cx, cx.Node("Mul", {factor, clipped}));
}

// Paddle's dequantization order: (q * s) / bin_cnt.
std::string DequantizeFloat(MapContext& cx, const std::string& q, const std::string& s,
                            double bin_cnt) {
  return cx.Node("Div", {cx.Node("Mul", {q, s}), cx.ScalarOf(DataType::kFloat32, bin_cnt)});
}

bool UsesQdq(const MapContext& cx, const QuantAttrs& q, bool per_axis) {
  return q.bin_cnt == 127 && q.round_type == 0 && cx.opset() >= (per_axis ? 13 : 10);
}

// QuantizeLinear to int8 with y_scale = s / 127 (s: [1] per tensor, [C] per axis).
std::string QuantizeInt8(MapContext& cx, const std::string& x, const std::string& s, int axis,
                         std::string* y_scale_out) {
  // The guard keeps an all-zero channel (s = 0) at 0 instead of 0 / 0.
  std::string y_scale =
      cx.Node("Div", {GuardedScale(cx, s), cx.ScalarOf(DataType::kFloat32, 127.0)});
  if (axis < 0) y_scale = cx.Reshape(y_scale, {});
  *y_scale_out = y_scale;
  const std::string zp =
      axis < 0 ? cx.ScalarOf(DataType::kInt8, 0)
               : cx.Node("Cast", {cx.Node("Mul", {s, cx.ScalarOf(DataType::kFloat32, 0.0)})},
                         {{"to", emit::OnnxDataType(DataType::kInt8)}});
  std::vector<NodeAttr> attrs;
  if (axis >= 0) attrs.emplace_back("axis", axis);
  return cx.Node("QuantizeLinear", {x, y_scale, zp}, attrs);
}

std::string DequantizeInt8(MapContext& cx, const std::string& q, const std::string& y_scale,
                           int axis) {
  std::vector<NodeAttr> attrs;
  if (axis >= 0) attrs.emplace_back("axis", axis);
  return cx.Node("DequantizeLinear", {q, y_scale}, attrs);
}

// Quantizes x with scale s ([1], or [C] along axis >= 0); dequantize: back to
// q * s / bin_cnt.
std::string Quantize(MapContext& cx, const std::string& x, const std::string& s, int axis, int rank,
                     const QuantAttrs& q, bool dequantize) {
  if (UsesQdq(cx, q, axis >= 0)) {
    std::string y_scale;
    const std::string qi = QuantizeInt8(cx, x, s, axis, &y_scale);
    return dequantize ? DequantizeInt8(cx, qi, y_scale, axis) : cx.Cast(qi, DataType::kFloat32);
  }
  const std::string sb = AlongAxis(cx, s, axis, rank);
  const std::string levels = QuantizeFloat(cx, x, sb, q);
  return dequantize ? DequantizeFloat(cx, levels, sb, q.bin_cnt) : levels;
}

std::string AbsMaxAll(MapContext& cx, const std::string& x, int rank) {
  std::vector<int64_t> axes(rank);
  for (int i = 0; i < rank; ++i) axes[i] = i;
  return cx.Reshape(cx.Reduce("ReduceMax", cx.Node("Abs", {x}), axes, false), {1});
}

std::string AbsMaxPerChannel(MapContext& cx, const std::string& x, int axis, int rank) {
  std::vector<int64_t> axes;
  for (int i = 0; i < rank; ++i) {
    if (i != axis) axes.push_back(i);
  }
  if (axes.empty()) return cx.Node("Abs", {x});
  return cx.Reduce("ReduceMax", cx.Node("Abs", {x}), axes, false);
}

void RequireFloat32(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.InputVar(op, "X").dtype;
  PD2ONNX_CHECK(dtype == DataType::kFloat32, ErrorKind::kUnsupported,
                "{}: X of dtype {} is not supported (float32 only)", op.type,
                graph::DataTypeName(dtype));
}

void BindScale(MapContext& cx, const graph::Op& op, const std::string& s) {
  if (op.HasOutput("OutScale")) cx.Bind(op, "OutScale", s);
}

void EmitAbsMax(MapContext& cx, const graph::Op& op, bool dequantize) {
  RequireFloat32(cx, op);
  const QuantAttrs q = ReadQuantAttrs(op);
  const int rank = Rank(cx, op);
  const std::string x = cx.Input(op, "X");
  const std::string s = AbsMaxAll(cx, x, rank);
  cx.Bind(op, "Out", Quantize(cx, x, s, -1, rank, q, dequantize));
  BindScale(cx, op, s);
}

// range_abs_max / moving_average_abs_max at inference use InScale.
void EmitStoredScale(MapContext& cx, const graph::Op& op, bool dequantize) {
  RequireFloat32(cx, op);
  PD2ONNX_CHECK(op.Attr<bool>("is_test", false), ErrorKind::kUnsupported,
                "{}: is_test False (training-time scale update) is not supported; export the "
                "model for inference",
                op.type);
  const QuantAttrs q = ReadQuantAttrs(op);
  const std::string x = cx.Input(op, "X");
  const std::string s = cx.Input(op, "InScale");
  cx.Bind(op, "Out", Quantize(cx, x, s, -1, Rank(cx, op), q, dequantize));
  if (!op.HasOutput("OutScale")) return;
  if (const graph::ConstTensor* value = cx.ConstantInput(op, "InScale")) {
    cx.BindConstant(op, "OutScale", *value);
  } else {
    cx.Bind(op, "OutScale", s);
  }
}

void EmitChannelWise(MapContext& cx, const graph::Op& op, bool dequantize) {
  RequireFloat32(cx, op);
  const QuantAttrs q = ReadQuantAttrs(op);
  const int axis = ChannelAxis(op);
  const int rank = Rank(cx, op);
  PD2ONNX_CHECK(axis < rank, ErrorKind::kUnsupported, "{}: quant_axis {} of a rank-{} X", op.type,
                axis, rank);
  const std::string x = cx.Input(op, "X");
  const std::string s = AbsMaxPerChannel(cx, x, axis, rank);
  cx.Bind(op, "Out", Quantize(cx, x, s, axis, rank, q, dequantize));
  BindScale(cx, op, s);
}

void EmitFakeQuantizeAbsMax(MapContext& cx, const graph::Op& op) { EmitAbsMax(cx, op, false); }
void EmitFakeQuantizeDequantizeAbsMax(MapContext& cx, const graph::Op& op) {
  EmitAbsMax(cx, op, true);
}
void EmitStoredQuant(MapContext& cx, const graph::Op& op) { EmitStoredScale(cx, op, false); }
void EmitStoredQuantDequant(MapContext& cx, const graph::Op& op) { EmitStoredScale(cx, op, true); }
void EmitChannelQuant(MapContext& cx, const graph::Op& op) { EmitChannelWise(cx, op, false); }
void EmitChannelQuantDequant(MapContext& cx, const graph::Op& op) { EmitChannelWise(cx, op, true); }

// Out = X * Scale / max_range.
void EmitFakeDequantizeMaxAbs(MapContext& cx, const graph::Op& op) {
  RequireFloat32(cx, op);
  const float max_range = op.Attr<float>("max_range");
  const std::string scale = AlongAxis(cx, cx.Input(op, "Scale"), -1, Rank(cx, op));
  cx.Bind(op, "Out", DequantizeFloat(cx, cx.Input(op, "X"), scale, max_range));
}

// One scale: weights per channel along quant_axis. Two scales: a quantized
// op's output, channel scales along dim 1 (or x_num_col_dims when > 1) times
// one activation scale; max_range is the product of 2^(bits - 1) - 1.
void EmitFakeChannelWiseDequantizeMaxAbs(MapContext& cx, const graph::Op& op) {
  RequireFloat32(cx, op);
  const std::vector<std::string> scales = cx.Inputs(op, "Scales");
  const std::vector<int> bits = op.Attr<std::vector<int>>("quant_bits", {8});
  PD2ONNX_CHECK((scales.size() == 1 || scales.size() == 2) && bits.size() >= scales.size(),
                ErrorKind::kUnsupported,
                "{}: {} Scales with {} quant_bits is not supported (expected 1 or 2 scales, one "
                "bit width each)",
                op.type, scales.size(), bits.size());
  double max_range = 1;
  for (size_t i = 0; i < scales.size(); ++i) {
    PD2ONNX_CHECK(bits[i] >= 1 && bits[i] <= 16, ErrorKind::kUnsupported,
                  "{}: quant_bits {} is not supported (expected 1..16)", op.type, bits[i]);
    max_range *= static_cast<double>((1 << (bits[i] - 1)) - 1);
  }
  const int rank = Rank(cx, op);
  int axis = ChannelAxis(op);
  if (scales.size() == 2) axis = std::max(1, op.Attr<int>("x_num_col_dims", 1));
  PD2ONNX_CHECK(axis < rank, ErrorKind::kUnsupported, "{}: channel axis {} of a rank-{} X", op.type,
                axis, rank);
  std::string out = cx.Node("Mul", {cx.Input(op, "X"), AlongAxis(cx, scales[0], axis, rank)});
  if (scales.size() == 2) out = cx.Node("Mul", {out, scales[1]});
  cx.Bind(op, "Out", cx.Node("Div", {out, cx.ScalarOf(DataType::kFloat32, max_range)}));
}

OpsetNeed RoundOpset(const graph::Op& op) { return {11, op.type + " (Round-11)"}; }

}  // namespace

void RegisterFakeQuant(Registry& r) {
  r.Add("fake_quantize_abs_max", RoundOpset, {{11, EmitFakeQuantizeAbsMax}});
  r.Add("fake_quantize_dequantize_abs_max", RoundOpset, {{11, EmitFakeQuantizeDequantizeAbsMax}});
  r.Add("fake_quantize_range_abs_max", RoundOpset, {{11, EmitStoredQuant}});
  r.Add("fake_quantize_moving_average_abs_max", RoundOpset, {{11, EmitStoredQuant}});
  r.Add("fake_quantize_dequantize_moving_average_abs_max", RoundOpset,
        {{11, EmitStoredQuantDequant}});
  r.Add("fake_channel_wise_quantize_abs_max", RoundOpset,
        {{11, EmitChannelQuant}, {13, EmitChannelQuant}});
  r.Add("fake_channel_wise_quantize_dequantize_abs_max", RoundOpset,
        {{11, EmitChannelQuantDequant}, {13, EmitChannelQuantDequant}});
  r.Add("fake_dequantize_max_abs", AnyOpset, {{7, EmitFakeDequantizeMaxAbs}});
  r.Add("fake_channel_wise_dequantize_max_abs", AnyOpset,
        {{7, EmitFakeChannelWiseDequantizeMaxAbs}});
}

// ---- quantize_linear / dequantize_linear --------------------------------

namespace {

// Scale holds the abs max: per tensor when quant_axis < 0, else per channel.
// Paddle ignores ZeroPoint (symmetric quantization), and so do we.
void EmitQuantizeLinear(MapContext& cx, const graph::Op& op) {
  RequireFloat32(cx, op);
  PD2ONNX_CHECK(op.Attr<bool>("is_test", true), ErrorKind::kUnsupported,
                "quantize_linear: is_test False (training-time scale update) is not supported");
  const std::string x = cx.Input(op, "X");
  if (op.Attr<bool>("only_observer", false)) return cx.Bind(op, "Y", x);
  const QuantAttrs q = ReadQuantAttrs(op);
  const int axis = op.Attr<int>("quant_axis", 0);
  const int rank = Rank(cx, op);
  // Paddle quantizes per channel along axis 0 or 1 only.
  PD2ONNX_CHECK(axis <= 1 && axis < rank, ErrorKind::kUnsupported,
                "quantize_linear: quant_axis {} is not supported (expected -1, 0 or 1; X has "
                "rank {})",
                axis, rank);
  cx.Bind(op, "Y", Quantize(cx, x, cx.Input(op, "Scale"), axis, rank, q, false));
}

// Y = X * Scale / qmax; an int8 X with 8-bit scales is DequantizeLinear.
void EmitDequantizeLinear(MapContext& cx, const graph::Op& op) {
  const DataType x_dtype = cx.InputVar(op, "X").dtype;
  const DataType s_dtype = cx.InputVar(op, "Scale").dtype;
  PD2ONNX_CHECK((x_dtype == DataType::kFloat32 || x_dtype == DataType::kInt8) &&
                    s_dtype == DataType::kFloat32,
                ErrorKind::kUnsupported,
                "dequantize_linear: X of dtype {} with Scale of dtype {} is not supported (X "
                "float32 or int8, Scale float32)",
                graph::DataTypeName(x_dtype), graph::DataTypeName(s_dtype));
  const std::string x = cx.Input(op, "X");
  if (op.Attr<bool>("only_observer", false)) return cx.Bind(op, "Y", x);
  const QuantAttrs q = ReadQuantAttrs(op);
  const int axis = op.Attr<int>("quant_axis", 0);
  const int rank = Rank(cx, op);
  PD2ONNX_CHECK(axis < rank, ErrorKind::kUnsupported,
                "dequantize_linear: quant_axis {} of a rank-{} X", axis, rank);
  const std::string s = cx.Input(op, "Scale");
  const DataType dtype = cx.InputVar(op, "X").dtype;
  if (dtype == DataType::kInt8 && UsesQdq(cx, {q.bin_cnt, 0}, axis >= 0)) {
    std::string y_scale = cx.Node("Div", {s, cx.ScalarOf(DataType::kFloat32, 127.0)});
    if (axis < 0) y_scale = cx.Reshape(y_scale, {});
    return cx.Bind(op, "Y", DequantizeInt8(cx, x, y_scale, axis));
  }
  const std::string xf = dtype == DataType::kFloat32 ? x : cx.Cast(x, DataType::kFloat32);
  cx.Bind(op, "Y", DequantizeFloat(cx, xf, AlongAxis(cx, s, axis, rank), q.bin_cnt));
}

}  // namespace

void RegisterQuantizeLinear(Registry& r) {
  r.Add("quantize_linear", RoundOpset, {{11, EmitQuantizeLinear}, {13, EmitQuantizeLinear}});
  r.Add("dequantize_linear", AnyOpset,
        {{7, EmitDequantizeLinear}, {10, EmitDequantizeLinear}, {13, EmitDequantizeLinear}});
}

}  // namespace pd2onnx::mappers

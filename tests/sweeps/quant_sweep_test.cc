// Sweeps of the quantization ops: fake_quantize_* (abs_max, range_abs_max,
// moving_average_abs_max; quantize only or quantize-dequantize),
// fake_channel_wise_* (quant_axis 0 / 1), fake_(channel_wise_)dequantize_max_abs
// and quantize_linear / dequantize_linear, over bit_length, round_type, ranks,
// stored scales given as parameters or fed, and OutScale.
//
// The inputs are drawn as levels: x = (k + f) · s / bin_cnt with an integer k
// and |f| <= 0.35, so x · bin_cnt / s is never near a .5 rounding tie. (The
// 8-bit QuantizeLinear form divides by s / 127 where Paddle multiplies by
// 127 · (1 / s); a few ulps apart, which only matters at a tie.) Ties
// themselves, half to even against half away from zero, are pinned by the
// hand-computed tests in tests/mappers/quant/fake_quant_test.cc.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;
// Squeeze / Unsqueeze / Split / Reduce* change form at 13 and 18.
const std::vector<int> kHelperOpsets = {13, 18};

int BinCount(int bits) { return (1 << (bits - 1)) - 1; }

// 8 bits (the QuantizeLinear form at 8 bits and round_type 0) half the time.
// bit_length 1 is left out: bin_cnt 0 divides 0 by 0.
int RandomBits(Rng& rng) {
  return rng.Bool() ? 8 : static_cast<int>(rng.Pick(std::vector<int64_t>{2, 3, 4, 5, 7, 12, 16}));
}

// A value whose level x · bin_cnt / s is k + f, k in [lo, hi], |f| <= 0.35.
float LevelValue(Rng& rng, double s, int bin_cnt, int64_t lo, int64_t hi) {
  const double level = static_cast<double>(rng.Int(lo, hi)) + rng.Real(-0.35, 0.35);
  return static_cast<float>(level * s / bin_cnt);
}

// Per-channel scales, positive, now and then a whole channel of zeros (s = 0,
// Paddle's guarded inverse).
std::vector<float> ChannelScales(Rng& rng, int64_t channels, bool allow_zero) {
  std::vector<float> s;
  for (int64_t c = 0; c < channels; ++c) {
    const bool zero = allow_zero && rng.Int(0, 7) == 0;
    s.push_back(zero ? 0.0f : static_cast<float>(rng.Real(0.2, 4)));
  }
  return s;
}

// The layout of `dims` around `axis` (axis < 0: one channel).
struct Layout {
  int64_t outer = 1, channels = 1, inner = 1;
  int64_t ChannelOf(int64_t flat) const { return (flat / inner) % channels; }
};

Layout LayoutOf(const std::vector<int64_t>& dims, int axis) {
  Layout l;
  for (size_t i = 0; i < dims.size(); ++i) {
    const auto d = static_cast<int>(i);
    if (axis < 0 || d > axis) l.inner *= dims[i];
    if (d == axis) l.channels = dims[i];
    if (axis >= 0 && d < axis) l.outer *= dims[i];
  }
  return l;
}

// x whose abs max over each channel is exactly that channel's scale (the
// first element of the channel is ±s, every other level is below bin_cnt).
HostTensor AbsMaxInput(Rng& rng, const std::vector<int64_t>& dims, int axis,
                       const std::vector<float>& scales, int bin_cnt) {
  const Layout l = LayoutOf(dims, axis);
  std::vector<float> v(static_cast<size_t>(l.outer * l.channels * l.inner));
  std::vector<bool> has_max(scales.size(), false);
  for (size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<size_t>(l.ChannelOf(static_cast<int64_t>(i)));
    if (!has_max[c]) {
      v[i] = rng.Bool() ? scales[c] : -scales[c];
      has_max[c] = true;
      continue;
    }
    v[i] = LevelValue(rng, scales[c], bin_cnt, -(bin_cnt - 1), bin_cnt - 1);
  }
  return HostTensor::From(kF32, dims, v);
}

// x for a stored scale: levels up to 3 past [-bin_cnt - 1, bin_cnt], so the
// clamp (round_type 0) and the clip to [-s, s] (round_type 1) are exercised.
HostTensor StoredScaleInput(Rng& rng, const std::vector<int64_t>& dims, int axis,
                            const std::vector<float>& scales, int bin_cnt) {
  const Layout l = LayoutOf(dims, axis);
  std::vector<float> v(static_cast<size_t>(l.outer * l.channels * l.inner));
  for (size_t i = 0; i < v.size(); ++i) {
    const float s = scales[static_cast<size_t>(l.ChannelOf(static_cast<int64_t>(i)))];
    v[i] = LevelValue(rng, s, bin_cnt, -bin_cnt - 3, bin_cnt + 3);
  }
  return HostTensor::From(kF32, dims, v);
}

std::string QuantText(const std::vector<int64_t>& dims, int bits, int round_type) {
  return fmt::format("x {} bit_length={} round_type={}", ShapeText(kF32, dims), bits, round_type);
}

// fake_quantize_abs_max / fake_quantize_dequantize_abs_max: s = max|x|.
Generator AbsMax(std::string op_type) {
  return [op_type](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(0, 4);
    const int bits = RandomBits(rng);
    const int round_type = static_cast<int>(rng.Int(0, 1));
    const bool out_scale = rng.Bool();
    const float s = static_cast<float>(rng.Real(0.2, 5));
    Case c;
    c.extra_opsets = kHelperOpsets;
    c.program.Input("x", kF32, dims).Var("y", kF32, dims).Var("scale", kF32, {1});
    c.program.Op(op_type)
        .In("X", {"x"})
        .Out("Out", {"y"})
        .Out("OutScale", {"scale"})
        .Attr("bit_length", bits)
        .Attr("round_type", round_type);
    c.program.Output("y");
    if (out_scale) c.program.Output("scale");
    c.feeds["x"] = AbsMaxInput(rng, dims, -1, {s}, BinCount(bits));
    c.description =
        fmt::format("{} s={} OutScale output={}", QuantText(dims, bits, round_type), s, out_scale);
    return c;
  };
}
PD2ONNX_SWEEP(fake_quantize_abs_max, AbsMax("fake_quantize_abs_max"), 6)
PD2ONNX_SWEEP(fake_quantize_dequantize_abs_max, AbsMax("fake_quantize_dequantize_abs_max"), 6)

// range_abs_max / moving_average_abs_max at inference (is_test): InScale as
// a parameter or a feed, the training-only inputs and attributes present
// or not.
Generator StoredScale(std::string op_type) {
  return [op_type](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(0, 4);
    const int bits = RandomBits(rng);
    const int round_type = static_cast<int>(rng.Int(0, 1));
    const bool fed_scale = rng.Bool();
    const bool out_scale = rng.Bool();
    const bool moving = op_type.find("moving_average") != std::string::npos;
    const float s = static_cast<float>(rng.Real(0.2, 5));
    const HostTensor in_scale = HostTensor::From(kF32, {1}, std::vector<float>{s});
    Case c;
    c.extra_opsets = kHelperOpsets;
    c.program.Input("x", kF32, dims).Var("y", kF32, dims).Var("scale", kF32, {1});
    if (fed_scale) {
      c.program.Input("in_scale", kF32, {1});
      c.feeds["in_scale"] = in_scale;
    } else {
      c.program.Param("in_scale", in_scale);
    }
    OpBuilder op = c.program.Op(op_type);
    op.In("X", {"x"})
        .In("InScale", {"in_scale"})
        .Out("Out", {"y"})
        .Out("OutScale", {"scale"})
        .Attr("bit_length", bits)
        .Attr("round_type", round_type)
        .Attr("is_test", true);
    if (moving) {
      op.Attr("moving_rate", static_cast<float>(rng.Real(0.8, 0.99)));
    } else {
      op.Attr("window_size", static_cast<int>(rng.Pick(std::vector<int64_t>{1, 10000})));
    }
    c.program.Output("y");
    if (out_scale) c.program.Output("scale");
    c.feeds["x"] = StoredScaleInput(rng, dims, -1, {s}, BinCount(bits));
    c.description =
        fmt::format("{} InScale={} ({}) OutScale output={}", QuantText(dims, bits, round_type), s,
                    fed_scale ? "fed" : "parameter", out_scale);
    return c;
  };
}
PD2ONNX_SWEEP(fake_quantize_range_abs_max, StoredScale("fake_quantize_range_abs_max"), 6)
PD2ONNX_SWEEP(fake_quantize_moving_average_abs_max,
              StoredScale("fake_quantize_moving_average_abs_max"), 6)
PD2ONNX_SWEEP(fake_quantize_dequantize_moving_average_abs_max,
              StoredScale("fake_quantize_dequantize_moving_average_abs_max"), 6)

// fake_channel_wise_quantize(_dequantize)_abs_max: one scale per channel
// along quant_axis 0 or 1, is_test on or off (no effect at inference).
Generator ChannelWise(std::string op_type) {
  return [op_type](Rng& rng) {
    const int axis = static_cast<int>(rng.Int(0, 1));
    const std::vector<int64_t> dims = rng.Shape(axis + 1, 4);
    const int bits = RandomBits(rng);
    const int round_type = static_cast<int>(rng.Int(0, 1));
    const bool out_scale = rng.Bool();
    const std::vector<float> scales = ChannelScales(rng, dims[static_cast<size_t>(axis)], true);
    Case c;
    c.extra_opsets = kHelperOpsets;
    c.program.Input("x", kF32, dims).Var("y", kF32, dims).Var("scale", kF32, {-1});
    OpBuilder op = c.program.Op(op_type);
    op.In("X", {"x"})
        .Out("Out", {"y"})
        .Out("OutScale", {"scale"})
        .Attr("bit_length", bits)
        .Attr("round_type", round_type)
        .Attr("quant_axis", axis);
    if (rng.Bool()) op.Attr("is_test", rng.Bool());
    c.program.Output("y");
    if (out_scale) c.program.Output("scale");
    c.feeds["x"] = AbsMaxInput(rng, dims, axis, scales, BinCount(bits));
    c.description = fmt::format("{} quant_axis={} scales={} OutScale output={}",
                                QuantText(dims, bits, round_type), axis, scales, out_scale);
    return c;
  };
}
PD2ONNX_SWEEP(fake_channel_wise_quantize_abs_max, ChannelWise("fake_channel_wise_quantize_abs_max"),
              8)
PD2ONNX_SWEEP(fake_channel_wise_quantize_dequantize_abs_max,
              ChannelWise("fake_channel_wise_quantize_dequantize_abs_max"), 8)

// Integer levels in [-bin_cnt - 1, bin_cnt] stored as float32.
HostTensor Levels(Rng& rng, const std::vector<int64_t>& dims, int bin_cnt) {
  HostTensor t = RandomTensor(kF32, dims, rng.TensorSeed(), -bin_cnt - 1, bin_cnt + 1);
  float* v = t.data<float>();
  for (int64_t i = 0; i < t.numel(); ++i) v[i] = std::floor(v[i]);
  return t;
}

// fake_dequantize_max_abs: Out = X · Scale / max_range.
Case FakeDequantizeMaxAbsCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(0, 4);
  const int bits = RandomBits(rng);
  const auto max_range = static_cast<float>(BinCount(bits));
  const float s = static_cast<float>(rng.Real(0.05, 5));
  const bool fed_scale = rng.Bool();
  const HostTensor scale = HostTensor::From(kF32, {1}, std::vector<float>{s});
  Case c;
  c.extra_opsets = kHelperOpsets;
  c.program.Input("x", kF32, dims).Var("y", kF32, dims);
  if (fed_scale) {
    c.program.Input("scale", kF32, {1});
    c.feeds["scale"] = scale;
  } else {
    c.program.Param("scale", scale);
  }
  c.program.Op("fake_dequantize_max_abs")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .Out("Out", {"y"})
      .Attr("max_range", max_range);
  c.program.Output("y");
  c.feeds["x"] = Levels(rng, dims, BinCount(bits));
  c.description = fmt::format("x {} max_range={} Scale={} ({})", ShapeText(kF32, dims), max_range,
                              s, fed_scale ? "fed" : "parameter");
  return c;
}
PD2ONNX_SWEEP(fake_dequantize_max_abs, FakeDequantizeMaxAbsCase, 6)

// fake_channel_wise_dequantize_max_abs: one Scales entry (weights, channels
// along quant_axis 0 / 1) or two (a quantized op's output: channels along
// x_num_col_dims, at least 1, times one activation scale), quant_bits per
// scale.
Case ChannelDequantizeCase(Rng& rng) {
  const bool two = rng.Bool();
  int axis = static_cast<int>(rng.Int(0, 1));
  int x_num_col_dims = 1;
  std::vector<int64_t> dims;
  if (two) {
    dims = rng.Shape(2, 4);
    x_num_col_dims = static_cast<int>(rng.Int(1, static_cast<int64_t>(dims.size()) - 1));
    axis = x_num_col_dims;
  } else {
    dims = rng.Shape(axis + 1, 4);
  }
  std::vector<int> bits = {RandomBits(rng)};
  if (two) bits.push_back(RandomBits(rng));
  const std::vector<float> scales = ChannelScales(rng, dims[static_cast<size_t>(axis)], false);
  const float activation_scale = static_cast<float>(rng.Real(0.2, 8));
  Case c;
  c.extra_opsets = kHelperOpsets;
  c.program.Input("x", kF32, dims).Var("y", kF32, dims);
  c.program.Param("s0", HostTensor::From(kF32, {static_cast<int64_t>(scales.size())}, scales));
  std::vector<std::string> scale_names = {"s0"};
  if (two) {
    c.program.Param("s1", HostTensor::From(kF32, {1}, std::vector<float>{activation_scale}));
    scale_names.push_back("s1");
  }
  OpBuilder op = c.program.Op("fake_channel_wise_dequantize_max_abs");
  op.In("X", {"x"}).In("Scales", scale_names).Out("Out", {"y"}).Attr("quant_bits", bits);
  // With two scales quant_axis is not read; give it anyway now and then.
  if (!two || rng.Bool()) op.Attr("quant_axis", two ? static_cast<int>(rng.Int(0, 1)) : axis);
  if (two) op.Attr("x_num_col_dims", x_num_col_dims);
  c.program.Output("y");
  c.feeds["x"] = Levels(rng, dims, BinCount(bits[0]));
  c.description =
      fmt::format("x {} quant_bits={} channel axis={} scales={}{}", ShapeText(kF32, dims), bits,
                  axis, scales, two ? fmt::format(" activation scale={}", activation_scale) : "");
  return c;
}
PD2ONNX_SWEEP(fake_channel_wise_dequantize_max_abs, ChannelDequantizeCase, 8)

// quantize_linear / dequantize_linear attributes: quant_axis -1 (per
// tensor), 0 or 1; bit_length; round_type (quantize only); is_test given or
// defaulted; a ZeroPoint input (Paddle ignores it) or none.
struct LinearChoice {
  int axis = -1;
  int bits = 8;
  std::vector<int64_t> dims;
  std::vector<float> scales;
};

LinearChoice DrawLinear(Rng& rng) {
  LinearChoice l;
  l.axis = static_cast<int>(rng.Int(-1, 1));
  l.dims = rng.Shape(l.axis + 1, 4);  // rank 0 for a per-tensor scale
  l.bits = RandomBits(rng);
  l.scales = ChannelScales(rng, l.axis < 0 ? 1 : l.dims[static_cast<size_t>(l.axis)], false);
  return l;
}

void AddLinearInputs(Case& c, OpBuilder& op, const LinearChoice& l, Rng& rng) {
  const auto count = static_cast<int64_t>(l.scales.size());
  c.program.Param("scale", HostTensor::From(kF32, {count}, l.scales));
  op.In("Scale", {"scale"});
  if (rng.Bool()) {
    c.program.Param("zero_point", HostTensor::From(DataType::kInt32, {count},
                                                   std::vector<int32_t>(l.scales.size(), 0)));
    op.In("ZeroPoint", {"zero_point"});
  }
  op.Attr("quant_axis", l.axis).Attr("bit_length", l.bits);
  if (rng.Bool()) op.Attr("is_test", true);
}

Case QuantizeLinearCase(Rng& rng) {
  const LinearChoice l = DrawLinear(rng);
  const int round_type = static_cast<int>(rng.Int(0, 1));
  const bool observer = rng.Int(0, 5) == 0;
  Case c;
  c.extra_opsets = kHelperOpsets;
  c.program.Input("x", kF32, l.dims).Var("y", kF32, l.dims);
  OpBuilder op = c.program.Op("quantize_linear");
  op.In("X", {"x"}).Out("Y", {"y"}).Attr("round_type", round_type);
  AddLinearInputs(c, op, l, rng);
  if (observer) op.Attr("only_observer", true);
  c.program.Output("y");
  c.feeds["x"] = StoredScaleInput(rng, l.dims, l.axis, l.scales, BinCount(l.bits));
  c.description = fmt::format("{} quant_axis={} scales={} only_observer={}",
                              QuantText(l.dims, l.bits, round_type), l.axis, l.scales, observer);
  return c;
}
PD2ONNX_SWEEP(quantize_linear, QuantizeLinearCase, 10)

// dequantize_linear of int8 levels (8 bits: DequantizeLinear) or of levels
// stored as float32.
Case DequantizeLinearCase(Rng& rng) {
  const LinearChoice l = DrawLinear(rng);
  const bool int8 = l.bits <= 8 && rng.Bool();
  const bool observer = !int8 && rng.Int(0, 5) == 0;  // only_observer passes X through
  const DataType dtype = int8 ? DataType::kInt8 : kF32;
  Case c;
  c.extra_opsets = kHelperOpsets;
  c.program.Input("x", dtype, l.dims).Var("y", kF32, l.dims);
  OpBuilder op = c.program.Op("dequantize_linear");
  op.In("X", {"x"}).Out("Y", {"y"});
  AddLinearInputs(c, op, l, rng);
  if (observer) op.Attr("only_observer", true);
  c.program.Output("y");
  HostTensor x = Levels(rng, l.dims, BinCount(l.bits));
  if (int8) {
    std::vector<int8_t> levels;
    for (double v : x.ToDouble()) levels.push_back(static_cast<int8_t>(v));
    x = HostTensor::From(DataType::kInt8, l.dims, levels);
  }
  c.feeds["x"] = x;
  c.description = fmt::format("x {} bit_length={} quant_axis={} scales={} only_observer={}",
                              ShapeText(dtype, l.dims), l.bits, l.axis, l.scales, observer);
  return c;
}
PD2ONNX_SWEEP(dequantize_linear, DequantizeLinearCase, 10)

}  // namespace
}  // namespace pd2onnx::testing::sweep

// The quantization mappers against the interpreter (Paddle's fake_quantize /
// fake_dequantize / quantize_linear kernels) in ONNX Runtime, for every op
// and attribute branch: round_type 0 (half to even, clamped to
// [-bin_cnt - 1, bin_cnt]) and 1 (clip to [-s, s], half away from zero),
// 8-bit (QuantizeLinear / DequantizeLinear) and other bit widths (float
// ops), per tensor and per channel (QDQ per axis from opset 13).
//
// Tolerance 1e-5 relative to max(1, max|reference|). The QDQ form divides by
// s / 127 where Paddle multiplies by 127 * (1 / s): a level flips only when
// x lands within ~3e-5 of a rounding tie, which these seeded inputs avoid.
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "../control_flow/evaluator_check.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct QuantCase {
  std::string name;
  std::string op;
  std::optional<int> bit_length = std::nullopt;
  std::optional<int> round_type = std::nullopt;
  std::optional<int> quant_axis = std::nullopt;
  std::vector<int64_t> shape = {2, 3, 4, 5};
  float in_scale = 2.0f;  // stored-scale ops: InScale

  friend void PrintTo(const QuantCase& c, std::ostream* os) { *os << c.name; }
};

QuantCase Q(std::string name, std::string op, std::optional<int> bit_length = std::nullopt,
            std::optional<int> round_type = std::nullopt,
            std::optional<int> quant_axis = std::nullopt, std::vector<int64_t> shape = {2, 3, 4, 5},
            float in_scale = 2.0f) {
  QuantCase c;
  c.name = std::move(name);
  c.op = std::move(op);
  c.bit_length = bit_length;
  c.round_type = round_type;
  c.quant_axis = quant_axis;
  c.shape = std::move(shape);
  c.in_scale = in_scale;
  return c;
}

bool HasStoredScale(const std::string& op) {
  return op.find("range_abs_max") != std::string::npos ||
         op.find("moving_average") != std::string::npos;
}

ProgramBuilder QuantProgram(const QuantCase& c, bool is_test = true) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, c.shape)
      .Var("y", DataType::kFloat32, c.shape)
      .Var("scale_out", DataType::kFloat32, {-1});
  OpBuilder op = p.Op(c.op);
  op.In("X", {"x"}).Out("Out", {"y"}).Out("OutScale", {"scale_out"});
  if (HasStoredScale(c.op)) {
    p.Param("in_scale", HostTensor::From(DataType::kFloat32, {1}, std::vector<float>{c.in_scale}));
    op.In("InScale", {"in_scale"}).Attr("is_test", is_test);
  }
  if (c.bit_length) op.Attr("bit_length", *c.bit_length);
  if (c.round_type) op.Attr("round_type", *c.round_type);
  if (c.quant_axis) op.Attr("quant_axis", *c.quant_axis);
  p.Output("y");
  return p;
}

class FakeQuantTest : public ::testing::TestWithParam<QuantCase> {};

// fake_dequantize_max_abs: y = x * scale / 127 with a stored scale.
ProgramBuilder DequantizeMaxAbs(const std::vector<int64_t>& shape, float scale) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, shape).Var("y", DataType::kFloat32, shape);
  p.Param("scale", HostTensor::From(DataType::kFloat32, {1}, std::vector<float>{scale}));
  p.Op("fake_dequantize_max_abs")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .Out("Out", {"y"})
      .Attr("max_range", 127.0f);
  p.Output("y");
  return p;
}

TEST_P(FakeQuantTest, MatchesReference) {
  const QuantCase& c = GetParam();
  ExpectMatchesReference(QuantProgram(c),
                         {{"x", RandomTensor(DataType::kFloat32, c.shape, 5, -3, 3)}});
}

std::vector<QuantCase> Cases() {
  std::vector<QuantCase> cases;
  const std::vector<std::string> per_tensor = {
      "fake_quantize_abs_max", "fake_quantize_dequantize_abs_max", "fake_quantize_range_abs_max",
      "fake_quantize_moving_average_abs_max", "fake_quantize_dequantize_moving_average_abs_max"};
  for (const std::string& op : per_tensor) {
    cases.push_back(Q(op + "_Defaults", op));
    cases.push_back(Q(op + "_Int8HalfToEven", op, 8, 0));
    cases.push_back(Q(op + "_HalfAwayFromZero", op, 8, 1));
    cases.push_back(Q(op + "_FourBits", op, 4, 0));
    cases.push_back(Q(op + "_FiveBitsHalfAway", op, 5, 1));
  }
  for (const std::string op :
       {"fake_channel_wise_quantize_abs_max", "fake_channel_wise_quantize_dequantize_abs_max"}) {
    cases.push_back(Q(op + "_Defaults", op));
    cases.push_back(Q(op + "_Axis0", op, 8, 0, 0));
    cases.push_back(Q(op + "_Axis1", op, 8, 0, 1));
    cases.push_back(Q(op + "_Axis1HalfAway", op, 8, 1, 1));
    cases.push_back(Q(op + "_Axis0FourBits", op, 4, 0, 0));
    cases.push_back(Q(op + "_Axis1Rank2", op, 8, 0, 1, {6, 7}));
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Branches, FakeQuantTest, ::testing::ValuesIn(Cases()),
                         [](const auto& param_info) { return param_info.param.name; });

// bit_length 2 (bin_cnt 1) and s = 1 make the levels the rounded inputs:
// round_type 0 rounds ties to even and clamps to [-2, 1]; round_type 1 clips
// to [-1, 1] first and rounds ties away from zero.
TEST(FakeQuantHandComputed, RoundingTiesAndClamping) {
  const std::vector<int64_t> shape = {1, 6};
  const HostTensor x = HostTensor::From(DataType::kFloat32, shape,
                                        std::vector<float>{0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 0.4f});
  QuantCase even = Q("", "fake_quantize_range_abs_max", 2, 0, std::nullopt, shape, 1.0f);
  ExpectMatchesReference(
      QuantProgram(even), {{"x", x}}, {},
      {{"y", HostTensor::From(DataType::kFloat32, shape, std::vector<float>{0, 1, 1, 0, -2, 0})}});
  QuantCase away = even;
  away.round_type = 1;
  ExpectMatchesReference(
      QuantProgram(away), {{"x", x}}, {},
      {{"y", HostTensor::From(DataType::kFloat32, shape, std::vector<float>{1, 1, 1, -1, -1, 0})}});
}

// 8 bits, s = 127: levels are round(x) within [-128, 127]; dequantized
// values are the levels again (q * 127 / 127).
TEST(FakeQuantHandComputed, Int8LevelsAndDequantize) {
  const std::vector<int64_t> shape = {1, 5};
  const HostTensor x = HostTensor::From(DataType::kFloat32, shape,
                                        std::vector<float>{3.2f, -7.7f, 200.0f, -300.0f, 0.2f});
  QuantCase q = Q("", "fake_quantize_moving_average_abs_max", 8, 0, std::nullopt, shape, 127.0f);
  ExpectMatchesReference(QuantProgram(q), {{"x", x}}, {},
                         {{"y", HostTensor::From(DataType::kFloat32, shape,
                                                 std::vector<float>{3, -8, 127, -128, 0})}});
  q.op = "fake_quantize_dequantize_moving_average_abs_max";
  ExpectMatchesReference(QuantProgram(q), {{"x", x}}, {},
                         {{"y", HostTensor::From(DataType::kFloat32, shape,
                                                 std::vector<float>{3, -8, 127, -128, 0})}});
}

// Our ONNX evaluator (pd2onnx verify) on the QuantizeLinear /
// DequantizeLinear the 8-bit cases emit: per tensor and per axis.
TEST(FakeQuantEvaluator, QdqPerTensorAndPerAxis) {
  const HostTensor x = RandomTensor(DataType::kFloat32, {2, 3, 4, 5}, 5, -3, 3);
  ExpectEvaluatorMatches(
      QuantProgram(Q("", "fake_quantize_dequantize_moving_average_abs_max", 8, 0)), {{"x", x}}, 11,
      "qdq_per_tensor");
  ExpectEvaluatorMatches(QuantProgram(Q("", "fake_quantize_abs_max", 8, 0)), {{"x", x}}, 13,
                         "q_per_tensor");
  ExpectEvaluatorMatches(
      QuantProgram(Q("", "fake_channel_wise_quantize_dequantize_abs_max", 8, 0, 1)), {{"x", x}}, 13,
      "qdq_per_axis");
}

// Regression (found by tests/sweeps/quant_sweep_test.cc): a 0-D X keeps its
// 0-D shape (Paddle's Out has X's dims); the [1] per-tensor scale used to
// broadcast it to [1].
TEST(FakeQuantHandComputed, ZeroDimensionalX) {
  const auto scalar = [](float v) {
    return HostTensor::From(DataType::kFloat32, {}, std::vector<float>{v});
  };
  // s = |x| = 0.7: q = -127, dequantized back to -0.7.
  ExpectMatchesReference(
      QuantProgram(Q("", "fake_quantize_dequantize_abs_max", 8, 0, std::nullopt, {})),
      {{"x", scalar(-0.7f)}}, {}, {{"y", scalar(-0.7f)}});
  // s = 2 stored, 4 bits: round(7 / 2 · 1.3) = round(4.55) = 5.
  ExpectMatchesReference(QuantProgram(Q("", "fake_quantize_range_abs_max", 4, 0, std::nullopt, {})),
                         {{"x", scalar(1.3f)}}, {}, {{"y", scalar(5.0f)}});
  // 50 · 2.54 / 127 = 1.
  ExpectMatchesReference(DequantizeMaxAbs({}, 2.54f), {{"x", scalar(50.0f)}}, {},
                         {{"y", scalar(1.0f)}});
}

TEST(FakeQuantErrors, TrainingModeScaleUpdateIsRejected) {
  QuantCase c = Q("", "fake_quantize_range_abs_max");
  ExpectConversionFails(QuantProgram(c, false), 13, "is_test False");
}

TEST(FakeQuantErrors, QuantizeLinearAxisOutsidePaddlesRange) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("y", DataType::kFloat32, {2, 3, 4});
  p.Param("scale", RandomTensor(DataType::kFloat32, {4}, 6, 0.5, 2.5));
  p.Op("quantize_linear")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .Out("Y", {"y"})
      .Attr("quant_axis", 2);
  p.Output("y");
  ExpectConversionFails(p, 13, "quant_axis 2");
}

// Paddle's float64 dequantize_linear kernel has no counterpart here (the
// interpreter and the QDQ form are float32): refused by name.
TEST(FakeQuantErrors, DequantizeLinearFloat64IsRejected) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat64, {2, 3}).Var("y", DataType::kFloat64, {2, 3});
  p.Param("scale", HostTensor::From(DataType::kFloat64, {1}, std::vector<double>{2.0}));
  p.Op("dequantize_linear")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .Out("Y", {"y"})
      .Attr("quant_axis", -1);
  p.Output("y");
  ExpectConversionFails(p, 13, "dequantize_linear: X of dtype float64");
}

TEST(FakeQuantErrors, UnsupportedAttributeValues) {
  ExpectConversionFails(QuantProgram(Q("", "fake_quantize_abs_max", 8, 2)), 13, "round_type 2");
  ExpectConversionFails(QuantProgram(Q("", "fake_quantize_abs_max", 17)), 13, "bit_length 17");
  ExpectConversionFails(QuantProgram(Q("", "fake_channel_wise_quantize_abs_max", 8, 0, 2)), 13,
                        "quant_axis 2");
}

// ---- fake_dequantize_max_abs / fake_channel_wise_dequantize_max_abs -------

TEST(FakeDequantize, MaxAbs) {
  const std::vector<int64_t> shape = {2, 3, 4};
  const HostTensor x = RandomTensor(DataType::kFloat32, shape, 3, -127, 127);
  ExpectMatchesReference(DequantizeMaxAbs(shape, 0.75f), {{"x", x}});
}

struct ChannelDequantCase {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<int> quant_bits;
  std::optional<int> quant_axis = std::nullopt;
  std::optional<int> x_num_col_dims;
  int64_t channels;
};

class ChannelDequantTest : public ::testing::TestWithParam<ChannelDequantCase> {};

TEST_P(ChannelDequantTest, MatchesReference) {
  const ChannelDequantCase& c = GetParam();
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, c.shape).Var("y", DataType::kFloat32, c.shape);
  p.Param("s0", RandomTensor(DataType::kFloat32, {c.channels}, 9, 0.1, 2.0));
  std::vector<std::string> scales = {"s0"};
  if (c.quant_bits.size() == 2) {
    p.Param("s1", HostTensor::From(DataType::kFloat32, {1}, std::vector<float>{3.5f}));
    scales.push_back("s1");
  }
  OpBuilder op = p.Op("fake_channel_wise_dequantize_max_abs");
  op.In("X", {"x"}).In("Scales", scales).Out("Out", {"y"}).Attr("quant_bits", c.quant_bits);
  if (c.quant_axis) op.Attr("quant_axis", *c.quant_axis);
  if (c.x_num_col_dims) op.Attr("x_num_col_dims", *c.x_num_col_dims);
  p.Output("y");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, c.shape, 4, -127, 127)}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, ChannelDequantTest,
    ::testing::Values(
        ChannelDequantCase{"WeightsAxis0Default", {4, 3, 2, 2}, {8}, std::nullopt, std::nullopt, 4},
        ChannelDequantCase{"WeightsAxis1", {3, 5, 2}, {8}, 1, std::nullopt, 5},
        ChannelDequantCase{"WeightsFourBits", {4, 3}, {4}, 0, std::nullopt, 4},
        ChannelDequantCase{"ConvOutputTwoScales", {2, 4, 3, 3}, {8, 8}, 0, 1, 4},
        ChannelDequantCase{"MulOutputTwoScales", {3, 6}, {8, 8}, 1, std::nullopt, 6},
        ChannelDequantCase{"MatmulOutputLastAxis", {2, 3, 5}, {8, 4}, 1, 2, 5}),
    [](const auto& param_info) { return param_info.param.name; });

// ---- quantize_linear / dequantize_linear ---------------------------------

struct LinearCase {
  std::string name;
  int quant_axis = -1;
  std::optional<int> bit_length = std::nullopt;
  std::optional<int> round_type = std::nullopt;
  bool only_observer = false;
  std::vector<int64_t> shape = {2, 3, 4};
};

int64_t ScaleCount(const LinearCase& c) { return c.quant_axis < 0 ? 1 : c.shape[c.quant_axis]; }

void AddLinearAttrs(OpBuilder& op, const LinearCase& c) {
  op.Attr("quant_axis", c.quant_axis);
  if (c.bit_length) op.Attr("bit_length", *c.bit_length);
  if (c.round_type) op.Attr("round_type", *c.round_type);
  if (c.only_observer) op.Attr("only_observer", true);
}

class QuantizeLinearTest : public ::testing::TestWithParam<LinearCase> {};

TEST_P(QuantizeLinearTest, MatchesReference) {
  const LinearCase& c = GetParam();
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, c.shape).Var("y", DataType::kFloat32, c.shape);
  p.Param("scale", RandomTensor(DataType::kFloat32, {ScaleCount(c)}, 6, 0.5, 2.5));
  OpBuilder op = p.Op("quantize_linear");
  op.In("X", {"x"}).In("Scale", {"scale"}).Out("Y", {"y"});
  AddLinearAttrs(op, c);
  p.Output("y");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, c.shape, 2, -3, 3)}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, QuantizeLinearTest,
    ::testing::Values(LinearCase{.name = "PerTensor"},
                      LinearCase{.name = "PerTensorHalfAway", .bit_length = 8, .round_type = 1},
                      LinearCase{.name = "PerTensorFourBits", .bit_length = 4, .round_type = 0},
                      LinearCase{.name = "Axis0", .quant_axis = 0},
                      LinearCase{.name = "Axis1", .quant_axis = 1},
                      LinearCase{.name = "Axis1HalfAway", .quant_axis = 1, .round_type = 1},
                      LinearCase{.name = "OnlyObserver", .only_observer = true}),
    [](const auto& param_info) { return param_info.param.name; });

class DequantizeLinearTest : public ::testing::TestWithParam<LinearCase> {};

// An int8 X (weights stored as levels) and a float X (levels in float).
TEST_P(DequantizeLinearTest, Int8AndFloatLevels) {
  const LinearCase& c = GetParam();
  for (DataType dtype : {DataType::kInt8, DataType::kFloat32}) {
    SCOPED_TRACE(std::string(graph::DataTypeName(dtype)));
    // only_observer passes X through; the int8 case would change Y's dtype.
    if (c.only_observer && dtype == DataType::kInt8) continue;
    ProgramBuilder p;
    p.Input("x", dtype, c.shape).Var("y", DataType::kFloat32, c.shape);
    p.Param("scale", RandomTensor(DataType::kFloat32, {ScaleCount(c)}, 6, 0.5, 2.5));
    OpBuilder op = p.Op("dequantize_linear");
    op.In("X", {"x"}).In("Scale", {"scale"}).Out("Y", {"y"});
    AddLinearAttrs(op, c);
    p.Output("y");
    HostTensor x = RandomTensor(DataType::kFloat32, c.shape, 8, -128, 127);
    if (dtype == DataType::kInt8) {
      std::vector<int8_t> levels;
      for (double v : x.ToDouble()) levels.push_back(static_cast<int8_t>(v));
      x = HostTensor::From(DataType::kInt8, c.shape, levels);
    }
    ExpectMatchesReference(p, {{"x", x}});
  }
}

INSTANTIATE_TEST_SUITE_P(
    Branches, DequantizeLinearTest,
    ::testing::Values(LinearCase{.name = "PerTensor"}, LinearCase{.name = "Axis0", .quant_axis = 0},
                      LinearCase{.name = "Axis1", .quant_axis = 1},
                      LinearCase{.name = "FourBits", .bit_length = 4},
                      LinearCase{.name = "OnlyObserver", .only_observer = true}),
    [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace pd2onnx::testing

// elementwise_mod, elementwise_floordiv, elementwise_fmax/fmin,
// elementwise_heaviside, atan2, clip_by_norm.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder BinaryProgram(const std::string& type, DataType dtype,
                             const std::vector<int64_t>& x_dims, const std::vector<int64_t>& y_dims,
                             const std::vector<int64_t>& out_dims, std::optional<int> axis) {
  ProgramBuilder p;
  p.Input("x", dtype, x_dims).Input("y", dtype, y_dims).Var("out", dtype, out_dims);
  OpBuilder op = p.Op(type).In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  if (axis) op.Attr("axis", *axis);
  p.Output("out");
  return p;
}

// Divisors kept away from zero: |y| in [0.5, 3] with both signs.
HostTensor NonZero(DataType dtype, const std::vector<int64_t>& dims, uint32_t seed) {
  HostTensor t = RandomTensor(dtype, dims, seed, 1, 4);
  const HostTensor sign = RandomTensor(DataType::kFloat32, dims, seed + 100, -1, 1);
  for (int64_t i = 0; i < t.numel(); ++i) {
    const bool neg = sign.data<float>()[i] < 0;
    if (dtype == DataType::kFloat32) {
      float& v = t.data<float>()[i];
      v = (neg ? -1.0f : 1.0f) * (v - 0.5f);
    } else if (dtype == DataType::kInt32) {
      int32_t& v = t.data<int32_t>()[i];
      if (neg) v = -v;
    } else {
      int64_t& v = t.data<int64_t>()[i];
      if (neg) v = -v;
    }
  }
  return t;
}

template <typename T>
HostTensor Of(DataType dtype, const std::vector<int64_t>& dims, const std::vector<T>& values) {
  return HostTensor::From<T>(dtype, dims, values);
}

class ModFloorDivTest : public ::testing::TestWithParam<std::pair<std::string, DataType>> {};

TEST_P(ModFloorDivTest, SameShapeAndLegacyAxis) {
  const auto& [type, dtype] = GetParam();
  const int first = type == "elementwise_mod" ? 10 : 7;
  ExpectMatchesReference(
      BinaryProgram(type, dtype, {2, 3, 4}, {2, 3, 4}, {2, 3, 4}, std::nullopt),
      {{"x", RandomTensor(dtype, {2, 3, 4}, 1, -20, 20)}, {"y", NonZero(dtype, {2, 3, 4}, 2)}},
      {.opsets = {first, 13, 17, 19}});
  ExpectMatchesReference(
      BinaryProgram(type, dtype, {2, 3, 4}, {3}, {2, 3, 4}, 1),
      {{"x", RandomTensor(dtype, {2, 3, 4}, 3, -20, 20)}, {"y", NonZero(dtype, {3}, 4)}},
      {.opsets = {first, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(
    Ops, ModFloorDivTest,
    ::testing::Values(std::pair<std::string, DataType>{"elementwise_mod", DataType::kFloat32},
                      std::pair<std::string, DataType>{"elementwise_mod", DataType::kInt32},
                      std::pair<std::string, DataType>{"elementwise_mod", DataType::kInt64},
                      std::pair<std::string, DataType>{"elementwise_floordiv", DataType::kFloat32},
                      std::pair<std::string, DataType>{"elementwise_floordiv", DataType::kInt32},
                      std::pair<std::string, DataType>{"elementwise_floordiv", DataType::kInt64}),
    [](const ::testing::TestParamInfo<std::pair<std::string, DataType>>& param_info) {
      return param_info.param.first + "_" +
             std::string(graph::DataTypeName(param_info.param.second));
    });

// Python modulo takes the sign of y: -7 % 3 = 2, 7 % -3 = -2, -7 % -3 = -1;
// floor division rounds toward -inf: -7 // 3 = -3, 7 // -3 = -3.
TEST(ModTest, SignOfDivisorHandComputed) {
  const std::vector<int64_t> d = {4};
  const auto p = BinaryProgram("elementwise_mod", DataType::kInt32, d, d, d, std::nullopt);
  ExpectMatchesReference(p,
                         {{"x", Of<int32_t>(DataType::kInt32, d, {-7, 7, -7, 7})},
                          {"y", Of<int32_t>(DataType::kInt32, d, {3, -3, -3, 3})}},
                         {.opsets = {10, 19}},
                         {{"out", Of<int32_t>(DataType::kInt32, d, {2, -2, -1, 1})}});
  const auto pf = BinaryProgram("elementwise_mod", DataType::kFloat32, d, d, d, std::nullopt);
  ExpectMatchesReference(pf,
                         {{"x", Of<float>(DataType::kFloat32, d, {-7.5f, 7.5f, -7.5f, 6.0f})},
                          {"y", Of<float>(DataType::kFloat32, d, {2.0f, -2.0f, -2.0f, 3.0f})}},
                         {.opsets = {10, 19}},
                         {{"out", Of<float>(DataType::kFloat32, d, {0.5f, -0.5f, -1.5f, 0.0f})}});
  const auto fd = BinaryProgram("elementwise_floordiv", DataType::kInt64, d, d, d, std::nullopt);
  ExpectMatchesReference(fd,
                         {{"x", Of<int64_t>(DataType::kInt64, d, {-7, 7, -7, 6})},
                          {"y", Of<int64_t>(DataType::kInt64, d, {3, -3, -3, 3})}},
                         {.opsets = {7, 19}},
                         {{"out", Of<int64_t>(DataType::kInt64, d, {-3, -3, 2, 2})}});
}

TEST(ModTest, NeedsOpset10) {
  const std::vector<int64_t> d = {4};
  ExpectConversionFails(BinaryProgram("elementwise_mod", DataType::kFloat32, d, d, d, std::nullopt),
                        9, "Mod-10");
}

// fmax/fmin: NaN loses to a number (max(NaN, 1) = 1); both NaN → NaN.
TEST(FMaxMinTest, NanHandComputed) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<int64_t> d = {4};
  const interp::TensorMap feeds = {{"x", Of<float>(DataType::kFloat32, d, {nan, 2.0f, 1.0f, nan})},
                                   {"y", Of<float>(DataType::kFloat32, d, {1.0f, nan, 3.0f, nan})}};
  ExpectMatchesReference(
      BinaryProgram("elementwise_fmax", DataType::kFloat32, d, d, d, std::nullopt), feeds,
      {.opsets = {9, 12, 17, 19}},
      {{"out", Of<float>(DataType::kFloat32, d, {1.0f, 2.0f, 3.0f, nan})}});
  ExpectMatchesReference(
      BinaryProgram("elementwise_fmin", DataType::kFloat32, d, d, d, std::nullopt), feeds,
      {.opsets = {9, 12, 17, 19}},
      {{"out", Of<float>(DataType::kFloat32, d, {1.0f, 2.0f, 1.0f, nan})}});
}

TEST(FMaxMinTest, BroadcastAndIntegers) {
  for (const char* type : {"elementwise_fmax", "elementwise_fmin"}) {
    ExpectMatchesReference(BinaryProgram(type, DataType::kFloat32, {2, 3, 4}, {3}, {2, 3, 4}, 1),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 5)},
                            {"y", RandomTensor(DataType::kFloat32, {3}, 6)}},
                           {.opsets = {9, 17, 19}});
    for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
      ExpectMatchesReference(BinaryProgram(type, dtype, {2, 3}, {2, 3}, {2, 3}, std::nullopt),
                             {{"x", RandomTensor(dtype, {2, 3}, 7, -9, 9)},
                              {"y", RandomTensor(dtype, {2, 3}, 8, -9, 9)}},
                             {.opsets = {9, 12, 17, 19}});
    }
  }
}

// heaviside(x, y) = x == 0 ? y : (x > 0 ? 1 : 0).
TEST(HeavisideTest, HandComputedAndRandom) {
  const std::vector<int64_t> d = {3};
  const auto p = BinaryProgram("elementwise_heaviside", DataType::kFloat32, d, d, d, std::nullopt);
  ExpectMatchesReference(p,
                         {{"x", Of<float>(DataType::kFloat32, d, {-2.0f, 0.0f, 3.0f})},
                          {"y", Of<float>(DataType::kFloat32, d, {7.0f, 0.25f, 7.0f})}},
                         {.opsets = {9, 11, 17, 19}},
                         {{"out", Of<float>(DataType::kFloat32, d, {0.0f, 0.25f, 1.0f})}});
  ExpectMatchesReference(
      BinaryProgram("elementwise_heaviside", DataType::kInt32, {2, 3}, {3}, {2, 3}, std::nullopt),
      {{"x", RandomTensor(DataType::kInt32, {2, 3}, 9, -2, 3)},
       {"y", RandomTensor(DataType::kInt32, {3}, 10, -5, 5)}},
      {.opsets = {9, 11, 17, 19}});
}

ProgramBuilder Atan2Program(const std::vector<int64_t>& a, const std::vector<int64_t>& b,
                            const std::vector<int64_t>& out) {
  ProgramBuilder p;
  p.Input("a", DataType::kFloat32, a).Input("b", DataType::kFloat32, b);
  p.Var("out", DataType::kFloat32, out);
  p.Op("atan2").In("X1", {"a"}).In("X2", {"b"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

// atan2 quadrants: (1, -1) → 3π/4, (-1, -1) → -3π/4, (1, 0) → π/2,
// (-1, 0) → -π/2, (0, 0) → 0, (0, -1) → π.
TEST(Atan2Test, Quadrants) {
  const std::vector<int64_t> d = {6};
  ExpectMatchesReference(
      Atan2Program(d, d, d),
      {{"a", Of<float>(DataType::kFloat32, d, {1, -1, 1, -1, 0, 0})},
       {"b", Of<float>(DataType::kFloat32, d, {-1, -1, 0, 0, 0, -1})}},
      {.opsets = {9, 11, 17, 19}},
      {{"out", Of<float>(DataType::kFloat32, d,
                         {2.3561945f, -2.3561945f, 1.5707964f, -1.5707964f, 0.0f, 3.1415927f})}});
  ExpectMatchesReference(Atan2Program({2, 3}, {3}, {2, 3}),
                         {{"a", RandomTensor(DataType::kFloat32, {2, 3}, 11, -3, 3)},
                          {"b", RandomTensor(DataType::kFloat32, {3}, 12, -3, 3)}},
                         {.opsets = {9, 17, 19}});
}

ProgramBuilder ClipByNormProgram(const std::vector<int64_t>& dims, float max_norm) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, dims);
  p.Op("clip_by_norm").In("X", {"x"}).Out("Out", {"out"}).Attr("max_norm", max_norm);
  p.Output("out");
  return p;
}

// ‖[3, 4]‖ = 5 > 1 → [0.6, 0.8]; with max_norm 10 the input is unchanged.
TEST(ClipByNormTest, HandComputedAndRandom) {
  const HostTensor x = Of<float>(DataType::kFloat32, {2}, {3.0f, 4.0f});
  ExpectMatchesReference(ClipByNormProgram({2}, 1.0f), {{"x", x}}, {.opsets = {7, 13, 18, 19}},
                         {{"out", Of<float>(DataType::kFloat32, {2}, {0.6f, 0.8f})}});
  ExpectMatchesReference(ClipByNormProgram({2}, 10.0f), {{"x", x}}, {.opsets = {7, 19}},
                         {{"out", x}});
  ExpectMatchesReference(ClipByNormProgram({2, 3, 4}, 2.0f),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 13)}},
                         {.opsets = {7, 13, 17, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

// elementwise_{add,sub,mul,div,max,min,pow} with Paddle's legacy `axis`
// broadcasting.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct Operand {
  DataType dtype;
  std::vector<int64_t> dims;
};

// out = op(x, y); `y_param` makes Y a parameter instead of a model input.
ProgramBuilder BinaryProgram(const std::string& type, const Operand& x, const Operand& y,
                             const std::vector<int64_t>& out_dims, std::optional<int> axis,
                             const HostTensor* y_param = nullptr) {
  ProgramBuilder p;
  p.Input("x", x.dtype, x.dims);
  if (y_param) {
    p.Param("y", *y_param);
  } else {
    p.Input("y", y.dtype, y.dims);
  }
  p.Var("out", x.dtype, out_dims);
  OpBuilder op = p.Op(type).In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  if (axis) op.Attr("axis", *axis);
  p.Output("out");
  return p;
}

int FirstOpset(const std::string& type) {
  return type == "elementwise_max" || type == "elementwise_min" ? 8 : 7;
}

// Inputs where every op is defined: pow gets a positive base.
interp::TensorMap Feeds(const std::string& type, const Operand& x, const Operand& y) {
  const bool is_pow = type == "elementwise_pow";
  const bool is_div = type == "elementwise_div";
  return {{"x", RandomTensor(x.dtype, x.dims, 11, is_pow ? 0.5 : -3, 3)},
          {"y", RandomTensor(y.dtype, y.dims, 12, is_div || is_pow ? 0.5 : -3, is_pow ? 2 : 3)}};
}

class ElementwiseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ElementwiseTest, SameShape) {
  const std::string& type = GetParam();
  const Operand x{DataType::kFloat32, {2, 3, 4}};
  ExpectMatchesReference(BinaryProgram(type, x, x, {2, 3, 4}, std::nullopt), Feeds(type, x, x),
                         {.opsets = {FirstOpset(type), 12, 17, 19}});
}

TEST_P(ElementwiseTest, NumpyBroadcastAxisMinusOne) {
  const std::string& type = GetParam();
  const Operand x{DataType::kFloat32, {2, 3, 4}};
  const Operand y{DataType::kFloat32, {4}};
  ExpectMatchesReference(BinaryProgram(type, x, y, {2, 3, 4}, -1), Feeds(type, x, y),
                         {.opsets = {FirstOpset(type), 17, 19}});
}

// X [N, C, H, W] with a per-channel Y [C], axis 1: Y becomes [1, C, 1, 1].
TEST_P(ElementwiseTest, LegacyAxisChannel) {
  const std::string& type = GetParam();
  const Operand x{DataType::kFloat32, {2, 3, 4, 5}};
  const Operand y{DataType::kFloat32, {3}};
  ExpectMatchesReference(BinaryProgram(type, x, y, {2, 3, 4, 5}, 1), Feeds(type, x, y),
                         {.opsets = {FirstOpset(type), 13, 17, 19}});
}

// The symmetric case: X has the lower rank.
TEST_P(ElementwiseTest, LegacyAxisLowerRankX) {
  const std::string& type = GetParam();
  const Operand x{DataType::kFloat32, {3, 4}};
  const Operand y{DataType::kFloat32, {2, 3, 4, 5}};
  ExpectMatchesReference(BinaryProgram(type, x, y, {2, 3, 4, 5}, 1), Feeds(type, x, y),
                         {.opsets = {FirstOpset(type), 13, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(Ops, ElementwiseTest,
                         ::testing::Values("elementwise_add", "elementwise_sub", "elementwise_mul",
                                           "elementwise_div", "elementwise_max", "elementwise_min",
                                           "elementwise_pow"));

TEST(ElementwiseAddTest, LegacyAxisMiddleDims) {
  const Operand x{DataType::kFloat32, {2, 3, 4, 5}};
  const Operand y{DataType::kFloat32, {3, 4}};
  ExpectMatchesReference(BinaryProgram("elementwise_add", x, y, {2, 3, 4, 5}, 1),
                         Feeds("elementwise_add", x, y), {.opsets = {7, 13, 17, 19}});
}

TEST(ElementwiseAddTest, LegacyAxisZero) {
  const Operand x{DataType::kFloat32, {2, 3, 4}};
  const Operand y{DataType::kFloat32, {2}};
  ExpectMatchesReference(BinaryProgram("elementwise_add", x, y, {2, 3, 4}, 0),
                         Feeds("elementwise_add", x, y), {.opsets = {7, 13, 19}});
}

// Y [4, 1] placed at axis 2 of a rank-3 X: Paddle drops the trailing 1.
TEST(ElementwiseAddTest, LegacyAxisTrailingOnesDropped) {
  const Operand x{DataType::kFloat32, {2, 3, 4}};
  const Operand y{DataType::kFloat32, {4, 1}};
  ExpectMatchesReference(BinaryProgram("elementwise_add", x, y, {2, 3, 4}, 2),
                         Feeds("elementwise_add", x, y), {.opsets = {7, 13, 19}});
}

TEST(ElementwiseAddTest, LegacyAxisWithUnknownDims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 3, -1}).Input("y", DataType::kFloat32, {-1});
  p.Var("out", DataType::kFloat32, {-1, 3, -1});
  p.Op("elementwise_mul").In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"}).Attr("axis", 1);
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1)},
                          {"y", RandomTensor(DataType::kFloat32, {3}, 2)}},
                         {.opsets = {7, 13, 19}});
}

TEST(ElementwiseAddTest, ParameterBiasWithAxis) {
  const Operand x{DataType::kFloat32, {2, 3, 4, 5}};
  const Operand y{DataType::kFloat32, {3}};
  const HostTensor bias = RandomTensor(DataType::kFloat32, {3}, 5);
  ExpectMatchesReference(BinaryProgram("elementwise_add", x, y, {2, 3, 4, 5}, 1, &bias),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4, 5}, 6)}},
                         {.opsets = {7, 13, 17, 19}});
}

TEST(ElementwiseAddTest, ZeroDimY) {
  const Operand x{DataType::kFloat32, {2, 3}};
  const Operand y{DataType::kFloat32, {}};
  ExpectMatchesReference(BinaryProgram("elementwise_add", x, y, {2, 3}, 1),
                         Feeds("elementwise_add", x, y), {.opsets = {7, 13, 19}});
}

// Integer division truncates toward zero in Paddle and in ONNX Div.
TEST(ElementwiseDivTest, IntegerTruncatesTowardZero) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    const Operand x{dtype, {2, 4}};
    const HostTensor xs =
        dtype == DataType::kInt32
            ? HostTensor::From<int32_t>(dtype, {2, 4}, {7, -7, 7, -7, 9, -9, 1, 0})
            : HostTensor::From<int64_t>(dtype, {2, 4}, {7, -7, 7, -7, 9, -9, 1, 0});
    const HostTensor ys =
        dtype == DataType::kInt32
            ? HostTensor::From<int32_t>(dtype, {2, 4}, {2, 2, -2, -2, 4, 4, 3, 5})
            : HostTensor::From<int64_t>(dtype, {2, 4}, {2, 2, -2, -2, 4, 4, 3, 5});
    ExpectMatchesReference(BinaryProgram("elementwise_div", x, x, {2, 4}, std::nullopt),
                           {{"x", xs}, {"y", ys}}, {.opsets = {7, 13, 17, 19}});
  }
}

TEST(ElementwiseAddTest, Integers) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    const Operand x{dtype, {2, 3, 4}};
    const Operand y{dtype, {3}};
    ExpectMatchesReference(BinaryProgram("elementwise_add", x, y, {2, 3, 4}, 1),
                           {{"x", RandomTensor(dtype, {2, 3, 4}, 1, -100, 100)},
                            {"y", RandomTensor(dtype, {3}, 2, -100, 100)}},
                           {.opsets = {7, 13, 19}});
  }
}

// Max/Min/Pow take integers from opset 12; below it they run in double.
TEST(ElementwiseMaxTest, IntegersBeforeAndFromOpset12) {
  for (const char* type : {"elementwise_max", "elementwise_min"}) {
    for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
      const Operand x{dtype, {2, 3, 4}};
      const Operand y{dtype, {4}};
      ExpectMatchesReference(BinaryProgram(type, x, y, {2, 3, 4}, -1),
                             {{"x", RandomTensor(dtype, {2, 3, 4}, 1, -100, 100)},
                              {"y", RandomTensor(dtype, {4}, 2, -100, 100)}},
                             {.opsets = {8, 11, 12, 17, 19}});
    }
  }
}

TEST(ElementwisePowTest, IntegersBeforeAndFromOpset12) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    const Operand x{dtype, {2, 3}};
    ExpectMatchesReference(
        BinaryProgram("elementwise_pow", x, x, {2, 3}, std::nullopt),
        {{"x", RandomTensor(dtype, {2, 3}, 1, -6, 6)}, {"y", RandomTensor(dtype, {2, 3}, 2, 0, 4)}},
        {.opsets = {7, 11, 12, 17, 19}});
  }
}

TEST(ElementwiseMaxTest, BroadcastingNeedsOpset8) {
  const Operand x{DataType::kFloat32, {2, 3}};
  ExpectConversionFails(BinaryProgram("elementwise_max", x, x, {2, 3}, std::nullopt), 7,
                        "elementwise_max");
}

}  // namespace
}  // namespace pd2onnx::testing

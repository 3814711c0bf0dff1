#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Program(const std::vector<int64_t>& in, int num_col_dims,
                       const std::vector<int64_t>& out, int64_t k, int64_t n,
                       const std::string& activation, bool with_bias, const HostTensor* w = nullptr,
                       const HostTensor* b = nullptr) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in)
      .Param("w", w ? *w : RandomTensor(DataType::kFloat32, {k, n}, 81))
      .Var("y", DataType::kFloat32, out);
  if (with_bias) p.Param("b", b ? *b : RandomTensor(DataType::kFloat32, {1, n}, 82));
  auto op = p.Op("fc");
  op.In("Input", {"x"})
      .In("W", {"w"})
      .Out("Out", {"y"})
      .Attr("in_num_col_dims", num_col_dims)
      .Attr("activation_type", activation);
  if (with_bias) op.In("Bias", {"b"});
  p.Output("y");
  return p;
}

TEST(Fc, LastAxisWithBiasRelu) {
  ExpectMatchesReference(Program({2, 3, 4}, 2, {2, 3, 5}, 4, 5, "relu", true),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 83)}},
                         {.opsets = {7, 13, 17, 19, 21}});
}

TEST(Fc, FlattensTrailingDims) {
  ExpectMatchesReference(Program({-1, 2, 3, 2}, 1, {-1, 6}, 12, 6, "", true),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 2, 3, 2}, 84)}},
                         {.opsets = {7, 13, 17, 19}});
  ExpectMatchesReference(Program({2, 3, 4}, 1, {2, 5}, 12, 5, "", false),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 85)}},
                         {.opsets = {7, 17, 19}});
}

// x = [[1, 2], [3, -4]], W = [[1, 0], [1, 1]], Bias = [0.5, -1]:
// x·W = [[3, 2], [-1, -4]], + Bias = [[3.5, 1], [-0.5, -5]], relu → [[3.5, 1], [0, 0]].
TEST(Fc, HandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {2, 2}, std::vector<float>{1, 2, 3, -4});
  const HostTensor w =
      HostTensor::From<float>(DataType::kFloat32, {2, 2}, std::vector<float>{1, 0, 1, 1});
  const HostTensor b =
      HostTensor::From<float>(DataType::kFloat32, {2}, std::vector<float>{0.5f, -1});
  const HostTensor y =
      HostTensor::From<float>(DataType::kFloat32, {2, 2}, std::vector<float>{3.5f, 1, 0, 0});
  ExpectMatchesReference(Program({2, 2}, 1, {2, 2}, 2, 2, "relu", true, &w, &b), {{"x", x}},
                         {.opsets = {7, 17, 19}}, {{"y", y}});
}

TEST(Fc, UnsupportedActivationFails) {
  ExpectConversionFails(Program({2, 4}, 1, {2, 3}, 4, 3, "tanh", true), 17, "activation_type");
}

}  // namespace
}  // namespace pd2onnx::testing

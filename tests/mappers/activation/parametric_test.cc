// selu, celu, elu, softplus, mish, softshrink, hard_shrink, brelu,
// thresholded_relu, logit, log_softmax, prelu.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int64_t> kDims = {2, 3, 4};

// out = op(x) with float attributes.
ProgramBuilder ActProgram(const std::string& type, const std::map<std::string, float>& attrs,
                          const std::vector<int64_t>& dims = kDims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, dims);
  OpBuilder op = p.Op(type).In("X", {"x"}).Out("Out", {"out"});
  for (const auto& [name, value] : attrs) op.Attr(name, value);
  p.Output("out");
  return p;
}

interp::TensorMap Feed(uint32_t seed, double lo = -3, double hi = 3,
                       const std::vector<int64_t>& dims = kDims) {
  return {{"x", RandomTensor(DataType::kFloat32, dims, seed, lo, hi)}};
}

HostTensor F32(const std::vector<int64_t>& dims, const std::vector<float>& values) {
  return HostTensor::From<float>(DataType::kFloat32, dims, values);
}

TEST(SeluTest, DefaultsAndAttributes) {
  ExpectMatchesReference(ActProgram("selu", {}), Feed(1), {.opsets = {7, 17, 19}});
  ExpectMatchesReference(ActProgram("selu", {{"scale", 1.5f}, {"alpha", 0.7f}}), Feed(2),
                         {.opsets = {7, 17, 19}});
}

TEST(EluTest, Alpha) {
  ExpectMatchesReference(ActProgram("elu", {}), Feed(3), {.opsets = {7, 17, 19}});
  ExpectMatchesReference(ActProgram("elu", {{"alpha", 0.4f}}), Feed(4), {.opsets = {7, 17, 19}});
}

// celu(x) = max(0, x) + min(0, alpha·(e^(x/alpha) - 1)); alpha 2:
// celu(-2) = 2·(e^-1 - 1) = -1.2642411, celu(1) = 1.
TEST(CeluTest, Alpha) {
  ExpectMatchesReference(ActProgram("celu", {{"alpha", 2.0f}}), Feed(5),
                         {.opsets = {7, 12, 17, 19}});
  ExpectMatchesReference(ActProgram("celu", {}), Feed(6), {.opsets = {7, 12, 19}});
  ExpectMatchesReference(ActProgram("celu", {{"alpha", 2.0f}}, {2}), {{"x", F32({2}, {-2, 1})}},
                         {.opsets = {7, 12, 19}}, {{"out", F32({2}, {-1.2642411f, 1.0f})}});
}

TEST(SoftplusTest, DefaultAndBeta) {
  ExpectMatchesReference(ActProgram("softplus", {}), Feed(7, -30, 30), {.opsets = {7, 17, 19}});
  ExpectMatchesReference(ActProgram("softplus", {{"beta", 2.0f}}), Feed(8, -10, 15),
                         {.opsets = {7, 17, 19}});
}

// threshold 1, beta 1: x = 2 is above it, so softplus(2) = 2 (not
// ln(1 + e²) = 2.126928); x = 0.5 gives ln(1 + e^0.5) = 0.974077.
TEST(SoftplusTest, LowThresholdSelects) {
  ExpectMatchesReference(ActProgram("softplus", {{"threshold", 1.0f}}), Feed(9),
                         {.opsets = {9, 17, 19}});
  ExpectMatchesReference(ActProgram("softplus", {{"threshold", 1.0f}}, {2}),
                         {{"x", F32({2}, {2.0f, 0.5f})}}, {.opsets = {9, 19}},
                         {{"out", F32({2}, {2.0f, 0.974077f})}});
}

TEST(SoftplusTest, LowThresholdRaisesOpset) {
  ExpectConversionFails(ActProgram("softplus", {{"threshold", 1.0f}}), 7, "threshold");
}

TEST(MishTest, DefaultAndLowThreshold) {
  ExpectMatchesReference(ActProgram("mish", {}), Feed(10, -5, 25), {.opsets = {7, 17, 19}});
  ExpectMatchesReference(ActProgram("mish", {{"threshold", 0.5f}}), Feed(11),
                         {.opsets = {9, 17, 19}});
  ExpectConversionFails(ActProgram("mish", {{"threshold", 0.5f}}), 8, "threshold");
}

// softshrink (lambda 0.5): 1.2 → 0.7, -1.2 → -0.7, 0.3 → 0;
// hard_shrink (threshold 0.5): 1.2 → 1.2, 0.3 → 0, -0.6 → -0.6.
TEST(ShrinkTest, SoftAndHard) {
  ExpectMatchesReference(ActProgram("softshrink", {{"lambda", 0.8f}}), Feed(12),
                         {.opsets = {9, 17, 19}});
  ExpectMatchesReference(ActProgram("hard_shrink", {{"threshold", 0.8f}}), Feed(13),
                         {.opsets = {9, 17, 19}});
  ExpectMatchesReference(ActProgram("softshrink", {}, {3}), {{"x", F32({3}, {1.2f, -1.2f, 0.3f})}},
                         {.opsets = {9, 19}}, {{"out", F32({3}, {0.7f, -0.7f, 0.0f})}});
  ExpectMatchesReference(ActProgram("hard_shrink", {}, {3}), {{"x", F32({3}, {1.2f, 0.3f, -0.6f})}},
                         {.opsets = {9, 19}}, {{"out", F32({3}, {1.2f, 0.0f, -0.6f})}});
}

TEST(BreluTest, Bounds) {
  ExpectMatchesReference(ActProgram("brelu", {}), Feed(14, -5, 30), {.opsets = {7, 11, 17, 19}});
  ExpectMatchesReference(ActProgram("brelu", {{"t_min", -1.0f}, {"t_max", 2.0f}}), Feed(15),
                         {.opsets = {7, 11, 17, 19}});
}

TEST(ThresholdedReluTest, Threshold) {
  ExpectMatchesReference(ActProgram("thresholded_relu", {}), Feed(16), {.opsets = {7, 10, 17, 19}});
  ExpectMatchesReference(ActProgram("thresholded_relu", {{"threshold", -0.5f}}), Feed(17),
                         {.opsets = {7, 10, 17, 19}});
}

// logit with eps 0.1: x = 0.05 is clipped to 0.1 → ln(0.1/0.9) = -2.1972246;
// x = 0.5 → 0.
TEST(LogitTest, Eps) {
  ExpectMatchesReference(ActProgram("logit", {}), Feed(18, 0.01, 0.99),
                         {.opsets = {7, 11, 17, 19}});
  ExpectMatchesReference(ActProgram("logit", {{"eps", 0.1f}}), Feed(19, -0.5, 1.5),
                         {.opsets = {7, 11, 17, 19}});
  ExpectMatchesReference(ActProgram("logit", {{"eps", 0.1f}}, {2}),
                         {{"x", F32({2}, {0.05f, 0.5f})}}, {.opsets = {7, 19}},
                         {{"out", F32({2}, {-2.1972246f, 0.0f})}});
  ExpectMatchesReference(ActProgram("logit", {{"eps", 0.0f}}), Feed(20, 0.01, 0.99),
                         {.opsets = {7, 19}});
}

ProgramBuilder LogSoftmaxProgram(const std::vector<int64_t>& dims, std::optional<int> axis) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, dims);
  OpBuilder op = p.Op("log_softmax").In("X", {"x"}).Out("Out", {"out"});
  if (axis) op.Attr("axis", *axis);
  p.Output("out");
  return p;
}

TEST(LogSoftmaxTest, Axes) {
  for (std::optional<int> axis : {std::optional<int>(), std::optional<int>(0),
                                  std::optional<int>(1), std::optional<int>(-2)}) {
    ExpectMatchesReference(LogSoftmaxProgram({2, 3, 4}, axis), Feed(21, -5, 5),
                           {.opsets = {7, 13, 17, 19}});
  }
}

// log_softmax([0, ln 3]) = [-ln 4, ln 3 - ln 4] = [-1.3862944, -0.2876821].
TEST(LogSoftmaxTest, HandComputed) {
  ExpectMatchesReference(LogSoftmaxProgram({2}, -1), {{"x", F32({2}, {0.0f, 1.0986123f})}},
                         {.opsets = {7, 13, 19}}, {{"out", F32({2}, {-1.3862944f, -0.2876821f})}});
}

TEST(LogSoftmaxTest, RankZero) {
  ExpectMatchesReference(LogSoftmaxProgram({}, -1), Feed(22, -1, 1, {}), {.opsets = {7, 13, 19}});
}

ProgramBuilder PreluProgram(const std::vector<int64_t>& x_dims, const HostTensor& alpha,
                            const std::string& mode, const std::string& format) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x_dims).Param("alpha", alpha);
  p.Var("out", DataType::kFloat32, x_dims);
  p.Op("prelu")
      .In("X", {"x"})
      .In("Alpha", {"alpha"})
      .Out("Out", {"out"})
      .Attr("mode", mode)
      .Attr("data_format", format);
  p.Output("out");
  return p;
}

TEST(PreluTest, Modes) {
  const std::vector<int64_t> dims = {2, 3, 4, 5};
  ExpectMatchesReference(
      PreluProgram(dims, RandomTensor(DataType::kFloat32, {1}, 1, 0, 0.5), "all", "NCHW"),
      Feed(23, -3, 3, dims), {.opsets = {7, 17, 19}});
  ExpectMatchesReference(
      PreluProgram(dims, RandomTensor(DataType::kFloat32, {3}, 2, 0, 0.5), "channel", "NCHW"),
      Feed(24, -3, 3, dims), {.opsets = {7, 17, 19}});
  ExpectMatchesReference(
      PreluProgram(dims, RandomTensor(DataType::kFloat32, {1, 3, 1, 1}, 2, 0, 0.5), "channel",
                   "NCHW"),
      Feed(25, -3, 3, dims), {.opsets = {7, 17, 19}});
  ExpectMatchesReference(
      PreluProgram(dims, RandomTensor(DataType::kFloat32, {5}, 3, 0, 0.5), "channel", "NHWC"),
      Feed(26, -3, 3, dims), {.opsets = {7, 17, 19}});
  ExpectMatchesReference(
      PreluProgram(dims, RandomTensor(DataType::kFloat32, {1, 3, 4, 5}, 4, 0, 0.5), "element",
                   "NCHW"),
      Feed(27, -3, 3, dims), {.opsets = {7, 17, 19}});
}

// channel mode, NCHW, X [1, 2, 1, 2], alpha [0.1, 0.5]: channel 0 scales
// negatives by 0.1, channel 1 by 0.5.
TEST(PreluTest, ChannelHandComputed) {
  const HostTensor alpha = F32({2}, {0.1f, 0.5f});
  ExpectMatchesReference(PreluProgram({1, 2, 1, 2}, alpha, "channel", "NCHW"),
                         {{"x", F32({1, 2, 1, 2}, {-1, 2, -4, 3})}}, {.opsets = {7, 19}},
                         {{"out", F32({1, 2, 1, 2}, {-0.1f, 2, -2, 3})}});
}

TEST(PreluTest, UnknownModeFails) {
  ExpectConversionFails(PreluProgram({2, 3}, F32({1}, {0.1f}), "row", "NCHW"), 11, "mode");
}

}  // namespace
}  // namespace pd2onnx::testing

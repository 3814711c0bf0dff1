// stanh (default and custom scales) and rrelu (inference slope; training
// mode refused).
#include <gtest/gtest.h>

#include <cmath>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Unary(const std::string& type, DataType dtype, const std::vector<int64_t>& dims) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, dims);
  p.Op(type).In("X", {"x"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(Stanh, DefaultScales) {
  ExpectMatchesReference(Unary("stanh", DataType::kFloat32, {2, 3, 4}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, -3, 3)}},
                         {.opsets = {7, 13, 17, 19}});
}

TEST(Stanh, CustomScalesByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3}).Var("out", DataType::kFloat32, {3});
  p.Op("stanh").In("X", {"x"}).Out("Out", {"out"}).Attr("scale_a", 0.5f).Attr("scale_b", 2.0f);
  p.Output("out");
  // 2·tanh(0.5·{0, 2, -2}) = {0, 2·tanh(1), -2·tanh(1)}.
  const float t = 2.0f * std::tanh(1.0f);
  ExpectMatchesReference(p, {{"x", HostTensor::From<float>(DataType::kFloat32, {3}, {0, 2, -2})}},
                         {.opsets = {7, 17, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {0, t, -t})}});
}

ProgramBuilder Rrelu(bool is_test, float lower, float upper) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 5}).Var("out", DataType::kFloat32, {2, 5});
  p.Var("noise", DataType::kFloat32, {2, 5});
  p.Op("rrelu")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Out("Noise", {"noise"})
      .Attr("is_test", is_test)
      .Attr("lower", lower)
      .Attr("upper", upper);
  p.Output("out");
  return p;
}

TEST(Rrelu, InferenceSlope) {
  ExpectMatchesReference(Rrelu(true, 0.125f, 1.0f / 3),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 5}, 3, -2, 2)}},
                         {.opsets = {7, 17, 19}});
}

// Slope (0.2 + 0.4) / 2 = 0.3: {-1, 0, 2} → {-0.3, 0, 2}.
TEST(Rrelu, ByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3}).Var("out", DataType::kFloat32, {3});
  p.Op("rrelu")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("is_test", true)
      .Attr("lower", 0.2f)
      .Attr("upper", 0.4f);
  p.Output("out");
  ExpectMatchesReference(
      p, {{"x", HostTensor::From<float>(DataType::kFloat32, {3}, {-1, 0, 2})}}, {.opsets = {7, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {-0.3f, 0, 2})}});
}

TEST(Rrelu, TrainingModeFails) {
  ExpectConversionFails(Rrelu(false, 0.1f, 0.3f), 17, "is_test=false");
}

ProgramBuilder SoftRelu(float threshold) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 6}).Var("out", DataType::kFloat32, {2, 6});
  p.Op("soft_relu").In("X", {"x"}).Out("Out", {"out"}).Attr("threshold", threshold);
  p.Output("out");
  return p;
}

TEST(SoftRelu, ThresholdClips) {
  for (float threshold : {40.0f, 2.0f}) {
    ExpectMatchesReference(SoftRelu(threshold),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 6}, 4, -5, 5)}},
                           {.opsets = {7, 11, 12, 13, 17, 19}});
  }
}

// threshold 1: x = 3 clips to 1 → log(1 + e); x = 0 → log 2.
TEST(SoftRelu, ByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2}).Var("out", DataType::kFloat32, {2});
  p.Op("soft_relu").In("X", {"x"}).Out("Out", {"out"}).Attr("threshold", 1.0f);
  p.Output("out");
  ExpectMatchesReference(
      p, {{"x", HostTensor::From<float>(DataType::kFloat32, {2}, {3, 0})}}, {.opsets = {7, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2},
                                       {std::log1p(std::exp(1.0f)), std::log(2.0f)})}});
}

}  // namespace
}  // namespace pd2onnx::testing

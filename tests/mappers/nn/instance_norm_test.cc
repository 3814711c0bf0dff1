#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder WithParams(const std::vector<int64_t>& in) {
  const int64_t channels = in[1];
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in)
      .Param("scale", RandomTensor(DataType::kFloat32, {channels}, 31, 0.5, 1.5))
      .Param("bias", RandomTensor(DataType::kFloat32, {channels}, 32))
      .Var("y", DataType::kFloat32, in)
      .Var("saved_mean", DataType::kFloat32, {-1})
      .Var("saved_variance", DataType::kFloat32, {-1});
  p.Op("instance_norm")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .In("Bias", {"bias"})
      .Out("Y", {"y"})
      .Out("SavedMean", {"saved_mean"})
      .Out("SavedVariance", {"saved_variance"})
      .Attr("epsilon", 1e-5f);
  p.Output("y");
  return p;
}

ProgramBuilder WithoutParams(const std::vector<int64_t>& in, float epsilon) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in).Var("y", DataType::kFloat32, in);
  p.Op("instance_norm").In("X", {"x"}).Out("Y", {"y"}).Attr("epsilon", epsilon);
  p.Output("y");
  return p;
}

TEST(InstanceNorm, ScaleAndBias4d) {
  ExpectMatchesReference(WithParams({2, 3, 4, 5}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4, 5}, 33)}},
                         {.opsets = {7, 17, 19, 21}});
}

TEST(InstanceNorm, ScaleAndBias3dAnd5d) {
  ExpectMatchesReference(WithParams({2, 3, 6}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 6}, 34)}},
                         {.opsets = {7, 17, 19}});
  ExpectMatchesReference(WithParams({1, 2, 2, 3, 2}),
                         {{"x", RandomTensor(DataType::kFloat32, {1, 2, 2, 3, 2}, 35)}},
                         {.opsets = {7, 17, 19}});
}

// Without Scale/Bias, each (n, c) plane is standardised: plane [1, 3] has
// mean 2 and biased variance 1, so y = [-1, 1] (epsilon 0); plane [2, 2, 2, 2]
// would divide by 0, so the second channel uses [0, 4]: mean 2, var 4 → [-1, 1].
TEST(InstanceNorm, NoParamsHandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 2, 2}, std::vector<float>{1, 3, 0, 4});
  const HostTensor y =
      HostTensor::From<float>(DataType::kFloat32, {1, 2, 2}, std::vector<float>{-1, 1, -1, 1});
  ExpectMatchesReference(WithoutParams({1, 2, 2}, 0.0f), {{"x", x}}, {.opsets = {7, 17, 19}},
                         {{"y", y}});
}

TEST(InstanceNorm, NoParamsNeedsKnownChannels) {
  ExpectConversionFails(WithoutParams({2, -1, 4, 4}, 1e-5f), 17, "channel count");
}

}  // namespace
}  // namespace pd2onnx::testing

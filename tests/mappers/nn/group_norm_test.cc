#include <gtest/gtest.h>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct GroupNormSpec {
  std::vector<int64_t> declared;
  int groups = 2;
  std::string layout = "NCHW";
  bool scale = true;
  bool bias = true;
  float epsilon = 1e-5f;
};

ProgramBuilder Program(const GroupNormSpec& s, const HostTensor* scale = nullptr,
                       const HostTensor* bias = nullptr) {
  const int64_t channels = s.layout == "NCHW" ? s.declared[1] : s.declared.back();
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, s.declared)
      .Var("y", DataType::kFloat32, s.declared)
      .Var("mean", DataType::kFloat32, {-1, s.groups})
      .Var("variance", DataType::kFloat32, {-1, s.groups});
  if (s.scale) {
    p.Param("scale", scale ? *scale : RandomTensor(DataType::kFloat32, {channels}, 41, 0.5, 1.5));
  }
  if (s.bias) p.Param("bias", bias ? *bias : RandomTensor(DataType::kFloat32, {channels}, 42));
  auto op = p.Op("group_norm");
  op.In("X", {"x"})
      .Out("Y", {"y"})
      .Out("Mean", {"mean"})
      .Out("Variance", {"variance"})
      .Attr("groups", s.groups)
      .Attr("epsilon", s.epsilon)
      .Attr("data_layout", s.layout);
  if (s.scale) op.In("Scale", {"scale"});
  if (s.bias) op.In("Bias", {"bias"});
  p.Output("y");
  return p;
}

TEST(GroupNorm, Nchw) {
  ExpectMatchesReference(Program({.declared = {2, 6, 3, 4}, .groups = 3}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 6, 3, 4}, 43)}},
                         {.opsets = {7, 13, 17, 19, 21}});
}

TEST(GroupNorm, NhwcDynamicExtents) {
  const std::vector<int64_t> shape = {2, 3, 5, 4};
  ExpectMatchesReference(Program({.declared = {-1, -1, -1, 4}, .groups = 2, .layout = "NHWC"}),
                         {{"x", RandomTensor(DataType::kFloat32, shape, 44)}},
                         {.opsets = {7, 17, 19}});
}

// Paddle's group_norm reads the channel from dim 1 only for NCHW, so
// "AnyLayout" is channel-last; likewise NHWC on a 3-D [N, L, C] input.
TEST(GroupNorm, AnyLayoutIsChannelLast) {
  ExpectMatchesReference(Program({.declared = {2, 3, 5, 4}, .groups = 2, .layout = "AnyLayout"}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 5, 4}, 46)}},
                         {.opsets = {7, 17, 19}});
}

TEST(GroupNorm, Nhwc3dChannelLast) {
  ExpectMatchesReference(Program({.declared = {2, 7, 6}, .groups = 3, .layout = "NHWC"}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 7, 6}, 47)}},
                         {.opsets = {7, 17, 19}});
}

TEST(GroupNorm, NoScaleNoBias3d) {
  ExpectMatchesReference(
      Program({.declared = {2, 4, 6}, .groups = 4, .scale = false, .bias = false}),
      {{"x", RandomTensor(DataType::kFloat32, {2, 4, 6}, 45)}}, {.opsets = {7, 17, 19}});
}

// groups = 2 over channels [1, 3 | 0, 4] (H = W = 1): each group has mean 2
// and biased variance 1 (group 0) / 4 (group 1), so with epsilon 0 the
// normalised values are [-1, 1, -1, 1]; then Scale [1, 2, 3, 4] and
// Bias [0, 0, 0, 1] give [-1, 2, -3, 5].
TEST(GroupNorm, HandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 4, 1, 1}, std::vector<float>{1, 3, 0, 4});
  const HostTensor scale =
      HostTensor::From<float>(DataType::kFloat32, {4}, std::vector<float>{1, 2, 3, 4});
  const HostTensor bias =
      HostTensor::From<float>(DataType::kFloat32, {4}, std::vector<float>{0, 0, 0, 1});
  const HostTensor y =
      HostTensor::From<float>(DataType::kFloat32, {1, 4, 1, 1}, std::vector<float>{-1, 2, -3, 5});
  ExpectMatchesReference(Program({.declared = {1, 4, 1, 1}, .epsilon = 0.0f}, &scale, &bias),
                         {{"x", x}}, {.opsets = {7, 17, 19}}, {{"y", y}});
}

}  // namespace
}  // namespace pd2onnx::testing

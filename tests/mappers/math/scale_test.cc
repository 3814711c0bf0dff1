// scale: bias_after_scale ? scale·x + bias : scale·(x + bias), in X's dtype.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct ScaleAttrs {
  std::optional<float> scale;
  std::optional<float> bias;
  std::optional<bool> bias_after_scale;
};

enum class ScaleFrom { kAttr, kInput, kParam };

ProgramBuilder ScaleProgram(DataType dtype, const std::vector<int64_t>& dims, ScaleAttrs attrs,
                            ScaleFrom from = ScaleFrom::kAttr) {
  ProgramBuilder p;
  p.Input("x", dtype, dims);
  if (from == ScaleFrom::kInput) p.Input("s", DataType::kFloat32, {1});
  if (from == ScaleFrom::kParam)
    p.Param("s", HostTensor::From<float>(DataType::kFloat32, {1}, {-1.5f}));
  p.Var("out", dtype, dims);
  OpBuilder op = p.Op("scale").In("X", {"x"}).Out("Out", {"out"});
  if (from != ScaleFrom::kAttr) op.In("ScaleTensor", {"s"});
  if (attrs.scale) op.Attr("scale", *attrs.scale);
  if (attrs.bias) op.Attr("bias", *attrs.bias);
  if (attrs.bias_after_scale) op.Attr("bias_after_scale", *attrs.bias_after_scale);
  p.Output("out");
  return p;
}

interp::TensorMap FloatFeed(const std::vector<int64_t>& dims) {
  return {{"x", RandomTensor(DataType::kFloat32, dims, 1, -3, 3)}};
}

TEST(ScaleTest, BiasAfterScale) {
  ExpectMatchesReference(ScaleProgram(DataType::kFloat32, {2, 3, 4}, {2.5f, 1.5f, true}),
                         FloatFeed({2, 3, 4}), {.opsets = {7, 17, 19}});
}

TEST(ScaleTest, BiasBeforeScale) {
  ExpectMatchesReference(ScaleProgram(DataType::kFloat32, {2, 3, 4}, {2.5f, 1.5f, false}),
                         FloatFeed({2, 3, 4}), {.opsets = {7, 17, 19}});
}

TEST(ScaleTest, DefaultsAreIdentity) {
  ExpectMatchesReference(ScaleProgram(DataType::kFloat32, {2, 3}, {}), FloatFeed({2, 3}),
                         {.opsets = {7, 19}});
}

TEST(ScaleTest, ScaleOnlyAndBiasOnly) {
  ExpectMatchesReference(ScaleProgram(DataType::kFloat32, {2, 3}, {0.5f, std::nullopt, {}}),
                         FloatFeed({2, 3}), {.opsets = {7, 19}});
  ExpectMatchesReference(ScaleProgram(DataType::kFloat32, {2, 3}, {std::nullopt, -2.0f, {}}),
                         FloatFeed({2, 3}), {.opsets = {7, 19}});
}

TEST(ScaleTest, ScaleTensorAtRunTime) {
  for (bool after : {true, false}) {
    interp::TensorMap feeds = FloatFeed({2, 3, 4});
    feeds["s"] = HostTensor::From<float>(DataType::kFloat32, {1}, {0.75f});
    ExpectMatchesReference(
        ScaleProgram(DataType::kFloat32, {2, 3, 4}, {9.0f, 0.5f, after}, ScaleFrom::kInput), feeds,
        {.opsets = {7, 17, 19}});
  }
}

TEST(ScaleTest, ScaleTensorParam) {
  ExpectMatchesReference(
      ScaleProgram(DataType::kFloat32, {2, 3}, {9.0f, 0.5f, true}, ScaleFrom::kParam),
      FloatFeed({2, 3}), {.opsets = {7, 19}});
}

TEST(ScaleTest, ZeroDimXWithScaleTensor) {
  ExpectMatchesReference(
      ScaleProgram(DataType::kFloat32, {}, {1.0f, 1.0f, true}, ScaleFrom::kInput),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {}, {1.25f})},
       {"s", HostTensor::From<float>(DataType::kFloat32, {1}, {4.0f})}},
      {.opsets = {7, 19}});
}

// Integer X computes in its own type with scale and bias truncated to it.
TEST(ScaleTest, IntegerX) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    for (bool after : {true, false}) {
      ExpectMatchesReference(ScaleProgram(dtype, {3, 4}, {3.0f, 2.0f, after}),
                             {{"x", RandomTensor(dtype, {3, 4}, 2, -50, 50)}},
                             {.opsets = {7, 17, 19}});
    }
  }
}

TEST(ScaleTest, IntegerXTruncatesScaleAndBias) {
  ExpectMatchesReference(ScaleProgram(DataType::kInt32, {3, 4}, {2.7f, -1.9f, true}),
                         {{"x", RandomTensor(DataType::kInt32, {3, 4}, 3, -50, 50)}},
                         {.opsets = {7, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

// sync_batch_norm converts as batch_norm in inference.
#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Program(const std::string& layout, const std::vector<int64_t>& in,
                       int64_t channels) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in)
      .Param("scale", HostTensor::From<float>(DataType::kFloat32, {channels},
                                              std::vector<float>(channels, 2.0f)))
      .Param("bias", HostTensor::From<float>(DataType::kFloat32, {channels},
                                             std::vector<float>(channels, 1.0f)))
      .Param("mean", HostTensor::From<float>(DataType::kFloat32, {channels},
                                             std::vector<float>(channels, 0.5f)))
      .Param("variance", HostTensor::From<float>(DataType::kFloat32, {channels},
                                                 std::vector<float>(channels, 4.0f)))
      .Var("y", DataType::kFloat32, in);
  p.Op("sync_batch_norm")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .In("Bias", {"bias"})
      .In("Mean", {"mean"})
      .In("Variance", {"variance"})
      .Out("Y", {"y"})
      .Out("MeanOut", {"mean"})
      .Out("VarianceOut", {"variance"})
      .Attr("epsilon", 0.0f)
      .Attr("data_layout", layout)
      .Attr("is_test", true);
  p.Output("y");
  return p;
}

// y = (x - 0.5) / sqrt(4) · 2 + 1 = x + 0.5 (epsilon 0).
TEST(SyncBatchNorm, MatchesHandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 2, 1, 2}, std::vector<float>{1, -1, 0, 3});
  const HostTensor y = HostTensor::From<float>(DataType::kFloat32, {1, 2, 1, 2},
                                               std::vector<float>{1.5f, -0.5f, 0.5f, 3.5f});
  ExpectMatchesReference(Program("NCHW", {1, 2, 1, 2}, 2), {{"x", x}}, {.opsets = {7, 17, 19}},
                         {{"y", y}});
}

TEST(SyncBatchNorm, Nhwc) {
  ExpectMatchesReference(Program("NHWC", {2, 3, 2, 4}, 4),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 2, 4}, 3)}},
                         {.opsets = {7, 17, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

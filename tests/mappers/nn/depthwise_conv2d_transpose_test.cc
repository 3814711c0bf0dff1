// depthwise_conv2d_transpose: conv2d_transpose with groups = channels.
#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Program(const std::string& data_format, std::vector<int64_t> in,
                       std::vector<int64_t> out) {
  const int64_t channels = data_format == "NHWC" ? in[3] : in[1];
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in)
      .Param("w", RandomTensor(DataType::kFloat32, {channels, 1, 3, 3}, 21))
      .Var("y", DataType::kFloat32, out);
  p.Op("depthwise_conv2d_transpose")
      .In("Input", {"x"})
      .In("Filter", {"w"})
      .Out("Output", {"y"})
      .Attr("strides", std::vector<int>{2, 2})
      .Attr("paddings", std::vector<int>{1, 1})
      .Attr("dilations", std::vector<int>{1, 1})
      .Attr("groups", static_cast<int>(channels))
      .Attr("output_padding", std::vector<int>{1, 0})
      .Attr("padding_algorithm", "EXPLICIT")
      .Attr("data_format", data_format);
  p.Output("y");
  return p;
}

// out = (in - 1)·2 - 2 + 3 (+ output_padding): 4 → 7 (+1 on H).
TEST(DepthwiseConv2dTranspose, MatchesReference) {
  ExpectMatchesReference(Program("NCHW", {1, 3, 4, 4}, {1, 3, 8, 7}),
                         {{"x", RandomTensor(DataType::kFloat32, {1, 3, 4, 4}, 22)}},
                         {.opsets = {7, 11, 17, 19, 21}});
}

TEST(DepthwiseConv2dTranspose, Nhwc) {
  ExpectMatchesReference(Program("NHWC", {2, 4, 4, 2}, {2, 8, 7, 2}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 4, 4, 2}, 23)}},
                         {.opsets = {7, 17, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Program(const std::vector<int64_t>& shape, int groups, const std::string& format) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, shape).Var("y", DataType::kFloat32, shape);
  p.Op("channel_shuffle")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("groups", groups)
      .Attr("data_format", format);
  p.Output("y");
  return p;
}

TEST(ChannelShuffle, Nchw) {
  ExpectMatchesReference(Program({2, 6, 3, 4}, 3, "NCHW"),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 6, 3, 4}, 71)}},
                         {.opsets = {7, 13, 17, 19, 21}});
}

TEST(ChannelShuffle, NhwcDynamicExtents) {
  ExpectMatchesReference(Program({-1, -1, -1, 8}, 2, "NHWC"),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 5, 8}, 72)}},
                         {.opsets = {7, 17, 19}});
}

// Channels [0 1 2 | 3 4 5] in 2 groups are interleaved: [0 3 1 4 2 5].
TEST(ChannelShuffle, HandComputed) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {1, 6, 1, 1},
                                               std::vector<float>{0, 1, 2, 3, 4, 5});
  const HostTensor y = HostTensor::From<float>(DataType::kFloat32, {1, 6, 1, 1},
                                               std::vector<float>{0, 3, 1, 4, 2, 5});
  ExpectMatchesReference(Program({1, 6, 1, 1}, 2, "NCHW"), {{"x", x}}, {.opsets = {7, 17, 19}},
                         {{"y", y}});
}

TEST(ChannelShuffle, UnknownChannelsFail) {
  ExpectConversionFails(Program({1, -1, 4, 4}, 2, "NCHW"), 17, "known channel count");
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Program(const std::vector<int64_t>& shape, int seg_num, float ratio,
                       const std::string& format) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, shape).Var("y", DataType::kFloat32, shape);
  p.Op("temporal_shift")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("seg_num", seg_num)
      .Attr("shift_ratio", ratio)
      .Attr("data_format", format);
  p.Output("y");
  return p;
}

// Pad moves its pads to an input at 11.
TEST(TemporalShift, Nchw) {
  ExpectMatchesReference(Program({6, 8, 2, 3}, 3, 0.25f, "NCHW"),
                         {{"x", RandomTensor(DataType::kFloat32, {6, 8, 2, 3}, 131)}},
                         {.opsets = {7, 11, 13, 17, 18, 19, 21}});
}

TEST(TemporalShift, NhwcDynamicBatchOddRatio) {
  // C = 5, ratio 0.3: c1 = int(1.5) = 1, c2 = int(3.0) = 3.
  ExpectMatchesReference(Program({-1, -1, -1, 5}, 2, 0.3f, "NHWC"),
                         {{"x", RandomTensor(DataType::kFloat32, {4, 3, 2, 5}, 132)}},
                         {.opsets = {7, 11, 17, 19}});
}

TEST(TemporalShift, NoShiftedChannels) {
  // C = 3, ratio 0.1: c1 = c2 = 0, a copy.
  ExpectMatchesReference(Program({2, 3, 2, 2}, 2, 0.1f, "NCHW"),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 2, 2}, 133)}},
                         {.opsets = {7, 11, 17, 19}});
}

// T = 2, C = 4, ratio 0.25 → c1 = 1, c2 = 2. Step 0 = [1, 2, 3, 4],
// step 1 = [11, 12, 13, 14]. Channel 0 reads t - 1, channel 1 reads t + 1:
// step 0 → [0, 12, 3, 4], step 1 → [1, 0, 13, 14].
TEST(TemporalShift, HandComputed) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {2, 4, 1, 1},
                                               std::vector<float>{1, 2, 3, 4, 11, 12, 13, 14});
  const HostTensor y = HostTensor::From<float>(DataType::kFloat32, {2, 4, 1, 1},
                                               std::vector<float>{0, 12, 3, 4, 1, 0, 13, 14});
  ExpectMatchesReference(Program({2, 4, 1, 1}, 2, 0.25f, "NCHW"), {{"x", x}},
                         {.opsets = {7, 11, 17, 19}}, {{"y", y}});
}

TEST(TemporalShift, UnknownChannelsFail) {
  ExpectConversionFails(Program({2, -1, 2, 2}, 2, 0.25f, "NCHW"), 17, "known channel count");
}

}  // namespace
}  // namespace pd2onnx::testing

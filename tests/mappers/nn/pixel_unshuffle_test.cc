#include <gtest/gtest.h>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Program(const std::vector<int64_t>& in, const std::vector<int64_t>& out, int r,
                       const std::string& format) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in).Var("y", DataType::kFloat32, out);
  p.Op("pixel_unshuffle")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("downscale_factor", r)
      .Attr("data_format", format);
  p.Output("y");
  return p;
}

TEST(PixelUnshuffle, Nchw) {
  ExpectMatchesReference(Program({2, 3, 4, 6}, {2, 12, 2, 3}, 2, "NCHW"),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4, 6}, 61)}},
                         {.opsets = {7, 13, 17, 19, 21}});
}

TEST(PixelUnshuffle, NhwcDynamicExtents) {
  ExpectMatchesReference(Program({-1, -1, -1, 2}, {-1, -1, -1, 18}, 3, "NHWC"),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 6, 3, 2}, 62)}},
                         {.opsets = {7, 17, 19}});
}

// x = [[1 2 3 4], [5 6 7 8]] (one channel), r = 2: output channel i·2 + j
// holds x[i][2w + j]: [1 3], [2 4], [5 7], [6 8].
TEST(PixelUnshuffle, HandComputed) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 4},
                                               std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8});
  const HostTensor y = HostTensor::From<float>(DataType::kFloat32, {1, 4, 1, 2},
                                               std::vector<float>{1, 3, 2, 4, 5, 7, 6, 8});
  ExpectMatchesReference(Program({1, 1, 2, 4}, {1, 4, 1, 2}, 2, "NCHW"), {{"x", x}},
                         {.opsets = {7, 17, 19}}, {{"y", y}});
}

TEST(PixelUnshuffle, UnknownChannelsFail) {
  ExpectConversionFails(Program({1, -1, 4, 4}, {1, -1, 2, 2}, 2, "NCHW"), 17,
                        "known channel count");
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Program(const std::vector<int64_t>& x, const std::vector<int64_t>& grid,
                       const std::string& mode, const std::string& padding, bool align_corners) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x)
      .Input("grid", DataType::kFloat32, grid)
      .Var("y", DataType::kFloat32, {x[0], x[1], grid[1], grid[2]});
  p.Op("grid_sampler")
      .In("X", {"x"})
      .In("Grid", {"grid"})
      .Out("Output", {"y"})
      .Attr("mode", mode)
      .Attr("padding_mode", padding)
      .Attr("align_corners", align_corners);
  p.Output("y");
  return p;
}

// Every mode × padding_mode × align_corners at 16 (GridSample-16), 17, 19,
// 20 (modes renamed) and 21. The grid reaches past [-1, 1] to exercise
// the padding.
TEST(GridSampler, EveryBranch) {
  for (const char* mode : {"bilinear", "nearest"}) {
    for (const char* padding : {"zeros", "border", "reflection"}) {
      for (bool align : {true, false}) {
        SCOPED_TRACE(std::string(mode) + " " + padding + (align ? " align" : ""));
        ExpectMatchesReference(
            Program({2, 3, 4, 5}, {2, 3, 6, 2}, mode, padding, align),
            {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4, 5}, 151)},
             {"grid", RandomTensor(DataType::kFloat32, {2, 3, 6, 2}, 152, -1.3, 1.3)}},
            {.opsets = {16, 17, 19, 20, 21}});
      }
    }
  }
}

// X = [[1, 2], [3, 4]]. align_corners: (0, 0) is the centre → 2.5;
// (-1, -1) is pixel (0, 0) → 1; (1, -1) is x = 1 → column 1, row 0 → 2.
// Without align_corners and zeros padding, (-1, -1) is x = y = -0.5: a
// quarter of pixel (0, 0) and three zero taps → 0.25.
TEST(GridSampler, HandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 2}, std::vector<float>{1, 2, 3, 4});
  const HostTensor grid = HostTensor::From<float>(DataType::kFloat32, {1, 1, 3, 2},
                                                  std::vector<float>{0, 0, -1, -1, 1, -1});
  ExpectMatchesReference(Program({1, 1, 2, 2}, {1, 1, 3, 2}, "bilinear", "zeros", true),
                         {{"x", x}, {"grid", grid}}, {.opsets = {16, 19, 20}},
                         {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 3},
                                                        std::vector<float>{2.5f, 1, 2})}});
  const HostTensor corner =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 2}, std::vector<float>{-1, -1});
  ExpectMatchesReference(Program({1, 1, 2, 2}, {1, 1, 1, 2}, "bilinear", "zeros", false),
                         {{"x", x}, {"grid", corner}}, {.opsets = {16, 19, 20}},
                         {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1},
                                                        std::vector<float>{0.25f})}});
}

TEST(GridSampler, NeedsOpset16) {
  ExpectConversionFails(Program({1, 1, 2, 2}, {1, 1, 1, 2}, "bilinear", "zeros", true), 15,
                        "GridSample-16");
}

TEST(GridSampler, BicubicIsRejected) {
  ExpectConversionFails(Program({1, 1, 2, 2}, {1, 1, 1, 2}, "bicubic", "zeros", true), 17,
                        "mode \"bicubic\"");
}

}  // namespace
}  // namespace pd2onnx::testing

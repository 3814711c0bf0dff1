#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct PixelShuffleCase {
  std::string name;
  std::vector<int64_t> input;  // fed shape, in data_format order
  int upscale_factor = 2;
  std::string data_format = "NCHW";
  std::vector<size_t> unknown = {};  // input axes declared -1

  friend void PrintTo(const PixelShuffleCase& c, std::ostream* os) { *os << c.name; }
};

ProgramBuilder PixelShuffleProgram(const PixelShuffleCase& c) {
  const int64_t r = c.upscale_factor;
  const bool nhwc = c.data_format == "NHWC";
  std::vector<int64_t> out = c.input;
  const size_t c_axis = nhwc ? 3 : 1;
  const size_t h_axis = nhwc ? 1 : 2;
  out[c_axis] /= r * r;
  out[h_axis] *= r;
  out[h_axis + 1] *= r;
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, nn_test::WithUnknown(c.input, c.unknown))
      .Var("y", DataType::kFloat32, nn_test::WithUnknown(out, c.unknown));
  p.Op("pixel_shuffle")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("upscale_factor", c.upscale_factor)
      .Attr("data_format", c.data_format);
  p.Output("y");
  return p;
}

class PixelShuffleTest : public ::testing::TestWithParam<PixelShuffleCase> {};

// Opset 11 switches from Reshape/Transpose/Reshape to DepthToSpace (CRD).
TEST_P(PixelShuffleTest, MatchesReference) {
  const PixelShuffleCase& c = GetParam();
  ExpectMatchesReference(PixelShuffleProgram(c),
                         {{"x", RandomTensor(DataType::kFloat32, c.input, 4)}},
                         {.opsets = {7, 10, 11, 13, 17, 19, 21}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, PixelShuffleTest,
    ::testing::Values(
        PixelShuffleCase{.name = "Factor2", .input = {1, 8, 3, 4}},
        PixelShuffleCase{.name = "Factor3", .input = {2, 18, 2, 3}, .upscale_factor = 3},
        PixelShuffleCase{.name = "Nhwc", .input = {2, 3, 4, 12}, .data_format = "NHWC"},
        PixelShuffleCase{.name = "DynamicBatch", .input = {3, 4, 2, 2}, .unknown = {0}},
        PixelShuffleCase{.name = "DynamicExtents", .input = {2, 8, 3, 5}, .unknown = {0, 2, 3}},
        PixelShuffleCase{.name = "NhwcDynamicExtents",
                         .input = {1, 2, 3, 9},
                         .upscale_factor = 3,
                         .data_format = "NHWC",
                         .unknown = {1, 2}}),
    nn_test::CaseName());

}  // namespace
}  // namespace pd2onnx::testing

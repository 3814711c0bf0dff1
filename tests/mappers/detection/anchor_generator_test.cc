// anchor_generator: attribute branches against the interpreter (static and
// dynamic feature maps), and one 1 x 2 map decoded by hand.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct AnchorCase {
  std::string name = "case";
  int64_t h = 3;
  int64_t w = 5;
  std::vector<float> sizes = {32, 64};
  std::vector<float> ratios = {0.5f, 1, 2};
  std::vector<float> stride = {16, 16};
  std::vector<float> variances = {0.1f, 0.1f, 0.2f, 0.2f};
  float offset = 0.5f;
  bool dynamic = false;  // H and W declared -1
  friend void PrintTo(const AnchorCase& c, std::ostream* os) { *os << c.name; }
};

ProgramBuilder AnchorProgram(const AnchorCase& c) {
  const auto num = static_cast<int64_t>(c.sizes.size() * c.ratios.size());
  const int64_t h = c.dynamic ? -1 : c.h;
  const int64_t w = c.dynamic ? -1 : c.w;
  ProgramBuilder p;
  p.Input("feat", DataType::kFloat32, {1, 2, h, w})
      .Var("anchors", DataType::kFloat32, {h, w, num, 4})
      .Var("vars", DataType::kFloat32, {h, w, num, 4});
  p.Op("anchor_generator")
      .In("Input", {"feat"})
      .Out("Anchors", {"anchors"})
      .Out("Variances", {"vars"})
      .Attr("anchor_sizes", c.sizes)
      .Attr("aspect_ratios", c.ratios)
      .Attr("stride", c.stride)
      .Attr("variances", c.variances)
      .Attr("offset", c.offset);
  p.Output("anchors").Output("vars");
  return p;
}

interp::TensorMap Feeds(const AnchorCase& c) {
  return {{"feat", RandomTensor(DataType::kFloat32, {1, 2, c.h, c.w}, 3, -1.0, 1.0)}};
}

class AnchorGeneratorTest : public ::testing::TestWithParam<AnchorCase> {};

TEST_P(AnchorGeneratorTest, MatchesReference) {
  ExpectMatchesReference(AnchorProgram(GetParam()), Feeds(GetParam()), {.opsets = {11, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, AnchorGeneratorTest,
    ::testing::Values(AnchorCase{.name = "Default"},
                      AnchorCase{.name = "NonSquareStride",
                                 .sizes = {24, 48, 96},
                                 .ratios = {0.7f, 1.3f},
                                 .stride = {8, 12},
                                 .variances = {1, 2, 3, 4},
                                 .offset = 0.3f},
                      AnchorCase{.name = "Dynamic", .h = 4, .w = 6, .dynamic = true}),
    [](const ::testing::TestParamInfo<AnchorCase>& param_info) { return param_info.param.name; });

// Stride 16 x 16 (area 256), offset 0.5: centres x = 7.5 + 16 w, y = 7.5.
// Size 32, ratio 1: base 16 x 16, scale 2 -> 32 x 32, half (32 - 1) / 2 = 15.5.
// Ratio 2: base_w = round(sqrt(128)) = 11, base_h = round(22) = 22 -> 22 x 44,
// halves 10.5 and 21.5.
TEST(AnchorGeneratorHandTest, OneRowOfTwoCells) {
  const AnchorCase c{.name = "hand", .h = 1, .w = 2, .sizes = {32}, .ratios = {1, 2}};
  ExpectMatchesReference(
      AnchorProgram(c), Feeds(c), {.opsets = {11}},
      {{"anchors", HostTensor::From(DataType::kFloat32, {1, 2, 2, 4},
                                    std::vector<float>{-8, -8, 23, 23, -3, -14, 18, 29,  //
                                                       8, -8, 39, 23, 13, -14, 34, 29})},
       {"vars",
        HostTensor::From(DataType::kFloat32, {1, 2, 2, 4},
                         std::vector<float>{0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f, 0.1f,
                                            0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f})}});
}

}  // namespace
}  // namespace pd2onnx::testing

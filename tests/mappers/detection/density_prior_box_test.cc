// density_prior_box: attribute branches against the interpreter, one cell by
// hand, and the refused case (steps from dynamic shapes).
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct DensityCase {
  std::string name = "case";
  std::vector<float> sizes = {8, 16};
  std::vector<float> ratios = {1, 2};
  std::vector<int> densities = {3, 1};
  bool clip = false;
  bool flatten = false;
  float step_w = 0;
  float step_h = 0;
  float offset = 0.5f;
  std::vector<float> variances = {0.1f, 0.1f, 0.2f, 0.2f};
  std::vector<int64_t> feature = {1, 4, 3, 4};
  std::vector<int64_t> image = {1, 3, 24, 36};
  bool dynamic = false;  // spatial dims declared -1
  friend void PrintTo(const DensityCase& c, std::ostream* os) { *os << c.name; }
};

std::vector<int64_t> Declared(std::vector<int64_t> dims, bool dynamic) {
  if (dynamic) dims[2] = dims[3] = -1;
  return dims;
}

ProgramBuilder DensityProgram(const DensityCase& c) {
  const std::vector<int64_t> out =
      c.flatten ? std::vector<int64_t>{-1, 4} : std::vector<int64_t>{-1, -1, -1, 4};
  ProgramBuilder p;
  p.Input("feat", DataType::kFloat32, Declared(c.feature, c.dynamic))
      .Input("image", DataType::kFloat32, Declared(c.image, c.dynamic))
      .Var("boxes", DataType::kFloat32, out)
      .Var("vars", DataType::kFloat32, out);
  p.Op("density_prior_box")
      .In("Input", {"feat"})
      .In("Image", {"image"})
      .Out("Boxes", {"boxes"})
      .Out("Variances", {"vars"})
      .Attr("fixed_sizes", c.sizes)
      .Attr("fixed_ratios", c.ratios)
      .Attr("densities", c.densities)
      .Attr("variances", c.variances)
      .Attr("clip", c.clip)
      .Attr("flatten_to_2d", c.flatten)
      .Attr("step_w", c.step_w)
      .Attr("step_h", c.step_h)
      .Attr("offset", c.offset);
  p.Output("boxes").Output("vars");
  return p;
}

interp::TensorMap Feeds(const DensityCase& c) {
  return {{"feat", RandomTensor(DataType::kFloat32, c.feature, 1, -1.0, 1.0)},
          {"image", RandomTensor(DataType::kFloat32, c.image, 2, 0.0, 1.0)}};
}

class DensityPriorBoxTest : public ::testing::TestWithParam<DensityCase> {};

TEST_P(DensityPriorBoxTest, MatchesReference) {
  ExpectMatchesReference(DensityProgram(GetParam()), Feeds(GetParam()), {.opsets = {11, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, DensityPriorBoxTest,
    ::testing::Values(DensityCase{.name = "StepsFromShapes"},
                      DensityCase{.name = "ClipFlatten", .clip = true, .flatten = true},
                      DensityCase{.name = "StepAttrsDynamic",
                                  .sizes = {12, 20, 40},
                                  .ratios = {0.5f, 1.5f},
                                  .densities = {4, 2, 1},
                                  .step_w = 9,
                                  .step_h = 7,
                                  .offset = 0.3f,
                                  .variances = {1, 2, 3, 4},
                                  .dynamic = true}),
    [](const ::testing::TestParamInfo<DensityCase>& param_info) { return param_info.param.name; });

// One 1 x 1 cell of a 16 x 16 image: step 16, centre 8. Size 8 (density 2,
// shift 8): sub-centres 4 and 12, half size 4 -> quarters of the image.
// Size 24 (density 1, shift 16): centre 8, half 12: (-0.25, 1.25) clamped
// to (0, 1) without clip.
TEST(DensityPriorBoxHandTest, OneCell) {
  const DensityCase c{.name = "hand",
                      .sizes = {8, 24},
                      .ratios = {1},
                      .densities = {2, 1},
                      .feature = {1, 1, 1, 1},
                      .image = {1, 1, 16, 16}};
  const std::vector<float> boxes = {0,    0, 0.5f, 0.5f, 0.5f, 0, 1, 0.5f, 0, 0.5f,
                                    0.5f, 1, 0.5f, 0.5f, 1,    1, 0, 0,    1, 1};
  std::vector<float> vars;
  for (int i = 0; i < 5; ++i) vars.insert(vars.end(), {0.1f, 0.1f, 0.2f, 0.2f});
  ExpectMatchesReference(DensityProgram(c), Feeds(c), {.opsets = {11}},
                         {{"boxes", HostTensor::From(DataType::kFloat32, {1, 1, 5, 4}, boxes)},
                          {"vars", HostTensor::From(DataType::kFloat32, {1, 1, 5, 4}, vars)}});
}

TEST(DensityPriorBoxHandTest, StepsFromDynamicShapesAreRefused) {
  ExpectConversionFails(DensityProgram(DensityCase{.dynamic = true}), 11,
                        "needs static Input and Image heights and widths");
}

}  // namespace
}  // namespace pd2onnx::testing

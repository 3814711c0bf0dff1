// prior_box: every attribute branch against the interpreter (static and
// dynamic shapes), and one prior by hand.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct PriorCase {
  std::string name = "case";
  std::vector<float> min_sizes = {4.0f};
  std::vector<float> max_sizes = {};
  std::vector<float> aspect_ratios = {};
  bool flip = false;
  bool clip = false;
  float step_w = 0.0f;
  float step_h = 0.0f;
  float offset = 0.5f;
  bool min_max_order = false;
  std::vector<float> variances = {0.1f, 0.1f, 0.2f, 0.2f};
  std::vector<int64_t> feature = {1, 8, 3, 4};
  std::vector<int64_t> image = {1, 3, 24, 30};
  bool dynamic = false;  // spatial dims declared -1
  friend void PrintTo(const PriorCase& c, std::ostream* os) { *os << c.name; }
};

std::vector<int64_t> Declared(std::vector<int64_t> dims, bool dynamic) {
  if (dynamic) dims[0] = dims[2] = dims[3] = -1;
  return dims;
}

ProgramBuilder PriorProgram(const PriorCase& c) {
  ProgramBuilder p;
  p.Input("feat", DataType::kFloat32, Declared(c.feature, c.dynamic))
      .Input("image", DataType::kFloat32, Declared(c.image, c.dynamic))
      .Var("boxes", DataType::kFloat32, {-1, -1, -1, 4})
      .Var("vars", DataType::kFloat32, {-1, -1, -1, 4});
  p.Op("prior_box")
      .In("Input", {"feat"})
      .In("Image", {"image"})
      .Out("Boxes", {"boxes"})
      .Out("Variances", {"vars"})
      .Attr("min_sizes", c.min_sizes)
      .Attr("max_sizes", c.max_sizes)
      .Attr("aspect_ratios", c.aspect_ratios)
      .Attr("variances", c.variances)
      .Attr("flip", c.flip)
      .Attr("clip", c.clip)
      .Attr("step_w", c.step_w)
      .Attr("step_h", c.step_h)
      .Attr("offset", c.offset)
      .Attr("min_max_aspect_ratios_order", c.min_max_order);
  p.Output("boxes").Output("vars");
  return p;
}

class PriorBoxTest : public ::testing::TestWithParam<PriorCase> {};

TEST_P(PriorBoxTest, MatchesReference) {
  const PriorCase& c = GetParam();
  ExpectMatchesReference(PriorProgram(c),
                         {{"feat", RandomTensor(DataType::kFloat32, c.feature, 1)},
                          {"image", RandomTensor(DataType::kFloat32, c.image, 2)}},
                         {.opsets = {11, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(Branches, PriorBoxTest,
                         ::testing::Values(PriorCase{.name = "MinOnly"},
                                           PriorCase{.name = "MinMaxRatiosFlip",
                                                     .min_sizes = {4.0f, 9.0f},
                                                     .max_sizes = {8.0f, 15.0f},
                                                     .aspect_ratios = {2.0f, 3.0f, 1.0f},
                                                     .flip = true},
                                           PriorCase{.name = "MinMaxOrderClip",
                                                     .min_sizes = {16.0f},
                                                     .max_sizes = {30.0f},
                                                     .aspect_ratios = {2.0f},
                                                     .flip = true,
                                                     .clip = true,
                                                     .min_max_order = true},
                                           PriorCase{.name = "StepsOffset",
                                                     .aspect_ratios = {0.5f},
                                                     .step_w = 7.0f,
                                                     .step_h = 9.0f,
                                                     .offset = 0.25f,
                                                     .variances = {0.1f, 0.2f, 0.3f, 0.4f}},
                                           PriorCase{.name = "Dynamic",
                                                     .max_sizes = {12.0f},
                                                     .aspect_ratios = {2.0f},
                                                     .flip = true,
                                                     .clip = true,
                                                     .feature = {2, 8, 5, 3},
                                                     .image = {2, 3, 40, 20},
                                                     .dynamic = true}),
                         [](const ::testing::TestParamInfo<PriorCase>& param_info) {
                           return param_info.param.name;
                         });

// Feature 1x1 on a 10x10 image: step 10, centre 5, min size 4 → [0.3, 0.3, 0.7, 0.7].
TEST(PriorBoxHandTest, OnePrior) {
  const PriorCase c{.name = "hand", .feature = {1, 2, 1, 1}, .image = {1, 3, 10, 10}};
  ExpectMatchesReference(PriorProgram(c),
                         {{"feat", RandomTensor(DataType::kFloat32, c.feature, 1)},
                          {"image", RandomTensor(DataType::kFloat32, c.image, 2)}},
                         {.opsets = {11, 17}},
                         {{"boxes", HostTensor::From(DataType::kFloat32, {1, 1, 1, 4},
                                                     std::vector<float>{0.3f, 0.3f, 0.7f, 0.7f})},
                          {"vars", HostTensor::From(DataType::kFloat32, {1, 1, 1, 4},
                                                    std::vector<float>{0.1f, 0.1f, 0.2f, 0.2f})}});
}

}  // namespace
}  // namespace pd2onnx::testing

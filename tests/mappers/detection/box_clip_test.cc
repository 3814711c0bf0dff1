// box_clip: boxes of rank 2 and 3 against the interpreter, and an image size
// whose rounding (C round, halves away from zero) is checked by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder BoxClipProgram(const std::vector<int64_t>& box_dims) {
  ProgramBuilder p;
  p.Input("boxes", DataType::kFloat32, box_dims)
      .Input("im_info", DataType::kFloat32, {1, 3})
      .Var("clipped", DataType::kFloat32, box_dims);
  p.Op("box_clip").In("Input", {"boxes"}).In("ImInfo", {"im_info"}).Out("Output", {"clipped"});
  p.Output("clipped");
  return p;
}

interp::TensorMap Feeds(const std::vector<int64_t>& box_dims, std::vector<float> im_info) {
  return {{"boxes", RandomTensor(DataType::kFloat32, box_dims, 17, -8.0, 40.0)},
          {"im_info", HostTensor::From(DataType::kFloat32, {1, 3}, im_info)}};
}

TEST(BoxClipTest, Rank2MatchesReference) {
  ExpectMatchesReference(BoxClipProgram({12, 4}), Feeds({12, 4}, {30, 25, 1}),
                         {.opsets = {9, 17, 19}});
}

// Scale 2: extents 30.5 -> 31 and 12.25 -> 12.
TEST(BoxClipTest, Rank3ScaledMatchesReference) {
  ExpectMatchesReference(BoxClipProgram({2, 5, 4}), Feeds({2, 5, 4}, {61, 24.5f, 2}),
                         {.opsets = {9, 17, 19}});
}

// ImInfo (5, 7, 2): im_h = round(2.5) = 3, im_w = round(3.5) = 4 (halves
// away from zero; ONNX Round would give 2 and 4), so x is clipped to
// [0, 3] and y to [0, 2].
TEST(BoxClipTest, HalfWayImageSizeByHand) {
  const interp::TensorMap feeds = {
      {"boxes", HostTensor::From(DataType::kFloat32, {2, 4},
                                 std::vector<float>{-1, -1, 10, 10, 1.5f, 1.5f, 2.5f, 1.0f})},
      {"im_info", HostTensor::From(DataType::kFloat32, {1, 3}, std::vector<float>{5, 7, 2})}};
  ExpectMatchesReference(
      BoxClipProgram({2, 4}), feeds, {.opsets = {9, 17}},
      {{"clipped", HostTensor::From(DataType::kFloat32, {2, 4},
                                    std::vector<float>{0, 0, 3, 2, 1.5f, 1.5f, 2.5f, 1.0f})}});
}

}  // namespace
}  // namespace pd2onnx::testing

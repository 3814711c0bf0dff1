#include <gtest/gtest.h>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

struct Spec {
  std::vector<int64_t> in;
  std::vector<int64_t> out;
  std::vector<int64_t> ksize = {2, 2};
  std::vector<int64_t> strides = {1, 1};
  std::vector<int64_t> paddings = {0, 0};
  bool global = false;
  bool adaptive = false;
};

ProgramBuilder Program(const Spec& s) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, s.in)
      .Var("y", DataType::kFloat32, s.out)
      .Var("mask", DataType::kInt32, s.out);
  p.Op("max_pool2d_with_index")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Out("Mask", {"mask"})
      .Attr("ksize", Ints(s.ksize))
      .Attr("strides", Ints(s.strides))
      .Attr("paddings", Ints(s.paddings))
      .Attr("global_pooling", s.global)
      .Attr("adaptive", s.adaptive);
  p.Output("y").Output("mask");
  return p;
}

void Expect(const Spec& s, const std::vector<int64_t>& fed) {
  ExpectMatchesReference(Program(s), {{"x", RandomTensor(DataType::kFloat32, fed, 171)}},
                         {.opsets = {8, 10, 13, 17, 18, 19, 21}});
}

TEST(MaxPool2dWithIndex, PaddedStrided) {
  Expect({.in = {2, 3, 7, 6},
          .out = {2, 3, 4, 3},
          .ksize = {3, 3},
          .strides = {2, 2},
          .paddings = {1, 1}},
         {2, 3, 7, 6});
}

TEST(MaxPool2dWithIndex, DynamicExtents) {
  Expect({.in = {-1, 2, -1, -1}, .out = {-1, 2, -1, -1}, .ksize = {2, 3}, .strides = {2, 1}},
         {2, 2, 6, 5});
}

TEST(MaxPool2dWithIndex, GlobalAndAdaptive) {
  Expect({.in = {1, 3, 4, 5}, .out = {1, 3, 1, 1}, .global = true}, {1, 3, 4, 5});
  Expect({.in = {1, 2, 6, 4}, .out = {1, 2, 3, 2}, .ksize = {3, 2}, .adaptive = true},
         {1, 2, 6, 4});
}

// x = [[1, 5, 2], [7, 0, 3]], 2x2 windows, stride 1: maxes 7 (index 3) and
// 5 (index 1).
TEST(MaxPool2dWithIndex, HandComputed) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 3},
                                               std::vector<float>{1, 5, 2, 7, 0, 3});
  ExpectMatchesReference(
      Program({.in = {1, 1, 2, 3}, .out = {1, 1, 1, 2}}), {{"x", x}}, {.opsets = {8, 17, 19}},
      {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 2}, std::vector<float>{7, 5})},
       {"mask",
        HostTensor::From<int32_t>(DataType::kInt32, {1, 1, 1, 2}, std::vector<int32_t>{3, 1})}});
}

TEST(MaxPool2dWithIndex, NeedsOpset8) {
  ExpectConversionFails(Program({.in = {1, 1, 2, 3}, .out = {1, 1, 1, 2}}), 7, "MaxPool-8");
}

}  // namespace
}  // namespace pd2onnx::testing

// squeeze2: listed size-1 axes (others stay), or every size-1 dim.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// Squeeze-13 takes axes as an input.
const std::vector<int> kOpsets = {7, 13, 17, 19};

ProgramBuilder SqueezeProgram(const std::vector<int64_t>& declared,
                              std::optional<std::vector<int>> axes,
                              const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, declared).Var("out", DataType::kFloat32, out_dims);
  OpBuilder op = p.Op("squeeze2").In("X", {"x"}).Out("Out", {"out"});
  if (axes) op.Attr("axes", *axes);
  p.Output("out");
  return p;
}

interp::TensorMap XFeed(const std::vector<int64_t>& dims) {
  return {{"x", RandomTensor(DataType::kFloat32, dims, 1)}};
}

TEST(SqueezeTest, ListedAxes) {
  ExpectMatchesReference(SqueezeProgram({2, 1, 3, 1}, std::vector<int>{1}, {2, 3, 1}),
                         XFeed({2, 1, 3, 1}), {.opsets = kOpsets});
}

TEST(SqueezeTest, NegativeAxes) {
  ExpectMatchesReference(SqueezeProgram({2, 1, 3, 1}, std::vector<int>{-1, -3}, {2, 3}),
                         XFeed({2, 1, 3, 1}), {.opsets = kOpsets});
}

TEST(SqueezeTest, ListedAxisNotOfSizeOneStays) {
  ExpectMatchesReference(SqueezeProgram({2, 1, 3}, std::vector<int>{0, 1}, {2, 3}),
                         XFeed({2, 1, 3}), {.opsets = kOpsets});
}

TEST(SqueezeTest, NothingToSqueeze) {
  ExpectMatchesReference(SqueezeProgram({2, 3}, std::vector<int>{0}, {2, 3}), XFeed({2, 3}),
                         {.opsets = {7, 19}});
}

TEST(SqueezeTest, EmptyAxesRemovesEveryOne) {
  ExpectMatchesReference(SqueezeProgram({1, 2, 1, 3}, std::vector<int>{}, {2, 3}),
                         XFeed({1, 2, 1, 3}), {.opsets = kOpsets});
  ExpectMatchesReference(SqueezeProgram({1, 2, 1, 3}, std::nullopt, {2, 3}), XFeed({1, 2, 1, 3}),
                         {.opsets = {7, 19}});
}

TEST(SqueezeTest, EmptyAxesWithUnknownDims) {
  ExpectMatchesReference(SqueezeProgram({-1, 1, 3}, std::vector<int>{}, {-1, 3}), XFeed({2, 1, 3}),
                         {.opsets = kOpsets});
}

TEST(SqueezeTest, ToZeroDim) {
  ExpectMatchesReference(SqueezeProgram({1, 1}, std::vector<int>{0, 1}, {}), XFeed({1, 1}),
                         {.opsets = kOpsets});
}

}  // namespace
}  // namespace pd2onnx::testing

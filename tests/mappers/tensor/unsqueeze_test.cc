// unsqueeze2: axes inserted in order; a negative axis counts from the end
// of the growing shape. Axes from the attribute or constant tensors.
#include <gtest/gtest.h>

#include <vector>

#include "block_ops.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// Unsqueeze-13 takes axes as an input.
const std::vector<int> kOpsets = {7, 13, 17, 19};

ProgramBuilder UnsqueezeProgram(const std::vector<int64_t>& in_dims, const std::vector<int>& axes,
                                const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in_dims).Var("out", DataType::kFloat32, out_dims);
  p.Op("unsqueeze2").In("X", {"x"}).Out("Out", {"out"}).Attr("axes", axes);
  p.Output("out");
  return p;
}

interp::TensorMap XFeed(const std::vector<int64_t>& dims) {
  return {{"x", RandomTensor(DataType::kFloat32, dims, 1)}};
}

TEST(UnsqueezeTest, OneAxis) {
  ExpectMatchesReference(UnsqueezeProgram({2, 3}, {0}, {1, 2, 3}), XFeed({2, 3}),
                         {.opsets = kOpsets});
  ExpectMatchesReference(UnsqueezeProgram({2, 3}, {2}, {2, 3, 1}), XFeed({2, 3}),
                         {.opsets = {7, 19}});
}

TEST(UnsqueezeTest, SeveralAxesInOrder) {
  ExpectMatchesReference(UnsqueezeProgram({2, 3}, {1, 2}, {2, 1, 1, 3}), XFeed({2, 3}),
                         {.opsets = kOpsets});
  ExpectMatchesReference(UnsqueezeProgram({2, 3}, {2, 0}, {1, 2, 3, 1}), XFeed({2, 3}),
                         {.opsets = kOpsets});
  ExpectMatchesReference(UnsqueezeProgram({2, 3}, {0, 0}, {1, 1, 2, 3}), XFeed({2, 3}),
                         {.opsets = {7, 19}});
}

// -1 twice appends twice: each counts from the shape as it grows.
TEST(UnsqueezeTest, NegativeAxesCountFromTheGrowingShape) {
  ExpectMatchesReference(UnsqueezeProgram({2, 3}, {-1, -1}, {2, 3, 1, 1}), XFeed({2, 3}),
                         {.opsets = kOpsets});
  ExpectMatchesReference(UnsqueezeProgram({2, 3}, {0, -2}, {1, 2, 1, 3}), XFeed({2, 3}),
                         {.opsets = kOpsets});
}

TEST(UnsqueezeTest, ZeroDimInput) {
  ExpectMatchesReference(UnsqueezeProgram({}, {0}, {1}), XFeed({}), {.opsets = kOpsets});
}

TEST(UnsqueezeTest, AxesTensorParam) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3});
  p.Param("axes", HostTensor::From<int32_t>(DataType::kInt32, {2}, {0, -1}));
  p.Var("out", DataType::kFloat32, {1, 2, 3, 1});
  p.Op("unsqueeze2")
      .In("X", {"x"})
      .In("AxesTensor", {"axes"})
      .Out("Out", {"out"})
      .Attr("axes", std::vector<int>{});
  p.Output("out");
  ExpectMatchesReference(p, XFeed({2, 3}), {.opsets = kOpsets});
}

TEST(UnsqueezeTest, AxesTensorListFromConstants) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3});
  p.Var("a", DataType::kInt64, {1}).Var("out", DataType::kFloat32, {2, 1, 3});
  FillConstant(p, 0, "a", DataType::kInt64, 1.0f);
  p.Op("unsqueeze2")
      .In("X", {"x"})
      .In("AxesTensorList", {"a"})
      .Out("Out", {"out"})
      .Attr("axes", std::vector<int>{});
  p.Output("out");
  ExpectMatchesReference(p, XFeed({2, 3}), {.opsets = kOpsets});
}

// Paddle's kernel reads AxesTensorList before AxesTensor (and the
// attribute last): with all three given, the list's axis 1 wins.
TEST(UnsqueezeTest, AxesTensorListTakesPrecedence) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3});
  p.Param("axes", HostTensor::From<int32_t>(DataType::kInt32, {1}, {0}));
  p.Var("a", DataType::kInt64, {1}).Var("out", DataType::kFloat32, {2, 1, 3});
  FillConstant(p, 0, "a", DataType::kInt64, 1.0f);
  p.Op("unsqueeze2")
      .In("X", {"x"})
      .In("AxesTensor", {"axes"})
      .In("AxesTensorList", {"a"})
      .Out("Out", {"out"})
      .Attr("axes", std::vector<int>{2});
  p.Output("out");
  const interp::TensorMap feeds = XFeed({2, 3});
  HostTensor expected = feeds.at("x");
  expected.dims = {2, 1, 3};
  ExpectMatchesReference(p, feeds, {.opsets = kOpsets}, {{"out", expected}});
}

TEST(UnsqueezeTest, AxesAtRunTimeAreUnsupported) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3}).Input("axes", DataType::kInt32, {1});
  p.Var("out", DataType::kFloat32, {-1, -1, -1});
  p.Op("unsqueeze2")
      .In("X", {"x"})
      .In("AxesTensor", {"axes"})
      .Out("Out", {"out"})
      .Attr("axes", std::vector<int>{});
  p.Output("out");
  ExpectConversionFails(p, 13, "axes");
}

}  // namespace
}  // namespace pd2onnx::testing

// expand_v2: target from `shape`, a `Shape` tensor or
// `expand_shapes_tensor`; -1 keeps X's extent.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {8, 13, 17, 19};

ProgramBuilder ExpandProgram(const std::vector<int>& shape, const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 1}).Var("out", DataType::kFloat32, out_dims);
  p.Op("expand_v2").In("X", {"x"}).Out("Out", {"out"}).Attr("shape", shape);
  p.Output("out");
  return p;
}

interp::TensorMap XFeed() { return {{"x", RandomTensor(DataType::kFloat32, {3, 1}, 1)}}; }

TEST(ExpandTest, ShapeAttr) {
  ExpectMatchesReference(ExpandProgram({2, 3, 4}, {2, 3, 4}), XFeed(), {.opsets = kOpsets});
}

TEST(ExpandTest, MinusOneKeepsExtent) {
  ExpectMatchesReference(ExpandProgram({2, -1, 4}, {2, 3, 4}), XFeed(), {.opsets = kOpsets});
  ExpectMatchesReference(ExpandProgram({-1, -1}, {3, 1}), XFeed(), {.opsets = {8, 19}});
}

TEST(ExpandTest, NeedsOpset8) {
  ExpectConversionFails(ExpandProgram({2, 3, 4}, {2, 3, 4}), 7, "Expand");
}

TEST(ExpandTest, ShapeTensorAtRunTime) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 1}).Input("shape", DataType::kInt32, {3});
  p.Var("out", DataType::kFloat32, {-1, -1, -1});
  p.Op("expand_v2")
      .In("X", {"x"})
      .In("Shape", {"shape"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>{});
  p.Output("out");
  interp::TensorMap feeds = XFeed();
  feeds["shape"] = HostTensor::From<int32_t>(DataType::kInt32, {3}, {2, -1, 5});
  ExpectMatchesReference(p, feeds, {.opsets = kOpsets});
}

TEST(ExpandTest, ExpandShapesTensorMixed) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 1}).Input("d1", DataType::kInt64, {1});
  p.Var("d0", DataType::kInt32, {1}).Var("out", DataType::kFloat32, {3, -1});
  p.Op("fill_constant")
      .Out("Out", {"d0"})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", static_cast<int>(DataType::kInt32))
      .Attr("value", -1.0f);
  p.Op("expand_v2")
      .In("X", {"x"})
      .In("expand_shapes_tensor", {"d0", "d1"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>{-1, -1});
  p.Output("out");
  interp::TensorMap feeds = XFeed();
  feeds["d1"] = HostTensor::From<int64_t>(DataType::kInt64, {1}, {6});
  ExpectMatchesReference(p, feeds, {.opsets = kOpsets});
}

}  // namespace
}  // namespace pd2onnx::testing

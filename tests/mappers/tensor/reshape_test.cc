// reshape2 / reshape: shape attribute, Shape tensor, ShapeTensor list
// (precedence ShapeTensor > Shape > attribute).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {7, 13, 17, 19};

interp::TensorMap XFeed(DataType dtype = DataType::kFloat32) {
  return {{"x", RandomTensor(dtype, {2, 3, 4}, 1, -10, 10)}};
}

ProgramBuilder AttrProgram(const std::string& type, std::vector<int> shape,
                           std::vector<int64_t> out_dims, DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, {2, 3, 4}).Var("out", dtype, out_dims).Var("xshape", dtype, {0, 2, 3, 4});
  OpBuilder op = p.Op(type).In("X", {"x"}).Out("Out", {"out"}).Attr("shape", shape);
  if (type == "reshape2") op.Out("XShape", {"xshape"});  // data-less, never bound
  p.Output("out");
  return p;
}

TEST(ReshapeTest, ShapeAttr) {
  ExpectMatchesReference(AttrProgram("reshape2", {4, 6}, {4, 6}), XFeed(), {.opsets = kOpsets});
}

// 0 copies the input dim at that index, -1 takes the rest (as in ONNX).
TEST(ReshapeTest, ShapeAttrWithZeroAndMinusOne) {
  ExpectMatchesReference(AttrProgram("reshape2", {0, -1}, {2, 12}), XFeed(), {.opsets = kOpsets});
  ExpectMatchesReference(AttrProgram("reshape2", {-1, 0, 2}, {4, 3, 2}), XFeed(),
                         {.opsets = kOpsets});
}

TEST(ReshapeTest, ToZeroDimAndBack) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {1, 1}).Var("s", DataType::kFloat32, {});
  p.Var("out", DataType::kFloat32, {1});
  p.Op("reshape2").In("X", {"x"}).Out("Out", {"s"}).Attr("shape", std::vector<int>{});
  p.Op("reshape2").In("X", {"s"}).Out("Out", {"out"}).Attr("shape", std::vector<int>{1});
  p.Output("s").Output("out");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, {1, 1}, 2)}},
                         {.opsets = kOpsets});
}

TEST(ReshapeTest, IntegerAndBoolData) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64, DataType::kBool}) {
    ExpectMatchesReference(AttrProgram("reshape2", {3, -1}, {3, 8}, dtype), XFeed(dtype),
                           {.opsets = {7, 19}});
  }
}

TEST(ReshapeTest, LegacyReshapeOp) {
  ExpectMatchesReference(AttrProgram("reshape", {4, 6}, {4, 6}), XFeed(), {.opsets = {7, 19}});
}

// `Shape`: one 1-D int32/int64 tensor.
TEST(ReshapeTest, ShapeTensorAtRunTime) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ProgramBuilder p;
    p.Input("x", DataType::kFloat32, {2, 3, 4}).Input("shape", dtype, {3});
    p.Var("out", DataType::kFloat32, {-1, -1, -1});
    p.Op("reshape2")
        .In("X", {"x"})
        .In("Shape", {"shape"})
        .Out("Out", {"out"})
        .Attr("shape", std::vector<int>{-1, -1, -1});
    p.Output("out");
    interp::TensorMap feeds = XFeed();
    feeds["shape"] = dtype == DataType::kInt32 ? HostTensor::From<int32_t>(dtype, {3}, {4, 0, -1})
                                               : HostTensor::From<int64_t>(dtype, {3}, {4, 0, -1});
    ExpectMatchesReference(p, feeds, {.opsets = kOpsets});
  }
}

TEST(ReshapeTest, ShapeTensorParam) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4});
  p.Param("shape", HostTensor::From<int32_t>(DataType::kInt32, {2}, {6, 4}));
  p.Var("out", DataType::kFloat32, {6, 4});
  p.Op("reshape2")
      .In("X", {"x"})
      .In("Shape", {"shape"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>{-1, -1});
  p.Output("out");
  ExpectMatchesReference(p, XFeed(), {.opsets = kOpsets});
}

// The usual dynamic reshape: the target is another tensor's shape.
TEST(ReshapeTest, ShapeFromShapeOp) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Input("y", DataType::kFloat32, {-1, 6});
  p.Var("y_shape", DataType::kInt32, {2}).Var("out", DataType::kFloat32, {-1, 6});
  p.Op("shape").In("Input", {"y"}).Out("Out", {"y_shape"});
  p.Op("reshape2")
      .In("X", {"x"})
      .In("Shape", {"y_shape"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>{});
  p.Output("out");
  interp::TensorMap feeds = XFeed();
  feeds["y"] = RandomTensor(DataType::kFloat32, {4, 6}, 3);
  ExpectMatchesReference(p, feeds, {.opsets = kOpsets});
}

// `ShapeTensor`: one 1-element tensor per entry; known and run-time mixed.
TEST(ReshapeTest, ShapeTensorListMixed) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Input("d1", DataType::kInt32, {1});
  p.Var("d0", DataType::kInt32, {1}).Var("d2", DataType::kInt64, {});
  p.Var("out", DataType::kFloat32, {-1, -1, -1});
  p.Op("fill_constant")
      .Out("Out", {"d0"})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", static_cast<int>(DataType::kInt32))
      .Attr("value", 4.0f);
  p.Op("fill_constant")
      .Out("Out", {"d2"})
      .Attr("shape", std::vector<int64_t>{})
      .Attr("dtype", static_cast<int>(DataType::kInt64))
      .Attr("value", 2.0f);
  p.Op("reshape2")
      .In("X", {"x"})
      .In("ShapeTensor", {"d0", "d1", "d2"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>{-1, -1, -1});
  p.Output("out");
  interp::TensorMap feeds = XFeed();
  feeds["d1"] = HostTensor::From<int32_t>(DataType::kInt32, {1}, {3});
  ExpectMatchesReference(p, feeds, {.opsets = kOpsets});
}

TEST(ReshapeTest, ShapeTensorListKnown) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4});
  p.Var("d0", DataType::kInt32, {1}).Var("d1", DataType::kInt64, {1});
  p.Var("out", DataType::kFloat32, {8, 3});
  p.Op("fill_constant")
      .Out("Out", {"d0"})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", static_cast<int>(DataType::kInt32))
      .Attr("value", 8.0f);
  p.Op("fill_constant")
      .Out("Out", {"d1"})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", static_cast<int>(DataType::kInt64))
      .Attr("value", -1.0f);
  p.Op("reshape2")
      .In("X", {"x"})
      .In("ShapeTensor", {"d0", "d1"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>{});
  p.Output("out");
  ExpectMatchesReference(p, XFeed(), {.opsets = kOpsets});
}

TEST(ReshapeTest, ShapeTensorListOverridesShape) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Input("d0", DataType::kInt64, {1});
  p.Input("shape", DataType::kInt32, {2});
  p.Var("out", DataType::kFloat32, {-1});
  p.Op("reshape2")
      .In("X", {"x"})
      .In("Shape", {"shape"})
      .In("ShapeTensor", {"d0"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>{4, 6});
  p.Output("out");
  interp::TensorMap feeds = XFeed();
  feeds["d0"] = HostTensor::From<int64_t>(DataType::kInt64, {1}, {24});
  feeds["shape"] = HostTensor::From<int32_t>(DataType::kInt32, {2}, {6, 4});
  ExpectMatchesReference(p, feeds, {.opsets = kOpsets});
}

}  // namespace
}  // namespace pd2onnx::testing

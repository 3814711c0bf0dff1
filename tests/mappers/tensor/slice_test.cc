// slice: attributes with negatives and sentinels, decrease_axis (0-D vs
// [1] results), and start/end tensors known now or at run time.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// Slice-10 moves starts/ends to inputs; Squeeze-13 moves axes to an input.
const std::vector<int> kAttrOpsets = {7, 9, 10, 13, 17, 19};
const std::vector<int> kTensorOpsets = {10, 11, 13, 17, 19};

struct SliceAttrs {
  std::vector<int64_t> axes;
  std::vector<int64_t> starts;
  std::vector<int64_t> ends;
  std::vector<int64_t> decrease_axis;
};

ProgramBuilder SliceProgram(const std::vector<int64_t>& in_dims, const SliceAttrs& a,
                            const std::vector<int64_t>& out_dims,
                            DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, in_dims).Var("out", dtype, out_dims);
  OpBuilder op = p.Op("slice")
                     .In("Input", {"x"})
                     .Out("Out", {"out"})
                     .Attr("axes", a.axes)
                     .Attr("starts", a.starts)
                     .Attr("ends", a.ends)
                     .Attr("infer_flags", std::vector<int>(a.axes.size(), 1));
  if (!a.decrease_axis.empty()) op.Attr("decrease_axis", a.decrease_axis);
  p.Output("out");
  return p;
}

interp::TensorMap XFeed(const std::vector<int64_t>& dims, DataType dtype = DataType::kFloat32) {
  return {{"x", RandomTensor(dtype, dims, 1, -9, 9)}};
}

TEST(SliceTest, Basic) {
  ExpectMatchesReference(SliceProgram({4, 5, 6}, {{0, 2}, {1, 2}, {3, 5}, {}}, {2, 5, 3}),
                         XFeed({4, 5, 6}), {.opsets = kAttrOpsets});
}

TEST(SliceTest, NegativeAxesStartsEnds) {
  ExpectMatchesReference(SliceProgram({4, 5, 6}, {{-1, 1}, {-4, -3}, {-1, 5}, {}}, {4, 3, 3}),
                         XFeed({4, 5, 6}), {.opsets = kAttrOpsets});
}

TEST(SliceTest, OutOfRangeStartsClamp) {
  ExpectMatchesReference(SliceProgram({4, 5}, {{0, 1}, {-10, 2}, {2, 100}, {}}, {2, 3}),
                         XFeed({4, 5}), {.opsets = kAttrOpsets});
}

TEST(SliceTest, SentinelEnds) {
  constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();
  constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
  ExpectMatchesReference(SliceProgram({4, 5}, {{0, 1}, {1, 2}, {kInt32Max, kInt64Max}, {}}, {3, 3}),
                         XFeed({4, 5}), {.opsets = kAttrOpsets});
}

TEST(SliceTest, SentinelEndsOnUnknownExtent) {
  constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
  ExpectMatchesReference(SliceProgram({-1, 5}, {{0}, {1}, {kInt64Max}, {}}, {-1, 5}), XFeed({4, 5}),
                         {.opsets = kAttrOpsets});
}

TEST(SliceTest, EmptyRange) {
  ExpectMatchesReference(SliceProgram({4, 5}, {{1}, {3}, {1}, {}}, {4, 0}), XFeed({4, 5}),
                         {.opsets = {7, 10, 19}});
}

TEST(SliceTest, DecreaseAxis) {
  ExpectMatchesReference(SliceProgram({4, 5, 6}, {{1}, {2}, {3}, {1}}, {4, 6}), XFeed({4, 5, 6}),
                         {.opsets = kAttrOpsets});
}

TEST(SliceTest, NegativeStartsAndDecreaseAxis) {
  ExpectMatchesReference(SliceProgram({4, 5, 6}, {{0, 2}, {-1, -2}, {4, -1}, {0, 2}}, {5}),
                         XFeed({4, 5, 6}), {.opsets = kAttrOpsets});
}

// Every dim removed: Paddle >= 2.5 declares 0-D, older writers [1].
TEST(SliceTest, DecreaseEveryAxisToZeroDim) {
  ExpectMatchesReference(SliceProgram({4}, {{0}, {2}, {3}, {0}}, {}), XFeed({4}),
                         {.opsets = kAttrOpsets});
}

TEST(SliceTest, DecreaseEveryAxisToShapeOne) {
  ExpectMatchesReference(SliceProgram({4, 5}, {{0, 1}, {2, -1}, {3, 5}, {0, 1}}, {1}),
                         XFeed({4, 5}), {.opsets = kAttrOpsets});
}

TEST(SliceTest, IntegerAndBoolData) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64, DataType::kBool}) {
    ExpectMatchesReference(SliceProgram({4, 5}, {{1}, {1}, {4}, {}}, {4, 3}, dtype),
                           XFeed({4, 5}, dtype), {.opsets = {7, 10, 19}});
  }
}

// ---- Start/end tensors --------------------------------------------------

// StartsTensorList from model inputs (int32 [1] each), ends from the attribute.
ProgramBuilder StartsTensorListProgram() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {4, 5, 6});
  p.Input("s0", DataType::kInt32, {1}).Input("s1", DataType::kInt64, {1});
  p.Var("out", DataType::kFloat32, {-1, 5, -1});
  p.Op("slice")
      .In("Input", {"x"})
      .In("StartsTensorList", {"s0", "s1"})
      .Out("Out", {"out"})
      .Attr("axes", std::vector<int>{0, 2})
      .Attr("starts", std::vector<int>{-1, -1})
      .Attr("ends", std::vector<int64_t>{3, std::numeric_limits<int64_t>::max()})
      .Attr("infer_flags", std::vector<int>{-1, -1});
  p.Output("out");
  return p;
}

TEST(SliceTest, StartsTensorListAtRunTime) {
  interp::TensorMap feeds = XFeed({4, 5, 6});
  feeds["s0"] = HostTensor::From<int32_t>(DataType::kInt32, {1}, {1});
  feeds["s1"] = HostTensor::From<int64_t>(DataType::kInt64, {1}, {-4});
  ExpectMatchesReference(StartsTensorListProgram(), feeds, {.opsets = kTensorOpsets});
}

TEST(SliceTest, StartsTensorListNeedsOpset10) {
  ExpectConversionFails(StartsTensorListProgram(), 9, "StartsTensorList");
}

// EndsTensor (one 1-D tensor) at run time, with decrease_axis.
TEST(SliceTest, EndsTensorAtRunTimeAndDecreaseAxis) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {4, 5, 6}).Input("ends", DataType::kInt32, {2});
  p.Var("out", DataType::kFloat32, {-1});
  p.Op("slice")
      .In("Input", {"x"})
      .In("EndsTensor", {"ends"})
      .Out("Out", {"out"})
      .Attr("axes", std::vector<int>{0, 1})
      .Attr("starts", std::vector<int>{2, 1})
      .Attr("ends", std::vector<int>{-1, -1})
      .Attr("infer_flags", std::vector<int>{-1, -1})
      .Attr("decrease_axis", std::vector<int>{0, 1});
  p.Output("out");
  interp::TensorMap feeds = XFeed({4, 5, 6});
  feeds["ends"] = HostTensor::From<int32_t>(DataType::kInt32, {2}, {3, -3});
  ExpectMatchesReference(p, feeds, {.opsets = kTensorOpsets});
}

// StartsTensor wins over StartsTensorList; constants come from fill_constant.
TEST(SliceTest, StartsTensorAndListFromConstants) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {4, 5});
  p.Var("starts", DataType::kInt64, {2}).Var("e0", DataType::kInt32, {1});
  p.Var("out", DataType::kFloat32, {3, 2});
  p.Op("fill_constant")
      .Out("Out", {"starts"})
      .Attr("shape", std::vector<int64_t>{2})
      .Attr("dtype", static_cast<int>(DataType::kInt64))
      .Attr("value", 1.0f);
  p.Op("fill_constant")
      .Out("Out", {"e0"})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", static_cast<int>(DataType::kInt32))
      .Attr("value", 3.0f);
  p.Op("slice")
      .In("Input", {"x"})
      .In("StartsTensor", {"starts"})
      .In("StartsTensorList", {"e0", "e0"})
      .In("EndsTensorList", {"e0", "e0"})
      .Out("Out", {"out"})
      .Attr("axes", std::vector<int>{0, 1})
      .Attr("starts", std::vector<int>{0, 0})
      .Attr("ends", std::vector<int>{1, 1})
      .Attr("infer_flags", std::vector<int>{-1, -1});
  p.Output("out");
  ExpectMatchesReference(p, XFeed({4, 5}), {.opsets = kTensorOpsets});
}

// A slice of a shape: the pattern of dynamic-shape models.
TEST(SliceTest, OfShapeToZeroDim) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 5, 6});
  p.Var("dims", DataType::kInt32, {3}).Var("batch", DataType::kInt32, {});
  p.Op("shape").In("Input", {"x"}).Out("Out", {"dims"});
  p.Op("slice")
      .In("Input", {"dims"})
      .Out("Out", {"batch"})
      .Attr("axes", std::vector<int>{0})
      .Attr("starts", std::vector<int>{0})
      .Attr("ends", std::vector<int>{1})
      .Attr("infer_flags", std::vector<int>{1})
      .Attr("decrease_axis", std::vector<int>{0});
  p.Output("batch");
  ExpectMatchesReference(p, XFeed({3, 5, 6}), {.opsets = kAttrOpsets});
}

}  // namespace
}  // namespace pd2onnx::testing

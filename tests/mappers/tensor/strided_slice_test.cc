// strided_slice: positive and negative strides, Paddle's end -1 rule,
// decrease_axis, and starts/ends tensors.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct Attrs {
  std::vector<int64_t> axes, starts, ends, strides, decrease_axis;
};

ProgramBuilder StridedSliceProgram(const std::vector<int64_t>& in_dims, const Attrs& a,
                                   const std::vector<int64_t>& out_dims,
                                   DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, in_dims).Var("out", dtype, out_dims);
  OpBuilder op = p.Op("strided_slice")
                     .In("Input", {"x"})
                     .Out("Out", {"out"})
                     .Attr("axes", a.axes)
                     .Attr("starts", a.starts)
                     .Attr("ends", a.ends)
                     .Attr("strides", a.strides)
                     .Attr("infer_flags", std::vector<int>(a.axes.size(), 1));
  if (!a.decrease_axis.empty()) op.Attr("decrease_axis", a.decrease_axis);
  p.Output("out");
  return p;
}

HostTensor Iota(const std::vector<int64_t>& dims) {
  std::vector<float> v(static_cast<size_t>(graph::NumElements(dims)));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i);
  return HostTensor::From<float>(DataType::kFloat32, dims, v);
}

TEST(StridedSliceTest, UnitStridesFromOpset7) {
  ExpectMatchesReference(
      StridedSliceProgram({4, 5}, {{0, 1}, {1, -4}, {3, 100}, {1, 1}, {}}, {2, 4}),
      {{"x", RandomTensor(DataType::kFloat32, {4, 5}, 1)}}, {.opsets = {7, 10, 13, 17, 19}});
}

// X = 0..9: [1:8:3] → 1, 4, 7; [8:1:-3] → 8, 5, 2.
TEST(StridedSliceTest, PositiveAndNegativeStridesByHand) {
  ExpectMatchesReference(StridedSliceProgram({10}, {{0}, {1}, {8}, {3}, {}}, {3}),
                         {{"x", Iota({10})}}, {.opsets = {10, 13, 17, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {1, 4, 7})}});
  ExpectMatchesReference(StridedSliceProgram({10}, {{0}, {8}, {1}, {-3}, {}}, {3}),
                         {{"x", Iota({10})}}, {.opsets = {10, 17, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {8, 5, 2})}});
}

// Paddle: end -1 with a negative stride runs through element 0
// ([-1:-1:-2] of 0..5 → 5, 3, 1); an end below -n clamps to 0 and excludes
// element 0 ([4:-100:-1] of 0..5 → 4, 3, 2, 1).
TEST(StridedSliceTest, NegativeStrideEndRules) {
  ExpectMatchesReference(StridedSliceProgram({6}, {{0}, {-1}, {-1}, {-2}, {}}, {3}),
                         {{"x", Iota({6})}}, {.opsets = {10, 17, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {5, 3, 1})}});
  ExpectMatchesReference(StridedSliceProgram({6}, {{0}, {4}, {-100}, {-1}, {}}, {4}),
                         {{"x", Iota({6})}}, {.opsets = {10, 17, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {4}, {4, 3, 2, 1})}});
}

TEST(StridedSliceTest, MultiAxisDecreaseAndDtypes) {
  constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
  ExpectMatchesReference(
      StridedSliceProgram({4, 5, 6}, {{0, 2, 1}, {1, kMax, 0}, {2, -kMax, 5}, {1, -2, 2}, {0}},
                          {3, 3}),
      {{"x", RandomTensor(DataType::kFloat32, {4, 5, 6}, 1)}}, {.opsets = {10, 13, 17, 19}});
  for (DataType dtype : {DataType::kInt32, DataType::kInt64, DataType::kBool}) {
    ExpectMatchesReference(StridedSliceProgram({4, 5}, {{1}, {-1}, {-1}, {-1}, {}}, {4, 5}, dtype),
                           {{"x", RandomTensor(dtype, {4, 5}, 2, -9, 9)}}, {.opsets = {10, 19}});
  }
  // Every dim decreased: 0-D.
  ExpectMatchesReference(StridedSliceProgram({4}, {{0}, {2}, {3}, {1}, {0}}, {}),
                         {{"x", RandomTensor(DataType::kFloat32, {4}, 3)}},
                         {.opsets = {7, 13, 19}});
}

TEST(StridedSliceTest, StridesNeedOpset10) {
  ExpectConversionFails(StridedSliceProgram({10}, {{0}, {1}, {8}, {3}, {}}, {3}), 9, "strides");
}

TEST(StridedSliceTest, StartsTensorAtRunTime) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {6, 4}).Input("starts", DataType::kInt32, {2});
  p.Var("out", DataType::kFloat32, {-1, -1});
  p.Op("strided_slice")
      .In("Input", {"x"})
      .In("StartsTensor", {"starts"})
      .Out("Out", {"out"})
      .Attr("axes", std::vector<int>{0, 1})
      .Attr("starts", std::vector<int>{0, 0})
      .Attr("ends", std::vector<int>{6, 4})
      .Attr("strides", std::vector<int>{2, 1})
      .Attr("infer_flags", std::vector<int>{-1, -1});
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", RandomTensor(DataType::kFloat32, {6, 4}, 1)},
                          {"starts", HostTensor::From<int32_t>(DataType::kInt32, {2}, {1, -3})}},
                         {.opsets = {10, 13, 17, 19}});
  ExpectConversionFails(p, 9, "StartsTensor");
}

}  // namespace
}  // namespace pd2onnx::testing

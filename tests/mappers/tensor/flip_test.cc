// flip / reverse (Slice-10 with step -1) and roll (Slices + Concat).
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder FlipProgram(const std::string& type, const std::vector<int64_t>& dims,
                           const std::vector<int>& axis, DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, dims);
  p.Op(type).In("X", {"x"}).Out("Out", {"out"}).Attr("axis", axis);
  p.Output("out");
  return p;
}

// X [2, 3] = [[0 1 2], [3 4 5]] flipped on axis -1: [[2 1 0], [5 4 3]].
TEST(FlipTest, LastAxisByHand) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {2, 3}, {0, 1, 2, 3, 4, 5});
  ExpectMatchesReference(
      FlipProgram("flip", {2, 3}, {-1}), {{"x", x}}, {.opsets = {10, 13, 17, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {2, 1, 0, 5, 4, 3})}});
}

TEST(FlipTest, SeveralAxesUnknownExtentAndDtypes) {
  ExpectMatchesReference(FlipProgram("flip", {2, 3, 4}, {0, 2}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1)}},
                         {.opsets = {10, 17, 19}});
  ExpectMatchesReference(FlipProgram("flip", {-1, 3}, {0, 1}),
                         {{"x", RandomTensor(DataType::kFloat32, {5, 3}, 1)}},
                         {.opsets = {10, 19}});
  for (DataType dtype : {DataType::kInt32, DataType::kInt64, DataType::kBool}) {
    ExpectMatchesReference(FlipProgram("flip", {3, 4}, {1}, dtype),
                           {{"x", RandomTensor(dtype, {3, 4}, 2, -9, 9)}}, {.opsets = {10, 19}});
  }
}

TEST(FlipTest, Reverse) {
  ExpectMatchesReference(FlipProgram("reverse", {4, 3}, {0}),
                         {{"x", RandomTensor(DataType::kFloat32, {4, 3}, 1)}},
                         {.opsets = {10, 17, 19}});
}

TEST(FlipTest, NeedsOpset10) {
  ExpectConversionFails(FlipProgram("flip", {2, 3}, {0}), 9, "Slice-10");
}

ProgramBuilder RollProgram(const std::vector<int64_t>& dims, const std::vector<int64_t>& shifts,
                           const std::vector<int64_t>& axis, DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, dims);
  p.Op("roll").In("X", {"x"}).Out("Out", {"out"}).Attr("shifts", shifts).Attr("axis", axis);
  p.Output("out");
  return p;
}

// X [2, 3] = [[0 1 2], [3 4 5]]; shift 1 on axis 1: [[2 0 1], [5 3 4]];
// without axis, shift -2 over the flat data: [2 3 4 5 0 1].
TEST(RollTest, ByHand) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {2, 3}, {0, 1, 2, 3, 4, 5});
  ExpectMatchesReference(
      RollProgram({2, 3}, {1}, {1}), {{"x", x}}, {.opsets = {7, 10, 17, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {2, 0, 1, 5, 3, 4})}});
  ExpectMatchesReference(
      RollProgram({2, 3}, {-2}, {}), {{"x", x}}, {.opsets = {7, 10, 17, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {2, 3, 4, 5, 0, 1})}});
}

TEST(RollTest, SeveralAxesLargeShiftsAndDtypes) {
  ExpectMatchesReference(RollProgram({3, 4, 5}, {7, -1, 5}, {0, -1, 1}),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 4, 5}, 1)}},
                         {.opsets = {7, 10, 17, 19}});
  for (DataType dtype : {DataType::kInt32, DataType::kInt64, DataType::kBool}) {
    ExpectMatchesReference(RollProgram({3, 4}, {2}, {0}, dtype),
                           {{"x", RandomTensor(dtype, {3, 4}, 2, -9, 9)}}, {.opsets = {7, 19}});
  }
}

TEST(RollTest, ShiftsTensorFromConstant) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 4}).Var("shifts", DataType::kInt64, {1});
  p.Var("out", DataType::kFloat32, {3, 4});
  p.Op("fill_constant")
      .Out("Out", {"shifts"})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", static_cast<int>(DataType::kInt64))
      .Attr("value", 3.0f);
  p.Op("roll")
      .In("X", {"x"})
      .In("ShiftsTensor", {"shifts"})
      .Out("Out", {"out"})
      .Attr("shifts", std::vector<int64_t>{0})
      .Attr("axis", std::vector<int64_t>{1});
  p.Output("out");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, {3, 4}, 1)}},
                         {.opsets = {7, 17, 19}});
}

TEST(RollTest, UnknownExtentFails) {
  ExpectConversionFails(RollProgram({-1, 4}, {1}, {0}), 11, "unknown extent");
}

}  // namespace
}  // namespace pd2onnx::testing

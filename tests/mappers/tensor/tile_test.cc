// tile: repeat_times from the attribute, a RepeatTimes tensor or
// repeat_times_tensor; shorter lists pad with 1s, longer ones add dims.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {7, 13, 17, 19};

ProgramBuilder TileProgram(const std::vector<int>& repeats, const std::vector<int64_t>& out_dims,
                           DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, {2, 3}).Var("out", dtype, out_dims);
  p.Op("tile").In("X", {"x"}).Out("Out", {"out"}).Attr("repeat_times", repeats);
  p.Output("out");
  return p;
}

interp::TensorMap XFeed(DataType dtype = DataType::kFloat32) {
  return {{"x", RandomTensor(dtype, {2, 3}, 1, -9, 9)}};
}

TEST(TileTest, SameLength) {
  ExpectMatchesReference(TileProgram({2, 3}, {4, 9}), XFeed(), {.opsets = kOpsets});
}

TEST(TileTest, ShorterListPadsWithOnes) {
  ExpectMatchesReference(TileProgram({2}, {2, 6}), XFeed(), {.opsets = kOpsets});
}

TEST(TileTest, LongerListAddsLeadingDims) {
  ExpectMatchesReference(TileProgram({2, 1, 3}, {2, 2, 9}), XFeed(), {.opsets = kOpsets});
}

TEST(TileTest, IntegerData) {
  ExpectMatchesReference(TileProgram({1, 2}, {2, 6}, DataType::kInt64), XFeed(DataType::kInt64),
                         {.opsets = {7, 19}});
}

TEST(TileTest, RepeatTimesTensorAtRunTime) {
  for (int length : {1, 2, 3}) {
    ProgramBuilder p;
    p.Input("x", DataType::kFloat32, {2, 3}).Input("repeats", DataType::kInt32, {length});
    p.Var("out", DataType::kFloat32, std::vector<int64_t>(std::max(length, 2), -1));
    p.Op("tile")
        .In("X", {"x"})
        .In("RepeatTimes", {"repeats"})
        .Out("Out", {"out"})
        .Attr("repeat_times", std::vector<int>{});
    p.Output("out");
    std::vector<int32_t> values = {2, 1, 3};
    values.resize(length);
    interp::TensorMap feeds = XFeed();
    feeds["repeats"] = HostTensor::From<int32_t>(DataType::kInt32, {length}, values);
    ExpectMatchesReference(p, feeds, {.opsets = kOpsets});
  }
}

TEST(TileTest, RepeatTimesTensorListMixed) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3}).Input("r1", DataType::kInt64, {1});
  p.Var("r0", DataType::kInt32, {1}).Var("out", DataType::kFloat32, {6, -1});
  p.Op("fill_constant")
      .Out("Out", {"r0"})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", static_cast<int>(DataType::kInt32))
      .Attr("value", 3.0f);
  p.Op("tile")
      .In("X", {"x"})
      .In("repeat_times_tensor", {"r0", "r1"})
      .Out("Out", {"out"})
      .Attr("repeat_times", std::vector<int>{});
  p.Output("out");
  interp::TensorMap feeds = XFeed();
  feeds["r1"] = HostTensor::From<int64_t>(DataType::kInt64, {1}, {2});
  ExpectMatchesReference(p, feeds, {.opsets = kOpsets});
}

}  // namespace
}  // namespace pd2onnx::testing

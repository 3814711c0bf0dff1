// stack (join along a new axis) and unstack (split into slices).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// Unsqueeze/Squeeze/Split-13 take axes or sizes as inputs.
const std::vector<int> kOpsets = {7, 13, 17, 18, 19};

ProgramBuilder StackProgram(int count, int axis, const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) {
    names.push_back("x" + std::to_string(i));
    p.Input(names.back(), DataType::kFloat32, {2, 3});
  }
  p.Var("y", DataType::kFloat32, out_dims);
  p.Op("stack").In("X", names).Out("Y", {"y"}).Attr("axis", axis);
  p.Output("y");
  return p;
}

interp::TensorMap StackFeeds(int count) {
  interp::TensorMap feeds;
  for (int i = 0; i < count; ++i) {
    feeds["x" + std::to_string(i)] = RandomTensor(DataType::kFloat32, {2, 3}, 20 + i);
  }
  return feeds;
}

TEST(StackTest, Axes) {
  ExpectMatchesReference(StackProgram(3, 0, {3, 2, 3}), StackFeeds(3), {.opsets = kOpsets});
  ExpectMatchesReference(StackProgram(3, 1, {2, 3, 3}), StackFeeds(3), {.opsets = {7, 19}});
  ExpectMatchesReference(StackProgram(2, -1, {2, 3, 2}), StackFeeds(2), {.opsets = kOpsets});
}

TEST(StackTest, SingleInput) {
  ExpectMatchesReference(StackProgram(1, 0, {1, 2, 3}), StackFeeds(1), {.opsets = {7, 19}});
}

ProgramBuilder UnstackProgram(int axis, const std::vector<int64_t>& in_dims) {
  const int rank = static_cast<int>(in_dims.size());
  const int a = axis < 0 ? axis + rank : axis;
  std::vector<int64_t> out_dims = in_dims;
  out_dims.erase(out_dims.begin() + a);
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in_dims);
  std::vector<std::string> outs;
  for (int64_t i = 0; i < in_dims[a]; ++i) {
    outs.push_back("y" + std::to_string(i));
    p.Var(outs.back(), DataType::kFloat32, out_dims);
  }
  p.Op("unstack")
      .In("X", {"x"})
      .Out("Y", outs)
      .Attr("axis", axis)
      .Attr("num", static_cast<int>(in_dims[a]));
  for (const std::string& out : outs) p.Output(out);
  return p;
}

TEST(UnstackTest, Axes) {
  ExpectMatchesReference(UnstackProgram(0, {3, 2, 4}),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 2, 4}, 1)}},
                         {.opsets = kOpsets});
  ExpectMatchesReference(UnstackProgram(-1, {3, 2, 4}),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 2, 4}, 2)}},
                         {.opsets = kOpsets});
}

TEST(UnstackTest, SingleSlice) {
  ExpectMatchesReference(UnstackProgram(1, {3, 1}),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 1}, 3)}},
                         {.opsets = {7, 13, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

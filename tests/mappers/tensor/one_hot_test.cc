// one_hot_v2 / one_hot: depth from the attribute or depth_tensor, output
// dtype, allow_out_of_range (negative and too-large indices give zero rows).
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {9, 11, 17, 19};

ProgramBuilder OneHotProgram(const std::string& type, DataType x_dtype,
                             const std::vector<int64_t>& x_dims,
                             const std::vector<int64_t>& out_dims, int depth,
                             DataType out_dtype = DataType::kFloat32, bool allow = false) {
  ProgramBuilder p;
  p.Input("x", x_dtype, x_dims).Var("out", out_dtype, out_dims);
  p.Op(type)
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("depth", depth)
      .Attr("dtype", static_cast<int>(out_dtype))
      .Attr("allow_out_of_range", allow);
  p.Output("out");
  return p;
}

TEST(OneHotTest, V2DepthAttr) {
  for (DataType dtype : {DataType::kInt64, DataType::kInt32}) {
    ExpectMatchesReference(OneHotProgram("one_hot_v2", dtype, {2, 3}, {2, 3, 5}, 5),
                           {{"x", RandomTensor(dtype, {2, 3}, 1, 0, 5)}}, {.opsets = kOpsets});
  }
}

TEST(OneHotTest, V2OutputDtypes) {
  for (DataType out : {DataType::kInt64, DataType::kInt32, DataType::kFloat64}) {
    ExpectMatchesReference(OneHotProgram("one_hot_v2", DataType::kInt64, {4}, {4, 3}, 3, out),
                           {{"x", RandomTensor(DataType::kInt64, {4}, 2, 0, 3)}},
                           {.opsets = {9, 17}});
  }
}

// X = [0, 3, -1, 2], depth 3, allow_out_of_range: 3 and -1 are outside
// [0, 3), so their rows are all 0 (ONNX OneHot-11 would wrap -1 to 2).
TEST(OneHotTest, V2AllowOutOfRange) {
  const HostTensor want =
      HostTensor::From<float>(DataType::kFloat32, {4, 3}, {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  ExpectMatchesReference(
      OneHotProgram("one_hot_v2", DataType::kInt64, {4}, {4, 3}, 3, DataType::kFloat32, true),
      {{"x", HostTensor::From<int64_t>(DataType::kInt64, {4}, {0, 3, -1, 2})}}, {.opsets = kOpsets},
      {{"out", want}});
}

TEST(OneHotTest, V2DepthTensorAtRunTime) {
  ProgramBuilder p;
  p.Input("x", DataType::kInt64, {3}).Input("depth", DataType::kInt32, {1});
  p.Var("out", DataType::kFloat32, {3, -1});
  p.Op("one_hot_v2")
      .In("X", {"x"})
      .In("depth_tensor", {"depth"})
      .Out("Out", {"out"})
      .Attr("depth", -1)
      .Attr("dtype", 5)
      .Attr("allow_out_of_range", false);
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", HostTensor::From<int64_t>(DataType::kInt64, {3}, {1, 0, 5})},
                          {"depth", HostTensor::From<int32_t>(DataType::kInt32, {1}, {6})}},
                         {.opsets = kOpsets});
}

// one_hot (v1): X [N, 1] → [N, depth].
TEST(OneHotTest, V1TrailingOne) {
  ExpectMatchesReference(OneHotProgram("one_hot", DataType::kInt64, {5, 1}, {5, 4}, 4),
                         {{"x", RandomTensor(DataType::kInt64, {5, 1}, 3, 0, 4)}},
                         {.opsets = kOpsets});
}

TEST(OneHotTest, NeedsOpset9) {
  ExpectConversionFails(OneHotProgram("one_hot_v2", DataType::kInt64, {3}, {3, 4}, 4), 8, "OneHot");
}

}  // namespace
}  // namespace pd2onnx::testing

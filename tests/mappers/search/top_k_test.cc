// top_k_v2 (k / K tensor, axis, largest, sorted) and top_k (v1, last
// axis): TopK-1 (k attribute), TopK-10 (K input), TopK-11 (largest).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct TopKCase {
  std::string type = "top_k_v2";
  DataType dtype = DataType::kFloat32;
  std::vector<int64_t> x = {3, 4, 5};
  int k = 2;
  std::optional<int> axis = std::nullopt;
  std::optional<bool> largest = std::nullopt;
  std::optional<bool> sorted = std::nullopt;
  bool k_tensor = false;  // k comes from a K input holding `k`
  DataType k_dtype = DataType::kInt32;
};

ProgramBuilder TopKProgram(const TopKCase& c) {
  std::vector<int64_t> out = c.x;
  int64_t axis = c.axis.value_or(-1);
  if (axis < 0) axis += static_cast<int64_t>(c.x.size());
  out[axis] = c.k;
  ProgramBuilder p;
  p.Input("x", c.dtype, c.x);
  if (c.k_tensor) p.Input("k", c.k_dtype, {1});
  p.Var("out", c.dtype, out).Var("idx", DataType::kInt64, out);
  OpBuilder op = p.Op(c.type).In("X", {"x"}).Out("Out", {"out"}).Out("Indices", {"idx"});
  if (c.k_tensor) {
    op.In("K", {"k"}).Attr("k", 1);  // the tensor wins over the attribute
  } else {
    op.Attr("k", c.k);
  }
  if (c.axis) op.Attr("axis", *c.axis);
  if (c.largest) op.Attr("largest", *c.largest);
  if (c.sorted) op.Attr("sorted", *c.sorted);
  p.Output("out").Output("idx");
  return p;
}

interp::TensorMap Feeds(const TopKCase& c) {
  // Floats are distinct (ties would order differently only by index).
  interp::TensorMap feeds = {{"x", RandomTensor(c.dtype, c.x, 11, -1000, 1000)}};
  if (c.k_tensor) {
    feeds["k"] = c.k_dtype == DataType::kInt32
                     ? HostTensor::From<int32_t>(DataType::kInt32, {1}, {c.k})
                     : HostTensor::From<int64_t>(DataType::kInt64, {1}, {c.k});
  }
  return feeds;
}

void Check(const TopKCase& c, const std::vector<int>& opsets) {
  ExpectMatchesReference(TopKProgram(c), Feeds(c), {.opsets = opsets});
}

TEST(TopKV2Test, DefaultsLastAxis) { Check({}, {7, 10, 11, 17, 19}); }
TEST(TopKV2Test, Axis) { Check({.axis = 1}, {7, 10, 11, 17, 19}); }
TEST(TopKV2Test, NegativeAxisLargestSorted) {
  Check({.k = 3, .axis = -3, .largest = true, .sorted = true}, {7, 10, 11, 17, 19});
}
// sorted=false leaves the order to the implementation; both sides sort.
TEST(TopKV2Test, SortedFalse) { Check({.axis = 2, .sorted = false}, {7, 11, 19}); }
TEST(TopKV2Test, Smallest) { Check({.axis = 1, .largest = false}, {11, 17, 19}); }
TEST(TopKV2Test, KTensor) {
  Check({.k = 3, .k_tensor = true}, {10, 11, 17, 19});
  Check({.k = 2, .axis = 0, .k_tensor = true, .k_dtype = DataType::kInt64}, {10, 11, 19});
}
TEST(TopKV2Test, KIsWholeAxis) { Check({.k = 5}, {7, 11, 19}); }
TEST(TopKV2Test, Integers) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    Check({.dtype = dtype, .k = 3, .axis = 2}, {11, 17, 19});
    Check({.dtype = dtype, .k = 2, .axis = 0, .largest = false}, {11, 19});
  }
}

TEST(TopKV2Test, IntegersBeforeOpset11Fail) {
  ExpectConversionFails(TopKProgram({.dtype = DataType::kInt32}), 10, "needs opset 11");
}

TEST(TopKV2Test, NeedsOpsetWithoutAutoUpdate) {
  ExpectConversionFails(TopKProgram({.largest = false}), 10, "largest=false");
  ExpectConversionFails(TopKProgram({.k_tensor = true}), 9, "K tensor");
}

// Hand-computed: rows [1, 5, 3, 5] and [4, 0, 2, 9], k = 2, largest:
// [5, 5] at [1, 3] (equal values in index order) and [9, 4] at [3, 0].
TEST(TopKV2Test, HandComputed) {
  TopKCase c{.x = {2, 4}, .k = 2};
  ExpectMatchesReference(
      TopKProgram(c),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {2, 4}, {1, 5, 3, 5, 4, 0, 2, 9})}},
      {.opsets = {7, 11, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2, 2}, {5, 5, 9, 4})},
       {"idx", HostTensor::From<int64_t>(DataType::kInt64, {2, 2}, {1, 3, 3, 0})}});
}

TEST(TopKV1Test, LastAxis) {
  Check({.type = "top_k", .k = 3}, {7, 10, 11, 17, 19});
  Check({.type = "top_k", .x = {6, 7}, .k = 1}, {7, 11, 19});
}

TEST(TopKV1Test, KTensor) { Check({.type = "top_k", .k = 4, .k_tensor = true}, {10, 11, 17, 19}); }

}  // namespace
}  // namespace pd2onnx::testing

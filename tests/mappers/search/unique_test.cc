// unique (Unique-11): is_sorted / return_index / return_inverse /
// return_counts over the flattened X, index dtype int32 / int64, and X
// dtypes float32, int32 (routed through int64) and int64.
#include <gtest/gtest.h>

#include <vector>

#include "interpreter/tensor_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {11, 13, 17, 19};

struct UniqueAttrs {
  bool is_sorted = true;
  bool all_outputs = true;  // Indices and Counts besides Out and Index
  int dtype = 3;            // of the index outputs: 2 int32, 3 int64
  std::vector<int> axis = {};
};

ProgramBuilder UniqueProgram(DataType x_dtype, const std::vector<int64_t>& x_dims,
                             const UniqueAttrs& a) {
  const DataType index_dtype = a.dtype == 2 ? DataType::kInt32 : DataType::kInt64;
  ProgramBuilder p;
  p.Input("x", x_dtype, x_dims).Var("out", x_dtype, {-1}).Var("index", index_dtype, {-1});
  if (a.all_outputs) p.Var("indices", index_dtype, {-1}).Var("counts", index_dtype, {-1});
  OpBuilder op = p.Op("unique")
                     .In("X", {"x"})
                     .Out("Out", {"out"})
                     .Out("Index", {"index"})
                     .Attr("dtype", a.dtype)
                     .Attr("is_sorted", a.is_sorted)
                     .Attr("return_index", a.all_outputs)
                     .Attr("return_inverse", true)
                     .Attr("return_counts", a.all_outputs)
                     .Attr("axis", a.axis);
  if (a.all_outputs) op.Out("Indices", {"indices"}).Out("Counts", {"counts"});
  p.Output("out").Output("index");
  if (a.all_outputs) p.Output("indices").Output("counts");
  return p;
}

HostTensor FewValues(DataType dtype, const std::vector<int64_t>& dims) {
  HostTensor ints = RandomTensor(DataType::kInt64, dims, 12, -3, 4);
  return interp::CastTo(ints, dtype);
}

TEST(UniqueTest, SortedAllOutputs) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(UniqueProgram(dtype, {3, 5}, {}), {{"x", FewValues(dtype, {3, 5})}},
                           {.opsets = kOpsets});
  }
}

TEST(UniqueTest, Int32Indices) {
  ExpectMatchesReference(UniqueProgram(DataType::kFloat32, {12}, {.dtype = 2}),
                         {{"x", FewValues(DataType::kFloat32, {12})}}, {.opsets = {11, 19}});
}

TEST(UniqueTest, UnsortedFirstOccurrenceOrder) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt64}) {
    ExpectMatchesReference(UniqueProgram(dtype, {10}, {.is_sorted = false, .all_outputs = false}),
                           {{"x", FewValues(dtype, {10})}}, {.opsets = kOpsets});
  }
}

TEST(UniqueTest, AxisFails) {
  ExpectConversionFails(UniqueProgram(DataType::kFloat32, {3, 4}, {.axis = {0}}), 13, "axis");
}

// Hand-computed: X = [2, 1, 2, 3, 1]. Sorted: Out [1, 2, 3], first
// occurrences [1, 0, 3], inverse [1, 0, 1, 2, 0], counts [2, 2, 1].
// Unsorted: Out [2, 1, 3], inverse [0, 1, 0, 2, 1].
TEST(UniqueTest, HandComputed) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {5}, {2, 1, 2, 3, 1});
  auto i64 = [](std::vector<int64_t> v) {
    const int64_t n = static_cast<int64_t>(v.size());
    return HostTensor::From<int64_t>(DataType::kInt64, {n}, v);
  };
  ExpectMatchesReference(UniqueProgram(DataType::kFloat32, {5}, {}), {{"x", x}},
                         {.opsets = {11, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {1, 2, 3})},
                          {"indices", i64({1, 0, 3})},
                          {"index", i64({1, 0, 1, 2, 0})},
                          {"counts", i64({2, 2, 1})}});
  ExpectMatchesReference(
      UniqueProgram(DataType::kFloat32, {5}, {.is_sorted = false, .all_outputs = false}),
      {{"x", x}}, {.opsets = {11, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {2, 1, 3})},
       {"index", i64({0, 1, 0, 2, 1})}});
}

}  // namespace
}  // namespace pd2onnx::testing

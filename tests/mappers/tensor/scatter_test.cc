// scatter (overwrite true / false), scatter_nd_add, put_along_axis
// (assign / add / mul).
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

HostTensor F32(std::vector<int64_t> dims, const std::vector<float>& values) {
  return HostTensor::From<float>(DataType::kFloat32, std::move(dims), values);
}
HostTensor I64(std::vector<int64_t> dims, const std::vector<int64_t>& values) {
  return HostTensor::From<int64_t>(DataType::kInt64, std::move(dims), values);
}

ProgramBuilder ScatterProgram(bool overwrite, DataType dtype, DataType ids_dtype,
                              const std::vector<int64_t>& ids_dims, int64_t n) {
  ProgramBuilder p;
  p.Input("x", dtype, {4, 2}).Input("ids", ids_dtype, ids_dims).Input("upd", dtype, {n, 2});
  p.Var("out", dtype, {4, 2});
  p.Op("scatter")
      .In("X", {"x"})
      .In("Ids", {"ids"})
      .In("Updates", {"upd"})
      .Out("Out", {"out"})
      .Attr("overwrite", overwrite);
  p.Output("out");
  return p;
}

// X rows [1 1] x4; ids [2, 0]; updates [[5 6], [7 8]] → rows 0 = [7 8], 2 = [5 6].
TEST(ScatterTest, OverwriteByHand) {
  ExpectMatchesReference(ScatterProgram(true, DataType::kFloat32, DataType::kInt64, {2}, 2),
                         {{"x", F32({4, 2}, std::vector<float>(8, 1))},
                          {"ids", I64({2}, {2, 0})},
                          {"upd", F32({2, 2}, {5, 6, 7, 8})}},
                         {.opsets = {11, 13, 16, 17, 19}},
                         {{"out", F32({4, 2}, {7, 8, 1, 1, 5, 6, 1, 1})}});
}

TEST(ScatterTest, OverwriteDtypesAndIdsShape) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(ScatterProgram(true, dtype, DataType::kInt32, {3, 1}, 3),
                           {{"x", RandomTensor(dtype, {4, 2}, 1, -9, 9)},
                            {"ids", HostTensor::From<int32_t>(DataType::kInt32, {3, 1}, {3, 1, 0})},
                            {"upd", RandomTensor(dtype, {3, 2}, 2, -9, 9)}},
                           {.opsets = {11, 19}});
  }
}

// overwrite=false: picked rows are zeroed, then updates add up; ids
// [1, 1, 3], updates [[1 2], [3 4], [5 6]] on rows of 10s →
// row 1 = [4 6], row 3 = [5 6], rows 0 and 2 stay [10 10].
TEST(ScatterTest, AccumulateByHand) {
  ExpectMatchesReference(ScatterProgram(false, DataType::kFloat32, DataType::kInt64, {3}, 3),
                         {{"x", F32({4, 2}, std::vector<float>(8, 10))},
                          {"ids", I64({3}, {1, 1, 3})},
                          {"upd", F32({3, 2}, {1, 2, 3, 4, 5, 6})}},
                         {.opsets = {16, 17, 18, 19}},
                         {{"out", F32({4, 2}, {10, 10, 4, 6, 10, 10, 5, 6})}});
  ExpectMatchesReference(ScatterProgram(false, DataType::kInt64, DataType::kInt64, {3}, 3),
                         {{"x", RandomTensor(DataType::kInt64, {4, 2}, 1, -9, 9)},
                          {"ids", I64({3}, {0, 2, 0})},
                          {"upd", RandomTensor(DataType::kInt64, {3, 2}, 2, -9, 9)}},
                         {.opsets = {16, 19}});
}

TEST(ScatterTest, OpsetNeeds) {
  ExpectConversionFails(ScatterProgram(true, DataType::kFloat32, DataType::kInt64, {2}, 2), 10,
                        "ScatterND");
  ExpectConversionFails(ScatterProgram(false, DataType::kFloat32, DataType::kInt64, {2}, 2), 15,
                        "overwrite=false");
}

// ---- scatter_nd_add -------------------------------------------------------

ProgramBuilder ScatterNdAddProgram(DataType dtype, const std::vector<int64_t>& index_dims,
                                   const std::vector<int64_t>& upd_dims) {
  ProgramBuilder p;
  p.Input("x", dtype, {3, 2}).Input("index", DataType::kInt64, index_dims);
  p.Input("upd", dtype, upd_dims).Var("out", dtype, {3, 2});
  p.Op("scatter_nd_add")
      .In("X", {"x"})
      .In("Index", {"index"})
      .In("Updates", {"upd"})
      .Out("Out", {"out"});
  p.Output("out");
  return p;
}

// X = 0s [3, 2]; index [[1], [1], [0]] (whole rows); updates [[1 2], [3 4], [5 6]]
// → row 0 = [5 6], row 1 = [4 6].
TEST(ScatterNdAddTest, RowsAccumulateByHand) {
  ExpectMatchesReference(ScatterNdAddProgram(DataType::kFloat32, {3, 1}, {3, 2}),
                         {{"x", F32({3, 2}, std::vector<float>(6, 0))},
                          {"index", I64({3, 1}, {1, 1, 0})},
                          {"upd", F32({3, 2}, {1, 2, 3, 4, 5, 6})}},
                         {.opsets = {16, 17, 18, 19}}, {{"out", F32({3, 2}, {5, 6, 4, 6, 0, 0})}});
}

TEST(ScatterNdAddTest, ElementsAndDtypes) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt64}) {
    ExpectMatchesReference(ScatterNdAddProgram(dtype, {4, 2}, {4}),
                           {{"x", RandomTensor(dtype, {3, 2}, 1, -9, 9)},
                            {"index", I64({4, 2}, {0, 1, 2, 0, 0, 1, 1, 1})},
                            {"upd", RandomTensor(dtype, {4}, 2, -9, 9)}},
                           {.opsets = {16, 19}});
  }
}

TEST(ScatterNdAddTest, NeedsOpset16) {
  ExpectConversionFails(ScatterNdAddProgram(DataType::kFloat32, {3, 1}, {3, 2}), 15,
                        "ScatterND-16");
}

// ---- put_along_axis -------------------------------------------------------

ProgramBuilder PutAlongProgram(const std::string& reduce, DataType dtype,
                               const std::vector<int64_t>& value_dims, int axis = 1) {
  ProgramBuilder p;
  p.Input("x", dtype, {2, 3}).Input("index", DataType::kInt64, {2, 2});
  p.Input("value", dtype, value_dims).Var("out", dtype, {2, 3});
  p.Op("put_along_axis")
      .In("Input", {"x"})
      .In("Index", {"index"})
      .In("Value", {"value"})
      .Out("Result", {"out"})
      .Attr("Axis", axis)
      .Attr("Reduce", reduce);
  p.Output("out");
  return p;
}

// X = [[1 2 3], [4 5 6]], index [[0 2], [1 1]], value [[10 20], [30 40]]:
// assign → [[10 2 20], [4 40 6]] (row 1 writes index 1 twice; the last wins
// in Paddle's sequential loop, and ORT's as well);
// add → [[11 2 23], [4 75 6]]; mul → [[10 2 60], [4 6000 6]].
TEST(PutAlongAxisTest, ReducesByHand) {
  const interp::TensorMap feeds = {{"x", F32({2, 3}, {1, 2, 3, 4, 5, 6})},
                                   {"index", I64({2, 2}, {0, 2, 1, 1})},
                                   {"value", F32({2, 2}, {10, 20, 30, 40})}};
  ExpectMatchesReference(PutAlongProgram("add", DataType::kFloat32, {2, 2}), feeds,
                         {.opsets = {16, 17, 18, 19}},
                         {{"out", F32({2, 3}, {11, 2, 23, 4, 75, 6})}});
  ExpectMatchesReference(PutAlongProgram("mul", DataType::kFloat32, {2, 2}), feeds,
                         {.opsets = {16, 19}}, {{"out", F32({2, 3}, {10, 2, 60, 4, 6000, 6})}});
  const interp::TensorMap unique = {{"x", F32({2, 3}, {1, 2, 3, 4, 5, 6})},
                                    {"index", I64({2, 2}, {0, 2, 1, 0})},
                                    {"value", F32({2, 2}, {10, 20, 30, 40})}};
  ExpectMatchesReference(PutAlongProgram("assign", DataType::kFloat32, {2, 2}), unique,
                         {.opsets = {11, 13, 16, 17, 19}},
                         {{"out", F32({2, 3}, {10, 2, 20, 40, 30, 6})}});
}

TEST(PutAlongAxisTest, BroadcastValueAndDtypes) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(PutAlongProgram("assign", dtype, {1}, 0),
                           {{"x", RandomTensor(dtype, {2, 3}, 1, -9, 9)},
                            {"index", I64({2, 2}, {1, 0, 0, 1})},
                            {"value", RandomTensor(dtype, {1}, 2, -9, 9)}},
                           {.opsets = {11, 19}});
  }
  ExpectMatchesReference(PutAlongProgram("add", DataType::kInt64, {2, 2}),
                         {{"x", RandomTensor(DataType::kInt64, {2, 3}, 1, -9, 9)},
                          {"index", I64({2, 2}, {1, 1, 2, 0})},
                          {"value", RandomTensor(DataType::kInt64, {2, 2}, 2, -9, 9)}},
                         {.opsets = {16, 19}});
}

TEST(PutAlongAxisTest, OpsetNeeds) {
  ExpectConversionFails(PutAlongProgram("assign", DataType::kFloat32, {2, 2}), 10,
                        "ScatterElements");
  ExpectConversionFails(PutAlongProgram("add", DataType::kFloat32, {2, 2}), 15, "Reduce");
  ExpectConversionFails(PutAlongProgram("amin", DataType::kFloat32, {2, 2}), 19, "amin");
}

}  // namespace
}  // namespace pd2onnx::testing

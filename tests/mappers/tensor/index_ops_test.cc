// index_select, gather_nd, index_sample, take_along_axis, where_index,
// masked_select.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

HostTensor I64(std::vector<int64_t> dims, const std::vector<int64_t>& values) {
  return HostTensor::From<int64_t>(DataType::kInt64, std::move(dims), values);
}
HostTensor I32(std::vector<int64_t> dims, const std::vector<int32_t>& values) {
  return HostTensor::From<int32_t>(DataType::kInt32, std::move(dims), values);
}
HostTensor F32(std::vector<int64_t> dims, const std::vector<float>& values) {
  return HostTensor::From<float>(DataType::kFloat32, std::move(dims), values);
}

// ---- index_select ---------------------------------------------------------

ProgramBuilder IndexSelectProgram(const std::vector<int64_t>& x_dims, DataType dtype,
                                  DataType index_dtype, int64_t count, int dim,
                                  const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", dtype, x_dims).Input("index", index_dtype, {count}).Var("out", dtype, out_dims);
  p.Op("index_select").In("X", {"x"}).In("Index", {"index"}).Out("Out", {"out"}).Attr("dim", dim);
  p.Output("out");
  return p;
}

TEST(IndexSelectTest, DimsAndDtypes) {
  // X [2, 3] = [[0 1 2], [3 4 5]], dim 1, index [2, 0, 2] → [[2 0 2], [5 3 5]].
  ExpectMatchesReference(
      IndexSelectProgram({2, 3}, DataType::kFloat32, DataType::kInt64, 3, 1, {2, 3}),
      {{"x", F32({2, 3}, {0, 1, 2, 3, 4, 5})}, {"index", I64({3}, {2, 0, 2})}},
      {.opsets = {7, 13, 17, 19}}, {{"out", F32({2, 3}, {2, 0, 2, 5, 3, 5})}});
  for (DataType dtype : {DataType::kInt32, DataType::kInt64, DataType::kBool}) {
    ExpectMatchesReference(
        IndexSelectProgram({4, 3}, dtype, DataType::kInt32, 2, -2, {2, 3}),
        {{"x", RandomTensor(dtype, {4, 3}, 1, -9, 9)}, {"index", I32({2}, {3, 1})}},
        {.opsets = {7, 19}});
  }
}

// ---- gather_nd ------------------------------------------------------------

ProgramBuilder GatherNdProgram(const std::vector<int64_t>& x_dims, DataType dtype,
                               const std::vector<int64_t>& index_dims, DataType index_dtype,
                               const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", dtype, x_dims).Input("index", index_dtype, index_dims).Var("out", dtype, out_dims);
  p.Op("gather_nd").In("X", {"x"}).In("Index", {"index"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(GatherNdTest, FullAndPartialIndex) {
  // X [2, 3] = [[0 1 2], [3 4 5]]; index [[1, 2], [0, 1]] → [5, 1];
  // index [[1]] → [[3 4 5]].
  const HostTensor x = F32({2, 3}, {0, 1, 2, 3, 4, 5});
  ExpectMatchesReference(GatherNdProgram({2, 3}, DataType::kFloat32, {2, 2}, DataType::kInt64, {2}),
                         {{"x", x}, {"index", I64({2, 2}, {1, 2, 0, 1})}},
                         {.opsets = {11, 13, 17, 19}}, {{"out", F32({2}, {5, 1})}});
  ExpectMatchesReference(
      GatherNdProgram({2, 3}, DataType::kFloat32, {1, 1}, DataType::kInt32, {1, 3}),
      {{"x", x}, {"index", I32({1, 1}, {1})}}, {.opsets = {11, 17, 19}},
      {{"out", F32({1, 3}, {3, 4, 5})}});
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(
        GatherNdProgram({3, 4, 2}, dtype, {2, 2, 2}, DataType::kInt64, {2, 2, 2}),
        {{"x", RandomTensor(dtype, {3, 4, 2}, 1, -9, 9)},
         {"index", I64({2, 2, 2}, {0, 3, 2, 1, 1, 1, 2, 0})}},
        {.opsets = {11, 19}});
  }
}

TEST(GatherNdTest, NeedsOpset11) {
  ExpectConversionFails(GatherNdProgram({2, 3}, DataType::kFloat32, {2, 2}, DataType::kInt64, {2}),
                        10, "GatherND");
}

// ---- index_sample ---------------------------------------------------------

TEST(IndexSampleTest, RowsPickColumns) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt64, DataType::kInt32}) {
    ProgramBuilder p;
    p.Input("x", dtype, {2, 4}).Input("index", DataType::kInt64, {2, 3});
    p.Var("out", dtype, {2, 3});
    p.Op("index_sample").In("X", {"x"}).In("Index", {"index"}).Out("Out", {"out"});
    p.Output("out");
    // X = [[0 1 2 3], [4 5 6 7]], index [[3 0 0], [1 2 3]] → [[3 0 0], [5 6 7]].
    const HostTensor x = RandomTensor(dtype, {2, 4}, 1, -9, 9);
    ExpectMatchesReference(p, {{"x", x}, {"index", I64({2, 3}, {3, 0, 0, 1, 2, 3})}},
                           {.opsets = {11, 13, 17, 19}});
    if (dtype == DataType::kFloat32) {
      ExpectMatchesReference(p,
                             {{"x", F32({2, 4}, {0, 1, 2, 3, 4, 5, 6, 7})},
                              {"index", I64({2, 3}, {3, 0, 0, 1, 2, 3})}},
                             {.opsets = {11}}, {{"out", F32({2, 3}, {3, 0, 0, 5, 6, 7})}});
    }
  }
}

// ---- take_along_axis ------------------------------------------------------

ProgramBuilder TakeAlongProgram(const std::vector<int64_t>& x_dims, DataType dtype,
                                const std::vector<int64_t>& index_dims, int axis) {
  ProgramBuilder p;
  p.Input("x", dtype, x_dims).Input("index", DataType::kInt64, index_dims);
  p.Var("out", dtype, index_dims);
  p.Op("take_along_axis")
      .In("Input", {"x"})
      .In("Index", {"index"})
      .Out("Result", {"out"})
      .Attr("Axis", axis);
  p.Output("out");
  return p;
}

TEST(TakeAlongAxisTest, Axes) {
  // X [2, 3] = [[0 1 2], [3 4 5]], axis 0, index [[1 0 1]] → [[3 1 5]].
  ExpectMatchesReference(
      TakeAlongProgram({2, 3}, DataType::kFloat32, {1, 3}, 0),
      {{"x", F32({2, 3}, {0, 1, 2, 3, 4, 5})}, {"index", I64({1, 3}, {1, 0, 1})}},
      {.opsets = {11, 13, 17, 19}}, {{"out", F32({1, 3}, {3, 1, 5})}});
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(
        TakeAlongProgram({3, 4}, dtype, {3, 2}, -1),
        {{"x", RandomTensor(dtype, {3, 4}, 1, -9, 9)}, {"index", I64({3, 2}, {3, 0, 1, 1, 2, 3})}},
        {.opsets = {11, 19}});
  }
}

// ---- where_index ----------------------------------------------------------

ProgramBuilder WhereIndexProgram(const std::vector<int64_t>& dims, DataType dtype) {
  ProgramBuilder p;
  p.Input("cond", dtype, dims)
      .Var("out", DataType::kInt64, {-1, static_cast<int64_t>(dims.size())});
  p.Op("where_index").In("Condition", {"cond"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(WhereIndexTest, Coordinates) {
  // cond [2, 3] = [[F T F], [T F T]] → [[0 1], [1 0], [1 2]].
  const HostTensor cond = HostTensor::From<uint8_t>(DataType::kBool, {2, 3}, {0, 1, 0, 1, 0, 1});
  ExpectMatchesReference(WhereIndexProgram({2, 3}, DataType::kBool), {{"cond", cond}},
                         {.opsets = {9, 13, 17, 19}}, {{"out", I64({3, 2}, {0, 1, 1, 0, 1, 2})}});
  ExpectMatchesReference(WhereIndexProgram({4, 5}, DataType::kBool),
                         {{"cond", RandomTensor(DataType::kBool, {4, 5}, 3, 0, 2)}},
                         {.opsets = {9, 19}});
  ExpectMatchesReference(WhereIndexProgram({6}, DataType::kInt32),
                         {{"cond", RandomTensor(DataType::kInt32, {6}, 3, -1, 2)}},
                         {.opsets = {9, 19}});
}

TEST(WhereIndexTest, NeedsOpset9) {
  ExpectConversionFails(WhereIndexProgram({2, 3}, DataType::kBool), 8, "NonZero");
}

// ---- masked_select --------------------------------------------------------

ProgramBuilder MaskedSelectProgram(const std::vector<int64_t>& x_dims,
                                   const std::vector<int64_t>& mask_dims, DataType dtype) {
  ProgramBuilder p;
  p.Input("x", dtype, x_dims).Input("mask", DataType::kBool, mask_dims);
  p.Var("out", dtype, {-1});
  p.Op("masked_select").In("X", {"x"}).In("Mask", {"mask"}).Out("Y", {"out"});
  p.Output("out");
  return p;
}

TEST(MaskedSelectTest, SameShapeAndBroadcast) {
  // X [2, 3] = [[0 1 2], [3 4 5]], mask [[T F T], [F F T]] → [0 2 5].
  const HostTensor x = F32({2, 3}, {0, 1, 2, 3, 4, 5});
  ExpectMatchesReference(
      MaskedSelectProgram({2, 3}, {2, 3}, DataType::kFloat32),
      {{"x", x}, {"mask", HostTensor::From<uint8_t>(DataType::kBool, {2, 3}, {1, 0, 1, 0, 0, 1})}},
      {.opsets = {9, 13, 17, 19}}, {{"out", F32({3}, {0, 2, 5})}});
  // Mask [3] broadcasts over the rows: [F T T] → [1 2 4 5].
  ExpectMatchesReference(
      MaskedSelectProgram({2, 3}, {3}, DataType::kFloat32),
      {{"x", x}, {"mask", HostTensor::From<uint8_t>(DataType::kBool, {3}, {0, 1, 1})}},
      {.opsets = {9, 17, 19}}, {{"out", F32({4}, {1, 2, 4, 5})}});
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(MaskedSelectProgram({-1, 4}, {-1, 4}, dtype),
                           {{"x", RandomTensor(dtype, {3, 4}, 1, -9, 9)},
                            {"mask", RandomTensor(DataType::kBool, {3, 4}, 2, 0, 2)}},
                           {.opsets = {9, 19}});
  }
}

}  // namespace
}  // namespace pd2onnx::testing

// crop_tensor / crop, repeat_interleave, partial_concat / partial_sum,
// expand (v1), expand_as (v1).
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

HostTensor F32(std::vector<int64_t> dims, const std::vector<float>& values) {
  return HostTensor::From<float>(DataType::kFloat32, std::move(dims), values);
}
HostTensor Iota(const std::vector<int64_t>& dims) {
  std::vector<float> v(static_cast<size_t>(graph::NumElements(dims)));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i);
  return F32(dims, v);
}

ProgramBuilder CropTensorProgram(const std::vector<int>& shape, const std::vector<int>& offsets,
                                 const std::vector<int64_t>& out_dims,
                                 DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, {3, 4}).Var("out", dtype, out_dims);
  p.Op("crop_tensor")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("shape", shape)
      .Attr("offsets", offsets);
  p.Output("out");
  return p;
}

// X [3, 4] = 0..11; offsets [1, 1], shape [2, -1] → rows 1-2, cols 1-3:
// [[5 6 7], [9 10 11]].
TEST(CropTensorTest, AttributesByHand) {
  ExpectMatchesReference(CropTensorProgram({2, -1}, {1, 1}, {2, 3}), {{"x", Iota({3, 4})}},
                         {.opsets = {7, 10, 13, 17, 19}},
                         {{"out", F32({2, 3}, {5, 6, 7, 9, 10, 11})}});
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(CropTensorProgram({1, 2}, {2, 0}, {1, 2}, dtype),
                           {{"x", RandomTensor(dtype, {3, 4}, 1, -9, 9)}}, {.opsets = {7, 19}});
  }
}

TEST(CropTensorTest, RunTimeShapeAndOffsets) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 4}).Input("shape", DataType::kInt32, {2});
  p.Input("off", DataType::kInt64, {2}).Var("out", DataType::kFloat32, {-1, -1});
  p.Op("crop_tensor")
      .In("X", {"x"})
      .In("Shape", {"shape"})
      .In("Offsets", {"off"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>{})
      .Attr("offsets", std::vector<int>{});
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", Iota({3, 4})},
                          {"shape", HostTensor::From<int32_t>(DataType::kInt32, {2}, {-1, 2})},
                          {"off", HostTensor::From<int64_t>(DataType::kInt64, {2}, {1, 2})}},
                         {.opsets = {10, 13, 17, 19}}, {{"out", F32({2, 2}, {6, 7, 10, 11})}});
  ExpectConversionFails(p, 9, "Shape input");
}

TEST(CropTest, V1ShapeFromY) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 4}).Input("y", DataType::kFloat32, {2, 2});
  p.Var("out", DataType::kFloat32, {2, 2});
  p.Op("crop")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("offsets", std::vector<int>{0, 1});
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", Iota({3, 4})}, {"y", RandomTensor(DataType::kFloat32, {2, 2}, 1)}},
                         {.opsets = {10, 17, 19}}, {{"out", F32({2, 2}, {1, 2, 5, 6})}});
}

// ---- repeat_interleave ----------------------------------------------------

ProgramBuilder RepeatProgram(const std::vector<int64_t>& dims, int repeats, int dim,
                             const std::vector<int64_t>& out_dims,
                             DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, out_dims);
  p.Op("repeat_interleave")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("Repeats", repeats)
      .Attr("dim", dim);
  p.Output("out");
  return p;
}

// X [2, 2] = [[0 1], [2 3]] repeated 2 on dim 1: [[0 0 1 1], [2 2 3 3]].
TEST(RepeatInterleaveTest, IntRepeatsByHand) {
  ExpectMatchesReference(RepeatProgram({2, 2}, 2, 1, {2, 4}), {{"x", Iota({2, 2})}},
                         {.opsets = {7, 13, 17, 19}},
                         {{"out", F32({2, 4}, {0, 0, 1, 1, 2, 2, 3, 3})}});
}

TEST(RepeatInterleaveTest, DimsUnknownExtentsAndDtypes) {
  ExpectMatchesReference(RepeatProgram({2, 3, 2}, 3, 0, {6, 3, 2}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 2}, 1)}},
                         {.opsets = {7, 13, 19}});
  ExpectMatchesReference(RepeatProgram({-1, 3, -1}, 2, -2, {-1, 6, -1}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 2}, 1)}},
                         {.opsets = {7, 13, 19}});
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(RepeatProgram({3}, 2, 0, {6}, dtype),
                           {{"x", RandomTensor(dtype, {3}, 1, -9, 9)}}, {.opsets = {7, 19}});
  }
}

// RepeatsTensor [1, 0, 2] on X = [0 1 2] (dim 0) → [0 2 2].
TEST(RepeatInterleaveTest, RepeatsTensorFromParam) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3});
  p.Param("reps", HostTensor::From<int64_t>(DataType::kInt64, {3}, {1, 0, 2}));
  p.Var("out", DataType::kFloat32, {-1});
  p.Op("repeat_interleave")
      .In("X", {"x"})
      .In("RepeatsTensor", {"reps"})
      .Out("Out", {"out"})
      .Attr("Repeats", 0)
      .Attr("dim", 0);
  p.Output("out");
  ExpectMatchesReference(p, {{"x", Iota({3})}}, {.opsets = {7, 13, 17, 19}},
                         {{"out", F32({3}, {0, 2, 2})}});
}

// ---- partial_concat / partial_sum -----------------------------------------

ProgramBuilder PartialProgram(const std::string& type, int start, int length,
                              const std::vector<int64_t>& out_dims,
                              DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("a", dtype, {2, 4}).Input("b", dtype, {2, 4}).Var("out", dtype, out_dims);
  p.Op(type)
      .In("X", {"a", "b"})
      .Out("Out", {"out"})
      .Attr("start_index", start)
      .Attr("length", length);
  p.Output("out");
  return p;
}

// a = 0..7, b = 10..17 as [2, 4]; columns [1, 3):
// concat → [[1 2 11 12], [5 6 15 16]]; sum → [[12 14], [20 22]].
TEST(PartialTest, ConcatAndSumByHand) {
  const interp::TensorMap feeds = {{"a", Iota({2, 4})},
                                   {"b", F32({2, 4}, {10, 11, 12, 13, 14, 15, 16, 17})}};
  ExpectMatchesReference(PartialProgram("partial_concat", 1, 2, {2, 4}), feeds,
                         {.opsets = {7, 13, 17, 19}},
                         {{"out", F32({2, 4}, {1, 2, 11, 12, 5, 6, 15, 16})}});
  ExpectMatchesReference(PartialProgram("partial_sum", 1, 2, {2, 2}), feeds,
                         {.opsets = {7, 13, 17, 19}}, {{"out", F32({2, 2}, {12, 14, 20, 22})}});
}

TEST(PartialTest, NegativeStartToTheEndAndDtypes) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt64}) {
    const interp::TensorMap feeds = {{"a", RandomTensor(dtype, {2, 4}, 1, -9, 9)},
                                     {"b", RandomTensor(dtype, {2, 4}, 2, -9, 9)}};
    ExpectMatchesReference(PartialProgram("partial_concat", -3, -1, {2, 6}, dtype), feeds,
                           {.opsets = {7, 19}});
    ExpectMatchesReference(PartialProgram("partial_sum", 0, -1, {2, 4}, dtype), feeds,
                           {.opsets = {7, 19}});
  }
}

// ---- expand (v1) / expand_as (v1) -----------------------------------------

// X [2, 1] = [[0], [1]] tiled [2, 3]: [[0 0 0], [1 1 1], [0 0 0], [1 1 1]].
TEST(ExpandV1Test, ExpandTimesByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 1}).Var("out", DataType::kFloat32, {4, 3});
  p.Op("expand").In("X", {"x"}).Out("Out", {"out"}).Attr("expand_times", std::vector<int>{2, 3});
  p.Output("out");
  ExpectMatchesReference(p, {{"x", Iota({2, 1})}}, {.opsets = {7, 13, 17, 19}},
                         {{"out", F32({4, 3}, {0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1})}});
}

TEST(ExpandV1Test, ExpandAsTarget) {
  for (std::vector<int64_t> t_dims : {std::vector<int64_t>{4, 3}, std::vector<int64_t>{-1, 3}}) {
    ProgramBuilder p;
    p.Input("x", DataType::kInt64, {2, 1}).Input("t", DataType::kFloat32, t_dims);
    p.Var("out", DataType::kInt64, t_dims);
    p.Op("expand_as").In("X", {"x"}).In("target_tensor", {"t"}).Out("Out", {"out"});
    p.Output("out");
    ExpectMatchesReference(p,
                           {{"x", RandomTensor(DataType::kInt64, {2, 1}, 1, -9, 9)},
                            {"t", RandomTensor(DataType::kFloat32, {4, 3}, 2)}},
                           {.opsets = {7, 13, 17, 19}});
  }
}

}  // namespace
}  // namespace pd2onnx::testing

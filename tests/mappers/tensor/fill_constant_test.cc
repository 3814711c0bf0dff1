// fill_constant: value / str_value / ValueTensor, shape / ShapeTensor /
// ShapeTensorList, dtype; fill_constant_batch_size_like.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// ConstantOfShape arrives at opset 9 (Expand at 8).
const std::vector<int> kRuntimeOpsets = {8, 9, 13, 17, 19};

int PaddleDtype(DataType dtype) { return static_cast<int>(dtype); }

ProgramBuilder ConstantProgram(DataType dtype, const std::vector<int64_t>& shape, float value,
                               const std::string& str_value = "") {
  ProgramBuilder p;
  p.Var("out", dtype, shape);
  OpBuilder op = p.Op("fill_constant")
                     .Out("Out", {"out"})
                     .Attr("shape", shape)
                     .Attr("dtype", PaddleDtype(dtype))
                     .Attr("value", value);
  if (!str_value.empty()) op.Attr("str_value", str_value);
  p.Output("out");
  return p;
}

TEST(FillConstantTest, Dtypes) {
  for (DataType dtype : {DataType::kFloat32, DataType::kFloat64, DataType::kInt32, DataType::kInt64,
                         DataType::kBool}) {
    ExpectMatchesReference(ConstantProgram(dtype, {2, 3}, 1.0f), {}, {.opsets = {7, 9, 19}});
  }
}

// Integer dtypes truncate the float value toward zero.
TEST(FillConstantTest, FloatValueToInteger) {
  ExpectMatchesReference(ConstantProgram(DataType::kInt32, {3}, -2.7f), {}, {.opsets = {7, 19}});
}

// Above 4096 elements a known fill stays ConstantOfShape from opset 9.
TEST(FillConstantTest, LargeKnownShape) {
  ExpectMatchesReference(ConstantProgram(DataType::kFloat32, {1, 3, 64, 64}, 0.5f), {},
                         {.opsets = {7, 8, 9, 19}});
}

TEST(FillConstantTest, ZeroDimShape) {
  ExpectMatchesReference(ConstantProgram(DataType::kFloat32, {}, 4.5f), {}, {.opsets = {7, 19}});
}

// str_value keeps int64 values beyond float precision exact.
TEST(FillConstantTest, StrValueOverridesValue) {
  ExpectMatchesReference(ConstantProgram(DataType::kInt64, {2}, 1.0f, "9007199254740993"), {},
                         {.opsets = {7, 19}});
  ExpectMatchesReference(ConstantProgram(DataType::kFloat32, {2}, 1.0f, "-0.125"), {},
                         {.opsets = {7, 19}});
}

// An integer `value` written as LONG stays exact too.
TEST(FillConstantTest, LongValueIsExact) {
  ProgramBuilder p;
  p.Var("out", DataType::kInt64, {2});
  p.Op("fill_constant")
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int64_t>{2})
      .Attr("dtype", PaddleDtype(DataType::kInt64))
      .Attr("value", int64_t{9007199254740993});
  p.Output("out");
  ExpectMatchesReference(p, {}, {.opsets = {7, 19}});
}

TEST(FillConstantTest, StrValueNan) {
  ExpectMatchesReference(ConstantProgram(DataType::kFloat32, {2}, 1.0f, "nan"), {},
                         {.opsets = {7, 19}});
}

// A known result folds into later mappers: reshape2 at opset 7 reads its
// ShapeTensor list as constants.
TEST(FillConstantTest, FoldsIntoLaterOps) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 6});
  p.Var("d", DataType::kInt32, {1}).Var("rest", DataType::kInt64, {});
  p.Var("out", DataType::kFloat32, {3, 4});
  p.Op("fill_constant")
      .Out("Out", {"d"})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", PaddleDtype(DataType::kInt32))
      .Attr("value", 3.0f);
  p.Op("fill_constant")
      .Out("Out", {"rest"})
      .Attr("shape", std::vector<int64_t>{})
      .Attr("dtype", PaddleDtype(DataType::kInt64))
      .Attr("value", -1.0f);
  p.Op("reshape2")
      .In("X", {"x"})
      .In("ShapeTensor", {"d", "rest"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>{});
  p.Output("out");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, {2, 6}, 1)}},
                         {.opsets = {7, 19}});
}

ProgramBuilder ShapeTensorProgram(DataType shape_dtype) {
  ProgramBuilder p;
  p.Input("shape", shape_dtype, {2});
  p.Var("out", DataType::kFloat32, {-1, -1});
  p.Op("fill_constant")
      .In("ShapeTensor", {"shape"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int64_t>{})
      .Attr("dtype", PaddleDtype(DataType::kFloat32))
      .Attr("value", 0.5f);
  p.Output("out");
  return p;
}

TEST(FillConstantTest, ShapeTensorAtRunTime) {
  ExpectMatchesReference(ShapeTensorProgram(DataType::kInt32),
                         {{"shape", HostTensor::From<int32_t>(DataType::kInt32, {2}, {3, 4})}},
                         {.opsets = kRuntimeOpsets});
  ExpectMatchesReference(ShapeTensorProgram(DataType::kInt64),
                         {{"shape", HostTensor::From<int64_t>(DataType::kInt64, {2}, {2, 5})}},
                         {.opsets = kRuntimeOpsets});
}

TEST(FillConstantTest, ShapeTensorNeedsOpset8) {
  ExpectConversionFails(ShapeTensorProgram(DataType::kInt32), 7, "ShapeTensor");
}

// One run-time entry and one known entry; ShapeTensor, when given, wins.
TEST(FillConstantTest, ShapeTensorListAtRunTime) {
  for (bool with_shape_tensor : {false, true}) {
    ProgramBuilder p;
    p.Input("d0", DataType::kInt64, {1}).Input("shape", DataType::kInt32, {1});
    p.Var("d1", DataType::kInt32, {1}).Var("out", DataType::kInt64, {-1, 4});
    p.Op("fill_constant")
        .Out("Out", {"d1"})
        .Attr("shape", std::vector<int64_t>{1})
        .Attr("dtype", PaddleDtype(DataType::kInt32))
        .Attr("value", 4.0f);
    OpBuilder op = p.Op("fill_constant")
                       .In("ShapeTensorList", {"d0", "d1"})
                       .Out("Out", {"out"})
                       .Attr("shape", std::vector<int64_t>{1, 1})
                       .Attr("dtype", PaddleDtype(DataType::kInt64))
                       .Attr("value", 7.0f);
    if (with_shape_tensor) op.In("ShapeTensor", {"shape"});
    p.Output("out");
    ExpectMatchesReference(p,
                           {{"d0", HostTensor::From<int64_t>(DataType::kInt64, {1}, {3})},
                            {"shape", HostTensor::From<int32_t>(DataType::kInt32, {1}, {6})}},
                           {.opsets = kRuntimeOpsets});
  }
}

TEST(FillConstantTest, ValueTensorAtRunTime) {
  ProgramBuilder p;
  p.Input("v", DataType::kFloat32, {1});
  p.Var("out", DataType::kInt64, {2, 3});
  p.Op("fill_constant")
      .In("ValueTensor", {"v"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int64_t>{2, 3})
      .Attr("dtype", PaddleDtype(DataType::kInt64))
      .Attr("value", 1.0f)
      .Attr("str_value", "5");
  p.Output("out");
  ExpectMatchesReference(p, {{"v", HostTensor::From<float>(DataType::kFloat32, {1}, {-3.0f})}},
                         {.opsets = kRuntimeOpsets});
}

TEST(FillConstantTest, ValueTensorParamAndShapeTensorParam) {
  ProgramBuilder p;
  p.Param("v", HostTensor::From<float>(DataType::kFloat32, {1}, {2.5f}));
  p.Param("shape", HostTensor::From<int32_t>(DataType::kInt32, {3}, {1, 2, 3}));
  p.Var("out", DataType::kFloat32, {1, 2, 3});
  p.Op("fill_constant")
      .In("ValueTensor", {"v"})
      .In("ShapeTensor", {"shape"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int64_t>{})
      .Attr("dtype", PaddleDtype(DataType::kFloat32))
      .Attr("value", 0.0f);
  p.Output("out");
  ExpectMatchesReference(p, {}, {.opsets = {8, 9, 19}});
}

// ---- fill_constant_batch_size_like ---------------------------------------

ProgramBuilder BatchSizeLikeProgram(const std::vector<int64_t>& in_dims, int in_idx, int out_idx,
                                    const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in_dims);
  p.Var("out", DataType::kInt64, out_dims);
  p.Op("fill_constant_batch_size_like")
      .In("Input", {"x"})
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int>(out_dims.begin(), out_dims.end()))
      .Attr("dtype", PaddleDtype(DataType::kInt64))
      .Attr("value", 3.0f)
      .Attr("str_value", "")
      .Attr("input_dim_idx", in_idx)
      .Attr("output_dim_idx", out_idx);
  p.Output("out");
  return p;
}

TEST(FillConstantBatchSizeLikeTest, RunTimeBatch) {
  ExpectMatchesReference(BatchSizeLikeProgram({-1, 5}, 0, 0, {-1, 7}),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 5}, 1)}},
                         {.opsets = kRuntimeOpsets});
}

TEST(FillConstantBatchSizeLikeTest, OtherDimIndices) {
  ExpectMatchesReference(BatchSizeLikeProgram({2, -1}, 1, 2, {4, 7, -1}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 6}, 2)}},
                         {.opsets = kRuntimeOpsets});
}

TEST(FillConstantBatchSizeLikeTest, DeclaredBatch) {
  ExpectMatchesReference(BatchSizeLikeProgram({4, 5}, 0, 0, {-1, 2}),
                         {{"x", RandomTensor(DataType::kFloat32, {4, 5}, 3)}}, {.opsets = {8, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

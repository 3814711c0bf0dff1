// range, linspace, eye, size, sum, fill_any_like, fill_zeros_like,
// share_data: known inputs fold to constants, run-time inputs emit nodes.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

HostTensor Scalar1(DataType dtype, double value) {
  if (dtype == DataType::kFloat32) {
    return HostTensor::From<float>(dtype, {1}, {static_cast<float>(value)});
  }
  if (dtype == DataType::kInt32) {
    return HostTensor::From<int32_t>(dtype, {1}, {static_cast<int32_t>(value)});
  }
  return HostTensor::From<int64_t>(dtype, {1}, {static_cast<int64_t>(value)});
}

// A fill_constant [1] of `dtype` named `name` (a value known at conversion).
void Constant1(ProgramBuilder& p, const std::string& name, DataType dtype, float value) {
  p.Var(name, dtype, {1});
  p.Op("fill_constant")
      .Out("Out", {name})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("dtype", static_cast<int>(dtype))
      .Attr("value", value);
}

// ---- range ----------------------------------------------------------------

ProgramBuilder RuntimeRange(DataType dtype) {
  ProgramBuilder p;
  p.Input("start", dtype, {1}).Input("end", dtype, {1}).Input("step", dtype, {1});
  p.Var("out", dtype, {-1});
  p.Op("range").In("Start", {"start"}).In("End", {"end"}).In("Step", {"step"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(RangeTest, RunTimeInputs) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(
        RuntimeRange(dtype),
        {{"start", Scalar1(dtype, 2)}, {"end", Scalar1(dtype, 11)}, {"step", Scalar1(dtype, 3)}},
        {.opsets = {11, 17, 19}});
  }
}

// start 1, end -1.5, step -0.75: size ceil(2.5 / 0.75) = 4, values
// 1, 0.25, -0.5, -1.25.
TEST(RangeTest, NegativeFloatStep) {
  ExpectMatchesReference(
      RuntimeRange(DataType::kFloat32),
      {{"start", Scalar1(DataType::kFloat32, 1)},
       {"end", Scalar1(DataType::kFloat32, -1.5)},
       {"step", Scalar1(DataType::kFloat32, -0.75)}},
      {.opsets = {11, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {4}, {1, 0.25f, -0.5f, -1.25f})}});
}

// Known inputs fold: int64 start 0, end 10, step 4 → [0, 4, 8].
TEST(RangeTest, FoldsKnownInputs) {
  ProgramBuilder p;
  Constant1(p, "s", DataType::kInt64, 0);
  Constant1(p, "e", DataType::kInt64, 10);
  Constant1(p, "st", DataType::kInt64, 4);
  p.Var("out", DataType::kInt64, {-1});
  p.Op("range").In("Start", {"s"}).In("End", {"e"}).In("Step", {"st"}).Out("Out", {"out"});
  p.Output("out");
  ExpectMatchesReference(p, {}, {.opsets = {11, 17, 19}},
                         {{"out", HostTensor::From<int64_t>(DataType::kInt64, {3}, {0, 4, 8})}});
}

TEST(RangeTest, NeedsOpset11) {
  ExpectConversionFails(RuntimeRange(DataType::kFloat32), 10, "Range");
}

// ---- linspace -------------------------------------------------------------

ProgramBuilder RuntimeLinspace(DataType dtype) {
  ProgramBuilder p;
  p.Input("start", DataType::kFloat32, {1}).Input("stop", DataType::kFloat32, {1});
  p.Input("num", DataType::kInt32, {1});
  p.Var("out", dtype, {-1});
  p.Op("linspace")
      .In("Start", {"start"})
      .In("Stop", {"stop"})
      .In("Num", {"num"})
      .Out("Out", {"out"})
      .Attr("dtype", static_cast<int>(dtype));
  p.Output("out");
  return p;
}

// start -1, stop 2, num 5: step 0.75; first half -1, -0.25, then from the
// stop: 2 - 0.75·2 = 0.5, 1.25, 2.
TEST(LinspaceTest, RunTime) {
  const interp::TensorMap feeds = {{"start", Scalar1(DataType::kFloat32, -1)},
                                   {"stop", Scalar1(DataType::kFloat32, 2)},
                                   {"num", Scalar1(DataType::kInt32, 5)}};
  ExpectMatchesReference(
      RuntimeLinspace(DataType::kFloat32), feeds, {.opsets = {11, 17, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {5}, {-1, -0.25f, 0.5f, 1.25f, 2})}});
  ExpectMatchesReference(RuntimeLinspace(DataType::kFloat64), feeds, {.opsets = {11, 19}});
  // One value: [start].
  ExpectMatchesReference(RuntimeLinspace(DataType::kFloat32),
                         {{"start", Scalar1(DataType::kFloat32, 3)},
                          {"stop", Scalar1(DataType::kFloat32, 7)},
                          {"num", Scalar1(DataType::kInt32, 1)}},
                         {.opsets = {11}});
}

TEST(LinspaceTest, FoldsKnownInputsToInt) {
  ProgramBuilder p;
  Constant1(p, "s", DataType::kFloat32, 0);
  Constant1(p, "e", DataType::kFloat32, 10);
  Constant1(p, "n", DataType::kInt32, 4);
  p.Var("out", DataType::kInt64, {4});
  p.Op("linspace")
      .In("Start", {"s"})
      .In("Stop", {"e"})
      .In("Num", {"n"})
      .Out("Out", {"out"})
      .Attr("dtype", static_cast<int>(DataType::kInt64));
  p.Output("out");
  // step 10/3: 0, 3.33 → 3, then 10 - 3.33 = 6.67 → 6, 10.
  ExpectMatchesReference(
      p, {}, {.opsets = {11, 17, 19}},
      {{"out", HostTensor::From<int64_t>(DataType::kInt64, {4}, {0, 3, 6, 10})}});
}

TEST(LinspaceTest, RunTimeIntegerDtypeFails) {
  ExpectConversionFails(RuntimeLinspace(DataType::kInt32), 11, "linspace of dtype");
}

// ---- eye ------------------------------------------------------------------

ProgramBuilder EyeProgram(int rows, int cols, DataType dtype, const std::vector<int64_t>& dims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {1});
  p.Var("eye", dtype, dims).Var("out", dtype, dims);
  p.Op("eye")
      .Out("Out", {"eye"})
      .Attr("num_rows", int64_t{rows})
      .Attr("num_columns", int64_t{cols})
      .Attr("dtype", static_cast<int>(dtype));
  p.Op("assign").In("X", {"eye"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(EyeTest, Shapes) {
  const interp::TensorMap feeds = {{"x", Scalar1(DataType::kFloat32, 0)}};
  ExpectMatchesReference(
      EyeProgram(2, 3, DataType::kFloat32, {2, 3}), feeds, {.opsets = {7, 17, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {1, 0, 0, 0, 1, 0})}});
  ExpectMatchesReference(EyeProgram(3, -1, DataType::kInt64, {3, 3}), feeds, {.opsets = {7, 19}});
  ExpectMatchesReference(EyeProgram(3, 2, DataType::kInt32, {3, 2}), feeds, {.opsets = {7, 19}});
}

// ---- size -----------------------------------------------------------------

ProgramBuilder SizeProgram(const std::vector<int64_t>& x_dims,
                           const std::vector<int64_t>& out_dims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x_dims).Var("n", DataType::kInt64, out_dims);
  p.Var("out", DataType::kInt64, out_dims);
  p.Op("size").In("Input", {"x"}).Out("Out", {"n"});
  p.Op("assign").In("X", {"n"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(SizeTest, KnownAndRunTimeShapes) {
  const interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1)}};
  ExpectMatchesReference(SizeProgram({2, 3, 4}, {}), feeds, {.opsets = {7, 17, 19}},
                         {{"out", HostTensor::From<int64_t>(DataType::kInt64, {}, {24})}});
  ExpectMatchesReference(SizeProgram({-1, 3, 4}, {}), feeds, {.opsets = {7, 17, 19}});
  ExpectMatchesReference(SizeProgram({-1, 3, 4}, {1}), feeds, {.opsets = {7, 19}});
}

// ---- sum ------------------------------------------------------------------

ProgramBuilder SumProgram(int count, DataType dtype) {
  ProgramBuilder p;
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) {
    names.push_back("x" + std::to_string(i));
    p.Input(names.back(), dtype, {2, 3});
  }
  p.Var("out", dtype, {2, 3});
  p.Op("sum").In("X", names).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(SumTest, SeveralInputsAndDtypes) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
    for (int count : {1, 3}) {
      interp::TensorMap feeds;
      for (int i = 0; i < count; ++i) {
        feeds["x" + std::to_string(i)] =
            RandomTensor(dtype, {2, 3}, static_cast<uint32_t>(i + 1), -9, 9);
      }
      ExpectMatchesReference(SumProgram(count, dtype), feeds, {.opsets = {7, 17, 19}});
    }
  }
}

// ---- fill_any_like / fill_zeros_like / share_data -------------------------

ProgramBuilder LikeProgram(const std::string& type, const std::vector<int64_t>& dims,
                           DataType x_dtype, DataType out_dtype, int dtype_attr, float value) {
  ProgramBuilder p;
  p.Input("x", x_dtype, dims).Var("out", out_dtype, dims);
  OpBuilder op = p.Op(type).In("X", {"x"}).Out("Out", {"out"});
  if (type == "fill_any_like") op.Attr("dtype", dtype_attr).Attr("value", value);
  p.Output("out");
  return p;
}

TEST(FillLikeTest, FillAnyLikeKnownAndRunTimeShapes) {
  const interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, {2, 3}, 1)}};
  for (std::vector<int64_t> dims : {std::vector<int64_t>{2, 3}, std::vector<int64_t>{-1, 3}}) {
    ExpectMatchesReference(
        LikeProgram("fill_any_like", dims, DataType::kFloat32, DataType::kFloat32, -1, 2.5f), feeds,
        {.opsets = {9, 17, 19}},
        {{"out",
          HostTensor::From<float>(DataType::kFloat32, {2, 3}, std::vector<float>(6, 2.5f))}});
    ExpectMatchesReference(
        LikeProgram("fill_any_like", dims, DataType::kFloat32, DataType::kInt64, 3, 7.0f), feeds,
        {.opsets = {9, 19}});
    ExpectMatchesReference(
        LikeProgram("fill_any_like", dims, DataType::kFloat32, DataType::kBool, 0, 1.0f), feeds,
        {.opsets = {9, 19}});
  }
  const interp::TensorMap int_feeds = {{"x", RandomTensor(DataType::kInt32, {2, 3}, 1, -5, 5)}};
  ExpectMatchesReference(
      LikeProgram("fill_any_like", {-1, 3}, DataType::kInt32, DataType::kInt32, -1, 4.0f),
      int_feeds, {.opsets = {9, 19}});
}

TEST(FillLikeTest, FillZerosLike) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt64}) {
    const interp::TensorMap feeds = {{"x", RandomTensor(dtype, {2, 3}, 1, -5, 5)}};
    for (std::vector<int64_t> dims : {std::vector<int64_t>{2, 3}, std::vector<int64_t>{-1, 3}}) {
      ExpectMatchesReference(LikeProgram("fill_zeros_like", dims, dtype, dtype, -1, 0), feeds,
                             {.opsets = {9, 17, 19}});
    }
  }
}

TEST(FillLikeTest, NeedsOpset9) {
  ExpectConversionFails(
      LikeProgram("fill_zeros_like", {-1, 3}, DataType::kFloat32, DataType::kFloat32, -1, 0), 8,
      "ConstantOfShape");
}

TEST(ShareDataTest, Identity) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kBool}) {
    ExpectMatchesReference(LikeProgram("share_data", {2, 3}, dtype, dtype, -1, 0),
                           {{"x", RandomTensor(dtype, {2, 3}, 1, -5, 5)}}, {.opsets = {7, 17, 19}});
  }
}

}  // namespace
}  // namespace pd2onnx::testing

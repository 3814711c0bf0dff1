// set_value: attribute values of every dtype, ValueTensor with
// broadcasting, decrease_axes / none_axes, negative indices and steps,
// Paddle's "end -1 with a negative step runs through index 0" rule, and
// Starts/Ends/StepsTensorList both constant and computed at run time.
// ScatterND-11 sets the lowest opset.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const OpTestOptions kOpsets = {.opsets = {11, 13, 16, 17, 18, 19}};

struct Region {
  std::vector<int64_t> axes, starts, ends, steps;
  std::vector<int64_t> decrease_axes = {}, none_axes = {};
};

OpBuilder SetValueOp(ProgramBuilder& p, const Region& r) {
  OpBuilder op = p.Op("set_value")
                     .In("Input", {"x"})
                     .Out("Out", {"out"})
                     .Attr("axes", r.axes)
                     .Attr("decrease_axes", r.decrease_axes)
                     .Attr("none_axes", r.none_axes);
  if (!r.starts.empty()) op.Attr("starts", r.starts);
  if (!r.ends.empty()) op.Attr("ends", r.ends);
  if (!r.steps.empty()) op.Attr("steps", r.steps);
  return op;
}

HostTensor Iota(const std::vector<int64_t>& dims) {
  std::vector<float> v(static_cast<size_t>(graph::NumElements(dims)));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i);
  return HostTensor::From<float>(DataType::kFloat32, dims, v);
}

// x[1:3, 0] = 7.5 on a 4x3 iota, by hand.
TEST(SetValueTest, ScalarFp32ValueWithDecreaseAxisByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {4, 3}).Var("out", DataType::kFloat32, {4, 3});
  SetValueOp(p, {{0, 1}, {1, 0}, {3, 1}, {1, 1}, {1}})
      .Attr("dtype", 5)
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("fp32_values", std::vector<float>{7.5f});
  p.Output("out");
  const HostTensor expected = HostTensor::From<float>(DataType::kFloat32, {4, 3},
                                                      {0, 1, 2, 7.5, 4, 5, 7.5, 7, 8, 9, 10, 11});
  ExpectMatchesReference(p, {{"x", Iota({4, 3})}}, kOpsets, {{"out", expected}});
}

// x[::-2] on 0..5 writes 5, 3, 1 (end -1 means through index 0); by hand.
TEST(SetValueTest, NegativeStepThroughIndexZeroByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {6}).Var("out", DataType::kFloat32, {6});
  SetValueOp(p, {{0}, {-1}, {-1}, {-2}})
      .Attr("shape", std::vector<int64_t>{3})
      .Attr("fp32_values", std::vector<float>{10, 20, 30});
  p.Output("out");
  const HostTensor expected =
      HostTensor::From<float>(DataType::kFloat32, {6}, {0, 30, 2, 20, 4, 10});
  ExpectMatchesReference(p, {{"x", Iota({6})}}, kOpsets, {{"out", expected}});
}

// Negative starts/ends with a positive step, and an out-of-range end.
TEST(SetValueTest, NegativeIndicesAndClampedEnd) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {5, 6, 4}).Var("out", DataType::kFloat32, {5, 6, 4});
  SetValueOp(p, {{1, 2}, {-5, -3}, {100, -1}, {2, 1}})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("fp32_values", std::vector<float>{-2.0f});
  p.Output("out");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, {5, 6, 4}, 1)}}, kOpsets);
}

// A negative step with a negative end below -1 (gains the extent).
TEST(SetValueTest, NegativeStepWithWrappedEnd) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 8}).Var("out", DataType::kFloat32, {3, 8});
  SetValueOp(p, {{1}, {6}, {-7}, {-2}})
      .Attr("shape", std::vector<int64_t>{3, 1})
      .Attr("fp32_values", std::vector<float>{1, 2, 3});
  p.Output("out");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, {3, 8}, 2)}}, kOpsets);
}

// A value tensor computed at run time, broadcast over the region.
TEST(SetValueTest, ValueTensorBroadcasts) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 5, 4})
      .Input("v", DataType::kFloat32, {1, 4})
      .Var("out", DataType::kFloat32, {2, 5, 4});
  SetValueOp(p, {{1}, {1}, {4}, {1}}).In("ValueTensor", {"v"});
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", RandomTensor(DataType::kFloat32, {2, 5, 4}, 3)},
                          {"v", RandomTensor(DataType::kFloat32, {1, 4}, 4)}},
                         kOpsets);
}

// none_axes insert 1s into the shape the value broadcasts to:
// x[:, None, 0:2] = v with v of shape [3, 1, 2].
TEST(SetValueTest, NoneAxes) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 4})
      .Input("v", DataType::kFloat32, {3, 1, 2})
      .Var("out", DataType::kFloat32, {3, 4});
  SetValueOp(p, {{1}, {0}, {2}, {1}, {}, {1}}).In("ValueTensor", {"v"});
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", RandomTensor(DataType::kFloat32, {3, 4}, 5)},
                          {"v", RandomTensor(DataType::kFloat32, {3, 1, 2}, 6)}},
                         kOpsets);
}

// Typed value lists: int32, int64 (beyond 2^53, exact), bool, fp64.
TEST(SetValueTest, TypedValueLists) {
  struct Case {
    DataType dtype;
    int paddle_dtype;
    const char* list;
  };
  for (const Case& c :
       {Case{DataType::kInt32, 2, "int32_values"}, Case{DataType::kInt64, 3, "int64_values"},
        Case{DataType::kBool, 0, "bool_values"}, Case{DataType::kFloat64, 6, "fp64_values"}}) {
    SCOPED_TRACE(c.list);
    ProgramBuilder p;
    p.Input("x", c.dtype, {3, 4}).Var("out", c.dtype, {3, 4});
    OpBuilder op = SetValueOp(p, {{0, 1}, {0, 1}, {3, 4}, {2, 2}})
                       .Attr("dtype", c.paddle_dtype)
                       .Attr("shape", std::vector<int64_t>{2});
    if (c.dtype == DataType::kFloat64) {
      op.Attr(c.list, std::vector<double>{0.1, -2.5});
    } else if (c.dtype == DataType::kBool) {
      op.Attr(c.list, std::vector<int>{1, 0});
    } else if (c.dtype == DataType::kInt64) {
      op.Attr(c.list, std::vector<int64_t>{(int64_t{1} << 60) + 1, -3});
    } else {
      op.Attr(c.list, std::vector<int>{7, -3});
    }
    p.Output("out");
    ExpectMatchesReference(p, {{"x", RandomTensor(c.dtype, {3, 4}, 7, -5, 5)}}, kOpsets);
  }
}

// Paddle >= 2.6 writes the values as SCALARS in `values`.
TEST(SetValueTest, ScalarsValuesAttribute) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {4, 4}).Var("out", DataType::kFloat32, {4, 4});
  OpBuilder op = SetValueOp(p, {{0}, {1}, {3}, {1}}).Attr("shape", std::vector<int64_t>{1});
  auto* attr = op.RawAttr("values", paddle::proto::AttrType::SCALARS);
  auto* scalar = attr->add_scalars();
  scalar->set_type(paddle::proto::Scalar::FLOAT64);
  scalar->set_r(4.25);
  p.Output("out");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, {4, 4}, 8)}}, kOpsets);
}

// Starts/Ends/Steps lists: constants (folded), then run-time tensors with a
// dynamic input extent.
TEST(SetValueTest, TensorListsConstantAndRunTime) {
  for (bool run_time : {false, true}) {
    SCOPED_TRACE(run_time ? "run time" : "constant");
    ProgramBuilder p;
    p.Input("x", DataType::kFloat32, {run_time ? -1 : 7, 3})
        .Var("out", DataType::kFloat32, {run_time ? -1 : 7, 3});
    const std::vector<std::pair<std::string, int64_t>> bounds = {{"s", -1}, {"e", 1}, {"st", -2}};
    for (const auto& [name, v] : bounds) {
      if (run_time) {
        p.Input(name, DataType::kInt64, {1});
      } else {
        p.Param(name, HostTensor::From<int64_t>(DataType::kInt64, {1}, {v}));
      }
    }
    SetValueOp(p, {{0}, {}, {}, {}})
        .In("StartsTensorList", {"s"})
        .In("EndsTensorList", {"e"})
        .In("StepsTensorList", {"st"})
        .Attr("shape", std::vector<int64_t>{1})
        .Attr("fp32_values", std::vector<float>{9.0f});
    p.Output("out");
    interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, {7, 3}, 9)}};
    if (run_time) {
      for (const auto& [name, v] : bounds) {
        feeds[name] = HostTensor::From<int64_t>(DataType::kInt64, {1}, {v});
      }
    }
    // Rows 6, 4, 2 are set (start -1 → 6, end 1 exclusive, step -2).
    ExpectMatchesReference(p, feeds, kOpsets);
  }
}

// Run-time bounds with a positive step whose start is negative and end is
// past the extent, on an int32 start tensor.
TEST(SetValueTest, RunTimeInt32BoundsPositiveStep) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, -1})
      .Input("s", DataType::kInt32, {1})
      .Input("v", DataType::kFloat32, {1})
      .Var("out", DataType::kFloat32, {2, -1});
  SetValueOp(p, {{1}, {}, {50}, {1}}).In("StartsTensorList", {"s"}).In("ValueTensor", {"v"});
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", RandomTensor(DataType::kFloat32, {2, 9}, 10)},
                          {"s", HostTensor::From<int32_t>(DataType::kInt32, {1}, {-4})},
                          {"v", HostTensor::From<float>(DataType::kFloat32, {1}, {3.0f})}},
                         kOpsets);
}

// The pattern of SLANet's table head, `preds[:, i, :] = step`: run-time
// start/end lists, an empty StepsTensorList slot, decrease_axes [1], a
// dynamic batch, and a [B, C] value.
TEST(SetValueTest, SlanetRowAssignmentPattern) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 5, 4})
      .Input("i", DataType::kInt64, {1})
      .Input("i1", DataType::kInt64, {1})
      .Input("step", DataType::kFloat32, {-1, 4})
      .Var("out", DataType::kFloat32, {-1, 5, 4});
  SetValueOp(p, {{1}, {}, {}, {1}, {1}})
      .In("StartsTensorList", {"i"})
      .In("EndsTensorList", {"i1"})
      .In("StepsTensorList", {})
      .In("ValueTensor", {"step"})
      .Attr("dtype", 5);
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", RandomTensor(DataType::kFloat32, {3, 5, 4}, 11)},
                          {"i", HostTensor::From<int64_t>(DataType::kInt64, {1}, {2})},
                          {"i1", HostTensor::From<int64_t>(DataType::kInt64, {1}, {3})},
                          {"step", RandomTensor(DataType::kFloat32, {3, 4}, 12)}},
                         kOpsets);
}

// In place, as exported models write it: Input and Out are the same
// variable (here a fill_constant buffer), written twice.
TEST(SetValueTest, InPlaceOnAFilledBuffer) {
  ProgramBuilder p;
  p.Input("v", DataType::kFloat32, {2, 3}).Var("buf", DataType::kFloat32, {2, 4, 3});
  p.Op("fill_constant")
      .Out("Out", {"buf"})
      .Attr("shape", std::vector<int64_t>{2, 4, 3})
      .Attr("dtype", 5)
      .Attr("value", 0.0f);
  p.Op("set_value")
      .In("Input", {"buf"})
      .In("ValueTensor", {"v"})
      .Out("Out", {"buf"})
      .Attr("axes", std::vector<int64_t>{1})
      .Attr("starts", std::vector<int64_t>{1})
      .Attr("ends", std::vector<int64_t>{2})
      .Attr("steps", std::vector<int64_t>{1})
      .Attr("decrease_axes", std::vector<int64_t>{1});
  p.Op("set_value")
      .In("Input", {"buf"})
      .Out("Out", {"buf"})
      .Attr("axes", std::vector<int64_t>{1})
      .Attr("starts", std::vector<int64_t>{-1})
      .Attr("ends", std::vector<int64_t>{4})
      .Attr("steps", std::vector<int64_t>{1})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("fp32_values", std::vector<float>{5.0f});
  p.Output("buf");
  ExpectMatchesReference(p, {{"v", RandomTensor(DataType::kFloat32, {2, 3}, 13)}}, kOpsets);
}

// An empty region leaves the input unchanged.
TEST(SetValueTest, EmptyRegionIsACopy) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {4}).Var("out", DataType::kFloat32, {4});
  SetValueOp(p, {{0}, {2}, {2}, {1}})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("fp32_values", std::vector<float>{1.0f});
  p.Output("out");
  ExpectMatchesReference(p, {{"x", Iota({4})}}, kOpsets, {{"out", Iota({4})}});
}

TEST(SetValueTest, BelowOpset11Fails) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {4}).Var("out", DataType::kFloat32, {4});
  SetValueOp(p, {{0}, {0}, {2}, {1}})
      .Attr("shape", std::vector<int64_t>{1})
      .Attr("fp32_values", std::vector<float>{1.0f});
  p.Output("out");
  ExpectConversionFails(p, 10, "ScatterND-11");
}

}  // namespace
}  // namespace pd2onnx::testing

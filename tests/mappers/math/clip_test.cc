// clip: min/max attributes, overridden by 1-element Min/Max tensors.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

enum class BoundFrom { kAttr, kInput, kParam };

struct ClipCase {
  DataType dtype = DataType::kFloat32;
  float min = -0.5f;
  float max = 0.7f;
  BoundFrom min_from = BoundFrom::kAttr;
  BoundFrom max_from = BoundFrom::kAttr;
  DataType bound_dtype = DataType::kFloat32;  // of Min/Max tensors
};

const std::vector<int64_t> kDims = {2, 3, 4};

HostTensor BoundTensor(DataType dtype, float value) {
  return dtype == DataType::kFloat32
             ? HostTensor::From<float>(dtype, {1}, {value})
             : HostTensor::From<int32_t>(dtype, {1}, {static_cast<int32_t>(value)});
}

void DeclareBound(ProgramBuilder& p, const char* name, BoundFrom from, DataType dtype,
                  float value) {
  if (from == BoundFrom::kInput) p.Input(name, dtype, {1});
  if (from == BoundFrom::kParam) p.Param(name, BoundTensor(dtype, value));
}

ProgramBuilder ClipProgram(const ClipCase& c) {
  ProgramBuilder p;
  p.Input("x", c.dtype, kDims);
  DeclareBound(p, "lo", c.min_from, c.bound_dtype, c.min);
  DeclareBound(p, "hi", c.max_from, c.bound_dtype, c.max);
  p.Var("out", c.dtype, kDims);
  OpBuilder op = p.Op("clip").In("X", {"x"}).Out("Out", {"out"});
  // Attributes hold other values where a tensor overrides them.
  op.Attr("min", c.min_from == BoundFrom::kAttr ? c.min : -100.0f);
  op.Attr("max", c.max_from == BoundFrom::kAttr ? c.max : 100.0f);
  if (c.min_from != BoundFrom::kAttr) op.In("Min", {"lo"});
  if (c.max_from != BoundFrom::kAttr) op.In("Max", {"hi"});
  p.Output("out");
  return p;
}

interp::TensorMap Feeds(const ClipCase& c) {
  const bool integer = graph::IsInteger(c.dtype);
  interp::TensorMap feeds = {
      {"x", RandomTensor(c.dtype, kDims, 1, integer ? -10 : -1, integer ? 10 : 1)}};
  if (c.min_from == BoundFrom::kInput) feeds["lo"] = BoundTensor(c.bound_dtype, c.min);
  if (c.max_from == BoundFrom::kInput) feeds["hi"] = BoundTensor(c.bound_dtype, c.max);
  return feeds;
}

// Clip-11: bounds become inputs; Clip-12: integers.
TEST(ClipTest, MinMaxAttrs) {
  const ClipCase c;
  ExpectMatchesReference(ClipProgram(c), Feeds(c), {.opsets = {7, 10, 11, 12, 17, 19}});
}

TEST(ClipTest, MinMaxTensorsAtRunTime) {
  ClipCase c;
  c.min_from = c.max_from = BoundFrom::kInput;
  ExpectMatchesReference(ClipProgram(c), Feeds(c), {.opsets = {8, 10, 11, 12, 17, 19}});
}

TEST(ClipTest, MinTensorAtRunTimeMaxAttr) {
  ClipCase c;
  c.min_from = BoundFrom::kInput;
  ExpectMatchesReference(ClipProgram(c), Feeds(c), {.opsets = {8, 11, 19}});
}

TEST(ClipTest, MaxTensorAtRunTimeMinAttr) {
  ClipCase c;
  c.max_from = BoundFrom::kInput;
  ExpectMatchesReference(ClipProgram(c), Feeds(c), {.opsets = {8, 11, 19}});
}

TEST(ClipTest, MinMaxTensorParams) {
  ClipCase c;
  c.min_from = c.max_from = BoundFrom::kParam;
  ExpectMatchesReference(ClipProgram(c), Feeds(c), {.opsets = {8, 11, 12, 19}});
}

// Integer X: bounds truncate to X's type (-3.5 → -3, 4.7 → 4). Before
// Clip-12: float32 at opsets 7-8, Where from opset 9.
TEST(ClipTest, IntegerXAttrs) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ClipCase c;
    c.dtype = dtype;
    c.min = -3.5f;
    c.max = 4.7f;
    ExpectMatchesReference(ClipProgram(c), Feeds(c), {.opsets = {7, 8, 9, 11, 12, 17, 19}});
  }
}

TEST(ClipTest, IntegerXTensorsAtRunTime) {
  ClipCase c;
  c.dtype = c.bound_dtype = DataType::kInt32;
  c.min = -3;
  c.max = 4;
  c.min_from = c.max_from = BoundFrom::kInput;
  ExpectMatchesReference(ClipProgram(c), Feeds(c), {.opsets = {8, 9, 10, 11, 12, 17, 19}});
}

// ONNX Runtime's Clip-6 and Clip-11 take float only: float64 X is bounded
// by a reduction at opset 7 and Max/Min-8 up to 11.
TEST(ClipTest, Float64XAttrs) {
  ClipCase c;
  c.dtype = DataType::kFloat64;
  ExpectMatchesReference(ClipProgram(c), Feeds(c), {.opsets = {7, 8, 9, 11, 12, 17, 19}});
}

TEST(ClipTest, Float64XOneBound) {
  ClipCase c;
  c.dtype = DataType::kFloat64;
  ProgramBuilder p;
  p.Input("x", c.dtype, kDims).Var("out", c.dtype, kDims);
  p.Op("clip").In("X", {"x"}).Out("Out", {"out"}).Attr("min", 0.25f);
  p.Output("out");
  ExpectMatchesReference(p, Feeds(c), {.opsets = {7, 9, 11, 12}});
}

TEST(ClipTest, Float64XTensorsAtRunTime) {
  ClipCase c;
  c.dtype = DataType::kFloat64;
  c.min_from = c.max_from = BoundFrom::kInput;
  ExpectMatchesReference(ClipProgram(c), Feeds(c), {.opsets = {8, 9, 11, 12, 19}});
}

// Hand-computed: x in {-2, -0.5, 0.1, 0.7, 3} clipped to [-0.5, 0.7].
TEST(ClipTest, Float64XHandComputed) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat64, {5}).Var("out", DataType::kFloat64, {5});
  p.Op("clip").In("X", {"x"}).Out("Out", {"out"}).Attr("min", -0.5f).Attr("max", 0.7f);
  p.Output("out");
  const HostTensor x =
      HostTensor::From<double>(DataType::kFloat64, {5}, {-2.0, -0.5, 0.1, 0.7, 3.0});
  const HostTensor want = HostTensor::From<double>(
      DataType::kFloat64, {5},
      {-0.5, -0.5, 0.1, static_cast<double>(0.7f), static_cast<double>(0.7f)});
  ExpectMatchesReference(p, {{"x", x}}, {.opsets = {7, 9, 11, 12}}, {{"out", want}});
}

TEST(ClipTest, TensorBoundsNeedOpset8) {
  ClipCase c;
  c.min_from = BoundFrom::kInput;
  ExpectConversionFails(ClipProgram(c), 7, "Min");
}

}  // namespace
}  // namespace pd2onnx::testing

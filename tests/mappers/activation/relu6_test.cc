#include <gtest/gtest.h>

#include <optional>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Relu6Program(std::optional<float> threshold) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("out", DataType::kFloat32, {2, 3, 4});
  OpBuilder op = p.Op("relu6").In("X", {"x"}).Out("Out", {"out"});
  if (threshold) op.Attr("threshold", *threshold);
  p.Output("out");
  return p;
}

// Clip-11 moves min/max from attributes to inputs.
TEST(Relu6Test, DefaultThreshold) {
  ExpectMatchesReference(Relu6Program(std::nullopt),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, -10, 10)}},
                         {.opsets = {7, 10, 11, 17, 19}});
}

TEST(Relu6Test, OlderWriterThreshold) {
  ExpectMatchesReference(Relu6Program(3.0f),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2, -10, 10)}},
                         {.opsets = {7, 11, 19}});
}

// float64: ONNX Runtime's Clip-6/11 are float only, so the mapper bounds by
// a reduction (7) or Max/Min (8-11) until Clip-12.
TEST(Relu6Test, Float64) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat64, {2, 3, 4}).Var("out", DataType::kFloat64, {2, 3, 4});
  p.Op("relu6").In("X", {"x"}).Out("Out", {"out"}).Attr("threshold", 6.0f);
  p.Output("out");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat64, {2, 3, 4}, 3, -10, 10)}},
                         {.opsets = {7, 9, 11, 12, 17, 19}});
}

TEST(Relu6Test, Float64HandComputed) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat64, {4}).Var("out", DataType::kFloat64, {4});
  p.Op("relu6").In("X", {"x"}).Out("Out", {"out"}).Attr("threshold", 6.0f);
  p.Output("out");
  const HostTensor x = HostTensor::From<double>(DataType::kFloat64, {4}, {-1.5, 0.25, 5.75, 9.0});
  const HostTensor want = HostTensor::From<double>(DataType::kFloat64, {4}, {0.0, 0.25, 5.75, 6.0});
  ExpectMatchesReference(p, {{"x", x}}, {.opsets = {7, 9, 11}}, {{"out", want}});
}

}  // namespace
}  // namespace pd2onnx::testing

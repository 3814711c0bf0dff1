// data_norm (inference): plain normalisation, scale and shift, and slot_dim
// (slots whose first value is ~0 are zeroed; Where-9 sets the lowest opset).
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder DataNormProgram(int slot_dim, bool scale_and_shift) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 6})
      .Param("size", RandomTensor(DataType::kFloat32, {6}, 11, 1, 10))
      .Param("sum", RandomTensor(DataType::kFloat32, {6}, 12, -5, 5))
      .Param("sq", RandomTensor(DataType::kFloat32, {6}, 13, 1, 20))
      .Var("y", DataType::kFloat32, {-1, 6})
      .Var("means", DataType::kFloat32, {6})
      .Var("scales", DataType::kFloat32, {6});
  OpBuilder op = p.Op("data_norm")
                     .In("X", {"x"})
                     .In("BatchSize", {"size"})
                     .In("BatchSum", {"sum"})
                     .In("BatchSquareSum", {"sq"})
                     .Out("Y", {"y"})
                     .Out("Means", {"means"})
                     .Out("Scales", {"scales"})
                     .Attr("epsilon", 1e-4f)
                     .Attr("slot_dim", slot_dim)
                     .Attr("enable_scale_and_shift", scale_and_shift)
                     .Attr("data_layout", "NCHW");
  if (scale_and_shift) {
    p.Param("w", RandomTensor(DataType::kFloat32, {6}, 14, 0.5, 2))
        .Param("b", RandomTensor(DataType::kFloat32, {6}, 15));
    op.In("scale_w", {"w"}).In("bias", {"b"});
  }
  p.Output("y").Output("means").Output("scales");
  return p;
}

TEST(DataNormTest, Plain) {
  ExpectMatchesReference(DataNormProgram(-1, false),
                         {{"x", RandomTensor(DataType::kFloat32, {4, 6}, 1, -3, 3)}});
}

TEST(DataNormTest, ScaleAndShift) {
  ExpectMatchesReference(DataNormProgram(-1, true),
                         {{"x", RandomTensor(DataType::kFloat32, {4, 6}, 2, -3, 3)}});
}

// Slots of 3: row 0's first slot starts with 0 and row 1's second slot with
// 5e-8 (both zeroed); every other slot is normalised.
TEST(DataNormTest, SlotDimZeroesEmptySlots) {
  for (bool scale_and_shift : {false, true}) {
    HostTensor x = RandomTensor(DataType::kFloat32, {3, 6}, 3, 1, 3);
    x.data<float>()[0] = 0.0f;
    x.data<float>()[6 + 3] = 5e-8f;
    ExpectMatchesReference(DataNormProgram(3, scale_and_shift), {{"x", x}},
                           {.opsets = {9, 10, 13, 17, 19}});
  }
}

// By hand: size 4, sum 2, square sum 16 → mean 0.5, scale 0.5; x = 2.5 → 1.
TEST(DataNormTest, ByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {1, 1})
      .Param("size", HostTensor::From<float>(DataType::kFloat32, {1}, {4}))
      .Param("sum", HostTensor::From<float>(DataType::kFloat32, {1}, {2}))
      .Param("sq", HostTensor::From<float>(DataType::kFloat32, {1}, {16}))
      .Var("y", DataType::kFloat32, {1, 1})
      .Var("means", DataType::kFloat32, {1})
      .Var("scales", DataType::kFloat32, {1});
  p.Op("data_norm")
      .In("X", {"x"})
      .In("BatchSize", {"size"})
      .In("BatchSum", {"sum"})
      .In("BatchSquareSum", {"sq"})
      .Out("Y", {"y"})
      .Out("Means", {"means"})
      .Out("Scales", {"scales"});
  p.Output("y").Output("means").Output("scales");
  ExpectMatchesReference(p, {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 1}, {2.5f})}},
                         {},
                         {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1}, {1.0f})},
                          {"means", HostTensor::From<float>(DataType::kFloat32, {1}, {0.5f})},
                          {"scales", HostTensor::From<float>(DataType::kFloat32, {1}, {0.5f})}});
}

TEST(DataNormTest, SlotDimMustDivideColumns) {
  ProgramBuilder p = DataNormProgram(4, false);
  ExpectConversionFails(p, 17, "slot_dim=4 must divide");
}

}  // namespace
}  // namespace pd2onnx::testing

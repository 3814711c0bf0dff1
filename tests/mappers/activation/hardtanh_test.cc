// hardtanh: clip to [t_min, t_max] (Clip-11 moves the bounds to inputs);
// min / max attributes are read when t_min / t_max are absent.
#include <gtest/gtest.h>

#include <string>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder HardtanhProgram(const std::string& lo_name, float lo, const std::string& hi_name,
                               float hi) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("out", DataType::kFloat32, {2, 3, 4});
  OpBuilder op = p.Op("hardtanh").In("X", {"x"}).Out("Out", {"out"});
  if (!lo_name.empty()) op.Attr(lo_name, lo);
  if (!hi_name.empty()) op.Attr(hi_name, hi);
  p.Output("out");
  return p;
}

TEST(HardtanhTest, TMinTMax) {
  ExpectMatchesReference(HardtanhProgram("t_min", -1.0f, "t_max", 1.0f),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, -3, 3)}},
                         {.opsets = {7, 11, 12, 13, 17, 19}});
}

TEST(HardtanhTest, MinMaxAliases) {
  ExpectMatchesReference(HardtanhProgram("min", -0.5f, "max", 2.0f),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 2, -3, 3)}},
                         {.opsets = {7, 11, 17, 19}});
}

// Defaults (as brelu): [0, 24]. x = [-1, 0.5, 30] → [0, 0.5, 24] by hand.
TEST(HardtanhTest, DefaultsByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3}).Var("out", DataType::kFloat32, {3});
  p.Op("hardtanh").In("X", {"x"}).Out("Out", {"out"});
  p.Output("out");
  ExpectMatchesReference(p,
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {3}, {-1, 0.5, 30})}},
                         {.opsets = {7, 11, 17, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {0, 0.5, 24})}});
}

// float64 before Clip-12 (ONNX Runtime's Clip-6/11 are float only):
// x = [-3, -0.25, 2.5] clipped to [-0.5, 2] → [-0.5, -0.25, 2] by hand.
TEST(HardtanhTest, Float64ByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat64, {3}).Var("out", DataType::kFloat64, {3});
  p.Op("hardtanh").In("X", {"x"}).Out("Out", {"out"}).Attr("t_min", -0.5f).Attr("t_max", 2.0f);
  p.Output("out");
  ExpectMatchesReference(
      p, {{"x", HostTensor::From<double>(DataType::kFloat64, {3}, {-3, -0.25, 2.5})}},
      {.opsets = {7, 9, 11, 12, 19}},
      {{"out", HostTensor::From<double>(DataType::kFloat64, {3}, {-0.5, -0.25, 2})}});
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct LayerNormCase {
  std::string name;
  std::vector<int64_t> shape;
  int begin_norm_axis = 1;
  bool has_scale = true;
  bool has_bias = true;
  float epsilon = 1e-5f;
  std::vector<size_t> unknown = {};

  friend void PrintTo(const LayerNormCase& c, std::ostream* os) { *os << c.name; }
};

int64_t NormalizedSize(const LayerNormCase& c) {
  const size_t axis = c.begin_norm_axis < 0 ? c.shape.size() + c.begin_norm_axis
                                            : static_cast<size_t>(c.begin_norm_axis);
  int64_t size = 1;
  for (size_t i = axis; i < c.shape.size(); ++i) size *= c.shape[i];
  return size;
}

ProgramBuilder LayerNormProgram(const LayerNormCase& c) {
  const std::vector<int64_t> decl = nn_test::WithUnknown(c.shape, c.unknown);
  const int64_t left = [&] {
    const size_t axis = c.begin_norm_axis < 0 ? c.shape.size() + c.begin_norm_axis
                                              : static_cast<size_t>(c.begin_norm_axis);
    int64_t n = 1;
    for (size_t i = 0; i < axis; ++i) n = decl[i] < 0 ? -1 : n * decl[i];
    return n;
  }();
  const int64_t size = NormalizedSize(c);
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, decl)
      .Var("y", DataType::kFloat32, decl)
      .Var("mean", DataType::kFloat32, {left})
      .Var("variance", DataType::kFloat32, {left});
  if (c.has_scale) p.Param("scale", RandomTensor(DataType::kFloat32, {size}, 11, 0.5, 1.5));
  if (c.has_bias) p.Param("bias", RandomTensor(DataType::kFloat32, {size}, 12));
  OpBuilder op = p.Op("layer_norm");
  op.In("X", {"x"})
      .Out("Y", {"y"})
      .Out("Mean", {"mean"})
      .Out("Variance", {"variance"})
      .Attr("begin_norm_axis", c.begin_norm_axis)
      .Attr("epsilon", c.epsilon);
  if (c.has_scale) op.In("Scale", {"scale"});
  if (c.has_bias) op.In("Bias", {"bias"});
  p.Output("y");
  return p;
}

class LayerNormTest : public ::testing::TestWithParam<LayerNormCase> {};

// Decomposed below 17 (ReduceMean takes axes as an input from 18).
TEST_P(LayerNormTest, MatchesReference) {
  const LayerNormCase& c = GetParam();
  ExpectMatchesReference(LayerNormProgram(c),
                         {{"x", RandomTensor(DataType::kFloat32, c.shape, 3, -2, 2)}},
                         {.opsets = {7, 13, 16, 17, 18, 19, 21}, .tol = 1e-4});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, LayerNormTest,
    ::testing::Values(
        LayerNormCase{.name = "LastAxis", .shape = {2, 3, 8}, .begin_norm_axis = 2},
        LayerNormCase{.name = "SeveralAxes", .shape = {2, 3, 4, 2}, .begin_norm_axis = 1},
        LayerNormCase{.name = "NegativeAxis", .shape = {4, 3, 5}, .begin_norm_axis = -2},
        LayerNormCase{.name = "NoScale", .shape = {3, 6}, .has_scale = false},
        LayerNormCase{
            .name = "NoBias", .shape = {3, 2, 3}, .begin_norm_axis = 1, .has_bias = false},
        LayerNormCase{.name = "NoScaleNoBias",
                      .shape = {2, 5},
                      .has_scale = false,
                      .has_bias = false,
                      .epsilon = 0.1f},
        LayerNormCase{
            .name = "DynamicBatch", .shape = {3, 4, 6}, .begin_norm_axis = 2, .unknown = {0}},
        LayerNormCase{.name = "DynamicNormalizedDims",
                      .shape = {2, 3, 4},
                      .begin_norm_axis = 1,
                      .unknown = {0, 1, 2}},
        LayerNormCase{.name = "DynamicNormalizedDimsNoScale",
                      .shape = {2, 3, 4},
                      .begin_norm_axis = 1,
                      .has_scale = false,
                      .unknown = {2}}),
    nn_test::CaseName());

}  // namespace
}  // namespace pd2onnx::testing

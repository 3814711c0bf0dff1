#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct BatchNormCase {
  std::string name;
  std::vector<int64_t> input;  // fed shape
  std::string data_layout = "NCHW";
  float epsilon = 1e-5f;
  bool dynamic_batch = false;

  friend void PrintTo(const BatchNormCase& c, std::ostream* os) { *os << c.name; }
};

int64_t Channels(const BatchNormCase& c) {
  return c.data_layout == "NHWC" && c.input.size() > 2 ? c.input.back() : c.input[1];
}

ProgramBuilder BatchNormProgram(const BatchNormCase& c) {
  const int64_t channels = Channels(c);
  std::vector<int64_t> decl = c.input;
  if (c.dynamic_batch) decl[0] = -1;
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, decl)
      .Param("scale", RandomTensor(DataType::kFloat32, {channels}, 11, 0.5, 1.5))
      .Param("bias", RandomTensor(DataType::kFloat32, {channels}, 12))
      .Param("mean", RandomTensor(DataType::kFloat32, {channels}, 13))
      .Param("variance", RandomTensor(DataType::kFloat32, {channels}, 14, 0.1, 2.0))
      .Var("y", DataType::kFloat32, decl)
      .Var("saved_mean", DataType::kFloat32, {channels})
      .Var("saved_variance", DataType::kFloat32, {channels});
  p.Op("batch_norm")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .In("Bias", {"bias"})
      .In("Mean", {"mean"})
      .In("Variance", {"variance"})
      .Out("Y", {"y"})
      .Out("MeanOut", {"mean"})
      .Out("VarianceOut", {"variance"})
      .Out("SavedMean", {"saved_mean"})
      .Out("SavedVariance", {"saved_variance"})
      .Attr("epsilon", c.epsilon)
      .Attr("momentum", 0.9f)
      .Attr("data_layout", c.data_layout)
      .Attr("is_test", true);
  p.Output("y");
  return p;
}

class BatchNormTest : public ::testing::TestWithParam<BatchNormCase> {};

TEST_P(BatchNormTest, MatchesReference) {
  const BatchNormCase& c = GetParam();
  ExpectMatchesReference(BatchNormProgram(c), {{"x", RandomTensor(DataType::kFloat32, c.input, 3)}},
                         {.opsets = {7, 9, 14, 15, 17, 19, 21}, .tol = 1e-5});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, BatchNormTest,
    ::testing::Values(
        BatchNormCase{.name = "Nchw", .input = {2, 3, 4, 5}},
        BatchNormCase{.name = "NchwEpsilon", .input = {1, 4, 3, 3}, .epsilon = 0.1f},
        BatchNormCase{.name = "Nhwc", .input = {2, 4, 5, 3}, .data_layout = "NHWC"},
        BatchNormCase{.name = "TwoDimensional", .input = {5, 6}},
        BatchNormCase{.name = "TwoDimensionalNhwc", .input = {5, 6}, .data_layout = "NHWC"},
        BatchNormCase{.name = "ThreeDimensional", .input = {2, 3, 7}},
        // BatchNorm1D with data_format NLC writes data_layout NHWC on [N, L, C].
        BatchNormCase{.name = "ThreeDimensionalNlc", .input = {2, 7, 3}, .data_layout = "NHWC"},
        BatchNormCase{
            .name = "FiveDimensionalNdhwc", .input = {1, 3, 4, 2, 5}, .data_layout = "NHWC"},
        BatchNormCase{.name = "DynamicBatch", .input = {3, 2, 4, 4}, .dynamic_batch = true}),
    nn_test::CaseName());

// Paddle's batch_norm kernel rejects layouts other than NCHW / NHWC
// ("Unknown storage order"), AnyLayout included.
TEST(BatchNormFails, AnyLayoutNamesTheAttribute) {
  ExpectConversionFails(
      BatchNormProgram({.name = "AnyLayout", .input = {2, 3, 4, 5}, .data_layout = "AnyLayout"}),
      11, "data_layout 'AnyLayout'");
}

}  // namespace
}  // namespace pd2onnx::testing

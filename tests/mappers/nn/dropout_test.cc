#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct DropoutCase {
  std::string name;
  std::optional<std::string> implementation =
      std::nullopt;  // nullopt: Paddle's default (downgrade_in_infer)
  std::optional<float> dropout_prob = std::nullopt;  // nullopt: Paddle's default 0.5
  std::vector<int64_t> shape = {2, 3, 4};

  friend void PrintTo(const DropoutCase& c, std::ostream* os) { *os << c.name; }
};

ProgramBuilder DropoutProgram(const DropoutCase& c) {
  std::vector<int64_t> decl = c.shape;
  decl[0] = -1;
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, decl)
      .Var("y", DataType::kFloat32, decl)
      .Var("mask", DataType::kUInt8, decl);
  OpBuilder op = p.Op("dropout");
  op.In("X", {"x"}).Out("Out", {"y"}).Out("Mask", {"mask"}).Attr("is_test", true);
  if (c.implementation) op.Attr("dropout_implementation", *c.implementation);
  if (c.dropout_prob) op.Attr("dropout_prob", *c.dropout_prob);
  p.Output("y");
  return p;
}

class DropoutTest : public ::testing::TestWithParam<DropoutCase> {};

TEST_P(DropoutTest, MatchesReference) {
  const DropoutCase& c = GetParam();
  ExpectMatchesReference(DropoutProgram(c),
                         {{"x", RandomTensor(DataType::kFloat32, c.shape, 8, -4, 4)}},
                         {.opsets = {7, 17, 19, 21}, .tol = 1e-6});
}

INSTANTIATE_TEST_SUITE_P(Branches, DropoutTest,
                         ::testing::Values(DropoutCase{.name = "DefaultIsDowngradeInInfer"},
                                           DropoutCase{.name = "DowngradeInInfer",
                                                       .implementation = "downgrade_in_infer",
                                                       .dropout_prob = 0.3f},
                                           DropoutCase{.name = "UpscaleInTrainPassesThrough",
                                                       .implementation = "upscale_in_train",
                                                       .dropout_prob = 0.7f},
                                           DropoutCase{.name = "UpscaleInTrainDefaultProb",
                                                       .implementation = "upscale_in_train",
                                                       .shape = {3, 5}}),
                         nn_test::CaseName());

TEST(DropoutErrorTest, UnknownImplementation) {
  ExpectConversionFails(DropoutProgram({.name = "", .implementation = "bogus"}), 11,
                        "dropout_implementation");
}

}  // namespace
}  // namespace pd2onnx::testing

// lod_reset and sequence_expand, read as one LoD sequence (ONNX carries no
// LoD): expected values by hand from Paddle's documented examples.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "op_harness.h"
#include "ort_runner.h"
#include "pd2onnx/convert.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

HostTensor F32(std::vector<int64_t> dims, std::vector<float> values) {
  return HostTensor::From<float>(DataType::kFloat32, std::move(dims), values);
}

ProgramBuilder LodResetProgram(bool with_y) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 2}).Var("out", DataType::kFloat32, {-1, 2});
  OpBuilder op = p.Op("lod_reset").In("X", {"x"}).Out("Out", {"out"}).Attr("append", false);
  if (with_y) {
    p.Input("y", DataType::kFloat32, {-1, 1}).LodLevel("y", 1);
    op.In("Y", {"y"});
  } else {
    op.Attr("target_lod", std::vector<int>{0, 1, 3});
  }
  p.LodLevel("out", 1).Output("out");
  return p;
}

TEST(LodResetTest, DataUnchangedWithTargetLod) {
  const HostTensor x = F32({3, 2}, {1, 2, 3, 4, 5, 6});
  ExpectMatchesReference(LodResetProgram(false), {{"x", x}}, {}, {{"out", x}});
}

TEST(LodResetTest, DataUnchangedWithY) {
  const HostTensor x = F32({3, 2}, {-1, 0.5f, 2, 7, 8, -3});
  ExpectMatchesReference(LodResetProgram(true), {{"x", x}, {"y", F32({4, 1}, {0, 0, 0, 0})}}, {},
                         {{"out", x}});
}

ProgramBuilder SequenceExpandProgram(const std::vector<int64_t>& x_dims, int x_lod_level,
                                     int ref_level = -1, DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, x_dims).Input("y", DataType::kFloat32, {-1, 4}).LodLevel("y", 1);
  if (x_lod_level > 0) p.LodLevel("x", x_lod_level);
  std::vector<int64_t> out_dims = x_dims;
  out_dims[0] = -1;
  p.Var("out", dtype, out_dims);
  p.Op("sequence_expand")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("ref_level", ref_level);
  p.Output("out");
  return p;
}

// The program converted with the CLI's defaults (opset 11); the .onnx path.
std::string ConvertedAtDefaultOpset(const ProgramBuilder& program) {
  const auto dir = ScratchDir("sequence_expand");
  program.Write(dir);
  ConvertOptions options;
  options.model_dir = dir.string();
  options.save_file = (dir / "m.onnx").string();
  Convert(options);
  return options.save_file;
}

HostTensor YRows(int64_t rows) { return RandomTensor(DataType::kFloat32, {rows, 4}, 3); }

// Paddle's example 2 with one sequence in Y: X = [[a]] without LoD, Y's
// sequence has 3 entries, Out = [[a], [a], [a]].
TEST(SequenceExpandTest, OneRowWithoutLodRepeatsPerYRow) {
  ExpectMatchesReference(SequenceExpandProgram({1, 2}, 0),
                         {{"x", F32({1, 2}, {1.5f, -2})}, {"y", YRows(3)}}, {},
                         {{"out", F32({3, 2}, {1.5f, -2, 1.5f, -2, 1.5f, -2})}});
}

TEST(SequenceExpandTest, RefLevelZeroIsTheOnlyLevel) {
  ExpectMatchesReference(SequenceExpandProgram({1, 1}, 0, 0),
                         {{"x", F32({1, 1}, {4})}, {"y", YRows(2)}}, {},
                         {{"out", F32({2, 1}, {4, 4})}});
}

// Paddle's example 1 with one sequence in X and Y: X = [a, b] (LoD [[2]]),
// Y's sequence has 2 entries: Out = [a, b, a, b].
TEST(SequenceExpandTest, SequenceWithLodRepeatsWhole) {
  ExpectMatchesReference(SequenceExpandProgram({-1, 1}, 1),
                         {{"x", F32({2, 1}, {1, 2})}, {"y", YRows(2)}}, {},
                         {{"out", F32({4, 1}, {1, 2, 1, 2})}});
}

TEST(SequenceExpandTest, HigherRankAndIntegerData) {
  const HostTensor x = HostTensor::From<int64_t>(DataType::kInt64, {1, 2, 2}, {1, 2, 3, 4});
  ExpectMatchesReference(
      SequenceExpandProgram({1, 2, 2}, 0, -1, DataType::kInt64), {{"x", x}, {"y", YRows(2)}}, {},
      {{"out", HostTensor::From<int64_t>(DataType::kInt64, {2, 2, 2}, {1, 2, 3, 4, 1, 2, 3, 4})}});
}

TEST(SequenceExpandTest, EmptyYGivesNoRows) {
  ExpectMatchesReference(SequenceExpandProgram({1, 2}, 0),
                         {{"x", F32({1, 2}, {1, 2})}, {"y", YRows(0)}}, {},
                         {{"out", F32({0, 2}, {})}});
}

TEST(SequenceExpandTest, MultiLevelYIsRefused) {
  ProgramBuilder p = SequenceExpandProgram({1, 2}, 0);
  p.LodLevel("y", 2);
  ExpectConversionFails(p, 11, "only one level is supported");
}

// Several rows in X without LoD are several sequences, which needs Y's LoD:
// the model fails at run time instead of giving wrong numbers.
TEST(SequenceExpandTest, SeveralRowsWithoutLodFailAtRunTime) {
  const std::string model = ConvertedAtDefaultOpset(SequenceExpandProgram({-1, 2}, 0));
  const interp::TensorMap feeds = {{"x", F32({2, 2}, {1, 2, 3, 4})}, {"y", YRows(3)}};
  EXPECT_THROW(RunOrt({{model, feeds}}), std::runtime_error);
  const interp::TensorMap one_row = {{"x", F32({1, 2}, {1, 2})}, {"y", YRows(3)}};
  EXPECT_EQ(RunOrt({{model, one_row}}).at(0).at("out").dims, (std::vector<int64_t>{3, 2}));
}

// With unknown trailing dims X is broadcast instead: several rows fail too.
TEST(SequenceExpandTest, UnknownTrailingDimsBroadcastOneRow) {
  const interp::TensorMap feeds = {{"x", F32({2, 3}, {1, 2, 3, 4, 5, 6})}, {"y", YRows(3)}};
  EXPECT_THROW(RunOrt({{ConvertedAtDefaultOpset(SequenceExpandProgram({-1, -1}, 0)), feeds}}),
               std::runtime_error);
  ExpectMatchesReference(SequenceExpandProgram({-1, -1}, 0),
                         {{"x", F32({1, 3}, {1, 2, 3})}, {"y", YRows(2)}}, {.opsets = {8, 17, 19}},
                         {{"out", F32({2, 3}, {1, 2, 3, 1, 2, 3})}});
  ExpectConversionFails(SequenceExpandProgram({-1, -1}, 0), 7, "needs opset 8 (Expand)");
}

}  // namespace
}  // namespace pd2onnx::testing

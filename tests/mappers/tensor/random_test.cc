// gaussian_random, uniform_random and empty.
//
// Random values cannot match between generators, so the random ops are
// checked statistically at every relevant opset (and in the reference
// interpreter): shape, dtype, range, and the sample mean / standard
// deviation of 100000 draws. For N draws of a distribution with standard
// deviation s, the sample mean has standard error s/√N and the sample
// standard deviation about s/√(2N); the tolerances below are 6 standard
// errors, so a correct generator fails a check with probability ~2e-9.
//
// empty's values are unspecified in Paddle; pd2onnx and the interpreter both
// write zeros, so those tests check shape and dtype (and the zeros, which
// are our choice, not Paddle's promise).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "op_harness.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

constexpr int64_t kRows = 200, kCols = 500;  // 100000 draws
constexpr double kSigmas = 6.0;

struct Stats {
  double mean = 0, stddev = 0, min = 0, max = 0;
};

Stats StatsOf(const HostTensor& t) {
  const std::vector<double> v = t.ToDouble();
  Stats s;
  s.min = *std::min_element(v.begin(), v.end());
  s.max = *std::max_element(v.begin(), v.end());
  for (double x : v) s.mean += x;
  s.mean /= static_cast<double>(v.size());
  for (double x : v) s.stddev += (x - s.mean) * (x - s.mean);
  s.stddev = std::sqrt(s.stddev / static_cast<double>(v.size() - 1));
  return s;
}

// The distribution an output must follow.
struct Expected {
  double mean, stddev;
  double lo = -INFINITY, hi = INFINITY;  // closed range the values must lie in
};

void ExpectDistribution(const HostTensor& t, DataType dtype, const Expected& e,
                        const std::string& where) {
  SCOPED_TRACE(where);
  ASSERT_EQ(t.dtype, dtype);
  ASSERT_EQ(t.dims, (std::vector<int64_t>{kRows, kCols}));
  const Stats s = StatsOf(t);
  const double n = static_cast<double>(kRows * kCols);
  EXPECT_NEAR(s.mean, e.mean, kSigmas * e.stddev / std::sqrt(n));
  EXPECT_NEAR(s.stddev, e.stddev, kSigmas * e.stddev / std::sqrt(2 * n));
  EXPECT_GE(s.min, e.lo);
  EXPECT_LE(s.max, e.hi);
}

// Converts at every relevant opset, runs ONNX Runtime and the interpreter,
// and checks `out` of each against the distribution.
void ExpectRandomOutput(const ProgramBuilder& p, const interp::TensorMap& feeds, DataType dtype,
                        const Expected& e) {
  const auto dir = ScratchDir("random_op_test");
  p.Write(dir);
  const graph::Program loaded = paddle::LoadModel(paddle::LocateModel(dir.string(), "", ""));
  ExpectDistribution(interp::Run(loaded, feeds).at("out"), dtype, e, "interpreter");
  std::vector<OrtJob> jobs;
  const std::vector<int> opsets = RelevantOpsets(loaded);
  for (int opset : opsets) {
    ConvertOptions options;
    options.model_dir = dir.string();
    options.save_file = (dir / ("model_" + std::to_string(opset) + ".onnx")).string();
    options.opset_version = opset;
    options.enable_auto_update_opset = false;
    Convert(options);
    jobs.push_back({options.save_file, feeds});
  }
  const std::vector<interp::TensorMap> results = RunOrt(jobs);
  for (size_t i = 0; i < results.size(); ++i) {
    ExpectDistribution(results[i].at("out"), dtype, e, "opset " + std::to_string(opsets[i]));
  }
}

enum class ShapeFrom { kAttr, kConstTensor, kRunTimeTensor, kRunTimeList };

// A program whose `op` makes `out` of [kRows, kCols] from the given source.
ProgramBuilder RandomProgram(const std::string& type, ShapeFrom from, int paddle_dtype,
                             DataType dtype, interp::TensorMap& feeds) {
  ProgramBuilder p;
  const HostTensor shape = HostTensor::From<int64_t>(DataType::kInt64, {2}, {kRows, kCols});
  if (from == ShapeFrom::kConstTensor) p.Param("shape", shape);
  if (from == ShapeFrom::kRunTimeTensor) {
    p.Input("shape", DataType::kInt64, {2});
    feeds["shape"] = shape;
  }
  if (from == ShapeFrom::kRunTimeList) {
    p.Input("rows", DataType::kInt32, {1}).Input("cols", DataType::kInt64, {1});
    feeds["rows"] = HostTensor::From<int32_t>(DataType::kInt32, {1}, {kRows});
    feeds["cols"] = HostTensor::From<int64_t>(DataType::kInt64, {1}, {kCols});
  }
  p.Var("out", dtype,
        {from == ShapeFrom::kAttr ? kRows : -1, from == ShapeFrom::kAttr ? kCols : -1});
  OpBuilder op = p.Op(type).Out("Out", {"out"}).Attr("dtype", paddle_dtype);
  if (from == ShapeFrom::kAttr) op.Attr("shape", std::vector<int64_t>{kRows, kCols});
  if (from == ShapeFrom::kConstTensor || from == ShapeFrom::kRunTimeTensor) {
    op.In("ShapeTensor", {"shape"});
  }
  if (from == ShapeFrom::kRunTimeList) op.In("ShapeTensorList", {"rows", "cols"});
  return p;
}

TEST(GaussianRandomTest, EveryShapeSourceAndDtype) {
  struct Case {
    ShapeFrom from;
    int paddle_dtype;
    DataType dtype;
  };
  for (const Case& c : {Case{ShapeFrom::kAttr, 5, DataType::kFloat32},
                        Case{ShapeFrom::kAttr, 6, DataType::kFloat64},
                        Case{ShapeFrom::kConstTensor, 5, DataType::kFloat32},
                        Case{ShapeFrom::kRunTimeTensor, 5, DataType::kFloat32},
                        Case{ShapeFrom::kRunTimeList, 6, DataType::kFloat64}}) {
    SCOPED_TRACE(::testing::Message()
                 << "shape source " << static_cast<int>(c.from) << ", dtype " << c.paddle_dtype);
    interp::TensorMap feeds;
    ProgramBuilder p = RandomProgram("gaussian_random", c.from, c.paddle_dtype, c.dtype, feeds);
    p.Output("out");
    ExpectRandomOutput(p, feeds, c.dtype, {0.0, 1.0});
  }
}

ProgramBuilder WithAttrs(const std::string& type, ShapeFrom from, interp::TensorMap& feeds,
                         const std::vector<std::pair<std::string, float>>& attrs, int64_t seed) {
  ProgramBuilder p;
  const HostTensor shape = HostTensor::From<int64_t>(DataType::kInt64, {2}, {kRows, kCols});
  if (from == ShapeFrom::kRunTimeTensor) {
    p.Input("shape", DataType::kInt64, {2});
    feeds["shape"] = shape;
  }
  p.Var("out", DataType::kFloat32, {kRows, kCols});
  OpBuilder op =
      p.Op(type).Out("Out", {"out"}).Attr("dtype", 5).Attr("seed", static_cast<int>(seed));
  if (from == ShapeFrom::kRunTimeTensor) {
    op.In("ShapeTensor", {"shape"});
  } else {
    op.Attr("shape", std::vector<int64_t>{kRows, kCols});
  }
  for (const auto& [name, value] : attrs) op.Attr(name, value);
  p.Output("out");
  return p;
}

TEST(GaussianRandomTest, MeanStdAndSeed) {
  for (ShapeFrom from : {ShapeFrom::kAttr, ShapeFrom::kRunTimeTensor}) {
    interp::TensorMap feeds;
    const ProgramBuilder p =
        WithAttrs("gaussian_random", from, feeds, {{"mean", 3.0f}, {"std", 0.25f}}, 42);
    ExpectRandomOutput(p, feeds, DataType::kFloat32, {3.0, 0.25});
  }
}

// uniform[min, max): mean (min + max)/2, std (max - min)/√12.
TEST(UniformRandomTest, MinMaxEveryShapeSource) {
  for (ShapeFrom from : {ShapeFrom::kAttr, ShapeFrom::kRunTimeTensor}) {
    interp::TensorMap feeds;
    const ProgramBuilder p =
        WithAttrs("uniform_random", from, feeds, {{"min", -2.0f}, {"max", 6.0f}}, 0);
    ExpectRandomOutput(p, feeds, DataType::kFloat32, {2.0, 8.0 / std::sqrt(12.0), -2.0, 6.0});
  }
}

TEST(UniformRandomTest, DefaultsAndShapeLists) {
  for (const auto& [from, dtype, paddle_dtype] :
       {std::tuple{ShapeFrom::kConstTensor, DataType::kFloat32, 5},
        std::tuple{ShapeFrom::kRunTimeList, DataType::kFloat64, 6}}) {
    interp::TensorMap feeds;
    ProgramBuilder p = RandomProgram("uniform_random", from, paddle_dtype, dtype, feeds);
    p.Output("out");
    ExpectRandomOutput(p, feeds, dtype, {0.0, 2.0 / std::sqrt(12.0), -1.0, 1.0});
  }
}

TEST(UniformRandomTest, DiagonalInitialisationFails) {
  ProgramBuilder q;
  q.Var("out", DataType::kFloat32, {4, 4});
  q.Op("uniform_random")
      .Out("Out", {"out"})
      .Attr("shape", std::vector<int64_t>{4, 4})
      .Attr("diag_num", 2)
      .Attr("diag_step", 4)
      .Attr("diag_val", 1.0f);
  q.Output("out");
  ExpectConversionFails(q, 17, "diag_num=2");
}

TEST(EmptyTest, ShapeAndDtypeFromEverySource) {
  struct Case {
    ShapeFrom from;
    int paddle_dtype;
    DataType dtype;
  };
  for (const Case& c :
       {Case{ShapeFrom::kAttr, 5, DataType::kFloat32}, Case{ShapeFrom::kAttr, 3, DataType::kInt64},
        Case{ShapeFrom::kConstTensor, 2, DataType::kInt32},
        Case{ShapeFrom::kRunTimeTensor, 0, DataType::kBool},
        Case{ShapeFrom::kRunTimeList, 6, DataType::kFloat64}}) {
    SCOPED_TRACE(::testing::Message() << static_cast<int>(c.from) << " " << c.paddle_dtype);
    interp::TensorMap feeds;
    ProgramBuilder p = RandomProgram("empty", c.from, c.paddle_dtype, c.dtype, feeds);
    p.Output("out");
    // Zeros of the right shape and dtype (the values are our choice).
    ExpectMatchesReference(p, feeds, {}, {{"out", HostTensor(c.dtype, {kRows, kCols})}});
  }
}

}  // namespace
}  // namespace pd2onnx::testing

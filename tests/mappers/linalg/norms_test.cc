// p_norm (porder 0 / 1 / 2 / 3 / 0.5 / inf / -inf, axis, keepdim,
// asvector), norm (axis, epsilon; Out and Norm) and dist (p, broadcasting).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

const std::vector<int> kOpsets = {7, 13, 17, 18, 19};
const float kInf = std::numeric_limits<float>::infinity();

struct PNormAttrs {
  float porder = 2;
  int axis = -1;
  bool keepdim = false;
  bool asvector = false;
};

ProgramBuilder PNormProgram(const std::vector<int64_t>& x, const PNormAttrs& a,
                            const std::vector<int64_t>& out) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x).Var("out", DataType::kFloat32, out);
  p.Op("p_norm")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("porder", a.porder)
      .Attr("axis", a.axis)
      .Attr("keepdim", a.keepdim)
      .Attr("asvector", a.asvector)
      .Attr("epsilon", 1e-12f);
  p.Output("out");
  return p;
}

interp::TensorMap XFeed(const std::vector<int64_t>& dims) {
  // Integers in [-2, 2] as float, so p = 0 meets zeros.
  HostTensor ints = RandomTensor(DataType::kInt32, dims, 3, -2, 3);
  std::vector<float> values;
  for (int32_t v : ints.ToVector<int32_t>()) values.push_back(static_cast<float>(v));
  return {{"x", HostTensor::From(DataType::kFloat32, dims, values)}};
}

class PNormOrderTest : public ::testing::TestWithParam<float> {};

TEST_P(PNormOrderTest, Axis) {
  ExpectMatchesReference(PNormProgram({3, 4, 5}, {.porder = GetParam(), .axis = 1}, {3, 5}),
                         XFeed({3, 4, 5}), {.opsets = kOpsets});
}

TEST_P(PNormOrderTest, KeepDim) {
  ExpectMatchesReference(
      PNormProgram({3, 4, 5}, {.porder = GetParam(), .axis = -1, .keepdim = true}, {3, 4, 1}),
      XFeed({3, 4, 5}), {.opsets = kOpsets});
}

TEST_P(PNormOrderTest, AsVector) {
  ExpectMatchesReference(PNormProgram({3, 4}, {.porder = GetParam(), .asvector = true}, {}),
                         XFeed({3, 4}), {.opsets = kOpsets});
  ExpectMatchesReference(
      PNormProgram({3, 4}, {.porder = GetParam(), .keepdim = true, .asvector = true}, {1, 1}),
      XFeed({3, 4}), {.opsets = {7, 19}});
}

INSTANTIATE_TEST_SUITE_P(Orders, PNormOrderTest,
                         ::testing::Values(0.0f, 1.0f, 2.0f, 3.0f, 0.5f, kInf, -kInf),
                         [](const ::testing::TestParamInfo<float>& param_info) {
                           const float p = param_info.param;
                           if (std::isinf(p)) return std::string(p > 0 ? "Inf" : "NegInf");
                           if (p == 0.5f) return std::string("Half");
                           return "P" + std::to_string(static_cast<int>(p));
                         });

TEST(PNormTest, AsVectorDeclaredOne) {
  ExpectMatchesReference(PNormProgram({2, 3}, {.porder = 2, .asvector = true}, {1}), XFeed({2, 3}),
                         {.opsets = {7, 19}});
}

// Hand-computed: rows [3, -4, 0] and [1, 0, 0]: p = 2 → [5, 1]; p = 0
// → [2, 1]; p = inf → [4, 1]; p = -inf → [0, 0].
TEST(PNormTest, HandComputed) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {2, 3}, {3, -4, 0, 1, 0, 0});
  const std::vector<std::pair<float, std::vector<float>>> cases = {
      {2.0f, {5, 1}}, {0.0f, {2, 1}}, {kInf, {4, 1}}, {-kInf, {0, 0}}};
  for (const auto& [p, want] : cases) {
    ExpectMatchesReference(PNormProgram({2, 3}, {.porder = p, .axis = 1}, {2}), {{"x", x}},
                           {.opsets = {7, 18}},
                           {{"out", HostTensor::From<float>(DataType::kFloat32, {2}, want)}});
  }
}

ProgramBuilder NormProgram(const std::vector<int64_t>& x, int axis, float epsilon) {
  std::vector<int64_t> norm = x;
  norm[axis < 0 ? axis + x.size() : axis] = 1;
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x)
      .Var("out", DataType::kFloat32, x)
      .Var("norm", DataType::kFloat32, norm);
  p.Op("norm")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Out("Norm", {"norm"})
      .Attr("axis", axis)
      .Attr("epsilon", epsilon);
  p.Output("out").Output("norm");
  return p;
}

TEST(NormTest, Axes) {
  for (int axis : {0, 1, -1}) {
    ExpectMatchesReference(NormProgram({2, 3, 4}, axis, 1e-10f),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 4)}},
                           {.opsets = {7, 13, 17, 19}});
  }
}

// Hand-computed: [3, 4] with epsilon 11 along axis 0: Norm = sqrt(25 + 11)
// = 6; Out = [0.5, 2/3].
TEST(NormTest, HandComputedEpsilon) {
  ExpectMatchesReference(
      NormProgram({2}, 0, 11.0f), {{"x", HostTensor::From<float>(DataType::kFloat32, {2}, {3, 4})}},
      {.opsets = {7, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {2}, {0.5f, 4.0f / 6})},
       {"norm", HostTensor::From<float>(DataType::kFloat32, {1}, {6})}});
}

ProgramBuilder DistProgram(const std::vector<int64_t>& x, const std::vector<int64_t>& y, float p,
                           const std::vector<int64_t>& out) {
  ProgramBuilder b;
  b.Input("x", DataType::kFloat32, x)
      .Input("y", DataType::kFloat32, y)
      .Var("out", DataType::kFloat32, out);
  b.Op("dist").In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"}).Attr("p", p);
  b.Output("out");
  return b;
}

TEST(DistTest, Orders) {
  for (float p : {0.0f, 1.0f, 2.0f, 3.0f, kInf, -kInf}) {
    SCOPED_TRACE(p);
    interp::TensorMap feeds = XFeed({3, 4});
    feeds["y"] = HostTensor::From<float>(DataType::kFloat32, {4}, {0, 1, -1, 2});
    ExpectMatchesReference(DistProgram({3, 4}, {4}, p, {}), feeds, {.opsets = kOpsets});
  }
}

TEST(DistTest, DeclaredOne) {
  ExpectMatchesReference(DistProgram({2, 3}, {2, 3}, 2.0f, {1}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3}, 1)},
                          {"y", RandomTensor(DataType::kFloat32, {2, 3}, 2)}},
                         {.opsets = {7, 19}});
}

// Hand-computed: X = [[1, 2], [3, 4]], Y = [1, 0] broadcast: X - Y =
// [[0, 2], [2, 4]]; p = 2 → sqrt(24); p = 0 → 3; p = 1 → 8.
TEST(DistTest, HandComputed) {
  const interp::TensorMap feeds = {
      {"x", HostTensor::From<float>(DataType::kFloat32, {2, 2}, {1, 2, 3, 4})},
      {"y", HostTensor::From<float>(DataType::kFloat32, {2}, {1, 0})}};
  const std::vector<std::pair<float, float>> cases = {
      {2.0f, std::sqrt(24.0f)}, {0.0f, 3.0f}, {1.0f, 8.0f}};
  for (const auto& [p, want] : cases) {
    ExpectMatchesReference(DistProgram({2, 2}, {2}, p, {}), feeds, {.opsets = {7, 19}},
                           {{"out", HostTensor::From<float>(DataType::kFloat32, {}, {want})}});
  }
}

ProgramBuilder FrobeniusProgram(const std::vector<int>& dim, bool keep_dim, bool reduce_all,
                                const std::vector<int64_t>& out) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("out", DataType::kFloat32, out);
  p.Op("frobenius_norm")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("dim", dim)
      .Attr("keep_dim", keep_dim)
      .Attr("reduce_all", reduce_all);
  p.Output("out");
  return p;
}

TEST(FrobeniusNormTest, Branches) {
  const interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 8)}};
  ExpectMatchesReference(FrobeniusProgram({1, 2}, false, false, {2}), feeds, {.opsets = kOpsets});
  ExpectMatchesReference(FrobeniusProgram({-1, 0}, true, false, {1, 3, 1}), feeds,
                         {.opsets = kOpsets});
  ExpectMatchesReference(FrobeniusProgram({0}, false, true, {}), feeds, {.opsets = kOpsets});
  ExpectMatchesReference(FrobeniusProgram({}, false, false, {1}), feeds, {.opsets = {7, 19}});
}

ProgramBuilder SquaredL2Program(const std::vector<int64_t>& out) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 4}).Var("out", DataType::kFloat32, out);
  p.Op("squared_l2_norm").In("X", {"x"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(SquaredL2NormTest, DeclaredShapes) {
  for (const std::vector<int64_t>& out : {std::vector<int64_t>{1}, std::vector<int64_t>{}}) {
    ExpectMatchesReference(SquaredL2Program(out),
                           {{"x", RandomTensor(DataType::kFloat32, {3, 4}, 9)}},
                           {.opsets = kOpsets});
  }
}

// Hand-computed: X = [[1, 2, 2, 0], zeros...]: Σ x² = 1 + 4 + 4 = 9.
TEST(SquaredL2NormTest, HandComputed) {
  std::vector<float> values(12, 0.0f);
  values[0] = 1;
  values[1] = 2;
  values[2] = 2;
  const HostTensor x = HostTensor::From(DataType::kFloat32, {3, 4}, values);
  ExpectMatchesReference(SquaredL2Program({1}), {{"x", x}}, {.opsets = {7, 18}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {1}, {9})}});
}

}  // namespace
}  // namespace pd2onnx::testing

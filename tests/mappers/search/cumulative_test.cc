// cumsum (axis / flatten / exclusive / reverse, CumSum-11) and cumprod
// (dim; Mul/Add masking before opset 9, Where from 9).
#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct CumsumAttrs {
  std::optional<int> axis;
  bool flatten = false;
  bool exclusive = false;
  bool reverse = false;
};

ProgramBuilder CumsumProgram(DataType dtype, const std::vector<int64_t>& dims,
                             const CumsumAttrs& a) {
  std::vector<int64_t> out = dims;
  if (a.flatten) {
    int64_t n = 1;
    for (int64_t d : dims) n *= d;
    out = {n};
  }
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, out);
  OpBuilder op = p.Op("cumsum")
                     .In("X", {"x"})
                     .Out("Out", {"out"})
                     .Attr("flatten", a.flatten)
                     .Attr("exclusive", a.exclusive)
                     .Attr("reverse", a.reverse);
  if (a.axis) op.Attr("axis", *a.axis);
  p.Output("out");
  return p;
}

const std::vector<int> kCumsumOpsets = {11, 13, 17, 19};

void CheckCumsum(DataType dtype, const CumsumAttrs& a) {
  const std::vector<int64_t> dims = {2, 3, 4};
  ExpectMatchesReference(CumsumProgram(dtype, dims, a),
                         {{"x", RandomTensor(dtype, dims, 4, -10, 10)}}, {.opsets = kCumsumOpsets});
}

TEST(CumsumTest, DefaultLastAxis) { CheckCumsum(DataType::kFloat32, {}); }
TEST(CumsumTest, Axis) { CheckCumsum(DataType::kFloat32, {.axis = 1}); }
TEST(CumsumTest, Exclusive) { CheckCumsum(DataType::kFloat32, {.axis = 0, .exclusive = true}); }
TEST(CumsumTest, Reverse) { CheckCumsum(DataType::kFloat32, {.axis = -1, .reverse = true}); }
TEST(CumsumTest, ExclusiveReverse) {
  CheckCumsum(DataType::kFloat32, {.axis = 1, .exclusive = true, .reverse = true});
}
TEST(CumsumTest, Flatten) { CheckCumsum(DataType::kFloat32, {.axis = 1, .flatten = true}); }
TEST(CumsumTest, Integers) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    CheckCumsum(dtype, {.axis = 2});
    CheckCumsum(dtype, {.axis = 0, .exclusive = true, .reverse = true});
  }
}

TEST(CumsumTest, NeedsOpset11) {
  ExpectConversionFails(CumsumProgram(DataType::kFloat32, {2, 3}, {}), 10, "CumSum-11");
}

// Hand-computed: [1, 2, 3, 4] exclusive and reverse: out[i] = Σ_{j>i} x[j]
// = [9, 7, 4, 0].
TEST(CumsumTest, HandComputedExclusiveReverse) {
  ExpectMatchesReference(
      CumsumProgram(DataType::kFloat32, {4}, {.axis = 0, .exclusive = true, .reverse = true}),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {4}, {1, 2, 3, 4})}}, {.opsets = {11, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {4}, {9, 7, 4, 0})}});
}

ProgramBuilder CumprodProgram(DataType dtype, const std::vector<int64_t>& dims, int dim) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, dims);
  p.Op("cumprod").In("X", {"x"}).Out("Out", {"out"}).Attr("dim", dim);
  p.Output("out");
  return p;
}

const std::vector<int> kCumprodOpsets = {7, 9, 13, 17, 18, 19};

TEST(CumprodTest, Dims) {
  const std::vector<int64_t> dims = {2, 3, 4};
  for (int dim : {0, 1, 2, -1}) {
    ExpectMatchesReference(CumprodProgram(DataType::kFloat32, dims, dim),
                           {{"x", RandomTensor(DataType::kFloat32, dims, 6, -2, 2)}},
                           {.opsets = kCumprodOpsets});
  }
}

TEST(CumprodTest, Integers) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(CumprodProgram(dtype, {3, 4}, 1),
                           {{"x", RandomTensor(dtype, {3, 4}, 8, -3, 4)}},
                           {.opsets = kCumprodOpsets});
  }
}

TEST(CumprodTest, DynamicExtentFails) {
  ExpectConversionFails(CumprodProgram(DataType::kFloat32, {2, -1}, 1), 13, "static extent");
}

// Hand-computed: [2, 3, 0, 5] → [2, 6, 0, 0]; infinities stay finite-safe
// with Where: [inf, 2, -1] → [inf, inf, -inf].
TEST(CumprodTest, HandComputed) {
  ExpectMatchesReference(CumprodProgram(DataType::kFloat32, {4}, 0),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {4}, {2, 3, 0, 5})}},
                         {.opsets = {7, 9, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {4}, {2, 6, 0, 0})}});
  const float inf = std::numeric_limits<float>::infinity();
  ExpectMatchesReference(
      CumprodProgram(DataType::kFloat32, {3}, 0),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {3}, {inf, 2, -1})}}, {.opsets = {9, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {inf, inf, -inf})}});
}

}  // namespace
}  // namespace pd2onnx::testing

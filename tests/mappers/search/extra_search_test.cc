// logcumsumexp (axis, flatten, exclusive, reverse), kthvalue (k, axis,
// keepdim), mode (ties, keepdim), reduce_amax / reduce_amin.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Logcumsumexp(const std::vector<int64_t>& dims, const std::vector<int64_t>& out,
                            int axis, bool flatten, bool exclusive, bool reverse) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, out);
  p.Op("logcumsumexp")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("axis", axis)
      .Attr("flatten", flatten)
      .Attr("exclusive", exclusive)
      .Attr("reverse", reverse);
  p.Output("out");
  return p;
}

TEST(Logcumsumexp, EveryFlag) {
  const HostTensor x = RandomTensor(DataType::kFloat32, {2, 3, 4}, 1, -5, 5);
  for (bool exclusive : {false, true}) {
    for (bool reverse : {false, true}) {
      ExpectMatchesReference(Logcumsumexp({2, 3, 4}, {2, 3, 4}, 1, false, exclusive, reverse),
                             {{"x", x}}, {.opsets = {11, 13, 17, 18, 19}});
    }
  }
  ExpectMatchesReference(Logcumsumexp({2, 3, 4}, {24}, 0, true, false, false), {{"x", x}},
                         {.opsets = {11, 17, 19}});
  ExpectMatchesReference(Logcumsumexp({2, 3, 4}, {2, 3, 4}, -1, false, false, true), {{"x", x}},
                         {.opsets = {11, 17, 19}});
}

// [0, 0, log 2]: log 1 = 0, log 2, log 4; exclusive: −inf, 0, log 2.
TEST(Logcumsumexp, ByHand) {
  const float l2 = std::log(2.0f), inf = std::numeric_limits<float>::infinity();
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {3}, {0, 0, l2});
  ExpectMatchesReference(
      Logcumsumexp({3}, {3}, 0, false, false, false), {{"x", x}}, {.opsets = {11, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {0, l2, 2 * l2})}});
  ExpectMatchesReference(
      Logcumsumexp({3}, {3}, 0, false, true, false), {{"x", x}}, {.opsets = {11, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {-inf, 0, l2})}});
}

// A wide range along the axis: [−120, 0] → [−120, log(1 + e⁻¹²⁰) ≈ 0].
TEST(Logcumsumexp, WideRangeByHand) {
  ExpectMatchesReference(Logcumsumexp({2}, {2}, 0, false, false, false),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {2}, {-120, 0})}},
                         {.opsets = {11, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {2}, {-120, 0})}});
}

ProgramBuilder Kth(const std::string& type, const std::vector<int64_t>& dims,
                   const std::vector<int64_t>& out, int k, int axis, bool keepdim,
                   DataType dtype = DataType::kFloat32) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Var("out", dtype, out).Var("idx", DataType::kInt64, out);
  auto op = p.Op(type);
  op.In("X", {"x"})
      .Out("Out", {"out"})
      .Out("Indices", {"idx"})
      .Attr("axis", axis)
      .Attr("keepdim", keepdim);
  if (type == "kthvalue") op.Attr("k", k);
  p.Output("out").Output("idx");
  return p;
}

// Distinct values so the index is unambiguous: a random permutation.
HostTensor Distinct(const std::vector<int64_t>& dims, uint32_t seed) {
  HostTensor t = RandomTensor(DataType::kFloat32, dims, seed);
  float* v = t.data<float>();
  for (int64_t i = 0; i < t.numel(); ++i) v[i] += static_cast<float>(i) * 1e-3f;
  return t;
}

TEST(Kthvalue, AxesAndKeepdim) {
  const HostTensor x = Distinct({3, 4, 5}, 2);
  ExpectMatchesReference(Kth("kthvalue", {3, 4, 5}, {3, 4}, 2, -1, false), {{"x", x}},
                         {.opsets = {11, 13, 17, 19}});
  ExpectMatchesReference(Kth("kthvalue", {3, 4, 5}, {3, 1, 5}, 4, 1, true), {{"x", x}},
                         {.opsets = {11, 17, 19}});
  ExpectMatchesReference(Kth("kthvalue", {3, 4, 5}, {4, 5}, 1, 0, false), {{"x", x}},
                         {.opsets = {11, 17, 19}});
}

// [5, 1, 4, 2]: the 2nd smallest is 2 at index 3.
TEST(Kthvalue, ByHand) {
  ExpectMatchesReference(Kth("kthvalue", {4}, {}, 2, 0, false),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {4}, {5, 1, 4, 2})}},
                         {.opsets = {11, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {}, {2})},
                          {"idx", HostTensor::From<int64_t>(DataType::kInt64, {}, {3})}});
}

// Rows [3, 1, 3, 1, 2] (tie 1/3: the smaller, 1, last at index 3) and
// [7, 7, 5, 7, 5] (7, last at index 3).
TEST(Mode, TiesByHand) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {2, 5}, {3, 1, 3, 1, 2, 7, 7, 5, 7, 5});
  ExpectMatchesReference(Kth("mode", {2, 5}, {2}, 0, -1, false), {{"x", x}},
                         {.opsets = {11, 13, 17, 18, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {2}, {1, 7})},
                          {"idx", HostTensor::From<int64_t>(DataType::kInt64, {2}, {3, 3})}});
}

TEST(Mode, AxisKeepdimInt64) {
  const HostTensor x = RandomTensor(DataType::kInt64, {3, 6, 2}, 3, 0, 3);
  ExpectMatchesReference(Kth("mode", {3, 6, 2}, {3, 1, 2}, 0, 1, true, DataType::kInt64),
                         {{"x", x}}, {.opsets = {11, 17, 19}});
  ExpectMatchesReference(Kth("mode", {3, 6, 2}, {6, 2}, 0, 0, false, DataType::kInt64), {{"x", x}},
                         {.opsets = {11, 17, 19}});
}

ProgramBuilder Amax(const std::string& type, const std::vector<int>& dim, bool keep,
                    bool reduce_all, const std::vector<int64_t>& out) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4}).Var("out", DataType::kFloat32, out);
  p.Op(type)
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("dim", dim)
      .Attr("keep_dim", keep)
      .Attr("reduce_all", reduce_all);
  p.Output("out");
  return p;
}

TEST(ReduceAmaxAmin, AxesKeepAll) {
  const HostTensor x = RandomTensor(DataType::kFloat32, {2, 3, 4}, 4);
  for (const std::string type : {"reduce_amax", "reduce_amin"}) {
    ExpectMatchesReference(Amax(type, {1}, false, false, {2, 4}), {{"x", x}},
                           {.opsets = {7, 13, 17, 18, 19}});
    ExpectMatchesReference(Amax(type, {0, -1}, true, false, {1, 3, 1}), {{"x", x}},
                           {.opsets = {7, 17, 18, 19}});
    ExpectMatchesReference(Amax(type, {0}, false, true, {}), {{"x", x}}, {.opsets = {7, 18, 19}});
  }
}

}  // namespace
}  // namespace pd2onnx::testing

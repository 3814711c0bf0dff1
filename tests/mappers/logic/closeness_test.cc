// isclose / allclose (string tolerances, Rtol/Atol tensors known and at run
// time, equal_nan, inf) and equal_all (equal, unequal, different shapes,
// dynamic shapes).
#include <gtest/gtest.h>

#include <limits>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

enum class Tol { kAttr, kParam, kFeed };

// The pairs: close by atol, close by rtol, far, NaN/NaN, NaN/1, inf/inf,
// inf/−inf and 1/inf (Paddle: close, as |a − b| = inf <= atol + rtol·inf).
HostTensor A() {
  return HostTensor::From<float>(DataType::kFloat32, {8},
                                 {1.05f, 100, 1, kNan, kNan, kInf, kInf, 1});
}
HostTensor B() {
  return HostTensor::From<float>(DataType::kFloat32, {8},
                                 {1, 100.9f, 2, kNan, 1, kInf, -kInf, kInf});
}

ProgramBuilder CloseWithTol(const std::string& type, bool equal_nan, Tol tol) {
  ProgramBuilder p;
  const int64_t n = 8;
  p.Input("a", DataType::kFloat32, {n}).Input("b", DataType::kFloat32, {n});
  if (tol == Tol::kParam) {
    p.Param("rtol", HostTensor::From<double>(DataType::kFloat64, {1}, {0.01}));
    p.Param("atol", HostTensor::From<double>(DataType::kFloat64, {1}, {0.1}));
  } else if (tol == Tol::kFeed) {
    p.Input("rtol", DataType::kFloat64, {1}).Input("atol", DataType::kFloat64, {1});
  }
  p.Var("out", DataType::kBool,
        type == "isclose" ? std::vector<int64_t>{n} : std::vector<int64_t>{});
  auto op = p.Op(type);
  op.In("Input", {"a"}).In("Other", {"b"}).Out("Out", {"out"}).Attr("equal_nan", equal_nan);
  if (tol == Tol::kAttr) {
    op.Attr("rtol", "0.01").Attr("atol", "0.1");
  } else {
    op.In("Rtol", {"rtol"}).In("Atol", {"atol"});
  }
  p.Output("out");
  return p;
}

interp::TensorMap Feeds(Tol tol) {
  interp::TensorMap feeds = {{"a", A()}, {"b", B()}};
  if (tol == Tol::kFeed) {
    feeds["rtol"] = HostTensor::From<double>(DataType::kFloat64, {1}, {0.01});
    feeds["atol"] = HostTensor::From<double>(DataType::kFloat64, {1}, {0.1});
  }
  return feeds;
}

HostTensor Bools(std::vector<int64_t> dims, const std::vector<uint8_t>& v) {
  return HostTensor::From<uint8_t>(DataType::kBool, std::move(dims), v);
}

TEST(IsClose, ByHandEveryToleranceSource) {
  for (Tol tol : {Tol::kAttr, Tol::kParam, Tol::kFeed}) {
    for (bool equal_nan : {false, true}) {
      ExpectMatchesReference(
          CloseWithTol("isclose", equal_nan, tol), Feeds(tol), {.opsets = {11, 13, 17, 19}},
          {{"out", Bools({8}, {1, 1, 0, static_cast<uint8_t>(equal_nan ? 1 : 0), 0, 1, 1, 1})}});
    }
  }
}

TEST(AllClose, ByHand) {
  // The far pair 1/2 is not close: false overall.
  ExpectMatchesReference(CloseWithTol("allclose", true, Tol::kAttr), Feeds(Tol::kAttr),
                         {.opsets = {11, 17, 19}}, {{"out", Bools({}, {0})}});
  ProgramBuilder p;
  p.Input("a", DataType::kFloat32, {2, 3}).Input("b", DataType::kFloat32, {2, 3});
  p.Var("out", DataType::kBool, {1});
  p.Op("allclose").In("Input", {"a"}).In("Other", {"b"}).Out("Out", {"out"});
  p.Output("out");
  const HostTensor a = RandomTensor(DataType::kFloat32, {2, 3}, 4);
  ExpectMatchesReference(p, {{"a", a}, {"b", a}}, {.opsets = {11, 17, 19}},
                         {{"out", Bools({1}, {1})}});
}

ProgramBuilder EqualAll(DataType dtype, const std::vector<int64_t>& x,
                        const std::vector<int64_t>& y) {
  ProgramBuilder p;
  p.Input("x", dtype, x).Input("y", dtype, y).Var("out", DataType::kBool, {});
  p.Op("equal_all").In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(EqualAll, EqualAndUnequal) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
    const HostTensor x = RandomTensor(dtype, {2, 3}, 5, -9, 9);
    HostTensor y = x;
    ExpectMatchesReference(EqualAll(dtype, {2, 3}, {2, 3}), {{"x", x}, {"y", y}},
                           {.opsets = {11, 17, 19}}, {{"out", Bools({}, {1})}});
    y.bytes[0] = static_cast<std::byte>(static_cast<uint8_t>(y.bytes[0]) ^ 1);
    ExpectMatchesReference(EqualAll(dtype, {2, 3}, {2, 3}), {{"x", x}, {"y", y}},
                           {.opsets = {11, 17, 19}}, {{"out", Bools({}, {0})}});
  }
}

TEST(EqualAll, DifferentShapes) {
  // Known now: [2, 3] vs [3, 2].
  ExpectMatchesReference(EqualAll(DataType::kFloat32, {2, 3}, {3, 2}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3}, 6)},
                          {"y", RandomTensor(DataType::kFloat32, {3, 2}, 6)}},
                         {.opsets = {11, 19}}, {{"out", Bools({}, {0})}});
  // Only at run time: [1, 3] broadcasts against [2, 3] but is not equal.
  const HostTensor row = HostTensor::From<float>(DataType::kFloat32, {1, 3}, {1, 2, 3});
  const HostTensor rows = HostTensor::From<float>(DataType::kFloat32, {2, 3}, {1, 2, 3, 1, 2, 3});
  ExpectMatchesReference(EqualAll(DataType::kFloat32, {-1, 3}, {-1, 3}), {{"x", row}, {"y", rows}},
                         {.opsets = {11, 17, 19}}, {{"out", Bools({}, {0})}});
  ExpectMatchesReference(EqualAll(DataType::kFloat32, {-1, 3}, {-1, 3}), {{"x", rows}, {"y", rows}},
                         {.opsets = {11, 17, 19}}, {{"out", Bools({}, {1})}});
}

}  // namespace
}  // namespace pd2onnx::testing

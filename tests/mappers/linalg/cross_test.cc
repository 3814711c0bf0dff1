// cross: explicit dim, negative dim, the default dim (first axis of 3).
#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Cross(DataType dtype, const std::vector<int64_t>& dims, int dim) {
  ProgramBuilder p;
  p.Input("x", dtype, dims).Input("y", dtype, dims).Var("out", dtype, dims);
  p.Op("cross").In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"}).Attr("dim", dim);
  p.Output("out");
  return p;
}

// [1, 0, 0] × [0, 1, 0] = [0, 0, 1].
TEST(Cross, ByHand) {
  ExpectMatchesReference(Cross(DataType::kFloat32, {3}, 0),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {3}, {1, 0, 0})},
                          {"y", HostTensor::From<float>(DataType::kFloat32, {3}, {0, 1, 0})}},
                         {.opsets = {7, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {0, 0, 1})}});
}

TEST(Cross, DimsAndDtypes) {
  for (DataType dtype :
       {DataType::kFloat32, DataType::kFloat64, DataType::kInt32, DataType::kInt64}) {
    const HostTensor x = RandomTensor(dtype, {2, 3, 4}, 1, -5, 5);
    const HostTensor y = RandomTensor(dtype, {2, 3, 4}, 2, -5, 5);
    ExpectMatchesReference(Cross(dtype, {2, 3, 4}, 1), {{"x", x}, {"y", y}},
                           {.opsets = {7, 13, 17, 18, 19}});
    ExpectMatchesReference(Cross(dtype, {2, 3, 4}, -2), {{"x", x}, {"y", y}},
                           {.opsets = {7, 17, 19}});
  }
}

TEST(Cross, DefaultDimIsFirstAxisOfThree) {
  ExpectMatchesReference(Cross(DataType::kFloat32, {4, 3, 3}, 9),
                         {{"x", RandomTensor(DataType::kFloat32, {4, 3, 3}, 3)},
                          {"y", RandomTensor(DataType::kFloat32, {4, 3, 3}, 4)}},
                         {.opsets = {7, 17, 19}});
  ExpectConversionFails(Cross(DataType::kFloat32, {4, 2}, 9), 17, "extent 3");
}

}  // namespace
}  // namespace pd2onnx::testing

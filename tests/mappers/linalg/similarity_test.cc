// cos_sim (Y with N rows or one row, norms), bilinear_tensor_product (with
// and without Bias), l1_norm.
#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder CosSim(const std::vector<int64_t>& x, const std::vector<int64_t>& y) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x).Input("y", DataType::kFloat32, y);
  p.Var("out", DataType::kFloat32, {x[0], 1})
      .Var("xn", DataType::kFloat32, {x[0], 1})
      .Var("yn", DataType::kFloat32, {y[0], 1});
  p.Op("cos_sim")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Out("XNorm", {"xn"})
      .Out("YNorm", {"yn"});
  p.Output("out").Output("xn").Output("yn");
  return p;
}

TEST(CosSim, RowsAndBroadcastRow) {
  ExpectMatchesReference(CosSim({3, 4}, {3, 4}),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 4}, 1)},
                          {"y", RandomTensor(DataType::kFloat32, {3, 4}, 2)}},
                         {.opsets = {7, 13, 17, 18, 19}});
  ExpectMatchesReference(CosSim({3, 2, 2}, {1, 2, 2}),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 2, 2}, 3)},
                          {"y", RandomTensor(DataType::kFloat32, {1, 2, 2}, 4)}},
                         {.opsets = {7, 17, 19}});
}

// [3, 4]·[4, 3] = 24 over 5·5.
TEST(CosSim, ByHand) {
  ProgramBuilder p = CosSim({1, 2}, {1, 2});
  ExpectMatchesReference(p,
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 2}, {3, 4})},
                          {"y", HostTensor::From<float>(DataType::kFloat32, {1, 2}, {4, 3})}},
                         {.opsets = {7, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {1, 1}, {0.96f})},
                          {"xn", HostTensor::From<float>(DataType::kFloat32, {1, 1}, {5})},
                          {"yn", HostTensor::From<float>(DataType::kFloat32, {1, 1}, {5})}});
}

ProgramBuilder Bilinear(bool bias) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 3}).Input("y", DataType::kFloat32, {-1, 4});
  p.Param("w", RandomTensor(DataType::kFloat32, {5, 3, 4}, 5));
  p.Var("out", DataType::kFloat32, {-1, 5});
  auto op = p.Op("bilinear_tensor_product");
  op.In("X", {"x"}).In("Y", {"y"}).In("Weight", {"w"}).Out("Out", {"out"});
  if (bias) {
    p.Param("b", RandomTensor(DataType::kFloat32, {1, 5}, 6));
    op.In("Bias", {"b"});
  }
  p.Output("out");
  return p;
}

TEST(BilinearTensorProduct, WithAndWithoutBias) {
  for (bool bias : {false, true}) {
    ExpectMatchesReference(Bilinear(bias),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 3}, 7)},
                            {"y", RandomTensor(DataType::kFloat32, {2, 4}, 8)}},
                           {.opsets = {7, 13, 17, 18, 19}});
  }
}

ProgramBuilder L1Norm(const std::vector<int64_t>& dims, const std::vector<int64_t>& out) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, out);
  p.Op("l1_norm").In("X", {"x"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(L1Norm, WholeTensor) {
  ExpectMatchesReference(L1Norm({2, 3, 4}, {}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4}, 9)}},
                         {.opsets = {7, 13, 17, 18, 19}});
  ExpectMatchesReference(
      L1Norm({3}, {1}), {{"x", HostTensor::From<float>(DataType::kFloat32, {3}, {1, -2, 3})}},
      {.opsets = {7, 19}}, {{"out", HostTensor::From<float>(DataType::kFloat32, {1}, {6})}});
}

}  // namespace
}  // namespace pd2onnx::testing

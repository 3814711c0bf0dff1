// bmm, mv (MatMul) and dot (Mul + ReduceSum over the last axis, keeping it
// as 1 when Out is declared with X's rank).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Binary(const std::string& type, const std::string& y_slot, DataType dtype,
                      const std::vector<int64_t>& x, const std::vector<int64_t>& y,
                      const std::vector<int64_t>& out) {
  ProgramBuilder p;
  p.Input("x", dtype, x).Input("y", dtype, y).Var("out", dtype, out);
  p.Op(type).In("X", {"x"}).In(y_slot, {"y"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

interp::TensorMap Feeds(DataType dtype, const std::vector<int64_t>& x,
                        const std::vector<int64_t>& y) {
  return {{"x", RandomTensor(dtype, x, 1, -5, 5)}, {"y", RandomTensor(dtype, y, 2, -5, 5)}};
}

TEST(BmmTest, Batches) {
  ExpectMatchesReference(Binary("bmm", "Y", DataType::kFloat32, {3, 2, 4}, {3, 4, 5}, {3, 2, 5}),
                         Feeds(DataType::kFloat32, {3, 2, 4}, {3, 4, 5}),
                         {.opsets = {7, 13, 17, 19}});
}

// Hand-computed: [[1, 2]] @ [[3], [4]] = [[11]] in a batch of one.
TEST(BmmTest, HandComputed) {
  ExpectMatchesReference(Binary("bmm", "Y", DataType::kFloat32, {1, 1, 2}, {1, 2, 1}, {1, 1, 1}),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {1, 1, 2}, {1, 2})},
                          {"y", HostTensor::From<float>(DataType::kFloat32, {1, 2, 1}, {3, 4})}},
                         {.opsets = {7, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1}, {11})}});
}

TEST(MvTest, MatrixTimesVector) {
  ExpectMatchesReference(Binary("mv", "Vec", DataType::kFloat32, {4, 3}, {3}, {4}),
                         Feeds(DataType::kFloat32, {4, 3}, {3}), {.opsets = {7, 13, 17, 19}});
}

TEST(DotTest, Vectors) {
  for (const std::vector<int64_t>& out : {std::vector<int64_t>{}, std::vector<int64_t>{1}}) {
    ExpectMatchesReference(Binary("dot", "Y", DataType::kFloat32, {6}, {6}, out),
                           Feeds(DataType::kFloat32, {6}, {6}), {.opsets = {7, 13, 17, 19}});
  }
}

TEST(DotTest, Rows) {
  ExpectMatchesReference(Binary("dot", "Y", DataType::kFloat32, {3, 5}, {3, 5}, {3}),
                         Feeds(DataType::kFloat32, {3, 5}, {3, 5}), {.opsets = {7, 13, 17, 19}});
  ExpectMatchesReference(Binary("dot", "Y", DataType::kFloat32, {3, 5}, {3, 5}, {3, 1}),
                         Feeds(DataType::kFloat32, {3, 5}, {3, 5}), {.opsets = {7, 13, 19}});
}

TEST(DotTest, Integers) {
  for (DataType dtype : {DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(Binary("dot", "Y", dtype, {3, 5}, {3, 5}, {3}),
                           Feeds(dtype, {3, 5}, {3, 5}), {.opsets = {7, 13, 17, 19}});
  }
}

// Hand-computed: [1, 2, 3] · [4, 5, 6] = 32.
TEST(DotTest, HandComputed) {
  ExpectMatchesReference(Binary("dot", "Y", DataType::kFloat32, {3}, {3}, {}),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {3}, {1, 2, 3})},
                          {"y", HostTensor::From<float>(DataType::kFloat32, {3}, {4, 5, 6})}},
                         {.opsets = {7, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {}, {32})}});
}

ProgramBuilder AddmmProgram(const std::vector<int64_t>& input, float alpha, float beta) {
  ProgramBuilder p;
  p.Input("input", DataType::kFloat32, input)
      .Input("x", DataType::kFloat32, {3, 4})
      .Input("y", DataType::kFloat32, {4, 2})
      .Var("out", DataType::kFloat32, {3, 2});
  p.Op("addmm")
      .In("Input", {"input"})
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("Alpha", alpha)
      .Attr("Beta", beta);
  p.Output("out");
  return p;
}

TEST(AddmmTest, AlphaBetaAndBroadcastInput) {
  for (const std::vector<int64_t>& input :
       {std::vector<int64_t>{3, 2}, std::vector<int64_t>{2}, std::vector<int64_t>{3, 1}}) {
    for (const auto& [alpha, beta] : {std::pair{1.0f, 1.0f}, std::pair{0.5f, -2.0f}}) {
      ExpectMatchesReference(AddmmProgram(input, alpha, beta),
                             {{"input", RandomTensor(DataType::kFloat32, input, 3)},
                              {"x", RandomTensor(DataType::kFloat32, {3, 4}, 4)},
                              {"y", RandomTensor(DataType::kFloat32, {4, 2}, 5)}},
                             {.opsets = {7, 13, 17, 19}});
    }
  }
}

}  // namespace
}  // namespace pd2onnx::testing

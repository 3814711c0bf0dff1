// diag_v2 (vector → matrix with offsets and padding; matrix → diagonal),
// diagonal (axes, offsets, dynamic other dims) and trace.
#include <gtest/gtest.h>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder Diag(DataType dtype, const std::vector<int64_t>& x, const std::vector<int64_t>& out,
                    int offset, float padding) {
  ProgramBuilder p;
  p.Input("x", dtype, x).Var("out", dtype, out);
  p.Op("diag_v2")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("offset", offset)
      .Attr("padding_value", padding);
  p.Output("out");
  return p;
}

// [1, 2] with offset 1, padding 9: [[9, 1, 9], [9, 9, 2], [9, 9, 9]].
TEST(DiagV2, VectorByHand) {
  ExpectMatchesReference(
      Diag(DataType::kFloat32, {2}, {3, 3}, 1, 9),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {2}, {1, 2})}}, {.opsets = {9, 17, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3, 3}, {9, 1, 9, 9, 9, 2, 9, 9, 9})}});
}

TEST(DiagV2, VectorOffsetsAndDtypes) {
  for (int offset : {0, 2, -1}) {
    for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
      const int64_t side = 3 + (offset < 0 ? -offset : offset);
      ExpectMatchesReference(Diag(dtype, {3}, {side, side}, offset, 0.0f),
                             {{"x", RandomTensor(dtype, {3}, 1, -9, 9)}}, {.opsets = {9, 17, 19}});
    }
  }
}

TEST(DiagV2, MatrixDiagonal) {
  for (int offset : {0, 1, -2, 4}) {
    const int64_t len = offset >= 0 ? std::min<int64_t>(3, 4 - offset) : 3 + offset;
    ExpectMatchesReference(Diag(DataType::kFloat32, {3, 4}, {std::max<int64_t>(len, 0)}, offset, 0),
                           {{"x", RandomTensor(DataType::kFloat32, {3, 4}, 2)}},
                           {.opsets = {9, 17, 19}});
  }
}

ProgramBuilder Diagonal(const std::string& type, const std::vector<int64_t>& x,
                        const std::vector<int64_t>& out, int offset, int axis1, int axis2) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x).Var("out", DataType::kFloat32, out);
  p.Op(type)
      .In("Input", {"x"})
      .Out("Out", {"out"})
      .Attr("offset", offset)
      .Attr("axis1", axis1)
      .Attr("axis2", axis2);
  p.Output("out");
  return p;
}

TEST(Diagonal, AxesAndOffsets) {
  // X [2, 3, 4]: axes (0, 1) → [4, 2]; (1, 2) offset 1 → [2, 3]; (2, 0)
  // offset −1 → [3, 2]; (−1, −2) → [2, 3].
  const HostTensor x = RandomTensor(DataType::kFloat32, {2, 3, 4}, 3);
  ExpectMatchesReference(Diagonal("diagonal", {2, 3, 4}, {4, 2}, 0, 0, 1), {{"x", x}},
                         {.opsets = {7, 13, 17, 19}});
  ExpectMatchesReference(Diagonal("diagonal", {2, 3, 4}, {2, 3}, 1, 1, 2), {{"x", x}},
                         {.opsets = {7, 17, 19}});
  ExpectMatchesReference(Diagonal("diagonal", {2, 3, 4}, {3, 2}, -1, 2, 0), {{"x", x}},
                         {.opsets = {7, 17, 19}});
  ExpectMatchesReference(Diagonal("diagonal", {-1, 3, 4}, {-1, 3}, 0, -1, -2), {{"x", x}},
                         {.opsets = {7, 17, 19}});
}

// [[1, 2, 3], [4, 5, 6]]: offset 1 → [2, 6], trace → 8.
TEST(Diagonal, ByHand) {
  const HostTensor x = HostTensor::From<float>(DataType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6});
  ExpectMatchesReference(Diagonal("diagonal", {2, 3}, {2}, 1, 0, 1), {{"x", x}},
                         {.opsets = {7, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {2}, {2, 6})}});
  ExpectMatchesReference(Diagonal("trace", {2, 3}, {}, 1, 0, 1), {{"x", x}}, {.opsets = {7, 19}},
                         {{"out", HostTensor::From<float>(DataType::kFloat32, {}, {8})}});
}

TEST(Trace, BatchedAndLegacyShape) {
  const HostTensor x = RandomTensor(DataType::kFloat32, {2, 3, 4}, 4);
  ExpectMatchesReference(Diagonal("trace", {2, 3, 4}, {2}, 0, 1, 2), {{"x", x}},
                         {.opsets = {7, 13, 17, 18, 19}});
  ExpectMatchesReference(Diagonal("trace", {2, 3, 4}, {4}, -1, 0, 1), {{"x", x}},
                         {.opsets = {7, 17, 19}});
  // Paddle < 2.5 declared [1] for a full trace.
  ExpectMatchesReference(Diagonal("trace", {3, 3}, {1}, 0, 0, 1),
                         {{"x", RandomTensor(DataType::kFloat32, {3, 3}, 5)}}, {.opsets = {7, 19}});
}

TEST(Diagonal, UnknownPlaneFails) {
  ExpectConversionFails(Diagonal("diagonal", {2, -1, 4}, {2, -1}, 0, 1, 2), 17, "axis1 and axis2");
}

}  // namespace
}  // namespace pd2onnx::testing

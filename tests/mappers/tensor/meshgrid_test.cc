// meshgrid: known and run-time lengths, 0-D inputs, several dtypes.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder MeshgridProgram(const std::vector<std::vector<int64_t>>& in_dims,
                               const std::vector<int64_t>& out_dims, DataType dtype) {
  ProgramBuilder p;
  std::vector<std::string> ins, outs;
  for (size_t i = 0; i < in_dims.size(); ++i) {
    ins.push_back("x" + std::to_string(i));
    outs.push_back("out" + std::to_string(i));
    p.Input(ins.back(), dtype, in_dims[i]).Var(outs.back(), dtype, out_dims);
  }
  p.Op("meshgrid").In("X", ins).Out("Out", outs);
  for (const std::string& o : outs) p.Output(o);
  return p;
}

// x0 = [1 2], x1 = [3 4 5]: out0 = [[1 1 1], [2 2 2]], out1 = [[3 4 5], [3 4 5]].
TEST(MeshgridTest, TwoInputsByHand) {
  ExpectMatchesReference(
      MeshgridProgram({{2}, {3}}, {2, 3}, DataType::kFloat32),
      {{"x0", HostTensor::From<float>(DataType::kFloat32, {2}, {1, 2})},
       {"x1", HostTensor::From<float>(DataType::kFloat32, {3}, {3, 4, 5})}},
      {.opsets = {8, 13, 17, 19}},
      {{"out0", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {1, 1, 1, 2, 2, 2})},
       {"out1", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {3, 4, 5, 3, 4, 5})}});
}

TEST(MeshgridTest, ThreeInputsRunTimeLengthsAndDtypes) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64}) {
    ExpectMatchesReference(MeshgridProgram({{-1}, {3}, {-1}}, {-1, 3, -1}, dtype),
                           {{"x0", RandomTensor(dtype, {2}, 1, -9, 9)},
                            {"x1", RandomTensor(dtype, {3}, 2, -9, 9)},
                            {"x2", RandomTensor(dtype, {4}, 3, -9, 9)}},
                           {.opsets = {8, 17, 19}});
  }
  // A 0-D input counts as one element.
  ExpectMatchesReference(MeshgridProgram({{}, {3}}, {1, 3}, DataType::kFloat32),
                         {{"x0", RandomTensor(DataType::kFloat32, {}, 1)},
                          {"x1", RandomTensor(DataType::kFloat32, {3}, 2)}},
                         {.opsets = {8, 19}});
}

TEST(MeshgridTest, NeedsOpset8) {
  ExpectConversionFails(MeshgridProgram({{2}, {3}}, {2, 3}, DataType::kFloat32), 7, "Expand-8");
}

}  // namespace
}  // namespace pd2onnx::testing

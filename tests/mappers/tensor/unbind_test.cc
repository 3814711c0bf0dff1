// unbind: one output per index along `axis`, that axis removed.
#include <gtest/gtest.h>

#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder UnbindProgram(const std::vector<int64_t>& dims, int axis, DataType dtype) {
  ProgramBuilder p;
  p.Input("x", dtype, dims);
  const int64_t rank = static_cast<int64_t>(dims.size());
  const int64_t a = axis < 0 ? axis + rank : axis;
  std::vector<int64_t> out_dims = dims;
  out_dims.erase(out_dims.begin() + a);
  std::vector<std::string> outs;
  for (int64_t i = 0; i < dims[a]; ++i) {
    outs.push_back("out" + std::to_string(i));
    p.Var(outs.back(), dtype, out_dims);
  }
  p.Op("unbind").In("X", {"x"}).Out("Out", outs).Attr("axis", axis);
  for (const std::string& o : outs) p.Output(o);
  return p;
}

// X [2, 2] = [[0 1], [2 3]] unbound on axis 1: [0 2] and [1 3].
TEST(UnbindTest, ByHand) {
  ExpectMatchesReference(UnbindProgram({2, 2}, 1, DataType::kFloat32),
                         {{"x", HostTensor::From<float>(DataType::kFloat32, {2, 2}, {0, 1, 2, 3})}},
                         {.opsets = {7, 13, 17, 18, 19}},
                         {{"out0", HostTensor::From<float>(DataType::kFloat32, {2}, {0, 2})},
                          {"out1", HostTensor::From<float>(DataType::kFloat32, {2}, {1, 3})}});
}

TEST(UnbindTest, AxesAndDtypes) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt32, DataType::kInt64, DataType::kBool}) {
    ExpectMatchesReference(UnbindProgram({2, 3, 4}, -2, dtype),
                           {{"x", RandomTensor(dtype, {2, 3, 4}, 1, -9, 9)}},
                           {.opsets = {7, 13, 18, 19}});
  }
  ExpectMatchesReference(UnbindProgram({1, 3}, 0, DataType::kFloat32),
                         {{"x", RandomTensor(DataType::kFloat32, {1, 3}, 1)}}, {.opsets = {7, 17}});
}

}  // namespace
}  // namespace pd2onnx::testing

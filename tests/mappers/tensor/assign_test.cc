// assign (a copy) and assign_value (a constant from attributes).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

TEST(AssignTest, CopiesInput) {
  for (DataType dtype : {DataType::kFloat32, DataType::kInt64, DataType::kBool}) {
    ProgramBuilder p;
    p.Input("x", dtype, {2, 3}).Var("out", dtype, {2, 3});
    p.Op("assign").In("X", {"x"}).Out("Out", {"out"});
    p.Output("out");
    ExpectMatchesReference(p, {{"x", RandomTensor(dtype, {2, 3}, 1, -9, 9)}}, {.opsets = {7, 19}});
  }
}

TEST(AssignTest, ParameterStaysConstant) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3});
  p.Param("w", RandomTensor(DataType::kFloat32, {2, 3}, 2));
  p.Var("w_copy", DataType::kFloat32, {2, 3}).Var("out", DataType::kFloat32, {2, 3});
  p.Op("assign").In("X", {"w"}).Out("Out", {"w_copy"});
  p.Op("elementwise_add").In("X", {"x"}).In("Y", {"w_copy"}).Out("Out", {"out"}).Attr("axis", -1);
  p.Output("out").Output("w_copy");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, {2, 3}, 3)}},
                         {.opsets = {7, 19}});
}

ProgramBuilder AssignValueProgram(DataType dtype, const std::vector<int64_t>& shape) {
  ProgramBuilder p;
  p.Var("out", dtype, shape);
  return p;
}

TEST(AssignValueTest, PerDtypeLists) {
  {
    ProgramBuilder p = AssignValueProgram(DataType::kFloat32, {2, 2});
    p.Op("assign_value")
        .Out("Out", {"out"})
        .Attr("shape", std::vector<int>{2, 2})
        .Attr("dtype", static_cast<int>(DataType::kFloat32))
        .Attr("fp32_values", std::vector<float>{1.5f, -2.0f, 0.25f, 8.0f});
    p.Output("out");
    ExpectMatchesReference(p, {}, {.opsets = {7, 19}});
  }
  {
    ProgramBuilder p = AssignValueProgram(DataType::kInt32, {3});
    p.Op("assign_value")
        .Out("Out", {"out"})
        .Attr("shape", std::vector<int>{3})
        .Attr("dtype", static_cast<int>(DataType::kInt32))
        .Attr("int32_values", std::vector<int>{7, -1, 0});
    p.Output("out");
    ExpectMatchesReference(p, {}, {.opsets = {7, 19}});
  }
  {
    ProgramBuilder p = AssignValueProgram(DataType::kInt64, {2});
    p.Op("assign_value")
        .Out("Out", {"out"})
        .Attr("shape", std::vector<int>{2})
        .Attr("dtype", static_cast<int>(DataType::kInt64))
        .Attr("int64_values", std::vector<int64_t>{9007199254740993LL, -4});
    p.Output("out");
    ExpectMatchesReference(p, {}, {.opsets = {7, 19}});
  }
  {
    ProgramBuilder p = AssignValueProgram(DataType::kBool, {1, 3});
    p.Op("assign_value")
        .Out("Out", {"out"})
        .Attr("shape", std::vector<int>{1, 3})
        .Attr("dtype", static_cast<int>(DataType::kBool))
        .Attr("bool_values", std::vector<int>{1, 0, 1});
    p.Output("out");
    ExpectMatchesReference(p, {}, {.opsets = {7, 19}});
  }
}

// Paddle 2.6 writes one `values` list of SCALARS.
TEST(AssignValueTest, ScalarValues) {
  ProgramBuilder p = AssignValueProgram(DataType::kFloat32, {3});
  OpBuilder op = p.Op("assign_value")
                     .Out("Out", {"out"})
                     .Attr("shape", std::vector<int>{3})
                     .Attr("dtype", static_cast<int>(DataType::kFloat32));
  auto* values = op.RawAttr("values", paddle::proto::SCALARS);
  for (double v : {0.5, -1.25, 3.0}) {
    auto* s = values->add_scalars();
    s->set_type(paddle::proto::Scalar::FLOAT64);
    s->set_r(v);
  }
  p.Output("out");
  ExpectMatchesReference(p, {}, {.opsets = {7, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

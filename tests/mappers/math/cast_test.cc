// cast: out_dtype is a Paddle VarType number; floats truncate toward zero,
// anything to bool is x != 0.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder CastProgram(DataType from, DataType to, bool from_param = false) {
  ProgramBuilder p;
  if (from_param) {
    p.Param("x", RandomTensor(from, {2, 3}, 9, -4, 4));
  } else {
    p.Input("x", from, {2, 3});
  }
  p.Var("out", to, {2, 3});
  p.Op("cast")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("in_dtype", static_cast<int>(from))
      .Attr("out_dtype", static_cast<int>(to));
  p.Output("out");
  return p;
}

struct CastCase {
  DataType from;
  DataType to;
};

void PrintTo(const CastCase& c, std::ostream* os) {
  *os << graph::DataTypeName(c.from) << " to " << graph::DataTypeName(c.to);
}

class CastTest : public ::testing::TestWithParam<CastCase> {};

TEST_P(CastTest, MatchesReference) {
  const CastCase& c = GetParam();
  // Fractions and negatives, with a few exact zeros for the bool case.
  HostTensor x = RandomTensor(c.from, {2, 3}, 3, -4, 4);
  if (c.from == DataType::kFloat32) x.data<float>()[0] = 0.0f;
  ExpectMatchesReference(CastProgram(c.from, c.to), {{"x", x}}, {.opsets = {7, 13, 19, 21}});
}

std::string CaseName(const ::testing::TestParamInfo<CastCase>& info) {
  return std::string(graph::DataTypeName(info.param.from)) + "_to_" +
         std::string(graph::DataTypeName(info.param.to));
}

INSTANTIATE_TEST_SUITE_P(Dtypes, CastTest,
                         ::testing::Values(CastCase{DataType::kFloat32, DataType::kInt32},
                                           CastCase{DataType::kFloat32, DataType::kInt64},
                                           CastCase{DataType::kFloat32, DataType::kBool},
                                           CastCase{DataType::kFloat32, DataType::kFloat64},
                                           CastCase{DataType::kFloat64, DataType::kFloat32},
                                           CastCase{DataType::kInt32, DataType::kFloat32},
                                           CastCase{DataType::kInt32, DataType::kInt64},
                                           CastCase{DataType::kInt64, DataType::kInt32},
                                           CastCase{DataType::kBool, DataType::kFloat32},
                                           CastCase{DataType::kBool, DataType::kInt64},
                                           CastCase{DataType::kFloat32, DataType::kFloat32}),
                         CaseName);

// A parameter's cast is folded into a constant.
TEST(CastTest, ParameterIsFolded) {
  ExpectMatchesReference(CastProgram(DataType::kFloat32, DataType::kInt64, true), {},
                         {.opsets = {7, 19}});
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct LookupCase {
  std::string name;
  std::string type = "lookup_table_v2";
  std::vector<int64_t> ids_shape;
  std::vector<int64_t> ids;  // values, row-major
  DataType ids_dtype = DataType::kInt64;
  int64_t padding_idx = -1;
  bool dynamic_batch = false;

  friend void PrintTo(const LookupCase& c, std::ostream* os) { *os << c.name; }
};

constexpr int64_t kRows = 10;
constexpr int64_t kWidth = 4;

HostTensor IdsTensor(const LookupCase& c) {
  if (c.ids_dtype == DataType::kInt64) {
    return HostTensor::From<int64_t>(DataType::kInt64, c.ids_shape, c.ids);
  }
  return HostTensor::From<int32_t>(DataType::kInt32, c.ids_shape,
                                   std::vector<int32_t>(c.ids.begin(), c.ids.end()));
}

ProgramBuilder LookupProgram(const LookupCase& c) {
  std::vector<int64_t> ids_decl = c.ids_shape;
  if (c.dynamic_batch) ids_decl[0] = -1;
  std::vector<int64_t> out_decl = ids_decl;
  if (c.type == "lookup_table") out_decl.pop_back();  // v1: the trailing 1 becomes D
  out_decl.push_back(kWidth);
  ProgramBuilder p;
  p.Input("ids", c.ids_dtype, ids_decl)
      .Param("w", RandomTensor(DataType::kFloat32, {kRows, kWidth}, 21))
      .Var("out", DataType::kFloat32, out_decl);
  p.Op(c.type)
      .In("Ids", {"ids"})
      .In("W", {"w"})
      .Out("Out", {"out"})
      .Attr("padding_idx", c.padding_idx)
      .Attr("is_sparse", false);
  p.Output("out");
  return p;
}

class LookupTableTest : public ::testing::TestWithParam<LookupCase> {};

// Squeeze (v1 Ids) and Unsqueeze (padding mask) take axes as an input from 13.
TEST_P(LookupTableTest, MatchesReference) {
  const LookupCase& c = GetParam();
  ExpectMatchesReference(LookupProgram(c), {{"ids", IdsTensor(c)}},
                         {.opsets = {7, 11, 13, 17, 19, 21}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, LookupTableTest,
    ::testing::Values(
        LookupCase{.name = "V2Int64Ids", .ids_shape = {2, 3}, .ids = {0, 9, 3, 3, 5, 1}},
        LookupCase{.name = "V2Int32Ids",
                   .ids_shape = {4},
                   .ids = {7, 2, 2, 8},
                   .ids_dtype = DataType::kInt32},
        LookupCase{.name = "V2PaddingIdx",
                   .ids_shape = {2, 3},
                   .ids = {4, 1, 4, 0, 9, 4},
                   .padding_idx = 4,
                   .dynamic_batch = true},
        LookupCase{.name = "V2PaddingIdxInt32",
                   .ids_shape = {5},
                   .ids = {0, 1, 0, 2, 0},
                   .ids_dtype = DataType::kInt32,
                   .padding_idx = 0},
        LookupCase{.name = "V2NegativePaddingIdxCountsFromEnd",
                   .ids_shape = {4},
                   .ids = {7, 1, 7, 9},
                   .padding_idx = -3},
        LookupCase{
            .name = "V1TrailingOne", .type = "lookup_table", .ids_shape = {3, 1}, .ids = {2, 0, 6}},
        LookupCase{.name = "V1ThreeDimensionalPaddingIdx",
                   .type = "lookup_table",
                   .ids_shape = {2, 2, 1},
                   .ids = {5, 3, 3, 8},
                   .padding_idx = 3,
                   .dynamic_batch = true}),
    nn_test::CaseName());

}  // namespace
}  // namespace pd2onnx::testing

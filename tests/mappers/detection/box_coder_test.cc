// box_coder: encode/decode, axis, box_normalized, variance as attribute or
// input, against the interpreter; one box of each by hand.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

enum class Var { kNone, kAttr, kInput };

struct CoderCase {
  std::string name = "case";
  std::string code_type = "decode_center_size";
  int axis = 0;
  bool normalized = true;
  Var var = Var::kNone;
  friend void PrintTo(const CoderCase& c, std::ostream* os) { *os << c.name; }
};

constexpr int64_t kN = 3;
constexpr int64_t kM = 5;

// Valid boxes: x1, y1 in [0, 10), sizes in [1, 6).
HostTensor Boxes(int64_t count, uint32_t seed) {
  auto v = RandomTensor(DataType::kFloat32, {count, 4}, seed, 0.0, 1.0).ToVector<float>();
  for (size_t k = 0; k < v.size(); k += 4) {
    v[k] *= 10;
    v[k + 1] *= 10;
    v[k + 2] = v[k] + 1 + 5 * v[k + 2];
    v[k + 3] = v[k + 1] + 1 + 5 * v[k + 3];
  }
  return HostTensor::From(DataType::kFloat32, {count, 4}, v);
}

ProgramBuilder CoderProgram(const CoderCase& c, int64_t prior_rows,
                            const std::vector<int64_t>& target_dims) {
  const bool encode = c.code_type == "encode_center_size";
  ProgramBuilder p;
  p.Input("prior", DataType::kFloat32, {prior_rows, 4})
      .Input("target", DataType::kFloat32, target_dims)
      .Var("out", DataType::kFloat32,
           {encode ? target_dims[0] : target_dims[0], encode ? prior_rows : target_dims[1], 4});
  if (c.var == Var::kInput) p.Input("prior_var", DataType::kFloat32, {prior_rows, 4});
  auto op = p.Op("box_coder");
  op.In("PriorBox", {"prior"})
      .In("TargetBox", {"target"})
      .Out("OutputBox", {"out"})
      .Attr("code_type", c.code_type)
      .Attr("box_normalized", c.normalized)
      .Attr("axis", c.axis);
  if (c.var == Var::kInput) op.In("PriorBoxVar", {"prior_var"});
  if (c.var == Var::kAttr) op.Attr("variance", std::vector<float>{0.1f, 0.2f, 0.3f, 0.4f});
  p.Output("out");
  return p;
}

class BoxCoderTest : public ::testing::TestWithParam<CoderCase> {};

TEST_P(BoxCoderTest, MatchesReference) {
  const CoderCase& c = GetParam();
  const bool encode = c.code_type == "encode_center_size";
  const int64_t prior_rows = encode || c.axis == 0 ? kM : kN;
  const std::vector<int64_t> target_dims =
      encode ? std::vector<int64_t>{kN, 4} : std::vector<int64_t>{kN, kM, 4};
  interp::TensorMap feeds = {
      {"prior", Boxes(prior_rows, 3)},
      {"target",
       encode ? Boxes(kN, 4) : RandomTensor(DataType::kFloat32, target_dims, 4, -1.0, 1.0)}};
  if (c.var == Var::kInput) {
    feeds["prior_var"] = RandomTensor(DataType::kFloat32, {prior_rows, 4}, 6, 0.1, 0.5);
  }
  ExpectMatchesReference(CoderProgram(c, prior_rows, target_dims), feeds,
                         {.opsets = {7, 11, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, BoxCoderTest,
    ::testing::Values(
        CoderCase{.name = "Decode"}, CoderCase{.name = "DecodeVarInput", .var = Var::kInput},
        CoderCase{.name = "DecodeVarAttrPixels", .normalized = false, .var = Var::kAttr},
        CoderCase{.name = "DecodeAxis1VarInput", .axis = 1, .var = Var::kInput},
        CoderCase{.name = "DecodeAxis1Attr", .axis = 1, .var = Var::kAttr},
        CoderCase{.name = "Encode", .code_type = "encode_center_size"},
        CoderCase{.name = "EncodeVarAttr", .code_type = "encode_center_size", .var = Var::kAttr},
        CoderCase{.name = "EncodeVarInputPixels",
                  .code_type = "encode_center_size",
                  .normalized = false,
                  .var = Var::kInput}),
    [](const ::testing::TestParamInfo<CoderCase>& param_info) { return param_info.param.name; });

// Prior [0, 0, 2, 2] (centre 1, size 2): offsets 0 decode to the prior itself;
// pixel mode (+1): size 3, centre 1.5, decoded [0, 0, 2, 2] again (x2 - 1).
// Encoding target [1, 1, 3, 3] against it: centre offset 1/2, log 1 = 0.
TEST(BoxCoderHandTest, DecodeAndEncode) {
  const auto f32 = [](std::vector<int64_t> d, std::vector<float> v) {
    return HostTensor::From(DataType::kFloat32, std::move(d), v);
  };
  for (bool normalized : {true, false}) {
    ExpectMatchesReference(
        CoderProgram({.normalized = normalized}, 1, {1, 1, 4}),
        {{"prior", f32({1, 4}, {0, 0, 2, 2})}, {"target", f32({1, 1, 4}, {0, 0, 0, 0})}},
        {.opsets = {7, 17}}, {{"out", f32({1, 1, 4}, {0, 0, 2, 2})}});
  }
  ExpectMatchesReference(
      CoderProgram({.code_type = "encode_center_size"}, 1, {1, 4}),
      {{"prior", f32({1, 4}, {0, 0, 2, 2})}, {"target", f32({1, 4}, {1, 1, 3, 3})}},
      {.opsets = {7, 17}}, {{"out", f32({1, 1, 4}, {0.5f, 0.5f, 0, 0})}});
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

struct Pad3dSpec {
  std::vector<int64_t> in;
  std::vector<int64_t> out;
  std::vector<int64_t> paddings;
  std::string mode = "constant";
  float value = 0;
  std::string format = "NCDHW";
  enum { kAttr, kParam, kFeed } source = kAttr;
};

ProgramBuilder Program(const Pad3dSpec& s) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, s.in);
  if (s.source == Pad3dSpec::kFeed) p.Input("p", DataType::kInt32, {6});
  if (s.source == Pad3dSpec::kParam) {
    p.Param("p",
            HostTensor::From<int32_t>(DataType::kInt32, {6},
                                      std::vector<int32_t>(s.paddings.begin(), s.paddings.end())));
  }
  p.Var("y", DataType::kFloat32, s.out);
  auto op = p.Op("pad3d");
  op.In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("paddings", s.source == Pad3dSpec::kAttr ? Ints(s.paddings) : std::vector<int>{})
      .Attr("mode", s.mode)
      .Attr("value", s.value)
      .Attr("data_format", s.format);
  if (s.source != Pad3dSpec::kAttr) op.In("Paddings", {"p"});
  p.Output("y");
  return p;
}

interp::TensorMap Feeds(const Pad3dSpec& s, const std::vector<int64_t>& fed) {
  interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, fed, 91)}};
  if (s.source == Pad3dSpec::kFeed) {
    feeds["p"] = HostTensor::From<int32_t>(
        DataType::kInt32, {6}, std::vector<int32_t>(s.paddings.begin(), s.paddings.end()));
  }
  return feeds;
}

// [1, 2, 3, 4, 5] padded W by (2, 1), H by (1, 0), D by (0, 2).
const Pad3dSpec kBase = {
    .in = {1, 2, 3, 4, 5}, .out = {1, 2, 5, 5, 8}, .paddings = {2, 1, 1, 0, 0, 2}};

TEST(Pad3d, ModesFromAttribute) {
  for (const char* mode : {"constant", "reflect", "replicate"}) {
    Pad3dSpec s = kBase;
    s.mode = mode;
    s.value = 1.5f;
    ExpectMatchesReference(Program(s), Feeds(s, s.in), {.opsets = {7, 11, 13, 17, 18, 19, 21}});
  }
}

TEST(Pad3d, CircularNeedsOpset19) {
  Pad3dSpec s = kBase;
  s.mode = "circular";
  ExpectMatchesReference(Program(s), Feeds(s, s.in), {.opsets = {19, 21}});
  ExpectConversionFails(Program(s), 17, "mode=circular");
}

TEST(Pad3d, Ndhwc) {
  Pad3dSpec s = {.in = {2, 3, 4, 5, 2},
                 .out = {2, 5, 5, 8, 2},
                 .paddings = {2, 1, 1, 0, 0, 2},
                 .mode = "reflect",
                 .format = "NDHWC"};
  ExpectMatchesReference(Program(s), Feeds(s, s.in), {.opsets = {7, 11, 17, 19}});
}

// A Paddings input needs opset 11 even when it is a parameter (the opset
// is decided before values are known); its value is folded into the pads.
TEST(Pad3d, PaddingsParamIsFolded) {
  Pad3dSpec s = kBase;
  s.source = Pad3dSpec::kParam;
  s.mode = "replicate";
  ExpectMatchesReference(Program(s), Feeds(s, s.in), {.opsets = {11, 17, 19}});
}

TEST(Pad3d, PaddingsFedAtRunTime) {
  Pad3dSpec s = kBase;
  s.source = Pad3dSpec::kFeed;
  s.out = {1, 2, -1, -1, -1};
  s.value = -2.0f;
  ExpectMatchesReference(Program(s), Feeds(s, s.in), {.opsets = {11, 13, 17, 19}});
  ExpectConversionFails(Program(s), 10, "Paddings input");
}

// W = [1, 2, 3] padded (2, 1):
//   reflect   (mirror without the edge): [3, 2 | 1, 2, 3 | 2]
//   replicate: [1, 1 | 1, 2, 3 | 3]
//   circular:  [2, 3 | 1, 2, 3 | 1]
//   constant 9: [9, 9 | 1, 2, 3 | 9]
TEST(Pad3d, HandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 3}, std::vector<float>{1, 2, 3});
  struct Expect {
    const char* mode;
    std::vector<float> values;
    std::vector<int> opsets;
  };
  for (const Expect& e : {Expect{"reflect", {3, 2, 1, 2, 3, 2}, {7, 17, 19}},
                          Expect{"replicate", {1, 1, 1, 2, 3, 3}, {7, 17, 19}},
                          Expect{"circular", {2, 3, 1, 2, 3, 1}, {19}},
                          Expect{"constant", {9, 9, 1, 2, 3, 9}, {7, 17, 19}}}) {
    const Pad3dSpec s = {.in = {1, 1, 1, 1, 3},
                         .out = {1, 1, 1, 1, 6},
                         .paddings = {2, 1, 0, 0, 0, 0},
                         .mode = e.mode,
                         .value = 9};
    ExpectMatchesReference(
        Program(s), {{"x", x}}, {.opsets = e.opsets},
        {{"y", HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 1, 6}, e.values)}});
  }
}

TEST(Pad3d, FourDimensionalInputFails) {
  const Pad3dSpec s = {.in = {1, 2, 3, 4}, .out = {1, 2, 3, 7}, .paddings = {2, 1, 0, 0, 0, 0}};
  ExpectConversionFails(Program(s), 17, "X has rank 4");
}

}  // namespace
}  // namespace pd2onnx::testing

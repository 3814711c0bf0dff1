#include <gtest/gtest.h>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

using nn_test::Ints;

ProgramBuilder Program(const std::vector<int64_t>& in, const std::vector<int64_t>& out,
                       const std::vector<int64_t>& paddings, const std::string& mode,
                       const std::string& format, bool paddings_input = false) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, in);
  if (paddings_input) p.Input("p", DataType::kInt32, {4});
  p.Var("y", DataType::kFloat32, out);
  auto op = p.Op("pad2d");
  op.In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("paddings", Ints(paddings))
      .Attr("mode", mode)
      .Attr("pad_value", 0.25f)
      .Attr("data_format", format);
  if (paddings_input) op.In("Paddings", {"p"});
  p.Output("y");
  return p;
}

TEST(Pad2d, Modes) {
  for (const char* mode : {"constant", "reflect", "edge"}) {
    ExpectMatchesReference(Program({2, 3, 4, 5}, {2, 3, 7, 7}, {1, 2, 0, 2}, mode, "NCHW"),
                           {{"x", RandomTensor(DataType::kFloat32, {2, 3, 4, 5}, 92)}},
                           {.opsets = {7, 11, 13, 17, 18, 19, 21}});
  }
}

TEST(Pad2d, Nhwc) {
  ExpectMatchesReference(Program({2, 4, 5, 3}, {2, 7, 7, 3}, {1, 2, 0, 2}, "reflect", "NHWC"),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 4, 5, 3}, 93)}},
                         {.opsets = {7, 17, 19}});
}

TEST(Pad2d, PaddingsInput) {
  const HostTensor p =
      HostTensor::From<int32_t>(DataType::kInt32, {4}, std::vector<int32_t>{0, 1, 2, 1});
  ExpectMatchesReference(Program({1, 2, 3, 3}, {1, 2, -1, -1}, {0, 0, 0, 0}, "edge", "NCHW", true),
                         {{"x", RandomTensor(DataType::kFloat32, {1, 2, 3, 3}, 94)}, {"p", p}},
                         {.opsets = {11, 17, 19}});
}

// "edge" repeats the border: [[1, 2]] padded top 1, right 1 →
// [[1, 2, 2], [1, 2, 2]].
TEST(Pad2d, EdgeHandComputed) {
  const HostTensor x =
      HostTensor::From<float>(DataType::kFloat32, {1, 1, 1, 2}, std::vector<float>{1, 2});
  const HostTensor y = HostTensor::From<float>(DataType::kFloat32, {1, 1, 2, 3},
                                               std::vector<float>{1, 2, 2, 1, 2, 2});
  ExpectMatchesReference(Program({1, 1, 1, 2}, {1, 1, 2, 3}, {1, 0, 0, 1}, "edge", "NCHW"),
                         {{"x", x}}, {.opsets = {7, 17, 19}}, {{"y", y}});
}

TEST(Pad2d, CircularIsRejected) {
  ExpectConversionFails(Program({1, 1, 2, 2}, {1, 1, 3, 3}, {1, 0, 1, 0}, "circular", "NCHW"), 19,
                        "mode \"circular\"");
}

}  // namespace
}  // namespace pd2onnx::testing

// split: num equal parts or sections (one may be -1), along a possibly
// negative axis; constant AxisTensor / SectionsTensorList.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

// Split-13 takes sizes as an input; Split-18 wants num_outputs.
const std::vector<int> kOpsets = {7, 13, 17, 18, 19};

struct SplitCase {
  std::vector<int64_t> declared;  // X as declared (-1 = unknown)
  std::vector<int64_t> fed;       // X as fed
  int axis = 0;
  int num = 0;
  std::vector<int> sections;
  std::vector<std::vector<int64_t>> outs;  // declared output dims
};

ProgramBuilder SplitProgram(const SplitCase& c) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, c.declared);
  std::vector<std::string> outs;
  for (size_t i = 0; i < c.outs.size(); ++i) {
    outs.push_back("out" + std::to_string(i));
    p.Var(outs.back(), DataType::kFloat32, c.outs[i]);
  }
  p.Op("split")
      .In("X", {"x"})
      .Out("Out", outs)
      .Attr("axis", c.axis)
      .Attr("num", c.num)
      .Attr("sections", c.sections);
  for (const std::string& out : outs) p.Output(out);
  return p;
}

void Check(const SplitCase& c, const std::vector<int>& opsets = kOpsets) {
  ExpectMatchesReference(SplitProgram(c), {{"x", RandomTensor(DataType::kFloat32, c.fed, 1)}},
                         {.opsets = opsets});
}

TEST(SplitTest, NumEqualParts) { Check({{6, 4}, {6, 4}, 0, 3, {}, {{2, 4}, {2, 4}, {2, 4}}}); }

TEST(SplitTest, NumEqualPartsOfUnknownExtent) {
  Check({{-1, 4}, {6, 4}, 0, 3, {}, {{-1, 4}, {-1, 4}, {-1, 4}}});
}

TEST(SplitTest, NegativeAxis) { Check({{2, 6}, {2, 6}, -1, 2, {}, {{2, 3}, {2, 3}}}); }

TEST(SplitTest, Sections) { Check({{2, 6}, {2, 6}, 1, 0, {1, 2, 3}, {{2, 1}, {2, 2}, {2, 3}}}); }

TEST(SplitTest, SectionsWithRemainder) {
  Check({{7, 2}, {7, 2}, 0, 0, {2, -1, 1}, {{2, 2}, {4, 2}, {1, 2}}});
}

// -1 over an extent unknown now: Slices from the front and from the back.
TEST(SplitTest, SectionsWithRemainderOfUnknownExtent) {
  Check({{-1, 2}, {7, 2}, 0, 0, {2, -1, 1}, {{2, 2}, {-1, 2}, {1, 2}}});
  Check({{-1, 2}, {7, 2}, 0, 0, {-1, 3}, {{-1, 2}, {3, 2}}}, {7, 13, 19});
  Check({{-1, 2}, {7, 2}, 0, 0, {3, -1}, {{3, 2}, {-1, 2}}}, {7, 13, 19});
  Check({{2, -1}, {2, 7}, 1, 0, {1, -1, 2, 1}, {{2, 1}, {2, -1}, {2, 2}, {2, 1}}}, {7, 19});
}

TEST(SplitTest, AxisTensorAndSectionsTensorListFromConstants) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 6});
  p.Var("axis", DataType::kInt32, {1})
      .Var("s0", DataType::kInt64, {1})
      .Var("s1", DataType::kInt64, {1});
  p.Var("out0", DataType::kFloat32, {2, 4}).Var("out1", DataType::kFloat32, {2, 2});
  auto fill = [&p](const std::string& out, DataType dtype, float value) {
    p.Op("fill_constant")
        .Out("Out", {out})
        .Attr("shape", std::vector<int64_t>{1})
        .Attr("dtype", static_cast<int>(dtype))
        .Attr("value", value);
  };
  fill("axis", DataType::kInt32, 1.0f);
  fill("s0", DataType::kInt64, 4.0f);
  fill("s1", DataType::kInt64, -1.0f);
  p.Op("split")
      .In("X", {"x"})
      .In("AxisTensor", {"axis"})
      .In("SectionsTensorList", {"s0", "s1"})
      .Out("Out", {"out0", "out1"})
      .Attr("axis", 0)
      .Attr("num", 0)
      .Attr("sections", std::vector<int>{1, 1});
  p.Output("out0").Output("out1");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kFloat32, {2, 6}, 2)}},
                         {.opsets = {7, 13, 18, 19}});
}

TEST(SplitTest, IntegerData) {
  ProgramBuilder p;
  p.Input("x", DataType::kInt64, {4});
  p.Var("a", DataType::kInt64, {1}).Var("b", DataType::kInt64, {3});
  p.Op("split")
      .In("X", {"x"})
      .Out("Out", {"a", "b"})
      .Attr("axis", 0)
      .Attr("num", 0)
      .Attr("sections", std::vector<int>{1, 3});
  p.Output("a").Output("b");
  ExpectMatchesReference(p, {{"x", RandomTensor(DataType::kInt64, {4}, 3, -9, 9)}},
                         {.opsets = {7, 13, 18}});
}

}  // namespace
}  // namespace pd2onnx::testing

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "nn_test_util.h"
#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct InterpCase {
  std::string name;
  std::string type = "nearest_interp_v2";
  std::vector<int64_t> input = {1, 2, 4, 5};  // fed shape, in data_layout order
  std::vector<float> scale = {};              // the `scale` attribute
  int out_h = -1;
  int out_w = -1;
  bool align_corners = false;
  int align_mode = 1;
  std::string data_layout = "NCHW";
  std::vector<int32_t> out_size = {};     // OutSize input (empty = absent)
  std::vector<int32_t> size_tensor = {};  // SizeTensor entries (empty = absent)
  std::vector<float> scale_tensor = {};   // Scale input (empty = absent)
  bool inputs_constant = false;  // OutSize/SizeTensor/Scale as parameters, not model inputs
  bool dynamic_batch = false;
  bool dynamic_hw = false;

  friend void PrintTo(const InterpCase& c, std::ostream* os) { *os << c.name; }
};

// Paddle's interpolation kernels read only NCHW as channel-first.
bool Nhwc(const InterpCase& c) { return c.data_layout != "NCHW"; }

// Paddle's output H, W (interpolate_kernel.cc precedence).
std::vector<int64_t> OutHw(const InterpCase& c) {
  const int64_t in_h = c.input[Nhwc(c) ? 1 : 2];
  const int64_t in_w = c.input[Nhwc(c) ? 2 : 3];
  if (!c.size_tensor.empty()) return {c.size_tensor[0], c.size_tensor[1]};
  if (!c.out_size.empty()) return {c.out_size[0], c.out_size[1]};
  std::vector<float> s = c.scale_tensor;
  if (s.size() == 1) s.push_back(s[0]);
  if (s.empty() && c.scale.size() > 1) s = c.scale;
  if (!s.empty()) {
    return {static_cast<int64_t>(static_cast<float>(in_h) * s[0]),
            static_cast<int64_t>(static_cast<float>(in_w) * s[1])};
  }
  return {c.out_h, c.out_w};
}

HostTensor Int32s(const std::vector<int32_t>& values, std::vector<int64_t> dims) {
  return HostTensor::From<int32_t>(DataType::kInt32, std::move(dims), values);
}

// The program and the feeds its model inputs need.
struct InterpProgram {
  ProgramBuilder program;
  interp::TensorMap feeds;
};

InterpProgram MakeInterpProgram(const InterpCase& c) {
  const bool nhwc = Nhwc(c);
  const size_t h_axis = nhwc ? 1 : 2;
  const bool runtime_size = !c.inputs_constant && (!c.out_size.empty() || !c.size_tensor.empty() ||
                                                   !c.scale_tensor.empty());
  std::vector<int64_t> out_hw = OutHw(c);
  if (runtime_size || (c.dynamic_hw && c.out_size.empty() && c.size_tensor.empty() &&
                       (c.scale.size() > 1 || !c.scale_tensor.empty()))) {
    out_hw = {-1, -1};
  }
  std::vector<int64_t> in_decl = c.input;
  if (c.dynamic_batch) in_decl[0] = -1;
  if (c.dynamic_hw) in_decl[h_axis] = in_decl[h_axis + 1] = -1;
  std::vector<int64_t> out_decl = in_decl;
  out_decl[h_axis] = out_hw[0];
  out_decl[h_axis + 1] = out_hw[1];

  InterpProgram result;
  ProgramBuilder& p = result.program;
  p.Input("x", DataType::kFloat32, in_decl);
  result.feeds["x"] = RandomTensor(DataType::kFloat32, c.input, 9);
  auto add_tensor = [&](const std::string& name, const HostTensor& value) {
    if (c.inputs_constant) {
      p.Param(name, value);
    } else {
      p.Input(name, value.dtype, value.dims);
      result.feeds[name] = value;
    }
  };
  std::vector<std::string> size_names;
  for (size_t i = 0; i < c.size_tensor.size(); ++i) {
    size_names.push_back("size" + std::to_string(i));
    add_tensor(size_names.back(), Int32s({c.size_tensor[i]}, {1}));
  }
  if (!c.out_size.empty()) add_tensor("out_size", Int32s(c.out_size, {2}));
  if (!c.scale_tensor.empty()) {
    add_tensor("scale_t", HostTensor::From<float>(DataType::kFloat32,
                                                  {static_cast<int64_t>(c.scale_tensor.size())},
                                                  c.scale_tensor));
  }
  p.Var("y", DataType::kFloat32, out_decl);

  const bool nearest = c.type == "nearest_interp_v2";
  OpBuilder op = p.Op(c.type);
  op.In("X", {"x"}).Out("Out", {"y"});
  if (!size_names.empty()) op.In("SizeTensor", size_names);
  if (!c.out_size.empty()) op.In("OutSize", {"out_size"});
  if (!c.scale_tensor.empty()) op.In("Scale", {"scale_t"});
  op.Attr("interp_method", nearest ? "nearest" : "bilinear")
      .Attr("data_layout", c.data_layout)
      .Attr("out_d", -1)
      .Attr("out_h", c.out_h)
      .Attr("out_w", c.out_w)
      .Attr("scale", c.scale)
      .Attr("align_corners", c.align_corners)
      .Attr("align_mode", c.align_mode);
  p.Output("y");
  return result;
}

void ExpectInterpMatches(const InterpCase& c, std::vector<int> opsets) {
  const InterpProgram p = MakeInterpProgram(c);
  ExpectMatchesReference(p.program, p.feeds, {.opsets = std::move(opsets), .tol = 1e-5});
}

// Constant scales >= 1 with the asymmetric rule: Upsample-7/9, Resize-10, Resize-11.
class InterpolateUpsampleTest : public ::testing::TestWithParam<InterpCase> {};

TEST_P(InterpolateUpsampleTest, MatchesReference) {
  ExpectInterpMatches(GetParam(), {7, 9, 10, 11, 13, 17, 18, 19, 21});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, InterpolateUpsampleTest,
    ::testing::Values(
        InterpCase{.name = "NearestIntegerScale", .scale = {2, 3}},
        InterpCase{.name = "NearestFractionalScale", .input = {1, 2, 5, 4}, .scale = {1.5f, 2.5f}},
        InterpCase{.name = "NearestScaleOverridesOutHw", .scale = {2, 2}, .out_h = 3, .out_w = 3},
        InterpCase{.name = "NearestNhwc",
                   .input = {1, 4, 5, 3},
                   .scale = {2, 1.5f},
                   .data_layout = "NHWC"},
        InterpCase{.name = "NearestAnyLayoutIsChannelLast",
                   .input = {1, 4, 5, 3},
                   .scale = {2, 1.5f},
                   .data_layout = "AnyLayout"},
        InterpCase{.name = "NearestDynamicExtents",
                   .input = {2, 3, 4, 3},
                   .scale = {2, 2},
                   .dynamic_batch = true,
                   .dynamic_hw = true},
        InterpCase{
            .name = "NearestScaleKeepsSizeCopies", .input = {1, 2, 5, 5}, .scale = {1.1f, 1.1f}},
        InterpCase{.name = "BilinearAsymmetric",
                   .type = "bilinear_interp_v2",
                   .input = {1, 2, 3, 4},
                   .scale = {2, 2.5f}},
        InterpCase{.name = "BilinearAsymmetricNhwcDynamic",
                   .type = "bilinear_interp_v2",
                   .input = {2, 3, 4, 2},
                   .scale = {1.5f, 2},
                   .data_layout = "NHWC",
                   .dynamic_batch = true,
                   .dynamic_hw = true}),
    nn_test::CaseName());

// Linear downscaling with the asymmetric rule starts at Resize-10.
TEST(InterpolateTest, BilinearAsymmetricDownscale) {
  ExpectInterpMatches(
      InterpCase{
          .name = "", .type = "bilinear_interp_v2", .input = {1, 2, 8, 9}, .scale = {0.5f, 0.7f}},
      {10, 11, 17, 19, 21});
}

// Everything else needs Resize-11 (sizes, coordinate modes, nearest_mode).
class InterpolateResizeTest : public ::testing::TestWithParam<InterpCase> {};

TEST_P(InterpolateResizeTest, MatchesReference) {
  ExpectInterpMatches(GetParam(), {11, 13, 17, 18, 19, 21});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, InterpolateResizeTest,
    ::testing::Values(
        InterpCase{.name = "NearestDownscale", .input = {1, 2, 9, 7}, .scale = {0.5f, 0.6f}},
        InterpCase{.name = "NearestOutHw", .input = {1, 2, 5, 7}, .out_h = 8, .out_w = 3},
        InterpCase{.name = "NearestSingleScaleEntryIgnored", .scale = {3}, .out_h = 6, .out_w = 7},
        InterpCase{.name = "NearestAlignCorners",
                   .input = {1, 2, 5, 4},
                   .out_h = 9,
                   .out_w = 3,
                   .align_corners = true},
        InterpCase{.name = "NearestAlignCornersScale",
                   .input = {1, 2, 3, 5},
                   .scale = {2.5f, 1.5f},
                   .align_corners = true},
        InterpCase{.name = "NearestOutSizeInput",
                   .input = {2, 2, 4, 5},
                   .out_h = 3,
                   .out_w = 3,
                   .out_size = {7, 9}},
        InterpCase{.name = "NearestOutSizeConstant",
                   .input = {1, 2, 4, 5},
                   .out_size = {6, 3},
                   .inputs_constant = true},
        InterpCase{.name = "NearestSizeTensorInputs", .input = {1, 3, 4, 4}, .size_tensor = {5, 8}},
        InterpCase{.name = "NearestSizeTensorWinsOverOutSizeAndScale",
                   .input = {1, 2, 4, 4},
                   .scale = {2, 2},
                   .out_size = {3, 3},
                   .size_tensor = {6, 5},
                   .dynamic_batch = true},
        InterpCase{
            .name = "NearestScaleTensorOneEntry", .input = {1, 2, 3, 4}, .scale_tensor = {2.5f}},
        InterpCase{.name = "NearestScaleTensorWinsOverScale",
                   .input = {1, 2, 4, 4},
                   .scale = {3, 3},
                   .scale_tensor = {1.5f, 0.5f}},
        InterpCase{.name = "NearestScaleTensorConstant",
                   .input = {1, 2, 4, 4},
                   .scale_tensor = {0.75f, 2},
                   .inputs_constant = true},
        InterpCase{.name = "BilinearAlignCorners",
                   .type = "bilinear_interp_v2",
                   .input = {1, 2, 4, 5},
                   .out_h = 7,
                   .out_w = 3,
                   .align_corners = true},
        InterpCase{.name = "BilinearHalfPixelOutHw",
                   .type = "bilinear_interp_v2",
                   .input = {1, 2, 4, 5},
                   .out_h = 7,
                   .out_w = 3,
                   .align_mode = 0},
        InterpCase{.name = "BilinearHalfPixelScale",
                   .type = "bilinear_interp_v2",
                   .input = {1, 2, 4, 6},
                   .scale = {1.5f, 0.5f},
                   .align_mode = 0},
        InterpCase{.name = "BilinearHalfPixelExtentOne",
                   .type = "bilinear_interp_v2",
                   .input = {1, 2, 4, 5},
                   .out_h = 1,
                   .out_w = 4,
                   .align_mode = 0},
        InterpCase{.name = "BilinearAsymmetricOutHw",
                   .type = "bilinear_interp_v2",
                   .input = {1, 2, 4, 5},
                   .out_h = 6,
                   .out_w = 9},
        InterpCase{.name = "BilinearSizeTensorDynamic",
                   .type = "bilinear_interp_v2",
                   .input = {2, 3, 5, 4},
                   .size_tensor = {8, 6},
                   .dynamic_batch = true,
                   .dynamic_hw = true},
        InterpCase{.name = "BilinearOutSizeWithAlignCornersScale",
                   .type = "bilinear_interp_v2",
                   .input = {1, 2, 4, 4},
                   .scale = {2, 2},
                   .align_corners = true,
                   .out_size = {5, 7}},
        InterpCase{.name = "BilinearNhwcHalfPixel",
                   .type = "bilinear_interp_v2",
                   .input = {1, 5, 4, 3},
                   .out_h = 8,
                   .out_w = 3,
                   .align_mode = 0,
                   .data_layout = "NHWC"}),
    nn_test::CaseName());

TEST(InterpolateErrorTest, AlignCornersNeedsOpset11) {
  const InterpProgram p =
      MakeInterpProgram(InterpCase{.name = "", .scale = {2, 2}, .align_corners = true});
  ExpectConversionFails(p.program, 10, "align_corners");
}

TEST(InterpolateErrorTest, OutSizeNeedsOpset11) {
  const InterpProgram p = MakeInterpProgram(InterpCase{.name = "", .out_size = {4, 4}});
  ExpectConversionFails(p.program, 9, "OutSize");
}

TEST(InterpolateErrorTest, HalfPixelNeedsOpset11) {
  const InterpProgram p = MakeInterpProgram(
      InterpCase{.name = "", .type = "bilinear_interp_v2", .scale = {2, 2}, .align_mode = 0});
  ExpectConversionFails(p.program, 10, "align_mode=0");
}

TEST(InterpolateErrorTest, NearestDownscaleNeedsOpset11) {
  const InterpProgram p = MakeInterpProgram(InterpCase{.name = "", .scale = {0.5f, 0.5f}});
  ExpectConversionFails(p.program, 10, "scale < 1");
}

TEST(InterpolateErrorTest, LinearDownscaleNeedsOpset10) {
  const InterpProgram p = MakeInterpProgram(
      InterpCase{.name = "", .type = "bilinear_interp_v2", .scale = {0.5f, 0.5f}});
  ExpectConversionFails(p.program, 9, "scale < 1");
}

TEST(InterpolateErrorTest, OutSizeWithScaleStepIsUnsupported) {
  const InterpProgram p = MakeInterpProgram(
      InterpCase{.name = "", .scale = {2, 2}, .out_size = {5, 5}, .inputs_constant = true});
  ExpectConversionFails(p.program, 11, "OutSize together with a positive scale");
}

}  // namespace
}  // namespace pd2onnx::testing

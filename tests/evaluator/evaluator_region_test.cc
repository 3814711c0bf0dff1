// The evaluator's RoiAlign, MaxRoiPool and DeformConv against ONNX Runtime
// on one-node graphs, over the attribute branches the detection mappers use.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "compare.h"
#include "evaluator/evaluator.h"
#include "onnx/model.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

struct RegionCase {
  std::string name;
  int opset;
  std::string op_type;
  std::vector<std::pair<std::string, HostTensor>> inputs;  // "" name: omitted input
  std::vector<onnx::AttributeProto> attrs;
};

onnx::AttributeProto Attr(const std::string& name, int64_t v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INT);
  a.set_i(v);
  return a;
}
onnx::AttributeProto Attr(const std::string& name, float v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::FLOAT);
  a.set_f(v);
  return a;
}
onnx::AttributeProto Attr(const std::string& name, const std::string& v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::STRING);
  a.set_s(v);
  return a;
}
onnx::AttributeProto Attr(const std::string& name, const std::vector<int64_t>& v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a.add_ints(x);
  return a;
}

void AddValueInfo(onnx::ValueInfoProto* info, const std::string& name, DataType dtype) {
  info->set_name(name);
  info->mutable_type()->mutable_tensor_type()->set_elem_type(emit::OnnxDataType(dtype));
}

onnx::ModelProto BuildModel(const RegionCase& c) {
  onnx::ModelProto model;
  model.set_ir_version(emit::IrVersionForOpset(c.opset));
  model.add_opset_import()->set_version(c.opset);
  onnx::GraphProto* graph = model.mutable_graph();
  graph->set_name(c.name);
  onnx::NodeProto* node = graph->add_node();
  node->set_op_type(c.op_type);
  for (const auto& [name, value] : c.inputs) {
    node->add_input(name);
    if (!name.empty()) AddValueInfo(graph->add_input(), name, value.dtype);
  }
  for (const auto& a : c.attrs) *node->add_attribute() = a;
  node->add_output("y");
  AddValueInfo(graph->add_output(), "y", DataType::kFloat32);
  return model;
}

interp::TensorMap InputsOf(const RegionCase& c) {
  interp::TensorMap inputs;
  for (const auto& [name, value] : c.inputs) {
    if (!name.empty()) inputs[name] = value;
  }
  return inputs;
}

HostTensor Boxes(int64_t count, int64_t columns, float extent, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> corner(-0.2f * extent, extent), size(0, 0.7f * extent);
  std::vector<float> v;
  for (int64_t i = 0; i < count; ++i) {
    if (columns == 5) v.push_back(static_cast<float>(i % 2));
    const float x = corner(gen), y = corner(gen);
    v.insert(v.end(), {x, y, x + size(gen), y + size(gen)});
  }
  return HostTensor::From<float>(DataType::kFloat32, {count, columns}, v);
}

std::vector<RegionCase> AllCases() {
  std::vector<RegionCase> cases;
  const HostTensor x = RandomTensor(DataType::kFloat32, {2, 3, 7, 8}, 1);
  const HostTensor images =
      HostTensor::From<int64_t>(DataType::kInt64, {5}, std::vector<int64_t>{0, 1, 1, 0, 1});
  for (int opset : {10, 16}) {
    for (const char* mode : {"output_half_pixel", "half_pixel"}) {
      if (opset < 16 && std::string(mode) == "half_pixel") continue;
      for (int64_t sampling : {0, 2}) {
        RegionCase c{"roi_align_" + std::to_string(opset) + mode + std::to_string(sampling),
                     opset,
                     "RoiAlign",
                     {{"x", x}, {"rois", Boxes(5, 4, 28, 2)}, {"batch", images}},
                     {Attr("output_height", int64_t{2}), Attr("output_width", int64_t{3}),
                      Attr("sampling_ratio", sampling), Attr("spatial_scale", 0.25f)}};
        if (opset >= 16) c.attrs.push_back(Attr("coordinate_transformation_mode", mode));
        cases.push_back(c);
      }
    }
  }
  cases.push_back(
      {"max_roi_pool",
       11,
       "MaxRoiPool",
       {{"x", x}, {"rois", Boxes(5, 5, 16, 3)}},
       {Attr("pooled_shape", std::vector<int64_t>{2, 3}), Attr("spatial_scale", 0.5f)}});
  const HostTensor offset = RandomTensor(DataType::kFloat32, {2, 36, 4, 4}, 4, -2, 2);
  const HostTensor mask = RandomTensor(DataType::kFloat32, {2, 18, 4, 4}, 5, 0, 1);
  const HostTensor w = RandomTensor(DataType::kFloat32, {4, 2, 3, 3}, 6);
  const HostTensor xd = RandomTensor(DataType::kFloat32, {2, 4, 7, 8}, 7);
  const HostTensor bias = RandomTensor(DataType::kFloat32, {4}, 8);
  const std::vector<onnx::AttributeProto> deform_attrs = {
      Attr("group", int64_t{2}),
      Attr("offset_group", int64_t{2}),
      Attr("kernel_shape", std::vector<int64_t>{3, 3}),
      Attr("strides", std::vector<int64_t>{2, 2}),
      Attr("pads", std::vector<int64_t>{1, 1, 1, 1}),
      Attr("dilations", std::vector<int64_t>{1, 1})};
  cases.push_back({"deform_conv_mask",
                   19,
                   "DeformConv",
                   {{"x", xd}, {"w", w}, {"offset", offset}, {"b", bias}, {"mask", mask}},
                   deform_attrs});
  cases.push_back({"deform_conv_plain",
                   19,
                   "DeformConv",
                   {{"x", xd}, {"w", w}, {"offset", offset}},
                   deform_attrs});
  return cases;
}

TEST(EvaluatorRegion, MatchesOnnxRuntime) {
  const fs::path dir = ScratchDir("evaluator_region_cases");
  const std::vector<RegionCase> cases = AllCases();
  std::vector<OrtJob> jobs;
  for (const RegionCase& c : cases) {
    const fs::path path = dir / (c.name + ".onnx");
    std::ofstream(path, std::ios::binary) << BuildModel(c).SerializeAsString();
    jobs.push_back({path, InputsOf(c)});
  }
  const std::vector<interp::TensorMap> want = RunOrt(jobs);
  ASSERT_EQ(want.size(), cases.size());
  for (size_t k = 0; k < cases.size(); ++k) {
    const interp::TensorMap got = eval::Evaluate(BuildModel(cases[k]), InputsOf(cases[k]));
    EXPECT_TRUE(AllClose(got, want[k], 1e-5)) << cases[k].name;
  }
}

// DeformConv operands that do not fit together are an error before anything
// is indexed (pd2onnx verify evaluates whatever model it is given).
TEST(EvaluatorRegion, RefusesMismatchedDeformConvOperands) {
  const HostTensor x = RandomTensor(DataType::kFloat32, {1, 4, 5, 5}, 1);
  const HostTensor w = RandomTensor(DataType::kFloat32, {4, 2, 3, 3}, 2);
  const HostTensor offset = RandomTensor(DataType::kFloat32, {1, 36, 3, 3}, 3);
  struct Bad {
    std::string what;
    std::vector<std::pair<std::string, HostTensor>> inputs;
    std::vector<onnx::AttributeProto> attrs;
  };
  const std::vector<Bad> cases = {
      {"groups do not divide the channels",
       {{"x", x}, {"w", w}, {"offset", offset}},
       {Attr("group", int64_t{3}), Attr("offset_group", int64_t{2})}},
      {"offset group 0",
       {{"x", x}, {"w", w}, {"offset", offset}},
       {Attr("group", int64_t{2}), Attr("offset_group", int64_t{0})}},
      {"offset channels for one offset group, two declared",
       {{"x", x}, {"w", w}, {"offset", RandomTensor(DataType::kFloat32, {1, 18, 3, 3}, 4)}},
       {Attr("group", int64_t{2}), Attr("offset_group", int64_t{2})}},
      {"rank-3 offset",
       {{"x", x}, {"w", w}, {"offset", RandomTensor(DataType::kFloat32, {36, 3, 3}, 5)}},
       {Attr("group", int64_t{2}), Attr("offset_group", int64_t{2})}},
      {"mask of the wrong shape",
       {{"x", x},
        {"w", w},
        {"offset", offset},
        {"b", RandomTensor(DataType::kFloat32, {4}, 6)},
        {"mask", RandomTensor(DataType::kFloat32, {1, 9, 3, 3}, 7)}},
       {Attr("group", int64_t{2}), Attr("offset_group", int64_t{2})}},
      {"one stride",
       {{"x", x}, {"w", w}, {"offset", offset}},
       {Attr("group", int64_t{2}), Attr("offset_group", int64_t{2}),
        Attr("strides", std::vector<int64_t>{2})}},
  };
  for (const Bad& bad : cases) {
    const RegionCase c{"bad_deform_conv", 19, "DeformConv", bad.inputs, bad.attrs};
    EXPECT_THROW(eval::Evaluate(BuildModel(c), InputsOf(c)), Error) << bad.what;
  }
}

}  // namespace
}  // namespace pd2onnx::testing

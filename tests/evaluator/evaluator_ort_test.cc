// The evaluator against ONNX Runtime on one-node graphs, focused on the ops
// whose signature or semantics changed between opsets (attribute → input,
// new modes) and on the spatial ops' padding and rounding branches.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <limits>

#include "compare.h"
#include "evaluator/evaluator.h"
#include "evaluator/tensor.h"
#include "onnx/model.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

struct Operand {
  std::string name;  // empty: an omitted optional input
  HostTensor value;
};

struct OpCase {
  OpCase(std::string case_name, int case_opset, std::string type, std::vector<Operand> operands,
         std::vector<onnx::AttributeProto> attributes = {})
      : name(std::move(case_name)),
        opset(case_opset),
        op_type(std::move(type)),
        inputs(std::move(operands)),
        attrs(std::move(attributes)) {}

  std::string name;
  int opset = 11;
  std::string op_type;
  std::vector<Operand> inputs;
  std::vector<onnx::AttributeProto> attrs;
  std::vector<DataType> outputs;  // empty: one output of input 0's dtype
};

onnx::AttributeProto AInt(const std::string& name, int64_t v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INT);
  a.set_i(v);
  return a;
}
onnx::AttributeProto AFloat(const std::string& name, float v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::FLOAT);
  a.set_f(v);
  return a;
}
onnx::AttributeProto AStr(const std::string& name, const std::string& v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::STRING);
  a.set_s(v);
  return a;
}
onnx::AttributeProto AInts(const std::string& name, const std::vector<int64_t>& v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a.add_ints(x);
  return a;
}
onnx::AttributeProto AFloats(const std::string& name, const std::vector<float>& v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::FLOATS);
  for (float x : v) a.add_floats(x);
  return a;
}

HostTensor Rand(const std::vector<int64_t>& dims, uint32_t seed = 1) {
  return RandomTensor(DataType::kFloat32, dims, seed, -2.0, 2.0);
}
HostTensor I64(const std::vector<int64_t>& v) {
  return HostTensor::From(DataType::kInt64, {static_cast<int64_t>(v.size())}, v);
}
HostTensor F32(const std::vector<float>& v) {
  return HostTensor::From(DataType::kFloat32, {static_cast<int64_t>(v.size())}, v);
}
HostTensor Scalar(float v) {
  return HostTensor::From(DataType::kFloat32, {}, std::vector<float>{v});
}
Operand X(HostTensor t) { return {"x", std::move(t)}; }
Operand In(const std::string& name, HostTensor t) { return {name, std::move(t)}; }
Operand Omitted() { return {"", {}}; }

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

std::vector<OpCase> VersionCases() {
  std::vector<OpCase> c;
  // Slice-1 (attributes) vs Slice-10/13 (inputs, steps).
  c.push_back({"Slice1Attrs",
               9,
               "Slice",
               {X(Rand({3, 5, 4}))},
               {AInts("starts", {1, -4}), AInts("ends", {1000, -1}), AInts("axes", {0, 1})}});
  c.push_back({"Slice10NegativeStep",
               10,
               "Slice",
               {X(Rand({3, 6})), In("s", I64({-1})), In("e", I64({-1000})), In("a", I64({1})),
                In("st", I64({-2}))}});
  c.push_back({"Slice13Int64MaxEnd",
               13,
               "Slice",
               {X(Rand({4, 5})), In("s", I64({1, 0})), In("e", I64({kInt64Max, 5})),
                In("a", I64({0, 1})), In("st", I64({2, 3}))}});
  // Gemm (the optimizer's MatMul + Add fusion): transposes, alpha/beta, C
  // broadcast from [N] and [M, 1], C omitted (opset 11+).
  c.push_back({"GemmBiasRow",
               11,
               "Gemm",
               {X(Rand({3, 4})), In("b", Rand({4, 5}, 2)), In("c", Rand({5}, 3))}});
  c.push_back(
      {"GemmTransposedScaled",
       13,
       "Gemm",
       {X(Rand({4, 3})), In("b", Rand({5, 4}, 2)), In("c", Rand({3, 1}, 3))},
       {AInt("transA", 1), AInt("transB", 1), AFloat("alpha", 0.5f), AFloat("beta", -2.0f)}});
  c.push_back({"GemmNoC", 11, "Gemm", {X(Rand({2, 3})), In("b", Rand({3, 2}, 2))}});
  // Clip-6 (attributes) vs Clip-11 (optional inputs).
  c.push_back(
      {"Clip6Attrs", 7, "Clip", {X(Rand({2, 7}))}, {AFloat("min", -0.5f), AFloat("max", 0.7f)}});
  c.push_back({"Clip11MinOnly", 11, "Clip", {X(Rand({2, 7})), In("lo", Scalar(-0.3f))}});
  c.push_back({"Clip13MaxOnly", 13, "Clip", {X(Rand({2, 7})), Omitted(), In("hi", Scalar(0.2f))}});
  // Squeeze/Unsqueeze-1 (axes attribute) vs 13 (axes input).
  c.push_back({"Squeeze1", 11, "Squeeze", {X(Rand({1, 3, 1, 2}))}, {AInts("axes", {0, -2})}});
  c.push_back({"Squeeze1AllOnes", 7, "Squeeze", {X(Rand({1, 3, 1, 2}))}});
  c.push_back({"Squeeze13", 13, "Squeeze", {X(Rand({1, 3, 1, 2})), In("a", I64({2}))}});
  c.push_back({"Unsqueeze1", 11, "Unsqueeze", {X(Rand({3, 2}))}, {AInts("axes", {0, 3})}});
  c.push_back({"Unsqueeze13", 13, "Unsqueeze", {X(Rand({3, 2})), In("a", I64({-1, 1}))}});
  // ReduceMean-13 (attribute) vs 18 (input); ReduceSum-13's input and noop.
  c.push_back({"ReduceMean13",
               13,
               "ReduceMean",
               {X(Rand({2, 3, 4}))},
               {AInts("axes", {1, -1}), AInt("keepdims", 0)}});
  c.push_back({"ReduceMean18", 18, "ReduceMean", {X(Rand({2, 3, 4})), In("a", I64({0, 2}))}});
  c.push_back({"ReduceMaxAllAxes", 11, "ReduceMax", {X(Rand({2, 3, 4}))}, {AInt("keepdims", 0)}});
  c.push_back({"ReduceSum11", 11, "ReduceSum", {X(Rand({2, 3, 4}))}, {AInts("axes", {1})}});
  c.push_back({"ReduceSum13Input", 13, "ReduceSum", {X(Rand({2, 3, 4})), In("a", I64({-1}))}});
  c.push_back(
      {"ReduceSum13Noop", 13, "ReduceSum", {X(Rand({2, 3}))}, {AInt("noop_with_empty_axes", 1)}});
  c.push_back({"ReduceLogSumExp18", 18, "ReduceLogSumExp", {X(Rand({2, 5})), In("a", I64({1}))}});
  // Split-11 (attribute), Split-13 (input), Split-18 (num_outputs, uneven).
  OpCase split11{"Split11Attr", 11, "Split", {X(Rand({7, 2}))}, {AInts("split", {2, 5})}};
  split11.outputs = {DataType::kFloat32, DataType::kFloat32};
  c.push_back(split11);
  OpCase split13{
      "Split13Input", 13, "Split", {X(Rand({2, 6})), In("s", I64({1, 2, 3}))}, {AInt("axis", 1)}};
  split13.outputs = {DataType::kFloat32, DataType::kFloat32, DataType::kFloat32};
  c.push_back(split13);
  OpCase split18{"Split18NumOutputs", 18, "Split", {X(Rand({7, 2}))}, {AInt("num_outputs", 3)}};
  split18.outputs = {DataType::kFloat32, DataType::kFloat32, DataType::kFloat32};
  c.push_back(split18);
  // Pad-2 (attributes) vs Pad-11 (inputs) vs Pad-18 (axes).
  c.push_back({"Pad2Reflect",
               7,
               "Pad",
               {X(Rand({1, 2, 4, 5}))},
               {AStr("mode", "reflect"), AInts("pads", {0, 0, 2, 1, 0, 0, 1, 3})}});
  c.push_back({"Pad11Constant",
               11,
               "Pad",
               {X(Rand({2, 3})), In("p", I64({1, 0, 0, 2})), In("v", Scalar(1.5f))}});
  c.push_back({"Pad11Edge",
               11,
               "Pad",
               {X(Rand({2, 3})), In("p", I64({2, 1, 1, 2}))},
               {AStr("mode", "edge")}});
  c.push_back({"Pad18Axes",
               18,
               "Pad",
               {X(Rand({2, 3, 4})), In("p", I64({1, 2})), Omitted(), In("a", I64({-1}))}});
  // Softmax-11 flattens from axis; Softmax-13 is per axis.
  c.push_back({"Softmax11", 11, "Softmax", {X(Rand({2, 3, 4}))}, {AInt("axis", 1)}});
  c.push_back({"Softmax13", 13, "Softmax", {X(Rand({2, 3, 4}))}, {AInt("axis", 1)}});
  c.push_back({"LogSoftmax13", 13, "LogSoftmax", {X(Rand({2, 3, 4}))}});
  // TopK-1 (k attribute) vs TopK-11 (K input, smallest).
  OpCase topk1{"TopK1", 7, "TopK", {X(Rand({3, 6}))}, {AInt("k", 2)}};
  topk1.outputs = {DataType::kFloat32, DataType::kInt64};
  c.push_back(topk1);
  OpCase topk11{"TopK11Smallest",
                11,
                "TopK",
                {X(Rand({3, 6})), In("k", I64({3}))},
                {AInt("largest", 0), AInt("axis", 0)}};
  topk11.outputs = {DataType::kFloat32, DataType::kInt64};
  c.push_back(topk11);
  return c;
}

std::vector<OpCase> ResizeCases() {
  std::vector<OpCase> c;
  const HostTensor image = Rand({1, 2, 3, 4}, 7);
  const HostTensor up = F32({1, 1, 2, 1.5f});
  const HostTensor down = F32({1, 1, 0.6f, 0.5f});
  c.push_back({"Upsample7Nearest", 7, "Upsample", {X(image)}, {AFloats("scales", {1, 1, 2, 3})}});
  c.push_back({"Upsample7Linear",
               7,
               "Upsample",
               {X(image)},
               {AStr("mode", "linear"), AFloats("scales", {1, 1, 2, 2})}});
  c.push_back({"Upsample9Nearest", 9, "Upsample", {X(image), In("sc", F32({1, 1, 2, 2}))}});
  c.push_back({"Upsample9Linear",
               9,
               "Upsample",
               {X(image), In("sc", F32({1, 1, 1.5f, 2}))},
               {AStr("mode", "linear")}});
  c.push_back({"Resize10NearestUp", 10, "Resize", {X(image), In("sc", up)}});
  c.push_back(
      {"Resize10LinearUp", 10, "Resize", {X(image), In("sc", up)}, {AStr("mode", "linear")}});
  const HostTensor empty_roi = HostTensor(DataType::kFloat32, {0});
  const auto resize11 = [&](const std::string& name, const HostTensor& scales,
                            std::vector<onnx::AttributeProto> attrs) {
    c.push_back({name, 11, "Resize", {X(image), In("roi", empty_roi), In("sc", scales)}, attrs});
  };
  resize11("Resize11NearestAsymmetricFloor", up,
           {AStr("coordinate_transformation_mode", "asymmetric"), AStr("nearest_mode", "floor")});
  resize11("Resize11NearestHalfPixelCeil", down, {AStr("nearest_mode", "round_prefer_ceil")});
  resize11("Resize11NearestAlignCornersPreferFloor", up,
           {AStr("coordinate_transformation_mode", "align_corners")});
  resize11("Resize11LinearHalfPixel", up, {AStr("mode", "linear")});
  resize11("Resize11LinearHalfPixelDown", down, {AStr("mode", "linear")});
  resize11("Resize11LinearAlignCorners", up,
           {AStr("mode", "linear"), AStr("coordinate_transformation_mode", "align_corners")});
  resize11("Resize11LinearPytorchHalfPixel", down,
           {AStr("mode", "linear"), AStr("coordinate_transformation_mode", "pytorch_half_pixel")});
  resize11("Resize11CubicHalfPixel", up, {AStr("mode", "cubic")});
  resize11("Resize11CubicExcludeOutside", up,
           {AStr("mode", "cubic"), AInt("exclude_outside", 1), AFloat("cubic_coeff_a", -0.5f)});
  resize11("Resize11CubicAsymmetric", down,
           {AStr("mode", "cubic"), AStr("coordinate_transformation_mode", "asymmetric")});
  c.push_back({"Resize11Sizes",
               11,
               "Resize",
               {X(image), In("roi", empty_roi), In("sc", HostTensor(DataType::kFloat32, {0})),
                In("sz", I64({1, 2, 7, 5}))},
               {AStr("mode", "linear")}});
  c.push_back({"Resize13SizesNoRoi",
               13,
               "Resize",
               {X(image), Omitted(), Omitted(), In("sz", I64({1, 2, 5, 9}))},
               {AStr("mode", "nearest"), AStr("coordinate_transformation_mode", "half_pixel"),
                AStr("nearest_mode", "round_prefer_ceil")}});
  c.push_back({"Resize13ScalesNoRoi",
               13,
               "Resize",
               {X(image), Omitted(), In("sc", up)},
               {AStr("mode", "linear"), AStr("coordinate_transformation_mode", "align_corners")}});
  c.push_back({"Resize18Axes",
               18,
               "Resize",
               {X(image), Omitted(), In("sc", F32({2, 1.5f}))},
               {AStr("mode", "linear"), AInts("axes", {2, 3})}});
  return c;
}

std::vector<OpCase> SpatialCases() {
  std::vector<OpCase> c;
  const HostTensor x = Rand({1, 4, 7, 6}, 3);
  c.push_back({"ConvGroupDilationPads",
               11,
               "Conv",
               {X(x), In("w", Rand({6, 2, 3, 3}, 4)), In("b", Rand({6}, 5))},
               {AInt("group", 2), AInts("dilations", {2, 1}), AInts("pads", {1, 2, 0, 1}),
                AInts("strides", {1, 2})}});
  c.push_back({"ConvSameUpper",
               11,
               "Conv",
               {X(x), In("w", Rand({3, 4, 3, 2}, 4))},
               {AStr("auto_pad", "SAME_UPPER"), AInts("strides", {2, 2})}});
  c.push_back({"Conv1d",
               11,
               "Conv",
               {X(Rand({2, 3, 9})), In("w", Rand({4, 3, 3}, 4))},
               {AInts("pads", {1, 1}), AInts("strides", {2})}});
  c.push_back({"ConvTransposeGroupOutputPadding",
               11,
               "ConvTranspose",
               {X(x), In("w", Rand({4, 3, 3, 3}, 6)), In("b", Rand({6}, 8))},
               {AInt("group", 2), AInts("strides", {2, 2}), AInts("pads", {1, 1, 1, 1}),
                AInts("output_padding", {1, 0})}});
  c.push_back({"MaxPoolCeilPads",
               11,
               "MaxPool",
               {X(x)},
               {AInts("kernel_shape", {3, 2}), AInts("strides", {2, 2}),
                AInts("pads", {1, 0, 1, 1}), AInt("ceil_mode", 1)}});
  c.push_back({"MaxPool7",
               7,
               "MaxPool",
               {X(x)},
               {AInts("kernel_shape", {2, 2}), AInts("strides", {2, 2})}});
  c.push_back({"AveragePoolIncludePad",
               11,
               "AveragePool",
               {X(x)},
               {AInts("kernel_shape", {3, 3}), AInts("strides", {2, 2}),
                AInts("pads", {1, 1, 1, 1}), AInt("count_include_pad", 1)}});
  c.push_back({"AveragePoolExcludePadCeil",
               11,
               "AveragePool",
               {X(x)},
               {AInts("kernel_shape", {3, 3}), AInts("strides", {2, 2}),
                AInts("pads", {1, 1, 1, 1}), AInt("ceil_mode", 1)}});
  c.push_back({"InstanceNorm",
               11,
               "InstanceNormalization",
               {X(x), In("s", Rand({4}, 2)), In("b", Rand({4}, 3))}});
  c.push_back({"LayerNorm17",
               17,
               "LayerNormalization",
               {X(x), In("s", Rand({7, 6}, 2)), In("b", Rand({7, 6}, 3))},
               {AInt("axis", 2), AFloat("epsilon", 1e-3f)}});
  return c;
}

std::vector<OpCase> IndexCases() {
  std::vector<OpCase> c;
  OpCase argmax{
      "ArgMaxLastIndex",
      12,
      "ArgMax",
      {X(HostTensor::From(DataType::kFloat32, {2, 3}, std::vector<float>{1, 3, 3, 2, 2, 0}))},
      {AInt("axis", 1), AInt("select_last_index", 1)}};
  argmax.outputs = {DataType::kInt64};
  c.push_back(argmax);
  c.push_back({"GatherNDBatch",
               12,
               "GatherND",
               {X(Rand({2, 3, 4})), In("i", HostTensor::From(DataType::kInt64, {2, 2, 1},
                                                             std::vector<int64_t>{2, 0, 1, -1}))},
               {AInt("batch_dims", 1)}});
  c.push_back({"GatherElements",
               11,
               "GatherElements",
               {X(Rand({3, 4})),
                In("i", HostTensor::From(DataType::kInt64, {2, 4},
                                         std::vector<int64_t>{0, 2, 1, -1, 2, 0, 0, 1}))}});
  c.push_back(
      {"CumSumReverseExclusive",
       11,
       "CumSum",
       {X(Rand({3, 4})), In("a", HostTensor::From(DataType::kInt64, {}, std::vector<int64_t>{1}))},
       {AInt("reverse", 1), AInt("exclusive", 1)}});
  c.push_back({"Einsum",
               12,
               "Einsum",
               {X(Rand({2, 3, 4})), In("y", Rand({2, 4, 5}, 9))},
               {AStr("equation", "bij,bjk->bik")}});
  OpCase onehot{"OneHot",
                11,
                "OneHot",
                {In("i", I64({0, 2, -1})), In("d", I64({4})), In("v", F32({0.5f, 2}))},
                {AInt("axis", 0)}};
  onehot.outputs = {DataType::kFloat32};
  c.push_back(onehot);
  c.push_back(
      {"Trilu",
       14,
       "Trilu",
       {X(Rand({4, 5})), In("k", HostTensor::From(DataType::kInt64, {}, std::vector<int64_t>{-1}))},
       {AInt("upper", 0)}});
  c.push_back({"DepthToSpaceCRD",
               13,
               "DepthToSpace",
               {X(Rand({1, 8, 2, 3}))},
               {AInt("blocksize", 2), AStr("mode", "CRD")}});
  c.push_back(
      {"DepthToSpaceDCR", 11, "DepthToSpace", {X(Rand({1, 8, 2, 3}))}, {AInt("blocksize", 2)}});
  const HostTensor grid = RandomTensor(DataType::kFloat32, {1, 3, 4, 2}, 11, -1.3, 1.3);
  c.push_back({"GridSampleBilinearZeros",
               16,
               "GridSample",
               {X(Rand({1, 2, 4, 5})), In("g", grid)},
               {AStr("mode", "bilinear"), AStr("padding_mode", "zeros")}});
  c.push_back(
      {"GridSampleNearestBorderAligned",
       16,
       "GridSample",
       {X(Rand({1, 2, 4, 5})), In("g", grid)},
       {AStr("mode", "nearest"), AStr("padding_mode", "border"), AInt("align_corners", 1)}});
  c.push_back({"GridSampleLinearReflection20",
               20,
               "GridSample",
               {X(Rand({1, 2, 4, 5})), In("g", grid)},
               {AStr("mode", "linear"), AStr("padding_mode", "reflection")}});
  for (int sorted : {0, 1}) {
    OpCase unique{
        sorted ? "UniqueSorted" : "UniqueFirstOccurrence",
        11,
        "Unique",
        {X(HostTensor::From(DataType::kInt64, {7}, std::vector<int64_t>{4, 1, 4, 3, 1, 1, 0}))},
        {AInt("sorted", sorted)}};
    unique.outputs = {DataType::kInt64, DataType::kInt64, DataType::kInt64, DataType::kInt64};
    c.push_back(unique);
  }
  c.push_back({"ScatterNDAdd16",
               16,
               "ScatterND",
               {X(Rand({4, 3})),
                In("i", HostTensor::From(DataType::kInt64, {3, 1}, std::vector<int64_t>{1, 3, 1})),
                In("u", Rand({3, 3}, 5))},
               {AStr("reduction", "add")}});
  c.push_back(
      {"ScatterElements11",
       11,
       "ScatterElements",
       {X(Rand({3, 4})),
        In("i", HostTensor::From(DataType::kInt64, {2, 2}, std::vector<int64_t>{3, 0, -1, 2})),
        In("u", Rand({2, 2}, 6))},
       {AInt("axis", 1)}});
  c.push_back({"ModFmod", 11, "Mod", {X(Rand({3, 4})), In("y", Rand({4}, 2))}, {AInt("fmod", 1)}});
  return c;
}

std::vector<OpCase> AllCases() {
  std::vector<OpCase> all;
  for (auto part : {VersionCases(), ResizeCases(), SpatialCases(), IndexCases()}) {
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

void AddValueInfo(onnx::ValueInfoProto* info_proto, const std::string& name, DataType dtype,
                  const std::vector<int64_t>* dims) {
  info_proto->set_name(name);
  auto* tensor_type = info_proto->mutable_type()->mutable_tensor_type();
  tensor_type->set_elem_type(emit::OnnxDataType(dtype));
  if (dims != nullptr) {
    auto* shape = tensor_type->mutable_shape();
    for (int64_t d : *dims) shape->add_dim()->set_dim_value(d);
  }
}

onnx::ModelProto BuildModel(const OpCase& c) {
  onnx::ModelProto model;
  model.set_ir_version(emit::IrVersionForOpset(c.opset));
  model.set_producer_name("evaluator_ort_test");
  model.add_opset_import()->set_version(c.opset);
  onnx::GraphProto* graph = model.mutable_graph();
  graph->set_name(c.name);
  onnx::NodeProto* node = graph->add_node();
  node->set_op_type(c.op_type);
  node->set_name(c.name);
  for (const Operand& operand : c.inputs) {
    node->add_input(operand.name);
    if (!operand.name.empty()) {
      AddValueInfo(graph->add_input(), operand.name, operand.value.dtype, &operand.value.dims);
    }
  }
  for (const auto& attr : c.attrs) *node->add_attribute() = attr;
  std::vector<DataType> outputs = c.outputs;
  if (outputs.empty()) outputs.push_back(c.inputs.front().value.dtype);
  for (size_t k = 0; k < outputs.size(); ++k) {
    const std::string name = "y" + std::to_string(k);
    node->add_output(name);
    AddValueInfo(graph->add_output(), name, outputs[k], nullptr);
  }
  return model;
}

interp::TensorMap InputsOf(const OpCase& c) {
  interp::TensorMap inputs;
  for (const Operand& operand : c.inputs) {
    if (!operand.name.empty()) inputs[operand.name] = operand.value;
  }
  return inputs;
}

// ONNX Runtime's outputs for every case, computed once in one runner process.
const std::map<std::string, interp::TensorMap>& OrtOutputs() {
  static const std::map<std::string, interp::TensorMap> outputs = [] {
    const fs::path dir = ScratchDir("evaluator_ort_cases");
    std::vector<OrtJob> jobs;
    const std::vector<OpCase> cases = AllCases();
    for (const OpCase& c : cases) {
      const fs::path path = dir / (c.name + ".onnx");
      std::ofstream(path, std::ios::binary) << BuildModel(c).SerializeAsString();
      jobs.push_back({path, InputsOf(c)});
    }
    const std::vector<interp::TensorMap> results = RunOrt(jobs);
    std::map<std::string, interp::TensorMap> by_name;
    for (size_t k = 0; k < cases.size(); ++k) by_name[cases[k].name] = results.at(k);
    return by_name;
  }();
  return outputs;
}

class EvaluatorVsOrt : public ::testing::TestWithParam<OpCase> {};

TEST_P(EvaluatorVsOrt, MatchesOnnxRuntime) {
  const OpCase& c = GetParam();
  const interp::TensorMap& want = OrtOutputs().at(c.name);
  const interp::TensorMap got = eval::Evaluate(BuildModel(c), InputsOf(c));
  ASSERT_EQ(got.size(), want.size());
  EXPECT_TRUE(AllClose(got, want, 1e-5)) << c.op_type << "-" << c.opset;
}

INSTANTIATE_TEST_SUITE_P(Ops, EvaluatorVsOrt, ::testing::ValuesIn(AllCases()),
                         [](const auto& param_info) { return param_info.param.name; });

TEST(Evaluator, NamesTheNodeOnAnUnsupportedOp) {
  OpCase c{"Unsupported", 11, "NoSuchOp", {X(Rand({2}))}};
  onnx::ModelProto model = BuildModel(c);
  model.mutable_graph()->mutable_node(0)->set_name("odd_node");
  try {
    eval::Evaluate(model, InputsOf(c));
    FAIL() << "evaluated an unknown op";
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("node 'odd_node' (NoSuchOp)"), std::string::npos) << e.message();
  }
  EXPECT_FALSE(eval::SupportsOp("NoSuchOp"));
  EXPECT_TRUE(eval::SupportsOp("Resize"));
}

TEST(Evaluator, ReadsTypedInitializerFields) {
  OpCase c{"Typed", 11, "Add", {X(F32({1, 2, 3}))}};
  onnx::ModelProto model = BuildModel(c);
  auto* node = model.mutable_graph()->mutable_node(0);
  node->add_input("w");
  onnx::TensorProto* w = model.mutable_graph()->add_initializer();
  w->set_name("w");
  w->set_data_type(onnx::TensorProto::FLOAT);
  w->add_dims(3);
  for (float v : {10.0f, 20.0f, 30.0f}) w->add_float_data(v);
  const interp::TensorMap got = eval::Evaluate(model, InputsOf(c));
  EXPECT_EQ(got.at("y0").ToVector<float>(), (std::vector<float>{11, 22, 33}));
}

// Sizes are checked before anything is allocated: a negative dim, a count
// that overflows int64 and one above the thread's limit are errors.
TEST(Evaluator, RefusesTensorsBeyondItsElementLimit) {
  const int64_t big = int64_t{1} << 40;
  for (const std::vector<int64_t>& dims :
       std::vector<std::vector<int64_t>>{{2, -5}, {0, -5}, {big, big}, {big}}) {
    EXPECT_THROW(eval::Tensor(DataType::kFloat32, dims), Error) << dims.size();
  }
  EXPECT_EQ(eval::CheckedElementCount({big, 0}), 0);
  const int64_t default_limit = eval::MaxElements();
  {
    eval::ElementLimit limit(100);
    EXPECT_EQ(eval::MaxElements(), 100);
    EXPECT_EQ(eval::Tensor(DataType::kInt64, {10, 10}).i.size(), 100u);
    EXPECT_THROW(eval::Tensor(DataType::kInt64, {101}), Error);
    EXPECT_THROW(eval::BroadcastIndex({1}, {11, 10}), Error);
  }
  EXPECT_EQ(eval::MaxElements(), default_limit);
}

}  // namespace
}  // namespace pd2onnx::testing

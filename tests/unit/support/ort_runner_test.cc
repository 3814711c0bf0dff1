#include "../../support/ort_runner.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <fstream>
#include <string>
#include <vector>

#include "../../support/compare.h"
#include "../../support/test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;
using graph::DataType;
using graph::HostTensor;

void AddValueInfo(onnx::ValueInfoProto* info, const std::string& name, int elem_type,
                  const std::vector<int64_t>& dims) {
  info->set_name(name);
  auto* tensor = info->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(elem_type);
  auto* shape = tensor->mutable_shape();
  for (int64_t d : dims) shape->add_dim()->set_dim_value(d);
}

// A one-node model: out = op_type(a, b) (b omitted for unary ops), opset 13.
fs::path WriteModel(const fs::path& path, const std::string& op_type, int in_type, int out_type,
                    const std::vector<int64_t>& dims, bool binary = true,
                    const std::string& out_name = "out") {
  onnx::ModelProto model;
  model.set_ir_version(7);
  model.set_producer_name("pd2onnx-tests");
  model.add_opset_import()->set_version(13);
  onnx::GraphProto* graph = model.mutable_graph();
  graph->set_name("tiny");
  onnx::NodeProto* node = graph->add_node();
  node->set_op_type(op_type);
  node->add_input("a");
  AddValueInfo(graph->add_input(), "a", in_type, dims);
  if (binary) {
    node->add_input("b");
    AddValueInfo(graph->add_input(), "b", in_type, dims);
  }
  node->add_output(out_name);
  AddValueInfo(graph->add_output(), out_name, out_type, dims);
  std::ofstream out(path, std::ios::binary);
  EXPECT_TRUE(model.SerializeToOstream(&out));
  return path;
}

TEST(OrtRunner, RunsAFloatAdd) {
  const fs::path model = WriteModel(ScratchDir("models") / "add.onnx", "Add",
                                    onnx::TensorProto::FLOAT, onnx::TensorProto::FLOAT, {2, 3});
  interp::TensorMap inputs;
  inputs["a"] = HostTensor::From<float>(DataType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6});
  inputs["b"] = HostTensor::From<float>(DataType::kFloat32, {2, 3}, {0.5f, 0, -3, 1, 1, 1});
  const auto results = RunOrt({{model, inputs}});
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].count("out"), 1u);
  const HostTensor want =
      HostTensor::From<float>(DataType::kFloat32, {2, 3}, {1.5f, 2, 0, 5, 6, 7});
  EXPECT_TRUE(AllClose(results[0].at("out"), want, 0));
}

TEST(OrtRunner, RunsSeveralJobsWithInt64AndBoolInOneProcess) {
  const fs::path dir = ScratchDir("models");
  const fs::path add = WriteModel(dir / "add_i64.onnx", "Add", onnx::TensorProto::INT64,
                                  onnx::TensorProto::INT64, {3});
  const fs::path logic =
      WriteModel(dir / "and.onnx", "And", onnx::TensorProto::BOOL, onnx::TensorProto::BOOL, {4});
  const fs::path f64 = WriteModel(dir / "mul_f64.onnx", "Mul", onnx::TensorProto::DOUBLE,
                                  onnx::TensorProto::DOUBLE, {});

  interp::TensorMap ints;
  ints["a"] = HostTensor::From<int64_t>(DataType::kInt64, {3}, {int64_t{1} << 40, -5, 7});
  ints["b"] = HostTensor::From<int64_t>(DataType::kInt64, {3}, {1, 5, -10});
  interp::TensorMap bools;
  bools["a"] = HostTensor::From<uint8_t>(DataType::kBool, {4}, {1, 1, 0, 0});
  bools["b"] = HostTensor::From<uint8_t>(DataType::kBool, {4}, {1, 0, 1, 0});
  interp::TensorMap scalars;  // 0-D tensors
  scalars["a"] = HostTensor::From<double>(DataType::kFloat64, {}, {1.5});
  scalars["b"] = HostTensor::From<double>(DataType::kFloat64, {}, {-4});

  const auto results = RunOrt({{add, ints}, {logic, bools}, {f64, scalars}});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(
      AllClose(results[0].at("out"),
               HostTensor::From<int64_t>(DataType::kInt64, {3}, {(int64_t{1} << 40) + 1, 0, -3})));
  EXPECT_TRUE(AllClose(results[1].at("out"),
                       HostTensor::From<uint8_t>(DataType::kBool, {4}, {1, 0, 0, 0})));
  EXPECT_TRUE(
      AllClose(results[2].at("out"), HostTensor::From<double>(DataType::kFloat64, {}, {-6})));
}

TEST(OrtRunner, RoundTripsFloat16AndZeroSizeTensors) {
  const fs::path dir = ScratchDir("models");
  const fs::path half = WriteModel(dir / "add_f16.onnx", "Add", onnx::TensorProto::FLOAT16,
                                   onnx::TensorProto::FLOAT16, {2});
  const fs::path empty = WriteModel(dir / "neg_empty.onnx", "Neg", onnx::TensorProto::INT32,
                                    onnx::TensorProto::INT32, {0, 3}, /*binary=*/false);
  interp::TensorMap halves;
  // binary16 bits of 1.0, 2.0 and 0.5, -0.5.
  halves["a"] = HostTensor::From<uint16_t>(DataType::kFloat16, {2}, {0x3c00, 0x4000});
  halves["b"] = HostTensor::From<uint16_t>(DataType::kFloat16, {2}, {0x3800, 0xb800});
  interp::TensorMap empties;
  empties["a"] = HostTensor(DataType::kInt32, {0, 3});

  const auto results = RunOrt({{half, halves}, {empty, empties}});
  ASSERT_EQ(results.size(), 2u);
  const HostTensor& sum = results[0].at("out");
  EXPECT_EQ(sum.dtype, DataType::kFloat16);
  EXPECT_EQ(sum.ToVector<uint16_t>(), (std::vector<uint16_t>{0x3e00, 0x3e00}));  // 1.5, 1.5
  const HostTensor& neg = results[1].at("out");
  EXPECT_EQ(neg.dtype, DataType::kInt32);
  EXPECT_EQ(neg.dims, (std::vector<int64_t>{0, 3}));
  EXPECT_TRUE(neg.bytes.empty());
}

TEST(OrtRunner, KeepsOutputNamesWithSlashes) {
  const fs::path model =
      WriteModel(ScratchDir("models") / "slash.onnx", "Sub", onnx::TensorProto::FLOAT,
                 onnx::TensorProto::FLOAT, {1}, true, "save_infer_model/scale_0.tmp_0");
  interp::TensorMap inputs;
  inputs["a"] = HostTensor::From<float>(DataType::kFloat32, {1}, {3});
  inputs["b"] = HostTensor::From<float>(DataType::kFloat32, {1}, {1});
  const auto results = RunOrt({{model, inputs}});
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].count("save_infer_model/scale_0.tmp_0"), 1u);
  EXPECT_EQ(results[0].at("save_infer_model/scale_0.tmp_0").ToVector<float>(),
            std::vector<float>{2});
}

TEST(OrtRunner, BrokenModelGivesAnErrorNamingThePath) {
  const fs::path model = ScratchDir("models") / "broken.onnx";
  std::ofstream(model) << "this is not an ONNX model";
  interp::TensorMap inputs;
  inputs["a"] = HostTensor::From<float>(DataType::kFloat32, {1}, {1});
  try {
    RunOrt({{model, inputs}});
    ADD_FAILURE() << "a broken model should not run";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(model.string()), std::string::npos) << e.what();
  }
}

TEST(OrtRunner, MissingInputIsReported) {
  const fs::path model = WriteModel(ScratchDir("models") / "add.onnx", "Add",
                                    onnx::TensorProto::FLOAT, onnx::TensorProto::FLOAT, {1});
  interp::TensorMap inputs;
  inputs["a"] = HostTensor::From<float>(DataType::kFloat32, {1}, {1});
  try {
    RunOrt({{model, inputs}});
    ADD_FAILURE() << "running without input 'b' should fail";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("add.onnx"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pd2onnx::testing

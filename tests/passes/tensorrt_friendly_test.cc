// --deploy_backend tensorrt: int64 index constants of Gather become int32
// (src/passes/tensorrt_friendly.cc); shape-like int64 inputs stay int64. The
// model must compute the same before and after, in ONNX Runtime.
#include "passes/tensorrt_friendly.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <fstream>
#include <limits>
#include <sstream>

#include "compare.h"
#include "interpreter/interpreter.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

// gather(x, index param) then reshape2 to a fixed shape (an int64 shape
// input ONNX requires).
ProgramBuilder GatherReshape() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {5, 4})
      .Param("index", HostTensor::From(DataType::kInt64, {3}, std::vector<int64_t>{4, 0, 2}))
      .Var("g", DataType::kFloat32, {3, 4})
      .Var("y", DataType::kFloat32, {2, 6})
      .Var("xshape", DataType::kFloat32, {0, 3, 4});
  p.Op("gather").In("X", {"x"}).In("Index", {"index"}).Out("Out", {"g"}).Attr("axis", 0);
  p.Op("reshape2")
      .In("X", {"g"})
      .Out("Out", {"y"})
      .Out("XShape", {"xshape"})
      .Attr("shape", std::vector<int>{2, 6});
  p.Output("y");
  return p;
}

onnx::ModelProto Load(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  onnx::ModelProto model;
  EXPECT_TRUE(model.ParseFromString(bytes.str()));
  return model;
}

int InitializerType(const onnx::ModelProto& m, const std::string& name) {
  for (const auto& init : m.graph().initializer()) {
    if (init.name() == name) return init.data_type();
  }
  return -1;
}

TEST(TensorRtFriendly, GatherIndicesBecomeInt32ShapesStayInt64) {
  const fs::path dir = ScratchDir("trt_friendly");
  GatherReshape().Write(dir);
  const interp::TensorMap feeds = {{"x", RandomTensor(DataType::kFloat32, {5, 4}, 1)}};
  std::vector<OrtJob> jobs;
  for (const std::string backend : {"onnxruntime", "tensorrt"}) {
    ConvertOptions options;
    options.model_dir = dir.string();
    options.save_file = (dir / (backend + ".onnx")).string();
    options.opset_version = 13;
    options.deploy_backend = backend;
    Convert(options);
    const onnx::ModelProto m = Load(options.save_file);
    for (const auto& node : m.graph().node()) {
      if (node.op_type() == "Gather") {
        EXPECT_EQ(InitializerType(m, node.input(1)),
                  backend == "tensorrt" ? onnx::TensorProto::INT32 : onnx::TensorProto::INT64);
      }
      if (node.op_type() == "Reshape") {
        EXPECT_EQ(InitializerType(m, node.input(1)), onnx::TensorProto::INT64);
      }
    }
    jobs.push_back({options.save_file, feeds});
  }
  const std::vector<interp::TensorMap> outputs = RunOrt(jobs);
  const graph::Program program = paddle::LoadModel(paddle::LocateModel(dir.string(), "", ""));
  const interp::TensorMap reference = interp::Run(program, feeds);
  EXPECT_TRUE(AllClose(outputs[0], reference, 0));
  EXPECT_TRUE(AllClose(outputs[1], outputs[0], 0));
}

// Ops TensorRT's parser rejects: reciprocal, isinf_v2 (IsInf) and integer
// elementwise_mod (Mod, with negative operands for Python's sign rule) are
// rewritten for --deploy_backend tensorrt; the outputs stay bit-identical.
ProgramBuilder OpsTensorRtRejects(DataType int_type) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3})
      .Input("a", int_type, {2, 4})
      .Input("b", int_type, {4})
      .Var("inv", DataType::kFloat32, {2, 3})
      .Var("inf", DataType::kBool, {2, 3})
      .Var("rem", int_type, {2, 4});
  p.Op("reciprocal").In("X", {"x"}).Out("Out", {"inv"});
  p.Op("isinf_v2").In("X", {"x"}).Out("Out", {"inf"});
  p.Op("elementwise_mod").In("X", {"a"}).In("Y", {"b"}).Out("Out", {"rem"}).Attr("axis", -1);
  p.Output("inv").Output("inf").Output("rem");
  return p;
}

HostTensor IntTensor(DataType dtype, std::vector<int64_t> dims, const std::vector<int64_t>& v) {
  if (dtype == DataType::kInt64) return HostTensor::From(dtype, std::move(dims), v);
  return HostTensor::From(dtype, std::move(dims), std::vector<int32_t>(v.begin(), v.end()));
}

TEST(TensorRtFriendly, RejectedOpsBecomeExactEquivalents) {
  for (const DataType int_type : {DataType::kInt32, DataType::kInt64}) {
    const fs::path dir = ScratchDir("trt_ops_" + std::string(graph::DataTypeName(int_type)));
    OpsTensorRtRejects(int_type).Write(dir);
    const float inf = std::numeric_limits<float>::infinity();
    const interp::TensorMap feeds = {
        {"x", HostTensor::From(DataType::kFloat32, {2, 3},
                               std::vector<float>{0.5f, -inf, 3.0f, inf, -0.0f, 1e-3f})},
        {"a", IntTensor(int_type, {2, 4}, {7, -7, 7, -7, 0, 9, -9, 12})},
        {"b", IntTensor(int_type, {4}, {3, 3, -3, -3})}};
    ConvertOptions options;
    options.model_dir = dir.string();
    options.save_file = (dir / "tensorrt.onnx").string();
    options.opset_version = 13;
    options.deploy_backend = "tensorrt";
    Convert(options);
    const onnx::ModelProto converted = Load(options.save_file);
    for (const auto& node : converted.graph().node()) {
      EXPECT_NE(node.op_type(), "Reciprocal");
      EXPECT_NE(node.op_type(), "IsInf");
      EXPECT_NE(node.op_type(), "Mod");
    }
    const std::vector<interp::TensorMap> outputs = RunOrt({{options.save_file, feeds}});
    ASSERT_EQ(outputs.size(), 1u);
    const graph::Program program = paddle::LoadModel(paddle::LocateModel(dir.string(), "", ""));
    EXPECT_TRUE(AllClose(outputs[0], interp::Run(program, feeds), 0));
    // Python's modulo, by hand: the remainder takes the divisor's sign.
    EXPECT_EQ(outputs[0].at("rem").ToInt64(), (std::vector<int64_t>{1, 2, -2, -1, 0, 0, 0, 0}));
  }
}

// The pass on its own: an index that does not fit int32 stays int64, and an
// initializer also read as a shape keeps its int64 original.
TEST(TensorRtFriendly, KeepsInt64WhenValuesDoNotFitOrAreSharedWithShapes) {
  emit::Model model;
  model.opset = 13;
  model.initializers.push_back(
      {"big", graph::ConstTensor::FromValues(DataType::kInt64, {1},
                                             std::vector<int64_t>{int64_t{1} << 40})});
  model.initializers.push_back({"shared", graph::ConstTensor::FromValues(
                                              DataType::kInt64, {2}, std::vector<int64_t>{1, 2})});
  auto add = [&](const std::string& type, std::vector<std::string> inputs) {
    onnx::NodeProto node;
    node.set_op_type(type);
    for (const auto& in : inputs) node.add_input(in);
    node.add_output(type + std::to_string(model.nodes.size()));
    model.nodes.push_back(node);
  };
  add("Gather", {"x", "big"});
  add("Gather", {"x", "shared"});
  add("Reshape", {"x", "shared"});
  EXPECT_EQ(passes::MakeTensorRtFriendly(model), 1);
  EXPECT_EQ(model.nodes[0].input(1), "big");
  EXPECT_EQ(model.nodes[1].input(1), "shared_int32");
  EXPECT_EQ(model.nodes[2].input(1), "shared");
  ASSERT_EQ(model.initializers.size(), 3u);
  EXPECT_EQ(model.initializers[2].tensor.dtype(), DataType::kInt32);
}

}  // namespace
}  // namespace pd2onnx::testing

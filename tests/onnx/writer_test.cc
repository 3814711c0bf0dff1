// The streaming writer must produce exactly the bytes protobuf would, write
// atomically, and leave nothing behind on failure; the checker must reject
// malformed graphs with a reason.
#include <gtest/gtest.h>

#include <fstream>

#include "onnx/model_checker.h"
#include "onnx/writer.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;
using graph::ConstTensor;
using graph::DataType;

emit::Model TinyModel(int opset) {
  emit::Model model;
  model.opset = opset;
  model.producer_version = "test";
  model.inputs.push_back({"x", DataType::kFloat32, true, {-1, 2}, {"batch", ""}});
  model.outputs.push_back({"y", DataType::kFloat32, true, {-1, 2}, {"", ""}});
  model.initializers.push_back(
      {"w", ConstTensor::FromValues<float>(DataType::kFloat32, {2}, {1.5f, -2.0f})});
  model.initializers.push_back(
      {"big", ConstTensor::FromValues<int64_t>(DataType::kInt64, {300},
                                               std::vector<int64_t>(300, 7))});
  onnx::NodeProto add;
  add.set_op_type("Add");
  add.set_name("y");
  add.add_input("x");
  add.add_input("w");
  add.add_output("y");
  model.nodes.push_back(add);
  onnx::NodeProto shape;
  shape.set_op_type("Shape");
  shape.set_name("s");
  shape.add_input("big");
  shape.add_output("s");
  model.nodes.push_back(shape);
  model.value_infos.push_back({"s", DataType::kInt64, true, {1}, {}});
  return model;
}

// The same model through plain protobuf, initializers as raw_data.
std::string ProtobufBytes(const emit::Model& model) {
  onnx::ModelProto proto = emit::ToModelProto(model, false);
  onnx::GraphProto* graph = proto.mutable_graph();
  for (const auto& init : model.initializers) {
    onnx::TensorProto* t = graph->add_initializer();
    for (int64_t d : init.tensor.dims()) t->add_dims(d);
    t->set_data_type(emit::OnnxDataType(init.tensor.dtype()));
    t->set_name(init.name);
    t->set_raw_data(init.tensor.data(), init.tensor.nbytes());
  }
  return proto.SerializeAsString();
}

TEST(Writer, StreamsTheSameBytesAsProtobuf) {
  const emit::Model model = TinyModel(13);
  EXPECT_EQ(emit::SerializeModel(model), ProtobufBytes(model));
}

TEST(Writer, WritesParsableFileWithIrVersionForOpset) {
  const fs::path path = ScratchDir("write") / "nested" / "dir" / "m.onnx";
  emit::WriteModel(TinyModel(11), path);
  onnx::ModelProto proto;
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(proto.ParseFromIstream(&in));
  EXPECT_EQ(proto.ir_version(), 6);
  EXPECT_EQ(proto.opset_import(0).version(), 11);
  EXPECT_EQ(proto.graph().initializer_size(), 2);
  EXPECT_EQ(proto.graph().input(0).type().tensor_type().shape().dim(0).dim_param(), "batch");
  // No temporary file is left beside it.
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(path.parent_path())) ++files;
  EXPECT_EQ(files, 1);
}

TEST(Writer, ReplacesAnExistingFileAtomically) {
  const fs::path path = ScratchDir("replace") / "m.onnx";
  std::ofstream(path) << "old";
  emit::WriteModel(TinyModel(13), path);
  EXPECT_GT(fs::file_size(path), 3u);
}

TEST(Writer, LeavesNothingWhenTheDirectoryCannotBeCreated) {
  const fs::path dir = ScratchDir("blocked");
  std::ofstream(dir / "file") << "x";  // a file where a directory is needed
  const fs::path path = dir / "file" / "m.onnx";
  EXPECT_THROW(emit::WriteModel(TinyModel(13), path), Error);
  EXPECT_FALSE(fs::exists(path));
}

TEST(IrVersion, FollowsTheOpsetTable) {
  const std::pair<int, int> table[] = {{7, 3},  {8, 3},  {9, 4},  {10, 5}, {11, 6},
                                       {12, 7}, {14, 7}, {15, 8}, {18, 8}, {19, 9},
                                       {20, 9}, {21, 10}};
  for (const auto& [opset, ir] : table) EXPECT_EQ(emit::IrVersionForOpset(opset), ir) << opset;
  EXPECT_THROW(emit::IrVersionForOpset(6), Error);
  EXPECT_THROW(emit::IrVersionForOpset(22), Error);
}

void ExpectCheckFails(const emit::Model& model, const std::string& needle) {
  try {
    emit::CheckModel(model, true);
    ADD_FAILURE() << "check passed";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kCheckFailed);
    EXPECT_NE(e.message().find(needle), std::string::npos) << e.message();
  }
}

TEST(Checker, AcceptsAValidModel) { EXPECT_NO_THROW(emit::CheckModel(TinyModel(13), true)); }

TEST(Checker, RejectsAnUndefinedInput) {
  emit::Model model = TinyModel(13);
  model.nodes[0].set_input(1, "nowhere");
  ExpectCheckFails(model, "reads 'nowhere' before it is defined");
}

TEST(Checker, RejectsATensorWrittenTwice) {
  emit::Model model = TinyModel(13);
  model.nodes[1].set_output(0, "y");
  ExpectCheckFails(model, "'y', which is already defined");
}

TEST(Checker, RejectsAnUnusedInitializer) {
  emit::Model model = TinyModel(13);
  model.initializers.push_back(
      {"unused", ConstTensor::FromValues<float>(DataType::kFloat32, {1}, {0})});
  ExpectCheckFails(model, "initializer 'unused' is never used");
}

TEST(Checker, RejectsAnOutputNoNodeProduces) {
  emit::Model model = TinyModel(13);
  model.outputs[0].name = "ghost";
  ExpectCheckFails(model, "graph output 'ghost' is never produced");
}

TEST(Checker, RunsTheOnnxCheckerOnNodeSchemas) {
  emit::Model model = TinyModel(13);
  auto* attr = model.nodes[0].add_attribute();
  attr->set_name("bogus");
  attr->set_type(onnx::AttributeProto::INT);
  attr->set_i(1);
  ExpectCheckFails(model, "ONNX checker");
}

TEST(Checker, StructuralChecksStillRunAboveTheLibrarysOpsets) {
  emit::Model model = TinyModel(19);
  EXPECT_NO_THROW(emit::CheckModel(model, true));
  model.nodes[0].set_input(0, "nowhere");
  ExpectCheckFails(model, "nowhere");
}

}  // namespace
}  // namespace pd2onnx::testing

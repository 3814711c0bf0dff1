// --custom_ops: chosen Paddle ops become one node each in domain "Paddle"
// with their attributes copied; checked on the written ModelProto (ONNX
// Runtime cannot run the custom domain).
#include "converter/custom_ops.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "onnx/onnx_pb.h"
#include "op_harness.h"
#include "pd2onnx/convert.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

onnx::ModelProto ReadProto(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  onnx::ModelProto proto;
  EXPECT_TRUE(proto.ParseFromString(bytes.str())) << path;
  return proto;
}

// x -> matmul_v2(w) -> my_fused_op(+b, two outputs) -> relu -> out
ProgramBuilder ProgramWithAnUnknownOp() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 3});
  p.Param("w", RandomTensor(DataType::kFloat32, {3, 4}, 1));
  p.Param("b", RandomTensor(DataType::kFloat32, {4}, 2));
  p.Var("xw", DataType::kFloat32, {-1, 4});
  p.Var("fused", DataType::kFloat32, {-1, 4});
  p.Var("aux", DataType::kInt64, {-1});
  p.Var("out", DataType::kFloat32, {-1, 4});
  p.Op("matmul_v2").In("X", {"x"}).In("Y", {"w"}).Out("Out", {"xw"});
  p.Op("my_fused_op")
      .In("X", {"xw"})
      .In("Bias", {"b"})
      .Out("Out", {"fused"})
      .Out("Aux", {"aux"})
      .Attr("axis", 1)
      .Attr("count", int64_t{7})
      .Attr("alpha", 0.5f)
      .Attr("mode", "fast")
      .Attr("sizes", std::vector<int>{2, 3})
      .Attr("weights", std::vector<float>{0.25f, 4.f})
      .Attr("names", std::vector<std::string>{"a", "b"})
      .Attr("flag", true)
      .Attr("flags", std::vector<bool>{true, false})
      .Attr("op_role", 0)
      .Attr("op_namescope", "/")
      .Attr("op_callstack", std::vector<std::string>{"file.py"})
      .Attr("op_device", "")
      .Attr("with_quant_attr", false);
  p.Op("relu").In("X", {"fused"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

ConvertOptions OutOnnxOptions(const fs::path& dir, int opset) {
  ConvertOptions options;
  options.model_dir = dir.string();
  options.save_file = (dir / "out.onnx").string();
  options.opset_version = opset;
  return options;
}

const onnx::NodeProto* FindNode(const onnx::ModelProto& model, const std::string& op_type) {
  for (const auto& node : model.graph().node()) {
    if (node.op_type() == op_type) return &node;
  }
  return nullptr;
}

const onnx::AttributeProto* FindAttr(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& attr : node.attribute()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

TEST(CustomOps, UnknownOpBecomesOneNodeInThePaddleDomain) {
  for (int opset : {7, 11, 17}) {
    SCOPED_TRACE("opset " + std::to_string(opset));
    const fs::path dir = ScratchDir("custom_ops_" + std::to_string(opset));
    ProgramWithAnUnknownOp().Write(dir);
    ConvertOptions options = OutOnnxOptions(dir, opset);
    options.custom_ops = {{"my_fused_op", "MyFused"}};
    Convert(options);  // runs the ONNX checker up to opset 17
    const onnx::ModelProto model = ReadProto(options.save_file);

    bool imports_paddle = false;
    for (const auto& opset_import : model.opset_import()) {
      if (opset_import.domain() == "Paddle") imports_paddle = opset_import.version() == 1;
    }
    EXPECT_TRUE(imports_paddle);

    const onnx::NodeProto* node = FindNode(model, "MyFused");
    ASSERT_NE(node, nullptr);
    EXPECT_EQ(node->domain(), "Paddle");
    ASSERT_EQ(node->input_size(), 2);
    EXPECT_EQ(node->input(0), "xw");
    EXPECT_EQ(node->input(1), "b");
    ASSERT_EQ(node->output_size(), 2);
    EXPECT_EQ(node->output(0), "fused");
    EXPECT_EQ(node->output(1), "aux");

    using A = onnx::AttributeProto;
    const auto attr = [&](const std::string& name) { return FindAttr(*node, name); };
    ASSERT_NE(attr("axis"), nullptr);
    EXPECT_EQ(attr("axis")->type(), A::INT);
    EXPECT_EQ(attr("axis")->i(), 1);
    EXPECT_EQ(attr("count")->i(), 7);
    EXPECT_EQ(attr("alpha")->type(), A::FLOAT);
    EXPECT_FLOAT_EQ(attr("alpha")->f(), 0.5f);
    EXPECT_EQ(attr("mode")->s(), "fast");
    EXPECT_EQ(std::vector<int64_t>(attr("sizes")->ints().begin(), attr("sizes")->ints().end()),
              (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(attr("weights")->type(), A::FLOATS);
    EXPECT_FLOAT_EQ(attr("weights")->floats(1), 4.f);
    EXPECT_EQ(attr("names")->type(), A::STRINGS);
    EXPECT_EQ(attr("names")->strings(1), "b");
    EXPECT_EQ(attr("flag")->type(), A::INT);  // bools as ints
    EXPECT_EQ(attr("flag")->i(), 1);
    EXPECT_EQ(attr("flags")->type(), A::INTS);
    EXPECT_EQ(attr("flags")->ints(0), 1);
    EXPECT_EQ(attr("flags")->ints(1), 0);
    for (const char* internal :
         {"op_role", "op_namescope", "op_callstack", "op_device", "with_quant_attr"}) {
      EXPECT_EQ(attr(internal), nullptr) << internal;
    }

    // The rest of the model is converted as usual, in the default domain.
    const onnx::NodeProto* matmul = FindNode(model, "MatMul");
    const onnx::NodeProto* relu = FindNode(model, "Relu");
    ASSERT_NE(matmul, nullptr);
    ASSERT_NE(relu, nullptr);
    EXPECT_EQ(matmul->domain(), "");
    EXPECT_EQ(relu->input(0), "fused");
    EXPECT_EQ(model.graph().output(0).name(), "out");
  }
}

TEST(CustomOps, NativelySupportedOpsCanBeCustomToo) {
  const fs::path dir = ScratchDir("custom_ops_native");
  ProgramWithAnUnknownOp().Write(dir);
  ConvertOptions options = OutOnnxOptions(dir, 13);
  options.custom_ops = {{"my_fused_op", "MyFused"}, {"relu", "MyRelu"}};
  Convert(options);
  const onnx::ModelProto model = ReadProto(options.save_file);
  EXPECT_EQ(FindNode(model, "Relu"), nullptr);
  const onnx::NodeProto* relu = FindNode(model, "MyRelu");
  ASSERT_NE(relu, nullptr);
  EXPECT_EQ(relu->domain(), "Paddle");
  EXPECT_EQ(relu->input(0), "fused");
  EXPECT_EQ(relu->output(0), "out");
}

TEST(CustomOps, WithoutTheFlagTheUnknownOpIsUnsupported) {
  const fs::path dir = ScratchDir("custom_ops_missing");
  ProgramWithAnUnknownOp().Write(dir);
  try {
    Convert(OutOnnxOptions(dir, 13));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
    EXPECT_NE(e.message().find("my_fused_op"), std::string::npos) << e.message();
  }
}

TEST(CustomOps, ParsesJsonAndPythonQuotes) {
  using converter::ParseCustomOps;
  EXPECT_EQ(ParseCustomOps(R"({"a_op": "AOp", 'b_op':'BOp',})"),
            (converter::CustomOps{{"a_op", "AOp"}, {"b_op", "BOp"}}));
  EXPECT_TRUE(ParseCustomOps("").empty());
  EXPECT_TRUE(ParseCustomOps("{}").empty());
  for (const char* bad : {"{a: 'B'}", "{'a' 'B'}", "{'a': 'B'", "{'a': ''}", "{'a': 'B C'}",
                          "{'a': 'B', 'a': 'C'}"}) {
    try {
      ParseCustomOps(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kUsage);
      EXPECT_NE(e.message().find("--custom_ops"), std::string::npos) << e.message();
    }
  }
}

TEST(CustomOps, CommandLineFlag) {
  const fs::path dir = ScratchDir("custom_ops_cli");
  ProgramWithAnUnknownOp().Write(dir);
  const CliRun ok = RunCli({"--model_dir", dir.string(), "--save_file", (dir / "out.onnx").string(),
                            "--custom_ops", "{'my_fused_op': 'MyFused'}"});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(FindNode(ReadProto(dir / "out.onnx"), "MyFused"), nullptr);
  const CliRun bad = RunCli({"--model_dir", dir.string(), "--save_file",
                             (dir / "bad.onnx").string(), "--custom_ops", "{'my_fused_op'}"});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_CONTAINS(bad.output, "--custom_ops");
}

}  // namespace
}  // namespace pd2onnx::testing

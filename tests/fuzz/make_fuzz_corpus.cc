// Writes the seed corpus of the fuzz targets (tests/fuzz/corpus/<target>/)
// from our own test programs: small ProgramDescs, their PIR JSON form, their
// params files, --input_shape_dict texts, and the ONNX models the converter
// makes of the programs (unoptimized, the input of `pd2onnx optimize`).
//   make_fuzz_corpus <corpus-dir>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "params_fuzz_program.h"
#include "pd2onnx/convert.h"
#include "pir_writer.h"
#include "program_builder.h"

namespace {

namespace fs = std::filesystem;
using pd2onnx::graph::DataType;
using pd2onnx::graph::HostTensor;
using pd2onnx::testing::ProgramBuilder;

HostTensor Floats(const std::vector<int64_t>& dims, float start) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  std::vector<float> values(static_cast<size_t>(n));
  for (size_t i = 0; i < values.size(); ++i) values[i] = start + 0.25f * static_cast<float>(i);
  return HostTensor::From(DataType::kFloat32, dims, values);
}

ProgramBuilder Relu() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 4});
  p.Var("y", DataType::kFloat32, {-1, 4});
  p.Op("relu").In("X", {"x"}).Out("Out", {"y"});
  p.Output("y");
  return p;
}

ProgramBuilder AddBias() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3});
  p.Param("b", Floats({3}, -1));
  p.Var("y", DataType::kFloat32, {2, 3});
  p.Op("elementwise_add").In("X", {"x"}).In("Y", {"b"}).Out("Out", {"y"}).Attr("axis", -1);
  p.Output("y");
  return p;
}

ProgramBuilder ConvNet() {
  ProgramBuilder p;
  p.Input("image", DataType::kFloat32, {-1, 2, 4, 4});
  p.Param("conv.w", Floats({2, 2, 3, 3}, -1));
  p.Param("fc.w", Floats({2, 3}, 0));
  p.Var("conv", DataType::kFloat32, {-1, 2, 4, 4});
  p.Var("pool", DataType::kFloat32, {-1, 2, 1, 1});
  p.Var("flat", DataType::kFloat32, {-1, 2});
  p.Var("logits", DataType::kFloat32, {-1, 3});
  p.Var("prob", DataType::kFloat32, {-1, 3});
  p.Op("conv2d")
      .In("Input", {"image"})
      .In("Filter", {"conv.w"})
      .Out("Output", {"conv"})
      .Attr("strides", std::vector<int>{1, 1})
      .Attr("paddings", std::vector<int>{1, 1})
      .Attr("dilations", std::vector<int>{1, 1})
      .Attr("groups", 1)
      .Attr("padding_algorithm", "EXPLICIT")
      .Attr("data_format", "NCHW");
  p.Op("pool2d")
      .In("X", {"conv"})
      .Out("Out", {"pool"})
      .Attr("pooling_type", "avg")
      .Attr("ksize", std::vector<int>{1, 1})
      .Attr("global_pooling", true)
      .Attr("strides", std::vector<int>{1, 1})
      .Attr("paddings", std::vector<int>{0, 0});
  p.Op("flatten_contiguous_range")
      .In("X", {"pool"})
      .Out("Out", {"flat"})
      .Attr("start_axis", 1)
      .Attr("stop_axis", 3);
  p.Op("matmul_v2")
      .In("X", {"flat"})
      .In("Y", {"fc.w"})
      .Out("Out", {"logits"})
      .Attr("trans_x", false)
      .Attr("trans_y", false);
  p.Op("softmax").In("X", {"logits"}).Out("Out", {"prob"}).Attr("axis", -1);
  p.Output("prob");
  return p;
}

ProgramBuilder ShapeOps() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3, 4});
  p.Input("y", DataType::kFloat32, {2, 3, 4});
  p.Var("cat", DataType::kFloat32, {4, 3, 4});
  p.Var("t", DataType::kFloat32, {4, 4, 3});
  p.Var("r", DataType::kFloat32, {16, 3});
  p.Var("s", DataType::kFloat32, {16, 1});
  p.Var("m", DataType::kFloat32, {16, 1});
  p.Op("concat").In("X", {"x", "y"}).Out("Out", {"cat"}).Attr("axis", 0);
  p.Op("transpose2").In("X", {"cat"}).Out("Out", {"t"}).Attr("axis", std::vector<int>{0, 2, 1});
  p.Op("reshape2").In("X", {"t"}).Out("Out", {"r"}).Attr("shape", std::vector<int>{16, 3});
  p.Op("slice")
      .In("Input", {"r"})
      .Out("Out", {"s"})
      .Attr("axes", std::vector<int>{1})
      .Attr("starts", std::vector<int>{0})
      .Attr("ends", std::vector<int>{1})
      .Attr("decrease_axis", std::vector<int>{});
  p.Op("reduce_mean")
      .In("X", {"s"})
      .Out("Out", {"m"})
      .Attr("dim", std::vector<int>{1})
      .Attr("keep_dim", true)
      .Attr("reduce_all", false);
  p.Output("m");
  return p;
}

// A conditional_block with a sub-block. Only the ProgramDesc targets take
// it: the PIR test writer writes a pd_op.if only for the conditional_block
// pair + select_input that Paddle's translator turns into one.
ProgramBuilder SubBlock() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3});
  p.Input("c", DataType::kBool, {1});
  p.Var("y", DataType::kFloat32, {3});
  const int sub = p.SubBlock(0);
  p.OpIn(sub, "relu").In("X", {"x"}).Out("Out", {"y"});
  p.Op("conditional_block")
      .In("Cond", {"c"})
      .In("Input", {"x"})
      .Out("Out", {"y"})
      .Attr("is_scalar_condition", true)
      .BlockAttr("sub_block", sub);
  p.Output("y");
  return p;
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string Serialized(const ProgramBuilder& p) {
  std::string bytes;
  p.ToProto().SerializeToString(&bytes);
  return bytes;
}

void WriteParamsSeeds(const fs::path& dir) {
  std::string all;
  for (const auto& v : pd2onnx::fuzz::ParamsFuzzVars()) {
    all += pd2onnx::testing::TensorRecord(HostTensor(v.dtype, v.seed_dims));
  }
  WriteFile(dir / "valid.pdiparams", all);
  WriteFile(dir / "truncated.pdiparams", all.substr(0, all.size() / 2));
}

// The program converted at `opset` without the optimizer, as ONNX bytes.
std::string UnoptimizedOnnx(const std::string& program, const std::string& params, int opset) {
  const pd2onnx::fuzz::MemFile program_file(program);
  const pd2onnx::fuzz::MemFile params_file(params);
  pd2onnx::ConvertOptions options;
  options.model_filename = program_file.path();
  options.params_filename = params_file.path();
  options.opset_version = opset;
  options.enable_optimize = false;
  options.write_file = false;
  return pd2onnx::Convert(options).onnx_bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_fuzz_corpus <corpus-dir>\n";
    return 2;
  }
  const fs::path root = argv[1];
  const std::vector<std::pair<std::string, std::function<ProgramBuilder()>>> programs = {
      {"relu", Relu},
      {"add_bias", AddBias},
      {"conv_net", ConvNet},
      {"shape_ops", ShapeOps},
      {"sub_block", SubBlock}};
  char opset_byte = 0;
  for (const auto& [name, make] : programs) {
    const ProgramBuilder p = make();
    const std::string program = Serialized(p);
    const std::string params = p.ParamsBytes();
    WriteFile(root / "program_desc" / (name + ".pdmodel"), program);
    for (const int opset : {11, 17}) {
      WriteFile(root / "onnx_optimize" / (name + "_opset" + std::to_string(opset) + ".onnx"),
                UnoptimizedOnnx(program, params, opset));
    }
    WriteFile(root / "convert" / (name + ".pdmodel.bin"),
              pd2onnx::fuzz::JoinInput(program, params) + opset_byte++);
    const pd2onnx::testing::PirText pir = pd2onnx::testing::ToPirJson(p.ToProto());
    if (!pir.json.empty()) {
      WriteFile(root / "pir_json" / (name + ".json"), pir.json);
      WriteFile(root / "convert" / (name + ".json.bin"),
                pd2onnx::fuzz::JoinInput(pir.json, params) + opset_byte++);
    }
  }
  WriteParamsSeeds(root / "params");
  const std::vector<std::string> dicts = {"{'x': [1, 3, 224, 224]}", "{\"x\": [1, -1], 'y': [2]}",
                                          "{'image': [-1, 3, 32, 32], 'scale': [1, 2],}", "{}"};
  for (size_t i = 0; i < dicts.size(); ++i) {
    WriteFile(root / "shape_dict" / ("dict" + std::to_string(i) + ".txt"), dicts[i]);
  }
  const std::vector<std::string> custom_ops = {"{\"my_op\": \"MyOp\"}",
                                               "{'roi_pool': 'RoiPool', \"x\": 'Y',}", "{}"};
  for (size_t i = 0; i < custom_ops.size(); ++i) {
    WriteFile(root / "custom_ops" / ("ops" + std::to_string(i) + ".txt"), custom_ops[i]);
  }
  std::cout << "wrote the seed corpus to " << root.string() << "\n";
  return 0;
}

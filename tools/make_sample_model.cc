// Writes a small image classifier as a real Paddle 2.x model
// (model.pdmodel + model.pdiparams): conv2d → batch_norm → relu → global
// average pool → flatten → matmul_v2 + bias → softmax, with seeded weights.
//   usage: make_sample_model <output-dir>
#include <iostream>
#include <random>

#include "program_builder.h"

namespace {

using pd2onnx::graph::DataType;
using pd2onnx::graph::HostTensor;

HostTensor Random(const std::vector<int64_t>& dims, std::mt19937& rng, float lo, float hi) {
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> values(pd2onnx::graph::NumElements(dims));
  for (float& v : values) v = dist(rng);
  return HostTensor::From(DataType::kFloat32, dims, values);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_sample_model <output-dir>\n";
    return 2;
  }
  std::mt19937 rng(2024);
  pd2onnx::testing::ProgramBuilder p;
  p.Input("image", DataType::kFloat32, {-1, 3, 32, 32});
  p.Param("conv.w", Random({8, 3, 3, 3}, rng, -0.5f, 0.5f));
  p.Param("bn.scale", Random({8}, rng, 0.5f, 1.5f));
  p.Param("bn.bias", Random({8}, rng, -0.1f, 0.1f));
  p.Param("bn.mean", Random({8}, rng, -0.1f, 0.1f));
  p.Param("bn.var", Random({8}, rng, 0.5f, 1.0f));
  p.Param("fc.w", Random({8, 10}, rng, -0.5f, 0.5f));
  p.Param("fc.b", Random({10}, rng, -0.1f, 0.1f));
  for (const char* name : {"conv", "bn", "relu"}) p.Var(name, DataType::kFloat32, {-1, 8, 16, 16});
  p.Var("pool", DataType::kFloat32, {-1, 8, 1, 1});
  p.Var("flat", DataType::kFloat32, {-1, 8});
  p.Var("logits", DataType::kFloat32, {-1, 10});
  p.Var("biased", DataType::kFloat32, {-1, 10});
  p.Var("prob", DataType::kFloat32, {-1, 10});
  p.Op("conv2d").In("Input", {"image"}).In("Filter", {"conv.w"}).Out("Output", {"conv"})
      .Attr("strides", std::vector<int>{2, 2}).Attr("paddings", std::vector<int>{1, 1})
      .Attr("dilations", std::vector<int>{1, 1}).Attr("groups", 1)
      .Attr("padding_algorithm", "EXPLICIT").Attr("data_format", "NCHW");
  p.Op("batch_norm").In("X", {"conv"}).In("Scale", {"bn.scale"}).In("Bias", {"bn.bias"})
      .In("Mean", {"bn.mean"}).In("Variance", {"bn.var"}).Out("Y", {"bn"})
      .Attr("epsilon", 1e-5f).Attr("is_test", true).Attr("data_layout", "NCHW");
  p.Op("relu").In("X", {"bn"}).Out("Out", {"relu"});
  p.Op("pool2d").In("X", {"relu"}).Out("Out", {"pool"}).Attr("pooling_type", "avg")
      .Attr("ksize", std::vector<int>{1, 1}).Attr("global_pooling", true)
      .Attr("strides", std::vector<int>{1, 1}).Attr("paddings", std::vector<int>{0, 0});
  p.Op("flatten_contiguous_range").In("X", {"pool"}).Out("Out", {"flat"})
      .Attr("start_axis", 1).Attr("stop_axis", 3);
  p.Op("matmul_v2").In("X", {"flat"}).In("Y", {"fc.w"}).Out("Out", {"logits"})
      .Attr("trans_x", false).Attr("trans_y", false);
  p.Op("elementwise_add").In("X", {"logits"}).In("Y", {"fc.b"}).Out("Out", {"biased"})
      .Attr("axis", -1);
  p.Op("softmax").In("X", {"biased"}).Out("Out", {"prob"}).Attr("axis", -1);
  p.Output("prob");
  p.Write(argv[1]);
  std::cout << "wrote " << argv[1] << "/model.pdmodel and model.pdiparams\n";
  return 0;
}

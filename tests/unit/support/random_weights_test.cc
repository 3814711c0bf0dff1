#include "random_weights.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "paddle/model_loader.h"
#include "program_builder.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

TEST(RandomWeights, WritesAParamsFileTheLoaderAccepts) {
  ProgramBuilder program;
  program.Input("x", DataType::kFloat32, {1, 3, 4, 4});
  program.Param("conv.w_0", HostTensor(DataType::kFloat32, {2, 3, 1, 1}));
  program.Param("bn.w_2", HostTensor(DataType::kFloat32, {2}));
  program.Param("steps", HostTensor(DataType::kInt64, {1}));
  program.Op("conv2d").In("Input", {"x"}).In("Filter", {"conv.w_0"}).Out("Output", {"y"});
  program.Output("y");
  const auto dir = ScratchDir("random_weights");
  program.Write(dir);
  WriteRandomWeightsFor(dir / "model.pdmodel", dir / "random.pdiparams");

  const graph::Program loaded =
      paddle::LoadModel(paddle::LocateModel(dir.string(), "model.pdmodel", "random.pdiparams"));
  const auto values = [&](const std::string& name) {
    const graph::ConstTensor* t = loaded.FindParam(name);
    EXPECT_NE(t, nullptr) << name;
    return t;
  };
  // Mapped params need not be aligned: copy the elements out.
  const std::vector<float> weight = values("conv.w_0")->ToVector<float>();
  const float bound = std::sqrt(3.0f / 3.0f);
  for (int i = 0; i < 6; ++i) EXPECT_LE(std::abs(weight[i]), bound);
  const std::vector<float> variance = values("bn.w_2")->ToVector<float>();
  for (int i = 0; i < 2; ++i) EXPECT_TRUE(variance[i] >= 0.5f && variance[i] < 1.5f);
  EXPECT_EQ(values("steps")->ToVector<int64_t>().at(0), 0);
}

}  // namespace
}  // namespace pd2onnx::testing

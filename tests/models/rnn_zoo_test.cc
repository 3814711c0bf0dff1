// paddlets_rnn_forecast (PaddleTS LSTNet: an NHWC conv1d and two GRU `rnn`
// ops, real weights). The zoo has no reference outputs for it: the reference
// converter writes a model ONNX Runtime rejects (it ignores the NHWC
// data_format). So the reference here is our interpreter, which computes
// each op from Paddle's semantics (conv2d honouring data_format, the rnn
// op's GRU cell from phi/kernels/cpu/rnn_kernel.cc), on the stored input.
#include <gtest/gtest.h>

#include <string>

#include "compare.h"
#include "interpreter/interpreter.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "support/error.h"
#include "support/npy.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

TEST(RnnZoo, PaddletsRnnForecastMatchesTheInterpreterAtOpsets11And17) {
  const fs::path model_dir = ModelZoo() / "paddlets_rnn_forecast";
  interp::TensorMap inputs;
  inputs["past_target"] =
      support::ReadNpy(model_dir / "reference" / "random" / "input.past_target.npy");

  const graph::Program program = paddle::LoadModel(paddle::LocateModel(model_dir.string(), "", ""));
  const interp::TensorMap reference = interp::Run(program, inputs);
  ASSERT_EQ(reference.count("tmp_0"), 1u);
  EXPECT_EQ(reference.at("tmp_0").dims, (std::vector<int64_t>{1, 172, 2}));

  const fs::path out_dir = ScratchDir("paddlets_rnn_forecast");
  std::vector<OrtJob> jobs;
  const int opsets[] = {11, 17};
  for (int opset : opsets) {
    ConvertOptions options;
    options.model_dir = model_dir.string();
    options.save_file = (out_dir / ("model_" + std::to_string(opset) + ".onnx")).string();
    options.opset_version = opset;
    try {
      const ConvertResult result = Convert(options);
      EXPECT_EQ(result.opset_version, opset);
    } catch (const Error& e) {
      FAIL() << "opset " << opset << ": " << e.message();
    }
    jobs.push_back({options.save_file, inputs});
  }
  const std::vector<interp::TensorMap> outputs = RunOrt(jobs);
  ASSERT_EQ(outputs.size(), jobs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    // The default fp32 tolerance: measured within 1e-6 (relative to
    // max(1, |ref|)) at both opsets.
    EXPECT_TRUE(AllClose(outputs[i], reference, 1e-5)) << "opset " << opsets[i];
  }
}

}  // namespace
}  // namespace pd2onnx::testing

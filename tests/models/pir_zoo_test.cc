// Paddle 3 PIR programs (inference.json) of the model zoo, converted natively:
// PP-LCNet_x0_25_textline_ori with its real weights must tell upright text
// lines from lines rotated by 180°; the graph_only PIR programs get random
// weights (sorted-name order) and must convert at opsets 11 and 17, run in
// ONNX Runtime with outputs of the expected shape, finite, and equal to the
// reference interpreter's.
#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "compare.h"
#include "interpreter/interpreter.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "random_weights.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

// ---- preprocessing of PP-LCNet_x0_25_textline_ori/inference.yml ------------

struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // RGB, row-major
};

RgbImage ReadPng(const fs::path& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) {
    throw std::runtime_error(path.string() + ": " + image.message);
  }
  image.format = PNG_FORMAT_RGB;
  RgbImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.pixels.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr)) {
    throw std::runtime_error(path.string() + ": " + image.message);
  }
  return out;
}

RgbImage Rotate180(const RgbImage& in) {
  RgbImage out = in;
  const size_t n = static_cast<size_t>(in.width) * in.height;
  for (size_t p = 0; p < n; ++p) {
    for (int c = 0; c < 3; ++c) out.pixels[3 * (n - 1 - p) + c] = in.pixels[3 * p + c];
  }
  return out;
}

// Bilinear resize with half-pixel centres (OpenCV's INTER_LINEAR, which
// PaddleX's ResizeImage uses), as doubles.
std::vector<double> ResizeBilinear(const RgbImage& in, int width, int height) {
  std::vector<double> out(static_cast<size_t>(width) * height * 3);
  auto source = [](int dst, int dst_size, int src_size, int& i0, double& frac) {
    double s = (dst + 0.5) * src_size / dst_size - 0.5;
    s = std::max(s, 0.0);
    i0 = std::min(static_cast<int>(std::floor(s)), src_size - 1);
    frac = i0 + 1 < src_size ? s - i0 : 0.0;
  };
  for (int y = 0; y < height; ++y) {
    int y0 = 0;
    double fy = 0;
    source(y, height, in.height, y0, fy);
    const int y1 = std::min(y0 + 1, in.height - 1);
    for (int x = 0; x < width; ++x) {
      int x0 = 0;
      double fx = 0;
      source(x, width, in.width, x0, fx);
      const int x1 = std::min(x0 + 1, in.width - 1);
      for (int c = 0; c < 3; ++c) {
        auto at = [&](int yy, int xx) { return double(in.pixels[(yy * in.width + xx) * 3 + c]); };
        const double top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
        const double bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
        out[(static_cast<size_t>(y) * width + x) * 3 + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

// ResizeImage 160x80 → x/255 → ImageNet mean/std → CHW, batch 1.
graph::HostTensor TextlineInput(const RgbImage& image) {
  constexpr int kWidth = 160;
  constexpr int kHeight = 80;
  constexpr std::array<double, 3> kMean = {0.485, 0.456, 0.406};
  constexpr std::array<double, 3> kStd = {0.229, 0.224, 0.225};
  const std::vector<double> hwc = ResizeBilinear(image, kWidth, kHeight);
  graph::HostTensor x(graph::DataType::kFloat32, {1, 3, kHeight, kWidth});
  float* data = x.data<float>();
  for (int c = 0; c < 3; ++c) {
    for (int p = 0; p < kWidth * kHeight; ++p) {
      data[c * kWidth * kHeight + p] =
          static_cast<float>((hwc[static_cast<size_t>(p) * 3 + c] / 255.0 - kMean[c]) / kStd[c]);
    }
  }
  return x;
}

fs::path ConvertAt(const fs::path& json, const fs::path& params, const fs::path& out_dir,
                   int opset) {
  ConvertOptions options;
  options.model_filename = json.string();
  options.params_filename = params.string();
  options.save_file = (out_dir / ("model_" + std::to_string(opset) + ".onnx")).string();
  options.opset_version = opset;
  options.enable_auto_update_opset = false;
  Convert(options);
  return options.save_file;
}

int64_t ArgMax(const graph::HostTensor& t) {
  const std::vector<float> v = t.ToVector<float>();
  return std::max_element(v.begin(), v.end()) - v.begin();
}

TEST(PirZoo, TextlineOrientationTellsUprightFromRotatedLines) {
  const fs::path model_dir = ModelZoo() / "PP-LCNet_x0_25_textline_ori";
  const fs::path out_dir = ScratchDir("pir_textline");
  const fs::path json = model_dir / "inference.json";
  const fs::path params = model_dir / "inference.pdiparams";
  const graph::Program program =
      paddle::LoadModel(paddle::LocateModel("", json.string(), params.string()));

  std::vector<OrtJob> jobs;
  std::vector<std::string> labels;
  std::vector<int64_t> expected;
  std::vector<interp::TensorMap> references;
  for (const int opset : {11, 17}) {
    const fs::path model = ConvertAt(json, params, out_dir, opset);
    for (const char* line : {"code", "price", "title"}) {
      const fs::path case_dir =
          model_dir / "reference" / (std::string("image_line_") + line + "_0");
      const RgbImage upright = ReadPng(case_dir / "crop.png");
      for (const bool rotated : {false, true}) {
        interp::TensorMap feeds = {{"x", TextlineInput(rotated ? Rotate180(upright) : upright)}};
        if (opset == 11) references.push_back(interp::Run(program, feeds));
        jobs.push_back({model, feeds});
        labels.push_back(fmt::format("{} {} at opset {}", line, rotated ? "180°" : "0°", opset));
        expected.push_back(rotated ? 1 : 0);
      }
    }
  }
  const std::vector<interp::TensorMap> outputs = RunOrt(jobs);
  ASSERT_EQ(outputs.size(), jobs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    const graph::HostTensor& probs = outputs[i].at("fetch_name_0");
    ASSERT_EQ(probs.dims, (std::vector<int64_t>{1, 2})) << labels[i];
    EXPECT_EQ(ArgMax(probs), expected[i]) << labels[i] << " (label 0 = 0_degree, 1 = 180_degree)";
    EXPECT_TRUE(AllClose(outputs[i], references[i % references.size()], 1e-4))
        << labels[i] << ": ONNX Runtime vs the reference interpreter";
  }
}

// ---- graph_only PIR programs with random weights ----------------------------

struct GraphOnlyPir {
  const char* name;
  std::vector<int64_t> input_dims;
  std::vector<int64_t> output_dims;
  int min_opset = 11;        // below it the conversion must fail naming why
  const char* why_min = "";  // ...with this in the message
};

const GraphOnlyPir kGraphOnly[] = {
    {"PP-LCNet_x1_0_doc_ori_infer", {1, 3, 224, 224}, {1, 4}},
    {"PP-OCRv5_mobile_det_infer", {1, 3, 128, 160}, {1, 1, 128, 160}},
    {"PP-OCRv5_server_rec_infer", {1, 3, 48, 160}, {1, 20, 18385}},
    // grid_sample has no ONNX form before GridSample-16.
    {"UVDoc", {1, 3, 128, 96}, {1, 3, 128, 96}, 16, "GridSample-16"},
};

class PirGraphOnlyTest : public ::testing::TestWithParam<GraphOnlyPir> {};

TEST_P(PirGraphOnlyTest, ConvertsAndRunsWithRandomWeights) {
  const GraphOnlyPir& model = GetParam();
  const fs::path json = ModelZoo() / "graph_only" / model.name / "inference.json";
  const fs::path out_dir = ScratchDir(std::string("pir_") + model.name);
  const fs::path params = out_dir / "random_weights.pdiparams";
  WriteRandomWeightsForPir(json, params);

  const graph::Program program =
      paddle::LoadModel(paddle::LocateModel("", json.string(), params.string()));
  ASSERT_EQ(program.inputs.size(), 1u);
  const std::string input = program.inputs[0];
  const interp::TensorMap feeds = {
      {input, RandomTensor(graph::DataType::kFloat32, model.input_dims, 11, 0.0, 1.0)}};
  const interp::TensorMap reference = interp::Run(program, feeds);

  std::vector<OrtJob> jobs;
  if (model.min_opset > 11) {
    try {
      ConvertAt(json, params, out_dir, 11);
      ADD_FAILURE() << "opset 11 converted, but " << model.why_min << " is needed";
    } catch (const Error& e) {
      EXPECT_NE(e.message().find(model.why_min), std::string::npos) << e.message();
    }
  }
  for (const int opset : {std::max(11, model.min_opset), 17}) {
    jobs.push_back({ConvertAt(json, params, out_dir, opset), feeds});
  }
  const std::vector<interp::TensorMap> outputs = RunOrt(jobs);
  for (size_t i = 0; i < outputs.size(); ++i) {
    const graph::HostTensor& out = outputs[i].at("fetch_name_0");
    EXPECT_EQ(out.dims, model.output_dims) << "job " << i;
    const std::vector<double> values = out.ToDouble();
    EXPECT_TRUE(
        std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }))
        << "job " << i << ": non-finite outputs";
    EXPECT_TRUE(AllClose(outputs[i], reference, 1e-3))
        << "job " << i << ": ONNX Runtime vs the reference interpreter";
  }
}

INSTANTIATE_TEST_SUITE_P(GraphOnly, PirGraphOnlyTest, ::testing::ValuesIn(kGraphOnly),
                         [](const auto& param_info) {
                           std::string name = param_info.param.name;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace pd2onnx::testing

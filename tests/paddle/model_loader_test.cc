// The loader: every file layout Paddle writes, every params dtype, and the
// broken inputs users hit (truncated params, another model's params, ...).
#include "paddle/model_loader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "program_builder.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;
using graph::DataType;

graph::Program Load(const fs::path& dir, const std::string& model = "",
                    const std::string& params = "") {
  return paddle::LoadModel(paddle::LocateModel(dir.string(), model, params));
}

// Expects loading to fail with an error whose message contains each needle.
void ExpectLoadError(const fs::path& dir, const std::vector<std::string>& needles,
                     const std::string& model = "", const std::string& params = "") {
  try {
    Load(dir, model, params);
    ADD_FAILURE() << "loading " << dir << " succeeded";
  } catch (const Error& e) {
    for (const auto& needle : needles) {
      EXPECT_NE(e.message().find(needle), std::string::npos)
          << "'" << needle << "' not in: " << e.message();
    }
  }
}

void Truncate(const fs::path& file, uintmax_t size) { fs::resize_file(file, size); }

ProgramBuilder TwoParamProgram() {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, 3});
  p.Param("w", HostTensor::From<float>(DataType::kFloat32, {3, 2}, {1, 2, 3, 4, 5, 6}));
  p.Param("b", HostTensor::From<float>(DataType::kFloat32, {2}, {0.5f, -0.5f}));
  p.Var("y", DataType::kFloat32, {-1, 2});
  p.Var("z", DataType::kFloat32, {-1, 2});
  p.Op("matmul_v2").In("X", {"x"}).In("Y", {"w"}).Out("Out", {"y"});
  p.Op("elementwise_add").In("X", {"y"}).In("Y", {"b"}).Out("Out", {"z"}).Attr("axis", -1);
  p.Output("z");
  return p;
}

TEST(ModelLoader, ReadsPdmodelWithCombinedParams) {
  const fs::path dir = ModelZoo() / "lite_simple_conv_bn_relu";
  const graph::Program program = Load(dir);
  EXPECT_EQ(program.inputs, std::vector<std::string>{"image"});
  EXPECT_EQ(program.outputs, std::vector<std::string>{"batch_norm_0.tmp_3"});
  EXPECT_EQ(program.params.size(), graph::PersistableNames(program).size());
  const graph::Var* image = program.FindVar(0, "image");
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(image->shape, (std::vector<int64_t>{-1, 3, 224, 224}));
}

TEST(ModelLoader, ReadsFluidModelWithOneFilePerVariable) {
  const graph::Program program = Load(ModelZoo() / "fit_a_line_fluid");
  EXPECT_EQ(program.inputs, std::vector<std::string>{"x"});
  ASSERT_NE(program.FindParam("fc_0.w_0"), nullptr);
  EXPECT_EQ(program.FindParam("fc_0.w_0")->dims(), (std::vector<int64_t>{13, 1}));
}

TEST(ModelLoader, IgnoresStrayFilesInPerVariableFolders) {
  // fluid2018_mlp_tanh ships fc_3.* that its program never mentions.
  const graph::Program program = Load(ModelZoo() / "fluid2018_mlp_tanh");
  EXPECT_EQ(program.FindParam("fc_3.w_0"), nullptr);
  EXPECT_EQ(program.params.size(), 6u);
}

TEST(ModelLoader, ReadsModelAndParamsNamedModelAndParams) {
  const graph::Program program = Load(ModelZoo() / "lite_autoscan_fill_constant_combined");
  EXPECT_EQ(program.inputs, std::vector<std::string>{"shape_data"});
}

TEST(ModelLoader, OrdersInputsByFeedColumnNotFileOrder) {
  const graph::Program program = Load(ModelZoo() / "ppyolo_tiny_trash");
  EXPECT_EQ(program.inputs, (std::vector<std::string>{"im_shape", "image", "scale_factor"}));
}

TEST(ModelLoader, PrefersTheProgramWhoseParamsSitBesideIt) {
  // model.pdmodel + model.pdiparams beside variant_fixed960.inference.pdmodel.
  const auto files = paddle::LocateModel((ModelZoo() / "ch_PP-OCRv3_det_infer").string(), "", "");
  EXPECT_EQ(files.program.filename(), "model.pdmodel");
  EXPECT_EQ(files.params.filename(), "model.pdiparams");
}

TEST(ModelLoader, ReadsExplicitModelAndParamsFilenames) {
  const fs::path dir = ModelZoo() / "ch_PP-OCRv3_det_infer";
  const graph::Program program = Load(dir, "variant_fixed960.inference.pdmodel", "model.pdiparams");
  EXPECT_EQ(program.FindVar(0, "x")->shape, (std::vector<int64_t>{-1, 3, 960, 960}));
}

TEST(ModelLoader, LoadsEveryLegacyModelInTheZoo) {
  int loaded = 0;
  for (const auto& entry : fs::directory_iterator(ModelZoo())) {
    if (!entry.is_directory() || entry.path().filename() == "graph_only") continue;
    const auto files = paddle::LocateModel(entry.path().string(), "", "");
    if (files.format != paddle::ProgramFormat::kProgramDesc) continue;
    SCOPED_TRACE(entry.path().string());
    const graph::Program program = paddle::LoadModel(files);
    EXPECT_FALSE(program.outputs.empty());
    EXPECT_EQ(program.params.size(), graph::PersistableNames(program).size());
    ++loaded;
  }
  EXPECT_GE(loaded, 20);
}

class ParamsDtypeTest : public ::testing::TestWithParam<DataType> {};

TEST_P(ParamsDtypeTest, RoundTripsEveryDtypePaddleWrites) {
  const DataType dtype = GetParam();
  HostTensor value(dtype, {2, 3});
  for (size_t i = 0; i < value.bytes.size(); ++i) value.bytes[i] = std::byte(i * 7 + 1);
  if (dtype == DataType::kBool) {
    for (auto& b : value.bytes) b = std::byte(static_cast<int>(b) & 1);
  }
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 3});
  p.Param("p", value);
  p.Var("y", DataType::kFloat32, {2, 3});
  p.Op("relu").In("X", {"x"}).Out("Out", {"y"});
  p.Output("y");
  const fs::path dir = ScratchDir("dtype");
  p.Write(dir);
  const graph::Program program = Load(dir);
  const graph::ConstTensor* loaded = program.FindParam("p");
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->dtype(), dtype);
  EXPECT_EQ(loaded->dims(), value.dims);
  ASSERT_EQ(loaded->nbytes(), value.bytes.size());
  EXPECT_EQ(std::memcmp(loaded->data(), value.bytes.data(), value.bytes.size()), 0);
}

INSTANTIATE_TEST_SUITE_P(AllDtypes, ParamsDtypeTest,
                         ::testing::Values(DataType::kFloat32, DataType::kFloat64,
                                           DataType::kFloat16, DataType::kBFloat16, DataType::kInt8,
                                           DataType::kInt16, DataType::kInt32, DataType::kInt64,
                                           DataType::kUInt8, DataType::kBool),
                         [](const auto& param_info) {
                           return std::string(graph::DataTypeName(param_info.param));
                         });

TEST(ModelLoader, RejectsTruncatedParamsNamingFileAndTensor) {
  const fs::path dir = ScratchDir("truncated");
  TwoParamProgram().Write(dir);
  const fs::path params = dir / "model.pdiparams";
  Truncate(params, fs::file_size(params) - 5);
  // Records are in sorted order: b then w, so w is cut.
  ExpectLoadError(dir, {params.string(), "truncated", "'w'"});
}

TEST(ModelLoader, RejectsParamsCutAtARecordBoundary) {
  const fs::path dir = ScratchDir("boundary");
  ProgramBuilder p = TwoParamProgram();
  p.Write(dir);
  const fs::path params = dir / "model.pdiparams";
  const std::string first_record = TensorRecord(p.params().at("b"));
  Truncate(params, first_record.size());
  ExpectLoadError(dir, {params.string(), "holds 1 tensors", "'w'"});
}

TEST(ModelLoader, RejectsTrailingBytes) {
  const fs::path dir = ScratchDir("trailing");
  TwoParamProgram().Write(dir);
  std::ofstream(dir / "model.pdiparams", std::ios::app | std::ios::binary) << "extra";
  ExpectLoadError(dir, {"5 unexpected bytes", "another model"});
}

TEST(ModelLoader, RejectsTheParamsOfAnotherModel) {
  const fs::path dir = ScratchDir("foreign");
  TwoParamProgram().Write(dir);
  const fs::path foreign = ModelZoo() / "lite_simple_conv_bn_relu" / "model.pdiparams";
  ExpectLoadError(dir, {foreign.string(), "another model"}, "model.pdmodel", foreign.string());
}

TEST(ModelLoader, RejectsAMissingPerVariableFile) {
  const fs::path dir = ScratchDir("missing_var");
  fs::copy(ModelZoo() / "fit_a_line_fluid", dir, fs::copy_options::recursive);
  fs::remove(dir / "fc_0.b_0");
  ExpectLoadError(dir, {(dir / "fc_0.b_0").string(), "missing parameter file"});
}

TEST(ModelLoader, RejectsAFolderWithoutAModel) {
  const fs::path dir = ScratchDir("empty");
  ExpectLoadError(dir, {dir.string(), "no Paddle model found"});
}

TEST(ModelLoader, RejectsAMissingFolder) {
  ExpectLoadError("/nonexistent/pd2onnx/model", {"/nonexistent/pd2onnx/model", "no such"});
}

TEST(ModelLoader, RejectsAProgramThatIsNotAProgram) {
  const fs::path dir = ScratchDir("garbage");
  std::ofstream(dir / "model.pdmodel", std::ios::binary) << "\x0a\xff\xff\xff garbage";
  ExpectLoadError(dir, {(dir / "model.pdmodel").string(), "not a Paddle program"});
}

TEST(ModelLoader, ReadsAPirProgramFoundInTheFolder) {
  const graph::Program program = Load(ModelZoo() / "PP-LCNet_x0_25_textline_ori");
  EXPECT_EQ(program.inputs, std::vector<std::string>{"x"});
  EXPECT_EQ(program.outputs, std::vector<std::string>{"fetch_name_0"});
  EXPECT_EQ(program.params.size(), 145u);  // the 145 builtin.parameter ops
  const graph::Var* x = program.FindVar(0, "x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->shape, (std::vector<int64_t>{-1, 3, 80, 160}));
}

}  // namespace
}  // namespace pd2onnx::testing

namespace pd2onnx::testing {
namespace {

TEST(ModelLoader, RefusesPerVariableFilesOutsideTheModelFolder) {
  ProgramBuilder p;
  p.Input("x", graph::DataType::kFloat32, {2});
  p.Param("../escape", HostTensor::From<float>(graph::DataType::kFloat32, {2}, {1, 2}));
  p.Var("y", graph::DataType::kFloat32, {2});
  p.Op("elementwise_add").In("X", {"x"}).In("Y", {"../escape"}).Out("Out", {"y"});
  p.Output("y");
  const fs::path dir = ScratchDir("escape");
  p.Write(dir);
  fs::remove(dir / "model.pdiparams");  // per-variable layout
  fs::rename(dir / "model.pdmodel", dir / "__model__");
  ExpectLoadError(dir, {"'../escape'", "cannot be stored as a file of its own"});
}

}  // namespace
}  // namespace pd2onnx::testing

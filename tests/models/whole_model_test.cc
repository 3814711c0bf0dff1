// Whole models through the reference interpreter, beyond what the other zoo
// tests check (tests/models/model_zoo_test.cc: ONNX Runtime vs stored
// references; tests/interpreter/model_zoo_interp_test.cc: interpreter vs
// stored references; tests/evaluator/evaluator_zoo_test.cc: our evaluator
// vs stored references):
//  - graph_only models with stored random weights and references: the
//    interpreter vs the stored references;
//  - every model without stored references (graph_only programs get random
//    weights from tests/support/random_weights.h): the interpreter vs ONNX
//    Runtime on our conversion, on seeded U[0, 1) inputs.
// WholeModels() lists every zoo folder: covered here, covered by a named test
// file, or "not yet" with the reason (never a skipped test).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "compare.h"
#include "fixtures.h"
#include "interpreter/interpreter.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "random_weights.h"
#include "support/error.h"
#include "test_env.h"
#include "zoo_models.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

struct WholeModel {
  const char* name;            // folder under the zoo
  const char* model_filename;  // "" for the loader's default
  // "" for the loader's default; "random" writes random weights for a
  // graph_only program (tests/support/random_weights.h).
  const char* params_filename;
  std::map<std::string, std::vector<int64_t>> dims;  // for inputs with unknown dims
  // "" = covered by this file; otherwise the test file that covers it, or
  // "not yet: <why>". Only "" entries are instantiated (nothing is skipped).
  const char* covered_by = "";
  double tol = 1e-4;  // relative to max(1, max|reference|)
};

const std::vector<WholeModel>& WholeModels() {
  static const std::vector<WholeModel> models = {
      // Covered here: interpreter vs ONNX Runtime on our conversion.
      {"en_number_mobile_v2.0_rec_infer", "", "", {{"x", {1, 3, 32, 100}}}},
      // Covered by a dedicated test file (named), at opsets 11 and 17.
      {"graph_only/bisenet_voc12aug", "", "", {}, "control_flow_zoo_test.cc"},
      {"graph_only/ch_PP-OCRv3_rec_infer", "", "", {}, "control_flow_zoo_test.cc"},
      {"graph_only/ch_PP-OCRv4_det_infer", "", "", {}, "control_flow_zoo_test.cc"},
      {"graph_only/pphgnetv2_b0_plate_cls", "", "", {}, "control_flow_zoo_test.cc"},
      {"graph_only/resnet_paddle3_legacy_pdmodel", "", "", {}, "control_flow_zoo_test.cc"},
      {"graph_only/ch_ppstructure_mobile_v2.0_SLANet_infer",
       "",
       "",
       {},
       "control_flow_zoo_test.cc"},
      {"graph_only/ppyoloe_plus_custom", "", "", {}, "detection_post_zoo_test.cc"},
      {"graph_only/yolov3_darknet_rbc_fluid", "", "", {}, "detection_post_zoo_test.cc"},
      {"blazeface_face_det", "", "", {}, "detection_post_zoo_test.cc"},
      {"ppyolo_tiny_trash", "", "", {}, "detection_post_zoo_test.cc"},
      {"graph_only/faster_rcnn_fpn_fluid", "", "", {}, "detection_roi_zoo_test.cc"},
      {"graph_only/ppyolo_dcn_matrixnms_fluid", "", "", {}, "detection_roi_zoo_test.cc"},
      {"paddlets_rnn_forecast", "", "", {}, "rnn_zoo_test.cc"},
      {"graph_only/PP-LCNet_x1_0_doc_ori_infer", "", "", {}, "pir_zoo_test.cc"},
      {"graph_only/PP-OCRv5_mobile_det_infer", "", "", {}, "pir_zoo_test.cc"},
      {"graph_only/PP-OCRv5_server_rec_infer", "", "", {}, "pir_zoo_test.cc"},
      {"graph_only/UVDoc", "", "", {}, "pir_zoo_test.cc"},
      {"PP-LCNet_x0_25_textline_ori", "", "", {}, "pir_zoo_test.cc"},
      {"graph_only/picodet_PPLCNet_x2_5_mainbody_lite_v1.0_infer",
       "",
       "",
       {},
       "detection_post_zoo_test.cc"},
      {"graph_only/ssd_mobilenet_fluid_combined",
       "",
       "",
       {},
       "detection_post_zoo_test.cc (whole model: rows up to fp32 score near-ties; NMS on "
       "identical inputs: exact)"},
      {"graph_only/yolov3_quant_fakequant_roialign", "", "", {}, "quant_zoo_test.cc"},
  };
  return models;
}

// Folders no test can cover: LoD sequence models have no ONNX form
// (tests/models/model_zoo_test.cc checks the converter says so).
const std::set<std::string> kNeverConvertible = {"textcnn_lod_seqconv_fluid"};

// The params file to use ("" for the loader's default); random weights are
// written into the test's scratch folder.
std::string ParamsPath(const WholeModel& m) {
  const fs::path dir = ModelZoo() / m.name;
  const std::string params = m.params_filename;
  if (params == "random") {
    const fs::path out = ScratchDir("weights") / "random_weights.pdiparams";
    WriteRandomWeightsFor(dir / m.model_filename, out);
    return out.string();
  }
  return params.empty() ? "" : (dir / params).string();
}

// Seeded U[0, 1) floats (the distribution of graph_only/REFERENCE_STATUS.md).
interp::TensorMap RandomInputs(const graph::Program& program, const WholeModel& m) {
  interp::TensorMap feeds;
  uint32_t seed = 1;
  for (const std::string& name : program.inputs) {
    const graph::Var* var = program.FindVar(0, name);
    EXPECT_NE(var, nullptr) << name;
    if (var == nullptr) continue;
    std::vector<int64_t> dims = var->shape;
    if (const auto it = m.dims.find(name); it != m.dims.end()) dims = it->second;
    for (int64_t& d : dims) d = d < 0 ? 1 : d;
    feeds[name] = RandomTensor(var->dtype, dims, seed++, 0.0, 1.0);
  }
  return feeds;
}

class WholeModelTest : public ::testing::TestWithParam<WholeModel> {};

TEST_P(WholeModelTest, InterpreterMatchesOnnxRuntimeOnOurConversion) {
  const WholeModel& m = GetParam();
  const std::string params = ParamsPath(m);
  const std::string model_dir = (ModelZoo() / m.name).string();
  const graph::Program program =
      paddle::LoadModel(paddle::LocateModel(model_dir, m.model_filename, params));
  const interp::TensorMap feeds = RandomInputs(program, m);
  const interp::TensorMap reference = interp::Run(program, feeds);

  const fs::path out_dir = ScratchDir("onnx");
  ConvertOptions options;
  options.model_dir = model_dir;
  options.model_filename = m.model_filename;
  options.params_filename = params;
  options.save_file = (out_dir / "model.onnx").string();
  options.opset_version = 11;
  try {
    Convert(options);
  } catch (const Error& e) {
    FAIL() << "conversion failed: " << e.what();
  }
  const auto outputs = RunOrt({{options.save_file, feeds}});
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_TRUE(AllClose(outputs[0], reference, m.tol)) << "ONNX Runtime vs the interpreter";
}

std::vector<WholeModel> CoveredHere() {
  std::vector<WholeModel> models;
  for (const WholeModel& m : WholeModels()) {
    if (std::string(m.covered_by).empty()) models.push_back(m);
  }
  return models;
}

INSTANTIATE_TEST_SUITE_P(Zoo, WholeModelTest, ::testing::ValuesIn(CoveredHere()),
                         [](const auto& param_info) { return ZooTestName(param_info.param.name); });

// graph_only models with stored random weights and references: the
// interpreter itself against the references (the other zoo models are in
// tests/interpreter/model_zoo_interp_test.cc).
class GraphOnlyInterpreterTest : public ::testing::TestWithParam<ZooModel> {};

TEST_P(GraphOnlyInterpreterTest, MatchesStoredReferences) {
  const ZooModel& m = GetParam();
  const fs::path dir = ModelZoo() / m.name;
  const graph::Program program = paddle::LoadModel(paddle::LocateModel(
      dir.string(), (dir / m.model_filename).string(), (dir / m.params_filename).string()));
  const std::vector<ReferenceCase> cases = ReferenceCases(dir);
  ASSERT_FALSE(cases.empty()) << dir;
  for (const ReferenceCase& c : cases) {
    const interp::TensorMap got = interp::Run(program, c.LoadInputs());
    for (const auto& [name, want] : c.LoadOutputs()) {
      const auto it = got.find(name);
      ASSERT_NE(it, got.end()) << name;
      if (graph::IsInteger(want.dtype) && m.int_mismatches > 0) {
        // argmax near-ties may flip (MANIFEST.md)
        const auto a = it->second.ToInt64(), b = want.ToInt64();
        ASSERT_EQ(a.size(), b.size()) << name;
        int differing = 0;
        for (size_t k = 0; k < a.size(); ++k) differing += a[k] != b[k] ? 1 : 0;
        EXPECT_LE(differing, m.int_mismatches) << name;
        continue;
      }
      EXPECT_TRUE(AllClose(it->second, want, m.tol)) << c.name << " output " << name;
    }
  }
}

std::vector<ZooModel> GraphOnlyWithReferences() {
  std::vector<ZooModel> models;
  for (const ZooModel& m : ReferenceZooModels()) {
    if (std::string(m.name).rfind("graph_only/", 0) == 0) models.push_back(m);
  }
  return models;
}

INSTANTIATE_TEST_SUITE_P(Zoo, GraphOnlyInterpreterTest,
                         ::testing::ValuesIn(GraphOnlyWithReferences()),
                         [](const auto& param_info) { return ZooTestName(param_info.param.name); });

// Every zoo folder is covered by some whole-model test or listed with what
// it needs, so a model added to the zoo is not silently left out.
TEST(WholeModelList, ListsEveryZooModel) {
  std::set<std::string> listed(kNeverConvertible.begin(), kNeverConvertible.end());
  for (const ZooModel& m : ReferenceZooModels()) listed.insert(m.name);
  for (const WholeModel& m : WholeModels()) listed.insert(m.name);
  for (const fs::path& root : {ModelZoo(), ModelZoo() / "graph_only"}) {
    for (const auto& entry : fs::directory_iterator(root)) {
      if (!entry.is_directory() || entry.path().filename() == "graph_only") continue;
      const std::string name = root == ModelZoo()
                                   ? entry.path().filename().string()
                                   : "graph_only/" + entry.path().filename().string();
      EXPECT_EQ(listed.count(name), 1u) << name << " is in no whole-model list";
    }
  }
}

}  // namespace
}  // namespace pd2onnx::testing

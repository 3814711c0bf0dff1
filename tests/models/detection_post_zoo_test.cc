// Detection models whose post-processing is yolo_box / prior_box / box_coder
// + multiclass_nms*: converted at opsets 11 and 17, run in ONNX Runtime, and
// compared with our interpreter (Paddle semantics) on the same inputs. The
// zoo has no Paddle outputs for them, so the interpreter is the reference;
// each test also checks the detections are plausible (labels, scores,
// boxes inside the image, counts) and that there are some, so the NMS
// comparison is not vacuous.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "compare.h"
#include "detection_programs.h"
#include "framework.pb.h"
#include "interpreter/interpreter.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "program_cut.h"
#include "random_weights.h"
#include "support/error.h"
#include "support/npy.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

struct DetModel {
  std::string dir;      // under the zoo
  std::string program;  // program file name ("" = auto-detect)
  bool random_weights;  // graph_only: weights from WriteRandomWeightsFor
  std::string rows;     // NMS rows output [K, 6]
  std::string counts;   // per-image counts output ("" when none)
  int64_t num_classes;  // labels must lie in [0, num_classes)
  double tol;           // relative, see the comment at each model
  int low_opset = 11;   // the lower of the two opsets checked (17 is the other)
};

struct Prepared {
  ConvertOptions base;  // model_dir / files; save_file and opset set per run
  graph::Program program;
};

Prepared Prepare(const DetModel& m) {
  const fs::path dir = ModelZoo() / m.dir;
  Prepared p;
  p.base.model_dir = dir.string();
  if (!m.program.empty()) p.base.model_filename = (dir / m.program).string();
  if (m.random_weights) {
    const fs::path params =
        ScratchDir("detpost_weights_" + fs::path(m.dir).filename().string()) / "random.pdiparams";
    WriteRandomWeightsFor(dir / m.program, params, 7);
    p.base.params_filename = params.string();
  }
  p.program = paddle::LoadModel(
      paddle::LocateModel(p.base.model_dir, p.base.model_filename, p.base.params_filename));
  return p;
}

// Converts at each opset, runs ONNX Runtime and compares with `reference`.
void ExpectOrtMatches(const DetModel& m, const Prepared& p, const interp::TensorMap& inputs,
                      const interp::TensorMap& reference) {
  const fs::path out_dir = ScratchDir("detpost_" + fs::path(m.dir).filename().string());
  std::vector<OrtJob> jobs;
  const std::vector<int> opsets = {m.low_opset, 17};
  for (int opset : opsets) {
    ConvertOptions options = p.base;
    options.save_file = (out_dir / ("model_" + std::to_string(opset) + ".onnx")).string();
    options.opset_version = opset;
    try {
      const ConvertResult result = Convert(options);
      EXPECT_EQ(result.opset_version, opset) << m.dir;
      // Shown in the log for the closing note (nodes, whole-process time).
      std::cout << m.dir << " opset " << opset << ": " << result.onnx_nodes << " nodes, "
                << result.seconds << " s\n";
    } catch (const Error& e) {
      FAIL() << m.dir << " opset " << opset << ": " << e.message();
    }
    jobs.push_back({options.save_file, inputs});
  }
  const std::vector<interp::TensorMap> outputs = RunOrt(jobs);
  ASSERT_EQ(outputs.size(), jobs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    EXPECT_TRUE(AllClose(outputs[i], reference, m.tol)) << m.dir << " opset " << opsets[i];
  }
}

// Plausible detections: at least one row; label in range, score in (0, 1],
// x1 <= x2, y1 <= y2, counts summing to the rows.
void ExpectPlausible(const DetModel& m, const interp::TensorMap& reference,
                     bool check_corners = true) {
  ASSERT_EQ(reference.count(m.rows), 1u) << m.dir;
  const graph::HostTensor& rows = reference.at(m.rows);
  ASSERT_EQ(rows.dims.size(), 2u);
  ASSERT_EQ(rows.dims[1], 6) << m.dir << ": no detections, the NMS check would be vacuous";
  ASSERT_GT(rows.dims[0], 0) << m.dir << ": no detections";
  const std::vector<double> v = rows.ToDouble();
  for (int64_t r = 0; r < rows.dims[0]; ++r) {
    const double* row = v.data() + r * 6;
    EXPECT_GE(row[0], 0) << m.dir << " row " << r;
    EXPECT_LT(row[0], static_cast<double>(m.num_classes)) << m.dir << " row " << r;
    EXPECT_EQ(row[0], static_cast<double>(static_cast<int64_t>(row[0])));
    EXPECT_GT(row[1], 0) << m.dir << " row " << r;
    EXPECT_LE(row[1], 1) << m.dir << " row " << r;
    if (!check_corners) continue;
    EXPECT_LE(row[2], row[4]) << m.dir << " row " << r;
    EXPECT_LE(row[3], row[5]) << m.dir << " row " << r;
  }
  if (!m.counts.empty()) {
    const std::vector<int64_t> counts = reference.at(m.counts).ToInt64();
    int64_t total = 0;
    for (int64_t c : counts) total += c;
    EXPECT_EQ(total, rows.dims[0]) << m.dir;
  }
}

interp::TensorMap StoredInputs(const DetModel& m) {
  const fs::path dir = ModelZoo() / m.dir / "reference" / "random";
  interp::TensorMap inputs;
  for (const char* name : {"image", "im_shape", "scale_factor"}) {
    inputs[name] = support::ReadNpy(dir / (std::string("input.") + name + ".npy"));
  }
  return inputs;
}

// PP-YOLO tiny, real weights: 3 yolo_box + multiclass_nms3 (normalized=false).
// The conv stack runs in fp32 in both; 1e-4 relative to the box scale (320).
TEST(DetectionPostZoo, PpyoloTinyTrash) {
  const DetModel m{"ppyolo_tiny_trash",       "", false, "multiclass_nms3_0.tmp_0",
                   "multiclass_nms3_0.tmp_2", 80, 1e-4};
  const Prepared p = Prepare(m);
  const interp::TensorMap inputs = StoredInputs(m);
  const interp::TensorMap reference = interp::Run(p.program, inputs);
  ExpectPlausible(m, reference);
  ExpectOrtMatches(m, p, inputs, reference);
}

// BlazeFace, real weights: prior_box x2 (dynamic image size) + box decoding
// in plain ops + multiclass_nms3.
TEST(DetectionPostZoo, BlazefaceFaceDet) {
  const DetModel m{"blazeface_face_det", "", false, "", "", 1, 1e-4};
  const Prepared p = Prepare(m);
  const interp::TensorMap inputs = StoredInputs(m);
  const interp::TensorMap reference = interp::Run(p.program, inputs);
  DetModel named = m;
  named.rows = p.program.outputs.at(0);
  if (p.program.outputs.size() > 1) named.counts = p.program.outputs.at(1);
  ExpectPlausible(named, reference);
  ExpectOrtMatches(named, p, inputs, reference);
}

// Inputs for a graph_only detector: the image U[0, 1) at `size` where its
// extents are free, im_shape / im_size = the image extents, scale_factor 1.
interp::TensorMap SyntheticInputs(const graph::Program& program, int64_t size) {
  interp::TensorMap inputs;
  int64_t h = size;
  int64_t w = size;
  for (const std::string& name : program.inputs) {
    const graph::Var* var = program.FindVar(0, name);
    if (var != nullptr && var->shape.size() == 4) {
      std::vector<int64_t> dims = var->shape;
      dims[0] = 1;
      if (dims[2] < 0) dims[2] = size;
      if (dims[3] < 0) dims[3] = size;
      h = dims[2];
      w = dims[3];
      inputs[name] = RandomTensor(var->dtype, dims, 3, 0.0, 1.0);
    }
  }
  for (const std::string& name : program.inputs) {
    const graph::Var* var = program.FindVar(0, name);
    if (var == nullptr || var->shape.size() == 4) continue;
    const bool is_scale = name.find("scale") != std::string::npos;
    const std::vector<double> values =
        is_scale ? std::vector<double>{1.0, 1.0}
                 : std::vector<double>{static_cast<double>(h), static_cast<double>(w)};
    if (var->dtype == graph::DataType::kInt32) {
      inputs[name] = graph::HostTensor::From(
          var->dtype, {1, 2}, std::vector<int32_t>{int32_t(values[0]), int32_t(values[1])});
    } else {
      inputs[name] = graph::HostTensor::From(
          var->dtype, {1, 2}, std::vector<float>{float(values[0]), float(values[1])});
    }
  }
  return inputs;
}

struct GraphOnlyCase {
  DetModel model;
  int64_t image_size;      // used where the image extents are free
  bool expect_detections;  // false: random weights leave no box above the thresholds
};

class DetectionPostGraphOnly : public ::testing::TestWithParam<GraphOnlyCase> {};

// Random weights (graph_only/REFERENCE_STATUS.md distribution, seed 7): the
// class scores of an untrained head sit near the sigmoid / softmax middle,
// above these models' small score thresholds, so NMS sees many candidates
// with close scores and overlapping boxes: a demanding check of its order
// and ties. ExpectPlausible asserts that detections exist.
TEST_P(DetectionPostGraphOnly, MatchesInterpreterAtOpsets11And17) {
  DetModel m = GetParam().model;
  const Prepared p = Prepare(m);
  const interp::TensorMap inputs = SyntheticInputs(p.program, GetParam().image_size);
  const interp::TensorMap reference = interp::Run(p.program, inputs);
  if (m.rows.empty()) m.rows = p.program.outputs.at(0);
  if (GetParam().expect_detections) {
    // Untrained box heads may decode x2 < x1: no corner check here.
    ExpectPlausible(m, reference, false);
  } else {
    // Paddle's "nothing kept" output of multiclass_nms without Index: [[-1]].
    const std::vector<double> rows = reference.at(m.rows).ToDouble();
    EXPECT_EQ(reference.at(m.rows).dims, (std::vector<int64_t>{1, 1}));
    EXPECT_EQ(rows, std::vector<double>{-1.0});
  }
  ExpectOrtMatches(m, p, inputs, reference);
}

// graph_only/`name` cut before its first `op_type` op (tests/support/program_cut.h).
fs::path CutBefore(const std::string& name, const std::string& op_type,
                   const std::vector<std::string>& slots) {
  return CutProgramBefore(ModelZoo() / "graph_only" / name / "__model__", op_type, slots,
                          ScratchDir("detpost_cut_" + name));
}

// Regression: PicoDet mainbody (random weights) with im_shape 0.5 x 0.5, as
// `pd2onnx verify`'s U[0, 1) inputs give: every decoded box is clipped to
// the point (0.5, 0.5). Paddle's IoU of two such boxes is 0/0 = NaN, which
// suppresses, so it keeps exactly one row, the best score; ONNX
// NonMaxSuppression kept 100 (it never suppresses zero-area boxes).
TEST(DetectionPostZoo, PicodetBoxesClippedToOnePoint) {
  const DetModel m{"graph_only/picodet_PPLCNet_x2_5_mainbody_lite_v1.0_infer",
                   "inference.pdmodel",
                   true,
                   "",
                   "",
                   1,
                   1e-4,
                   13};  // its tensor arrays need opset 13
  const Prepared p = Prepare(m);
  interp::TensorMap inputs = SyntheticInputs(p.program, 640);
  inputs["im_shape"] =
      graph::HostTensor::From(graph::DataType::kFloat32, {1, 2}, std::vector<float>{0.5f, 0.5f});
  const interp::TensorMap reference = interp::Run(p.program, inputs);
  DetModel named = m;
  named.rows = p.program.outputs.at(0);
  named.counts = p.program.outputs.at(1);
  const graph::HostTensor& rows = reference.at(named.rows);
  ASSERT_EQ(rows.dims, (std::vector<int64_t>{1, 6}));
  const std::vector<double> row = rows.ToDouble();
  EXPECT_EQ(row[0], 0.0);
  EXPECT_GT(row[1], 0.025);  // above score_threshold
  for (int k = 2; k < 6; ++k) EXPECT_EQ(row[k], 0.5) << k;
  ExpectOrtMatches(named, p, inputs, reference);
}

// Converts `program_dir`/__model__ (with `params`) at `opset` and runs it in
// ONNX Runtime.
interp::TensorMap RunInOrt(const Prepared& p, const fs::path& out_dir, int opset,
                           const interp::TensorMap& inputs) {
  ConvertOptions options = p.base;
  options.save_file = (out_dir / ("model_" + std::to_string(opset) + ".onnx")).string();
  options.opset_version = opset;
  Convert(options);
  return RunOrt({{options.save_file, inputs}}).at(0);
}

// Adjacent sorted scores of one class closer than `eps` (score near-ties).
int64_t NearTies(const graph::HostTensor& scores, double eps) {
  const std::vector<double> v = scores.ToDouble();
  const int64_t m = scores.dims.at(2);
  int64_t ties = 0;
  for (size_t start = 0; start < v.size(); start += static_cast<size_t>(m)) {
    std::vector<double> cls(v.begin() + static_cast<std::ptrdiff_t>(start),
                            v.begin() + static_cast<std::ptrdiff_t>(start) + m);
    std::sort(cls.begin(), cls.end());
    for (size_t k = 1; k < cls.size(); ++k) ties += cls[k] - cls[k - 1] < eps ? 1 : 0;
  }
  return ties;
}

// graph_only/`name` (random weights) cut before its first `nms_op`, on a
// `size` x `size` synthetic image: the NMS inputs as ONNX Runtime computes
// them at opset 11 ({"boxes", "scores"}), once they are checked against the
// interpreter's within 1e-4. Logs how many adjacent same-class scores lie
// closer than twice the two runs' largest score difference: the near-ties
// that may reorder a whole model's rows. Empty on a failure.
interp::TensorMap NmsInputsFromOrt(const std::string& name, const std::string& nms_op,
                                   int64_t size) {
  const fs::path dir = CutBefore(name, nms_op, {"BBoxes", "Scores"});
  const DetModel m{dir.string(), "__model__", true, "", "", 0, 1e-4};
  const Prepared p = Prepare(m);
  const interp::TensorMap inputs = SyntheticInputs(p.program, size);
  const interp::TensorMap reference = interp::Run(p.program, inputs);
  const interp::TensorMap ort = RunInOrt(p, ScratchDir(name + "_cut"), 11, inputs);
  const auto close = AllClose(ort, reference, m.tol);
  EXPECT_TRUE(close) << name;
  if (!close) return {};
  const std::string boxes = p.program.outputs.at(0);
  const std::string scores = p.program.outputs.at(1);
  double max_diff = 0;
  const std::vector<double> a = ort.at(scores).ToDouble();
  const std::vector<double> b = reference.at(scores).ToDouble();
  for (size_t k = 0; k < a.size(); ++k) max_diff = std::max(max_diff, std::abs(a[k] - b[k]));
  std::cout << name << ": boxes " << graph::ShapeToString(ort.at(boxes).dims) << ", scores "
            << graph::ShapeToString(ort.at(scores).dims) << " differ by up to " << max_diff << "; "
            << NearTies(reference.at(scores), 2 * max_diff)
            << " adjacent same-class scores lie closer than twice that\n";
  return {{"boxes", ort.at(boxes)}, {"scores", ort.at(scores)}};
}

// SSD MobileNet (random weights, 300x300): its 5-way softmax scores all sit
// in [0.18, 0.22], 2278 boxes per class, so thousands of candidate scores
// are closer together than the fp32 noise between ONNX Runtime's and the
// interpreter's backbones, and the whole model's 200 kept rows (nms_top_k
// 400, keep_top_k 200) differ in about 11 rows. That is not the NMS: here the
// backbone up to multiclass_nms matches within 1e-4, and multiclass_nms
// alone, fed ONNX Runtime's own boxes and scores, gives exactly the
// interpreter's rows. The test logs the near-tie count behind the reorders.
TEST(DetectionPostZoo, SsdMobilenetNmsMatchesOnSameInputs) {
  const interp::TensorMap nms_inputs =
      NmsInputsFromOrt("ssd_mobilenet_fluid_combined", "multiclass_nms", 300);
  ASSERT_EQ(nms_inputs.size(), 2u);
  // The model's multiclass_nms attributes.
  ProgramBuilder q;
  q.Input("boxes", DataType::kFloat32, nms_inputs.at("boxes").dims)
      .Input("scores", DataType::kFloat32, nms_inputs.at("scores").dims)
      .Var("out", DataType::kFloat32, {-1, 6});
  q.Op("multiclass_nms")
      .In("BBoxes", {"boxes"})
      .In("Scores", {"scores"})
      .Out("Out", {"out"})
      .Attr("score_threshold", 0.01f)
      .Attr("nms_top_k", 400)
      .Attr("keep_top_k", 200)
      .Attr("nms_threshold", 0.45f)
      .Attr("normalized", true)
      .Attr("nms_eta", 1.0f)
      .Attr("background_label", 0);
  q.Output("out");
  ExpectMatchesReference(q, nms_inputs, {.opsets = {11, 17}});
}

// The whole SSD MobileNet model (random weights, 300x300) at opsets 11 and
// 17: the interpreter's row count, labels and scores (within 1e-4); the
// near-ties above may swap rows of equal score.
TEST(DetectionPostZoo, SsdMobilenetWholeModel) {
  DetModel m{"graph_only/ssd_mobilenet_fluid_combined", "__model__", true, "", "", 5, 1e-4};
  const Prepared p = Prepare(m);
  const interp::TensorMap inputs = SyntheticInputs(p.program, 300);
  const interp::TensorMap reference = interp::Run(p.program, inputs);
  m.rows = p.program.outputs.at(0);
  ExpectPlausible(m, reference, false);
  for (int opset : {11, 17}) {
    const interp::TensorMap ort = RunInOrt(p, ScratchDir("ssd_whole"), opset, inputs);
    EXPECT_TRUE(SameDetectionsUpToTies(ort.at(m.rows), reference.at(m.rows), 1e-4))
        << "opset " << opset;
  }
}

// PP-YOLO (random weights, 608x608, the exported size) cut before its
// matrix_nms: the backbone and three yolo_box heads match within 1e-4, and
// matrix_nms alone, fed ONNX Runtime's own boxes and scores, gives exactly
// the interpreter's rows. Its one class's 22743 scores are nearly all
// closer together than the fp32 noise between the two backbones (the test
// logs the count), which is why the whole model's rows may pick other boxes
// of the same score (DetectionRoiZoo.PpyoloDcnMatrixNmsWholeModel).
TEST(DetectionPostZoo, PpyoloDcnMatrixNmsMatchesOnSameInputs) {
  const interp::TensorMap nms_inputs =
      NmsInputsFromOrt("ppyolo_dcn_matrixnms_fluid", "matrix_nms", 608);
  ASSERT_EQ(nms_inputs.size(), 2u);
  ExpectMatchesReference(
      PpyoloMatrixNmsProgram(nms_inputs.at("boxes").dims, nms_inputs.at("scores").dims), nms_inputs,
      {.opsets = {11, 17}});
}

INSTANTIATE_TEST_SUITE_P(
    Zoo, DetectionPostGraphOnly,
    ::testing::Values(
        // Its batch-norm variances are named "<layer>.bn.var"; the random
        // weights find them as batch_norm's Variance input (before, they
        // were drawn around 0 and every score was NaN).
        GraphOnlyCase{{"graph_only/yolov3_darknet_rbc_fluid", "__model__", true, "", "", 80, 1e-4},
                      320,
                      true},
        GraphOnlyCase{
            {"graph_only/ppyoloe_plus_custom", "model.pdmodel", true, "", "", 80, 1e-4}, 320, true},
        // multiclass_nms3 with one class, keep_top_k 100 (640x640 fixed).
        GraphOnlyCase{{"graph_only/picodet_PPLCNet_x2_5_mainbody_lite_v1.0_infer",
                       "inference.pdmodel", true, "", "", 1, 1e-4, 13},
                      640,
                      true}),
    [](const ::testing::TestParamInfo<GraphOnlyCase>& param_info) {
      std::string name = fs::path(param_info.param.model.dir).filename().string();
      std::replace_if(
          name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
      return name;
    });

}  // namespace
}  // namespace pd2onnx::testing

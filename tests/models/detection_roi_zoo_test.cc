// Two-stage and DCN detection models of the zoo's graph_only set, with random
// weights: converted at opset 11 and 17, run in ONNX Runtime, and compared
// with our interpreter (Paddle semantics) on the same inputs. The reference
// converter failed on both (REFERENCE_STATUS.md), so the interpreter is the
// reference.
//
// A model whose ops are not all registered yet (ops of other areas still in
// progress, or LoD-only ops) is skipped, naming the missing op types.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "compare.h"
#include "detection_programs.h"
#include "framework.pb.h"
#include "interpreter/interpreter.h"
#include "mappers/registry.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "program_cut.h"
#include "random_weights.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

struct Prepared {
  ConvertOptions base;
  graph::Program program;
};

Prepared PrepareIn(const std::string& name, const fs::path& dir) {
  Prepared p;
  p.base.model_dir = dir.string();
  p.base.model_filename = (dir / "__model__").string();
  const fs::path params = ScratchDir("detroi_weights_" + name) / "random.pdiparams";
  WriteRandomWeightsFor(dir / "__model__", params, 7);
  p.base.params_filename = params.string();
  p.program = paddle::LoadModel(
      paddle::LocateModel(p.base.model_dir, p.base.model_filename, p.base.params_filename));
  return p;
}

Prepared Prepare(const std::string& name) {
  return PrepareIn(name, ModelZoo() / "graph_only" / name);
}

// graph_only/`name` cut before its first `op_type` op (tests/support/program_cut.h).
fs::path CutBefore(const std::string& name, const std::string& op_type,
                   const std::vector<std::string>& slots) {
  return CutProgramBefore(ModelZoo() / "graph_only" / name / "__model__", op_type, slots,
                          ScratchDir("detroi_cut_" + name));
}

// Op types of the program with no mapper, sorted.
std::string MissingOps(const graph::Program& program) {
  std::set<std::string> missing;
  for (const graph::Block& block : program.blocks) {
    for (const graph::Op& op : block.ops) {
      if (!mappers::IsFeedOrFetch(op.type) && mappers::BuiltinRegistry().Find(op.type) == nullptr) {
        missing.insert(op.type);
      }
    }
  }
  std::string list;
  for (const std::string& type : missing) list += (list.empty() ? "" : ", ") + type;
  return list;
}

// Converts the model at each opset and runs it in ONNX Runtime on `inputs`;
// the outputs per opset.
std::vector<interp::TensorMap> RunConvertedInOrt(const std::string& name, const Prepared& p,
                                                 const interp::TensorMap& inputs,
                                                 const std::vector<int>& opsets) {
  const fs::path out_dir = ScratchDir("detroi_onnx_" + name);
  std::vector<OrtJob> jobs;
  for (int opset : opsets) {
    ConvertOptions options = p.base;
    options.save_file = (out_dir / ("model_" + std::to_string(opset) + ".onnx")).string();
    options.opset_version = opset;
    try {
      const ConvertResult result = Convert(options);
      std::cout << name << " opset " << result.opset_version << ": " << result.onnx_nodes
                << " nodes in " << result.seconds << " s\n";
    } catch (const Error& e) {
      ADD_FAILURE() << name << " opset " << opset << ": " << e.message();
      return {};
    }
    jobs.push_back({options.save_file, inputs});
  }
  return RunOrt(jobs);
}

void ExpectOrtMatchesInterpreter(const std::string& name, const Prepared& p,
                                 const interp::TensorMap& inputs, double tol,
                                 const std::vector<int>& opsets = {11, 17}) {
  const interp::TensorMap reference = interp::Run(p.program, inputs);
  const std::vector<interp::TensorMap> outputs = RunConvertedInOrt(name, p, inputs, opsets);
  ASSERT_EQ(outputs.size(), opsets.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    EXPECT_TRUE(AllClose(outputs[i], reference, tol)) << name << " opset " << opsets[i];
  }
}

// 608x608, the size the model was exported for: its CoordConv head adds a
// fixed 19x19 coordinate grid.
interp::TensorMap PpyoloInputs() {
  return {{"image", RandomTensor(DataType::kFloat32, {1, 3, 608, 608}, 11, -1, 1)},
          {"im_size",
           HostTensor::From<int32_t>(DataType::kInt32, {1, 2}, std::vector<int32_t>{608, 608})}};
}

// The whole ppyolo_dcn_matrixnms_fluid model: backbone, three yolo_box and
// matrix_nms (linear decay, normalized=false, nms_top_k -1, keep_top_k 100,
// background_label -1), at opsets 11 and 17. Its one-class scores are
// near-ties by the thousand with random weights (see
// DetectionPostZoo.PpyoloDcnMatrixNmsMatchesOnSameInputs: the heads match
// within 1e-4, and matrix_nms on identical inputs gives identical rows), so
// fp32 noise may pick other boxes of the same score at the keep_top_k cut:
// the rows' count, labels and scores must match, not the box order.
TEST(DetectionRoiZoo, PpyoloDcnMatrixNmsWholeModel) {
  const std::string name = "ppyolo_dcn_matrixnms_fluid";
  const Prepared p = Prepare(name);
  ASSERT_EQ(MissingOps(p.program), "");
  const interp::TensorMap inputs = PpyoloInputs();
  const interp::TensorMap reference = interp::Run(p.program, inputs);
  const std::string out = p.program.outputs.at(0);
  const graph::HostTensor& rows = reference.at(out);
  ASSERT_EQ(rows.dims.size(), 2u);
  EXPECT_EQ(rows.dims[1], 6);
  EXPECT_GT(rows.dims[0], 1);
  std::cout << name << ": " << rows.dims[0] << " matrix_nms rows\n";
  const std::vector<int> opsets = {11, 17};
  const std::vector<interp::TensorMap> outputs = RunConvertedInOrt(name, p, inputs, opsets);
  ASSERT_EQ(outputs.size(), opsets.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    EXPECT_TRUE(SameDetectionsUpToTies(outputs[i].at(out), rows, 1e-4)) << "opset " << opsets[i];
  }
}

// matrix_nms with the model's attributes and shapes (22743 boxes, one
// class), on pixel boxes with about 2950 scores above score_threshold, so the
// decay runs in three row blocks of the Loop (the last one shorter) and
// keep_top_k at the model's scale.
TEST(DetectionRoiZoo, MatrixNmsAtPpyoloScale) {
  const int64_t m = 22743;
  const auto raw = RandomTensor(DataType::kFloat32, {1, m, 4}, 5, 0.0, 1.0).ToVector<float>();
  std::vector<float> boxes(raw.size());
  for (size_t k = 0; k < raw.size(); k += 4) {
    boxes[k] = raw[k] * 560;
    boxes[k + 1] = raw[k + 1] * 560;
    boxes[k + 2] = boxes[k] + 8 + raw[k + 2] * 120;
    boxes[k + 3] = boxes[k + 1] + 8 + raw[k + 3] * 120;
  }
  auto scores = RandomTensor(DataType::kFloat32, {1, 1, m}, 6, 0.0, 1.0).ToVector<float>();
  for (float& s : scores) s = s > 0.87f ? (s - 0.87f) * 7.5f : 0.0f;
  const ProgramBuilder q = PpyoloMatrixNmsProgram({1, m, 4}, {1, 1, m});
  const interp::TensorMap feeds = {
      {"boxes", HostTensor::From(DataType::kFloat32, {1, m, 4}, boxes)},
      {"scores", HostTensor::From(DataType::kFloat32, {1, 1, m}, scores)}};
  ExpectMatchesReference(q, feeds, {.opsets = {11, 17}});
}

// The same model up to its first yolo_box (its X fetched: the 19×19 head
// on res5): the ResNet50-vd backbone with its three deformable_conv v2
// (decomposed at 11 and 17, DeformConv at 19). Random weights make the
// activations large, so 1e-4 relative to the largest.
TEST(DetectionRoiZoo, PpyoloDcnBackbone) {
  const std::string name = "ppyolo_dcn_matrixnms_fluid";
  const fs::path dir = CutBefore(name, "yolo_box", {"X"});
  const Prepared p = PrepareIn(name, dir);
  ASSERT_EQ(MissingOps(p.program), "");
  ExpectOrtMatchesInterpreter(name, p, PpyoloInputs(), 1e-4, {11, 17, 19});
}

// Faster R-CNN FPN (PaddleX, fluid): anchor_generator, generate_proposals
// x5, collect/distribute_fpn_proposals, roi_align x4, then the box head
// with the LoD ops lod_reset / sequence_expand, box_coder, box_clip and
// the LoD form of multiclass_nms (Scores [R, 22], BBoxes [R, 22, 4]).
// There is no reference converter output (it aborts on 9 of these ops), so
// the reference is the interpreter, from Paddle's documented semantics.
// One image: ONNX carries no LoD.
TEST(DetectionRoiZoo, FasterRcnnFpnWholeModel) {
  const std::string name = "faster_rcnn_fpn_fluid";
  const Prepared p = Prepare(name);
  ASSERT_EQ(MissingOps(p.program), "");
  const interp::TensorMap inputs = {
      {"image", RandomTensor(DataType::kFloat32, {1, 3, 320, 416}, 3, -1, 1)},
      {"im_info", HostTensor::From<float>(DataType::kFloat32, {1, 3}, {320, 416, 1})},
      {"im_shape", HostTensor::From<float>(DataType::kFloat32, {1, 3}, {320, 416, 1})}};
  const interp::TensorMap reference = interp::Run(p.program, inputs);
  const graph::HostTensor& rows = reference.at(p.program.outputs.at(0));
  ASSERT_EQ(rows.dims.size(), 2u);
  std::cout << name << ": " << rows.dims[0] << " rows of " << rows.dims[1] << "\n";
  EXPECT_EQ(rows.dims[1], 6);
  EXPECT_GT(rows.dims[0], 1);
  ExpectOrtMatchesInterpreter(name, p, inputs, 1e-4, {11, 17});

  // Two images would need the RoIs' LoD to tell them apart: the model fails
  // at run time rather than mixing the images' detections.
  ConvertOptions options = p.base;
  options.save_file = (ScratchDir("faster_rcnn_batch2") / "m.onnx").string();
  Convert(options);
  const interp::TensorMap two_images = {
      {"image", RandomTensor(DataType::kFloat32, {2, 3, 320, 416}, 3, -1, 1)},
      {"im_info", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {320, 416, 1, 320, 416, 1})},
      {"im_shape",
       HostTensor::From<float>(DataType::kFloat32, {2, 3}, {320, 416, 1, 320, 416, 1})}};
  EXPECT_THROW(RunOrt({{options.save_file, two_images}}), std::runtime_error);
}

}  // namespace
}  // namespace pd2onnx::testing

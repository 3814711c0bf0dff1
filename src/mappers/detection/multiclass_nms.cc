// multiclass_nms / multiclass_nms2 / multiclass_nms3 (BBoxes [N, M, 4],
// Scores [N, C, M]) → ONNX NonMaxSuppression with Paddle's exact selection:
//
// 1. Candidates. Per (image, class), TopK sorts the scores with ties broken
//    by the lower box index (= Paddle's stable sort) and keeps nms_top_k of
//    them. NonMaxSuppression gets, instead of the scores, each candidate's
//    rank K - j (j = sorted position; 0 for boxes below score_threshold,
//    beyond nms_top_k, or of the background class) and score_threshold 0:
//    its strict ">" then keeps exactly Paddle's candidates, and its order
//    no longer depends on how it breaks score ties.
// 2. IoU. NonMaxSuppression suppresses when IoU > iou_threshold, Paddle
//    keeps when IoU <= nms_threshold: the same test. normalized=false adds
//    1 to widths and heights; adding 1 to x2 and y2 gives the same areas and
//    intersections. Two differences remain, both outside valid detections:
//    boxes with x2 < x1 (Paddle: area 0; ONNX: corners reordered), and
//    with normalized=false, boxes apart by a gap under 1 (Paddle: IoU 0;
//    here the +1 makes them overlap).
// 3. keep_top_k. The selected scores are scattered into a dense
//    [N, C*M] tensor (-inf elsewhere); TopK over it breaks ties by the lower
//    c*M + i, which is Paddle's stable sort over (label, NMS order).
// 4. Rows [label, score, x1, y1, x2, y2] come in NonMaxSuppression's order:
//    by image, class, then selection (Paddle's order); Index = b*M + i,
//    NmsRoisNum = rows per image. Without an Index output Paddle writes one
//    -1 when nothing is kept; with it, an empty [0, 6].
// nms_eta < 1 (an adaptive IoU threshold) has no ONNX equivalent and fails.
#include <limits>
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

struct NmsAttrs {
  float score_threshold;
  int64_t nms_top_k;
  int64_t keep_top_k;
  float nms_threshold;
  bool normalized;
  float nms_eta;
  int64_t background_label;
};

NmsAttrs ReadAttrs(const graph::Op& op) {
  NmsAttrs a{op.Attr<float>("score_threshold"),      op.Attr<int64_t>("nms_top_k", -1),
             op.Attr<int64_t>("keep_top_k", -1),     op.Attr<float>("nms_threshold", 0.3f),
             op.Attr<bool>("normalized", true),      op.Attr<float>("nms_eta", 1.0f),
             op.Attr<int64_t>("background_label", 0)};
  if (a.nms_eta < 1.0f) {
    Fail(ErrorKind::kUnsupported,
         "{}: nms_eta={} (an adaptive IoU threshold) is not supported; only nms_eta=1", op.type,
         a.nms_eta);
  }
  PD2ONNX_CHECK(a.nms_threshold >= 0.0f && a.nms_threshold <= 1.0f, ErrorKind::kUnsupported,
                "{}: nms_threshold={} is not supported (ONNX needs it in [0, 1])", op.type,
                a.nms_threshold);
  return a;
}

std::string Column(MapContext& cx, const std::string& x, int64_t k) {
  return cx.Squeeze(cx.Slice(x, {k}, {k + 1}, {1}), {1});
}

// min(a, b) of int64 tensors; Min takes int64 only from opset 12.
std::string MinI64(MapContext& cx, const std::string& a, const std::string& b) {
  return cx.Node("Where", {cx.Node("Less", {a, b}), a, b});
}

std::string RangeTo(MapContext& cx, const std::string& extent_1d) {
  return cx.Node("Range", {cx.ScalarOf(DataType::kInt64, 0), cx.Squeeze(extent_1d, {0}),
                           cx.ScalarOf(DataType::kInt64, 1)});
}

// Step 1: the rank scores [N, C, M] fed to NonMaxSuppression.
std::string RankScores(MapContext& cx, const NmsAttrs& a, const std::string& scores,
                       const std::string& shape) {
  const std::string c = cx.Slice(shape, {1}, {2}, {0});
  const std::string m = cx.Slice(shape, {2}, {3}, {0});
  std::string k = m;
  if (a.nms_top_k > -1) k = MinI64(cx, m, cx.ConstI64({a.nms_top_k}));
  const auto top = cx.NodeN("TopK", {scores, k}, 2, {{"axis", 2}, {"largest", 1}, {"sorted", 1}});
  const std::string ranks =
      cx.Cast(cx.Node("Range", {cx.Squeeze(k, {0}), cx.ScalarOf(DataType::kInt64, 0),
                                cx.ScalarOf(DataType::kInt64, -1)}),
              DataType::kFloat32);
  std::string valid =
      cx.Node("Greater", {top[0], cx.ScalarOf(DataType::kFloat32, a.score_threshold)});
  const std::string labels = cx.Reshape(RangeTo(cx, c), {1, -1, 1});
  const std::string not_background = cx.Node(
      "Not", {cx.Node("Equal", {labels, cx.ScalarOf(DataType::kInt64, a.background_label)})});
  valid = cx.Node("And", {valid, not_background});
  const std::string rank_of_sorted =
      cx.Node("Where", {valid, ranks, cx.ScalarOf(DataType::kFloat32, 0.0)});
  const std::string zeros = cx.Node("ConstantOfShape", {shape});
  return cx.Node("ScatterElements", {zeros, top[1], rank_of_sorted}, {{"axis", 2}});
}

// Step 3: 1 for selected rows that survive keep_top_k (as bool [S]).
std::string KeepTopK(MapContext& cx, const NmsAttrs& a, const std::string& shape,
                     const std::string& selected, const std::string& score,
                     const std::string& flat_index) {
  onnx::TensorProto minus_inf;
  minus_inf.set_data_type(onnx::TensorProto::FLOAT);
  minus_inf.add_dims(1);
  minus_inf.add_float_data(-std::numeric_limits<float>::infinity());
  const std::string filled = cx.Node("ConstantOfShape", {shape}, {{"value", minus_inf}});
  const std::string dense =
      cx.Reshape(cx.Node("ScatterND", {filled, selected, score}), {0, -1});  // [N, C*M]
  const std::string cm =
      cx.Node("Mul", {cx.Slice(shape, {1}, {2}, {0}), cx.Slice(shape, {2}, {3}, {0})});
  const std::string k = MinI64(cx, cm, cx.ConstI64({a.keep_top_k}));
  const auto top = cx.NodeN("TopK", {dense, k}, 2, {{"axis", 1}, {"largest", 1}, {"sorted", 1}});
  const std::string kept = cx.Cast(
      cx.Node("Greater",
              {top[0], cx.ScalarOf(DataType::kFloat32, -std::numeric_limits<float>::infinity())}),
      DataType::kFloat32);
  const std::string none = cx.Node("ConstantOfShape", {cx.Shape(dense)});
  const std::string mask = cx.Node("ScatterElements", {none, top[1], kept}, {{"axis", 1}});
  return cx.Cast(cx.Node("GatherND", {mask, flat_index}), DataType::kBool);
}

// Without an Index output: [[-1]] instead of an empty [0, 6].
std::string MinusOneWhenEmpty(MapContext& cx, const std::string& rows) {
  const std::string count = cx.Slice(cx.Shape(rows), {0}, {1}, {0});
  const std::string empty =
      cx.Cast(cx.Node("Equal", {count, cx.ConstI64({0})}), DataType::kInt64);  // [1]: 0 or 1
  const std::string filler = cx.Node("Expand", {cx.ConstF32({-1.0f}, {1}), empty});
  const std::string flat = cx.Node("Concat", {cx.Reshape(rows, {-1}), filler}, {{"axis", 0}});
  const std::string cols =
      cx.Node("Sub", {cx.ConstI64({6}), cx.Node("Mul", {empty, cx.ConstI64({5})})});
  const std::string shape =
      cx.Node("Concat", {cx.Node("Add", {count, empty}), cols}, {{"axis", 0}});
  return cx.Node("Reshape", {flat, shape});
}

void CheckInputs(MapContext& cx, const graph::Op& op) {
  const auto& boxes = cx.InputVar(op, "BBoxes");
  const auto& scores = cx.InputVar(op, "Scores");
  PD2ONNX_CHECK(scores.shape.size() == 3 && boxes.shape.size() == 3, ErrorKind::kUnsupported,
                "{}: only BBoxes [N, M, 4] with Scores [N, C, M] are supported; the LoD form "
                "(Scores [M, C], BBoxes [M, C, 4]) is not (got ranks {} and {})",
                op.type, boxes.shape.size(), scores.shape.size());
  PD2ONNX_CHECK(boxes.shape[2] == 4 || boxes.shape[2] == -1, ErrorKind::kUnsupported,
                "{}: boxes of {} coordinates (polygons) are not supported", op.type,
                boxes.shape[2]);
}

void Emit11(MapContext& cx, const graph::Op& op) {
  CheckInputs(cx, op);
  const NmsAttrs a = ReadAttrs(op);
  const std::string boxes = cx.Input(op, "BBoxes");
  const std::string scores = cx.Input(op, "Scores");
  const std::string shape = cx.Shape(scores);
  const std::string m = cx.Slice(shape, {2}, {3}, {0});
  const std::string nms_boxes =
      a.normalized ? boxes : cx.Node("Add", {boxes, cx.ConstF32({0, 0, 1, 1}, {4})});
  const std::string selected =
      cx.Node("NonMaxSuppression", {nms_boxes, RankScores(cx, a, scores, shape), m,
                                    cx.ConstF32({a.nms_threshold}, {1}), cx.ConstF32({0.0f}, {1})});
  const std::string b = Column(cx, selected, 0);
  const std::string c = Column(cx, selected, 1);
  const std::string i = Column(cx, selected, 2);
  const std::string score = cx.Node("GatherND", {scores, selected});
  const std::string box_index =
      cx.Node("Concat", {cx.Unsqueeze(b, {1}), cx.Unsqueeze(i, {1})}, {{"axis", 1}});
  const std::string box = cx.Node("GatherND", {boxes, box_index});
  std::string rows = cx.Node(
      "Concat", {cx.Unsqueeze(cx.Cast(c, DataType::kFloat32), {1}), cx.Unsqueeze(score, {1}), box},
      {{"axis", 1}});
  std::string index = cx.Unsqueeze(cx.Node("Add", {cx.Node("Mul", {b, m}), i}), {1});
  std::string image = b;
  if (a.keep_top_k > -1) {
    const std::string flat = cx.Node("Add", {cx.Node("Mul", {c, m}), i});
    const std::string flat_index =
        cx.Node("Concat", {cx.Unsqueeze(b, {1}), cx.Unsqueeze(flat, {1})}, {{"axis", 1}});
    const std::string keep = KeepTopK(cx, a, shape, selected, score, flat_index);
    rows = cx.Node("Compress", {rows, keep}, {{"axis", 0}});
    index = cx.Node("Compress", {index, keep}, {{"axis", 0}});
    image = cx.Node("Compress", {b, keep}, {{"axis", 0}});
  }
  const bool has_index = op.HasOutput("Index");
  cx.Bind(op, "Out", has_index ? rows : MinusOneWhenEmpty(cx, rows));
  if (has_index) cx.Bind(op, "Index", cx.Cast(index, DataType::kInt32));
  if (op.HasOutput("NmsRoisNum")) {
    const std::string images = cx.Unsqueeze(RangeTo(cx, cx.Slice(shape, {0}, {1}, {0})), {0});
    const std::string hits =
        cx.Cast(cx.Node("Equal", {cx.Unsqueeze(image, {1}), images}), DataType::kInt64);
    cx.Bind(op, "NmsRoisNum", cx.Cast(cx.Reduce("ReduceSum", hits, {0}, false), DataType::kInt32));
  }
}

OpsetNeed MinOpset(const graph::Op&) {
  return {11, "NonMaxSuppression with ScatterElements, GatherND and Range"};
}

}  // namespace

void RegisterMulticlassNms(Registry& r) {
  for (const char* type : {"multiclass_nms", "multiclass_nms2", "multiclass_nms3"}) {
    r.Add(type, MinOpset, {{11, Emit11}});
  }
}

}  // namespace pd2onnx::mappers

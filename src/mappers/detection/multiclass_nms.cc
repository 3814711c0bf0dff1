// multiclass_nms / multiclass_nms2 / multiclass_nms3 (BBoxes [N, M, 4],
// Scores [N, C, M]) → ONNX NonMaxSuppression with Paddle's exact selection.
// The LoD form (BBoxes [M, C, 4]: a box per class; Scores [M, C]) is one
// image, as ONNX carries no LoD: Scores become [1, C, M], and the boxes of
// class c are read from BBoxes[:, c] (NonMaxSuppression gets the classes as
// its batch).
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
//    intersections. The two IoUs agree while every candidate box has a
//    finite positive Paddle area. Otherwise (x2 < x1, a zero width or height
//    when normalized, NaN or infinite coordinates; e.g. boxes clipped to an
//    empty image) they do not: two touching zero-area boxes have Paddle IoU
//    0/0 = NaN, which suppresses, where NonMaxSuppression never suppresses a
//    zero-area box. An If then runs Paddle's greedy NMS exactly instead, as a
//    Loop over the sorted ranks with Paddle's IoU (paddle_iou.h). One
//    difference remains on the NonMaxSuppression path, with
//    normalized=false: boxes apart by a gap under 1 (Paddle: IoU 0; here
//    the +1 makes them overlap).
// 3. keep_top_k. The selected scores are scattered into a dense
//    [N, C*M] tensor (-inf elsewhere); TopK over it breaks ties by the lower
//    c*M + i, which is Paddle's stable sort over (label, NMS order).
// 4. Rows [label, score, x1, y1, x2, y2] come in NonMaxSuppression's order:
//    by image, class, then selection (Paddle's order); Index = b*M + i,
//    NmsRoisNum = rows per image. Without an Index output Paddle writes one
//    -1 when nothing is kept; with it, an empty [0, 6].
// nms_eta < 1 (Paddle's adaptive IoU threshold: after each kept box of a
// class, threshold *= nms_eta while it is above 0.5) always takes the Loop,
// which carries each class's threshold.
#include <limits>
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/detection/paddle_iou.h"
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

// Step 1: each (image, class)'s candidates, sorted, and the rank scores
// [N, C, M] fed to NonMaxSuppression.
struct Candidates {
  std::string k;      // [1]: min(nms_top_k, M)
  std::string score;  // [N, C, K], sorted
  std::string box;    // [N, C, K]: box index of each sorted candidate
  std::string valid;  // [N, C, K]: above score_threshold and not background
  std::string rank_scores;
  std::string labels;  // [1, C, 1]: each class's label
};

Candidates SortCandidates(MapContext& cx, const NmsAttrs& a, const std::string& scores,
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
  return {k,
          top[0],
          top[1],
          valid,
          cx.Node("ScatterElements", {zeros, top[1], rank_of_sorted}, {{"axis", 2}}),
          labels};
}

// The boxes: shared by the classes (BBoxes [N, M, 4]), or the LoD form's
// box per class (BBoxes [M, C, 4], one image).
struct Boxes {
  std::string value;
  bool per_class = false;
};

// The candidates' boxes [N, C, K, 4].
std::string SortedBoxes(MapContext& cx, const Boxes& boxes, const std::string& shape,
                        const Candidates& cand) {
  if (boxes.per_class) {  // box i of class c is row i * C + c
    const std::string c = cx.Squeeze(cx.Slice(shape, {1}, {2}, {0}), {0});
    const std::string rows = cx.Node("Add", {cx.Node("Mul", {cand.box, c}), cand.labels});
    return cx.Node("Gather", {cx.Reshape(boxes.value, {-1, 4}), rows}, {{"axis", 0}});
  }
  const std::string n = cx.Slice(shape, {0}, {1}, {0});
  const std::string m = cx.Squeeze(cx.Slice(shape, {2}, {3}, {0}), {0});
  const std::string image_offset = cx.Reshape(cx.Node("Mul", {RangeTo(cx, n), m}), {-1, 1, 1});
  return cx.Node("Gather",
                 {cx.Reshape(boxes.value, {-1, 4}), cx.Node("Add", {cand.box, image_offset})},
                 {{"axis", 0}});
}

// True when a candidate's box is one where NonMaxSuppression's IoU is not
// Paddle's: Paddle's area is 0 (x2 < x1, y2 < y1, or a zero width or height
// when normalized), not finite, or NaN.
std::string AnyIrregularBox(MapContext& cx, const NmsAttrs& a, const BoxCorners& sorted,
                            const std::string& valid) {
  const std::string area = PaddleBoxArea(cx, sorted, a.normalized);
  const std::string regular = cx.Node(
      "And", {cx.Node("Greater", {area, cx.ScalarOf(DataType::kFloat32, 0.0)}),
              cx.Node("Less", {area, cx.ScalarOf(DataType::kFloat32,
                                                 std::numeric_limits<float>::infinity())})});
  const std::string irregular =
      cx.Cast(cx.Node("And", {valid, cx.Node("Not", {regular})}), DataType::kFloat32);
  return cx.Node("Greater", {cx.Reduce("ReduceSum", irregular, {0, 1, 2}, false),
                             cx.ScalarOf(DataType::kFloat32, 0.0)});
}

onnx::TypeProto ScalarType(DataType dtype) {
  const std::vector<int64_t> scalar;
  return MapContext::TensorType(dtype, &scalar);
}

// Paddle's greedy NMS, exactly: a Loop over the sorted rank i (all images
// and classes at once) keeps candidate i when it is valid and its IoU with
// every kept candidate is <= nms_threshold (a NaN IoU suppresses). Returns
// [S, 3] (image, class, box) like NonMaxSuppression, in its order.
std::string GreedyNms(MapContext& cx, const NmsAttrs& a, const Candidates& cand,
                      const std::string& sorted_boxes, const BoxCorners& sorted) {
  const std::string keep_none =
      cx.Cast(cx.Node("ConstantOfShape", {cx.Shape(cand.valid)}), DataType::kBool);
  const std::string image_class = cx.Slice(cx.Shape(cand.valid), {0}, {2}, {0});
  const std::string threshold_all =  // [N, C]: each class's (adaptive) threshold
      cx.Node("Add", {cx.Node("ConstantOfShape", {image_class}),
                      cx.ScalarOf(DataType::kFloat32, a.nms_threshold)});
  const std::string range_k = RangeTo(cx, cand.k);
  cx.BeginSubgraph();
  const std::string i = cx.SubgraphInput("i", ScalarType(DataType::kInt64));
  const std::string cond = cx.SubgraphInput("cond", ScalarType(DataType::kBool));
  const std::string keep = cx.SubgraphInput("keep", MapContext::TensorType(DataType::kBool));
  const std::string threshold =
      cx.SubgraphInput("threshold", MapContext::TensorType(DataType::kFloat32));
  const BoxCorners current =
      CornersOf(cx, cx.Node("Gather", {sorted_boxes, i}, {{"axis", 2}}), 3, false);
  const std::string iou = PaddleIou(cx, current, sorted, a.normalized);  // [N, C, K]
  const std::string limit = cx.Unsqueeze(threshold, {2});
  const std::string within =
      cx.Node("Or", {cx.Node("Less", {iou, limit}), cx.Node("Equal", {iou, limit})});
  const std::string blocking =
      cx.Cast(cx.Node("And", {keep, cx.Node("Not", {within})}), DataType::kFloat32);
  const std::string blocked = cx.Node("Greater", {cx.Reduce("ReduceMax", blocking, {2}, false),
                                                  cx.ScalarOf(DataType::kFloat32, 0.0)});
  const std::string kept_now = cx.Node(
      "And", {cx.Node("Gather", {cand.valid, i}, {{"axis", 2}}), cx.Node("Not", {blocked})});
  const std::string at_i = cx.Node("Equal", {range_k, i});
  const std::string next =
      cx.Node("Or", {keep, cx.Node("And", {at_i, cx.Unsqueeze(kept_now, {2})})});
  std::string next_threshold = threshold;
  if (a.nms_eta < 1.0f) {  // Paddle: after a kept box, threshold *= eta while it is > 0.5
    const std::string adapts = cx.Node(
        "And", {kept_now, cx.Node("Greater", {threshold, cx.ScalarOf(DataType::kFloat32, 0.5)})});
    next_threshold = cx.Node(
        "Where", {adapts, cx.Node("Mul", {threshold, cx.ScalarOf(DataType::kFloat32, a.nms_eta)}),
                  threshold});
  }
  onnx::GraphProto body =
      cx.EndSubgraph("greedy_nms", {{cond, ScalarType(DataType::kBool)},
                                    {next, MapContext::TensorType(DataType::kBool)},
                                    {next_threshold, MapContext::TensorType(DataType::kFloat32)}});
  const std::string kept = cx.NodeN("Loop", {cx.Squeeze(cand.k, {0}), "", keep_none, threshold_all},
                                    2, {{"body", std::move(body)}})[0];
  const std::string where = cx.Transpose(cx.Node("NonZero", {kept}), {1, 0});  // [S, 3]
  const std::string box = cx.Node("GatherND", {cand.box, where});
  return cx.Node("Concat", {cx.Slice(where, {0}, {2}, {1}), cx.Unsqueeze(box, {1})}, {{"axis", 1}});
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

// True for the LoD form (Scores [M, C] with BBoxes [M, C, 4]).
bool CheckInputs(MapContext& cx, const graph::Op& op) {
  RequireFloat32Inputs(cx, op, {"BBoxes", "Scores"});  // NonMaxSuppression is float32 only
  const auto& boxes = cx.InputVar(op, "BBoxes");
  const auto& scores = cx.InputVar(op, "Scores");
  PD2ONNX_CHECK(boxes.shape.size() == 3 && (scores.shape.size() == 3 || scores.shape.size() == 2),
                ErrorKind::kUnsupported,
                "{}: expected BBoxes [N, M, 4] with Scores [N, C, M], or the LoD form BBoxes "
                "[M, C, 4] with Scores [M, C] (got ranks {} and {})",
                op.type, boxes.shape.size(), scores.shape.size());
  PD2ONNX_CHECK(boxes.shape[2] == 4 || boxes.shape[2] == -1, ErrorKind::kUnsupported,
                "{}: boxes of {} coordinates (polygons) are not supported", op.type,
                boxes.shape[2]);
  return scores.shape.size() == 2;
}

// Step 2: the kept candidates [S, 3] (image, class, box), by image, class
// and selection: NonMaxSuppression, or the exact Loop where its IoU is not
// Paddle's or the threshold adapts.
std::string SelectBoxes(MapContext& cx, const NmsAttrs& a, const Boxes& boxes, const std::string& m,
                        const Candidates& cand, const std::string& sorted_boxes,
                        const BoxCorners& sorted) {
  if (a.nms_eta < 1.0f) return GreedyNms(cx, a, cand, sorted_boxes, sorted);
  cx.BeginSubgraph();
  onnx::GraphProto exact = cx.EndSubgraph(
      "exact_nms",
      {{GreedyNms(cx, a, cand, sorted_boxes, sorted), MapContext::TensorType(DataType::kInt64)}});
  cx.BeginSubgraph();
  // Per-class boxes: the classes become NonMaxSuppression's batch ([C, M, 4]
  // boxes, [C, 1, M] scores), and its (c, 0, i) rows become (0, c, i).
  std::string nms_boxes = boxes.per_class ? cx.Transpose(boxes.value, {1, 0, 2}) : boxes.value;
  if (!a.normalized) nms_boxes = cx.Node("Add", {nms_boxes, cx.ConstF32({0, 0, 1, 1}, {4})});
  const std::string nms_scores =
      boxes.per_class ? cx.Reshape(cand.rank_scores, {-1, 1, 0}) : cand.rank_scores;
  std::string onnx_nms = cx.Node(
      "NonMaxSuppression",
      {nms_boxes, nms_scores, m, cx.ConstF32({a.nms_threshold}, {1}), cx.ConstF32({0.0f}, {1})});
  if (boxes.per_class) {
    onnx_nms = cx.Node("Gather", {onnx_nms, cx.ConstI64({1, 0, 2})}, {{"axis", 1}});
  }
  onnx::GraphProto fast =
      cx.EndSubgraph("onnx_nms", {{onnx_nms, MapContext::TensorType(DataType::kInt64)}});
  return cx.Node("If", {AnyIrregularBox(cx, a, sorted, cand.valid)},
                 {{"then_branch", std::move(exact)}, {"else_branch", std::move(fast)}});
}

void Emit11(MapContext& cx, const graph::Op& op) {
  const bool lod_form = CheckInputs(cx, op);
  const NmsAttrs a = ReadAttrs(op);
  const Boxes boxes{cx.Input(op, "BBoxes"), lod_form};
  const std::string scores = lod_form
                                 ? cx.Unsqueeze(cx.Transpose(cx.Input(op, "Scores"), {1, 0}), {0})
                                 : cx.Input(op, "Scores");
  const std::string shape = cx.Shape(scores);
  const std::string m = cx.Slice(shape, {2}, {3}, {0});
  const Candidates cand = SortCandidates(cx, a, scores, shape);
  const std::string sorted_boxes = SortedBoxes(cx, boxes, shape, cand);
  const BoxCorners sorted = CornersOf(cx, sorted_boxes, 4, true);
  const std::string selected = SelectBoxes(cx, a, boxes, m, cand, sorted_boxes, sorted);
  const std::string b = Column(cx, selected, 0);
  const std::string c = Column(cx, selected, 1);
  const std::string i = Column(cx, selected, 2);
  const std::string score = cx.Node("GatherND", {scores, selected});
  const std::string box_index =
      cx.Node("Concat", {cx.Unsqueeze(lod_form ? i : b, {1}), cx.Unsqueeze(lod_form ? c : i, {1})},
              {{"axis", 1}});
  const std::string box = cx.Node("GatherND", {boxes.value, box_index});
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

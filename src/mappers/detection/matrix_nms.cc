// matrix_nms (BBoxes [N, M, 4], Scores [N, C, M]) → a dense ONNX
// decomposition of Paddle's Matrix NMS (SOLOv2), per image and class:
//
// 1. Candidates. TopK sorts each class's scores (ties: lower box index
//    first) and keeps K = min(nms_top_k, M, the most candidates of any
//    class) of them; a candidate is valid when its score > score_threshold
//    and its class is not background. Valid candidates form a prefix of the
//    sorted order.
// 2. IoU between sorted candidates i (rows) and j < i (columns), with
//    Paddle's JaccardOverlap: 0 when the boxes are apart, areas 0 for
//    x2 < x1 or y2 < y1, +1 to widths and heights when normalized=false.
//    max/min follow std::max/std::min's operand order, so NaN boxes give
//    what Paddle gives. A Loop computes it a block of rows at a time: the
//    whole [K, K] matrix for PP-YOLO's 22743 boxes of one class would take
//    2 GB per tensor (Paddle keeps half of it, 1 GB).
// 3. max_iou[j] = max(0, IoU of j with the candidates above it); the decay
//    of i is the smallest over j < i of exp((max_iou[j]^2 - iou[i,j]^2) *
//    gaussian_sigma) or (1 - iou[i,j]) / (1 - max_iou[j]), and at most 1
//    (std::min from 1 skips NaN, so NaN decays are dropped here too).
// 4. Decayed score = decay * score; kept when > post_threshold. A TopK over
//    the image's [C*K] kept scores (-inf elsewhere; ties: lower class, then
//    rank) applies keep_top_k and gives Paddle's row order, by decayed score.
//    Paddle's std::partial_sort leaves the order of equal scores unspecified;
//    this picks the stable order.
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

struct MatrixNmsAttrs {
  float score_threshold;
  float post_threshold;
  int64_t nms_top_k;
  int64_t keep_top_k;
  bool use_gaussian;
  float gaussian_sigma;
  int64_t background_label;
  bool normalized;
};

MatrixNmsAttrs ReadAttrs(const graph::Op& op) {
  const MatrixNmsAttrs a{
      op.Attr<float>("score_threshold"),       op.Attr<float>("post_threshold", 0.0f),
      op.Attr<int64_t>("nms_top_k", -1),       op.Attr<int64_t>("keep_top_k", -1),
      op.Attr<bool>("use_gaussian", false),    op.Attr<float>("gaussian_sigma", 2.0f),
      op.Attr<int64_t>("background_label", 0), op.Attr<bool>("normalized", true)};
  // Paddle writes past the end of its IoU buffer for nms_top_k=0.
  PD2ONNX_CHECK(a.nms_top_k != 0, ErrorKind::kUnsupported,
                "matrix_nms: nms_top_k=0 is not supported (Paddle's kernel is undefined for it)");
  return a;
}

void CheckInputs(MapContext& cx, const graph::Op& op) {
  const auto& boxes = cx.InputVar(op, "BBoxes");
  const auto& scores = cx.InputVar(op, "Scores");
  PD2ONNX_CHECK(scores.shape.size() == 3 && boxes.shape.size() == 3, ErrorKind::kUnsupported,
                "matrix_nms: only BBoxes [N, M, 4] with Scores [N, C, M] are supported (got "
                "ranks {} and {})",
                boxes.shape.size(), scores.shape.size());
  PD2ONNX_CHECK(boxes.shape[2] == 4 || boxes.shape[2] == -1, ErrorKind::kUnsupported,
                "matrix_nms: boxes of {} coordinates are not supported", boxes.shape[2]);
}

std::string MinI64(MapContext& cx, const std::string& a, const std::string& b) {
  return cx.Node("Where", {cx.Node("Less", {a, b}), a, b});
}

std::string RangeTo(MapContext& cx, const std::string& extent_1d) {
  return cx.Node("Range", {cx.ScalarOf(DataType::kInt64, 0), cx.Squeeze(extent_1d, {0}),
                           cx.ScalarOf(DataType::kInt64, 1)});
}

std::string F32(MapContext& cx, double v) { return cx.ScalarOf(DataType::kFloat32, v); }

onnx::TypeProto ScalarType(DataType dtype) {
  const std::vector<int64_t> scalar;
  return MapContext::TensorType(dtype, &scalar);
}

std::string SliceAxis(MapContext& cx, const std::string& x, const std::string& start,
                      const std::string& end, int64_t axis) {
  return cx.Node("Slice", {x, start, end, cx.ConstI64({axis})});
}

// Elements of the [N, C, rows, K] IoU block one Loop iteration handles.
constexpr int64_t kBlockElements = int64_t{1} << 22;

// Steps 2-3 for candidate rows [s, e) of every (image, class): their IoU
// [N, C, e - s, e] with the candidates up to e (boxes [N, C, K, 1] corners
// as rows, [N, C, 1, K] as columns). Appends the rows' max_iou and decay
// to the [N, C, s] prefixes and returns the [N, C, e] {max_iou, decay}.
std::pair<std::string, std::string> DecayBlock(MapContext& cx, const MatrixNmsAttrs& a,
                                               const BoxCorners& rows, const BoxCorners& columns,
                                               const std::string& s, const std::string& e,
                                               const std::string& max_iou_before,
                                               const std::string& decay_before) {
  const std::string zero = cx.ConstI64({0});
  const auto row = [&](const std::string& x) { return SliceAxis(cx, x, s, e, 2); };
  const auto column = [&](const std::string& x) { return SliceAxis(cx, x, zero, e, 3); };
  const std::string iou =
      PaddleIou(cx, {row(rows.x1), row(rows.y1), row(rows.x2), row(rows.y2)},
                {column(columns.x1), column(columns.y1), column(columns.x2), column(columns.y2)},
                a.normalized);
  const auto range = [&](const std::string& from, const std::string& to) {
    return cx.Node("Range",
                   {cx.Squeeze(from, {0}), cx.Squeeze(to, {0}), cx.ScalarOf(DataType::kInt64, 1)});
  };
  const std::string above =  // [e - s, e]: column j is above row i (j < i)
      cx.Node("Less", {cx.Unsqueeze(range(zero, e), {0}), cx.Unsqueeze(range(s, e), {1})});
  const std::string counted = cx.Node("And", {above, cx.Node("Greater", {iou, F32(cx, 0.0)})});
  const std::string block_max =
      cx.Reduce("ReduceMax", cx.Node("Where", {counted, iou, F32(cx, 0.0)}), {3}, false);
  const std::string max_iou_all = cx.Node("Concat", {max_iou_before, block_max}, {{"axis", 2}});
  const std::string max_iou = cx.Unsqueeze(max_iou_all, {2});
  std::string decay;
  if (a.use_gaussian) {
    const std::string diff =
        cx.Node("Sub", {cx.Node("Mul", {max_iou, max_iou}), cx.Node("Mul", {iou, iou})});
    decay = cx.Node("Exp", {cx.Node("Mul", {diff, F32(cx, a.gaussian_sigma)})});
  } else {
    decay = cx.Node("Div",
                    {cx.Node("Sub", {F32(cx, 1.0), iou}), cx.Node("Sub", {F32(cx, 1.0), max_iou})});
  }
  const std::string lowers = cx.Node("And", {above, cx.Node("Less", {decay, F32(cx, 1.0)})});
  const std::string block_decay =
      cx.Reduce("ReduceMin", cx.Node("Where", {lowers, decay, F32(cx, 1.0)}), {3}, false);
  return {max_iou_all, cx.Node("Concat", {decay_before, block_decay}, {{"axis", 2}})};
}

// Steps 2-3: the decay [N, C, K] of each sorted candidate (boxes [N, C, K,
// 4], scores [N, C, K]), by a Loop over blocks of rows that keeps each
// iteration's tensors near kBlockElements.
std::string Decay(MapContext& cx, const MatrixNmsAttrs& a, const std::string& boxes,
                  const std::string& scores, const std::string& k) {
  const BoxCorners rows = CornersOf(cx, boxes, 4, false);
  const auto transposed = [&](const std::string& x) { return cx.Transpose(x, {0, 1, 3, 2}); };
  const BoxCorners columns{transposed(rows.x1), transposed(rows.y1), transposed(rows.x2),
                           transposed(rows.y2)};
  const std::string one = cx.ConstI64({1});
  const std::string shape = cx.Shape(scores);
  const std::string groups_k =  // [1]: N * C * K
      cx.Node("Mul",
              {cx.Node("Mul", {cx.Slice(shape, {0}, {1}, {0}), cx.Slice(shape, {1}, {2}, {0})}),
               cx.Slice(shape, {2}, {3}, {0})});
  const std::string rows_in_budget = cx.Node("Div", {cx.ConstI64({kBlockElements}), groups_k});
  const std::string block_rows =  // at least 1 (int64 Max needs opset 12)
      cx.Node("Where", {cx.Node("Less", {rows_in_budget, one}), one, rows_in_budget});
  const std::string trips =
      cx.Node("Div", {cx.Node("Sub", {cx.Node("Add", {k, block_rows}), one}), block_rows});
  const std::string none = cx.Slice(scores, {0}, {0}, {2});  // [N, C, 0]

  cx.BeginSubgraph();
  const std::string i = cx.SubgraphInput("i", ScalarType(DataType::kInt64));
  const std::string cond = cx.SubgraphInput("cond", ScalarType(DataType::kBool));
  const std::string max_iou_before =
      cx.SubgraphInput("max_iou", MapContext::TensorType(DataType::kFloat32));
  const std::string decay_before =
      cx.SubgraphInput("decay", MapContext::TensorType(DataType::kFloat32));
  const std::string s = cx.Node("Mul", {cx.Unsqueeze(i, {0}), block_rows});
  const std::string e = MinI64(cx, cx.Node("Add", {s, block_rows}), k);
  const auto [max_iou, decay] =
      DecayBlock(cx, a, rows, columns, s, e, max_iou_before, decay_before);
  onnx::GraphProto body =
      cx.EndSubgraph("matrix_nms_decay", {{cond, ScalarType(DataType::kBool)},
                                          {max_iou, MapContext::TensorType(DataType::kFloat32)},
                                          {decay, MapContext::TensorType(DataType::kFloat32)}});
  return cx.NodeN("Loop", {cx.Squeeze(trips, {0}), "", none, none}, 2,
                  {{"body", std::move(body)}})[1];
}

// [1]: the most candidates (score > score_threshold, not background) of any
// (image, class), or 1 when there are none.
std::string MostCandidates(MapContext& cx, const MatrixNmsAttrs& a, const std::string& scores,
                           const std::string& not_background) {
  const std::string candidate =
      cx.Node("And", {cx.Node("Greater", {scores, F32(cx, a.score_threshold)}), not_background});
  const std::string per_class =
      cx.Reduce("ReduceSum", cx.Cast(candidate, DataType::kFloat32), {2}, false);
  // At least 1: ONNX Runtime cannot reduce the IoU matrix over an empty axis.
  const std::string most = cx.Reduce("ReduceMax", cx.Reshape(per_class, {-1}), {0}, true);
  const std::string one = F32(cx, 1.0);
  return cx.Cast(cx.Node("Where", {cx.Node("Less", {most, one}), one, most}), DataType::kInt64);
}

void Emit11(MapContext& cx, const graph::Op& op) {
  RequireFloat32Inputs(cx, op, {"BBoxes", "Scores"});  // Paddle's kernel: float32 / float64
  CheckInputs(cx, op);
  const MatrixNmsAttrs a = ReadAttrs(op);
  const std::string boxes = cx.Input(op, "BBoxes");
  const std::string scores = cx.Input(op, "Scores");
  const std::string shape = cx.Shape(scores);
  const std::string n = cx.Slice(shape, {0}, {1}, {0});
  const std::string c = cx.Slice(shape, {1}, {2}, {0});
  const std::string m = cx.Slice(shape, {2}, {3}, {0});
  // Step 1.
  const std::string labels = cx.Reshape(RangeTo(cx, c), {1, -1, 1});
  const std::string not_background = cx.Node(
      "Not", {cx.Node("Equal", {labels, cx.ScalarOf(DataType::kInt64, a.background_label)})});
  const std::string top_k = a.nms_top_k > -1 ? MinI64(cx, m, cx.ConstI64({a.nms_top_k})) : m;
  const std::string k = MinI64(cx, top_k, MostCandidates(cx, a, scores, not_background));
  const auto top = cx.NodeN("TopK", {scores, k}, 2, {{"axis", 2}, {"largest", 1}, {"sorted", 1}});
  const std::string image_offset =
      cx.Reshape(cx.Node("Mul", {RangeTo(cx, n), cx.Squeeze(m, {0})}), {-1, 1, 1});
  const std::string flat_boxes = cx.Reshape(boxes, {-1, 4});
  const std::string sorted_boxes =  // [N, C, K, 4]
      cx.Node("Gather", {flat_boxes, cx.Node("Add", {top[1], image_offset})}, {{"axis", 0}});
  const std::string valid =
      cx.Node("And", {cx.Node("Greater", {top[0], F32(cx, a.score_threshold)}), not_background});
  // Steps 2-3.
  const std::string decayed = cx.Node("Mul", {Decay(cx, a, sorted_boxes, top[0], k), top[0]});
  const std::string kept =
      cx.Node("And", {valid, cx.Node("Greater", {decayed, F32(cx, a.post_threshold)})});
  // Step 4.
  const std::string ck = cx.Node("Mul", {c, k});
  const std::string dense_shape = cx.Node("Concat", {n, ck}, {{"axis", 0}});
  const std::string dense =
      cx.Node("Reshape",
              {cx.Node("Where", {kept, decayed, F32(cx, -std::numeric_limits<float>::infinity())}),
               dense_shape});
  const std::string k2 = a.keep_top_k > -1 ? MinI64(cx, ck, cx.ConstI64({a.keep_top_k})) : ck;
  const auto best = cx.NodeN("TopK", {dense, k2}, 2, {{"axis", 1}, {"largest", 1}, {"sorted", 1}});
  const std::string is_row =
      cx.Node("Greater", {best[0], F32(cx, -std::numeric_limits<float>::infinity())});
  const std::string label = cx.Node("Div", {best[1], k});
  const std::string box_index = cx.Node(
      "GatherElements", {cx.Node("Reshape", {top[1], dense_shape}), best[1]}, {{"axis", 1}});
  const std::string flat_index =
      cx.Node("Add", {box_index, cx.Reshape(image_offset, {-1, 1})});  // [N, k2]
  const std::string rows =
      cx.Node("Concat",
              {cx.Unsqueeze(cx.Cast(label, DataType::kFloat32), {2}), cx.Unsqueeze(best[0], {2}),
               cx.Node("Gather", {flat_boxes, flat_index}, {{"axis", 0}})},
              {{"axis", 2}});
  const std::string mask = cx.Reshape(is_row, {-1});
  cx.Bind(op, "Out", cx.Node("Compress", {cx.Reshape(rows, {-1, 6}), mask}, {{"axis", 0}}));
  if (op.HasOutput("Index")) {
    const std::string index =
        cx.Node("Compress", {cx.Reshape(flat_index, {-1, 1}), mask}, {{"axis", 0}});
    cx.Bind(op, "Index", cx.Cast(index, DataType::kInt32));
  }
  if (op.HasOutput("RoisNum")) {
    const std::string counts =
        cx.Reduce("ReduceSum", cx.Cast(is_row, DataType::kInt64), {1}, false);
    cx.Bind(op, "RoisNum", cx.Cast(counts, DataType::kInt32));
  }
}

OpsetNeed MinOpset(const graph::Op&) { return {11, "TopK with a k input and largest, Range"}; }

}  // namespace

void RegisterMatrixNms(Registry& r) { r.Add("matrix_nms", MinOpset, {{11, Emit11}}); }

}  // namespace pd2onnx::mappers

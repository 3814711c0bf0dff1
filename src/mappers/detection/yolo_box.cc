// yolo_box → elementwise decoding of X [N, A*(5+C), H, W] (an IoU channel
// per anchor first when iou_aware) into Boxes [N, A*H*W, 4] and
// Scores [N, A*H*W, C], with Paddle's order of float operations; cells whose
// confidence is below conf_thresh get zero boxes and scores. Opset 11 (Range
// builds the cell grid, so H and W may be dynamic).
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

struct YoloAttrs {
  std::vector<int> anchors;
  int64_t class_num;
  float conf_thresh;
  int64_t downsample_ratio;
  bool clip_bbox;
  float scale;
  bool iou_aware;
  float iou_aware_factor;
};

YoloAttrs ReadAttrs(const graph::Op& op) {
  YoloAttrs a{op.Attr<std::vector<int>>("anchors"), op.Attr<int64_t>("class_num"),
              op.Attr<float>("conf_thresh", 0.01f), op.Attr<int64_t>("downsample_ratio", 32),
              op.Attr<bool>("clip_bbox", true),     op.Attr<float>("scale_x_y", 1.0f),
              op.Attr<bool>("iou_aware", false),    op.Attr<float>("iou_aware_factor", 0.5f)};
  PD2ONNX_CHECK(!a.anchors.empty() && a.anchors.size() % 2 == 0, ErrorKind::kInvalidInput,
                "anchors must hold (w, h) pairs, got {} values", a.anchors.size());
  return a;
}

// Float scalar of dim `i` of `shape` as a 1-element tensor.
std::string DimAsFloat(MapContext& cx, const std::string& shape, int64_t i) {
  return cx.Cast(cx.Slice(shape, {i}, {i + 1}, {0}), DataType::kFloat32);
}

// The anchors' widths (k = 0) or heights (k = 1) as [1, A, 1, 1].
std::string AnchorColumn(MapContext& cx, const std::vector<int>& anchors, size_t k) {
  std::vector<float> values;
  for (size_t j = k; j < anchors.size(); j += 2) values.push_back(static_cast<float>(anchors[j]));
  return cx.ConstF32(values, {1, static_cast<int64_t>(values.size()), 1, 1});
}

// Paddle clips with `v > 0 ? v : 0` and `v < hi ? v : hi`, which map NaN
// (from NaN logits) to the bound; Max / Min would propagate it.
std::string ClipLow(MapContext& cx, const std::string& v) {
  const std::string zero = cx.ScalarOf(DataType::kFloat32, 0.0);
  return cx.Node("Where", {cx.Node("Greater", {v, zero}), v, zero});
}

std::string ClipHigh(MapContext& cx, const std::string& v, const std::string& hi) {
  return cx.Node("Where", {cx.Node("Less", {v, hi}), v, hi});
}

void Emit11(MapContext& cx, const graph::Op& op) {
  const YoloAttrs a = ReadAttrs(op);
  const auto an = static_cast<int64_t>(a.anchors.size() / 2);
  const int64_t entries = 5 + a.class_num;
  std::string x = cx.Input(op, "X");
  const std::string shape = cx.Shape(x);
  std::string iou;
  if (a.iou_aware) {
    iou = cx.Reshape(cx.Slice(x, {0}, {an}, {1}), {0, an, 1, -1});
    x = cx.Slice(x, {an}, {an + an * entries}, {1});
  }
  const std::string cells = cx.Reshape(x, {0, an, entries, -1});  // [N, A, 5+C, HW]
  auto entry = [&](int64_t e) { return cx.Slice(cells, {e}, {e + 1}, {2}); };
  // Cell grid: l = cell mod W, k = cell div W, as [HW] floats.
  const std::string h_i64 = cx.Slice(shape, {2}, {3}, {0});
  const std::string w_i64 = cx.Slice(shape, {3}, {4}, {0});
  const std::string hw = cx.Node("Mul", {h_i64, w_i64});
  const std::string cell = cx.Node("Range", {cx.ScalarOf(DataType::kInt64, 0), cx.Squeeze(hw, {0}),
                                             cx.ScalarOf(DataType::kInt64, 1)});
  const std::string grid_x = cx.Cast(cx.Node("Mod", {cell, w_i64}), DataType::kFloat32);
  const std::string grid_y = cx.Cast(cx.Node("Div", {cell, w_i64}), DataType::kFloat32);
  const std::string h_f = DimAsFloat(cx, shape, 2);
  const std::string w_f = DimAsFloat(cx, shape, 3);
  const std::string ratio =
      cx.ScalarOf(DataType::kFloat32, static_cast<double>(a.downsample_ratio));
  const std::string input_h = cx.Node("Mul", {h_f, ratio});
  const std::string input_w = cx.Node("Mul", {w_f, ratio});
  // ImgSize [N, 2] (h, w) → [N, 1, 1, 1] each.
  const std::string img = cx.Cast(cx.Input(op, "ImgSize"), DataType::kFloat32);
  const std::string img_h = cx.Reshape(cx.Slice(img, {0}, {1}, {1}), {-1, 1, 1, 1});
  const std::string img_w = cx.Reshape(cx.Slice(img, {1}, {2}, {1}), {-1, 1, 1, 1});

  const std::string half = cx.ScalarOf(DataType::kFloat32, 2.0);
  auto center = [&](const std::string& grid, const std::string& t, const std::string& img_extent,
                    const std::string& grid_extent) {
    std::string v = cx.Node("Sigmoid", {t});
    if (a.scale != 1.0f) v = cx.Node("Mul", {v, cx.ScalarOf(DataType::kFloat32, a.scale)});
    v = cx.Node("Add", {grid, v});
    if (a.scale != 1.0f) {
      const float bias = -0.5f * (a.scale - 1.0f);
      v = cx.Node("Add", {v, cx.ScalarOf(DataType::kFloat32, bias)});
    }
    return cx.Node("Div", {cx.Node("Mul", {v, img_extent}), grid_extent});
  };
  auto extent = [&](const std::string& t, size_t k, const std::string& img_extent,
                    const std::string& input_extent) {
    const std::string v = cx.Node("Mul", {cx.Node("Exp", {t}), AnchorColumn(cx, a.anchors, k)});
    return cx.Node("Div", {cx.Node("Mul", {v, img_extent}), input_extent});
  };
  const std::string cx_ = center(grid_x, entry(0), img_w, w_f);
  const std::string cy_ = center(grid_y, entry(1), img_h, h_f);
  const std::string bw = cx.Node("Div", {extent(entry(2), 0, img_w, input_w), half});
  const std::string bh = cx.Node("Div", {extent(entry(3), 1, img_h, input_h), half});
  std::string x1 = cx.Node("Sub", {cx_, bw});
  std::string y1 = cx.Node("Sub", {cy_, bh});
  std::string x2 = cx.Node("Add", {cx_, bw});
  std::string y2 = cx.Node("Add", {cy_, bh});
  if (a.clip_bbox) {
    const std::string one = cx.ScalarOf(DataType::kFloat32, 1.0);
    x1 = ClipLow(cx, x1);
    y1 = ClipLow(cx, y1);
    x2 = ClipHigh(cx, x2, cx.Node("Sub", {img_w, one}));
    y2 = ClipHigh(cx, y2, cx.Node("Sub", {img_h, one}));
  }
  std::string conf = cx.Node("Sigmoid", {entry(4)});
  if (a.iou_aware) {
    const std::string f = cx.ScalarOf(DataType::kFloat32, a.iou_aware_factor);
    const std::string one_minus_f = cx.ScalarOf(DataType::kFloat32, 1.0f - a.iou_aware_factor);
    conf = cx.Node("Mul", {cx.Node("Pow", {conf, one_minus_f}),
                           cx.Node("Pow", {cx.Node("Sigmoid", {iou}), f})});
  }
  const std::string keep =
      cx.Node("Not", {cx.Node("Less", {conf, cx.ScalarOf(DataType::kFloat32, a.conf_thresh)})});
  const std::string zero = cx.ScalarOf(DataType::kFloat32, 0.0);
  const std::string boxes = cx.Node("Concat", {x1, y1, x2, y2}, {{"axis", 2}});
  const std::string class_logits = cx.Slice(cells, {5}, {entries}, {2});
  const std::string scores = cx.Node("Mul", {conf, cx.Node("Sigmoid", {class_logits})});
  auto finish = [&](const std::string& v, int64_t last) {
    const std::string kept = cx.Node("Where", {keep, v, zero});
    return cx.Reshape(cx.Transpose(kept, {0, 1, 3, 2}), {0, -1, last});
  };
  cx.Bind(op, "Boxes", finish(boxes, 4));
  cx.Bind(op, "Scores", finish(scores, a.class_num));
}

OpsetNeed MinOpset(const graph::Op&) { return {11, "Range builds the yolo_box cell grid"}; }

}  // namespace

void RegisterYoloBox(Registry& r) { r.Add("yolo_box", MinOpset, {{11, Emit11}}); }

}  // namespace pd2onnx::mappers

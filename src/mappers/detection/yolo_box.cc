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

// The anchors as [1, A, 2, 1]: (width, height) of each anchor, the layout
// of the (x, y) entry pairs they scale.
std::string AnchorSizes(MapContext& cx, const std::vector<int>& anchors) {
  const std::vector<float> values(anchors.begin(), anchors.end());
  return cx.ConstF32(values, {1, static_cast<int64_t>(anchors.size() / 2), 2, 1});
}

// Dims 3 and 2 (W, H) of a 4-D `shape`, in that order.
std::string WidthHeight(MapContext& cx, const std::string& shape) {
  return cx.Slice(shape, {3}, {1}, {0}, {-1});
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

// The cell grid as [2, HW] floats: row 0 = cell mod W, row 1 = cell div W.
std::string CellGrid(MapContext& cx, const std::string& shape) {
  const std::string h = cx.Slice(shape, {2}, {3}, {0});
  const std::string w = cx.Slice(shape, {3}, {4}, {0});
  const std::string hw = cx.Squeeze(cx.Node("Mul", {h, w}), {0});
  const std::string cell =
      cx.Node("Range", {cx.ScalarOf(DataType::kInt64, 0), hw, cx.ScalarOf(DataType::kInt64, 1)});
  const std::string xy =
      cx.Node("Concat", {cx.Node("Mod", {cell, w}), cx.Node("Div", {cell, w})}, {{"axis", 0}});
  return cx.Cast(cx.Reshape(xy, {2, -1}), DataType::kFloat32);
}

// x and y are decoded together: every tensor below holds the x value then
// the y value along axis 2 ([N, A, 2, HW], or [2, 1] / [N, 1, 2, 1] for the
// extents), so each float operation is Paddle's, once for both axes.
void Emit11(MapContext& cx, const graph::Op& op) {
  RequireFloat32Inputs(cx, op, {"X"});  // Paddle's kernels: float32 / float64
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
  auto entries_at = [&](int64_t e, int64_t n) { return cx.Slice(cells, {e}, {e + n}, {2}); };
  const std::string grid = CellGrid(cx, shape);
  const std::string grid_wh =
      cx.Reshape(cx.Cast(WidthHeight(cx, shape), DataType::kFloat32), {2, 1});
  const std::string input_wh = cx.Node(
      "Mul", {grid_wh, cx.ScalarOf(DataType::kFloat32, static_cast<double>(a.downsample_ratio))});
  // ImgSize [N, 2] holds (h, w): reversed to (w, h), as [N, 1, 2, 1].
  const std::string img = cx.Cast(cx.Input(op, "ImgSize"), DataType::kFloat32);
  const std::string img_wh = cx.Reshape(cx.Slice(img, {1}, {-3}, {1}, {-1}), {-1, 1, 2, 1});

  std::string center = cx.Node("Sigmoid", {entries_at(0, 2)});
  if (a.scale != 1.0f) center = cx.Node("Mul", {center, cx.ScalarOf(DataType::kFloat32, a.scale)});
  center = cx.Node("Add", {grid, center});
  if (a.scale != 1.0f) {
    const float bias = -0.5f * (a.scale - 1.0f);
    center = cx.Node("Add", {center, cx.ScalarOf(DataType::kFloat32, bias)});
  }
  center = cx.Node("Div", {cx.Node("Mul", {center, img_wh}), grid_wh});
  std::string size =
      cx.Node("Mul", {cx.Node("Exp", {entries_at(2, 2)}), AnchorSizes(cx, a.anchors)});
  size = cx.Node("Div", {cx.Node("Mul", {size, img_wh}), input_wh});
  const std::string half_size = cx.Node("Div", {size, cx.ScalarOf(DataType::kFloat32, 2.0)});
  std::string top_left = cx.Node("Sub", {center, half_size});
  std::string bottom_right = cx.Node("Add", {center, half_size});
  if (a.clip_bbox) {
    top_left = ClipLow(cx, top_left);
    bottom_right =
        ClipHigh(cx, bottom_right, cx.Node("Sub", {img_wh, cx.ScalarOf(DataType::kFloat32, 1.0)}));
  }
  std::string conf = cx.Node("Sigmoid", {entries_at(4, 1)});
  if (a.iou_aware) {
    const std::string f = cx.ScalarOf(DataType::kFloat32, a.iou_aware_factor);
    const std::string one_minus_f = cx.ScalarOf(DataType::kFloat32, 1.0f - a.iou_aware_factor);
    conf = cx.Node("Mul", {cx.Node("Pow", {conf, one_minus_f}),
                           cx.Node("Pow", {cx.Node("Sigmoid", {iou}), f})});
  }
  // Cells below conf_thresh (not NaN ones: `conf < thresh` is false) get 0.
  const std::string drop = cx.Node("Less", {conf, cx.ScalarOf(DataType::kFloat32, a.conf_thresh)});
  const std::string zero = cx.ScalarOf(DataType::kFloat32, 0.0);
  const std::string boxes = cx.Node("Concat", {top_left, bottom_right}, {{"axis", 2}});
  const std::string scores =
      cx.Node("Mul", {conf, cx.Node("Sigmoid", {entries_at(5, a.class_num)})});
  auto finish = [&](const std::string& v, int64_t last) {
    const std::string kept = cx.Node("Where", {drop, zero, v});
    return cx.Reshape(cx.Transpose(kept, {0, 1, 3, 2}), {0, -1, last});
  };
  cx.Bind(op, "Boxes", finish(boxes, 4));
  cx.Bind(op, "Scores", finish(scores, a.class_num));
}

OpsetNeed MinOpset(const graph::Op&) { return {11, "Range builds the yolo_box cell grid"}; }

}  // namespace

void RegisterYoloBox(Registry& r) { r.Add("yolo_box", MinOpset, {{11, Emit11}}); }

}  // namespace pd2onnx::mappers

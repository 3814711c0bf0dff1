// multiclass_nms, multiclass_nms2 and multiclass_nms3 for 3-D inputs
// (BBoxes [N, M, 4], Scores [N, C, M]) and for the LoD form (BBoxes
// [M, C, 4], a box per class, with Scores [M, C]), which here holds one
// image as ONNX carries no LoD. From Paddle's CPU kernel:
// per class, candidates with score > score_threshold are stably sorted by
// score (nms_top_k keeps the first ones) and greedily kept while their IoU
// with every kept box is <= the (adaptive) threshold; keep_top_k then keeps
// the best detections of the image across classes (stable sort over
// (label, NMS order)); rows come out by label, then NMS order.
#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "interpreter/kernels/detection_post.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

struct NmsAttrs {
  float score_threshold = 0.0f;
  int64_t nms_top_k = -1;
  int64_t keep_top_k = -1;
  float nms_threshold = 0.3f;
  bool normalized = true;
  float nms_eta = 1.0f;
  int64_t background_label = 0;
};

NmsAttrs ReadNmsAttrs(const KernelContext& ctx) {
  NmsAttrs a;
  a.score_threshold = ctx.Attr<float>("score_threshold");
  a.nms_top_k = ctx.Attr<int64_t>("nms_top_k", -1);
  a.keep_top_k = ctx.Attr<int64_t>("keep_top_k", -1);
  a.nms_threshold = ctx.Attr<float>("nms_threshold", 0.3f);
  a.normalized = ctx.Attr<bool>("normalized", true);
  a.nms_eta = ctx.Attr<float>("nms_eta", 1.0f);
  a.background_label = ctx.Attr<int64_t>("background_label", 0);
  return a;
}

float BoxArea(const float* b, bool normalized) {
  if (b[2] < b[0] || b[3] < b[1]) return 0.0f;
  const float w = b[2] - b[0];
  const float h = b[3] - b[1];
  return normalized ? w * h : (w + 1) * (h + 1);
}

float Iou(const float* a, const float* b, bool normalized) {
  if (b[0] > a[2] || b[2] < a[0] || b[1] > a[3] || b[3] < a[1]) return 0.0f;
  const float norm = normalized ? 0.0f : 1.0f;
  const float iw = std::min(a[2], b[2]) - std::max(a[0], b[0]) + norm;
  const float ih = std::min(a[3], b[3]) - std::max(a[1], b[1]) + norm;
  const float inter = iw * ih;
  return inter / (BoxArea(a, normalized) + BoxArea(b, normalized) - inter);
}

// Where one image's boxes are: box i of class c at
// base + c * class_stride + i * box_stride floats.
struct BoxLayout {
  const float* base;
  int64_t class_stride;  // 0 when the classes share boxes
  int64_t box_stride;
  const float* Box(int64_t label, int64_t i) const {
    return base + label * class_stride + i * box_stride;
  }
};

// Indices kept by NMS for one class of one image, in selection order.
std::vector<int64_t> NmsOneClass(const BoxLayout& boxes, int64_t label, const float* scores,
                                 int64_t m, const NmsAttrs& a) {
  std::vector<std::pair<float, int64_t>> candidates;
  for (int64_t i = 0; i < m; ++i) {
    if (scores[i] > a.score_threshold) candidates.emplace_back(scores[i], i);
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  if (a.nms_top_k > -1 && a.nms_top_k < static_cast<int64_t>(candidates.size())) {
    candidates.resize(static_cast<size_t>(a.nms_top_k));
  }
  std::vector<int64_t> kept;
  float threshold = a.nms_threshold;
  for (const auto& [score, idx] : candidates) {
    bool keep = true;
    for (int64_t k : kept) {
      keep = Iou(boxes.Box(label, idx), boxes.Box(label, k), a.normalized) <= threshold;
      if (!keep) break;
    }
    if (!keep) continue;
    kept.push_back(idx);
    if (a.nms_eta < 1 && threshold > 0.5f) threshold *= a.nms_eta;
  }
  return kept;
}

// label → kept box indices for one image (scores [C, M]).
std::map<int64_t, std::vector<int64_t>> NmsOneImage(const BoxLayout& boxes, const float* scores,
                                                    int64_t c, int64_t m, const NmsAttrs& a) {
  std::map<int64_t, std::vector<int64_t>> kept;
  int64_t total = 0;
  for (int64_t label = 0; label < c; ++label) {
    if (label == a.background_label) continue;
    kept[label] = NmsOneClass(boxes, label, scores + label * m, m, a);
    total += static_cast<int64_t>(kept[label].size());
  }
  if (a.keep_top_k <= -1 || total <= a.keep_top_k) return kept;
  std::vector<std::pair<float, std::pair<int64_t, int64_t>>> ranked;
  for (const auto& [label, indices] : kept) {
    for (int64_t idx : indices) ranked.push_back({scores[label * m + idx], {label, idx}});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  ranked.resize(static_cast<size_t>(a.keep_top_k));
  std::map<int64_t, std::vector<int64_t>> top;
  for (const auto& [score, label_idx] : ranked) top[label_idx.first].push_back(label_idx.second);
  return top;
}

// Scores [M, C] as [C, M].
std::vector<float> Transposed(const HostTensor& scores) {
  const int64_t m = scores.dims[0];
  const int64_t c = scores.dims[1];
  std::vector<float> out(static_cast<size_t>(m * c));
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t k = 0; k < c; ++k) out[k * m + i] = scores.data<float>()[i * c + k];
  }
  return out;
}

}  // namespace

void MultiClassNms(KernelContext& ctx) {
  const HostTensor& bboxes = ctx.Input("BBoxes");
  const HostTensor& scores = ctx.Input("Scores");
  RequireFloat32(bboxes, "multiclass_nms BBoxes");
  RequireFloat32(scores, "multiclass_nms Scores");
  const bool lod_form = scores.dims.size() == 2;
  PD2ONNX_CHECK(
      bboxes.dims.size() == 3 && bboxes.dims[2] == 4 &&
          (scores.dims.size() == 3 ||
           (lod_form && bboxes.dims[0] == scores.dims[0] && bboxes.dims[1] == scores.dims[1])),
      ErrorKind::kUnsupported,
      "{}: BBoxes {} with Scores {}: expected BBoxes [N, M, 4] with Scores [N, C, M], "
      "or BBoxes [M, C, 4] with Scores [M, C]",
      ctx.op().type, graph::ShapeToString(bboxes.dims), graph::ShapeToString(scores.dims));
  const NmsAttrs a = ReadNmsAttrs(ctx);
  const int64_t n = lod_form ? 1 : scores.dims[0];
  const int64_t c = scores.dims[1];
  const int64_t m = lod_form ? scores.dims[0] : scores.dims[2];
  const std::vector<float> class_major = lod_form ? Transposed(scores) : scores.ToVector<float>();
  std::vector<float> rows;
  std::vector<int32_t> index;
  std::vector<int32_t> counts;
  for (int64_t b = 0; b < n; ++b) {
    const BoxLayout boxes = lod_form ? BoxLayout{bboxes.data<float>(), 4, c * 4}
                                     : BoxLayout{bboxes.data<float>() + b * m * 4, 0, 4};
    const float* img_scores = class_major.data() + b * c * m;
    int32_t count = 0;
    for (const auto& [label, indices] : NmsOneImage(boxes, img_scores, c, m, a)) {
      for (int64_t idx : indices) {
        rows.push_back(static_cast<float>(label));
        rows.push_back(img_scores[label * m + idx]);
        rows.insert(rows.end(), boxes.Box(label, idx), boxes.Box(label, idx) + 4);
        index.push_back(static_cast<int32_t>(b * m + idx));
        ++count;
      }
    }
    counts.push_back(count);
  }
  const auto kept = static_cast<int64_t>(index.size());
  // Without an Index output Paddle writes a single -1 when nothing is kept.
  if (kept == 0 && !ctx.HasOutput("Index")) {
    ctx.SetOutput("Out", HostTensor::From(DataType::kFloat32, {1, 1}, std::vector<float>{-1.0f}));
  } else {
    ctx.SetOutput("Out", HostTensor::From(DataType::kFloat32, {kept, 6}, rows));
  }
  ctx.SetOutput("Index", HostTensor::From(DataType::kInt32, {kept, 1}, index));
  ctx.SetOutput("NmsRoisNum", HostTensor::From(DataType::kInt32, {n}, counts));
}

}  // namespace pd2onnx::interp::kernels

// Detection ops, from the ONNX spec: NonMaxSuppression (10, 11).
#include <algorithm>
#include <numeric>
#include <vector>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {
namespace {

struct Corners {
  double x1, y1, x2, y2;
};

// Box k of image b as min/max corners. center_point_box=0 gives any two
// diagonal corners ([y1, x1, y2, x2]); 1 gives [x_center, y_center, w, h].
Corners BoxAt(const Tensor& boxes, int64_t b, int64_t k, bool center) {
  const int64_t base = (b * boxes.dims[1] + k) * 4;
  const double v0 = boxes.f[base], v1 = boxes.f[base + 1];
  const double v2 = boxes.f[base + 2], v3 = boxes.f[base + 3];
  if (center) return {v0 - v2 / 2, v1 - v3 / 2, v0 + v2 / 2, v1 + v3 / 2};
  return {std::min(v0, v2), std::min(v1, v3), std::max(v0, v2), std::max(v1, v3)};
}

// Intersection over union, as float32 arithmetic; 0 for empty boxes.
float Iou(const Corners& a, const Corners& b) {
  const auto f = [](double v) { return static_cast<float>(v); };
  const float iw = std::min(f(a.x2), f(b.x2)) - std::max(f(a.x1), f(b.x1));
  const float ih = std::min(f(a.y2), f(b.y2)) - std::max(f(a.y1), f(b.y1));
  if (iw <= 0 || ih <= 0) return 0.0f;
  const float area_a = (f(a.x2) - f(a.x1)) * (f(a.y2) - f(a.y1));
  const float area_b = (f(b.x2) - f(b.x1)) * (f(b.y2) - f(b.y1));
  const float inter = iw * ih;
  const float uni = area_a + area_b - inter;
  if (area_a <= 0 || area_b <= 0 || uni <= 0) return 0.0f;
  return inter / uni;
}

std::vector<Tensor> NonMaxSuppression(const OpContext& cx) {
  const Tensor& boxes = cx.In(0);
  const Tensor& scores = cx.In(1);
  PD2ONNX_CHECK(boxes.rank() == 3 && scores.rank() == 3 && boxes.dims[2] == 4,
                ErrorKind::kInvalidInput, "NonMaxSuppression: boxes [B, M, 4], scores [B, C, M]");
  const int64_t max_out = cx.HasInput(2) ? std::max<int64_t>(cx.In(2).GetInt(0), 0) : 0;
  const float iou_threshold = cx.HasInput(3) ? static_cast<float>(cx.In(3).Get(0)) : 0.0f;
  const bool has_score_threshold = cx.HasInput(4);
  const float score_threshold = has_score_threshold ? static_cast<float>(cx.In(4).Get(0)) : 0.0f;
  const bool center = cx.Int("center_point_box", 0) == 1;
  const int64_t nb = scores.dims[0], nc = scores.dims[1], m = scores.dims[2];
  std::vector<int64_t> out;
  for (int64_t b = 0; b < nb && max_out > 0; ++b) {
    for (int64_t c = 0; c < nc; ++c) {
      const int64_t base = (b * nc + c) * m;
      std::vector<int64_t> order;
      for (int64_t k = 0; k < m; ++k) {
        if (!has_score_threshold || static_cast<float>(scores.f[base + k]) > score_threshold) {
          order.push_back(k);
        }
      }
      // Descending score; ties keep the lower index (the spec leaves them open).
      std::stable_sort(order.begin(), order.end(), [&](int64_t x, int64_t y) {
        return scores.f[base + x] > scores.f[base + y];
      });
      std::vector<int64_t> kept;
      for (int64_t k : order) {
        if (static_cast<int64_t>(kept.size()) >= max_out) break;
        const Corners box = BoxAt(boxes, b, k, center);
        const bool suppressed = std::any_of(kept.begin(), kept.end(), [&](int64_t s) {
          return Iou(BoxAt(boxes, b, s, center), box) > iou_threshold;
        });
        if (suppressed) continue;
        kept.push_back(k);
        out.insert(out.end(), {b, c, k});
      }
    }
  }
  Tensor selected(DataType::kInt64, {static_cast<int64_t>(out.size() / 3), 3});
  selected.i = out;
  return {selected};
}

}  // namespace

void RegisterDetectionOps(OpTable& t) { t["NonMaxSuppression"] = NonMaxSuppression; }

}  // namespace pd2onnx::eval

// prior_box → the prior grid built from the shapes of Input and Image:
// Boxes[h, w, p] = [(cx - hw_p) / img_w, (cy - hh_p) / img_h, (cx + hw_p) / img_w,
// (cy + hh_p) / img_h] with cx = (w + offset) * step_w, the per-prior half sizes
// hw_p / hh_p computed here exactly as Paddle computes them, optional clip to
// [0, 1], and Variances the attribute repeated. Opset 11 (Range; the shapes
// may be dynamic, e.g. BlazeFace's [-1, 3, -1, -1] image).
#include <cmath>
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/detection/prior_grid.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

std::vector<float> ExpandAspectRatios(const std::vector<float>& ratios, bool flip) {
  std::vector<float> out = {1.0f};
  for (float ar : ratios) {
    bool seen = false;
    for (float o : out) seen = seen || std::fabs(ar - o) < 1e-6;
    if (seen) continue;
    out.push_back(ar);
    if (flip) out.push_back(1.0f / ar);
  }
  return out;
}

// Half widths (first) and heights (second) of one cell's priors, in order.
std::pair<std::vector<float>, std::vector<float>> HalfSizes(const graph::Op& op) {
  const auto min_sizes = op.Attr<std::vector<float>>("min_sizes");
  const auto max_sizes = op.Attr<std::vector<float>>("max_sizes", {});
  const auto ratios = ExpandAspectRatios(op.Attr<std::vector<float>>("aspect_ratios", {}),
                                         op.Attr<bool>("flip", false));
  const bool minmax_first = op.Attr<bool>("min_max_aspect_ratios_order", false);
  PD2ONNX_CHECK(max_sizes.empty() || max_sizes.size() == min_sizes.size(), ErrorKind::kInvalidInput,
                "max_sizes has {} values, min_sizes {}", max_sizes.size(), min_sizes.size());
  std::vector<float> hw;
  std::vector<float> hh;
  auto push = [&](float w, float h) {
    hw.push_back(w);
    hh.push_back(h);
  };
  for (size_t s = 0; s < min_sizes.size(); ++s) {
    const float mn = min_sizes[s];
    auto ratio_box = [&](float ar) {
      push(static_cast<float>(mn * std::sqrt(ar) / 2.),
           static_cast<float>(mn / std::sqrt(ar) / 2.));
    };
    auto max_box = [&] {
      if (max_sizes.empty()) return;
      const auto half = static_cast<float>(std::sqrt(mn * max_sizes[s]) / 2.);
      push(half, half);
    };
    if (minmax_first) {
      const auto half = static_cast<float>(mn / 2.);
      push(half, half);
      max_box();
      for (float ar : ratios) {
        if (std::fabs(ar - 1.) >= 1e-6) ratio_box(ar);
      }
    } else {
      for (float ar : ratios) ratio_box(ar);
      max_box();
    }
  }
  return {hw, hh};
}

void Emit11(MapContext& cx, const graph::Op& op) {
  RequireFloat32Inputs(cx, op, {"Input", "Image"});  // Paddle's kernels: float32 / float64
  auto [half_w, half_h] = HalfSizes(op);
  PriorGrid grid;
  grid.half_w = std::move(half_w);
  grid.half_h = std::move(half_h);
  grid.clip = op.Attr<bool>("clip", false);
  grid.variances = op.Attr<std::vector<float>>("variances", {0.1f, 0.1f, 0.2f, 0.2f});
  EmitPriorGrid(cx, op, grid, false);
}

OpsetNeed MinOpset(const graph::Op&) { return {11, "Range builds the prior_box grid"}; }

}  // namespace

void RegisterPriorBox(Registry& r) { r.Add("prior_box", MinOpset, {{11, Emit11}}); }

}  // namespace pd2onnx::mappers

// density_prior_box → the prior grid of prior_grid.h where each (fixed size
// s, fixed ratio r) gives density_s^2 priors whose centres are shifted inside
// the cell by -avg / 2 + shift / 2 + (dj, di) * shift, avg = int((step_w +
// step_h) / 2) and shift = avg / density_s (integer divisions as in Paddle),
// sized (s * sqrt(r), s / sqrt(r)); lower corners max(v, 0) and upper
// corners min(v, 1). avg must be known here: from step_w / step_h, or from
// static Input / Image extents. Opset 11.
#include <cmath>
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/detection/prior_grid.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

// Paddle's int((step_width + step_height) * 0.5), the steps from the
// attributes or image / feature extents.
int StepAverage(MapContext& cx, const graph::Op& op) {
  float step_w = op.Attr<float>("step_w", 0.0f);
  float step_h = op.Attr<float>("step_h", 0.0f);
  if (step_w == 0 || step_h == 0) {
    const std::vector<int64_t>& feat = cx.InputVar(op, "Input").shape;
    const std::vector<int64_t>& image = cx.InputVar(op, "Image").shape;
    const bool known = feat.size() == 4 && image.size() == 4 && feat[2] > 0 && feat[3] > 0 &&
                       image[2] > 0 && image[3] > 0;
    if (!known) {
      Fail(ErrorKind::kUnsupported,
           "density_prior_box: step_w={} / step_h={} (steps from the shapes) needs static Input "
           "and Image heights and widths",
           step_w, step_h);
    }
    step_w = static_cast<float>(image[3]) / static_cast<float>(feat[3]);
    step_h = static_cast<float>(image[2]) / static_cast<float>(feat[2]);
  }
  return static_cast<int>((step_w + step_h) * 0.5);
}

PriorGrid DensityGrid(MapContext& cx, const graph::Op& op) {
  const auto sizes = op.Attr<std::vector<float>>("fixed_sizes");
  const auto ratios = op.Attr<std::vector<float>>("fixed_ratios");
  const auto densities = op.Attr<std::vector<int>>("densities");
  PD2ONNX_CHECK(sizes.size() == densities.size(), ErrorKind::kInvalidInput,
                "density_prior_box: {} fixed_sizes but {} densities", sizes.size(),
                densities.size());
  const int avg = StepAverage(cx, op);
  PriorGrid g;
  for (size_t s = 0; s < sizes.size(); ++s) {
    const int density = densities[s];
    PD2ONNX_CHECK(density > 0, ErrorKind::kInvalidInput,
                  "density_prior_box: densities must be positive, got {}", density);
    const int shift = avg / density;
    const double start = -avg / 2. + shift / 2.;
    for (float ratio : ratios) {
      const auto sqrt_ratio = static_cast<float>(std::sqrt(ratio));
      const float half_w = static_cast<float>(sizes[s] * sqrt_ratio / 2.);
      const float half_h = static_cast<float>(sizes[s] / sqrt_ratio / 2.);
      for (int di = 0; di < density; ++di) {
        for (int dj = 0; dj < density; ++dj) {
          g.half_w.push_back(half_w);
          g.half_h.push_back(half_h);
          g.dx.push_back(static_cast<float>(start + dj * shift));
          g.dy.push_back(static_cast<float>(start + di * shift));
        }
      }
    }
  }
  g.clamp_outward_sides = true;
  g.clip = op.Attr<bool>("clip", false);
  g.variances = op.Attr<std::vector<float>>("variances", {0.1f, 0.1f, 0.2f, 0.2f});
  return g;
}

void Emit11(MapContext& cx, const graph::Op& op) {
  RequireFloat32Inputs(cx, op, {"Input", "Image"});  // Paddle's kernels: float32 / float64
  EmitPriorGrid(cx, op, DensityGrid(cx, op), op.Attr<bool>("flatten_to_2d", false));
}

OpsetNeed MinOpset(const graph::Op&) { return {11, "Range builds the density_prior_box grid"}; }

}  // namespace

void RegisterDensityPriorBox(Registry& r) { r.Add("density_prior_box", MinOpset, {{11, Emit11}}); }

}  // namespace pd2onnx::mappers

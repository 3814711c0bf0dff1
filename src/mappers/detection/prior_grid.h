// The prior grid shared by prior_box and density_prior_box: for each
// feature cell (h, w) with centre ((w + offset) * step_w, (h + offset) *
// step_h) and each prior p, the box centre + (dx_p, dy_p) -/+ (hw_p, hh_p)
// divided by the image extents, as Boxes / Variances [H, W, P, 4]. The steps
// are the step_w / step_h attributes, or image / feature extents when
// either is 0. Opset 11 (Range: the shapes may be dynamic).
#pragma once

#include <string>
#include <vector>

#include "mappers/map_context.h"

namespace pd2onnx::mappers {

struct PriorGrid {
  std::vector<float> half_w;  // per prior
  std::vector<float> half_h;
  std::vector<float> dx;  // per prior centre shifts; empty = none
  std::vector<float> dy;
  // density_prior_box: lower corners max(v, 0) and upper corners min(v, 1).
  bool clamp_outward_sides = false;
  bool clip = false;  // every coordinate to [0, 1]
  std::vector<float> variances;
};

// Binds the op's Boxes and Variances; `flatten` reshapes both to [-1, 4].
void EmitPriorGrid(MapContext& cx, const graph::Op& op, const PriorGrid& grid, bool flatten);

}  // namespace pd2onnx::mappers

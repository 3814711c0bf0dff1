// The image index of each RoI, shared by the RoI and FPN mappers.
#pragma once

#include <string>

#include "graph/program.h"
#include "mappers/map_context.h"

namespace pd2onnx::mappers {

// True when the op gives the image of its RoIs: RoisNum (how many RoIs
// each image has) or, in Paddle 1.x programs, RoisLod (the offsets
// [0, n0, n0 + n1, ...]).
bool HasRoisNum(const graph::Op& op);

// Int64 [R]: the image of each of `num_rows` (1-D [1]) RoIs grouped by image
// in order, from per-image `counts` [N]: RoI i belongs to the number of
// images whose running total is <= i (CumSum-11, Range-11).
std::string ImagesFromCounts(MapContext& cx, const std::string& counts,
                             const std::string& num_rows);

// Int64 [R]: the image of each RoI of `rois` ([R, 4]), from RoisNum or
// RoisLod. Without them Paddle reads the RoIs' LoD, which ONNX cannot
// carry: every RoI is image 0.
std::string RoiBatchIndices(MapContext& cx, const graph::Op& op, const std::string& rois);

}  // namespace pd2onnx::mappers

#include "mappers/detection/roi_batch.h"

#include <cstdint>

namespace pd2onnx::mappers {
namespace {

// The image of each of `num_rows` RoIs from each image's end offset [N]:
// Range(1, R + 1) holds i + 1 for every RoI i, so "end <= i" is
// "end < i + 1", and RoI i belongs to the number of ends passed.
std::string ImagesFromEnds(MapContext& cx, const std::string& ends, const std::string& num_rows) {
  const std::string one = cx.ScalarOf(graph::DataType::kInt64, 1);
  const std::string limit = cx.Node("Add", {cx.Reshape(num_rows, {}), one});
  const std::string next = cx.Node("Range", {one, limit, one});
  const std::string passed =
      cx.Node("Less", {cx.Unsqueeze(ends, {0}), cx.Unsqueeze(next, {1})});  // [R, N]
  return cx.Reduce("ReduceSum", cx.Cast(passed, graph::DataType::kInt64), {1}, false);
}

}  // namespace

bool HasRoisNum(const graph::Op& op) { return op.HasInput("RoisNum") || op.HasInput("RoisLod"); }

std::string ImagesFromCounts(MapContext& cx, const std::string& counts,
                             const std::string& num_rows) {
  const std::string ends = cx.Node("CumSum", {cx.Cast(counts, graph::DataType::kInt64),
                                              cx.ScalarOf(graph::DataType::kInt64, 0)});
  return ImagesFromEnds(cx, ends, num_rows);
}

std::string RoiBatchIndices(MapContext& cx, const graph::Op& op, const std::string& rois) {
  const std::string num_rois = cx.Slice(cx.Shape(rois), {0}, {1}, {0});
  if (!HasRoisNum(op)) {
    return cx.Node("Expand", {cx.ScalarOf(graph::DataType::kInt64, 0), num_rois});
  }
  if (op.HasInput("RoisNum")) return ImagesFromCounts(cx, cx.Input(op, "RoisNum"), num_rois);
  // RoisLod [N + 1]: the ends are its entries after the leading 0.
  const std::string lod = cx.Cast(cx.Input(op, "RoisLod"), graph::DataType::kInt64);
  return ImagesFromEnds(cx, cx.Slice(lod, {1}, {INT64_MAX}, {0}), num_rois);
}

}  // namespace pd2onnx::mappers

// lod_reset and sequence_expand: the two LoD ops found in dense detection
// models (Faster R-CNN's box head), whose data stays dense.
//
// ONNX tensors carry no LoD, so a LoD tensor here is one sequence holding
// all its rows: one image, as box_clip, collect_fpn_proposals and the LoD
// form of multiclass_nms read it.
//
// lod_reset: Out = X; only the LoD changes (from Y, target_lod or append).
// sequence_expand: Out repeats X's sequence i as many times as Y's sequence
// i (at ref_level) has entries. With one sequence in Y that is Y's row
// count, and X (one sequence) is tiled that many times. Without LoD, X's
// rows are its sequences, so X must hold exactly one row: a batch of
// several images then fails at run time instead of giving wrong numbers.
#include <algorithm>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

void EmitLodReset(MapContext& cx, const graph::Op& op) { cx.Bind(op, "Out", cx.Input(op, "X")); }

// X (without LoD) as one row: a Reshape to a constant [1, ...] fails at run
// time when X holds several rows (ONNX Runtime may rewrite a computed
// shape, so only a constant one is a dependable check).
std::string OneRow(MapContext& cx, const graph::Var& x, const std::string& value) {
  std::vector<int64_t> one_row = x.shape;
  one_row[0] = 1;
  return cx.Reshape(value, one_row);
}

bool TrailingDimsKnown(const graph::Var& x) {
  return std::all_of(x.shape.begin() + 1, x.shape.end(), [](int64_t d) { return d >= 0; });
}

void EmitSequenceExpand(MapContext& cx, const graph::Op& op) {
  const graph::Var& y = cx.InputVar(op, "Y");
  const int64_t ref_level = op.Attr<int64_t>("ref_level", -1);
  PD2ONNX_CHECK(y.lod_level <= 1 && ref_level >= -1 && ref_level <= 0, ErrorKind::kUnsupported,
                "sequence_expand: Y '{}' has {} LoD levels and ref_level={}; only one level is "
                "supported (ONNX carries no LoD: a LoD tensor is read as one sequence)",
                y.name, y.lod_level, ref_level);
  const graph::Var& x = cx.InputVar(op, "X");
  const int64_t rank = RankOf(x);
  PD2ONNX_CHECK(rank >= 1, ErrorKind::kUnsupported, "sequence_expand: X must not be 0-D");
  const std::string value = cx.Input(op, "X");
  const std::string rows = cx.Slice(cx.Shape(cx.Input(op, "Y")), {0}, {1}, {0});
  if (x.lod_level == 0 && !TrailingDimsKnown(x)) {
    // Expand from [1, ...] to [rows, ...]; several rows in X fail to
    // broadcast (unless they happen to number `rows`).
    PD2ONNX_CHECK(cx.opset() >= 8, ErrorKind::kUnsupported,
                  "sequence_expand: X '{}' {} without LoD and with unknown trailing dims needs "
                  "opset 8 (Expand)",
                  x.name, graph::ShapeToString(x.shape));
    const std::string rest = cx.Slice(cx.Shape(value), {1}, {rank}, {0});
    cx.Bind(op, "Out", cx.Node("Expand", {value, cx.Node("Concat", {rows, rest}, {{"axis", 0}})}));
    return;
  }
  std::string repeats = rows;
  if (rank > 1) {
    const std::vector<int64_t> ones(static_cast<size_t>(rank - 1), 1);
    repeats = cx.Node("Concat", {rows, cx.ConstI64(ones)}, {{"axis", 0}});
  }
  const std::string sequence = x.lod_level > 0 ? value : OneRow(cx, x, value);
  cx.Bind(op, "Out", cx.Node("Tile", {sequence, repeats}));
}

}  // namespace

void RegisterLod(Registry& r) {
  r.Add("lod_reset", AnyOpset, {{7, EmitLodReset}});
  r.Add("sequence_expand", AnyOpset, {{7, EmitSequenceExpand}});
}

}  // namespace pd2onnx::mappers

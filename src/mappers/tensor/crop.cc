// Crop, repeat and partial ops.
// crop_tensor: X[offsets : offsets + shape] per axis; shape -1 runs to the
//   end. Shape: `Shape` (1-D) > `ShapeTensor` (1-element list) > `shape`;
//   offsets: `Offsets` > `OffsetsTensor` > `offsets` (absent: 0s).
// crop (v1): shape from Y (its declared shape, or at run time) or `shape`;
//   offsets from `Offsets` or `offsets`.
// repeat_interleave: each element along `dim` repeated `Repeats` times
//   (Tile of an inserted axis, then Reshape), or RepeatsTensor[i] times
//   (a Gather with constant indices; the tensor must be known now).
// partial_concat / partial_sum: columns [start_index, start_index + length)
//   of each 2-D input (length -1: to the end), concatenated / added.
// expand (v1): Tile by `expand_times` (ExpandTimes / expand_times_tensor).
// expand_as (v1): Tile by target_tensor dims / X dims.
#include <limits>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

constexpr int64_t kToEnd = std::numeric_limits<int32_t>::max();

constexpr const char* kCropSlots[] = {"Shape", "ShapeTensor", "Offsets", "OffsetsTensor", "Y"};

OpsetNeed CropMinOpset(const graph::Op& op) {
  for (const char* slot : kCropSlots) {
    if (op.HasInput(slot)) return {10, std::string(slot) + " input (Slice-10)"};
  }
  return {7, ""};
}

void EmitCrop(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const int64_t rank = RankOf(x_var);
  IntList shape;
  if (op.HasInput("Y")) {
    const graph::Var& y = cx.InputVar(op, "Y");
    shape = IsFullyKnown(y.shape) ? IntList{y.shape, ""}
                                  : IntList{std::nullopt, cx.Shape(cx.Input(op, "Y"))};
  } else if (auto t = IntListFromTensor(cx, op, "Shape")) {
    shape = *t;
  } else if (auto l = IntListFromTensorList(cx, op, "ShapeTensor")) {
    shape = *l;
  } else {
    shape = IntList{op.Attr<std::vector<int64_t>>("shape"), ""};
  }
  IntList offsets;
  if (auto t = IntListFromTensor(cx, op, "Offsets")) {
    offsets = *t;
  } else if (auto l = IntListFromTensorList(cx, op, "OffsetsTensor")) {
    offsets = *l;
  } else {
    std::vector<int64_t> attr = op.Attr<std::vector<int64_t>>("offsets", {});
    if (attr.empty()) attr.assign(rank, 0);
    offsets = IntList{attr, ""};
  }
  std::vector<int64_t> axes(rank);
  for (int64_t d = 0; d < rank; ++d) axes[d] = d;
  const std::string x = cx.Input(op, "X");
  if (shape.known() && offsets.known()) {
    PD2ONNX_CHECK(static_cast<int64_t>(shape.values->size()) == rank &&
                      static_cast<int64_t>(offsets.values->size()) == rank,
                  ErrorKind::kInvalidInput, "shape {} / offsets {} do not match rank {}",
                  graph::ShapeToString(*shape.values), graph::ShapeToString(*offsets.values), rank);
    std::vector<int64_t> ends(rank);
    for (int64_t d = 0; d < rank; ++d) {
      const int64_t s = (*shape.values)[d];
      ends[d] = s == -1 ? kToEnd : (*offsets.values)[d] + s;
    }
    cx.Bind(op, "Out", cx.Slice(x, *offsets.values, ends, axes));
    return;
  }
  PD2ONNX_CHECK(cx.opset() >= 10, ErrorKind::kInternal, "run-time crop below opset 10");
  const std::string starts = offsets.AsTensor(cx);
  const std::string size = shape.AsTensor(cx);
  // -1 (to the end) becomes a large end.
  const std::string to_end = cx.Node("Equal", {size, cx.ScalarOf(DataType::kInt64, -1)});
  const std::string ends = cx.Node(
      "Where", {to_end, cx.ScalarOf(DataType::kInt64, kToEnd), cx.Node("Add", {starts, size})});
  cx.Bind(op, "Out", cx.Node("Slice", {x, starts, ends, cx.ConstI64(axes)}));
}

void EmitRepeatInterleave(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  const int64_t rank = RankOf(var);
  const int64_t dim = NormalizeAxis(op.Attr<int64_t>("dim", 0), rank, "dim");
  const std::string x = cx.Input(op, "X");
  if (op.HasInput("RepeatsTensor")) {
    const graph::ConstTensor* counts = cx.ConstantInput(op, "RepeatsTensor");
    PD2ONNX_CHECK(counts != nullptr, ErrorKind::kUnsupported,
                  "RepeatsTensor known only at run time is not supported");
    std::vector<int64_t> source;
    const std::vector<int64_t> values = counts->ToInt64();
    for (size_t i = 0; i < values.size(); ++i) {
      PD2ONNX_CHECK(values[i] >= 0, ErrorKind::kInvalidInput, "negative repeat count {}",
                    values[i]);
      source.insert(source.end(), values[i], static_cast<int64_t>(i));
    }
    cx.Bind(op, "Out", cx.Node("Gather", {x, cx.ConstI64(source)}, {{"axis", dim}}));
    return;
  }
  const int64_t repeats = op.Attr<int64_t>("Repeats");
  PD2ONNX_CHECK(repeats >= 0, ErrorKind::kInvalidInput, "Repeats {} is negative", repeats);
  std::vector<int64_t> tiles(rank + 1, 1);
  tiles[dim + 1] = repeats;
  const std::string tiled = cx.Node("Tile", {cx.Unsqueeze(x, {dim + 1}), cx.ConstI64(tiles)});
  // Target: dims before `dim` copied (0), `dim` inferred (-1), later dims
  // known or read at run time.
  bool trailing_known = true;
  for (int64_t d = dim + 1; d < rank; ++d) trailing_known = trailing_known && var.shape[d] >= 0;
  if (trailing_known) {
    std::vector<int64_t> target(dim, 0);
    target.push_back(-1);
    target.insert(target.end(), var.shape.begin() + dim + 1, var.shape.end());
    cx.Bind(op, "Out", cx.Reshape(tiled, target));
    return;
  }
  const std::string dims = cx.Shape(x);
  std::vector<std::string> pieces;
  if (dim > 0) pieces.push_back(cx.Slice(dims, {0}, {dim}, {0}));
  pieces.push_back(cx.ConstI64({-1}));
  pieces.push_back(cx.Slice(dims, {dim + 1}, {rank}, {0}));
  cx.Bind(op, "Out", cx.Node("Reshape", {tiled, cx.Node("Concat", pieces, {{"axis", 0}})}));
}

std::vector<std::string> PartialColumns(MapContext& cx, const graph::Op& op) {
  const std::vector<std::string> inputs = cx.Inputs(op, "X");
  const graph::Var& first = cx.InputVar(op, "X");
  PD2ONNX_CHECK(RankOf(first) == 2, ErrorKind::kInvalidInput, "inputs must be 2-D, not {}",
                graph::ShapeToString(first.shape));
  const int64_t cols = first.shape[1];
  int64_t start = op.Attr<int64_t>("start_index", 0);
  const int64_t length = op.Attr<int64_t>("length", -1);
  if (start < 0) {
    PD2ONNX_CHECK(cols >= 0 || length < 0, ErrorKind::kUnsupported,
                  "a negative start_index on columns of unknown count");
    if (cols >= 0) start += cols;
  }
  const int64_t end = length < 0 ? kToEnd : start + length;
  std::vector<std::string> parts;
  for (const std::string& x : inputs) parts.push_back(cx.Slice(x, {start}, {end}, {1}));
  return parts;
}

void EmitPartialConcat(MapContext& cx, const graph::Op& op) {
  const std::vector<std::string> parts = PartialColumns(cx, op);
  cx.Bind(op, "Out", parts.size() == 1 ? parts[0] : cx.Node("Concat", parts, {{"axis", 1}}));
}

void EmitPartialSum(MapContext& cx, const graph::Op& op) {
  const std::vector<std::string> parts = PartialColumns(cx, op);
  std::string acc = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) acc = cx.Node("Add", {acc, parts[i]});
  cx.Bind(op, "Out", acc);
}

void EmitExpandV1(MapContext& cx, const graph::Op& op) {
  std::optional<IntList> times = IntListFromTensor(cx, op, "ExpandTimes");
  if (!times) times = IntListFromTensorList(cx, op, "expand_times_tensor");
  if (!times) times = IntList{op.Attr<std::vector<int64_t>>("expand_times"), ""};
  cx.Bind(op, "Out", cx.Node("Tile", {cx.Input(op, "X"), times->AsTensor(cx)}));
}

void EmitExpandAsV1(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  const graph::Var& t_var = cx.InputVar(op, "target_tensor");
  PD2ONNX_CHECK(RankOf(x_var) == RankOf(t_var), ErrorKind::kInvalidInput,
                "target rank {} differs from X rank {}", RankOf(t_var), RankOf(x_var));
  const std::string x = cx.Input(op, "X");
  std::string repeats;
  if (IsFullyKnown(x_var.shape) && IsFullyKnown(t_var.shape)) {
    std::vector<int64_t> values;
    for (size_t i = 0; i < x_var.shape.size(); ++i) {
      PD2ONNX_CHECK(x_var.shape[i] > 0 && t_var.shape[i] % x_var.shape[i] == 0,
                    ErrorKind::kInvalidInput, "target dim {} is not a multiple of {}",
                    t_var.shape[i], x_var.shape[i]);
      values.push_back(t_var.shape[i] / x_var.shape[i]);
    }
    repeats = cx.ConstI64(values);
  } else {
    repeats = cx.Node("Div", {cx.Shape(cx.Input(op, "target_tensor")), cx.Shape(x)});
  }
  cx.Bind(op, "Out", cx.Node("Tile", {x, repeats}));
}

}  // namespace

void RegisterCrop(Registry& r) {
  r.Add("crop", CropMinOpset, {{7, EmitCrop}});
  r.Add("crop_tensor", CropMinOpset, {{7, EmitCrop}});
  r.Add("expand", AnyOpset, {{7, EmitExpandV1}});
  r.Add("expand_as", AnyOpset, {{7, EmitExpandAsV1}});
  r.Add("partial_concat", AnyOpset, {{7, EmitPartialConcat}});
  r.Add("partial_sum", AnyOpset, {{7, EmitPartialSum}});
  r.Add("repeat_interleave", AnyOpset, {{7, EmitRepeatInterleave}});
}

}  // namespace pd2onnx::mappers

// clip: min(max(x, min), max). 1-element `Min`/`Max` tensors override the
// `min`/`max` attributes. For integer X Paddle casts the bounds to X's type.
#include <cmath>
#include <limits>
#include <optional>

#include "mappers/map_context.h"
#include "mappers/math/math.h"
#include "mappers/tensor/shape_util.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

OpsetNeed MinOpset(const graph::Op& op) {
  if (op.HasInput("Min") || op.HasInput("Max")) {
    return {8, "Min/Max tensor inputs (Max-8/Min-8 broadcast the bound)"};
  }
  return {7, ""};
}

// A bound known now (nullopt value and empty tensor = unbounded) or a 0-D
// run-time tensor.
struct Bound {
  std::optional<double> value;
  std::string tensor;
};

Bound ReadBound(MapContext& cx, const graph::Op& op, const char* slot, const char* attr,
                DataType work_dtype) {
  if (op.HasInput(slot)) {
    if (const graph::ConstTensor* known = cx.ConstantInput(op, slot)) {
      return {known->ToDouble().at(0), ""};
    }
    const std::string tensor =
        CastIfNeeded(cx, cx.Input(op, slot), cx.InputVar(op, slot).dtype, work_dtype);
    return {std::nullopt, cx.Reshape(tensor, {})};  // 0-D, as Clip-11 wants
  }
  if (!op.HasAttr(attr)) return {};
  return {op.Attr<double>(attr), ""};
}

// Integer X: bounds as X's type would hold them; out-of-range bounds do
// not bound at all.
void ToIntegerBound(Bound& bound, DataType dtype) {
  if (!bound.value) return;
  const double lowest = dtype == DataType::kInt32 ? std::numeric_limits<int32_t>::lowest()
                                                  : std::numeric_limits<int64_t>::lowest();
  const double highest = dtype == DataType::kInt32 ? std::numeric_limits<int32_t>::max()
                                                   : std::numeric_limits<int64_t>::max();
  if (*bound.value <= lowest || *bound.value >= highest) {
    bound.value.reset();
  } else {
    bound.value = std::trunc(*bound.value);
  }
}

std::string BoundTensor(MapContext& cx, const Bound& bound, DataType dtype) {
  if (!bound.tensor.empty()) return bound.tensor;
  return bound.value ? cx.ScalarOf(dtype, *bound.value) : std::string();
}

std::optional<float> AsFloat(const std::optional<double>& value) {
  if (!value) return std::nullopt;
  return static_cast<float>(*value);
}

// What ONNX offers at the target opset.
struct ClipOnnx {
  bool integer_compare;   // Less/Greater-9 and Where-9 take integers
  bool bounds_as_inputs;  // Clip-11
  bool integer_clip;      // Clip-12 (and Max/Min-12) take integers
};

// Integer X before Clip-12, exactly: Where(x < lo, lo, x), then likewise
// for hi.
std::string ClipWithWhere(MapContext& cx, std::string x, const std::string& lo,
                          const std::string& hi) {
  if (!lo.empty()) x = cx.Node("Where", {cx.Node("Less", {x, lo}), lo, x});
  if (!hi.empty()) x = cx.Node("Where", {cx.Node("Greater", {x, hi}), hi, x});
  return x;
}

void EmitClip(MapContext& cx, const graph::Op& op, ClipOnnx onnx) {
  const DataType dtype = cx.InputVar(op, "X").dtype;
  const bool integer = graph::IsInteger(dtype);
  const bool use_where = integer && !onnx.integer_clip && onnx.integer_compare;
  // Integers at opsets 7-8 are clipped in float32 (exact below 2^24).
  const DataType work =
      integer && !onnx.integer_clip && !onnx.integer_compare ? DataType::kFloat32 : dtype;
  Bound lo = ReadBound(cx, op, "Min", "min", work);
  Bound hi = ReadBound(cx, op, "Max", "max", work);
  if (integer) {
    ToIntegerBound(lo, dtype);
    ToIntegerBound(hi, dtype);
  }
  std::string x = CastIfNeeded(cx, cx.Input(op, "X"), dtype, work);
  if (use_where) {
    x = ClipWithWhere(cx, x, BoundTensor(cx, lo, work), BoundTensor(cx, hi, work));
  } else if (lo.tensor.empty() && hi.tensor.empty()) {
    x = cx.Clip(x, AsFloat(lo.value), AsFloat(hi.value), work);
  } else if (onnx.bounds_as_inputs && (work != DataType::kFloat64 || onnx.integer_clip)) {
    std::vector<std::string> inputs = {x, BoundTensor(cx, lo, work), BoundTensor(cx, hi, work)};
    while (inputs.back().empty()) inputs.pop_back();
    x = cx.Node("Clip", inputs);
  } else {
    // Max-8 / Min-8 (float64 before Clip-12 too: ONNX Runtime's Clip-11 is float only).
    if (const std::string t = BoundTensor(cx, lo, work); !t.empty()) x = cx.Node("Max", {x, t});
    if (const std::string t = BoundTensor(cx, hi, work); !t.empty()) x = cx.Node("Min", {x, t});
  }
  cx.Bind(op, "Out", CastIfNeeded(cx, x, work, dtype));
}

void Emit7(MapContext& cx, const graph::Op& op) { EmitClip(cx, op, {false, false, false}); }
// Less/Greater-9 and Where-9 clip integers exactly.
void Emit9(MapContext& cx, const graph::Op& op) { EmitClip(cx, op, {true, false, false}); }
// Clip-11 takes min/max as (run-time) inputs.
void Emit11(MapContext& cx, const graph::Op& op) { EmitClip(cx, op, {true, true, false}); }
// Clip-12 accepts integer tensors.
void Emit12(MapContext& cx, const graph::Op& op) { EmitClip(cx, op, {true, true, true}); }

}  // namespace

void RegisterClip(Registry& r) {
  r.Add("clip", MinOpset, {{7, Emit7}, {9, Emit9}, {11, Emit11}, {12, Emit12}});
}

}  // namespace pd2onnx::mappers

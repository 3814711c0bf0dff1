// flip / reverse: reverses the listed `axis` entries (Slice-10 with step
// -1 from the last element through the first).
// roll: out[(i + shift) mod n] = x[i] along each axis (`ShiftsTensor`
// overrides `shifts` and must be known now); without `axis` the tensor is
// flattened, rolled and reshaped back. Each axis is two Slices and a Concat,
// so its extent must be known.
#include <limits>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed FlipMinOpset(const graph::Op&) { return {10, "negative Slice steps (Slice-10)"}; }

void EmitFlip10(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  std::vector<int64_t> axes;
  for (int64_t a : op.Attr<std::vector<int64_t>>("axis")) {
    axes.push_back(NormalizeAxis(a, rank, "axis entry"));
  }
  const std::string x = cx.Input(op, "X");
  if (axes.empty()) {
    cx.Bind(op, "Out", x);
    return;
  }
  const size_t n = axes.size();
  constexpr int64_t kToFront = -std::numeric_limits<int64_t>::max();
  cx.Bind(op, "Out",
          cx.Slice(x, std::vector<int64_t>(n, -1), std::vector<int64_t>(n, kToFront), axes,
                   std::vector<int64_t>(n, -1)));
}

std::vector<int64_t> Shifts(MapContext& cx, const graph::Op& op) {
  if (op.HasInput("ShiftsTensor")) {
    const graph::ConstTensor* value = cx.ConstantInput(op, "ShiftsTensor");
    PD2ONNX_CHECK(value != nullptr, ErrorKind::kUnsupported,
                  "ShiftsTensor known only at run time is not supported");
    return value->ToInt64();
  }
  return op.Attr<std::vector<int64_t>>("shifts");
}

// x rolled by `shift` along `axis` of extent `n`.
std::string RollAxis(MapContext& cx, const std::string& x, int64_t axis, int64_t n, int64_t shift) {
  if (n == 0) return x;
  const int64_t s = ((shift % n) + n) % n;
  if (s == 0) return x;
  const std::string tail = cx.Slice(x, {n - s}, {n}, {axis});
  const std::string head = cx.Slice(x, {0}, {n - s}, {axis});
  return cx.Node("Concat", {tail, head}, {{"axis", axis}});
}

void EmitRoll(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  const std::vector<int64_t> shifts = Shifts(cx, op);
  const std::vector<int64_t> axes = op.Attr<std::vector<int64_t>>("axis", {});
  std::string x = cx.Input(op, "X");
  if (axes.empty()) {
    PD2ONNX_CHECK(shifts.size() == 1, ErrorKind::kInvalidInput,
                  "roll without axis takes one shift, not {}", shifts.size());
    PD2ONNX_CHECK(IsFullyKnown(var.shape), ErrorKind::kUnsupported,
                  "roll without axis of a tensor of unknown shape {}",
                  graph::ShapeToString(var.shape));
    const std::string flat = cx.Reshape(x, {-1});
    const std::string rolled = RollAxis(cx, flat, 0, graph::NumElements(var.shape), shifts[0]);
    cx.Bind(op, "Out", cx.Reshape(rolled, var.shape));
    return;
  }
  PD2ONNX_CHECK(shifts.size() == axes.size(), ErrorKind::kInvalidInput,
                "roll has {} shifts for {} axes", shifts.size(), axes.size());
  for (size_t k = 0; k < axes.size(); ++k) {
    const int64_t axis = NormalizeAxis(axes[k], RankOf(var), "axis entry");
    const int64_t n = var.shape[axis];
    PD2ONNX_CHECK(n >= 0, ErrorKind::kUnsupported, "roll along axis {} of unknown extent", axis);
    x = RollAxis(cx, x, axis, n, shifts[k]);
  }
  cx.Bind(op, "Out", x);
}

}  // namespace

void RegisterFlip(Registry& r) {
  r.Add("flip", FlipMinOpset, {{10, EmitFlip10}});
  r.Add("reverse", FlipMinOpset, {{10, EmitFlip10}});
  r.Add("roll", AnyOpset, {{7, EmitRoll}});
}

}  // namespace pd2onnx::mappers

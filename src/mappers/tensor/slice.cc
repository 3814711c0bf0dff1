// slice: for each listed axis, [start, end) with negatives counted from the
// end and clamped to [0, dim], as in ONNX Slice. Start/end tensors override
// the attributes (`…Tensor` = one 1-D tensor, `…TensorList` = one 1-element
// tensor per axis). `decrease_axis` removes the sliced axes (extent 1).
#include <algorithm>
#include <limits>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

constexpr const char* kTensorSlots[] = {"StartsTensor", "EndsTensor", "StartsTensorList",
                                        "EndsTensorList"};

OpsetNeed MinOpset(const graph::Op& op) {
  for (const char* slot : kTensorSlots) {
    if (op.HasInput(slot)) {
      return {10, std::string(slot) + " input (Slice-10 takes starts/ends as inputs)"};
    }
  }
  return {7, ""};
}

// `StartsTensor` > `StartsTensorList` > `starts` (likewise for ends).
IntList Bounds(MapContext& cx, const graph::Op& op, const std::string& slot_prefix,
               const char* attr) {
  if (auto tensor = IntListFromTensor(cx, op, slot_prefix + "Tensor")) return *tensor;
  if (auto list = IntListFromTensorList(cx, op, slot_prefix + "TensorList")) return *list;
  return IntList{op.Attr<std::vector<int64_t>>(attr), ""};
}

// Sentinels such as INT64_MAX mean "to the end"; ONNX clamps them too, but
// consumers handle values within int32 (or within the dim) more reliably.
int64_t ClampBound(int64_t value, int64_t extent) {
  const int64_t limit = extent >= 0 ? extent : std::numeric_limits<int32_t>::max();
  return std::clamp(value, -limit, limit);
}

void ClampAll(std::vector<int64_t>& bounds, const std::vector<int64_t>& axes,
              const std::vector<int64_t>& shape) {
  for (size_t k = 0; k < bounds.size() && k < axes.size(); ++k) {
    bounds[k] = ClampBound(bounds[k], shape[axes[k]]);
  }
}

std::string SliceInput(MapContext& cx, const graph::Op& op, const std::vector<int64_t>& axes) {
  const std::vector<int64_t>& shape = cx.InputVar(op, "Input").shape;
  IntList starts = Bounds(cx, op, "Starts", "starts");
  IntList ends = Bounds(cx, op, "Ends", "ends");
  const std::string x = cx.Input(op, "Input");
  if (starts.known() && ends.known()) {
    PD2ONNX_CHECK(starts.values->size() == axes.size() && ends.values->size() == axes.size(),
                  ErrorKind::kInvalidInput, "{} axes but {} starts and {} ends", axes.size(),
                  starts.values->size(), ends.values->size());
    ClampAll(*starts.values, axes, shape);
    ClampAll(*ends.values, axes, shape);
    return cx.Slice(x, *starts.values, *ends.values, axes);
  }
  // Run-time bounds; MinOpset guarantees Slice-10.
  PD2ONNX_CHECK(cx.opset() >= 10, ErrorKind::kInternal, "run-time slice bounds below opset 10");
  if (starts.known()) ClampAll(*starts.values, axes, shape);
  if (ends.known()) ClampAll(*ends.values, axes, shape);
  return cx.Node("Slice", {x, starts.AsTensor(cx), ends.AsTensor(cx), cx.ConstI64(axes)});
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "Input"));
  std::vector<int64_t> axes = op.Attr<std::vector<int64_t>>("axes");
  for (int64_t& axis : axes) axis = NormalizeAxis(axis, rank, "axes entry");
  std::string out = SliceInput(cx, op, axes);

  std::vector<int64_t> decrease = op.Attr<std::vector<int64_t>>("decrease_axis", {});
  if (!decrease.empty()) {
    for (int64_t& axis : decrease) axis = NormalizeAxis(axis, rank, "decrease_axis entry");
    std::sort(decrease.begin(), decrease.end());
    decrease.erase(std::unique(decrease.begin(), decrease.end()), decrease.end());
    out = cx.Squeeze(out, decrease);
    // Every dim removed: 0-D, or [1] as Paddle < 2.5 declared it.
    out = MatchDeclaredRank(cx, out, rank - static_cast<int64_t>(decrease.size()),
                            cx.OutputVar(op, "Out"));
  }
  cx.Bind(op, "Out", out);
}

}  // namespace

void RegisterSlice(Registry& r) { r.Add("slice", MinOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

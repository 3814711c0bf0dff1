// strided_slice: slice with `strides` (Slice-10 steps); starts/ends/strides
// from `…Tensor` (1-D) > `…TensorList` (1-element tensors) > attributes.
// Paddle's rules: a negative start/end adds the extent and clamps at 0,
// except that end -1 with a negative stride means "through element 0"
// (ONNX: a very negative end). A negative end clamped at 0 excludes
// element 0 with a negative stride, which ONNX expresses by that 0.
// `decrease_axis` drops the listed (extent 1) axes. All strides 1 and no
// tensors: Slice-1 attributes, from opset 7.
#include <algorithm>
#include <limits>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

constexpr const char* kTensorSlots[] = {"StartsTensor",     "EndsTensor",     "StridesTensor",
                                        "StartsTensorList", "EndsTensorList", "StridesTensorList"};

OpsetNeed MinOpset(const graph::Op& op) {
  for (const char* slot : kTensorSlots) {
    if (op.HasInput(slot)) return {10, std::string(slot) + " input (Slice-10)"};
  }
  for (int64_t s : op.Attr<std::vector<int64_t>>("strides", {})) {
    if (s != 1) return {10, "strides other than 1 (Slice-10 steps)"};
  }
  return {7, ""};
}

IntList Bounds(MapContext& cx, const graph::Op& op, const std::string& prefix, const char* attr) {
  if (auto tensor = IntListFromTensor(cx, op, prefix + "Tensor")) return *tensor;
  if (auto list = IntListFromTensorList(cx, op, prefix + "TensorList")) return *list;
  return IntList{op.Attr<std::vector<int64_t>>(attr), ""};
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const std::vector<int64_t>& shape = cx.InputVar(op, "Input").shape;
  const int64_t rank = static_cast<int64_t>(shape.size());
  std::vector<int64_t> axes = op.Attr<std::vector<int64_t>>("axes");
  for (int64_t& axis : axes) axis = NormalizeAxis(axis, rank, "axes entry");
  IntList starts = Bounds(cx, op, "Starts", "starts");
  IntList ends = Bounds(cx, op, "Ends", "ends");
  IntList strides = Bounds(cx, op, "Strides", "strides");
  PD2ONNX_CHECK(strides.known(), ErrorKind::kUnsupported,
                "strides known only at run time are not supported");
  PD2ONNX_CHECK(strides.values->size() == axes.size(), ErrorKind::kInvalidInput,
                "{} axes but {} strides", axes.size(), strides.values->size());
  const std::vector<int64_t>& steps = *strides.values;
  const bool any_negative =
      std::any_of(steps.begin(), steps.end(), [](int64_t s) { return s < 0; });
  constexpr int64_t kBig = std::numeric_limits<int32_t>::max();
  if (starts.known()) {
    PD2ONNX_CHECK(starts.values->size() == axes.size(), ErrorKind::kInvalidInput,
                  "{} axes but {} starts", axes.size(), starts.values->size());
    for (int64_t& s : *starts.values) s = std::clamp(s, -kBig, kBig);
  }
  if (ends.known()) {
    PD2ONNX_CHECK(ends.values->size() == axes.size(), ErrorKind::kInvalidInput,
                  "{} axes but {} ends", axes.size(), ends.values->size());
    for (size_t k = 0; k < axes.size(); ++k) {
      int64_t& e = (*ends.values)[k];
      const int64_t n = shape[axes[k]];
      if (steps[k] < 0 && e == -1) {
        e = -std::numeric_limits<int64_t>::max();  // through element 0
      } else if (e < 0 && n >= 0) {
        e = std::max<int64_t>(e + n, 0);
      } else {
        e = std::clamp(e, -kBig, kBig);
      }
    }
  } else {
    PD2ONNX_CHECK(!any_negative, ErrorKind::kUnsupported,
                  "ends known only at run time with a negative stride are not supported");
  }
  const std::string x = cx.Input(op, "Input");
  std::string out;
  if (starts.known() && ends.known()) {
    const bool unit = std::all_of(steps.begin(), steps.end(), [](int64_t s) { return s == 1; });
    out = cx.Slice(x, *starts.values, *ends.values, axes, unit ? std::vector<int64_t>{} : steps);
  } else {
    PD2ONNX_CHECK(cx.opset() >= 10, ErrorKind::kInternal, "run-time bounds below opset 10");
    out = cx.Node("Slice", {x, starts.AsTensor(cx), ends.AsTensor(cx), cx.ConstI64(axes),
                            cx.ConstI64(steps)});
  }
  std::vector<int64_t> decrease = op.Attr<std::vector<int64_t>>("decrease_axis", {});
  if (!decrease.empty()) {
    for (int64_t& axis : decrease) axis = NormalizeAxis(axis, rank, "decrease_axis entry");
    std::sort(decrease.begin(), decrease.end());
    decrease.erase(std::unique(decrease.begin(), decrease.end()), decrease.end());
    out = cx.Squeeze(out, decrease);
    out = MatchDeclaredRank(cx, out, rank - static_cast<int64_t>(decrease.size()),
                            cx.OutputVar(op, "Out"));
  }
  cx.Bind(op, "Out", out);
}

}  // namespace

void RegisterStridedSlice(Registry& r) { r.Add("strided_slice", MinOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

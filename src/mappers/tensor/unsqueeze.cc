// unsqueeze2: inserts 1-dims in the listed order; a negative axis counts
// from the end of the current (growing) shape: axis + rank + 1. Axes come,
// as in Paddle's kernel, from a constant `AxesTensorList` first, then
// `AxesTensor`, then the `axes` attribute.
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

std::vector<int64_t> ListedAxes(MapContext& cx, const graph::Op& op) {
  std::optional<IntList> axes = IntListFromTensorList(cx, op, "AxesTensorList");
  if (!axes) axes = IntListFromTensor(cx, op, "AxesTensor");
  if (!axes) return op.Attr<std::vector<int64_t>>("axes", {});
  PD2ONNX_CHECK(axes->known(), ErrorKind::kUnsupported,
                "unsqueeze axes known only at run time are not supported");
  return *axes->values;
}

// Positions of the new dims in the output, found by replaying the
// insertions on a list that marks which dims are new.
std::vector<int64_t> OutputAxes(const std::vector<int64_t>& listed, int64_t rank) {
  std::vector<bool> is_new(static_cast<size_t>(rank), false);
  for (int64_t axis : listed) {
    const int64_t current = static_cast<int64_t>(is_new.size());
    const int64_t position = axis < 0 ? axis + current + 1 : axis;
    PD2ONNX_CHECK(position >= 0 && position <= current, ErrorKind::kInvalidInput,
                  "axes entry {} is out of range for rank {}", axis, current);
    is_new.insert(is_new.begin() + position, true);
  }
  std::vector<int64_t> axes;
  for (size_t d = 0; d < is_new.size(); ++d) {
    if (is_new[d]) axes.push_back(static_cast<int64_t>(d));
  }
  return axes;
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const std::vector<int64_t> axes = OutputAxes(ListedAxes(cx, op), rank);
  const std::string x = cx.Input(op, "X");
  cx.Bind(op, "Out", axes.empty() ? x : cx.Unsqueeze(x, axes));
}

}  // namespace

void RegisterUnsqueeze(Registry& r) {
  r.Add("unsqueeze", AnyOpset, {{7, Emit7}});  // v1: no XShape
  r.Add("unsqueeze2", AnyOpset, {{7, Emit7}});
}

}  // namespace pd2onnx::mappers

// tile: X repeated `repeat_times` along each dim, from `RepeatTimes`
// (1-D tensor) > `repeat_times_tensor` (1-element tensors) > the
// attribute. A shorter list is padded with leading 1s; a longer one gives
// X leading 1-dims.
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

IntList RepeatTimes(MapContext& cx, const graph::Op& op) {
  if (auto tensor = IntListFromTensor(cx, op, "RepeatTimes")) return *tensor;
  if (auto list = IntListFromTensorList(cx, op, "repeat_times_tensor")) return *list;
  return IntList{op.Attr<std::vector<int64_t>>("repeat_times"), ""};
}

// How many entries a run-time repeat list has.
int64_t RuntimeLength(const graph::Op& op, MapContext& cx) {
  if (op.HasInput("RepeatTimes")) {
    const std::vector<int64_t>& shape = cx.InputVar(op, "RepeatTimes").shape;
    const int64_t length = shape.empty() ? 1 : shape[0];
    PD2ONNX_CHECK(length >= 0, ErrorKind::kUnsupported,
                  "RepeatTimes of unknown length is not supported");
    return length;
  }
  return static_cast<int64_t>(op.Inputs("repeat_times_tensor").size());
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const IntList repeats = RepeatTimes(cx, op);
  const int64_t length =
      repeats.known() ? static_cast<int64_t>(repeats.values->size()) : RuntimeLength(op, cx);

  std::string x = cx.Input(op, "X");
  if (length > rank) {
    std::vector<int64_t> leading;
    for (int64_t d = 0; d < length - rank; ++d) leading.push_back(d);
    x = cx.Unsqueeze(x, leading);
  }
  std::string times;
  const std::vector<int64_t> padding(static_cast<size_t>(std::max<int64_t>(rank - length, 0)), 1);
  if (repeats.known()) {
    std::vector<int64_t> values = padding;
    values.insert(values.end(), repeats.values->begin(), repeats.values->end());
    times = cx.ConstI64(values);
  } else {
    times = padding.empty()
                ? repeats.tensor
                : cx.Node("Concat", {cx.ConstI64(padding), repeats.tensor}, {{"axis", 0}});
  }
  cx.Bind(op, "Out", cx.Node("Tile", {x, times}));
}

}  // namespace

void RegisterTile(Registry& r) { r.Add("tile", AnyOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

// squeeze2: removes the listed axes whose extent is 1 (listed axes of
// other extent stay, without error); empty `axes` removes every 1-dim.
// Like Paddle's shape inference, an axis of unknown extent counts as 1.
#include <algorithm>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"

namespace pd2onnx::mappers {
namespace {

void Emit7(MapContext& cx, const graph::Op& op) {
  const std::vector<int64_t>& shape = cx.InputVar(op, "X").shape;
  const int64_t rank = static_cast<int64_t>(shape.size());
  const std::vector<int64_t> listed = op.Attr<std::vector<int64_t>>("axes", {});
  const std::string x = cx.Input(op, "X");
  if (listed.empty() && !IsFullyKnown(shape)) {
    cx.Bind(op, "Out", cx.Squeeze(x, {}));  // every 1-dim, decided at run time
    return;
  }
  std::vector<int64_t> axes;
  if (listed.empty()) {
    for (int64_t d = 0; d < rank; ++d) {
      if (shape[d] == 1) axes.push_back(d);
    }
  } else {
    for (int64_t axis : listed) {
      const int64_t d = NormalizeAxis(axis, rank, "axes entry");
      if (shape[d] == 1 || shape[d] < 0) axes.push_back(d);
    }
  }
  std::sort(axes.begin(), axes.end());
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  cx.Bind(op, "Out", axes.empty() ? x : cx.Squeeze(x, axes));
}

}  // namespace

void RegisterSqueeze(Registry& r) {
  r.Add("squeeze", AnyOpset, {{7, Emit7}});  // v1: no XShape
  r.Add("squeeze2", AnyOpset, {{7, Emit7}});
}

}  // namespace pd2onnx::mappers

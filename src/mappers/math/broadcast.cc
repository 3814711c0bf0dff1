#include "mappers/math/broadcast.h"

#include <algorithm>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {

std::pair<std::string, std::string> BroadcastOperands(MapContext& cx, const graph::Op& op) {
  std::string x = cx.Input(op, "X");
  std::string y = cx.Input(op, "Y");
  const std::vector<int64_t>& shape_x = cx.InputVar(op, "X").shape;
  const std::vector<int64_t>& shape_y = cx.InputVar(op, "Y").shape;
  const bool y_is_lower = shape_y.size() < shape_x.size();
  const std::vector<int64_t>& lower_shape = y_is_lower ? shape_y : shape_x;
  const int64_t high = static_cast<int64_t>(std::max(shape_x.size(), shape_y.size()));
  int64_t low = static_cast<int64_t>(lower_shape.size());
  const int64_t numpy_axis = high - low;

  const int64_t attr_axis = op.Attr<int64_t>("axis", -1);
  // Paddle counts a negative axis from the rank difference: -1 is NumPy.
  const int64_t axis = attr_axis < 0 ? attr_axis + numpy_axis + 1 : attr_axis;
  if (high == low || low == 0 || axis == numpy_axis) return {x, y};

  std::string& lower = y_is_lower ? y : x;
  // Old programs give the lower operand trailing 1-dims that do not fit
  // after `axis` (X [N, C], Y [C, 1], axis 1); Paddle drops them.
  std::vector<int64_t> dropped;
  while (axis + low > high && low > 0 && lower_shape[low - 1] == 1) {
    dropped.insert(dropped.begin(), --low);
  }
  PD2ONNX_CHECK(axis >= 0 && axis + low <= high, ErrorKind::kInvalidInput,
                "axis {} does not place a rank-{} operand inside rank {}", attr_axis,
                lower_shape.size(), high);
  if (!dropped.empty()) lower = cx.Squeeze(lower, dropped);
  if (low == 0) return {x, y};

  std::vector<int64_t> new_axes;
  for (int64_t d = 0; d < axis; ++d) new_axes.push_back(d);
  for (int64_t d = axis + low; d < high; ++d) new_axes.push_back(d);
  if (!new_axes.empty()) lower = cx.Unsqueeze(lower, new_axes);
  return {x, y};
}

}  // namespace pd2onnx::mappers

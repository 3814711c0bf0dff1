// flatten2: [prod(d[:axis]), prod(d[axis:])];
// flatten_contiguous_range: dims start_axis..stop_axis (inclusive,
// negative from the end) merged into one. Both become a Reshape whose
// target is constant when at most one output dim is unknown now, and is
// computed from Shape otherwise.
#include <optional>
#include <utility>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

// Output dim i is the product of input dims [begin, end).
using DimGroup = std::pair<int64_t, int64_t>;

// The product of a group's dims, or -1 when one is unknown.
int64_t KnownProduct(const std::vector<int64_t>& shape, DimGroup group) {
  int64_t product = 1;
  for (int64_t d = group.first; d < group.second; ++d) {
    if (shape[d] < 0) return -1;
    product *= shape[d];
  }
  return product;
}

// The target shape as constants: known products, 0 (copy) where a group
// is one unknown dim at its own index, and -1 for at most one other group.
std::optional<std::vector<int64_t>> ConstantTarget(const std::vector<int64_t>& shape,
                                                   const std::vector<DimGroup>& groups) {
  std::vector<int64_t> target;
  bool inferred = false;
  for (size_t i = 0; i < groups.size(); ++i) {
    const int64_t product = KnownProduct(shape, groups[i]);
    const bool copies_own_index = groups[i] == DimGroup{int64_t(i), int64_t(i) + 1};
    if (product >= 0) {
      target.push_back(product);
    } else if (copies_own_index) {
      target.push_back(0);  // ONNX Reshape: 0 copies the input dim at this index
    } else if (!inferred) {
      target.push_back(-1);
      inferred = true;
    } else {
      return std::nullopt;
    }
  }
  return target;
}

std::string RuntimeTarget(MapContext& cx, const std::string& x, const std::vector<int64_t>& shape,
                          const std::vector<DimGroup>& groups) {
  const std::string dims = cx.Shape(x);
  std::vector<std::string> pieces;
  for (const DimGroup& group : groups) {
    const int64_t product = KnownProduct(shape, group);
    if (product >= 0) {
      pieces.push_back(cx.ConstI64({product}));
      continue;
    }
    const std::string slice = cx.Slice(dims, {group.first}, {group.second}, {0});
    const bool single = group.second - group.first == 1;
    pieces.push_back(single ? slice : cx.Reduce("ReduceProd", slice, {0}, true));
  }
  return cx.Node("Concat", pieces, {{"axis", 0}});
}

std::string ReshapeToGroups(MapContext& cx, const graph::Op& op,
                            const std::vector<DimGroup>& groups) {
  const std::vector<int64_t>& shape = cx.InputVar(op, "X").shape;
  const std::string x = cx.Input(op, "X");
  if (auto target = ConstantTarget(shape, groups)) return cx.Reshape(x, *target);
  return cx.Node("Reshape", {x, RuntimeTarget(cx, x, shape, groups)});
}

void EmitFlatten2(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  int64_t axis = op.Attr<int64_t>("axis", 1);
  if (axis < 0) axis += rank;
  PD2ONNX_CHECK(axis >= 0 && axis <= rank, ErrorKind::kInvalidInput,
                "axis {} is out of range for rank {}", op.Attr<int64_t>("axis", 1), rank);
  cx.Bind(op, "Out", ReshapeToGroups(cx, op, {{0, axis}, {axis, rank}}));
}

void EmitFlattenRange(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  if (rank == 0) {  // a 0-D tensor flattens to [1]
    cx.Bind(op, "Out", cx.Reshape(cx.Input(op, "X"), {1}));
    return;
  }
  const int64_t start = NormalizeAxis(op.Attr<int64_t>("start_axis", 1), rank, "start_axis");
  const int64_t stop = NormalizeAxis(op.Attr<int64_t>("stop_axis", 1), rank, "stop_axis");
  PD2ONNX_CHECK(start <= stop, ErrorKind::kInvalidInput, "start_axis {} is after stop_axis {}",
                start, stop);
  std::vector<DimGroup> groups;
  for (int64_t d = 0; d < start; ++d) groups.emplace_back(d, d + 1);
  groups.emplace_back(start, stop + 1);
  for (int64_t d = stop + 1; d < rank; ++d) groups.emplace_back(d, d + 1);
  cx.Bind(op, "Out", ReshapeToGroups(cx, op, groups));
}

}  // namespace

void RegisterFlatten(Registry& r) {
  r.Add("flatten", AnyOpset, {{7, EmitFlatten2}});  // 1.x: no XShape
  r.Add("flatten2", AnyOpset, {{7, EmitFlatten2}});
  r.Add("flatten_contiguous_range", AnyOpset, {{7, EmitFlattenRange}});
}

}  // namespace pd2onnx::mappers

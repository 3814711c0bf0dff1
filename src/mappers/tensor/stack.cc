// stack: X[i] unsqueezed at `axis` (of the output rank) and concatenated;
// unstack (Y) / unbind (Out): X split into its `axis` slices, each
// squeezed.
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

void EmitStack(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", 0), rank + 1, "axis");
  std::vector<std::string> parts;
  for (const std::string& x : cx.Inputs(op, "X")) parts.push_back(cx.Unsqueeze(x, {axis}));
  cx.Bind(op, "Y", parts.size() == 1 ? parts[0] : cx.Node("Concat", parts, {{"axis", axis}}));
}

void EmitSlices(MapContext& cx, const graph::Op& op, std::string_view slot) {
  const graph::Var& in = cx.InputVar(op, "X");
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", 0), RankOf(in), "axis");
  const size_t count = op.Outputs(slot).size();
  PD2ONNX_CHECK(in.shape[axis] < 0 || in.shape[axis] == static_cast<int64_t>(count),
                ErrorKind::kInvalidInput, "axis {} has extent {} but {} lists {} variables", axis,
                in.shape[axis], slot, count);
  const std::string x = cx.Input(op, "X");
  std::vector<std::string> parts = {x};
  if (count > 1) parts = cx.Split(x, axis, std::vector<int64_t>(count, 1));
  for (size_t i = 0; i < count; ++i) cx.Bind(op, slot, cx.Squeeze(parts[i], {axis}), i);
}

void EmitUnstack(MapContext& cx, const graph::Op& op) { EmitSlices(cx, op, "Y"); }
void EmitUnbind(MapContext& cx, const graph::Op& op) { EmitSlices(cx, op, "Out"); }

}  // namespace

void RegisterStack(Registry& r) {
  r.Add("stack", AnyOpset, {{7, EmitStack}});
  r.Add("unbind", AnyOpset, {{7, EmitUnbind}});
  r.Add("unstack", AnyOpset, {{7, EmitUnstack}});
}

}  // namespace pd2onnx::mappers

// unique over the flattened X (an empty `axis`) → Unique-11: `is_sorted`
// gives ascending values (else first-occurrence order, as ONNX's
// sorted=0); Indices / Index (inverse) / Counts are ONNX's indices /
// inverse_indices / counts, cast to `dtype`. ONNX Runtime's Unique takes
// float, double, int8 and int64: other integer inputs go through int64,
// float16 through float32.
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/search/search.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed MinOpset(const graph::Op&) { return {11, "unique (Unique-11)"}; }

void Emit11(MapContext& cx, const graph::Op& op) {
  PD2ONNX_CHECK(op.Attr<std::vector<int64_t>>("axis", {}).empty(), ErrorKind::kUnsupported,
                "unique with a non-empty axis is not supported");
  const graph::DataType dtype = cx.InputVar(op, "X").dtype;
  using graph::DataType;
  const bool direct = dtype == DataType::kFloat32 || dtype == DataType::kFloat64 ||
                      dtype == DataType::kInt64 || dtype == DataType::kInt8;
  std::string x = cx.Reshape(cx.Input(op, "X"), {-1});
  if (!direct) x = cx.Cast(x, ExactWideningOf(dtype));
  const std::vector<std::string> r =
      cx.NodeN("Unique", {x}, 4, {{"sorted", op.Attr<bool>("is_sorted", false) ? 1 : 0}});
  cx.Bind(op, "Out", direct ? r[0] : cx.Cast(r[0], dtype));
  const std::pair<const char*, size_t> index_outputs[] = {
      {"Indices", 1}, {"Index", 2}, {"Counts", 3}};
  for (const auto& [slot, i] : index_outputs) {
    if (!op.HasOutput(slot)) continue;
    cx.Bind(op, slot, CastIfNeeded(cx, r[i], DataType::kInt64, cx.OutputVar(op, slot).dtype));
  }
}

}  // namespace

void RegisterUnique(Registry& r) { r.Add("unique", MinOpset, {{11, Emit11}}); }

}  // namespace pd2onnx::mappers

// split: `num` > 0 gives equal parts, otherwise `sections` (one entry may
// be -1 = the remainder); constant `AxisTensor` / `SectionsTensorList`
// override the attributes. Outputs are the `Out` list.
#include <algorithm>
#include <limits>
#include <numeric>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

int64_t SplitAxis(MapContext& cx, const graph::Op& op, int64_t rank) {
  int64_t axis = op.Attr<int64_t>("axis", 0);
  if (op.HasInput("AxisTensor")) {
    const graph::ConstTensor* value = cx.ConstantInput(op, "AxisTensor");
    PD2ONNX_CHECK(value != nullptr, ErrorKind::kUnsupported,
                  "AxisTensor known only at run time is not supported");
    axis = value->ToInt64().at(0);
  }
  return NormalizeAxis(axis, rank, "axis");
}

std::vector<int64_t> Sections(MapContext& cx, const graph::Op& op) {
  if (auto list = IntListFromTensorList(cx, op, "SectionsTensorList")) {
    PD2ONNX_CHECK(list->known(), ErrorKind::kUnsupported,
                  "SectionsTensorList known only at run time is not supported");
    return *list->values;
  }
  return op.Attr<std::vector<int64_t>>("sections", {});
}

// `num` equal parts of an extent unknown now: Split without sizes, which
// Split-18 wants stated as num_outputs.
std::vector<std::string> EqualSplit(MapContext& cx, const std::string& x, int64_t axis, int64_t num,
                                    bool with_num_outputs) {
  if (with_num_outputs) {
    return cx.NodeN("Split", {x}, num, {{"axis", axis}, {"num_outputs", num}});
  }
  return cx.NodeN("Split", {x}, num, {{"axis", axis}});
}

// Sections with a -1 entry over an extent unknown now: one Slice per part,
// offsets counted from the front before the -1 and from the back after it.
std::vector<std::string> SliceSections(MapContext& cx, const std::string& x, int64_t axis,
                                       const std::vector<int64_t>& sections, size_t rest) {
  constexpr int64_t kToEnd = std::numeric_limits<int32_t>::max();
  std::vector<std::string> parts;
  int64_t front = 0;
  for (size_t k = 0; k < rest; ++k) {
    parts.push_back(cx.Slice(x, {front}, {front + sections[k]}, {axis}));
    front += sections[k];
  }
  int64_t back = std::accumulate(sections.begin() + rest + 1, sections.end(), int64_t{0});
  parts.push_back(cx.Slice(x, {front}, {back == 0 ? kToEnd : -back}, {axis}));
  for (size_t k = rest + 1; k < sections.size(); ++k) {
    const int64_t end = back - sections[k];
    parts.push_back(cx.Slice(x, {-back}, {end == 0 ? kToEnd : -end}, {axis}));
    back = end;
  }
  return parts;
}

std::vector<std::string> SplitBySections(MapContext& cx, const std::string& x, int64_t axis,
                                         int64_t extent, std::vector<int64_t> sections) {
  const auto rest = std::find(sections.begin(), sections.end(), -1);
  PD2ONNX_CHECK(std::count(sections.begin(), sections.end(), -1) <= 1, ErrorKind::kInvalidInput,
                "sections has more than one -1 entry");
  if (rest == sections.end()) return cx.Split(x, axis, sections);
  if (extent < 0) {
    return SliceSections(cx, x, axis, sections, static_cast<size_t>(rest - sections.begin()));
  }
  *rest = 0;  // so that the sum counts the other sections only
  *rest = extent - std::accumulate(sections.begin(), sections.end(), int64_t{0});
  return cx.Split(x, axis, sections);
}

void EmitSplit(MapContext& cx, const graph::Op& op, bool with_num_outputs) {
  const graph::Var& in = cx.InputVar(op, "X");
  const int64_t axis = SplitAxis(cx, op, RankOf(in));
  const int64_t extent = in.shape[axis];
  const int64_t num = op.Attr<int64_t>("num", 0);
  const std::string x = cx.Input(op, "X");

  std::vector<std::string> parts;
  if (num > 0 && extent < 0) {
    parts = EqualSplit(cx, x, axis, num, with_num_outputs);
  } else if (num > 0) {
    PD2ONNX_CHECK(extent % num == 0, ErrorKind::kInvalidInput,
                  "num {} does not divide the extent {} of axis {}", num, extent, axis);
    parts = cx.Split(x, axis, std::vector<int64_t>(num, extent / num));
  } else {
    parts = SplitBySections(cx, x, axis, extent, Sections(cx, op));
  }
  const size_t outputs = op.Outputs("Out").size();
  PD2ONNX_CHECK(parts.size() == outputs, ErrorKind::kInvalidInput,
                "the split makes {} parts but Out lists {} variables", parts.size(), outputs);
  for (size_t i = 0; i < outputs; ++i) cx.Bind(op, "Out", parts[i], i);
}

void Emit7(MapContext& cx, const graph::Op& op) { EmitSplit(cx, op, false); }
// Split-18 needs num_outputs when the sizes are not given.
void Emit18(MapContext& cx, const graph::Op& op) { EmitSplit(cx, op, true); }

}  // namespace

void RegisterSplit(Registry& r) { r.Add("split", AnyOpset, {{7, Emit7}, {18, Emit18}}); }

}  // namespace pd2onnx::mappers

// one_hot_v2: Out = X.shape + [depth], 1 at X's value (dtype `dtype`,
// default fp32); one_hot (v1) takes X [..., 1] and replaces the trailing 1.
// depth: a `depth_tensor` input overrides the attribute. An index outside
// [0, depth) gives a row of zeros with allow_out_of_range (Paddle fails
// otherwise). ONNX OneHot-11 wraps negative indices, so with
// allow_out_of_range they are first moved to `depth` (out of range).
// ORT's OneHot has (int64 indices, float values, int64 depth); other
// dtypes are cast after.
#include <optional>

#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

OpsetNeed MinOpset(const graph::Op&) { return {9, "OneHot-9"}; }

std::string Depth(MapContext& cx, const graph::Op& op) {
  if (op.HasInput("depth_tensor")) {
    const std::string depth = CastIfNeeded(cx, cx.Input(op, "depth_tensor"),
                                           cx.InputVar(op, "depth_tensor").dtype, DataType::kInt64);
    return cx.Reshape(depth, {1});
  }
  const int64_t depth = op.Attr<int64_t>("depth");
  PD2ONNX_CHECK(depth > 0, ErrorKind::kInvalidInput, "depth {} is not positive", depth);
  return cx.ConstI64({depth});
}

void EmitOneHot(MapContext& cx, const graph::Op& op, bool squeeze_last) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  std::string ids = CastIfNeeded(cx, cx.Input(op, "X"), x_var.dtype, DataType::kInt64);
  if (squeeze_last) ids = cx.Squeeze(ids, {RankOf(x_var) - 1});
  const std::string depth = Depth(cx, op);
  if (op.Attr<bool>("allow_out_of_range", false)) {
    const std::string negative = cx.Node("Less", {ids, cx.ScalarOf(DataType::kInt64, 0)});
    ids = cx.Node("Where", {negative, cx.Reshape(depth, {}), ids});
  }
  const std::string values = cx.ConstF32({0.0f, 1.0f}, {2});
  const std::string out = cx.Node("OneHot", {ids, depth, values}, {{"axis", int64_t{-1}}});
  cx.Bind(op, "Out", CastIfNeeded(cx, out, DataType::kFloat32, cx.OutputVar(op, "Out").dtype));
}

void EmitV2(MapContext& cx, const graph::Op& op) { EmitOneHot(cx, op, false); }
void EmitV1(MapContext& cx, const graph::Op& op) { EmitOneHot(cx, op, true); }

}  // namespace

void RegisterOneHot(Registry& r) {
  r.Add("one_hot", MinOpset, {{9, EmitV1}});
  r.Add("one_hot_v2", MinOpset, {{9, EmitV2}});
}

}  // namespace pd2onnx::mappers

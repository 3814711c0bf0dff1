// data_norm (inference), following phi's DataNormKernel on a 2-D X [N, C]:
//   Means = BatchSum / BatchSize, Scales = sqrt(BatchSize / BatchSquareSum),
//   Y = (X - Means) · Scales, then · scale_w + bias when
//   enable_scale_and_shift. With slot_dim > 0, X's columns form slots of
//   slot_dim values; a slot whose first value (the "show" count) lies in
//   (-1e-7, 1e-7) is written as zeros. `epsilon` only matters for training.
#include <string>

#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

int64_t SlotDim(const graph::Op& op) { return op.Attr<int64_t>("slot_dim", -1); }

OpsetNeed MinOpset(const graph::Op& op) {
  if (SlotDim(op) > 0) return {9, "slot_dim > 0 (Where-9)"};
  return {};
}

// Zeroes every slot whose first value is (numerically) zero.
std::string MaskEmptySlots(MapContext& cx, const graph::Op& op, const std::string& x,
                           const std::string& y, int64_t channels, DataType dtype) {
  const int64_t slot = SlotDim(op);
  PD2ONNX_CHECK(channels > 0 && channels % slot == 0, ErrorKind::kUnsupported,
                "data_norm: slot_dim={} must divide the known column count {}", slot, channels);
  const int64_t slots = channels / slot;
  const std::string show = cx.Slice(cx.Reshape(x, {-1, slots, slot}), {0}, {1}, {2});
  const std::string near_zero = cx.Node("Less", {cx.Node("Abs", {show}), cx.ScalarOf(dtype, 1e-7)});
  const std::string zero = cx.ScalarOf(dtype, 0.0);
  const std::string masked = cx.Node("Where", {near_zero, zero, cx.Reshape(y, {-1, slots, slot})});
  return cx.Reshape(masked, {-1, channels});
}

void Emit7(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 2, ErrorKind::kUnsupported,
                "data_norm: X has rank {}, expected 2", x_var.shape.size());
  const DataType dtype = x_var.dtype;
  const std::string x = cx.Input(op, "X");
  const std::string size = cx.Input(op, "BatchSize");
  const std::string means = cx.Node("Div", {cx.Input(op, "BatchSum"), size});
  const std::string scales =
      cx.Node("Sqrt", {cx.Node("Div", {size, cx.Input(op, "BatchSquareSum")})});
  std::string y = cx.Node("Mul", {cx.Node("Sub", {x, means}), scales});
  if (op.Attr<bool>("enable_scale_and_shift", false)) {
    y = cx.Node("Add", {cx.Node("Mul", {y, cx.Input(op, "scale_w")}), cx.Input(op, "bias")});
  }
  if (SlotDim(op) > 0) y = MaskEmptySlots(cx, op, x, y, x_var.shape[1], dtype);
  cx.Bind(op, "Y", y);
  if (op.HasOutput("Means")) cx.Bind(op, "Means", means);
  if (op.HasOutput("Scales")) cx.Bind(op, "Scales", scales);
}

}  // namespace

void RegisterDataNorm(Registry& r) { r.Add("data_norm", MinOpset, {{7, Emit7}}); }

}  // namespace pd2onnx::mappers

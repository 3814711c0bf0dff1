// deformable_conv (DCN v2: Mask, optional) and deformable_conv_v1 (no Mask).
//
// Opset 19+: DeformConv, whose definition (torchvision's deform_conv2d) is
// Paddle's: offsets laid out per offset group as (dy, dx) pairs per kernel
// tap, samples read 0 unless -1 < y < H and -1 < x < W and out-of-map
// corners read 0, the mask multiplies each sample.
//
// Opsets 11-18: an exact decomposition. Every sample position is computed
// from the output grid (Range-11) plus the offsets; the four bilinear
// corners are read with GatherElements from the flattened map, weighted
// (the weight carries the in-range tests and the mask), summed into
// im2col columns [N, groups, C/groups·K, Ho·Wo] and multiplied with the
// filter [groups, M/groups, C/groups·K] by one MatMul.
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

struct DeformAttrs {
  std::vector<int64_t> strides, paddings, dilations;
  int64_t groups = 1, deformable_groups = 1;
  int64_t out_channels = 0, in_channels = 0, kh = 0, kw = 0;
  int64_t taps() const { return kh * kw; }
};

std::vector<int64_t> PairAttr(const graph::Op& op, const char* name, int64_t fallback) {
  const auto v = op.Attr<std::vector<int64_t>>(name, {});
  if (v.empty()) return {fallback, fallback};
  PD2ONNX_CHECK(v.size() == 2, ErrorKind::kUnsupported,
                "{}: {} with {} values is not supported (expected 2)", op.type, name, v.size());
  return v;
}

DeformAttrs ReadAttrs(MapContext& cx, const graph::Op& op) {
  DeformAttrs a;
  a.strides = PairAttr(op, "strides", 1);
  a.paddings = PairAttr(op, "paddings", 0);
  a.dilations = PairAttr(op, "dilations", 1);
  a.groups = op.Attr<int64_t>("groups", 1);
  a.deformable_groups = op.Attr<int64_t>("deformable_groups", 1);
  const std::vector<int64_t>& filter = cx.InputVar(op, "Filter").shape;
  PD2ONNX_CHECK(
      filter.size() == 4 && filter[0] > 0 && filter[1] > 0 && filter[2] > 0 && filter[3] > 0,
      ErrorKind::kUnsupported, "{}: Filter shape {} must be 4-D and fully known", op.type,
      graph::ShapeToString(filter));
  PD2ONNX_CHECK(a.groups > 0 && a.deformable_groups > 0 && filter[0] % a.groups == 0,
                ErrorKind::kUnsupported,
                "{}: groups {} / deformable_groups {} do not fit Filter {}", op.type, a.groups,
                a.deformable_groups, graph::ShapeToString(filter));
  a.out_channels = filter[0];
  a.in_channels = filter[1] * a.groups;
  PD2ONNX_CHECK(a.in_channels % a.deformable_groups == 0, ErrorKind::kUnsupported,
                "{}: {} input channels do not split into deformable_groups {}", op.type,
                a.in_channels, a.deformable_groups);
  a.kh = filter[2];
  a.kw = filter[3];
  return a;
}

// The optional mask (deformable_conv only), or "".
std::string MaskInput(MapContext& cx, const graph::Op& op) {
  return op.type == "deformable_conv" && op.HasInput("Mask") ? cx.Input(op, "Mask") : "";
}

OpsetNeed MinOpset(const graph::Op&) { return {11, "deformable_conv decomposition (Range-11)"}; }

// Paddle's deformable_conv kernels take float32 / float64.
void RequireFloat32(MapContext& cx, const graph::Op& op) {
  RequireFloat32Inputs(cx, op, {"Input", "Offset", "Filter"});
}

void EmitDeformConv19(MapContext& cx, const graph::Op& op) {
  RequireFloat32(cx, op);
  const DeformAttrs a = ReadAttrs(cx, op);
  std::vector<std::string> inputs = {cx.Input(op, "Input"), cx.Input(op, "Filter"),
                                     cx.Input(op, "Offset")};
  if (const std::string mask = MaskInput(cx, op); !mask.empty()) {
    inputs.emplace_back("");  // no bias
    inputs.push_back(mask);
  }
  cx.Bind(op, "Output",
          cx.Node("DeformConv", inputs,
                  {{"dilations", a.dilations},
                   {"group", a.groups},
                   {"kernel_shape", std::vector<int64_t>{a.kh, a.kw}},
                   {"offset_group", a.deformable_groups},
                   {"pads", std::vector<int64_t>{a.paddings[0], a.paddings[1], a.paddings[0],
                                                 a.paddings[1]}},
                   {"strides", a.strides}}));
}

// Builds the decomposition; the tensors are named as in the file comment.
class DeformDecomposition {
 public:
  DeformDecomposition(MapContext& cx, const graph::Op& op)
      : cx_(cx), op_(op), a_(ReadAttrs(cx, op)) {}

  void Emit() {
    const std::string x = cx_.Input(op_, "Input");
    const std::string offset = cx_.Input(op_, "Offset");
    const std::string x_shape = cx_.Shape(x);
    const std::string off_shape = cx_.Shape(offset);
    batch_ = cx_.Slice(x_shape, {0}, {1}, {0});
    out_hw_ = cx_.Slice(off_shape, {2}, {4}, {0});
    height_ = cx_.Slice(x_shape, {2}, {3}, {0});
    width_ = cx_.Slice(x_shape, {3}, {4}, {0});
    // Sample positions [N, dg, K, Ho, Wo].
    const auto [off_y, off_x] = SplitOffsets(offset);
    std::string y = cx_.Node("Add", {off_y, BaseGrid(0)});
    std::string x_pos = cx_.Node("Add", {off_x, BaseGrid(1)});
    const std::string in_map = InsideMap(y, x_pos);
    // Samples outside the map read 0. Parking their positions at -2 keeps NaN
    // and infinite ones out of the corner indices (a NaN cast to int64 is out
    // of range for GatherElements) and out of the weights (inf - inf).
    y = cx_.Node("Where", {in_map, y, F32(-2)});
    x_pos = cx_.Node("Where", {in_map, x_pos, F32(-2)});
    std::string inside = cx_.Cast(in_map, DataType::kFloat32);
    if (const std::string mask = MaskInput(cx_, op_); !mask.empty()) {
      inside = cx_.Node("Mul", {inside, ToTapLayout(mask, 1)});
    }
    const std::string cols = SampleColumns(y, x_pos, inside);
    Bind(cols);
  }

 private:
  std::string F32(float v) { return cx_.ScalarOf(DataType::kFloat32, v); }
  std::string ToFloat(const std::string& t) { return cx_.Cast(t, DataType::kFloat32); }

  // [N, dg·K·parts, Ho, Wo] → [N, dg, K·parts..., Ho, Wo] by a run-time shape.
  std::string ToTapLayout(const std::string& t, int64_t parts) {
    std::vector<int64_t> middle = {a_.deformable_groups, a_.taps()};
    if (parts > 1) middle.push_back(parts);
    const std::string shape =
        cx_.Node("Concat", {batch_, cx_.ConstI64(middle), out_hw_}, {{"axis", int64_t{0}}});
    return cx_.Node("Reshape", {t, shape});
  }

  // (dy, dx), each [N, dg, K, Ho, Wo].
  std::pair<std::string, std::string> SplitOffsets(const std::string& offset) {
    const std::vector<std::string> parts = cx_.Split(ToTapLayout(offset, 2), 3, {1, 1});
    return {cx_.Squeeze(parts[0], {3}), cx_.Squeeze(parts[1], {3})};
  }

  // The undeformed position of each tap: axis 0 → rows [K, Ho, 1], axis 1 →
  // columns [K, 1, Wo].
  std::string BaseGrid(int axis) {
    const std::string extent = cx_.Reshape(cx_.Slice(out_hw_, {axis}, {axis + 1}, {0}), {});
    const std::string steps = cx_.Node(
        "Range", {cx_.ScalarOf(DataType::kInt64, 0), extent, cx_.ScalarOf(DataType::kInt64, 1)});
    const std::string start = cx_.Node(
        "Add", {cx_.Node("Mul", {ToFloat(steps), F32(static_cast<float>(a_.strides[axis]))}),
                F32(static_cast<float>(-a_.paddings[axis]))});
    std::vector<float> tap_offsets;
    for (int64_t i = 0; i < a_.kh; ++i) {
      for (int64_t j = 0; j < a_.kw; ++j) {
        tap_offsets.push_back(static_cast<float>((axis == 0 ? i : j) * a_.dilations[axis]));
      }
    }
    const std::string taps = cx_.ConstF32(tap_offsets, {a_.taps(), 1, 1});
    const std::string grid =
        axis == 0 ? cx_.Unsqueeze(start, {0, 2}) : cx_.Unsqueeze(start, {0, 1});
    return cx_.Node("Add", {taps, grid});
  }

  // -1 < y < H and -1 < x < W (Paddle's test before sampling).
  std::string InsideMap(const std::string& y, const std::string& x) {
    auto between = [&](const std::string& v, const std::string& size) {
      return cx_.Node("And",
                      {cx_.Node("Greater", {v, F32(-1)}), cx_.Node("Less", {v, ToFloat(size)})});
    };
    return cx_.Node("And", {between(y, height_), between(x, width_)});
  }

  struct Axis {
    std::string low_index, high_index;    // clamped into the map, int64
    std::string low_weight, high_weight;  // 0 where the corner lies outside
  };

  // One axis of the bilinear interpolation at positions `v` on an axis of
  // `size`: floor, fractions, corner indices and in-map weights.
  Axis BilinearAxis(const std::string& v, const std::string& size) {
    const std::string size_f = ToFloat(size);
    const std::string low = cx_.Node("Floor", {v});
    const std::string high = cx_.Node("Add", {low, F32(1)});
    const std::string frac = cx_.Node("Sub", {v, low});
    const std::string low_inside = ToFloat(cx_.Node("Not", {cx_.Node("Less", {low, F32(0)})}));
    const std::string high_inside = ToFloat(cx_.Node("Less", {high, size_f}));
    const std::string last = cx_.Node("Sub", {size_f, F32(1)});
    auto clamp = [&](const std::string& t) {
      return cx_.Cast(cx_.Node("Min", {cx_.Node("Max", {t, F32(0)}), last}), DataType::kInt64);
    };
    return {clamp(low), clamp(high), cx_.Node("Mul", {cx_.Node("Sub", {F32(1), frac}), low_inside}),
            cx_.Node("Mul", {frac, high_inside})};
  }

  // im2col columns [N, groups, C/groups·K, Ho·Wo].
  std::string SampleColumns(const std::string& y, const std::string& x, const std::string& scale) {
    const int64_t dg = a_.deformable_groups, c_per_dg = a_.in_channels / dg;
    const Axis rows = BilinearAxis(y, height_);
    const Axis cols = BilinearAxis(x, width_);
    const std::string flat_x = cx_.Reshape(cx_.Input(op_, "Input"), {0, dg, c_per_dg, -1});
    const std::string width_i = cx_.Cast(width_, DataType::kInt64);
    const std::string spread = cx_.ConstI64({1, 1, c_per_dg, 1});
    auto corner = [&](const std::string& row, const std::string& col, const std::string& wy,
                      const std::string& wx) {
      const std::string index = cx_.Node("Add", {cx_.Node("Mul", {row, width_i}), col});
      const std::string flat_index =
          cx_.Node("Expand", {cx_.Reshape(index, {0, dg, 1, -1}), spread});
      const std::string values =
          cx_.Node("GatherElements", {flat_x, flat_index}, {{"axis", int64_t{3}}});
      const std::string weight = cx_.Node("Mul", {cx_.Node("Mul", {wy, wx}), scale});
      return cx_.Node("Mul", {values, cx_.Reshape(weight, {0, dg, 1, -1})});
    };
    std::string sum = corner(rows.low_index, cols.low_index, rows.low_weight, cols.low_weight);
    sum = cx_.Node(
        "Add", {sum, corner(rows.low_index, cols.high_index, rows.low_weight, cols.high_weight)});
    sum = cx_.Node(
        "Add", {sum, corner(rows.high_index, cols.low_index, rows.high_weight, cols.low_weight)});
    sum = cx_.Node(
        "Add", {sum, corner(rows.high_index, cols.high_index, rows.high_weight, cols.high_weight)});
    const int64_t c_per_g = a_.in_channels / a_.groups;
    return cx_.Reshape(sum, {0, a_.groups, c_per_g * a_.taps(), -1});
  }

  void Bind(const std::string& cols) {
    const int64_t c_per_g = a_.in_channels / a_.groups;
    const std::string filter = cx_.Reshape(
        cx_.Input(op_, "Filter"), {a_.groups, a_.out_channels / a_.groups, c_per_g * a_.taps()});
    const std::string product = cx_.Node("MatMul", {filter, cols});
    const std::string shape = cx_.Node("Concat", {batch_, cx_.ConstI64({a_.out_channels}), out_hw_},
                                       {{"axis", int64_t{0}}});
    cx_.Bind(op_, "Output", cx_.Node("Reshape", {product, shape}));
  }

  MapContext& cx_;
  const graph::Op& op_;
  const DeformAttrs a_;
  std::string batch_, out_hw_, height_, width_;  // 1-D int64 pieces of the shapes
};

void EmitDecomposed(MapContext& cx, const graph::Op& op) {
  RequireFloat32(cx, op);
  DeformDecomposition(cx, op).Emit();
}

}  // namespace

void RegisterDeformableConv(Registry& r) {
  r.Add("deformable_conv", MinOpset, {{11, EmitDecomposed}, {19, EmitDeformConv19}});
  r.Add("deformable_conv_v1", MinOpset, {{11, EmitDecomposed}, {19, EmitDeformConv19}});
}

}  // namespace pd2onnx::mappers

// bilinear_interp_v2 and nearest_interp_v2 → Resize (opset 10+) or Upsample
// (7-9), following phi/kernels/cpu/interpolate_kernel.cc:
//
// * output size: SizeTensor > OutSize > scale (the Scale tensor, else the
//   `scale` attribute when it has two positive entries) > out_h/out_w;
// * source coordinate: align_corners → (in-1)/(out-1) per step; otherwise
//   1/scale when a scale is in force, else in/out, either from the output
//   pixel (asymmetric) or from its centre (bilinear with align_mode 0);
//   an output extent of 1 always reads index 0;
// * nearest rounds down, or half up with align_corners;
// * when the output size equals the input size the input is copied.
//
// ONNX expresses "1/scale" by passing scales and "in/out" by passing sizes.
// Upsample and Resize-10 only know the asymmetric rule with scales, and
// their nearest rounds up when downsampling, so they serve constant scale
// attributes without align_corners (and Upsample only scales >= 1).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

bool IsNearest(const graph::Op& op) { return op.type == "nearest_interp_v2"; }
bool AlignCorners(const graph::Op& op) { return op.Attr<bool>("align_corners", true); }
int64_t AlignMode(const graph::Op& op) { return op.Attr<int64_t>("align_mode", 1); }

// The `scale` attribute when it is in force: two entries (H, W), both > 0.
// Paddle ignores a single entry; it rejects non-positive pairs at run time,
// which are treated as absent here.
std::optional<std::vector<float>> ScaleAttr(const graph::Op& op) {
  const auto scale = op.Attr<std::vector<double>>("scale", {});
  if (scale.size() < 2 || scale[0] <= 0 || scale[1] <= 0) return std::nullopt;
  return std::vector<float>{static_cast<float>(scale[0]), static_cast<float>(scale[1])};
}

OpsetNeed MinOpset(const graph::Op& op) {
  if (op.HasInput("SizeTensor")) return {11, "SizeTensor input (Resize-11 sizes)"};
  if (op.HasInput("OutSize")) return {11, "OutSize input (Resize-11 sizes)"};
  if (op.HasInput("Scale")) return {11, "Scale input (Resize-11 run-time scales)"};
  if (AlignCorners(op)) return {11, "align_corners=true (Resize-11 align_corners)"};
  if (!IsNearest(op) && AlignMode(op) == 0) {
    return {11, "align_mode=0 (Resize-11 pytorch_half_pixel)"};
  }
  const auto scale = ScaleAttr(op);
  if (!scale) return {11, "out_h/out_w without scale (Resize-11 sizes)"};
  if ((*scale)[0] < 1 || (*scale)[1] < 1) {
    if (IsNearest(op)) return {11, "scale < 1 with nearest (Resize-11 nearest_mode=floor)"};
    return {10, "scale < 1 (Resize-10; Upsample only enlarges)"};
  }
  return {};
}

// How the output extent is given to Resize.
struct OutputSpec {
  std::optional<std::vector<float>> scales;   // constant [scale_h, scale_w]
  std::string scales_tensor;                  // run-time float [2]
  std::optional<std::vector<int64_t>> sizes;  // constant [out_h, out_w]
  std::string sizes_tensor;                   // run-time int64 [2]

  bool by_scale() const { return scales.has_value() || !scales_tensor.empty(); }
};

// The Scale tensor as a float [2] (one entry applies to both axes).
void ReadScaleTensor(MapContext& cx, const graph::Op& op, OutputSpec& spec) {
  if (const graph::ConstTensor* value = cx.ConstantInput(op, "Scale")) {
    const std::vector<double> s = value->ToDouble();
    PD2ONNX_CHECK(!s.empty(), ErrorKind::kInvalidInput, "the Scale input is empty");
    const double h = s[0];
    const double w = s.size() > 1 ? s[1] : s[0];
    PD2ONNX_CHECK(h > 0 && w > 0, ErrorKind::kInvalidInput, "Scale [{}, {}] must be positive", h,
                  w);
    spec.scales = std::vector<float>{static_cast<float>(h), static_cast<float>(w)};
    return;
  }
  const graph::Var& var = cx.InputVar(op, "Scale");
  std::string scale = CastIfNeeded(cx, cx.Input(op, "Scale"), var.dtype, DataType::kFloat32);
  if (var.shape.size() != 1 || var.shape[0] != 2) {
    scale = cx.Node("Expand", {cx.Reshape(scale, {-1}), cx.ConstI64({2})});
  }
  spec.scales_tensor = scale;
}

void SetSizes(OutputSpec& spec, const IntList& list) {
  if (list.known()) {
    spec.sizes = list.values;
  } else {
    spec.sizes_tensor = list.tensor;
  }
}

OutputSpec ResolveOutput(MapContext& cx, const graph::Op& op) {
  OutputSpec spec;
  if (auto sizes = IntListFromTensorList(cx, op, "SizeTensor")) {
    SetSizes(spec, *sizes);
    return spec;
  }
  const bool has_scale = op.HasInput("Scale") || ScaleAttr(op).has_value();
  if (auto out_size = IntListFromTensor(cx, op, "OutSize")) {
    // Paddle then takes the size from OutSize but keeps 1/scale as the step.
    PD2ONNX_CHECK(!has_scale || AlignCorners(op), ErrorKind::kUnsupported,
                  "OutSize together with a positive scale (Scale input or scale attribute) "
                  "steps by 1/scale over an OutSize-sized output, which Resize cannot express");
    SetSizes(spec, *out_size);
    return spec;
  }
  if (op.HasInput("Scale")) {
    ReadScaleTensor(cx, op, spec);
    return spec;
  }
  if (auto scale = ScaleAttr(op)) {
    spec.scales = scale;
    return spec;
  }
  const int64_t out_h = op.Attr<int64_t>("out_h", 0);
  const int64_t out_w = op.Attr<int64_t>("out_w", 0);
  PD2ONNX_CHECK(out_h > 0 && out_w > 0, ErrorKind::kInvalidInput,
                "no output size: no SizeTensor/OutSize/Scale input, no positive scale and "
                "out_h={}, out_w={}",
                out_h, out_w);
  spec.sizes = std::vector<int64_t>{out_h, out_w};
  return spec;
}

// Paddle copies the input when the output extents equal the input's; with
// a scale that is not 1 Resize would still move the sampling points.
bool IsStaticIdentity(const OutputSpec& spec, const std::vector<int64_t>& in_hw) {
  if (!nn::AllKnown(in_hw)) return false;
  if (spec.sizes) return (*spec.sizes)[0] == in_hw[0] && (*spec.sizes)[1] == in_hw[1];
  if (!spec.scales) return false;
  for (size_t i = 0; i < 2; ++i) {
    const double out = std::floor(static_cast<double>(in_hw[i]) * (*spec.scales)[i]);
    if (static_cast<int64_t>(out) != in_hw[i]) return false;
  }
  return true;
}

// The 4-D scales / sizes tensors for Resize (N and C unchanged).
std::string FullScales(MapContext& cx, const OutputSpec& spec) {
  if (spec.scales) {
    return cx.ConstF32({1.0f, 1.0f, (*spec.scales)[0], (*spec.scales)[1]}, {4});
  }
  return cx.Node("Concat", {cx.ConstF32({1.0f, 1.0f}, {2}), spec.scales_tensor}, {{"axis", 0}});
}

std::string FullSizes(MapContext& cx, const OutputSpec& spec, const std::string& x,
                      const std::vector<int64_t>& nc) {
  if (spec.sizes && nn::AllKnown(nc)) {
    return cx.ConstI64({nc[0], nc[1], (*spec.sizes)[0], (*spec.sizes)[1]});
  }
  const std::string batch_channels = cx.Slice(cx.Shape(x), {0}, {2}, {0});
  const std::string hw = spec.sizes ? cx.ConstI64(*spec.sizes) : spec.sizes_tensor;
  return cx.Node("Concat", {batch_channels, hw}, {{"axis", 0}});
}

// Everything the variants share: layout, output spec and the identity case.
struct Prepared {
  std::string x;  // channel-first
  bool channel_last = false;
  bool identity = false;
  std::vector<int64_t> nc;  // declared N, C (-1 unknown)
  OutputSpec spec;
};

Prepared Prepare(MapContext& cx, const graph::Op& op) {
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == 4, ErrorKind::kUnsupported, "X has rank {}, expected 4",
                x_var.shape.size());
  Prepared p;
  p.channel_last = nn::IsChannelLastDataLayout(nn::LayoutAttr(op, "data_layout"));
  p.nc = p.channel_last ? std::vector<int64_t>{x_var.shape[0], x_var.shape[3]}
                        : std::vector<int64_t>{x_var.shape[0], x_var.shape[1]};
  p.spec = ResolveOutput(cx, op);
  p.identity = IsStaticIdentity(p.spec, nn::SpatialDims2d(x_var, p.channel_last));
  p.x = cx.Input(op, "X");
  if (p.channel_last && !p.identity) p.x = nn::ToChannelFirst(cx, p.x, 4);
  return p;
}

void Finish(MapContext& cx, const graph::Op& op, const Prepared& p, std::string y) {
  if (p.channel_last) y = nn::ToChannelLast(cx, y, 4);
  cx.Bind(op, "Out", y);
}

// Before opset 11 only constant scales with the asymmetric rule work.
std::vector<float> LegacyScales(const MapContext& cx, const graph::Op& op, const Prepared& p,
                                float min_scale) {
  const OpsetNeed need = MinOpset(op);
  PD2ONNX_CHECK(need.opset <= cx.opset() && p.spec.scales, ErrorKind::kUnsupported,
                "{} needs opset {}", need.why.empty() ? "this output size" : need.why, need.opset);
  const std::vector<float>& s = *p.spec.scales;
  PD2ONNX_CHECK(s[0] >= min_scale && s[1] >= min_scale, ErrorKind::kUnsupported,
                "scale [{}, {}] below {} needs a higher opset", s[0], s[1], min_scale);
  return {1.0f, 1.0f, s[0], s[1]};
}

std::string LegacyMode(const graph::Op& op) { return IsNearest(op) ? "nearest" : "linear"; }

// Upsample-7: scales as an attribute.
void Emit7(MapContext& cx, const graph::Op& op) {
  const Prepared p = Prepare(cx, op);
  if (p.identity) return cx.Bind(op, "Out", p.x);
  const std::vector<float> scales = LegacyScales(cx, op, p, 1.0f);
  Finish(cx, op, p, cx.Node("Upsample", {p.x}, {{"mode", LegacyMode(op)}, {"scales", scales}}));
}

// Upsample-9: scales as an input.
void Emit9(MapContext& cx, const graph::Op& op) {
  const Prepared p = Prepare(cx, op);
  if (p.identity) return cx.Bind(op, "Out", p.x);
  const std::vector<float> scales = LegacyScales(cx, op, p, 1.0f);
  Finish(cx, op, p,
         cx.Node("Upsample", {p.x, cx.ConstF32(scales, {4})}, {{"mode", LegacyMode(op)}}));
}

// Resize-10 replaces Upsample and may shrink (linear only; see MinOpset).
void Emit10(MapContext& cx, const graph::Op& op) {
  const Prepared p = Prepare(cx, op);
  if (p.identity) return cx.Bind(op, "Out", p.x);
  const std::vector<float> scales = LegacyScales(cx, op, p, 0.0f);
  Finish(cx, op, p, cx.Node("Resize", {p.x, cx.ConstF32(scales, {4})}, {{"mode", LegacyMode(op)}}));
}

// Resize-11: roi/scales/sizes inputs and coordinate_transformation_mode.
void Emit11(MapContext& cx, const graph::Op& op) {
  const Prepared p = Prepare(cx, op);
  if (p.identity) return cx.Bind(op, "Out", p.x);
  const bool align_corners = AlignCorners(op);
  std::vector<NodeAttr> attrs;
  if (IsNearest(op)) {
    attrs = {{"mode", "nearest"},
             {"coordinate_transformation_mode", align_corners ? "align_corners" : "asymmetric"},
             {"nearest_mode", align_corners ? "round_prefer_ceil" : "floor"}};
  } else {
    // pytorch_half_pixel (not half_pixel): an output extent of 1 reads index 0.
    const char* mode = align_corners        ? "align_corners"
                       : AlignMode(op) == 0 ? "pytorch_half_pixel"
                                            : "asymmetric";
    attrs = {{"mode", "linear"}, {"coordinate_transformation_mode", mode}};
  }
  const std::string roi = cx.ConstF32({}, {0});
  std::string y;
  if (p.spec.by_scale()) {
    y = cx.Node("Resize", {p.x, roi, FullScales(cx, p.spec)}, attrs);
  } else {
    const std::string no_scales = cx.ConstF32({}, {0});
    y = cx.Node("Resize", {p.x, roi, no_scales, FullSizes(cx, p.spec, p.x, p.nc)}, attrs);
  }
  Finish(cx, op, p, y);
}

}  // namespace

void RegisterInterpolate(Registry& r) {
  for (const char* type : {"bilinear_interp_v2", "nearest_interp_v2"}) {
    r.Add(type, MinOpset, {{7, Emit7}, {9, Emit9}, {10, Emit10}, {11, Emit11}});
  }
}

}  // namespace pd2onnx::mappers

// linear_interp_v2 (3-D X), trilinear_interp_v2 (5-D X) and
// bicubic_interp_v2 (4-D X) → Resize-11, following
// phi/kernels/cpu/interpolate_kernel.cc:
//
// * output size: OutSize > a positive `scale` attribute (one entry per
//   spatial axis; Paddle reads it only when it has that many entries) >
//   out_d / out_h / out_w; out = int(in · scale);
// * step: (in - 1)/(out - 1) with align_corners; else 1/scale when a scale
//   is in force (Resize scales), else in/out (Resize sizes);
// * linear / trilinear: src = ratio·d (align_corners, or align_mode 1:
//   "asymmetric"), or max(ratio·(d + 0.5) - 0.5, 0) (align_mode 0:
//   "pytorch_half_pixel", which also reads index 0 for an extent of 1);
// * bicubic: src = ratio·d with align_corners, else ratio·(d + 0.5) - 0.5
//   ("half_pixel"), cubic convolution with A = -0.75 and border indices
//   clamped (Resize cubic with cubic_coeff_a = -0.75, exclude_outside 0);
// * when the output size equals the input size the input is copied;
// * an output extent of 1 has ratio 0 (Paddle computes the ratio only for
//   extents above 1): bicubic without align_corners then samples at -0.5,
//   which no Resize coordinate mode gives, so such an axis becomes a fixed
//   weighted sum of input slices (chosen at run time by Where when the
//   extent is known only then);
// * channel-last bicubic is resized as [C, N, H, W] (see below).
//
// SizeTensor and Scale inputs are not supported here.
#include <algorithm>
#include <cmath>
#include <map>
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

size_t SpatialRank(const graph::Op& op) {
  if (op.type == "linear_interp_v2") return 1;
  if (op.type == "trilinear_interp_v2") return 3;
  return 2;  // bicubic_interp_v2
}

OpsetNeed MinOpset(const graph::Op& op) {
  return {11, op.type + " (Resize-11 coordinate_transformation_mode)"};
}

// The `scale` attribute when Paddle uses it: n positive entries.
std::optional<std::vector<float>> ScaleAttr(const graph::Op& op, size_t n) {
  const auto scale = op.Attr<std::vector<double>>("scale", {});
  if (scale.size() < n) return std::nullopt;
  std::vector<float> values;
  for (size_t i = 0; i < n; ++i) {
    if (scale[i] <= 0) return std::nullopt;
    values.push_back(static_cast<float>(scale[i]));
  }
  return values;
}

// Paddle's cubic convolution weights (A = -0.75) for fraction t.
std::vector<double> CubicWeights(double t) {
  const double a = -0.75;
  auto near = [&](double x) { return ((a + 2) * x - (a + 3)) * x * x + 1; };
  auto far = [&](double x) { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a; };
  return {far(t + 1), near(t), near(1 - t), far(2 - t)};
}

// The input slab at index `index` (clamped below at 0) of `axis`, clamped
// to the last index: statically when the extent `in` is known, else with
// Less/Where-9 (Min-12 is the first to take int64).
std::string TapSlab(MapContext& cx, const std::string& x, int64_t axis, int64_t index, int64_t in) {
  if (in >= 0 || index == 0) return cx.Slice(x, {index}, {index + 1}, {axis});
  const std::string last =
      cx.Node("Sub", {cx.Slice(cx.Shape(x), {axis}, {axis + 1}, {0}), cx.ConstI64({1})});
  const std::string wanted = cx.ConstI64({index});
  const std::string clamped = cx.Node("Where", {cx.Node("Less", {wanted, last}), wanted, last});
  return cx.Node("Gather", {x, clamped}, {{"axis", axis}});
}

// The single bicubic sample at -0.5 along `axis` of extent `in` (-1:
// unknown), extent 1: v2 floors the coordinate (taps -2..1, t = 0.5), v1
// truncates it (taps -1..2, t = -0.5); taps are clamped into the input.
std::string SampleAtMinusHalf(MapContext& cx, const std::string& x, int64_t axis, int64_t in,
                              bool truncate, DataType dtype) {
  const int64_t base = truncate ? 0 : -1;
  const std::vector<double> taps = CubicWeights(-0.5 - static_cast<double>(base));
  std::map<int64_t, double> weight;  // by tap index
  for (int64_t j = 0; j < 4; ++j) {
    int64_t index = std::max<int64_t>(base - 1 + j, 0);
    if (in >= 0) index = std::min(index, in - 1);
    weight[index] += taps[static_cast<size_t>(j)];
  }
  std::string sum;
  for (const auto& [index, w] : weight) {
    if (w == 0.0) continue;
    const std::string term =
        cx.Node("Mul", {TapSlab(cx, x, axis, index, in), cx.ScalarOf(dtype, w)});
    sum = sum.empty() ? term : cx.Node("Add", {sum, term});
  }
  return sum;
}

// bool [1]: the output extent of spatial axis i is 1, known at run time
// only (OutSize tensor, or int(in · scale) with `in` unknown, which is 1
// exactly when in · scale < 2 since Paddle needs a positive extent).
std::string ExtentIsOne(MapContext& cx, const std::string& x, size_t i,
                        const std::string& sizes_tensor,
                        const std::optional<std::vector<float>>& scales) {
  const auto axis = static_cast<int64_t>(i);
  if (!sizes_tensor.empty()) {
    return cx.Node("Equal", {cx.Slice(sizes_tensor, {axis}, {axis + 1}, {0}), cx.ConstI64({1})});
  }
  const std::string in =
      cx.Cast(cx.Slice(cx.Shape(x), {axis + 2}, {axis + 3}, {0}), DataType::kFloat32);
  return cx.Node(
      "Less", {cx.Node("Mul", {in, cx.ConstF32({(*scales)[i]}, {1})}), cx.ConstF32({2.0f}, {1})});
}

std::string FromCnhw(MapContext& cx, const std::string& x) { return cx.Transpose(x, {1, 2, 3, 0}); }

}  // namespace

void EmitInterpV2Resize(MapContext& cx, const graph::Op& op, bool v1_truncation) {
  const size_t n = SpatialRank(op);
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == n + 2, ErrorKind::kUnsupported, "X has rank {}, expected {}",
                x_var.shape.size(), n + 2);
  PD2ONNX_CHECK(!op.HasInput("SizeTensor"), ErrorKind::kUnsupported,
                "the SizeTensor input is not supported for {}", op.type);
  PD2ONNX_CHECK(!op.HasInput("Scale"), ErrorKind::kUnsupported,
                "the Scale input is not supported for {}", op.type);
  const bool channel_last = nn::IsChannelLastDataLayout(nn::LayoutAttr(op, "data_layout"));
  const bool align_corners = op.Attr<bool>("align_corners", true);
  const bool cubic = op.type == "bicubic_interp_v2";
  const std::vector<int64_t> in = nn::SpatialDims(x_var, channel_last, n);

  std::optional<std::vector<float>> scales;
  std::optional<std::vector<int64_t>> sizes;
  std::string sizes_tensor;
  const auto scale = ScaleAttr(op, n);
  if (auto out_size = IntListFromTensor(cx, op, "OutSize")) {
    PD2ONNX_CHECK(!scale || align_corners, ErrorKind::kUnsupported,
                  "OutSize together with a positive scale attribute steps by 1/scale over an "
                  "OutSize-sized output, which Resize cannot express");
    if (out_size->known()) {
      sizes = out_size->values;
    } else {
      sizes_tensor = out_size->tensor;
    }
  } else if (scale) {
    scales = scale;
  } else {
    const char* names[] = {"out_d", "out_h", "out_w"};
    std::vector<int64_t> out;
    for (size_t i = 3 - n; i < 3; ++i) {
      const int64_t v = op.Attr<int64_t>(names[i], 0);
      PD2ONNX_CHECK(v > 0, ErrorKind::kInvalidInput,
                    "no output size: no OutSize input, no positive scale and {}={}", names[i], v);
      out.push_back(v);
    }
    sizes = out;
  }

  // Paddle copies the input when the output extents equal the input's.
  if (nn::AllKnown(in)) {
    bool same = true;
    for (size_t i = 0; i < n; ++i) {
      const int64_t out = sizes    ? (*sizes)[i]
                          : scales ? static_cast<int64_t>(static_cast<float>(in[i]) * (*scales)[i])
                                   : -1;
      same = same && out == in[i];
    }
    if (same) return cx.Bind(op, "Out", cx.Input(op, "X"));
  }

  // ONNX Runtime moves an NHWC <-> NCHW Transpose pair into Resize, then
  // refuses cubic NHWC downscaling; [C, N, H, W] also has unit outer scales
  // and is left alone.
  const bool cnhw = channel_last && cubic;
  std::string x = cx.Input(op, "X");
  if (cnhw) {
    x = cx.Transpose(x, {3, 0, 1, 2});
  } else if (channel_last) {
    x = nn::ToChannelFirst(cx, x, n + 2);
  }
  if (cubic && !align_corners) {
    const bool known_extents = sizes || (scales && nn::AllKnown(in));
    bool resized = !known_extents;
    for (size_t i = 0; i < n; ++i) {
      const auto axis = static_cast<int64_t>(i) + 2;
      if (!known_extents) {
        // Run time: where the extent is 1, every row along the axis becomes
        // the sample, which the Resize below (to extent 1) then keeps.
        const std::string sample =
            SampleAtMinusHalf(cx, x, axis, in[i], v1_truncation, x_var.dtype);
        x = cx.Node("Where", {ExtentIsOne(cx, x, i, sizes_tensor, scales), sample, x});
        continue;
      }
      const int64_t out =
          sizes ? (*sizes)[i] : static_cast<int64_t>(static_cast<float>(in[i]) * (*scales)[i]);
      if (out == 1 && in[i] != 1) {
        x = SampleAtMinusHalf(cx, x, axis, in[i], v1_truncation, x_var.dtype);
        if (scales) (*scales)[i] = 1.0f;
      } else {
        resized = resized || out != in[i];
      }
    }
    if (!resized) return cx.Bind(op, "Out", cnhw ? FromCnhw(cx, x) : x);
  }
  std::vector<NodeAttr> attrs;
  if (cubic) {
    attrs = {{"mode", "cubic"},
             {"cubic_coeff_a", -0.75f},
             {"exclude_outside", int64_t{0}},
             {"coordinate_transformation_mode", align_corners ? "align_corners" : "half_pixel"}};
  } else {
    const int64_t align_mode = op.Attr<int64_t>("align_mode", 1);
    const char* mode = align_corners     ? "align_corners"
                       : align_mode == 0 ? "pytorch_half_pixel"
                                         : "asymmetric";
    attrs = {{"mode", "linear"}, {"coordinate_transformation_mode", mode}};
  }
  const std::string roi = cx.ConstF32({}, {0});
  std::string y;
  if (scales) {
    std::vector<float> full = {1.0f, 1.0f};
    full.insert(full.end(), scales->begin(), scales->end());
    y = cx.Node("Resize", {x, roi, cx.ConstF32(full, {static_cast<int64_t>(n + 2)})}, attrs);
  } else {
    const std::string batch_channels = cx.Slice(cx.Shape(x), {0}, {2}, {0});
    const std::string spatial = sizes ? cx.ConstI64(*sizes) : sizes_tensor;
    const std::string full = cx.Node("Concat", {batch_channels, spatial}, {{"axis", 0}});
    y = cx.Node("Resize", {x, roi, cx.ConstF32({}, {0}), full}, attrs);
  }
  if (cnhw) {
    y = FromCnhw(cx, y);
  } else if (channel_last) {
    y = nn::ToChannelLast(cx, y, n + 2);
  }
  cx.Bind(op, "Out", y);
}

namespace {

void Emit11(MapContext& cx, const graph::Op& op) { EmitInterpV2Resize(cx, op, false); }

}  // namespace

void RegisterInterpExtra(Registry& r) {
  for (const char* type : {"bicubic_interp_v2", "linear_interp_v2", "trilinear_interp_v2"}) {
    r.Add(type, MinOpset, {{11, Emit11}});
  }
}

}  // namespace pd2onnx::mappers

// Resize (10, 11, 13, 18, 19) and Upsample (7, 9). Each output coordinate
// of each axis maps to a few input taps with weights (nearest: 1, linear:
// 2, cubic: 4); the output is the sum over the product of the taps.
#include <algorithm>
#include <cmath>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

struct Tap {
  int64_t index = 0;
  double weight = 1;
};
using AxisTaps = std::vector<std::vector<Tap>>;  // per output coordinate

struct ResizeSpec {
  std::string mode = "nearest";
  std::string coordinates = "half_pixel";
  std::string nearest = "round_prefer_floor";
  bool legacy = false;  // Upsample and Resize-10: asymmetric, "simple" nearest
  double cubic_a = -0.75;
  bool exclude_outside = false;
  double extrapolation = 0;
};

// The input coordinate of output coordinate `x` (nullopt: outside the roi,
// tf_crop_and_resize's extrapolation). Computed in float, as runtimes do,
// so that nearest rounding breaks the same ties.
std::optional<double> SourceCoordinate(const ResizeSpec& spec, double x_out, double scale_in,
                                       int64_t in_size, int64_t out_size, double roi_start,
                                       double roi_end) {
  const std::string& mode = spec.coordinates;
  const auto x = static_cast<float>(x_out), scale = static_cast<float>(scale_in);
  const auto in = static_cast<float>(in_size), out = static_cast<float>(out_size);
  if (spec.legacy || mode == "asymmetric") return x / scale;
  if (mode == "half_pixel") return (x + 0.5f) / scale - 0.5f;
  if (mode == "pytorch_half_pixel") return out_size > 1 ? (x + 0.5f) / scale - 0.5f : 0.0f;
  if (mode == "align_corners") return out_size == 1 ? 0.0f : x * (in - 1) / (out - 1);
  if (mode == "half_pixel_symmetric") {
    const float adjustment = out / (scale * in);
    const float offset = in / 2 * (1 - adjustment);
    return offset + (x + 0.5f) / scale - 0.5f;
  }
  if (mode == "tf_crop_and_resize") {
    const float start = static_cast<float>(roi_start), end = static_cast<float>(roi_end);
    const float v = out_size > 1 ? start * (in - 1) + x * (end - start) * (in - 1) / (out - 1)
                                 : 0.5f * (start + end) * (in - 1);
    if (v < 0 || v > in - 1) return std::nullopt;
    return v;
  }
  Fail(ErrorKind::kUnsupported, "coordinate_transformation_mode '{}' is not supported", mode);
}

int64_t NearestIndex(const ResizeSpec& spec, double v, double scale) {
  if (spec.legacy) return static_cast<int64_t>(scale < 1 ? std::ceil(v) : v);  // ORT's "simple"
  const std::string& mode = spec.nearest;
  if (mode == "floor") return static_cast<int64_t>(std::floor(v));
  if (mode == "ceil") return static_cast<int64_t>(std::ceil(v));
  const double lower = std::floor(v);
  if (v - lower == 0.5)
    return static_cast<int64_t>(mode == "round_prefer_ceil" ? lower + 1 : lower);
  if (mode != "round_prefer_floor" && mode != "round_prefer_ceil") {
    Fail(ErrorKind::kUnsupported, "nearest_mode '{}' is not supported", mode);
  }
  return static_cast<int64_t>(std::round(v));
}

std::vector<double> CubicWeights(double t, double a) {
  const auto far = [a](double d) { return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a; };  // 1<|d|<2
  const auto near = [a](double d) { return ((a + 2) * d - (a + 3)) * d * d + 1; };       // |d|<=1
  return {far(t + 1), near(t), near(1 - t), far(2 - t)};
}

std::vector<Tap> TapsFor(const ResizeSpec& spec, double src, double scale, int64_t in) {
  if (spec.mode == "nearest") {
    return {{std::clamp<int64_t>(NearestIndex(spec, src, scale), 0, in - 1), 1.0}};
  }
  if (spec.mode == "linear" || spec.mode == "bilinear") {
    src = std::clamp(src, 0.0, static_cast<double>(in - 1));
    const auto lo = static_cast<int64_t>(std::floor(src));
    const int64_t hi = std::min(lo + 1, in - 1);
    const double t = src - static_cast<double>(lo);
    return {{lo, 1 - t}, {hi, t}};
  }
  if (spec.mode == "cubic") {
    const double base = std::floor(src);
    const std::vector<double> weights = CubicWeights(src - base, spec.cubic_a);
    std::vector<Tap> taps;
    double total = 0;
    for (int k = 0; k < 4; ++k) {
      const auto index = static_cast<int64_t>(base) - 1 + k;
      const bool outside = index < 0 || index >= in;
      const double weight = spec.exclude_outside && outside ? 0.0 : weights[k];
      taps.push_back({std::clamp<int64_t>(index, 0, in - 1), weight});
      total += weight;
    }
    if (spec.exclude_outside && total != 0) {
      for (Tap& tap : taps) tap.weight /= total;
    }
    return taps;
  }
  Fail(ErrorKind::kUnsupported, "resize mode '{}' is not supported", spec.mode);
}

// Runs the separable resampling; `extrapolated` marks output points outside
// the roi per axis.
Tensor Resample(const Tensor& x, const ResizeSpec& spec, const std::vector<int64_t>& out_dims,
                const std::vector<double>& scales, const std::vector<double>& roi) {
  const int64_t rank = x.rank();
  std::vector<AxisTaps> taps(static_cast<size_t>(rank));
  std::vector<std::vector<bool>> outside(static_cast<size_t>(rank));
  for (int64_t a = 0; a < rank; ++a) {
    const int64_t in = x.dims[a], out = out_dims[a];
    outside[a].assign(static_cast<size_t>(out), false);
    const bool identity = in == out && scales[a] == 1.0 && spec.coordinates != "tf_crop_and_resize";
    for (int64_t o = 0; o < out; ++o) {
      if (identity) {
        taps[a].push_back({{o, 1.0}});
        continue;
      }
      const double roi_start = roi.empty() ? 0 : roi[a], roi_end = roi.empty() ? 1 : roi[a + rank];
      const auto src =
          SourceCoordinate(spec, static_cast<double>(o), scales[a], in, out, roi_start, roi_end);
      if (!src) outside[a][o] = true;
      taps[a].push_back(src ? TapsFor(spec, *src, scales[a], in) : std::vector<Tap>{{0, 0.0}});
    }
  }
  const std::vector<int64_t> in_strides = Strides(x.dims);
  Tensor y(x.dtype, out_dims);
  std::vector<int64_t> coord(static_cast<size_t>(rank), 0);
  std::vector<size_t> choice(static_cast<size_t>(rank), 0);
  for (int64_t flat = 0; flat < y.numel(); ++flat) {
    bool extrapolate = false;
    for (int64_t a = 0; a < rank; ++a) extrapolate = extrapolate || outside[a][coord[a]];
    double acc = 0;
    if (!extrapolate) {
      // Every combination of one tap per axis.
      std::fill(choice.begin(), choice.end(), 0);
      while (true) {
        double weight = 1;
        int64_t src = 0;
        for (int64_t a = 0; a < rank; ++a) {
          const Tap& tap = taps[a][coord[a]][choice[a]];
          weight *= tap.weight;
          src += tap.index * in_strides[a];
        }
        if (weight != 0) acc += weight * x.Get(src);
        int64_t a = rank - 1;
        for (; a >= 0; --a) {
          if (++choice[a] < taps[a][coord[a]].size()) break;
          choice[a] = 0;
        }
        if (a < 0) break;
      }
    }
    y.Set(flat, extrapolate ? spec.extrapolation : acc);
    for (int64_t a = rank - 1; a >= 0; --a) {
      if (++coord[a] < out_dims[a]) break;
      coord[a] = 0;
    }
  }
  return y;
}

std::vector<double> FloatsOf(const Tensor& t) {
  std::vector<double> v(static_cast<size_t>(t.numel()));
  for (int64_t k = 0; k < t.numel(); ++k) v[k] = t.Get(k);
  return v;
}

std::vector<int64_t> ScaledDims(const std::vector<int64_t>& dims,
                                const std::vector<double>& scales) {
  PD2ONNX_CHECK(scales.size() == dims.size(), ErrorKind::kInvalidInput, "{} scales for rank {}",
                scales.size(), dims.size());
  std::vector<int64_t> out(dims.size());
  for (size_t k = 0; k < dims.size(); ++k) {
    out[k] = static_cast<int64_t>(
        std::floor(static_cast<double>(dims[k]) * static_cast<float>(scales[k])));
  }
  return out;
}

// Upsample-7 (scales attribute), Upsample-9 and Resize-10 (scales input).
std::vector<Tensor> LegacyResize(const OpContext& cx, std::vector<double> scales) {
  const Tensor& x = cx.In(0);
  ResizeSpec spec;
  spec.mode = cx.Str("mode", "nearest");
  spec.legacy = true;
  for (double& s : scales) s = static_cast<float>(s);
  return {Resample(x, spec, ScaledDims(x.dims, scales), scales, {})};
}

std::vector<Tensor> Upsample(const OpContext& cx) {
  if (cx.opset() < 9) return LegacyResize(cx, cx.Floats("scales"));
  return LegacyResize(cx, FloatsOf(cx.In(1)));
}

std::vector<Tensor> Resize(const OpContext& cx) {
  if (cx.opset() < 11) return LegacyResize(cx, FloatsOf(cx.In(1)));
  const Tensor& x = cx.In(0);
  ResizeSpec spec;
  spec.mode = cx.Str("mode", "nearest");
  spec.coordinates = cx.Str("coordinate_transformation_mode", "half_pixel");
  spec.nearest = cx.Str("nearest_mode", "round_prefer_floor");
  spec.cubic_a = cx.Float("cubic_coeff_a", -0.75);
  spec.exclude_outside = cx.Int("exclude_outside", 0) != 0;
  spec.extrapolation = cx.Float("extrapolation_value", 0.0);
  PD2ONNX_CHECK(cx.Int("antialias", 0) == 0, ErrorKind::kUnsupported, "antialias is not supported");
  PD2ONNX_CHECK(cx.Str("keep_aspect_ratio_policy", "stretch") == "stretch", ErrorKind::kUnsupported,
                "keep_aspect_ratio_policy other than stretch is not supported");
  const int64_t rank = x.rank();
  std::vector<int64_t> axes = cx.Ints("axes");
  if (axes.empty()) {
    for (int64_t k = 0; k < rank; ++k) axes.push_back(k);
  }
  std::vector<double> roi;
  if (cx.HasInput(1) && cx.In(1).numel() > 0) {
    const std::vector<double> given = FloatsOf(cx.In(1));
    roi.assign(static_cast<size_t>(2 * rank), 0.0);
    for (int64_t k = 0; k < rank; ++k) roi[rank + k] = 1.0;
    for (size_t k = 0; k < axes.size(); ++k) {
      const int64_t a = NormalizeAxis(axes[k], rank);
      roi[a] = given[k];
      roi[rank + a] = given[k + axes.size()];
    }
  }
  std::vector<double> scales(static_cast<size_t>(rank), 1.0);
  std::vector<int64_t> out_dims = x.dims;
  if (cx.HasInput(3) && cx.In(3).numel() > 0) {
    const std::vector<int64_t> sizes = cx.In(3).Ints();
    for (size_t k = 0; k < axes.size(); ++k) {
      const int64_t a = NormalizeAxis(axes[k], rank);
      out_dims[a] = sizes[k];
      scales[a] =
          static_cast<float>(static_cast<double>(sizes[k]) / static_cast<double>(x.dims[a]));
    }
  } else {
    PD2ONNX_CHECK(cx.HasInput(2) && cx.In(2).numel() > 0, ErrorKind::kInvalidInput,
                  "Resize needs scales or sizes");
    const std::vector<double> given = FloatsOf(cx.In(2));
    for (size_t k = 0; k < axes.size(); ++k) scales[NormalizeAxis(axes[k], rank)] = given[k];
    out_dims = ScaledDims(x.dims, scales);
  }
  return {Resample(x, spec, out_dims, scales, roi)};
}

}  // namespace

void RegisterResizeOps(OpTable& t) {
  t["Resize"] = Resize;
  t["Upsample"] = Upsample;
}

}  // namespace pd2onnx::eval

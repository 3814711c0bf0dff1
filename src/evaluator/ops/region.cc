// RoiAlign (10; 16 adds coordinate_transformation_mode, default half_pixel),
// MaxRoiPool (1) and DeformConv (19, 2-D only), from the ONNX spec.
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

// RoiAlign's bilinear sample: 0 beyond one pixel outside, clamped at the
// last row/column.
double RoiSample(const Tensor& x, int64_t base, int64_t height, int64_t width, double y,
                 double xx) {
  if (y < -1.0 || y > static_cast<double>(height) || xx < -1.0 || xx > static_cast<double>(width)) {
    return 0;
  }
  y = std::max(y, 0.0);
  xx = std::max(xx, 0.0);
  auto y0 = static_cast<int64_t>(y), x0 = static_cast<int64_t>(xx);
  int64_t y1 = y0 + 1, x1 = x0 + 1;
  if (y0 >= height - 1) {
    y0 = y1 = height - 1;
    y = static_cast<double>(y0);
  }
  if (x0 >= width - 1) {
    x0 = x1 = width - 1;
    xx = static_cast<double>(x0);
  }
  const double ly = y - static_cast<double>(y0), lx = xx - static_cast<double>(x0);
  auto at = [&](int64_t r, int64_t c) { return x.f[base + r * width + c]; };
  return (1 - ly) * (1 - lx) * at(y0, x0) + (1 - ly) * lx * at(y0, x1) +
         ly * (1 - lx) * at(y1, x0) + ly * lx * at(y1, x1);
}

std::vector<Tensor> RoiAlign(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const Tensor& rois = cx.In(1);
  const Tensor& batch = cx.In(2);
  PD2ONNX_CHECK(x.rank() == 4 && rois.rank() == 2 && rois.dims[1] == 4, ErrorKind::kInvalidInput,
                "RoiAlign expects X [N, C, H, W] and rois [R, 4]");
  PD2ONNX_CHECK(cx.Str("mode", "avg") == "avg", ErrorKind::kUnsupported,
                "RoiAlign mode '{}' is not supported", cx.Str("mode", "avg"));
  const std::string transform = cx.Str("coordinate_transformation_mode",
                                       cx.opset() >= 16 ? "half_pixel" : "output_half_pixel");
  const bool half_pixel = transform == "half_pixel";
  const int64_t out_h = cx.Int("output_height", 1), out_w = cx.Int("output_width", 1);
  const int64_t sampling = cx.Int("sampling_ratio", 0);
  const double scale = cx.Float("spatial_scale", 1.0);
  const int64_t c = x.dims[1], h = x.dims[2], w = x.dims[3], r_count = rois.dims[0];
  Tensor y(x.dtype, {r_count, c, out_h, out_w});
  for (int64_t r = 0; r < r_count; ++r) {
    const double offset = half_pixel ? 0.5 : 0.0;
    const double x0 = rois.f[r * 4] * scale - offset, y0 = rois.f[r * 4 + 1] * scale - offset;
    double rw = rois.f[r * 4 + 2] * scale - offset - x0;
    double rh = rois.f[r * 4 + 3] * scale - offset - y0;
    if (!half_pixel) {
      rw = std::max(rw, 1.0);
      rh = std::max(rh, 1.0);
    }
    const double bin_h = rh / static_cast<double>(out_h), bin_w = rw / static_cast<double>(out_w);
    const int64_t grid_h = sampling > 0 ? sampling : static_cast<int64_t>(std::ceil(bin_h));
    const int64_t grid_w = sampling > 0 ? sampling : static_cast<int64_t>(std::ceil(bin_w));
    const double count = static_cast<double>(std::max<int64_t>(grid_h * grid_w, 1));
    const int64_t image = batch.GetInt(r);
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t base = (image * c + ch) * h * w;
      for (int64_t ph = 0; ph < out_h; ++ph) {
        for (int64_t pw = 0; pw < out_w; ++pw) {
          double sum = 0;
          for (int64_t iy = 0; iy < grid_h; ++iy) {
            const double sy = y0 + static_cast<double>(ph) * bin_h +
                              (static_cast<double>(iy) + 0.5) * bin_h / static_cast<double>(grid_h);
            for (int64_t ix = 0; ix < grid_w; ++ix) {
              const double sx =
                  x0 + static_cast<double>(pw) * bin_w +
                  (static_cast<double>(ix) + 0.5) * bin_w / static_cast<double>(grid_w);
              sum += RoiSample(x, base, h, w, sy, sx);
            }
          }
          y.f[((r * c + ch) * out_h + ph) * out_w + pw] = sum / count;
        }
      }
    }
  }
  return {y};
}

std::vector<Tensor> MaxRoiPool(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const Tensor& rois = cx.In(1);
  PD2ONNX_CHECK(x.rank() == 4 && rois.rank() == 2 && rois.dims[1] == 5, ErrorKind::kInvalidInput,
                "MaxRoiPool expects X [N, C, H, W] and rois [R, 5]");
  const std::vector<int64_t> pooled = cx.Ints("pooled_shape");
  PD2ONNX_CHECK(pooled.size() == 2, ErrorKind::kInvalidInput, "MaxRoiPool needs pooled_shape");
  const auto scale = static_cast<float>(cx.Float("spatial_scale", 1.0));
  const int64_t c = x.dims[1], h = x.dims[2], w = x.dims[3], r_count = rois.dims[0];
  Tensor y(x.dtype, {r_count, c, pooled[0], pooled[1]});
  auto scaled = [&](int64_t k) {
    return static_cast<int64_t>(std::round(static_cast<float>(rois.f[k]) * scale));
  };
  for (int64_t r = 0; r < r_count; ++r) {
    const int64_t image = static_cast<int64_t>(rois.f[r * 5]);
    const int64_t x0 = scaled(r * 5 + 1), y0 = scaled(r * 5 + 2);
    const int64_t rh = std::max<int64_t>(scaled(r * 5 + 4) - y0 + 1, 1);
    const int64_t rw = std::max<int64_t>(scaled(r * 5 + 3) - x0 + 1, 1);
    const float bin_h = static_cast<float>(rh) / static_cast<float>(pooled[0]);
    const float bin_w = static_cast<float>(rw) / static_cast<float>(pooled[1]);
    auto span = [](float bin, int64_t k, int64_t start, int64_t size) {
      auto clamp = [&](int64_t v) { return std::min(std::max<int64_t>(v, 0), size); };
      return std::pair{
          clamp(static_cast<int64_t>(std::floor(static_cast<float>(k) * bin)) + start),
          clamp(static_cast<int64_t>(std::ceil(static_cast<float>(k + 1) * bin)) + start)};
    };
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t base = (image * c + ch) * h * w;
      for (int64_t ph = 0; ph < pooled[0]; ++ph) {
        const auto [hs, he] = span(bin_h, ph, y0, h);
        for (int64_t pw = 0; pw < pooled[1]; ++pw) {
          const auto [ws, we] = span(bin_w, pw, x0, w);
          double best = he <= hs || we <= ws ? 0 : -std::numeric_limits<double>::infinity();
          for (int64_t yy = hs; yy < he; ++yy) {
            for (int64_t xx = ws; xx < we; ++xx) best = std::max(best, x.f[base + yy * w + xx]);
          }
          y.f[((r * c + ch) * pooled[0] + ph) * pooled[1] + pw] = best;
        }
      }
    }
  }
  return {y};
}

// DeformConv's bilinear sample: 0 unless -1 < y < H and -1 < x < W; corners
// outside the map read 0.
double DeformSample(const Tensor& x, int64_t base, int64_t h, int64_t w, double y, double xx) {
  if (!(y > -1 && xx > -1 && y < static_cast<double>(h) && xx < static_cast<double>(w))) return 0;
  const double fy = std::floor(y), fx = std::floor(xx);
  const double ly = y - fy, lx = xx - fx;
  const auto y0 = static_cast<int64_t>(fy), x0 = static_cast<int64_t>(fx);
  auto at = [&](int64_t r, int64_t c) {
    return r >= 0 && c >= 0 && r < h && c < w ? x.f[base + r * w + c] : 0.0;
  };
  return (1 - ly) * (1 - lx) * at(y0, x0) + (1 - ly) * lx * at(y0, x0 + 1) +
         ly * (1 - lx) * at(y0 + 1, x0) + ly * lx * at(y0 + 1, x0 + 1);
}

std::vector<int64_t> OrDefault(std::vector<int64_t> v, std::vector<int64_t> fallback) {
  return v.empty() ? fallback : v;
}

// DeformConv's operands must agree before any of them is indexed: channels
// split evenly into groups and offset groups, an offset (and mask) of
// [N, groups * taps (* 2), H_out, W_out], a bias per output channel.
void CheckDeformOperands(const Tensor& x, const Tensor& wt, const Tensor& off, const Tensor* bias,
                         const Tensor* mask, int64_t groups, int64_t og) {
  PD2ONNX_CHECK(x.rank() == 4 && wt.rank() == 4 && off.rank() == 4, ErrorKind::kUnsupported,
                "DeformConv is supported for 2-D data only");
  const int64_t c = x.dims[1], m = wt.dims[0], k = wt.dims[2] * wt.dims[3];
  PD2ONNX_CHECK(groups >= 1 && og >= 1 && c % groups == 0 && c % og == 0 && m % groups == 0 &&
                    wt.dims[1] == c / groups,
                ErrorKind::kInvalidInput,
                "DeformConv groups {} and offset groups {} do not fit {} input and {} output "
                "channels",
                groups, og, c, m);
  PD2ONNX_CHECK(off.dims[0] == x.dims[0] && off.dims[1] == og * 2 * k, ErrorKind::kInvalidInput,
                "DeformConv offset of dims [{}] for {} offset groups of {} taps",
                fmt::join(off.dims, ","), og, k);
  const std::vector<int64_t> mask_dims = {off.dims[0], og * k, off.dims[2], off.dims[3]};
  PD2ONNX_CHECK(!mask || mask->dims == mask_dims, ErrorKind::kInvalidInput,
                "DeformConv mask does not match its offset");
  PD2ONNX_CHECK(!bias || bias->numel() == m, ErrorKind::kInvalidInput,
                "DeformConv bias has {} values for {} output channels", bias ? bias->numel() : 0,
                m);
}

std::vector<Tensor> DeformConv(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const Tensor& wt = cx.In(1);
  const Tensor& off = cx.In(2);
  const Tensor* bias = cx.HasInput(3) ? &cx.In(3) : nullptr;
  const Tensor* mask = cx.HasInput(4) ? &cx.In(4) : nullptr;
  const int64_t groups = cx.Int("group", 1), og = cx.Int("offset_group", 1);
  CheckDeformOperands(x, wt, off, bias, mask, groups, og);
  const int64_t n = x.dims[0], c = x.dims[1], h = x.dims[2], w = x.dims[3];
  const int64_t m = wt.dims[0], kh = wt.dims[2], kw = wt.dims[3], k = kh * kw;
  const std::vector<int64_t> strides = OrDefault(cx.Ints("strides"), {1, 1});
  const std::vector<int64_t> dil = OrDefault(cx.Ints("dilations"), {1, 1});
  const std::vector<int64_t> pads = OrDefault(cx.Ints("pads"), {0, 0, 0, 0});
  PD2ONNX_CHECK(strides.size() == 2 && dil.size() == 2 && pads.size() == 4,
                ErrorKind::kInvalidInput,
                "DeformConv strides, dilations and pads must be 2, 2 and 4 values");
  const int64_t ho = off.dims[2], wo = off.dims[3], plane = ho * wo;
  const int64_t c_per_og = c / og, c_per_g = c / groups, m_per_g = m / groups;
  Tensor y(x.dtype, {n, m, ho, wo});
  std::vector<double> cols(static_cast<size_t>(CheckedElementCount({c, k, plane})));
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t g = ch / c_per_og;
      for (int64_t tap = 0; tap < k; ++tap) {
        const int64_t i = tap / kw, j = tap % kw;
        for (int64_t p = 0; p < plane; ++p) {
          const int64_t oy = p / wo, ox = p % wo;
          const int64_t off_base = ((b * og + g) * 2 * k + 2 * tap) * plane + p;
          const double sy =
              static_cast<double>(oy * strides[0] - pads[0] + i * dil[0]) + off.f[off_base];
          const double sx =
              static_cast<double>(ox * strides[1] - pads[1] + j * dil[1]) + off.f[off_base + plane];
          double v = DeformSample(x, (b * c + ch) * h * w, h, w, sy, sx);
          if (mask) v *= mask->f[((b * og + g) * k + tap) * plane + p];
          cols[static_cast<size_t>((ch * k + tap) * plane + p)] = v;
        }
      }
    }
    for (int64_t oc = 0; oc < m; ++oc) {
      const int64_t g = oc / m_per_g;
      for (int64_t p = 0; p < plane; ++p) {
        double acc = bias ? bias->f[oc] : 0.0;
        for (int64_t q = 0; q < c_per_g * k; ++q) {
          acc += wt.f[oc * c_per_g * k + q] *
                 cols[static_cast<size_t>((g * c_per_g * k + q) * plane + p)];
        }
        y.f[(b * m + oc) * plane + p] = acc;
      }
    }
  }
  return {y};
}

}  // namespace

void RegisterRegionOps(OpTable& t) {
  t["DeformConv"] = DeformConv;
  t["MaxRoiPool"] = MaxRoiPool;
  t["RoiAlign"] = RoiAlign;
}

}  // namespace pd2onnx::eval

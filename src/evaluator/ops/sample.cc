// GridSample (16: bilinear/nearest; 20: linear/nearest, 4-D only here) and
// Unique (11, over the flattened input when no axis is given).
#include <algorithm>
#include <cmath>
#include <map>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

// Folds x into [lo, hi] by reflecting at the bounds, as often as needed.
double Reflect(double x, double lo, double hi) {
  const double range = hi - lo;
  if (range <= 0) return lo;
  if (x < lo) {
    const double d = lo - x;
    const auto flips = static_cast<int64_t>(d / range);
    const double r = d - static_cast<double>(flips) * range;
    return flips % 2 == 0 ? lo + r : hi - r;
  }
  if (x > hi) {
    const double d = x - hi;
    const auto flips = static_cast<int64_t>(d / range);
    const double r = d - static_cast<double>(flips) * range;
    return flips % 2 == 0 ? hi - r : lo + r;
  }
  return x;
}

struct GridSampler {
  const Tensor& x;
  std::string padding;
  bool align_corners;
  int64_t height, width;

  // The unnormalised source coordinate of a grid value in [-1, 1].
  double Unnormalize(double g, int64_t size) const {
    return align_corners ? (g + 1) / 2 * static_cast<double>(size - 1)
                         : ((g + 1) * static_cast<double>(size) - 1) / 2;
  }
  double Pad(double v, int64_t size) const {
    if (padding == "border") return std::clamp(v, 0.0, static_cast<double>(size - 1));
    if (padding == "reflection") {
      return align_corners ? Reflect(v, 0, static_cast<double>(size - 1))
                           : Reflect(v, -0.5, static_cast<double>(size) - 0.5);
    }
    return v;
  }
  // A pixel of plane `base`; out of bounds: 0 (zeros) or the nearest edge.
  double Pixel(int64_t base, int64_t row, int64_t col) const {
    if (padding == "zeros") {
      if (row < 0 || row >= height || col < 0 || col >= width) return 0;
    } else {
      row = std::clamp<int64_t>(row, 0, height - 1);
      col = std::clamp<int64_t>(col, 0, width - 1);
    }
    return x.f[base + row * width + col];
  }
};

std::vector<Tensor> GridSample(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const Tensor& grid = cx.In(1);
  PD2ONNX_CHECK(x.rank() == 4, ErrorKind::kUnsupported, "GridSample on rank {} is not supported",
                x.rank());
  const std::string mode = cx.Str("mode", cx.opset() >= 20 ? "linear" : "bilinear");
  PD2ONNX_CHECK(mode == "bilinear" || mode == "linear" || mode == "nearest",
                ErrorKind::kUnsupported, "GridSample mode '{}' is not supported", mode);
  const GridSampler s{x, cx.Str("padding_mode", "zeros"), cx.Int("align_corners", 0) != 0,
                      x.dims[2], x.dims[3]};
  const int64_t n = x.dims[0], c = x.dims[1], out_h = grid.dims[1], out_w = grid.dims[2];
  Tensor y(x.dtype, {n, c, out_h, out_w});
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t oh = 0; oh < out_h; ++oh) {
      for (int64_t ow = 0; ow < out_w; ++ow) {
        const int64_t g = ((b * out_h + oh) * out_w + ow) * 2;
        const double col = s.Pad(s.Unnormalize(grid.f[g], s.width), s.width);
        const double row = s.Pad(s.Unnormalize(grid.f[g + 1], s.height), s.height);
        for (int64_t ch = 0; ch < c; ++ch) {
          const int64_t base = (b * c + ch) * s.height * s.width;
          double v;
          if (mode == "nearest") {
            v = s.Pixel(base, static_cast<int64_t>(std::nearbyint(row)),
                        static_cast<int64_t>(std::nearbyint(col)));
          } else {
            const double r0 = std::floor(row), c0 = std::floor(col);
            const double dr = row - r0, dc = col - c0;
            const auto r = static_cast<int64_t>(r0), k = static_cast<int64_t>(c0);
            v = (1 - dr) * ((1 - dc) * s.Pixel(base, r, k) + dc * s.Pixel(base, r, k + 1)) +
                dr * ((1 - dc) * s.Pixel(base, r + 1, k) + dc * s.Pixel(base, r + 1, k + 1));
          }
          y.f[((b * c + ch) * out_h + oh) * out_w + ow] = v;
        }
      }
    }
  }
  return {y};
}

std::vector<Tensor> Unique(const OpContext& cx) {
  PD2ONNX_CHECK(!cx.HasAttr("axis"), ErrorKind::kUnsupported,
                "Unique with an axis is not supported");
  const Tensor& x = cx.In(0);
  const bool sorted = cx.Int("sorted", 1) != 0;
  // Distinct values in first-occurrence order, with first index and count.
  std::vector<int64_t> first;  // flat index of each distinct value's first occurrence
  std::vector<int64_t> counts;
  std::vector<int64_t> inverse(static_cast<size_t>(x.numel()));
  std::map<double, size_t> slot_of;
  for (int64_t k = 0; k < x.numel(); ++k) {
    const auto [it, added] = slot_of.emplace(x.Get(k), first.size());
    if (added) {
      first.push_back(k);
      counts.push_back(0);
    }
    ++counts[it->second];
    inverse[k] = static_cast<int64_t>(it->second);
  }
  std::vector<size_t> order(first.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  if (sorted) {
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return x.Get(first[a]) < x.Get(first[b]); });
  }
  std::vector<int64_t> rank_of(order.size());
  for (size_t k = 0; k < order.size(); ++k) rank_of[order[k]] = static_cast<int64_t>(k);
  const auto u = static_cast<int64_t>(order.size());
  Tensor values(x.dtype, {u}), indices(DataType::kInt64, {u}), counts_out(DataType::kInt64, {u});
  Tensor inverse_out(DataType::kInt64, {x.numel()});
  for (int64_t k = 0; k < u; ++k) {
    CopyElement(values, k, x, first[order[k]]);
    indices.i[k] = first[order[k]];
    counts_out.i[k] = counts[order[k]];
  }
  for (int64_t k = 0; k < x.numel(); ++k) inverse_out.i[k] = rank_of[inverse[k]];
  return {values, indices, inverse_out, counts_out};
}

}  // namespace

void RegisterSampleOps(OpTable& t) {
  t["GridSample"] = GridSample;
  t["Unique"] = Unique;
}

}  // namespace pd2onnx::eval

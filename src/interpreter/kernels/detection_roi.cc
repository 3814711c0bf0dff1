// roi_align and roi_pool (phi roi_align / roi_pool CPU kernels).
//
// Both read ROIs [R, 4] as (x1, y1, x2, y2) in image coordinates, scaled by
// spatial_scale onto the feature map X [N, C, H, W]. The image of each RoI
// comes from RoisNum [N] (RoIs are grouped by image, in order) or, in
// Paddle 1.x programs, RoisLod (offsets [N + 1]); without them Paddle reads
// the RoIs' LoD, which an inference program fed from
// ONNX-style inputs cannot carry, so every RoI belongs to image 0 then.
//
// roi_align averages a grid of bilinear samples per output bin. aligned
// shifts the box by half a pixel; otherwise the box is at least 1×1. A
// sampling_ratio <= 0 is adaptive: ceil(roi extent / pooled extent) samples.
// roi_pool rounds the box to pixels and takes the max of each bin (0 for an
// empty bin).
#include <algorithm>
#include <cmath>
#include <vector>

#include "interpreter/kernels/detection_region.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// The image index of every RoI.
std::vector<int64_t> RoiImages(const KernelContext& ctx, int64_t num_rois, int64_t batch) {
  std::vector<int64_t> images(static_cast<size_t>(num_rois), 0);
  std::vector<int64_t> counts;
  if (const HostTensor* rois_num = ctx.OptionalInput("RoisNum")) {
    counts = rois_num->ToInt64();
  } else if (const HostTensor* lod = ctx.OptionalInput("RoisLod")) {
    // Paddle 1.x: the offsets [0, n0, n0 + n1, ...].
    const std::vector<int64_t> offsets = lod->ToInt64();
    for (size_t i = 1; i < offsets.size(); ++i) counts.push_back(offsets[i] - offsets[i - 1]);
  } else {
    return images;
  }
  PD2ONNX_CHECK(static_cast<int64_t>(counts.size()) == batch, ErrorKind::kInvalidInput,
                "RoisNum/RoisLod give {} images but X has batch {}", counts.size(), batch);
  int64_t start = 0;
  for (size_t image = 0; image < counts.size(); ++image) {
    PD2ONNX_CHECK(counts[image] >= 0 && start + counts[image] <= num_rois, ErrorKind::kInvalidInput,
                  "RoisNum {} overruns the {} RoIs", counts[image], num_rois);
    for (int64_t i = start; i < start + counts[image]; ++i) {
      images[static_cast<size_t>(i)] = static_cast<int64_t>(image);
    }
    start += counts[image];
  }
  return images;
}

struct FeatureMap {
  const float* data;
  int64_t channels, height, width;
  const float* Plane(int64_t image, int64_t channel) const {
    return data + (image * channels + channel) * height * width;
  }
};

FeatureMap ReadFeatureMap(const HostTensor& x) {
  RequireFloat32(x, "X");
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "X must be [N, C, H, W], got {}",
                graph::ShapeToString(x.dims));
  return {x.data<float>(), x.dims[1], x.dims[2], x.dims[3]};
}

const float* ReadRois(const HostTensor& rois) {
  RequireFloat32(rois, "ROIs");
  PD2ONNX_CHECK(rois.dims.size() == 2 && rois.dims[1] == 4, ErrorKind::kInvalidInput,
                "ROIs must be [R, 4], got {}", graph::ShapeToString(rois.dims));
  return rois.data<float>();
}

// One bilinear sample at (y, x), as Paddle's roi_align takes it: 0 beyond
// one pixel outside the map, clamped to the last row/column at the edge.
double BilinearSample(const float* plane, int64_t height, int64_t width, double y, double x) {
  if (y < -1.0 || y > static_cast<double>(height) || x < -1.0 || x > static_cast<double>(width)) {
    return 0;
  }
  y = std::max(y, 0.0);
  x = std::max(x, 0.0);
  auto y_low = static_cast<int64_t>(y);
  auto x_low = static_cast<int64_t>(x);
  int64_t y_high = y_low + 1;
  int64_t x_high = x_low + 1;
  if (y_low >= height - 1) {
    y_high = y_low = height - 1;
    y = static_cast<double>(y_low);
  }
  if (x_low >= width - 1) {
    x_high = x_low = width - 1;
    x = static_cast<double>(x_low);
  }
  const double ly = y - static_cast<double>(y_low), lx = x - static_cast<double>(x_low);
  const double hy = 1 - ly, hx = 1 - lx;
  return hy * hx * plane[y_low * width + x_low] + hy * lx * plane[y_low * width + x_high] +
         ly * hx * plane[y_high * width + x_low] + ly * lx * plane[y_high * width + x_high];
}

struct AlignBox {
  double x0, y0, bin_w, bin_h;
  int64_t grid_w, grid_h;
};

AlignBox AlignBoxOf(const float* roi, double scale, bool aligned, int64_t pooled_h,
                    int64_t pooled_w, int64_t sampling_ratio) {
  const double offset = aligned ? 0.5 : 0.0;
  const double x0 = roi[0] * scale - offset, y0 = roi[1] * scale - offset;
  double w = roi[2] * scale - offset - x0, h = roi[3] * scale - offset - y0;
  if (!aligned) {
    w = std::max(w, 1.0);
    h = std::max(h, 1.0);
  }
  const double bin_w = w / static_cast<double>(pooled_w);
  const double bin_h = h / static_cast<double>(pooled_h);
  const int64_t grid_w =
      sampling_ratio > 0 ? sampling_ratio : static_cast<int64_t>(std::ceil(bin_w));
  const int64_t grid_h =
      sampling_ratio > 0 ? sampling_ratio : static_cast<int64_t>(std::ceil(bin_h));
  return {x0, y0, bin_w, bin_h, grid_w, grid_h};
}

// The average of a bin's samples. Paddle divides by the sample count as is,
// so an empty grid (a zero-size aligned box with adaptive sampling) is NaN.
double AlignBin(const float* plane, const FeatureMap& map, const AlignBox& box, int64_t ph,
                int64_t pw) {
  double sum = 0;
  for (int64_t iy = 0; iy < box.grid_h; ++iy) {
    const double y =
        box.y0 + box.bin_h * (static_cast<double>(ph) +
                              (static_cast<double>(iy) + 0.5) / static_cast<double>(box.grid_h));
    for (int64_t ix = 0; ix < box.grid_w; ++ix) {
      const double x =
          box.x0 + box.bin_w * (static_cast<double>(pw) +
                                (static_cast<double>(ix) + 0.5) / static_cast<double>(box.grid_w));
      sum += BilinearSample(plane, map.height, map.width, y, x);
    }
  }
  return sum / static_cast<double>(box.grid_h * box.grid_w);
}

}  // namespace

void RoiAlign(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& rois = ctx.Input("ROIs");
  const FeatureMap map = ReadFeatureMap(x);
  const float* roi_data = ReadRois(rois);
  const int64_t num_rois = rois.dims[0];
  const auto pooled_h = static_cast<int64_t>(ctx.Attr<int>("pooled_height", 1));
  const auto pooled_w = static_cast<int64_t>(ctx.Attr<int>("pooled_width", 1));
  const double scale = ctx.Attr<float>("spatial_scale", 1.0f);
  const auto sampling_ratio = static_cast<int64_t>(ctx.Attr<int>("sampling_ratio", -1));
  const bool aligned = ctx.Attr<bool>("aligned", false);
  const std::vector<int64_t> images = RoiImages(ctx, num_rois, x.dims[0]);
  HostTensor out(DataType::kFloat32, {num_rois, map.channels, pooled_h, pooled_w});
  float* y = out.data<float>();
  for (int64_t r = 0; r < num_rois; ++r) {
    const AlignBox box =
        AlignBoxOf(roi_data + r * 4, scale, aligned, pooled_h, pooled_w, sampling_ratio);
    for (int64_t c = 0; c < map.channels; ++c) {
      const float* plane = map.Plane(images[static_cast<size_t>(r)], c);
      for (int64_t ph = 0; ph < pooled_h; ++ph) {
        for (int64_t pw = 0; pw < pooled_w; ++pw) {
          *y++ = static_cast<float>(AlignBin(plane, map, box, ph, pw));
        }
      }
    }
  }
  ctx.SetOutput("Out", std::move(out));
}

void RoiPool(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& rois = ctx.Input("ROIs");
  const FeatureMap map = ReadFeatureMap(x);
  const float* roi_data = ReadRois(rois);
  const int64_t num_rois = rois.dims[0];
  const auto pooled_h = static_cast<int64_t>(ctx.Attr<int>("pooled_height", 1));
  const auto pooled_w = static_cast<int64_t>(ctx.Attr<int>("pooled_width", 1));
  const float scale = ctx.Attr<float>("spatial_scale", 1.0f);
  const std::vector<int64_t> images = RoiImages(ctx, num_rois, x.dims[0]);
  HostTensor out(DataType::kFloat32, {num_rois, map.channels, pooled_h, pooled_w});
  HostTensor argmax(DataType::kInt64, {num_rois, map.channels, pooled_h, pooled_w});
  float* y = out.data<float>();
  int64_t* arg = argmax.data<int64_t>();
  for (int64_t r = 0; r < num_rois; ++r) {
    const float* roi = roi_data + r * 4;
    // Paddle rounds the scaled box in float, half away from zero.
    const auto x0 = static_cast<int64_t>(std::round(roi[0] * scale));
    const auto y0 = static_cast<int64_t>(std::round(roi[1] * scale));
    const auto x1 = static_cast<int64_t>(std::round(roi[2] * scale));
    const auto y1 = static_cast<int64_t>(std::round(roi[3] * scale));
    const int64_t roi_h = std::max<int64_t>(y1 - y0 + 1, 1);
    const int64_t roi_w = std::max<int64_t>(x1 - x0 + 1, 1);
    const float bin_h = static_cast<float>(roi_h) / static_cast<float>(pooled_h);
    const float bin_w = static_cast<float>(roi_w) / static_cast<float>(pooled_w);
    auto clamp = [](int64_t v, int64_t hi) { return std::min(std::max<int64_t>(v, 0), hi); };
    for (int64_t c = 0; c < map.channels; ++c) {
      const float* plane = map.Plane(images[static_cast<size_t>(r)], c);
      for (int64_t ph = 0; ph < pooled_h; ++ph) {
        const int64_t hs = clamp(
            static_cast<int64_t>(std::floor(static_cast<float>(ph) * bin_h)) + y0, map.height);
        const int64_t he = clamp(
            static_cast<int64_t>(std::ceil(static_cast<float>(ph + 1) * bin_h)) + y0, map.height);
        for (int64_t pw = 0; pw < pooled_w; ++pw) {
          const int64_t ws = clamp(
              static_cast<int64_t>(std::floor(static_cast<float>(pw) * bin_w)) + x0, map.width);
          const int64_t we = clamp(
              static_cast<int64_t>(std::ceil(static_cast<float>(pw + 1) * bin_w)) + x0, map.width);
          float best = 0;
          int64_t best_at = -1;
          for (int64_t h = hs; h < he; ++h) {
            for (int64_t w = ws; w < we; ++w) {
              const float v = plane[h * map.width + w];
              if (best_at < 0 || v > best) {
                best = v;
                best_at = h * map.width + w;
              }
            }
          }
          *y++ = best;
          *arg++ = best_at;
        }
      }
    }
  }
  ctx.SetOutput("Out", std::move(out));
  ctx.SetOutput("Argmax", std::move(argmax));
}

}  // namespace pd2onnx::interp::kernels

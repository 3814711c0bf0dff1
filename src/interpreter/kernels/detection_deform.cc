// deformable_conv (DCN v2, Mask optional) and deformable_conv_v1 (no mask), from
// phi's deformable_conv CPU kernel (modulated deformable im2col + GEMM).
//
// Input [N, C, H, W], Offset [N, 2·dg·kh·kw, Ho, Wo], Mask [N, dg·kh·kw, Ho,
// Wo], Filter [M, C/groups, kh, kw] → Output [N, M, Ho, Wo]. Channel c reads
// deformable group g = c / (C/dg). Kernel tap (i, j) of output (ho, wo)
// samples Input at
//   h = ho·sh - ph + i·dh + Offset[n, g·2K + 2(i·kw + j)]
//   w = wo·sw - pw + j·dw + Offset[n, g·2K + 2(i·kw + j) + 1]
// bilinearly (0 unless -1 < h < H and -1 < w < W; corners outside the map
// read 0), times Mask[n, g·K + i·kw + j] (v2).
#include <cmath>
#include <vector>

#include "interpreter/kernels/detection_region.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

double DeformSample(const float* plane, int64_t height, int64_t width, double h, double w) {
  if (!(h > -1 && w > -1 && h < static_cast<double>(height) && w < static_cast<double>(width))) {
    return 0;
  }
  const auto h_low = static_cast<int64_t>(std::floor(h));
  const auto w_low = static_cast<int64_t>(std::floor(w));
  const double lh = h - static_cast<double>(h_low), lw = w - static_cast<double>(w_low);
  auto at = [&](int64_t y, int64_t x) -> double {
    return y >= 0 && x >= 0 && y < height && x < width ? plane[y * width + x] : 0.0;
  };
  return (1 - lh) * (1 - lw) * at(h_low, w_low) + (1 - lh) * lw * at(h_low, w_low + 1) +
         lh * (1 - lw) * at(h_low + 1, w_low) + lh * lw * at(h_low + 1, w_low + 1);
}

std::vector<int64_t> Pair(const KernelContext& ctx, const char* name, int64_t fallback) {
  std::vector<int> v = ctx.Attr<std::vector<int>>(name, {});
  if (v.empty()) return {fallback, fallback};
  PD2ONNX_CHECK(v.size() == 2, ErrorKind::kUnsupported, "{} must have 2 values, got {}", name,
                v.size());
  return {v[0], v[1]};
}

void RunDeformableConv(KernelContext& ctx, bool with_mask) {
  const HostTensor& input = ctx.Input("Input");
  const HostTensor& offset = ctx.Input("Offset");
  const HostTensor& filter = ctx.Input("Filter");
  const HostTensor* mask = with_mask ? ctx.OptionalInput("Mask") : nullptr;
  RequireFloat32(input, "Input");
  RequireFloat32(offset, "Offset");
  RequireFloat32(filter, "Filter");
  const std::vector<int64_t> stride = Pair(ctx, "strides", 1);
  const std::vector<int64_t> pad = Pair(ctx, "paddings", 0);
  const std::vector<int64_t> dil = Pair(ctx, "dilations", 1);
  const auto groups = static_cast<int64_t>(ctx.Attr<int>("groups", 1));
  const auto dgroups = static_cast<int64_t>(ctx.Attr<int>("deformable_groups", 1));
  PD2ONNX_CHECK(input.dims.size() == 4 && filter.dims.size() == 4, ErrorKind::kInvalidInput,
                "Input and Filter must be 4-D, got {} and {}", graph::ShapeToString(input.dims),
                graph::ShapeToString(filter.dims));
  const int64_t n = input.dims[0], c = input.dims[1], h = input.dims[2], w = input.dims[3];
  const int64_t m = filter.dims[0], kh = filter.dims[2], kw = filter.dims[3], k = kh * kw;
  const int64_t ho = (h + 2 * pad[0] - (dil[0] * (kh - 1) + 1)) / stride[0] + 1;
  const int64_t wo = (w + 2 * pad[1] - (dil[1] * (kw - 1) + 1)) / stride[1] + 1;
  // Paddle's ConvOutputSize rejects an empty output.
  PD2ONNX_CHECK(ho > 0 && wo > 0, ErrorKind::kInvalidInput,
                "the output size {}x{} is not positive (input {}x{}, kernel {}x{}, paddings [{}, "
                "{}], dilations [{}, {}], strides [{}, {}])",
                ho, wo, h, w, kh, kw, pad[0], pad[1], dil[0], dil[1], stride[0], stride[1]);
  PD2ONNX_CHECK(
      c % groups == 0 && m % groups == 0 && c % dgroups == 0 && filter.dims[1] == c / groups,
      ErrorKind::kInvalidInput,
      "channels {} / filter {} do not fit groups {} and deformable_groups {}", c,
      graph::ShapeToString(filter.dims), groups, dgroups);
  PD2ONNX_CHECK(offset.dims == (std::vector<int64_t>{n, 2 * dgroups * k, ho, wo}),
                ErrorKind::kInvalidInput, "Offset is {}, expected [{}, {}, {}, {}]",
                graph::ShapeToString(offset.dims), n, 2 * dgroups * k, ho, wo);
  if (mask != nullptr) {
    RequireFloat32(*mask, "Mask");
    PD2ONNX_CHECK(mask->dims == (std::vector<int64_t>{n, dgroups * k, ho, wo}),
                  ErrorKind::kInvalidInput, "Mask is {}, expected [{}, {}, {}, {}]",
                  graph::ShapeToString(mask->dims), n, dgroups * k, ho, wo);
  }
  const int64_t c_per_dg = c / dgroups, c_per_g = c / groups, m_per_g = m / groups;
  const int64_t plane_out = ho * wo;
  // cols[(c·K + tap) · Ho·Wo + pixel], per image.
  std::vector<double> cols(static_cast<size_t>(c * k * plane_out));
  HostTensor out(DataType::kFloat32, {n, m, ho, wo});
  const float* in = input.data<float>();
  const float* off = offset.data<float>();
  const float* wt = filter.data<float>();
  float* y = out.data<float>();
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t g = ch / c_per_dg;
      const float* plane = in + (b * c + ch) * h * w;
      for (int64_t tap = 0; tap < k; ++tap) {
        const int64_t i = tap / kw, j = tap % kw;
        const float* off_h = off + ((b * dgroups + g) * 2 * k + 2 * tap) * plane_out;
        const float* off_w = off_h + plane_out;
        const float* msk =
            mask ? mask->data<float>() + ((b * dgroups + g) * k + tap) * plane_out : nullptr;
        for (int64_t oy = 0; oy < ho; ++oy) {
          for (int64_t ox = 0; ox < wo; ++ox) {
            const int64_t p = oy * wo + ox;
            const double sy = static_cast<double>(oy * stride[0] - pad[0] + i * dil[0]) + off_h[p];
            const double sx = static_cast<double>(ox * stride[1] - pad[1] + j * dil[1]) + off_w[p];
            double v = DeformSample(plane, h, w, sy, sx);
            if (msk) v *= msk[p];
            cols[static_cast<size_t>((ch * k + tap) * plane_out + p)] = v;
          }
        }
      }
    }
    for (int64_t oc = 0; oc < m; ++oc) {
      const int64_t g = oc / m_per_g;
      for (int64_t p = 0; p < plane_out; ++p) {
        double acc = 0;
        for (int64_t cc = 0; cc < c_per_g; ++cc) {
          for (int64_t tap = 0; tap < k; ++tap) {
            acc += static_cast<double>(wt[(oc * c_per_g + cc) * k + tap]) *
                   cols[static_cast<size_t>(((g * c_per_g + cc) * k + tap) * plane_out + p)];
          }
        }
        y[(b * m + oc) * plane_out + p] = static_cast<float>(acc);
      }
    }
  }
  ctx.SetOutput("Output", std::move(out));
}

}  // namespace

void DeformableConv(KernelContext& ctx) { RunDeformableConv(ctx, true); }
void DeformableConvV1(KernelContext& ctx) { RunDeformableConv(ctx, false); }

}  // namespace pd2onnx::interp::kernels

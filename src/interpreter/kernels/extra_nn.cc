// NN kernels of the extra-ops area, from Paddle's CPU kernels
// (paddle/phi/kernels/{cpu/affine_grid,impl/fold,impl/lrn,cpu/maxout,
// cpu/unpool}_kernel*): affine_grid, fold (col2im), lrn, maxout, unpool.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "interpreter/kernels/extra_ops.h"

namespace pd2onnx::interp::kernels {
namespace {

void RequireFloat(const HostTensor& t, std::string_view what) {
  PD2ONNX_CHECK(t.dtype == DataType::kFloat32 || t.dtype == DataType::kFloat64,
                ErrorKind::kUnsupported, "{} takes float32 or float64, not {}", what,
                graph::DataTypeName(t.dtype));
}

// Paddle's affine_grid linspace over [-1, 1]; without align_corners the
// points shrink by (count − 1) / count toward the pixel centres.
std::vector<double> GridLine(int64_t count, bool align_corners) {
  std::vector<double> v(static_cast<size_t>(count));
  const double step = count > 1 ? 2.0 / static_cast<double>(count - 1) : 0.0;
  for (int64_t i = 0; i < count; ++i) {
    v[i] = -1.0 + step * static_cast<double>(i);
    if (!align_corners) v[i] *= static_cast<double>(count - 1) / static_cast<double>(count);
  }
  return v;
}

bool IsChannelsLast(const KernelContext& ctx) {
  const std::string format = ctx.Attr<std::string>("data_format", "NCHW");
  return format == "NHWC";
}

}  // namespace

// Theta [N, 2, 3] → Output [N, H, W, 2]: (x, y, 1) · Thetaᵀ for the grid
// of output_shape [N, C, H, W] (OutputShape tensor or attr).
void AffineGrid(KernelContext& ctx) {
  const HostTensor& theta = ctx.Input("Theta");
  RequireFloat(theta, "affine_grid");
  std::vector<int64_t> shape = ctx.Attr<std::vector<int64_t>>("output_shape", {});
  if (const HostTensor* t = ctx.OptionalInput("OutputShape")) shape = IntValues(*t);
  PD2ONNX_CHECK(shape.size() == 4, ErrorKind::kUnsupported,
                "affine_grid supports 4-D output_shape, not {} values", shape.size());
  const bool align = ctx.Attr<bool>("align_corners", true);
  const int64_t n = theta.dims[0], h = shape[2], w = shape[3];
  const std::vector<double> xs = GridLine(w, align), ys = GridLine(h, align);
  const std::vector<double> th = theta.ToDouble();
  std::vector<double> out;
  out.reserve(static_cast<size_t>(n * h * w * 2));
  for (int64_t b = 0; b < n; ++b) {
    const double* t = th.data() + b * 6;
    for (int64_t i = 0; i < h; ++i) {
      for (int64_t j = 0; j < w; ++j) {
        out.push_back(xs[j] * t[0] + ys[i] * t[1] + t[2]);
        out.push_back(xs[j] * t[3] + ys[i] * t[4] + t[5]);
      }
    }
  }
  ctx.SetOutput("Output", FromDoubles(theta.dtype, {n, h, w, 2}, out));
}

// col2im: X [N, C·kh·kw, L] summed into Y [N, C, H, W]; paddings are
// [top, left, bottom, right].
void Fold(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "fold");
  const auto out_size = ctx.Attr<std::vector<int64_t>>("output_sizes");
  const auto k = ctx.Attr<std::vector<int64_t>>("kernel_sizes");
  const auto s = ctx.Attr<std::vector<int64_t>>("strides");
  const auto p = ctx.Attr<std::vector<int64_t>>("paddings");
  const auto d = ctx.Attr<std::vector<int64_t>>("dilations");
  const int64_t n = x.dims[0], c = x.dims[1] / (k[0] * k[1]), h = out_size[0], w = out_size[1];
  const int64_t lh = (h + p[0] + p[2] - (d[0] * (k[0] - 1) + 1)) / s[0] + 1;
  const int64_t lw = (w + p[1] + p[3] - (d[1] * (k[1] - 1) + 1)) / s[1] + 1;
  PD2ONNX_CHECK(lh * lw == x.dims[2], ErrorKind::kInvalidInput,
                "fold: X has {} blocks, the sizes give {}", x.dims[2], lh * lw);
  const std::vector<double> xv = x.ToDouble();
  std::vector<double> out(static_cast<size_t>(n * c * h * w), 0.0);
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t row = 0; row < c * k[0] * k[1]; ++row) {
      const int64_t ch = row / (k[0] * k[1]), ki = row / k[1] % k[0], kj = row % k[1];
      for (int64_t bi = 0; bi < lh; ++bi) {
        for (int64_t bj = 0; bj < lw; ++bj) {
          const int64_t y = bi * s[0] - p[0] + ki * d[0], z = bj * s[1] - p[1] + kj * d[1];
          if (y < 0 || y >= h || z < 0 || z >= w) continue;
          out[((b * c + ch) * h + y) * w + z] += xv[(b * x.dims[1] + row) * lh * lw + bi * lw + bj];
        }
      }
    }
  }
  ctx.SetOutput("Y", FromDoubles(x.dtype, {n, c, h, w}, out));
}

// x · (k + alpha · Σ x²)^(−beta), the sum over channels
// [c − (n−1)/2, c − (n−1)/2 + n); MidOut is the bracket.
void Lrn(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "lrn");
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "lrn takes 4-D X");
  const bool nhwc = IsChannelsLast(ctx);
  const int64_t size = ctx.Attr<int64_t>("n", 5);
  const double k = ctx.Attr<float>("k", 2.0f), alpha = ctx.Attr<float>("alpha", 1e-4f),
               beta = ctx.Attr<float>("beta", 0.75f);
  const int64_t c = nhwc ? x.dims[3] : x.dims[1];
  const int64_t inner = nhwc ? 1 : x.dims[2] * x.dims[3];
  const int64_t outer = x.dims[0];
  const int64_t spatial = nhwc ? x.dims[1] * x.dims[2] : x.dims[2] * x.dims[3];
  const std::vector<double> v = x.ToDouble();
  std::vector<double> out(v.size()), mid(v.size());
  const int64_t start = -(size - 1) / 2;
  auto at = [&](int64_t b, int64_t ch, int64_t sp) {
    return nhwc ? (b * spatial + sp) * c + ch : (b * c + ch) * inner + sp;
  };
  for (int64_t b = 0; b < outer; ++b) {
    for (int64_t sp = 0; sp < spatial; ++sp) {
      for (int64_t ch = 0; ch < c; ++ch) {
        double sum = 0;
        for (int64_t j = ch + start; j < ch + start + size; ++j) {
          if (j >= 0 && j < c) sum += v[at(b, j, sp)] * v[at(b, j, sp)];
        }
        const int64_t i = at(b, ch, sp);
        mid[i] = k + alpha * sum;
        out[i] = v[i] * std::pow(mid[i], -beta);
      }
    }
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, x.dims, out));
  ctx.SetOutput("MidOut", FromDoubles(x.dtype, x.dims, mid));
}

// The max of each run of `groups` consecutive channels (axis 1 or 3).
void Maxout(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "maxout");
  const int64_t groups = ctx.Attr<int64_t>("groups");
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", 1), 4, "axis");
  PD2ONNX_CHECK(x.dims.size() == 4 && (axis == 1 || axis == 3), ErrorKind::kInvalidInput,
                "maxout takes 4-D X and axis 1 or 3");
  Dims out_dims = x.dims;
  out_dims[axis] /= groups;
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= x.dims[d];
  for (int64_t d = axis + 1; d < 4; ++d) inner *= x.dims[d];
  const int64_t oc = out_dims[axis];
  const std::vector<double> v = x.ToDouble();
  std::vector<double> out(static_cast<size_t>(outer * oc * inner));
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t ch = 0; ch < oc; ++ch) {
      for (int64_t i = 0; i < inner; ++i) {
        double m = -std::numeric_limits<double>::infinity();
        for (int64_t g = 0; g < groups; ++g) {
          m = std::max(m, v[(o * x.dims[axis] + ch * groups + g) * inner + i]);
        }
        out[(o * oc + ch) * inner + i] = m;
      }
    }
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, out_dims, out));
}

// Max unpooling: Out [N, C, H, W] zero except Out[n, c].flat[Indices] = X.
// H, W from output_size, else (in − 1)·stride − 2·pad + ksize.
void Unpool(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat(x, "unpool");
  PD2ONNX_CHECK(ctx.Attr<std::string>("unpooling_type", "max") == "max", ErrorKind::kUnsupported,
                "unpool supports unpooling_type 'max'");
  const auto ksize = ctx.Attr<std::vector<int64_t>>("ksize");
  const auto strides = ctx.Attr<std::vector<int64_t>>("strides", {1, 1});
  const auto pads = ctx.Attr<std::vector<int64_t>>("paddings", {0, 0});
  std::vector<int64_t> size = ctx.Attr<std::vector<int64_t>>("output_size", {});
  const int64_t n = x.dims[0], c = x.dims[1];
  if (size.size() != 2) {
    size = {(x.dims[2] - 1) * strides[0] - 2 * pads[0] + ksize[0],
            (x.dims[3] - 1) * strides[1] - 2 * pads[1] + ksize[1]};
  }
  const int64_t plane = size[0] * size[1], in_plane = x.dims[2] * x.dims[3];
  const std::vector<double> v = x.ToDouble();
  const std::vector<int64_t> idx = IntValues(ctx.Input("Indices"));
  std::vector<double> out(static_cast<size_t>(n * c * plane), 0.0);
  for (int64_t bc = 0; bc < n * c; ++bc) {
    for (int64_t i = 0; i < in_plane; ++i) {
      const int64_t to = idx[bc * in_plane + i];
      PD2ONNX_CHECK(to >= 0 && to < plane, ErrorKind::kInvalidInput,
                    "unpool index {} is outside [0, {})", to, plane);
      out[bc * plane + to] = v[bc * in_plane + i];
    }
  }
  ctx.SetOutput("Out", FromDoubles(x.dtype, {n, c, size[0], size[1]}, out));
}

// Channel c = g·(C/group) + i moves to i·group + g (NCHW).
void ShuffleChannel(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "shuffle_channel takes 4-D X");
  const int64_t group = ctx.Attr<int64_t>("group", 1);
  const int64_t n = x.dims[0], c = x.dims[1], plane = x.dims[2] * x.dims[3];
  PD2ONNX_CHECK(group > 0 && c % group == 0, ErrorKind::kInvalidInput,
                "shuffle_channel: {} channels do not split into {} groups", c, group);
  const int64_t per = c / group;
  HostTensor out(x.dtype, x.dims);
  const size_t width = graph::ElementSize(x.dtype) * static_cast<size_t>(plane);
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t to = (ch % per) * group + ch / per;
      std::copy_n(x.bytes.begin() + static_cast<int64_t>((b * c + ch) * width), width,
                  out.bytes.begin() + static_cast<int64_t>((b * c + to) * width));
    }
  }
  ctx.SetOutput("Out", std::move(out));
}

}  // namespace pd2onnx::interp::kernels

// grid_sampler (phi grid_sample kernel; the same definition as PyTorch's
// grid_sample): for output pixel (n, h, w) the grid gives (x, y) in
// [-1, 1]; align_corners maps -1/1 to the centres of the corner pixels,
// otherwise to the outer edges: x = (g + 1)/2·(W - 1) or ((g + 1)·W - 1)/2.
// padding_mode "border" clamps the coordinate, "reflection" mirrors it at
// the corners (align_corners) or edges and then clamps; "zeros" reads 0
// outside. bilinear weighs the four neighbours; nearest rounds.
#include <cmath>
#include <string>

#include "interpreter/kernels/nn_extra.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// Mirrors x into [low, high] (twice the bounds given, as integers).
double Reflect(double x, int64_t twice_low, int64_t twice_high) {
  if (twice_low == twice_high) return 0;
  const double low = static_cast<double>(twice_low) / 2;
  const double span = static_cast<double>(twice_high - twice_low) / 2;
  x = std::fabs(x - low);
  const double extra = std::fmod(x, span);
  const auto flips = static_cast<int64_t>(std::floor(x / span));
  return flips % 2 == 0 ? extra + low : span - extra + low;
}

double SourceCoordinate(double g, int64_t size, bool align_corners, const std::string& padding) {
  double x = align_corners ? (g + 1) / 2 * static_cast<double>(size - 1)
                           : ((g + 1) * static_cast<double>(size) - 1) / 2;
  auto clamp = [&](double v) {
    return std::fmin(std::fmax(v, 0.0), static_cast<double>(size - 1));
  };
  if (padding == "border") {
    x = clamp(x);
  } else if (padding == "reflection") {
    x = align_corners ? Reflect(x, 0, 2 * (size - 1)) : Reflect(x, -1, 2 * size - 1);
    x = clamp(x);
  }
  return x;
}

}  // namespace

void GridSampler(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& grid = ctx.Input("Grid");
  RequireFloat32(x, "X");
  RequireFloat32(grid, "Grid");
  PD2ONNX_CHECK(
      x.dims.size() == 4 && grid.dims.size() == 4 && grid.dims[3] == 2 && grid.dims[0] == x.dims[0],
      ErrorKind::kInvalidInput, "expected X [N, C, H, W] and Grid [N, Ho, Wo, 2], got {} and {}",
      graph::ShapeToString(x.dims), graph::ShapeToString(grid.dims));
  const std::string mode = ctx.Attr<std::string>("mode", "bilinear");
  const std::string padding = ctx.Attr<std::string>("padding_mode", "zeros");
  const bool align_corners = ctx.Attr<bool>("align_corners", true);
  PD2ONNX_CHECK(mode == "bilinear" || mode == "nearest", ErrorKind::kUnsupported,
                "mode '{}' is not supported", mode);
  const int64_t n = x.dims[0], c = x.dims[1], h = x.dims[2], w = x.dims[3];
  const int64_t oh = grid.dims[1], ow = grid.dims[2];
  HostTensor y(DataType::kFloat32, {n, c, oh, ow});
  const float* in = x.data<float>();
  const float* g = grid.data<float>();
  float* out = y.data<float>();
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t i = 0; i < oh; ++i) {
      for (int64_t j = 0; j < ow; ++j) {
        const float* point = g + ((b * oh + i) * ow + j) * 2;
        const double sx = SourceCoordinate(point[0], w, align_corners, padding);
        const double sy = SourceCoordinate(point[1], h, align_corners, padding);
        for (int64_t ch = 0; ch < c; ++ch) {
          const float* plane = in + (b * c + ch) * h * w;
          auto at = [&](int64_t yy, int64_t xx) -> double {
            return yy >= 0 && yy < h && xx >= 0 && xx < w ? plane[yy * w + xx] : 0.0;
          };
          double v = 0;
          if (mode == "nearest") {
            // Paddle rounds half away from zero (Eigen round).
            v = at(static_cast<int64_t>(std::round(sy)), static_cast<int64_t>(std::round(sx)));
          } else {
            const auto x0 = static_cast<int64_t>(std::floor(sx));
            const auto y0 = static_cast<int64_t>(std::floor(sy));
            const double fx = sx - static_cast<double>(x0);
            const double fy = sy - static_cast<double>(y0);
            v = at(y0, x0) * (1 - fx) * (1 - fy) + at(y0, x0 + 1) * fx * (1 - fy) +
                at(y0 + 1, x0) * (1 - fx) * fy + at(y0 + 1, x0 + 1) * fx * fy;
          }
          out[((b * c + ch) * oh + i) * ow + j] = static_cast<float>(v);
        }
      }
    }
  }
  ctx.SetOutput("Output", std::move(y));
}

}  // namespace pd2onnx::interp::kernels

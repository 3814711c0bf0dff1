// conv3d, conv3d_transpose and pool3d over NCDHW (NDHWC is permuted), as
// plain loop nests accumulating in double; the rules are those of the 2-D
// ops (docs/paddle-formats.md 5.1, 5.2, 5.5) with a depth axis: paddings
// hold 3 values (both sides) or 6 [front, back, top, bottom, left, right].
#include <algorithm>
#include <array>
#include <limits>
#include <string>
#include <vector>

#include "interpreter/kernels/nn_extra.h"
#include "interpreter/kernels/spatial.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

using Triple = std::array<int64_t, 3>;

const std::vector<int64_t> kToFirst = {0, 4, 1, 2, 3};
const std::vector<int64_t> kToLast = {0, 2, 3, 4, 1};

Triple TripleAttr(const KernelContext& ctx, const char* name, Triple default_value) {
  const auto values = ctx.Attr<std::vector<int64_t>>(
      name, std::vector<int64_t>(default_value.begin(), default_value.end()));
  PD2ONNX_CHECK(values.size() == 3, ErrorKind::kInvalidInput,
                "attribute '{}' must have 3 values, not {}", name, values.size());
  return {values[0], values[1], values[2]};
}

struct Pads3d {
  Triple begin{0, 0, 0};
  Triple end{0, 0, 0};
};

// Paddle's UpdatePadding for three axes (see ResolvePadding in spatial.h).
Pads3d ResolvePadding3d(const KernelContext& ctx, const Triple& in, const Triple& kernel,
                        const Triple& strides) {
  Pads3d pads;
  const std::string algorithm = ctx.Attr<std::string>("padding_algorithm", "EXPLICIT");
  if (algorithm == "VALID") return pads;
  if (algorithm == "SAME") {
    for (int i = 0; i < 3; ++i) {
      const int64_t out = (in[i] + strides[i] - 1) / strides[i];
      const int64_t total = std::max<int64_t>((out - 1) * strides[i] + kernel[i] - in[i], 0);
      pads.begin[i] = total / 2;
      pads.end[i] = total - total / 2;
    }
    return pads;
  }
  const auto p = ctx.Attr<std::vector<int64_t>>("paddings", {0, 0, 0});
  for (int i = 0; i < 3; ++i) {
    if (p.size() == 3) {
      pads.begin[i] = pads.end[i] = p[i];
    } else if (p.size() == 6) {
      pads.begin[i] = p[2 * i];
      pads.end[i] = p[2 * i + 1];
    } else {
      Fail(ErrorKind::kInvalidInput, "paddings must have 3 or 6 values, not {}", p.size());
    }
  }
  return pads;
}

struct Conv3dGeometry {
  int64_t batch = 0, in_c = 0, out_c = 0, groups = 1;
  Triple in{}, out{}, kernel{}, strides{1, 1, 1}, dilations{1, 1, 1};
  Pads3d pads;
};

// Reads Input / Filter and the shared attributes; returns the NCDHW input.
HostTensor PrepareConv3d(const KernelContext& ctx, bool transpose, Conv3dGeometry& g,
                         bool& channel_last) {
  const HostTensor& input = ctx.Input("Input");
  const HostTensor& filter = ctx.Input("Filter");
  RequireFloat32(input, "Input");
  RequireFloat32(filter, "Filter");
  PD2ONNX_CHECK(input.dims.size() == 5 && filter.dims.size() == 5, ErrorKind::kInvalidInput,
                "expected 5-D Input and Filter, got {} and {}", graph::ShapeToString(input.dims),
                graph::ShapeToString(filter.dims));
  channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCDHW"));
  HostTensor x = channel_last ? Permute(input, kToFirst) : input;
  g.batch = x.dims[0];
  g.in_c = x.dims[1];
  g.in = {x.dims[2], x.dims[3], x.dims[4]};
  g.kernel = {filter.dims[2], filter.dims[3], filter.dims[4]};
  g.groups = ctx.Attr<int64_t>("groups", 1);
  PD2ONNX_CHECK(g.groups >= 1 && g.in_c % g.groups == 0, ErrorKind::kInvalidInput,
                "groups {} does not divide the {} input channels", g.groups, g.in_c);
  g.strides = TripleAttr(ctx, "strides", {1, 1, 1});
  g.dilations = TripleAttr(ctx, "dilations", {1, 1, 1});
  g.pads = ResolvePadding3d(ctx, g.in, g.kernel, g.strides);
  if (ctx.Attr<std::string>("padding_algorithm", "EXPLICIT") == "SAME") g.dilations = {1, 1, 1};
  if (transpose) {
    PD2ONNX_CHECK(filter.dims[0] == g.in_c, ErrorKind::kInvalidInput,
                  "Filter {} does not match {} input channels", graph::ShapeToString(filter.dims),
                  g.in_c);
    g.out_c = filter.dims[1] * g.groups;
  } else {
    PD2ONNX_CHECK(filter.dims[1] * g.groups == g.in_c && filter.dims[0] % g.groups == 0,
                  ErrorKind::kInvalidInput,
                  "Filter {} does not match {} input channels in {} groups",
                  graph::ShapeToString(filter.dims), g.in_c, g.groups);
    g.out_c = filter.dims[0];
  }
  return x;
}

}  // namespace

// out[n, m, z, y, x] = Σ_{c, kz, ky, kx} in[n, g·Cg + c, z·s - pad + kz·d, ...]
//                                        · filter[m, c, kz, ky, kx]
void Conv3d(KernelContext& ctx) {
  Conv3dGeometry g;
  bool channel_last = false;
  const HostTensor x = PrepareConv3d(ctx, false, g, channel_last);
  for (int i = 0; i < 3; ++i) {
    const int64_t span = g.dilations[i] * (g.kernel[i] - 1) + 1;
    g.out[i] = (g.in[i] + g.pads.begin[i] + g.pads.end[i] - span) / g.strides[i] + 1;
    PD2ONNX_CHECK(g.out[i] > 0, ErrorKind::kInvalidInput, "output extent {} is not positive",
                  g.out[i]);
  }
  HostTensor y(DataType::kFloat32, {g.batch, g.out_c, g.out[0], g.out[1], g.out[2]});
  const float* in = x.data<float>();
  const float* w = ctx.Input("Filter").data<float>();
  float* out = y.data<float>();
  const int64_t cg_in = g.in_c / g.groups, cg_out = g.out_c / g.groups;
  const int64_t in_volume = g.in[0] * g.in[1] * g.in[2];
  const int64_t k_volume = g.kernel[0] * g.kernel[1] * g.kernel[2];
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t m = 0; m < g.out_c; ++m) {
      const int64_t group = m / cg_out;
      for (int64_t oz = 0; oz < g.out[0]; ++oz) {
        for (int64_t oy = 0; oy < g.out[1]; ++oy) {
          for (int64_t ox = 0; ox < g.out[2]; ++ox) {
            double sum = 0;
            for (int64_t c = 0; c < cg_in; ++c) {
              const float* plane = in + (n * g.in_c + group * cg_in + c) * in_volume;
              const float* taps = w + (m * cg_in + c) * k_volume;
              for (int64_t kz = 0; kz < g.kernel[0]; ++kz) {
                const int64_t z = oz * g.strides[0] - g.pads.begin[0] + kz * g.dilations[0];
                if (z < 0 || z >= g.in[0]) continue;
                for (int64_t ky = 0; ky < g.kernel[1]; ++ky) {
                  const int64_t yy = oy * g.strides[1] - g.pads.begin[1] + ky * g.dilations[1];
                  if (yy < 0 || yy >= g.in[1]) continue;
                  for (int64_t kx = 0; kx < g.kernel[2]; ++kx) {
                    const int64_t xx = ox * g.strides[2] - g.pads.begin[2] + kx * g.dilations[2];
                    if (xx < 0 || xx >= g.in[2]) continue;
                    sum += static_cast<double>(plane[(z * g.in[1] + yy) * g.in[2] + xx]) *
                           taps[(kz * g.kernel[1] + ky) * g.kernel[2] + kx];
                  }
                }
              }
            }
            *out++ = static_cast<float>(sum);
          }
        }
      }
    }
  }
  ctx.SetOutput("Output", channel_last ? Permute(y, kToLast) : std::move(y));
}

// The adjoint: in[n, c, z, y, x] · filter[c, m, kz, ky, kx] adds to
// out[n, g·Mg + m, z·s - pad + kz·d, ...]. The output extent is
// (in - 1)·s - pad_begin - pad_end + d·(k - 1) + 1, plus output_padding,
// or output_size (which may add up to stride - 1 at the end).
void Conv3dTranspose(KernelContext& ctx) {
  Conv3dGeometry g;
  bool channel_last = false;
  const HostTensor x = PrepareConv3d(ctx, true, g, channel_last);
  const auto output_size = ctx.Attr<std::vector<int64_t>>("output_size", {});
  const auto output_padding = ctx.Attr<std::vector<int64_t>>("output_padding", {});
  for (int i = 0; i < 3; ++i) {
    const int64_t inferred = (g.in[i] - 1) * g.strides[i] - g.pads.begin[i] - g.pads.end[i] +
                             g.dilations[i] * (g.kernel[i] - 1) + 1;
    if (!output_size.empty()) {
      PD2ONNX_CHECK(output_size.size() == 3 && output_size[i] >= inferred &&
                        output_size[i] < inferred + g.strides[i],
                    ErrorKind::kInvalidInput, "output_size {} must lie in [{}, {}) on axis {}",
                    graph::ShapeToString(output_size), inferred, inferred + g.strides[i], i);
      g.out[i] = output_size[i];
    } else if (!output_padding.empty()) {
      PD2ONNX_CHECK(output_padding.size() == 3, ErrorKind::kInvalidInput,
                    "output_padding must have 3 values, not {}", output_padding.size());
      g.out[i] = inferred + output_padding[i];
    } else {
      g.out[i] = inferred;
    }
    PD2ONNX_CHECK(g.out[i] > 0, ErrorKind::kInvalidInput, "output extent {} is not positive",
                  g.out[i]);
  }
  const int64_t cg_in = g.in_c / g.groups, cg_out = g.out_c / g.groups;
  const int64_t in_volume = g.in[0] * g.in[1] * g.in[2];
  const int64_t out_volume = g.out[0] * g.out[1] * g.out[2];
  const int64_t k_volume = g.kernel[0] * g.kernel[1] * g.kernel[2];
  std::vector<double> acc(static_cast<size_t>(g.batch * g.out_c * out_volume), 0.0);
  const float* in = x.data<float>();
  const float* w = ctx.Input("Filter").data<float>();
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t ic = 0; ic < g.in_c; ++ic) {
      const int64_t group = ic / cg_in;
      for (int64_t m = 0; m < cg_out; ++m) {
        const int64_t oc = group * cg_out + m;
        double* dst = acc.data() + (n * g.out_c + oc) * out_volume;
        const float* taps = w + (ic * cg_out + m) * k_volume;
        for (int64_t iz = 0; iz < g.in[0]; ++iz) {
          for (int64_t iy = 0; iy < g.in[1]; ++iy) {
            for (int64_t ix = 0; ix < g.in[2]; ++ix) {
              const double v =
                  in[(n * g.in_c + ic) * in_volume + (iz * g.in[1] + iy) * g.in[2] + ix];
              for (int64_t kz = 0; kz < g.kernel[0]; ++kz) {
                const int64_t z = iz * g.strides[0] - g.pads.begin[0] + kz * g.dilations[0];
                if (z < 0 || z >= g.out[0]) continue;
                for (int64_t ky = 0; ky < g.kernel[1]; ++ky) {
                  const int64_t yy = iy * g.strides[1] - g.pads.begin[1] + ky * g.dilations[1];
                  if (yy < 0 || yy >= g.out[1]) continue;
                  for (int64_t kx = 0; kx < g.kernel[2]; ++kx) {
                    const int64_t xx = ix * g.strides[2] - g.pads.begin[2] + kx * g.dilations[2];
                    if (xx < 0 || xx >= g.out[2]) continue;
                    dst[(z * g.out[1] + yy) * g.out[2] + xx] +=
                        v * taps[(kz * g.kernel[1] + ky) * g.kernel[2] + kx];
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  HostTensor y(DataType::kFloat32, {g.batch, g.out_c, g.out[0], g.out[1], g.out[2]});
  for (size_t i = 0; i < acc.size(); ++i) y.data<float>()[i] = static_cast<float>(acc[i]);
  ctx.SetOutput("Output", channel_last ? Permute(y, kToLast) : std::move(y));
}

namespace {

struct Window {
  int64_t begin = 0, end = 0;  // clipped to the input
  int64_t unclipped = 0;       // length counting padding (non-exclusive average)
};

// Paddle's pooling window along one axis (see pool.cc): adaptive bins
// [floor(i·in/out), ceil((i+1)·in/out)), or start = i·s - pad_begin ending
// at min(start + k, in + pad_begin).
Window PoolWindow(int64_t i, int64_t in, int64_t out, int64_t k, int64_t s, int64_t pad_begin,
                  bool adaptive) {
  Window w;
  if (adaptive) {
    w.begin = i * in / out;
    w.end = ((i + 1) * in + out - 1) / out;
    w.unclipped = w.end - w.begin;
    return w;
  }
  const int64_t start = i * s - pad_begin;
  const int64_t end = std::min(start + k, in + pad_begin);
  w.unclipped = end - start;
  w.begin = std::max<int64_t>(start, 0);
  w.end = std::min(end, in);
  return w;
}

}  // namespace

void Pool3d(KernelContext& ctx) {
  const HostTensor& input = ctx.Input("X");
  RequireFloat32(input, "X");
  PD2ONNX_CHECK(input.dims.size() == 5, ErrorKind::kInvalidInput, "expected a 5-D X, got {}",
                graph::ShapeToString(input.dims));
  const bool channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCDHW"));
  const HostTensor x = channel_last ? Permute(input, kToFirst) : input;
  const Triple in = {x.dims[2], x.dims[3], x.dims[4]};
  const std::string type = ctx.Attr<std::string>("pooling_type");
  PD2ONNX_CHECK(type == "max" || type == "avg", ErrorKind::kUnsupported,
                "pooling_type '{}' (expected max or avg)", type);
  const bool is_max = type == "max";
  const bool global = ctx.Attr<bool>("global_pooling", false);
  const bool adaptive = ctx.Attr<bool>("adaptive", false) && !global;
  const bool ceil_mode = ctx.Attr<bool>("ceil_mode", false);
  const bool exclusive = ctx.Attr<bool>("exclusive", true) || adaptive;
  const Triple strides = global ? Triple{1, 1, 1} : TripleAttr(ctx, "strides", {1, 1, 1});
  const Triple ksize = global ? in : TripleAttr(ctx, "ksize", {1, 1, 1});
  Pads3d pads;
  if (!global && !adaptive) pads = ResolvePadding3d(ctx, in, ksize, strides);

  Triple out{};
  std::array<std::vector<Window>, 3> windows;
  for (int a = 0; a < 3; ++a) {
    if (adaptive) {
      out[a] = ksize[a];
    } else {
      const int64_t span = in[a] + pads.begin[a] + pads.end[a] - ksize[a];
      out[a] = (ceil_mode ? span + strides[a] - 1 : span) / strides[a] + 1;
    }
    PD2ONNX_CHECK(out[a] > 0, ErrorKind::kInvalidInput, "output extent {} is not positive", out[a]);
    for (int64_t i = 0; i < out[a]; ++i) {
      windows[a].push_back(
          PoolWindow(i, in[a], out[a], ksize[a], strides[a], pads.begin[a], adaptive));
    }
  }
  const int64_t planes = x.dims[0] * x.dims[1];
  const int64_t volume = in[0] * in[1] * in[2];
  HostTensor y(DataType::kFloat32, {x.dims[0], x.dims[1], out[0], out[1], out[2]});
  float* dst = y.data<float>();
  for (int64_t p = 0; p < planes; ++p) {
    const float* src = x.data<float>() + p * volume;
    for (const Window& wz : windows[0]) {
      for (const Window& wy : windows[1]) {
        for (const Window& wx : windows[2]) {
          double best = -std::numeric_limits<float>::max();
          double sum = 0;
          for (int64_t z = wz.begin; z < wz.end; ++z) {
            for (int64_t yy = wy.begin; yy < wy.end; ++yy) {
              for (int64_t xx = wx.begin; xx < wx.end; ++xx) {
                const double v = src[(z * in[1] + yy) * in[2] + xx];
                best = std::max(best, v);
                sum += v;
              }
            }
          }
          if (is_max) {
            *dst++ = static_cast<float>(best);
          } else {
            const int64_t count =
                exclusive ? (wz.end - wz.begin) * (wy.end - wy.begin) * (wx.end - wx.begin)
                          : wz.unclipped * wy.unclipped * wx.unclipped;
            *dst++ = static_cast<float>(sum / static_cast<double>(count));
          }
        }
      }
    }
  }
  ctx.SetOutput("Out", channel_last ? Permute(y, kToLast) : std::move(y));
}

}  // namespace pd2onnx::interp::kernels

namespace pd2onnx::interp::kernels {

// max_pool2d_with_index (phi MaxPool2dWithIndexFunctor): window
// [o·s - pad, min(o·s - pad + k, in)) clipped at 0; Out is the max (the
// first one on ties), Mask (int32) its index h·W + w in the plane.
// global_pooling pools the whole plane; adaptive windows are
// [floor(i·in/out), ceil((i+1)·in/out)) with ksize the output size.
void MaxPool2dWithIndex(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "X");
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "expected a 4-D X, got {}",
                graph::ShapeToString(x.dims));
  const int64_t h = x.dims[2], w = x.dims[3];
  const bool global = ctx.Attr<bool>("global_pooling", false);
  const bool adaptive = ctx.Attr<bool>("adaptive", false) && !global;
  std::array<int64_t, 2> k = global ? std::array<int64_t, 2>{h, w}
                                    : PairAttr(ctx.Attr<std::vector<int64_t>>("ksize"), "ksize");
  std::array<int64_t, 2> s = PairAttr(ctx.Attr<std::vector<int64_t>>("strides", {1, 1}), "strides");
  auto pad_values = ctx.Attr<std::vector<int64_t>>("paddings", {0, 0});
  PD2ONNX_CHECK(pad_values.size() == 2 || pad_values.size() == 4, ErrorKind::kInvalidInput,
                "paddings must have 2 or 4 values");
  std::array<int64_t, 2> pad = {pad_values[0],
                                pad_values.size() == 2 ? pad_values[1] : pad_values[2]};
  std::array<int64_t, 2> pad_end = {pad_values.size() == 2 ? pad_values[0] : pad_values[1],
                                    pad_values.size() == 2 ? pad_values[1] : pad_values[3]};
  if (global || adaptive) pad = pad_end = {0, 0};
  if (global) s = {1, 1};
  const std::array<int64_t, 2> in = {h, w};
  std::array<int64_t, 2> out{};
  for (int a = 0; a < 2; ++a) {
    out[a] = adaptive ? k[a] : (in[a] + pad[a] + pad_end[a] - k[a]) / s[a] + 1;
    PD2ONNX_CHECK(out[a] > 0, ErrorKind::kInvalidInput, "output extent {} is not positive", out[a]);
  }
  auto window = [&](int a, int64_t i) -> std::pair<int64_t, int64_t> {
    if (adaptive) return {i * in[a] / out[a], ((i + 1) * in[a] + out[a] - 1) / out[a]};
    const int64_t start = i * s[a] - pad[a];
    return {std::max<int64_t>(start, 0), std::min(start + k[a], in[a])};
  };
  HostTensor y(DataType::kFloat32, {x.dims[0], x.dims[1], out[0], out[1]});
  HostTensor mask(DataType::kInt32, {x.dims[0], x.dims[1], out[0], out[1]});
  float* dst = y.data<float>();
  int32_t* idx = mask.data<int32_t>();
  for (int64_t p = 0; p < x.dims[0] * x.dims[1]; ++p) {
    const float* plane = x.data<float>() + p * h * w;
    for (int64_t i = 0; i < out[0]; ++i) {
      const auto [h0, h1] = window(0, i);
      for (int64_t j = 0; j < out[1]; ++j) {
        const auto [w0, w1] = window(1, j);
        float best = -std::numeric_limits<float>::max();
        int64_t best_index = -1;
        for (int64_t r = h0; r < h1; ++r) {
          for (int64_t c = w0; c < w1; ++c) {
            if (plane[r * w + c] > best) {
              best = plane[r * w + c];
              best_index = r * w + c;
            }
          }
        }
        *dst++ = best;
        *idx++ = static_cast<int32_t>(best_index);
      }
    }
  }
  ctx.SetOutput("Out", std::move(y));
  ctx.SetOutput("Mask", std::move(mask));
}

}  // namespace pd2onnx::interp::kernels

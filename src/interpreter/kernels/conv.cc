// conv2d / depthwise_conv2d and conv2d_transpose (docs/paddle-formats.md
// 5.1, 5.2), as direct loop nests over NCHW data accumulating in double.
// The loops run over whole output (or input) rows so the innermost loop
// walks contiguous memory.
#include <algorithm>
#include <vector>

#include "interpreter/kernels/kernels.h"
#include "interpreter/kernels/spatial.h"
#include "support/parallel_for.h"

namespace pd2onnx::interp::kernels {
namespace {

struct ConvGeometry {
  int64_t batch = 0, in_c = 0, in_h = 0, in_w = 0;
  int64_t out_c = 0, out_h = 0, out_w = 0;
  int64_t k_h = 0, k_w = 0, groups = 1;
  std::array<int64_t, 2> strides{1, 1}, dilations{1, 1};
  Pads2d pads;
};

// Enough output channels per thread to be worth a thread (~10^6 taps).
int64_t MinChannelsPerThread(int64_t work_per_channel) {
  return std::max<int64_t>(1, 1000000 / std::max<int64_t>(1, work_per_channel));
}

// Smallest and one-past-largest o with 0 <= o·stride + offset < extent,
// clipped to [0, count).
std::pair<int64_t, int64_t> ValidRange(int64_t offset, int64_t stride, int64_t extent,
                                       int64_t count) {
  // o·stride + offset >= 0  ⇔  o >= ceil(-offset / stride)
  int64_t lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
  // o·stride + offset <= extent - 1  ⇔  o <= floor((extent - 1 - offset) / stride)
  const int64_t top = extent - 1 - offset;
  int64_t hi = top < 0 ? 0 : top / stride + 1;
  lo = std::min(lo, count);
  hi = std::clamp(hi, lo, count);
  return {lo, hi};
}

// out[n, oc, oy, ox] = Σ_{c, ky, kx} in[n, g·Cg + c, oy·s - pad + ky·d, ...]
//                                      · filter[oc, c, ky, kx]
// The output plane is processed in bands of rows small enough for the
// double accumulators to stay in cache while every (c, ky, kx) tap adds in.
void Conv2dNchw(const float* in, const float* filter, float* out, const ConvGeometry& g) {
  const int64_t cg_in = g.in_c / g.groups;    // input channels per group
  const int64_t cg_out = g.out_c / g.groups;  // output channels per group
  const int64_t plane_in = g.in_h * g.in_w;
  const int64_t plane_out = g.out_h * g.out_w;
  const int64_t band_rows = std::max<int64_t>(1, 4096 / std::max<int64_t>(g.out_w, 1));
  const int64_t work_per_channel = plane_out * cg_in * g.k_h * g.k_w;
  for (int64_t n = 0; n < g.batch; ++n) {
    // Output channels are independent: each thread takes a run of them.
    support::ParallelFor(
        g.out_c, MinChannelsPerThread(work_per_channel), [&](int64_t first, int64_t last) {
          std::vector<double> acc(band_rows * g.out_w);
          for (int64_t oc = first; oc < last; ++oc) {
            const int64_t group = oc / cg_out;
            float* dst = out + (n * g.out_c + oc) * plane_out;
            for (int64_t band = 0; band < g.out_h; band += band_rows) {
              const int64_t band_end = std::min(band + band_rows, g.out_h);
              std::fill(acc.begin(), acc.end(), 0.0);
              for (int64_t c = 0; c < cg_in; ++c) {
                const float* plane = in + (n * g.in_c + group * cg_in + c) * plane_in;
                for (int64_t ky = 0; ky < g.k_h; ++ky) {
                  const int64_t y_offset = ky * g.dilations[0] - g.pads.begin[0];
                  const auto [oy_lo, oy_hi] = ValidRange(y_offset, g.strides[0], g.in_h, g.out_h);
                  for (int64_t kx = 0; kx < g.k_w; ++kx) {
                    const double w = filter[((oc * cg_in + c) * g.k_h + ky) * g.k_w + kx];
                    const int64_t x_offset = kx * g.dilations[1] - g.pads.begin[1];
                    const auto [ox_lo, ox_hi] = ValidRange(x_offset, g.strides[1], g.in_w, g.out_w);
                    for (int64_t oy = std::max(oy_lo, band); oy < std::min(oy_hi, band_end); ++oy) {
                      // Input element of output column ox: row[ox·stride + x_offset].
                      const float* row = plane + (oy * g.strides[0] + y_offset) * g.in_w;
                      double* acc_row = acc.data() + (oy - band) * g.out_w;
                      if (g.strides[1] == 1) {
                        const float* src = row + ox_lo + x_offset;
                        double* sum = acc_row + ox_lo;
                        for (int64_t i = 0; i < ox_hi - ox_lo; ++i) sum[i] += w * src[i];
                      } else {
                        for (int64_t ox = ox_lo; ox < ox_hi; ++ox) {
                          acc_row[ox] += w * row[ox * g.strides[1] + x_offset];
                        }
                      }
                    }
                  }
                }
              }
              const int64_t count = (band_end - band) * g.out_w;
              for (int64_t i = 0; i < count; ++i)
                dst[band * g.out_w + i] = static_cast<float>(acc[i]);
            }
          }
        });
  }
}

// The adjoint of the convolution: every input pixel scatters
// in[n, ic, iy, ix] · filter[ic, m, ky, kx] to out[n, g·Mg + m,
// iy·s - pad + ky·d, ix·s - pad + kx·d].
void Conv2dTransposeNchw(const float* in, const float* filter, float* out, const ConvGeometry& g) {
  const int64_t cg_in = g.in_c / g.groups;
  const int64_t cg_out = g.out_c / g.groups;
  const int64_t plane_in = g.in_h * g.in_w;
  const int64_t plane_out = g.out_h * g.out_w;
  const int64_t work_per_channel = plane_in * cg_in * g.k_h * g.k_w;
  for (int64_t n = 0; n < g.batch; ++n) {
    support::ParallelFor(
        g.out_c, MinChannelsPerThread(work_per_channel), [&](int64_t first, int64_t last) {
          std::vector<double> acc(plane_out);
          for (int64_t oc = first; oc < last; ++oc) {
            const int64_t group = oc / cg_out;
            const int64_t m = oc % cg_out;
            std::fill(acc.begin(), acc.end(), 0.0);
            for (int64_t c = 0; c < cg_in; ++c) {
              const int64_t ic = group * cg_in + c;
              const float* plane = in + (n * g.in_c + ic) * plane_in;
              for (int64_t ky = 0; ky < g.k_h; ++ky) {
                const int64_t y_offset = ky * g.dilations[0] - g.pads.begin[0];
                const auto [iy_lo, iy_hi] = ValidRange(y_offset, g.strides[0], g.out_h, g.in_h);
                for (int64_t kx = 0; kx < g.k_w; ++kx) {
                  const double w = filter[((ic * cg_out + m) * g.k_h + ky) * g.k_w + kx];
                  const int64_t x_offset = kx * g.dilations[1] - g.pads.begin[1];
                  const auto [ix_lo, ix_hi] = ValidRange(x_offset, g.strides[1], g.out_w, g.in_w);
                  for (int64_t iy = iy_lo; iy < iy_hi; ++iy) {
                    const float* row = plane + iy * g.in_w;
                    double* acc_row = acc.data() + (iy * g.strides[0] + y_offset) * g.out_w;
                    for (int64_t ix = ix_lo; ix < ix_hi; ++ix) {
                      acc_row[ix * g.strides[1] + x_offset] += w * row[ix];
                    }
                  }
                }
              }
            }
            float* dst = out + (n * g.out_c + oc) * plane_out;
            for (int64_t i = 0; i < plane_out; ++i) dst[i] = static_cast<float>(acc[i]);
          }
        });
  }
}

// Reads Input/Filter and the shared attributes; returns the input in NCHW
// (the op's own input, or `nchw_copy` holding a channel-last input
// transposed).
const HostTensor& PrepareConv(KernelContext& ctx, bool transpose, ConvGeometry& g,
                              bool& channel_last, HostTensor& nchw_copy) {
  const HostTensor& input = ctx.Input("Input");
  const HostTensor& filter = ctx.Input("Filter");
  RequireFloat32(input, "Input");
  RequireFloat32(filter, "Filter");
  PD2ONNX_CHECK(input.dims.size() == 4 && filter.dims.size() == 4, ErrorKind::kInvalidInput,
                "expected 4-D Input and Filter, got {} and {}", graph::ShapeToString(input.dims),
                graph::ShapeToString(filter.dims));
  channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCHW"));
  if (channel_last) nchw_copy = NhwcToNchw(input);
  const HostTensor& x = channel_last ? nchw_copy : input;

  g.batch = x.dims[0];
  g.in_c = x.dims[1];
  g.in_h = x.dims[2];
  g.in_w = x.dims[3];
  g.k_h = filter.dims[2];
  g.k_w = filter.dims[3];
  g.groups = ctx.Attr<int64_t>("groups", 1);
  PD2ONNX_CHECK(g.groups >= 1 && g.in_c % g.groups == 0, ErrorKind::kInvalidInput,
                "groups {} does not divide the {} input channels", g.groups, g.in_c);
  g.strides = PairAttr(ctx.Attr<std::vector<int64_t>>("strides", {1, 1}), "strides");
  g.dilations = PairAttr(ctx.Attr<std::vector<int64_t>>("dilations", {1, 1}), "dilations");
  const std::string algorithm = ctx.Attr<std::string>("padding_algorithm", "EXPLICIT");
  g.pads = ResolvePadding(ctx.Attr<std::vector<int64_t>>("paddings", {0, 0}), algorithm,
                          {g.in_h, g.in_w}, {g.k_h, g.k_w}, g.strides);
  if (algorithm == "SAME") g.dilations = {1, 1};  // SAME ignores dilations

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

HostTensor FinishConv(HostTensor out, bool channel_last) {
  return channel_last ? NchwToNhwc(out) : out;
}

}  // namespace

void Conv2d(KernelContext& ctx) {
  ConvGeometry g;
  bool channel_last = false;
  HostTensor nchw_copy;
  const HostTensor& x = PrepareConv(ctx, /*transpose=*/false, g, channel_last, nchw_copy);
  const std::array<int64_t, 2> in{g.in_h, g.in_w}, k{g.k_h, g.k_w};
  std::array<int64_t, 2> out{};
  for (int i = 0; i < 2; ++i) {
    const int64_t span = g.dilations[i] * (k[i] - 1) + 1;
    out[i] = (in[i] + g.pads.begin[i] + g.pads.end[i] - span) / g.strides[i] + 1;
    PD2ONNX_CHECK(out[i] > 0, ErrorKind::kInvalidInput,
                  "output extent {} is not positive (input {}, kernel span {}, stride {})", out[i],
                  in[i], span, g.strides[i]);
  }
  g.out_h = out[0];
  g.out_w = out[1];
  HostTensor y(DataType::kFloat32, {g.batch, g.out_c, g.out_h, g.out_w});
  Conv2dNchw(x.data<float>(), ctx.Input("Filter").data<float>(), y.data<float>(), g);
  ctx.SetOutput("Output", FinishConv(std::move(y), channel_last));
}

void Conv2dTranspose(KernelContext& ctx) {
  ConvGeometry g;
  bool channel_last = false;
  HostTensor nchw_copy;
  const HostTensor& x = PrepareConv(ctx, /*transpose=*/true, g, channel_last, nchw_copy);
  const auto output_size = ctx.Attr<std::vector<int64_t>>("output_size", {});
  const auto output_padding = ctx.Attr<std::vector<int64_t>>("output_padding", {});
  const std::array<int64_t, 2> in{g.in_h, g.in_w}, k{g.k_h, g.k_w};
  std::array<int64_t, 2> out{};
  for (int i = 0; i < 2; ++i) {
    const int64_t span = g.dilations[i] * (k[i] - 1) + 1;
    const int64_t inferred = (in[i] - 1) * g.strides[i] - g.pads.begin[i] - g.pads.end[i] + span;
    if (!output_size.empty()) {
      // An explicit size may add up to stride - 1 rows at the end.
      PD2ONNX_CHECK(output_size.size() == 2 && output_size[i] >= inferred &&
                        output_size[i] < inferred + g.strides[i],
                    ErrorKind::kInvalidInput,
                    "output_size {} must lie in [{}, {}) for spatial axis {}",
                    graph::ShapeToString(output_size), inferred, inferred + g.strides[i], i);
      out[i] = output_size[i];
    } else if (!output_padding.empty()) {
      PD2ONNX_CHECK(output_padding.size() == 2, ErrorKind::kInvalidInput,
                    "output_padding must have 2 values, not {}", output_padding.size());
      out[i] = inferred + output_padding[i];
    } else {
      out[i] = inferred;
    }
    PD2ONNX_CHECK(out[i] > 0, ErrorKind::kInvalidInput, "output extent {} is not positive", out[i]);
  }
  g.out_h = out[0];
  g.out_w = out[1];
  HostTensor y(DataType::kFloat32, {g.batch, g.out_c, g.out_h, g.out_w});
  Conv2dTransposeNchw(x.data<float>(), ctx.Input("Filter").data<float>(), y.data<float>(), g);
  ctx.SetOutput("Output", FinishConv(std::move(y), channel_last));
}

}  // namespace pd2onnx::interp::kernels

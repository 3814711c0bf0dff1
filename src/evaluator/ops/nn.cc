// Neural-network ops: Conv, ConvTranspose, MaxPool, AveragePool and the
// normalisations. Spatial ops run on [N, C, D, H, W] with missing leading
// spatial dims set to 1, so one loop nest serves 1-D, 2-D and 3-D.
#include <algorithm>
#include <cmath>
#include <limits>

#include "evaluator/op_table.h"
#include "support/error.h"
#include "support/parallel_for.h"

namespace pd2onnx::eval {

namespace {

constexpr int kSpatial = 3;

// Spatial geometry of one op, each array indexed D, H, W.
struct Window {
  int64_t in[kSpatial] = {1, 1, 1};
  int64_t out[kSpatial] = {1, 1, 1};
  int64_t kernel[kSpatial] = {1, 1, 1};
  int64_t stride[kSpatial] = {1, 1, 1};
  int64_t dilation[kSpatial] = {1, 1, 1};
  int64_t pad_begin[kSpatial] = {0, 0, 0};
  int64_t pad_end[kSpatial] = {0, 0, 0};
};

// Reads kernel/strides/dilations/pads/auto_pad for `n` spatial dims into
// the trailing slots of a Window; output sizes are left to the caller.
Window ReadWindow(const OpContext& cx, const std::vector<int64_t>& in_spatial,
                  const std::vector<int64_t>& kernel) {
  const auto n = static_cast<int64_t>(in_spatial.size());
  PD2ONNX_CHECK(n >= 1 && n <= kSpatial, ErrorKind::kUnsupported, "{} spatial dims", n);
  const int64_t shift = kSpatial - n;
  const std::vector<int64_t> strides = cx.Ints("strides");
  const std::vector<int64_t> dilations = cx.Ints("dilations");
  const std::vector<int64_t> pads = cx.Ints("pads");
  // The attributes come from the graph (an ONNX file for `optimize`, or a
  // program whose declared shapes lie): check them against the input.
  const auto sized = [n](const std::vector<int64_t>& v, int64_t per_dim) {
    return v.empty() || static_cast<int64_t>(v.size()) == per_dim * n;
  };
  PD2ONNX_CHECK(static_cast<int64_t>(kernel.size()) == n && sized(strides, 1) &&
                    sized(dilations, 1) && sized(pads, 2),
                ErrorKind::kInvalidInput,
                "window attributes do not match {} spatial dims (kernel {}, strides {}, "
                "dilations {}, pads {})",
                n, kernel.size(), strides.size(), dilations.size(), pads.size());
  const auto positive = [](const std::vector<int64_t>& v) {
    return std::all_of(v.begin(), v.end(), [](int64_t e) { return e > 0; });
  };
  PD2ONNX_CHECK(positive(kernel) && positive(strides) && positive(dilations),
                ErrorKind::kInvalidInput, "window kernel, strides and dilations must be positive");
  Window w;
  for (int64_t k = 0; k < n; ++k) {
    w.in[shift + k] = in_spatial[k];
    w.kernel[shift + k] = kernel[k];
    if (!strides.empty()) w.stride[shift + k] = strides[k];
    if (!dilations.empty()) w.dilation[shift + k] = dilations[k];
    if (!pads.empty()) {
      w.pad_begin[shift + k] = pads[k];
      w.pad_end[shift + k] = pads[k + n];
    }
  }
  const std::string auto_pad = cx.Str("auto_pad", "NOTSET");
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    for (int k = 0; k < kSpatial; ++k) {
      const int64_t out = (w.in[k] + w.stride[k] - 1) / w.stride[k];
      const int64_t span = (w.kernel[k] - 1) * w.dilation[k] + 1;
      const int64_t total = std::max<int64_t>(0, (out - 1) * w.stride[k] + span - w.in[k]);
      const int64_t small = total / 2;
      w.pad_begin[k] = auto_pad == "SAME_UPPER" ? small : total - small;
      w.pad_end[k] = total - w.pad_begin[k];
    }
  } else if (auto_pad == "VALID") {
    for (int k = 0; k < kSpatial; ++k) w.pad_begin[k] = w.pad_end[k] = 0;
  }
  return w;
}

// Output size of a sliding window; ceil_mode drops a last window that would
// start in the end padding.
void SetSlidingOutput(Window& w, bool ceil_mode) {
  for (int k = 0; k < kSpatial; ++k) {
    const int64_t span = (w.kernel[k] - 1) * w.dilation[k] + 1;
    const int64_t room = w.in[k] + w.pad_begin[k] + w.pad_end[k] - span;
    int64_t out = (ceil_mode ? (room + w.stride[k] - 1) / w.stride[k] : room / w.stride[k]) + 1;
    if (ceil_mode && (out - 1) * w.stride[k] >= w.in[k] + w.pad_begin[k]) --out;
    w.out[k] = out;
  }
}

std::vector<int64_t> SpatialDims(const std::vector<int64_t>& dims) {
  PD2ONNX_CHECK(dims.size() >= 3, ErrorKind::kInvalidInput,
                "a window op needs an input of rank 3 or more, got rank {}", dims.size());
  return std::vector<int64_t>(dims.begin() + 2, dims.end());
}

std::vector<int64_t> OutputDims(int64_t n, int64_t c, const Window& w, size_t spatial) {
  std::vector<int64_t> dims = {n, c};
  for (size_t k = kSpatial - spatial; k < kSpatial; ++k) dims.push_back(w.out[k]);
  return dims;
}

// Conv and ConvTranspose: weight of the input's rank, channels split evenly
// into groups.
void CheckConvOperands(const Tensor& x, const Tensor& weight, int64_t group) {
  PD2ONNX_CHECK(x.rank() >= 3 && weight.rank() == x.rank(), ErrorKind::kInvalidInput,
                "Conv input of rank {} with a weight of rank {}", x.rank(), weight.rank());
  PD2ONNX_CHECK(group >= 1 && x.dims[1] % group == 0 && weight.dims[0] % group == 0,
                ErrorKind::kInvalidInput, "Conv group {} does not divide the channels", group);
}

std::vector<Tensor> Conv(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const Tensor& weight = cx.In(1);
  const int64_t group = cx.Int("group", 1);
  std::vector<int64_t> kernel = cx.Ints("kernel_shape");
  CheckConvOperands(x, weight, group);
  if (kernel.empty()) kernel = SpatialDims(weight.dims);
  Window w = ReadWindow(cx, SpatialDims(x.dims), kernel);
  SetSlidingOutput(w, false);
  const int64_t batch = x.dims[0], in_c = x.dims[1], out_c = weight.dims[0];
  const int64_t in_per_group = in_c / group, out_per_group = out_c / group;
  PD2ONNX_CHECK(weight.dims[1] == in_per_group, ErrorKind::kInvalidInput,
                "Conv weight has {} input channels, expected {}", weight.dims[1], in_per_group);
  Tensor y(x.dtype, OutputDims(batch, out_c, w, x.dims.size() - 2));
  const int64_t in_plane = w.in[0] * w.in[1] * w.in[2];
  const int64_t out_plane = w.out[0] * w.out[1] * w.out[2];
  const int64_t kernel_size = w.kernel[0] * w.kernel[1] * w.kernel[2];
  const int64_t work_per_channel = out_plane * in_per_group * kernel_size;
  const int64_t min_channels =
      std::max<int64_t>(1, 1000000 / std::max<int64_t>(1, work_per_channel));
  for (int64_t n = 0; n < batch; ++n) {
    // Output channels are independent: each thread takes a run of them.
    support::ParallelFor(out_c, min_channels, [&](int64_t first, int64_t last) {
      std::vector<double> acc(static_cast<size_t>(out_plane));
      for (int64_t oc = first; oc < last; ++oc) {
        const double bias = cx.HasInput(2) ? cx.In(2).f[oc] : 0.0;
        std::fill(acc.begin(), acc.end(), bias);
        const int64_t g = oc / out_per_group;
        for (int64_t icg = 0; icg < in_per_group; ++icg) {
          const double* plane = &x.f[(n * in_c + g * in_per_group + icg) * in_plane];
          const double* kern = &weight.f[(oc * in_per_group + icg) * kernel_size];
          for (int64_t kd = 0; kd < w.kernel[0]; ++kd) {
            for (int64_t kh = 0; kh < w.kernel[1]; ++kh) {
              for (int64_t od = 0; od < w.out[0]; ++od) {
                const int64_t id = od * w.stride[0] - w.pad_begin[0] + kd * w.dilation[0];
                if (id < 0 || id >= w.in[0]) continue;
                for (int64_t oh = 0; oh < w.out[1]; ++oh) {
                  const int64_t ih = oh * w.stride[1] - w.pad_begin[1] + kh * w.dilation[1];
                  if (ih < 0 || ih >= w.in[1]) continue;
                  const double* row = plane + (id * w.in[1] + ih) * w.in[2];
                  double* out_row = &acc[(od * w.out[1] + oh) * w.out[2]];
                  for (int64_t kw = 0; kw < w.kernel[2]; ++kw) {
                    const double wv = kern[(kd * w.kernel[1] + kh) * w.kernel[2] + kw];
                    // Output columns whose input column lies inside the row.
                    const int64_t offset = kw * w.dilation[2] - w.pad_begin[2];
                    const int64_t lo = offset >= 0 ? 0 : (-offset + w.stride[2] - 1) / w.stride[2];
                    const int64_t hi = std::min(w.out[2], (w.in[2] - 1 - offset) / w.stride[2] + 1);
                    for (int64_t ow = lo; ow < hi; ++ow) {
                      out_row[ow] += wv * row[ow * w.stride[2] + offset];
                    }
                  }
                }
              }
            }
          }
        }
        std::copy(acc.begin(), acc.end(), y.f.begin() + (n * out_c + oc) * out_plane);
      }
    });
  }
  return {y};
}

std::vector<Tensor> ConvTranspose(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const Tensor& weight = cx.In(1);  // [C_in, C_out / group, k...]
  const int64_t group = cx.Int("group", 1);
  std::vector<int64_t> kernel = cx.Ints("kernel_shape");
  CheckConvOperands(x, weight, group);
  if (kernel.empty()) kernel = SpatialDims(weight.dims);
  const std::vector<int64_t> in_spatial = SpatialDims(x.dims);
  const auto n_spatial = static_cast<int64_t>(in_spatial.size());
  const int64_t shift = kSpatial - n_spatial;
  // ConvTranspose's auto_pad differs from Conv's; pads are read explicitly.
  Window w = ReadWindow(cx, in_spatial, kernel);
  const std::vector<int64_t> output_padding = cx.Ints("output_padding");
  const std::vector<int64_t> output_shape = cx.Ints("output_shape");
  const std::string auto_pad = cx.Str("auto_pad", "NOTSET");
  PD2ONNX_CHECK((output_padding.empty() || std::ssize(output_padding) == n_spatial) &&
                    (output_shape.empty() || std::ssize(output_shape) == n_spatial),
                ErrorKind::kInvalidInput,
                "ConvTranspose output_padding/output_shape do not match {} spatial dims",
                n_spatial);
  for (int64_t k = 0; k < n_spatial; ++k) {
    const int64_t s = shift + k;
    const int64_t extra = output_padding.empty() ? 0 : output_padding[k];
    const int64_t span = (w.kernel[s] - 1) * w.dilation[s] + 1;
    const int64_t full = w.stride[s] * (w.in[s] - 1) + extra + span;
    if (!output_shape.empty() || auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      const int64_t target = output_shape.empty()
                                 ? w.in[s] * w.stride[s]
                                 : output_shape[output_shape.size() - n_spatial + k];
      const int64_t total = std::max<int64_t>(0, full - target);
      // Only SAME_UPPER puts the smaller half first (NOTSET with output_shape too).
      const bool upper = auto_pad == "SAME_UPPER";
      w.pad_begin[s] = upper ? total / 2 : total - total / 2;
      w.pad_end[s] = total - w.pad_begin[s];
      w.out[s] = target;
    } else {
      w.out[s] = full - w.pad_begin[s] - w.pad_end[s];
    }
  }
  const int64_t batch = x.dims[0], in_c = x.dims[1];
  const int64_t out_per_group = weight.dims[1], in_per_group = in_c / group;
  const int64_t out_c = out_per_group * group;
  Tensor y(x.dtype, OutputDims(batch, out_c, w, in_spatial.size()));
  const int64_t in_plane = w.in[0] * w.in[1] * w.in[2];
  const int64_t out_plane = w.out[0] * w.out[1] * w.out[2];
  const int64_t kernel_size = w.kernel[0] * w.kernel[1] * w.kernel[2];
  const int64_t work_per_channel = in_plane * in_per_group * kernel_size;
  const int64_t min_channels =
      std::max<int64_t>(1, 1000000 / std::max<int64_t>(1, work_per_channel));
  for (int64_t n = 0; n < batch; ++n) {
    // Each output channel's plane is written by one thread only.
    support::ParallelFor(out_c, min_channels, [&](int64_t first, int64_t last) {
      for (int64_t oc = first; oc < last; ++oc) {
        double* out = &y.f[(n * out_c + oc) * out_plane];
        const double bias = cx.HasInput(2) ? cx.In(2).f[oc] : 0.0;
        std::fill(out, out + out_plane, bias);
        const int64_t g = oc / out_per_group, ocg = oc % out_per_group;
        for (int64_t icg = 0; icg < in_per_group; ++icg) {
          const int64_t ic = g * in_per_group + icg;
          const double* plane = &x.f[(n * in_c + ic) * in_plane];
          const double* kern = &weight.f[(ic * out_per_group + ocg) * kernel_size];
          // Scatter: input (id, ih, iw) with tap k lands at i*stride - pad + k*dilation.
          for (int64_t id = 0; id < w.in[0]; ++id) {
            for (int64_t ih = 0; ih < w.in[1]; ++ih) {
              for (int64_t iw = 0; iw < w.in[2]; ++iw) {
                const double v = plane[(id * w.in[1] + ih) * w.in[2] + iw];
                for (int64_t kd = 0; kd < w.kernel[0]; ++kd) {
                  const int64_t od = id * w.stride[0] - w.pad_begin[0] + kd * w.dilation[0];
                  if (od < 0 || od >= w.out[0]) continue;
                  for (int64_t kh = 0; kh < w.kernel[1]; ++kh) {
                    const int64_t oh = ih * w.stride[1] - w.pad_begin[1] + kh * w.dilation[1];
                    if (oh < 0 || oh >= w.out[1]) continue;
                    for (int64_t kw = 0; kw < w.kernel[2]; ++kw) {
                      const int64_t ow = iw * w.stride[2] - w.pad_begin[2] + kw * w.dilation[2];
                      if (ow < 0 || ow >= w.out[2]) continue;
                      out[(od * w.out[1] + oh) * w.out[2] + ow] +=
                          v * kern[(kd * w.kernel[1] + kh) * w.kernel[2] + kw];
                    }
                  }
                }
              }
            }
          }
        }
      }
    });
  }
  return {y};
}

enum class PoolKind { kMax, kAverage };

Kernel Pool(PoolKind kind) {
  return [kind](const OpContext& cx) {
    const Tensor& x = cx.In(0);
    Window w = ReadWindow(cx, SpatialDims(x.dims), cx.Ints("kernel_shape"));
    SetSlidingOutput(w, cx.Int("ceil_mode", 0) != 0);
    const bool include_pad = cx.Int("count_include_pad", 0) != 0;
    const int64_t planes = x.dims[0] * x.dims[1];
    Tensor y(x.dtype, OutputDims(x.dims[0], x.dims[1], w, x.dims.size() - 2));
    Tensor indices(DataType::kInt64, y.dims);
    const int64_t in_plane = w.in[0] * w.in[1] * w.in[2];
    int64_t dst = 0;
    for (int64_t p = 0; p < planes; ++p) {
      for (int64_t od = 0; od < w.out[0]; ++od) {
        for (int64_t oh = 0; oh < w.out[1]; ++oh) {
          for (int64_t ow = 0; ow < w.out[2]; ++ow, ++dst) {
            const int64_t o[kSpatial] = {od, oh, ow};
            double best = -std::numeric_limits<double>::infinity(), sum = 0;
            int64_t best_at = 0, count = 0;
            int64_t padded_count = 1;  // the window clipped to the padded input
            for (int k = 0; k < kSpatial; ++k) {
              const int64_t start = o[k] * w.stride[k] - w.pad_begin[k];
              const int64_t end =
                  std::min(start + (w.kernel[k] - 1) * w.dilation[k] + 1, w.in[k] + w.pad_end[k]);
              padded_count *= (end - start + w.dilation[k] - 1) / w.dilation[k];
            }
            for (int64_t kd = 0; kd < w.kernel[0]; ++kd) {
              const int64_t id = od * w.stride[0] - w.pad_begin[0] + kd * w.dilation[0];
              if (id < 0 || id >= w.in[0]) continue;
              for (int64_t kh = 0; kh < w.kernel[1]; ++kh) {
                const int64_t ih = oh * w.stride[1] - w.pad_begin[1] + kh * w.dilation[1];
                if (ih < 0 || ih >= w.in[1]) continue;
                for (int64_t kw = 0; kw < w.kernel[2]; ++kw) {
                  const int64_t iw = ow * w.stride[2] - w.pad_begin[2] + kw * w.dilation[2];
                  if (iw < 0 || iw >= w.in[2]) continue;
                  const int64_t at = (id * w.in[1] + ih) * w.in[2] + iw;
                  const double v = x.f[p * in_plane + at];
                  if (v > best || count == 0) {
                    best = v;
                    best_at = p * in_plane + at;
                  }
                  sum += v;
                  ++count;
                }
              }
            }
            if (kind == PoolKind::kMax) {
              y.f[dst] = best;
              indices.i[dst] = best_at;
            } else {
              y.f[dst] = sum / static_cast<double>(include_pad ? padded_count : count);
            }
          }
        }
      }
    }
    return std::vector<Tensor>{y, indices};
  };
}

Kernel GlobalPool(PoolKind kind) {
  return [kind](const OpContext& cx) {
    const Tensor& x = cx.In(0);
    std::vector<int64_t> dims = {x.dims[0], x.dims[1]};
    dims.resize(x.dims.size(), 1);
    Tensor y(x.dtype, dims);
    const int64_t plane = x.numel() / std::max<int64_t>(1, x.dims[0] * x.dims[1]);
    for (int64_t p = 0; p < y.numel(); ++p) {
      double acc = kind == PoolKind::kMax ? -std::numeric_limits<double>::infinity() : 0.0;
      for (int64_t k = 0; k < plane; ++k) {
        const double v = x.f[p * plane + k];
        acc = kind == PoolKind::kMax ? std::max(acc, v) : acc + v;
      }
      y.f[p] = kind == PoolKind::kMax ? acc : acc / static_cast<double>(plane);
    }
    return std::vector<Tensor>{y};
  };
}

std::vector<Tensor> BatchNormalization(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const Tensor& scale = cx.In(1);
  const Tensor& bias = cx.In(2);
  const Tensor& mean = cx.In(3);
  const Tensor& var = cx.In(4);
  const double epsilon = cx.Float("epsilon", 1e-5);
  const int64_t channels = x.rank() > 1 ? x.dims[1] : 1;
  const int64_t inner = x.numel() / std::max<int64_t>(1, x.dims[0] * channels);
  Tensor y(x.dtype, x.dims);
  const int64_t planes = x.numel() / std::max<int64_t>(1, inner);
  for (int64_t p = 0; p < planes; ++p) {  // one (n, c) plane at a time
    const int64_t c = p % channels;
    const double deviation = std::sqrt(var.f[c] + epsilon);
    const double* in = &x.f[p * inner];
    double* out = &y.f[p * inner];
    for (int64_t k = 0; k < inner; ++k) {
      out[k] = scale.f[c] * (in[k] - mean.f[c]) / deviation + bias.f[c];
    }
  }
  return {y};
}

std::vector<Tensor> InstanceNormalization(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const Tensor& scale = cx.In(1);
  const Tensor& bias = cx.In(2);
  const double epsilon = cx.Float("epsilon", 1e-5);
  const int64_t channels = x.dims[1];
  const int64_t plane = x.numel() / (x.dims[0] * channels);
  Tensor y(x.dtype, x.dims);
  for (int64_t p = 0; p < x.dims[0] * channels; ++p) {
    double mean = 0, var = 0;
    for (int64_t k = 0; k < plane; ++k) mean += x.f[p * plane + k];
    mean /= static_cast<double>(plane);
    for (int64_t k = 0; k < plane; ++k) var += std::pow(x.f[p * plane + k] - mean, 2);
    var /= static_cast<double>(plane);
    const int64_t c = p % channels;
    for (int64_t k = 0; k < plane; ++k) {
      y.f[p * plane + k] =
          scale.f[c] * (x.f[p * plane + k] - mean) / std::sqrt(var + epsilon) + bias.f[c];
    }
  }
  return {y};
}

std::vector<Tensor> LayerNormalization(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const int64_t axis = NormalizeAxis(cx.Int("axis", -1), x.rank());
  const double epsilon = cx.Float("epsilon", 1e-5);
  int64_t outer = 1;
  for (int64_t k = 0; k < axis; ++k) outer *= x.dims[k];
  const int64_t inner = outer == 0 ? 0 : x.numel() / outer;
  const std::vector<int64_t> norm_dims(x.dims.begin() + axis, x.dims.end());
  const std::vector<int64_t> scale_at = BroadcastIndex(cx.In(1).dims, norm_dims);
  std::vector<int64_t> bias_at;
  if (cx.HasInput(2)) bias_at = BroadcastIndex(cx.In(2).dims, norm_dims);
  std::vector<int64_t> stat_dims = x.dims;
  for (int64_t k = axis; k < x.rank(); ++k) stat_dims[k] = 1;
  Tensor y(x.dtype, x.dims), mean_out(x.dtype, stat_dims), inv_std_out(x.dtype, stat_dims);
  for (int64_t o = 0; o < outer; ++o) {
    double mean = 0, var = 0;
    for (int64_t k = 0; k < inner; ++k) mean += x.f[o * inner + k];
    mean /= static_cast<double>(inner);
    for (int64_t k = 0; k < inner; ++k) var += std::pow(x.f[o * inner + k] - mean, 2);
    var /= static_cast<double>(inner);
    const double inv_std = 1 / std::sqrt(var + epsilon);
    for (int64_t k = 0; k < inner; ++k) {
      double v = (x.f[o * inner + k] - mean) * inv_std * cx.In(1).f[scale_at[k]];
      if (cx.HasInput(2)) v += cx.In(2).f[bias_at[k]];
      y.f[o * inner + k] = v;
    }
    mean_out.f[o] = mean;
    inv_std_out.f[o] = inv_std;
  }
  return {y, mean_out, inv_std_out};
}

}  // namespace

void RegisterNnOps(OpTable& t) {
  t["Conv"] = Conv;
  t["ConvTranspose"] = ConvTranspose;
  t["MaxPool"] = Pool(PoolKind::kMax);
  t["AveragePool"] = Pool(PoolKind::kAverage);
  t["GlobalMaxPool"] = GlobalPool(PoolKind::kMax);
  t["GlobalAveragePool"] = GlobalPool(PoolKind::kAverage);
  t["BatchNormalization"] = BatchNormalization;
  t["InstanceNormalization"] = InstanceNormalization;
  t["LayerNormalization"] = LayerNormalization;
}

}  // namespace pd2onnx::eval

// pool2d (docs/paddle-formats.md 5.5), following Paddle's CPU pooling
// functor: a window starts at o·stride - pad_begin and ends at
// min(start + k, in + pad_begin); the part inside the input is pooled.
// Average pooling divides by that clipped window ("exclusive" or adaptive)
// or by the window before clipping to the input (which can be smaller than
// kh·kw at a ceil_mode edge). Only the begin paddings place windows; the end
// paddings only lengthen the output.
#include <algorithm>
#include <cmath>
#include <limits>

#include "interpreter/kernels/kernels.h"
#include "interpreter/kernels/spatial.h"

namespace pd2onnx::interp::kernels {
namespace {

struct Window {
  int64_t begin = 0;      // first input index, clipped to the input
  int64_t end = 0;        // one past the last input index, clipped
  int64_t unclipped = 0;  // window length counting padding (non-exclusive avg)
};

// Adaptive bin i of `out` over `in`: [floor(i·in/out), ceil((i+1)·in/out)).
Window AdaptiveWindow(int64_t i, int64_t in, int64_t out) {
  Window w;
  w.begin = (i * in) / out;
  w.end = ((i + 1) * in + out - 1) / out;
  w.unclipped = w.end - w.begin;
  return w;
}

Window SlidingWindow(int64_t i, int64_t in, int64_t k, int64_t stride, int64_t pad_begin) {
  Window w;
  const int64_t start = i * stride - pad_begin;
  const int64_t end = std::min(start + k, in + pad_begin);
  w.unclipped = end - start;
  w.begin = std::max<int64_t>(start, 0);
  w.end = std::min(end, in);
  return w;
}

}  // namespace

void Pool2d(KernelContext& ctx) {
  const HostTensor& input = ctx.Input("X");
  RequireFloat32(input, "X");
  PD2ONNX_CHECK(input.dims.size() == 4, ErrorKind::kInvalidInput, "expected a 4-D X, got {}",
                graph::ShapeToString(input.dims));
  const bool channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCHW"));
  const HostTensor x = channel_last ? NhwcToNchw(input) : input;
  const int64_t batch = x.dims[0], channels = x.dims[1];
  const std::array<int64_t, 2> in{x.dims[2], x.dims[3]};

  const std::string type = ctx.Attr<std::string>("pooling_type");
  PD2ONNX_CHECK(type == "max" || type == "avg", ErrorKind::kUnsupported,
                "pooling_type '{}' (expected max or avg)", type);
  const bool is_max = type == "max";
  const bool global = ctx.Attr<bool>("global_pooling", false);
  const bool adaptive = ctx.Attr<bool>("adaptive", false);
  const bool ceil_mode = ctx.Attr<bool>("ceil_mode", false);
  // Max pooling is always exclusive: it never sees padding.
  const bool exclusive = ctx.Attr<bool>("exclusive", true) || adaptive;
  const auto strides = PairAttr(ctx.Attr<std::vector<int64_t>>("strides", {1, 1}), "strides");
  std::array<int64_t, 2> ksize =
      global ? in : PairAttr(ctx.Attr<std::vector<int64_t>>("ksize"), "ksize");
  Pads2d pads;
  if (!global && !adaptive) {
    pads =
        ResolvePadding(ctx.Attr<std::vector<int64_t>>("paddings", {0, 0}),
                       ctx.Attr<std::string>("padding_algorithm", "EXPLICIT"), in, ksize, strides);
  }

  std::array<int64_t, 2> out{};
  for (int i = 0; i < 2; ++i) {
    if (adaptive) {
      out[i] = ksize[i];  // ksize is the output size
    } else {
      const int64_t span = in[i] + pads.begin[i] + pads.end[i] - ksize[i];
      out[i] = (ceil_mode ? span + strides[i] - 1 : span) / strides[i] + 1;
    }
    PD2ONNX_CHECK(out[i] > 0, ErrorKind::kInvalidInput, "output extent {} is not positive", out[i]);
  }

  std::vector<Window> rows(out[0]), cols(out[1]);
  for (int64_t i = 0; i < out[0]; ++i) {
    rows[i] = adaptive ? AdaptiveWindow(i, in[0], out[0])
                       : SlidingWindow(i, in[0], ksize[0], strides[0], pads.begin[0]);
  }
  for (int64_t j = 0; j < out[1]; ++j) {
    cols[j] = adaptive ? AdaptiveWindow(j, in[1], out[1])
                       : SlidingWindow(j, in[1], ksize[1], strides[1], pads.begin[1]);
  }

  HostTensor y(DataType::kFloat32, {batch, channels, out[0], out[1]});
  const float* src = x.data<float>();
  float* dst = y.data<float>();
  for (int64_t plane = 0; plane < batch * channels; ++plane) {
    const float* p = src + plane * in[0] * in[1];
    for (int64_t i = 0; i < out[0]; ++i) {
      const Window& r = rows[i];
      for (int64_t j = 0; j < out[1]; ++j) {
        const Window& c = cols[j];
        if (is_max) {
          float best = -std::numeric_limits<float>::max();  // an empty window stays here
          for (int64_t h = r.begin; h < r.end; ++h) {
            for (int64_t w = c.begin; w < c.end; ++w) best = std::max(best, p[h * in[1] + w]);
          }
          *dst++ = best;
        } else {
          double sum = 0;
          for (int64_t h = r.begin; h < r.end; ++h) {
            for (int64_t w = c.begin; w < c.end; ++w) sum += p[h * in[1] + w];
          }
          const int64_t count =
              exclusive ? (r.end - r.begin) * (c.end - c.begin) : r.unclipped * c.unclipped;
          *dst++ = static_cast<float>(sum / static_cast<double>(count));
        }
      }
    }
  }
  ctx.SetOutput("Out", channel_last ? NchwToNhwc(y) : std::move(y));
}

}  // namespace pd2onnx::interp::kernels

// The v1 interpolation ops (bilinear_interp, nearest_interp,
// bicubic_interp, linear_interp, trilinear_interp), following fluid's
// interpolate_op.h with its float32 coordinate arithmetic:
//
// * output size: SizeTensor > OutSize > scale (Scale input's first value,
//   else the float `scale` attribute; out = int(in · scale)) > out_*;
// * ratio: (in - 1)/(out - 1) with align_corners, else in/out; 0 when the
//   output extent is 1; the input is copied when no extent changes;
// * nearest: int(ratio·k), or int(ratio·k + 0.5) with align_corners;
// * linear: with align_mode 0 and no align_corners the source is
//   ratio·(k + 0.5) - 0.5 (index truncated and clamped at 0, weight from
//   the source clamped at 0), else ratio·k; the upper tap is clamped;
// * bicubic: source ratio·k (align_corners) or ratio·(k + 0.5) - 0.5,
//   index TRUNCATED toward zero, cubic convolution A = -0.75 with clamped
//   taps.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "interpreter/kernels/ops_gap.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

size_t SpatialRank(const std::string& type) {
  if (type == "linear_interp") return 1;
  if (type == "trilinear_interp") return 3;
  return 2;
}

std::vector<int64_t> OutputExtents(const KernelContext& ctx, const Dims& in) {
  const size_t n = in.size();
  const char* names[] = {"out_d", "out_h", "out_w"};
  std::vector<int64_t> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = ctx.Attr<int64_t>(names[3 - n + i], 0);
  const auto size_tensors = ctx.InputList("SizeTensor");
  if (!size_tensors.empty()) {
    PD2ONNX_CHECK(size_tensors.size() == n, ErrorKind::kInvalidInput,
                  "SizeTensor must hold {} tensors", n);
    for (size_t i = 0; i < n; ++i) out[i] = ScalarInt(*size_tensors[i], "SizeTensor");
    return out;
  }
  float scale = ctx.Attr<float>("scale", 0.0f);
  if (const HostTensor* t = ctx.OptionalInput("Scale")) {
    scale = static_cast<float>(t->ToDouble().at(0));
  }
  if (scale > 0) {
    for (size_t i = 0; i < n; ++i) {
      out[i] = static_cast<int64_t>(static_cast<float>(in[i]) * scale);
    }
  }
  if (const HostTensor* t = ctx.OptionalInput("OutSize")) {
    out = IntValues(*t);
    PD2ONNX_CHECK(out.size() == n, ErrorKind::kInvalidInput, "OutSize must hold {} values", n);
  }
  return out;
}

// One axis: for each output index, the source taps and their weights.
struct Taps {
  std::vector<std::vector<int64_t>> index;
  std::vector<std::vector<double>> weight;
};

Taps NearestTaps(int64_t in, int64_t out, float ratio, bool align_corners) {
  Taps t;
  for (int64_t k = 0; k < out; ++k) {
    const float pos = ratio * static_cast<float>(k);
    const auto src = static_cast<int64_t>(align_corners ? static_cast<double>(pos) + 0.5 : pos);
    t.index.push_back({std::clamp<int64_t>(src, 0, in - 1)});
    t.weight.push_back({1.0});
  }
  return t;
}

Taps LinearTaps(int64_t in, int64_t out, float ratio, bool half_pixel) {
  Taps t;
  for (int64_t k = 0; k < out; ++k) {
    const double shifted = ratio * (static_cast<double>(k) + 0.5) - 0.5;
    const float plain = ratio * static_cast<float>(k);
    int64_t lo = half_pixel ? static_cast<int64_t>(shifted) : static_cast<int64_t>(plain);
    lo = std::max<int64_t>(lo, 0);
    const int64_t hi = std::min(lo + 1, in - 1);
    const float src = std::max(static_cast<float>(shifted), 0.0f);
    const float d = half_pixel ? src - static_cast<float>(lo) : plain - static_cast<float>(lo);
    t.index.push_back({lo, hi});
    t.weight.push_back({1.0 - d, d});
  }
  return t;
}

std::array<double, 4> CubicWeights(double t) {
  const double a = -0.75;
  auto inner = [&](double x) { return ((a + 2) * x - (a + 3)) * x * x + 1; };
  auto outer = [&](double x) { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a; };
  return {outer(t + 1), inner(t), inner(1 - t), outer(2 - t)};
}

Taps CubicTaps(int64_t in, int64_t out, float ratio, bool align_corners) {
  Taps t;
  for (int64_t k = 0; k < out; ++k) {
    const float src = align_corners
                          ? ratio * static_cast<float>(k)
                          : static_cast<float>(ratio * (static_cast<double>(k) + 0.5) - 0.5);
    const auto base = static_cast<int64_t>(src);  // truncation, as fluid's v1 kernel
    const auto w = CubicWeights(src - static_cast<float>(base));
    std::vector<int64_t> idx;
    for (int64_t j = 0; j < 4; ++j) idx.push_back(std::clamp<int64_t>(base - 1 + j, 0, in - 1));
    t.index.push_back(idx);
    t.weight.push_back({w[0], w[1], w[2], w[3]});
  }
  return t;
}

// Separable resampling of every N·C block: out = Σ Π weights · x[taps].
HostTensor Resample(const HostTensor& x, const Dims& out_spatial, const std::vector<Taps>& taps) {
  const size_t n = taps.size();
  Dims out_dims = {x.dims[0], x.dims[1]};
  out_dims.insert(out_dims.end(), out_spatial.begin(), out_spatial.end());
  HostTensor y(DataType::kFloat32, out_dims);
  const Dims in_spatial(x.dims.begin() + 2, x.dims.end());
  const Dims in_strides = Strides(in_spatial);
  const Dims out_strides = Strides(out_spatial);
  const int64_t in_plane = graph::NumElements(in_spatial);
  const int64_t out_plane = graph::NumElements(out_spatial);
  const int64_t planes = x.dims[0] * x.dims[1];
  for (int64_t p = 0; p < planes; ++p) {
    const float* src = x.data<float>() + p * in_plane;
    float* dst = y.data<float>() + p * out_plane;
    for (int64_t o = 0; o < out_plane; ++o) {
      std::vector<int64_t> pos(n);
      size_t corners = 1;
      for (size_t a = 0; a < n; ++a) {
        pos[a] = (o / out_strides[a]) % out_spatial[a];
        corners *= taps[a].index[static_cast<size_t>(pos[a])].size();
      }
      double sum = 0;
      for (size_t c = 0; c < corners; ++c) {
        size_t rest = c;
        double w = 1;
        int64_t offset = 0;
        for (size_t a = n; a-- > 0;) {
          const auto& idx = taps[a].index[static_cast<size_t>(pos[a])];
          const size_t j = rest % idx.size();
          rest /= idx.size();
          w *= taps[a].weight[static_cast<size_t>(pos[a])][j];
          offset += idx[j] * in_strides[a];
        }
        sum += w * src[offset];
      }
      dst[o] = static_cast<float>(sum);
    }
  }
  return y;
}

}  // namespace

void InterpV1(KernelContext& ctx) {
  const std::string& type = ctx.op().type;
  const size_t n = SpatialRank(type);
  const HostTensor& input = ctx.Input("X");
  RequireFloat32(input, "X");
  PD2ONNX_CHECK(input.dims.size() == n + 2, ErrorKind::kInvalidInput, "X must be {}-D", n + 2);
  const std::string layout = ctx.Attr<std::string>("data_layout", "NCHW");
  // The channel is dim 1 only for a channel-first layout (Paddle writes
  // "NCHW" or "NHWC" at every rank; "AnyLayout" reads as channel-last).
  const bool channel_last = layout != "NCHW" && layout != "NCW" && layout != "NCDHW";
  std::vector<int64_t> to_first = {0, static_cast<int64_t>(n) + 1};
  std::vector<int64_t> to_last = {0};
  for (size_t i = 1; i <= n; ++i) {
    to_first.push_back(static_cast<int64_t>(i));
    to_last.push_back(static_cast<int64_t>(i) + 1);
  }
  to_last.push_back(1);
  const HostTensor x = channel_last ? Permute(input, to_first) : input;
  const Dims in(x.dims.begin() + 2, x.dims.end());
  const Dims out = OutputExtents(ctx, in);
  for (int64_t e : out) {
    PD2ONNX_CHECK(e > 0, ErrorKind::kInvalidInput, "output extent {} is not positive", e);
  }
  if (out == in) return ctx.SetOutput("Out", input);

  const bool align_corners = ctx.Attr<bool>("align_corners", true);
  const bool half_pixel = ctx.Attr<int64_t>("align_mode", 1) == 0 && !align_corners;
  std::vector<Taps> taps;
  for (size_t i = 0; i < n; ++i) {
    float ratio = 0;
    if (out[i] > 1) {
      ratio = align_corners ? static_cast<float>(in[i] - 1) / static_cast<float>(out[i] - 1)
                            : static_cast<float>(in[i]) / static_cast<float>(out[i]);
    }
    if (type == "nearest_interp") {
      taps.push_back(NearestTaps(in[i], out[i], ratio, align_corners));
    } else if (type == "bicubic_interp") {
      taps.push_back(CubicTaps(in[i], out[i], ratio, align_corners));
    } else {
      taps.push_back(LinearTaps(in[i], out[i], ratio, half_pixel));
    }
  }
  HostTensor y = Resample(x, out, taps);
  ctx.SetOutput("Out", channel_last ? Permute(y, to_last) : std::move(y));
}

}  // namespace pd2onnx::interp::kernels

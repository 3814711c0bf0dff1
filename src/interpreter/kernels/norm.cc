// batch_norm (inference) and layer_norm (docs/paddle-formats.md 5.3, 5.4).
#include <cmath>

#include "interpreter/kernels/kernels.h"
#include "interpreter/kernels/spatial.h"

namespace pd2onnx::interp::kernels {
namespace {

// A per-channel parameter of batch_norm as doubles, checked to hold C values.
std::vector<double> ChannelParam(const KernelContext& ctx, const char* slot, int64_t channels) {
  const HostTensor& t = ctx.Input(slot);
  PD2ONNX_CHECK(t.numel() == channels, ErrorKind::kInvalidInput,
                "{} has {} elements for {} channels", slot, t.numel(), channels);
  return t.ToDouble();
}

}  // namespace

// Y = (X - Mean) / sqrt(Variance + epsilon) · Scale + Bias per channel, with
// the stored statistics (is_test / use_global_stats are ignored: inference).
void BatchNorm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  PD2ONNX_CHECK(rank >= 2, ErrorKind::kInvalidInput, "X must have rank >= 2, got {}",
                graph::ShapeToString(x.dims));
  // Paddle's batch_norm kernel knows NCHW and NHWC only.
  const std::string layout = ctx.Attr<std::string>("data_layout", "NCHW");
  PD2ONNX_CHECK(layout == "NCHW" || layout == "NHWC", ErrorKind::kUnsupported,
                "batch_norm: data_layout '{}' is not supported", layout);
  const bool channel_last = layout == "NHWC";
  const int64_t channel_axis = channel_last ? rank - 1 : 1;
  const int64_t channels = x.dims[channel_axis];
  const int64_t outer = Product(x.dims, 0, channel_axis);
  const int64_t inner = Product(x.dims, channel_axis + 1, rank);
  const double epsilon = ctx.Attr<double>("epsilon", 1e-5);

  const auto scale = ChannelParam(ctx, "Scale", channels);
  const auto bias = ChannelParam(ctx, "Bias", channels);
  const auto mean = ChannelParam(ctx, "Mean", channels);
  const auto variance = ChannelParam(ctx, "Variance", channels);
  // y = x·a + b with a = Scale / sqrt(Variance + ε), b = Bias - Mean·a.
  std::vector<double> a(channels), b(channels);
  for (int64_t c = 0; c < channels; ++c) {
    a[c] = scale[c] / std::sqrt(variance[c] + epsilon);
    b[c] = bias[c] - mean[c] * a[c];
  }

  HostTensor y(DataType::kFloat32, x.dims);
  const float* in = x.data<float>();
  float* out = y.data<float>();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t base = (o * channels + c) * inner;
      for (int64_t i = 0; i < inner; ++i) {
        out[base + i] = static_cast<float>(in[base + i] * a[c] + b[c]);
      }
    }
  }
  ctx.SetOutput("Y", std::move(y));
  // In inference the running statistics pass through unchanged (MeanOut and
  // VarianceOut usually name the Mean and Variance variables themselves).
  ctx.SetOutput("MeanOut", ctx.Input("Mean"));
  ctx.SetOutput("VarianceOut", ctx.Input("Variance"));
}

// Normalises each row of X viewed as [prod(dims[:axis]), prod(dims[axis:])]
// with its own mean and (biased) variance, then applies the optional Scale
// and Bias (one value per row element).
void LayerNorm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const int64_t axis =
      NormalizeAxis(ctx.Attr<int64_t>("begin_norm_axis", 1), rank, "begin_norm_axis");
  const int64_t rows = Product(x.dims, 0, axis);
  const int64_t cols = Product(x.dims, axis, rank);
  const double epsilon = ctx.Attr<double>("epsilon", 1e-5);
  std::vector<double> scale, bias;
  if (const HostTensor* s = ctx.OptionalInput("Scale")) scale = s->ToDouble();
  if (const HostTensor* b = ctx.OptionalInput("Bias")) bias = b->ToDouble();
  PD2ONNX_CHECK(scale.empty() || static_cast<int64_t>(scale.size()) == cols,
                ErrorKind::kInvalidInput, "Scale has {} elements, rows have {}", scale.size(),
                cols);
  PD2ONNX_CHECK(bias.empty() || static_cast<int64_t>(bias.size()) == cols, ErrorKind::kInvalidInput,
                "Bias has {} elements, rows have {}", bias.size(), cols);

  HostTensor y(DataType::kFloat32, x.dims);
  HostTensor mean_out(DataType::kFloat32, {rows});
  HostTensor var_out(DataType::kFloat32, {rows});
  for (int64_t r = 0; r < rows; ++r) {
    const float* in = x.data<float>() + r * cols;
    float* out = y.data<float>() + r * cols;
    double sum = 0;
    for (int64_t j = 0; j < cols; ++j) sum += in[j];
    const double mean = sum / static_cast<double>(cols);
    double square_sum = 0;
    for (int64_t j = 0; j < cols; ++j) square_sum += (in[j] - mean) * (in[j] - mean);
    const double variance = square_sum / static_cast<double>(cols);
    const double inv_std = 1.0 / std::sqrt(variance + epsilon);
    for (int64_t j = 0; j < cols; ++j) {
      double v = (in[j] - mean) * inv_std;
      if (!scale.empty()) v *= scale[j];
      if (!bias.empty()) v += bias[j];
      out[j] = static_cast<float>(v);
    }
    mean_out.data<float>()[r] = static_cast<float>(mean);
    var_out.data<float>()[r] = static_cast<float>(variance);
  }
  ctx.SetOutput("Y", std::move(y));
  ctx.SetOutput("Mean", std::move(mean_out));
  ctx.SetOutput("Variance", std::move(var_out));
}

}  // namespace pd2onnx::interp::kernels

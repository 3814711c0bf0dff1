// instance_norm, group_norm, affine_channel and the fused fc op
// (docs/paddle-formats.md 5.4, 5.14; phi instance_norm / group_norm /
// affine_channel / fc kernels). Accumulation in double, float32 data.
#include <cmath>
#include <vector>

#include "interpreter/kernels/nn_extra.h"
#include "interpreter/kernels/spatial.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// An optional per-channel parameter as C doubles (`fill` when absent).
std::vector<double> OptionalChannelParam(const KernelContext& ctx, const char* slot,
                                         int64_t channels, double fill) {
  const HostTensor* t = ctx.OptionalInput(slot);
  if (t == nullptr) return std::vector<double>(static_cast<size_t>(channels), fill);
  PD2ONNX_CHECK(t->numel() == channels, ErrorKind::kInvalidInput,
                "{} has {} elements for {} channels", slot, t->numel(), channels);
  return t->ToDouble();
}

// Mean and biased variance of `count` elements, the k-th at data[k·stride].
std::pair<double, double> Moments(const float* data, int64_t count, int64_t stride) {
  double sum = 0;
  for (int64_t k = 0; k < count; ++k) sum += data[k * stride];
  const double mean = sum / static_cast<double>(count);
  double square_sum = 0;
  for (int64_t k = 0; k < count; ++k) {
    const double d = data[k * stride] - mean;
    square_sum += d * d;
  }
  return {mean, square_sum / static_cast<double>(count)};
}

}  // namespace

// Per (n, c): Y = (X - mean) / sqrt(var + epsilon) · Scale[c] + Bias[c],
// statistics over the spatial elements (X is NC...). SavedMean holds the
// means and SavedVariance 1 / sqrt(var + epsilon), both [N·C].
void InstanceNorm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "X");
  PD2ONNX_CHECK(x.dims.size() >= 2, ErrorKind::kInvalidInput, "X must have rank >= 2, got {}",
                graph::ShapeToString(x.dims));
  const int64_t n = x.dims[0], channels = x.dims[1];
  const int64_t inner = Product(x.dims, 2, x.dims.size());
  const double epsilon = ctx.Attr<double>("epsilon", 1e-5);
  const auto scale = OptionalChannelParam(ctx, "Scale", channels, 1.0);
  const auto bias = OptionalChannelParam(ctx, "Bias", channels, 0.0);
  HostTensor y(DataType::kFloat32, x.dims);
  HostTensor saved_mean(DataType::kFloat32, {n * channels});
  HostTensor saved_inv_std(DataType::kFloat32, {n * channels});
  for (int64_t plane = 0; plane < n * channels; ++plane) {
    const int64_t c = plane % channels;
    const float* in = x.data<float>() + plane * inner;
    float* out = y.data<float>() + plane * inner;
    const auto [mean, variance] = Moments(in, inner, 1);
    const double inv_std = 1.0 / std::sqrt(variance + epsilon);
    for (int64_t i = 0; i < inner; ++i) {
      out[i] = static_cast<float>((in[i] - mean) * inv_std * scale[c] + bias[c]);
    }
    saved_mean.data<float>()[plane] = static_cast<float>(mean);
    saved_inv_std.data<float>()[plane] = static_cast<float>(inv_std);
  }
  ctx.SetOutput("Y", std::move(y));
  ctx.SetOutput("SavedMean", std::move(saved_mean));
  ctx.SetOutput("SavedVariance", std::move(saved_inv_std));
}

// Channels split into `groups` consecutive groups; each (n, group) is
// normalised over its channels and spatial elements together, then
// Scale[c] / Bias[c] apply per channel. Any data_layout but NCHW puts C
// last (Paddle's kernel tests `layout == NCHW`).
// Mean and Variance outputs are [N, groups].
void GroupNorm(KernelContext& ctx) {
  const HostTensor& input = ctx.Input("X");
  RequireFloat32(input, "X");
  const size_t rank = input.dims.size();
  PD2ONNX_CHECK(rank >= 2, ErrorKind::kInvalidInput, "X must have rank >= 2, got {}",
                graph::ShapeToString(input.dims));
  const bool channel_last =
      rank > 2 && IsChannelLastDataLayout(ctx.Attr<std::string>("data_layout", "NCHW"));
  // Work channel-first.
  std::vector<int64_t> to_first = {0, static_cast<int64_t>(rank) - 1};
  std::vector<int64_t> to_last = {0};
  for (size_t i = 1; i + 1 < rank; ++i) to_first.push_back(static_cast<int64_t>(i));
  for (size_t i = 2; i < rank; ++i) to_last.push_back(static_cast<int64_t>(i));
  to_last.push_back(1);
  const HostTensor x = channel_last ? Permute(input, to_first) : input;
  const int64_t n = x.dims[0], channels = x.dims[1];
  const int64_t inner = Product(x.dims, 2, rank);
  const int64_t groups = ctx.Attr<int64_t>("groups", 1);
  PD2ONNX_CHECK(groups >= 1 && channels % groups == 0, ErrorKind::kInvalidInput,
                "groups {} does not divide the {} channels", groups, channels);
  const int64_t group_size = channels / groups * inner;
  const double epsilon = ctx.Attr<double>("epsilon", 1e-5);
  const auto scale = OptionalChannelParam(ctx, "Scale", channels, 1.0);
  const auto bias = OptionalChannelParam(ctx, "Bias", channels, 0.0);

  HostTensor y(DataType::kFloat32, x.dims);
  HostTensor mean_out(DataType::kFloat32, {n, groups});
  HostTensor var_out(DataType::kFloat32, {n, groups});
  for (int64_t block = 0; block < n * groups; ++block) {
    const float* in = x.data<float>() + block * group_size;
    float* out = y.data<float>() + block * group_size;
    const auto [mean, variance] = Moments(in, group_size, 1);
    const double inv_std = 1.0 / std::sqrt(variance + epsilon);
    for (int64_t i = 0; i < group_size; ++i) {
      const int64_t c = (block % groups) * (channels / groups) + i / inner;
      out[i] = static_cast<float>((in[i] - mean) * inv_std * scale[c] + bias[c]);
    }
    mean_out.data<float>()[block] = static_cast<float>(mean);
    var_out.data<float>()[block] = static_cast<float>(variance);
  }
  ctx.SetOutput("Y", channel_last ? Permute(y, to_last) : std::move(y));
  ctx.SetOutput("Mean", std::move(mean_out));
  ctx.SetOutput("Variance", std::move(var_out));
}

// Out = X · Scale[c] + Bias[c]; the channel axis is 1 for data_layout NCHW,
// else the last axis (Paddle's kernel: AnyLayout, the op's default, too).
void AffineChannel(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "X");
  const size_t rank = x.dims.size();
  PD2ONNX_CHECK(rank >= 2, ErrorKind::kInvalidInput, "X must have rank >= 2, got {}",
                graph::ShapeToString(x.dims));
  const bool channel_last =
      IsChannelLastDataLayout(ctx.Attr<std::string>("data_layout", "AnyLayout"));
  const size_t axis = channel_last ? rank - 1 : 1;
  const int64_t channels = x.dims[axis];
  const int64_t inner = Product(x.dims, axis + 1, rank);
  const auto scale = OptionalChannelParam(ctx, "Scale", channels, 1.0);
  const auto bias = OptionalChannelParam(ctx, "Bias", channels, 0.0);
  HostTensor y(DataType::kFloat32, x.dims);
  const float* in = x.data<float>();
  float* out = y.data<float>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    const int64_t c = (i / inner) % channels;
    out[i] = static_cast<float>(in[i] * scale[c] + bias[c]);
  }
  ctx.SetOutput("Out", std::move(y));
}

// Out[r, j] = Σ_k Input[r, k] · W[k, j] + Bias[j] with Input viewed as
// [prod(dims[:in_num_col_dims]), rest]; relu when activation_type is
// "relu". Out dims = Input.dims[:in_num_col_dims] + [W.dims[1]].
void Fc(KernelContext& ctx) {
  const HostTensor& input = ctx.Input("Input");
  const HostTensor& w = ctx.Input("W");
  RequireFloat32(input, "Input");
  RequireFloat32(w, "W");
  const int64_t rank = static_cast<int64_t>(input.dims.size());
  const int64_t num_col_dims = ctx.Attr<int64_t>("in_num_col_dims", 1);
  PD2ONNX_CHECK(num_col_dims >= 1 && num_col_dims < rank, ErrorKind::kInvalidInput,
                "in_num_col_dims {} is outside [1, {})", num_col_dims, rank);
  PD2ONNX_CHECK(!ctx.Attr<bool>("padding_weights", false), ErrorKind::kUnsupported,
                "padding_weights=true is not supported");
  PD2ONNX_CHECK(w.dims.size() == 2, ErrorKind::kInvalidInput, "W must be 2-D, got {}",
                graph::ShapeToString(w.dims));
  const int64_t rows = Product(input.dims, 0, static_cast<size_t>(num_col_dims));
  const int64_t depth = Product(input.dims, static_cast<size_t>(num_col_dims), input.dims.size());
  PD2ONNX_CHECK(depth == w.dims[0], ErrorKind::kInvalidInput,
                "Input {} flattened at {} has {} columns, W {} has {} rows",
                graph::ShapeToString(input.dims), num_col_dims, depth, graph::ShapeToString(w.dims),
                w.dims[0]);
  const int64_t cols = w.dims[1];
  std::vector<double> bias(static_cast<size_t>(cols), 0.0);
  if (const HostTensor* b = ctx.OptionalInput("Bias")) {
    PD2ONNX_CHECK(b->numel() == cols, ErrorKind::kInvalidInput,
                  "Bias has {} elements for {} columns", b->numel(), cols);
    bias = b->ToDouble();
  }
  const std::string activation = ctx.Attr<std::string>("activation_type", "");
  PD2ONNX_CHECK(activation.empty() || activation == "relu", ErrorKind::kUnsupported,
                "activation_type '{}' is not supported", activation);
  Dims out_dims(input.dims.begin(), input.dims.begin() + num_col_dims);
  out_dims.push_back(cols);
  HostTensor out(DataType::kFloat32, out_dims);
  const float* a = input.data<float>();
  const float* b = w.data<float>();
  float* o = out.data<float>();
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t j = 0; j < cols; ++j) {
      double sum = bias[static_cast<size_t>(j)];
      for (int64_t k = 0; k < depth; ++k)
        sum += static_cast<double>(a[r * depth + k]) * b[k * cols + j];
      if (activation == "relu" && sum < 0) sum = 0;
      o[r * cols + j] = static_cast<float>(sum);
    }
  }
  ctx.SetOutput("Out", std::move(out));
}

}  // namespace pd2onnx::interp::kernels

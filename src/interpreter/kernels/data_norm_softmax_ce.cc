// data_norm and softmax_with_cross_entropy (inference), following phi's
// DataNormKernel and CrossEntropyWithSoftmaxKernel (CPU).
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "interpreter/kernels/ops_gap.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

std::vector<double> Column(const KernelContext& ctx, std::string_view slot, int64_t c) {
  std::vector<double> v = ctx.Input(slot).ToDouble();
  PD2ONNX_CHECK(static_cast<int64_t>(v.size()) == c, ErrorKind::kInvalidInput,
                "{} has {} values, expected {}", slot, v.size(), c);
  return v;
}

// Paddle's TolerableValue: ±inf become ±1e20.
double Tolerable(double x) {
  if (std::isinf(x)) return x > 0 ? 1e20 : -1e20;
  return x;
}

}  // namespace

// Means = BatchSum / BatchSize, Scales = sqrt(BatchSize / BatchSquareSum),
// Y = (X - Means) · Scales (· scale_w + bias); with slot_dim > 0 a slot whose
// first value is within 1e-7 of 0 is zeroed.
void DataNorm(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "X");
  PD2ONNX_CHECK(x.dims.size() == 2, ErrorKind::kInvalidInput, "X must be 2-D");
  const int64_t n = x.dims[0], c = x.dims[1];
  const auto size = Column(ctx, "BatchSize", c);
  const auto sum = Column(ctx, "BatchSum", c);
  const auto square_sum = Column(ctx, "BatchSquareSum", c);
  const bool scale_and_shift = ctx.Attr<bool>("enable_scale_and_shift", false);
  const auto w = scale_and_shift ? Column(ctx, "scale_w", c) : std::vector<double>(c, 1.0);
  const auto b = scale_and_shift ? Column(ctx, "bias", c) : std::vector<double>(c, 0.0);
  const int64_t slot = ctx.Attr<int64_t>("slot_dim", -1);

  HostTensor means(DataType::kFloat32, {c}), scales(DataType::kFloat32, {c});
  for (int64_t j = 0; j < c; ++j) {
    means.data<float>()[j] =
        static_cast<float>(static_cast<float>(sum[j]) / static_cast<float>(size[j]));
    scales.data<float>()[j] =
        std::sqrt(static_cast<float>(size[j]) / static_cast<float>(square_sum[j]));
  }
  HostTensor y(DataType::kFloat32, x.dims);
  const float* in = x.data<float>();
  float* out = y.data<float>();
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < c; ++j) {
      const int64_t k = i * c + j;
      if (slot > 0) {
        const float show = in[i * c + (j / slot) * slot];
        if (show > -1e-7f && show < 1e-7f) {
          out[k] = 0;
          continue;
        }
      }
      const double normal =
          (static_cast<double>(in[k]) - means.data<float>()[j]) * scales.data<float>()[j];
      out[k] = static_cast<float>(normal * w[j] + b[j]);
    }
  }
  ctx.SetOutput("Y", std::move(y));
  ctx.SetOutput("Means", std::move(means));
  ctx.SetOutput("Scales", std::move(scales));
}

void SoftmaxWithCrossEntropy(KernelContext& ctx) {
  const HostTensor& logits = ctx.Input("Logits");
  RequireFloat32(logits, "Logits");
  const int64_t rank = static_cast<int64_t>(logits.dims.size());
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", -1), rank, "axis");
  const int64_t classes = logits.dims[axis];
  const int64_t inner = Product(logits.dims, axis + 1, logits.dims.size());
  const int64_t outer = Product(logits.dims, 0, axis);
  const bool use_softmax = ctx.Attr<bool>("use_softmax", true);
  const bool soft_label = ctx.Attr<bool>("soft_label", false);
  const int64_t ignore_index = ctx.Attr<int64_t>("ignore_index", -100);

  HostTensor probs = logits;
  float* p = probs.data<float>();
  if (use_softmax) {
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        const int64_t base = o * classes * inner + i;
        double max = -std::numeric_limits<double>::infinity();
        for (int64_t k = 0; k < classes; ++k) max = std::max<double>(max, p[base + k * inner]);
        double total = 0;
        for (int64_t k = 0; k < classes; ++k) total += std::exp(p[base + k * inner] - max);
        for (int64_t k = 0; k < classes; ++k) {
          p[base + k * inner] = static_cast<float>(std::exp(p[base + k * inner] - max) / total);
        }
      }
    }
  }
  Dims loss_dims = logits.dims;
  loss_dims[axis] = 1;
  HostTensor loss(DataType::kFloat32, loss_dims);
  const HostTensor& label = ctx.Input("Label");
  const std::vector<double> soft = soft_label ? label.ToDouble() : std::vector<double>{};
  const std::vector<int64_t> hard = soft_label ? std::vector<int64_t>{} : IntValues(label);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const int64_t base = o * classes * inner + i;
      double value = 0;
      if (soft_label) {
        for (int64_t k = 0; k < classes; ++k) {
          const double log_p = Tolerable(std::log(static_cast<double>(p[base + k * inner])));
          value -= soft[static_cast<size_t>(base + k * inner)] * log_p;
        }
      } else {
        const int64_t target = hard[static_cast<size_t>(o * inner + i)];
        if (target != ignore_index) {
          PD2ONNX_CHECK(target >= 0 && target < classes, ErrorKind::kInvalidInput,
                        "label {} is outside [0, {})", target, classes);
          value = -Tolerable(std::log(static_cast<double>(p[base + target * inner])));
        }
      }
      loss.data<float>()[o * inner + i] = static_cast<float>(value);
    }
  }
  ctx.SetOutput("Softmax", std::move(probs));
  ctx.SetOutput("Loss", std::move(loss));
}

}  // namespace pd2onnx::interp::kernels

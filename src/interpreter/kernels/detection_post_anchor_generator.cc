// anchor_generator, from Paddle's AnchorGeneratorOpKernel (CPU): for each
// cell (h, w) and each (aspect ratio, anchor size) pair, ratio-major, the box
// centred at (w * stride_w + offset * (stride_w - 1), h * stride_h + ...)
// whose extents come from the rounded base size of the stride's area.
#include <cmath>
#include <vector>

#include "interpreter/kernels/detection_post.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {

void AnchorGenerator(KernelContext& ctx) {
  const HostTensor& input = ctx.Input("Input");
  PD2ONNX_CHECK(input.dims.size() == 4, ErrorKind::kInvalidInput,
                "anchor_generator: Input must be 4-D");
  const auto sizes = ctx.Attr<std::vector<float>>("anchor_sizes");
  const auto ratios = ctx.Attr<std::vector<float>>("aspect_ratios");
  const auto variances = ctx.Attr<std::vector<float>>("variances", {0.1f, 0.1f, 0.2f, 0.2f});
  const auto stride = ctx.Attr<std::vector<float>>("stride", {16.0f, 16.0f});
  const float offset = ctx.Attr<float>("offset", 0.5f);
  PD2ONNX_CHECK(stride.size() == 2 && variances.size() == 4, ErrorKind::kInvalidInput,
                "anchor_generator: stride needs 2 values and variances 4");
  const int64_t height = input.dims[2];
  const int64_t width = input.dims[3];
  const auto num = static_cast<int64_t>(sizes.size() * ratios.size());
  const float sw = stride[0];
  const float sh = stride[1];
  HostTensor anchors(DataType::kFloat32, {height, width, num, 4});
  HostTensor vars(DataType::kFloat32, {height, width, num, 4});
  float* out = anchors.data<float>();
  float* var_out = vars.data<float>();
  for (int64_t h = 0; h < height; ++h) {
    for (int64_t w = 0; w < width; ++w) {
      const float x_ctr = static_cast<float>(w) * sw + offset * (sw - 1);
      const float y_ctr = static_cast<float>(h) * sh + offset * (sh - 1);
      for (float ar : ratios) {
        for (float size : sizes) {
          const float area = sw * sh;
          const float area_ratios = area / ar;
          const float base_w = std::round(std::sqrt(area_ratios));
          const float base_h = std::round(base_w * ar);
          const float anchor_w = size / sw * base_w;
          const float anchor_h = size / sh * base_h;
          // Paddle: 0.5 (a double) * (extent - 1), the sum in double.
          out[0] = static_cast<float>(x_ctr - 0.5 * (anchor_w - 1));
          out[1] = static_cast<float>(y_ctr - 0.5 * (anchor_h - 1));
          out[2] = static_cast<float>(x_ctr + 0.5 * (anchor_w - 1));
          out[3] = static_cast<float>(y_ctr + 0.5 * (anchor_h - 1));
          out += 4;
          for (int k = 0; k < 4; ++k) *var_out++ = variances[k];
        }
      }
    }
  }
  ctx.SetOutput("Anchors", std::move(anchors));
  ctx.SetOutput("Variances", std::move(vars));
}

}  // namespace pd2onnx::interp::kernels

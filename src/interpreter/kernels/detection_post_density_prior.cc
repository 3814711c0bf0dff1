// density_prior_box, from Paddle's DensityPriorBoxOpKernel (CPU): for each
// cell, fixed size s (with its density d) and fixed ratio r, d x d priors on
// a sub-grid of the cell with Paddle's mixed float / double arithmetic; the
// lower corners max(v, 0), the upper min(v, 1), then the optional clip.
#include <algorithm>
#include <cmath>
#include <vector>

#include "interpreter/kernels/detection_post.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

struct DensityAttrs {
  std::vector<float> sizes;
  std::vector<float> ratios;
  std::vector<int> densities;
  std::vector<float> variances;
  bool clip;
  bool flatten;
  float offset;
};

DensityAttrs ReadDensityAttrs(const KernelContext& ctx) {
  DensityAttrs a{ctx.Attr<std::vector<float>>("fixed_sizes"),
                 ctx.Attr<std::vector<float>>("fixed_ratios"),
                 ctx.Attr<std::vector<int>>("densities"),
                 ctx.Attr<std::vector<float>>("variances", {0.1f, 0.1f, 0.2f, 0.2f}),
                 ctx.Attr<bool>("clip", false),
                 ctx.Attr<bool>("flatten_to_2d", false),
                 ctx.Attr<float>("offset", 0.5f)};
  PD2ONNX_CHECK(a.sizes.size() == a.densities.size() && a.variances.size() == 4,
                ErrorKind::kInvalidInput,
                "density_prior_box: fixed_sizes and densities must match, variances hold 4");
  return a;
}

}  // namespace

void DensityPriorBox(KernelContext& ctx) {
  const HostTensor& input = ctx.Input("Input");
  const HostTensor& image = ctx.Input("Image");
  const DensityAttrs a = ReadDensityAttrs(ctx);
  const int64_t fh = input.dims[2];
  const int64_t fw = input.dims[3];
  const int64_t img_h = image.dims[2];
  const int64_t img_w = image.dims[3];
  float step_w = ctx.Attr<float>("step_w", 0.0f);
  float step_h = ctx.Attr<float>("step_h", 0.0f);
  if (step_w == 0 || step_h == 0) {
    step_w = static_cast<float>(img_w) / static_cast<float>(fw);
    step_h = static_cast<float>(img_h) / static_cast<float>(fh);
  }
  int64_t num_priors = 0;
  for (int d : a.densities) num_priors += static_cast<int64_t>(a.ratios.size()) * d * d;
  const int step_average = static_cast<int>((step_w + step_h) * 0.5);
  std::vector<float> sqrt_ratios;
  for (float r : a.ratios) sqrt_ratios.push_back(std::sqrt(r));
  HostTensor boxes(DataType::kFloat32, {fh, fw, num_priors, 4});
  float* b = boxes.data<float>();
  const auto iw = static_cast<double>(img_w);
  const auto ih = static_cast<double>(img_h);
  for (int64_t h = 0; h < fh; ++h) {
    for (int64_t w = 0; w < fw; ++w) {
      const float center_x = (static_cast<float>(w) + a.offset) * step_w;
      const float center_y = (static_cast<float>(h) + a.offset) * step_h;
      for (size_t s = 0; s < a.sizes.size(); ++s) {
        const int density = a.densities[s];
        const int shift = step_average / density;
        for (float sqrt_ratio : sqrt_ratios) {
          const float box_w = a.sizes[s] * sqrt_ratio;
          const float box_h = a.sizes[s] / sqrt_ratio;
          const auto dcx = static_cast<float>(center_x - step_average / 2. + shift / 2.);
          const auto dcy = static_cast<float>(center_y - step_average / 2. + shift / 2.);
          for (int di = 0; di < density; ++di) {
            for (int dj = 0; dj < density; ++dj) {
              const float cx = dcx + static_cast<float>(dj * shift);
              const float cy = dcy + static_cast<float>(di * shift);
              *b++ = static_cast<float>(std::max((cx - box_w / 2.) / iw, 0.));
              *b++ = static_cast<float>(std::max((cy - box_h / 2.) / ih, 0.));
              *b++ = static_cast<float>(std::min((cx + box_w / 2.) / iw, 1.));
              *b++ = static_cast<float>(std::min((cy + box_h / 2.) / ih, 1.));
            }
          }
        }
      }
    }
  }
  if (a.clip) {
    float* v = boxes.data<float>();
    for (int64_t i = 0; i < boxes.numel(); ++i) v[i] = std::min(std::max(v[i], 0.0f), 1.0f);
  }
  HostTensor vars(DataType::kFloat32, boxes.dims);
  float* v = vars.data<float>();
  for (int64_t i = 0; i < vars.numel(); ++i) v[i] = a.variances[i % 4];
  if (a.flatten) {
    boxes.dims = {fh * fw * num_priors, 4};
    vars.dims = boxes.dims;
  }
  ctx.SetOutput("Boxes", std::move(boxes));
  ctx.SetOutput("Variances", std::move(vars));
}

}  // namespace pd2onnx::interp::kernels

// box_clip, from Paddle's BoxClipKernel / ClipTiledBoxes: each coordinate
// clamped with std::max(std::min(v, extent - 1), 0), the extents being
// round(ImInfo h / scale) and round(ImInfo w / scale). Paddle splits a batch
// by the boxes' LoD; without LoD here, ImInfo must describe one image.
#include <algorithm>
#include <cmath>

#include "interpreter/kernels/detection_post.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {

void BoxClip(KernelContext& ctx) {
  HostTensor boxes = ctx.Input("Input");
  RequireFloat32(boxes, "box_clip Input");
  const std::vector<double> info = ctx.Input("ImInfo").ToDouble();
  PD2ONNX_CHECK(info.size() == 3, ErrorKind::kUnsupported,
                "box_clip: ImInfo must describe one image ([1, 3]), got {} values", info.size());
  PD2ONNX_CHECK(!boxes.dims.empty() && boxes.dims.back() == 4, ErrorKind::kInvalidInput,
                "box_clip: Input's last dimension must be 4");
  const auto as_f32 = [](double v) { return static_cast<float>(v); };
  const float scale = as_f32(info[2]);
  const float im_h = std::round(as_f32(info[0]) / scale);
  const float im_w = std::round(as_f32(info[1]) / scale);
  const float hi[4] = {im_w - 1, im_h - 1, im_w - 1, im_h - 1};
  float* v = boxes.data<float>();
  for (int64_t i = 0; i < boxes.numel(); ++i) v[i] = std::max(std::min(v[i], hi[i % 4]), 0.0f);
  ctx.SetOutput("Output", std::move(boxes));
}

}  // namespace pd2onnx::interp::kernels

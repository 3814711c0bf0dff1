// yolo_box, prior_box and box_coder, from Paddle's phi CPU kernels: plain
// loops in fp32 with Paddle's order of operations.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "interpreter/kernels/detection_post.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

float Sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

struct YoloBoxAttrs {
  std::vector<int> anchors;
  int64_t class_num = 0;
  float conf_thresh = 0.0f;
  int64_t downsample_ratio = 32;
  bool clip_bbox = true;
  float scale = 1.0f;
  bool iou_aware = false;
  float iou_aware_factor = 0.5f;
};

YoloBoxAttrs ReadYoloBoxAttrs(const KernelContext& ctx) {
  YoloBoxAttrs a;
  a.anchors = ctx.Attr<std::vector<int>>("anchors");
  a.class_num = ctx.Attr<int64_t>("class_num");
  a.conf_thresh = ctx.Attr<float>("conf_thresh", 0.01f);
  a.downsample_ratio = ctx.Attr<int64_t>("downsample_ratio", 32);
  a.clip_bbox = ctx.Attr<bool>("clip_bbox", true);
  a.scale = ctx.Attr<float>("scale_x_y", 1.0f);
  a.iou_aware = ctx.Attr<bool>("iou_aware", false);
  a.iou_aware_factor = ctx.Attr<float>("iou_aware_factor", 0.5f);
  PD2ONNX_CHECK(a.anchors.size() % 2 == 0 && !a.anchors.empty(), ErrorKind::kInvalidInput,
                "yolo_box: anchors must hold (w, h) pairs");
  return a;
}

// One image's yolo_box: x points at the image's channels.
void YoloBoxImage(const YoloBoxAttrs& a, const float* x, int64_t h, int64_t w, int64_t img_h,
                  int64_t img_w, float* boxes, float* scores) {
  const int64_t an_num = static_cast<int64_t>(a.anchors.size() / 2);
  const int64_t stride = h * w;
  const int64_t an_stride = (a.class_num + 5) * stride;
  const float bias = -0.5f * (a.scale - 1.0f);
  const int64_t input_h = a.downsample_ratio * h;
  const int64_t input_w = a.downsample_ratio * w;
  // With iou_aware the image starts with one IoU channel per anchor.
  const float* entries = a.iou_aware ? x + an_num * stride : x;
  for (int64_t j = 0; j < an_num; ++j) {
    for (int64_t k = 0; k < h; ++k) {
      for (int64_t l = 0; l < w; ++l) {
        const int64_t cell = k * w + l;
        const float* e = entries + j * an_stride + cell;
        float conf = Sigmoid(e[4 * stride]);
        if (a.iou_aware) {
          const float iou = Sigmoid(x[j * stride + cell]);
          conf = std::pow(conf, 1.0f - a.iou_aware_factor) * std::pow(iou, a.iou_aware_factor);
        }
        if (conf < a.conf_thresh) continue;
        const float cx = (static_cast<float>(l) + Sigmoid(e[0]) * a.scale + bias) *
                         static_cast<float>(img_w) / static_cast<float>(w);
        const float cy = (static_cast<float>(k) + Sigmoid(e[stride]) * a.scale + bias) *
                         static_cast<float>(img_h) / static_cast<float>(h);
        const float bw = std::exp(e[2 * stride]) * static_cast<float>(a.anchors[2 * j]) *
                         static_cast<float>(img_w) / static_cast<float>(input_w);
        const float bh = std::exp(e[3 * stride]) * static_cast<float>(a.anchors[2 * j + 1]) *
                         static_cast<float>(img_h) / static_cast<float>(input_h);
        float* box = boxes + (j * stride + cell) * 4;
        box[0] = cx - bw / 2;
        box[1] = cy - bh / 2;
        box[2] = cx + bw / 2;
        box[3] = cy + bh / 2;
        if (a.clip_bbox) {
          box[0] = box[0] > 0 ? box[0] : 0.0f;
          box[1] = box[1] > 0 ? box[1] : 0.0f;
          const auto max_x = static_cast<float>(img_w - 1);
          const auto max_y = static_cast<float>(img_h - 1);
          box[2] = box[2] < max_x ? box[2] : max_x;
          box[3] = box[3] < max_y ? box[3] : max_y;
        }
        float* score = scores + (j * stride + cell) * a.class_num;
        for (int64_t c = 0; c < a.class_num; ++c) {
          score[c] = conf * Sigmoid(e[(5 + c) * stride]);
        }
      }
    }
  }
}

// Paddle's ExpandAspectRatios: 1 first, duplicates (within 1e-6) dropped,
// and 1/ar after each new ar when flip is set.
std::vector<float> ExpandAspectRatios(const std::vector<float>& ratios, bool flip) {
  std::vector<float> out = {1.0f};
  for (float ar : ratios) {
    bool seen = false;
    for (float o : out) seen = seen || std::fabs(ar - o) < 1e-6;
    if (seen) continue;
    out.push_back(ar);
    if (flip) out.push_back(1.0f / ar);
  }
  return out;
}

struct HalfSize {
  float w;
  float h;
};

// Half widths/heights of the priors of one cell, in Paddle's order.
std::vector<HalfSize> PriorHalfSizes(const KernelContext& ctx) {
  const auto min_sizes = ctx.Attr<std::vector<float>>("min_sizes");
  const auto max_sizes = ctx.Attr<std::vector<float>>("max_sizes", {});
  const auto ratios = ExpandAspectRatios(ctx.Attr<std::vector<float>>("aspect_ratios", {}),
                                         ctx.Attr<bool>("flip", false));
  const bool minmax_first = ctx.Attr<bool>("min_max_aspect_ratios_order", false);
  PD2ONNX_CHECK(max_sizes.empty() || max_sizes.size() == min_sizes.size(), ErrorKind::kInvalidInput,
                "prior_box: max_sizes must match min_sizes");
  std::vector<HalfSize> out;
  for (size_t s = 0; s < min_sizes.size(); ++s) {
    const float mn = min_sizes[s];
    auto ratio_box = [&](float ar) {
      out.push_back({static_cast<float>(mn * std::sqrt(ar) / 2.),
                     static_cast<float>(mn / std::sqrt(ar) / 2.)});
    };
    auto max_box = [&] {
      if (max_sizes.empty()) return;
      const auto half = static_cast<float>(std::sqrt(mn * max_sizes[s]) / 2.);
      out.push_back({half, half});
    };
    if (minmax_first) {
      const auto half = static_cast<float>(mn / 2.);
      out.push_back({half, half});
      max_box();
      for (float ar : ratios) {
        if (std::fabs(ar - 1.) >= 1e-6) ratio_box(ar);
      }
    } else {
      for (float ar : ratios) ratio_box(ar);
      max_box();
    }
  }
  return out;
}

// One box against one prior with Paddle's formulas; norm is 1 when
// box_normalized is false.
void DecodeBox(const float* prior, const float* var, const float* t, float norm, float* out) {
  const float pw = prior[2] - prior[0] + norm;
  const float ph = prior[3] - prior[1] + norm;
  const float pcx = prior[0] + pw / 2;
  const float pcy = prior[1] + ph / 2;
  const float cx = var[0] * t[0] * pw + pcx;
  const float cy = var[1] * t[1] * ph + pcy;
  const float tw = std::exp(var[2] * t[2]) * pw;
  const float th = std::exp(var[3] * t[3]) * ph;
  out[0] = cx - tw / 2;
  out[1] = cy - th / 2;
  out[2] = cx + tw / 2 - norm;
  out[3] = cy + th / 2 - norm;
}

void EncodeBox(const float* prior, const float* var, const float* t, float norm, float* out) {
  const float pw = prior[2] - prior[0] + norm;
  const float ph = prior[3] - prior[1] + norm;
  const float pcx = prior[0] + pw / 2;
  const float pcy = prior[1] + ph / 2;
  const float tcx = (t[2] + t[0]) / 2;
  const float tcy = (t[3] + t[1]) / 2;
  const float tw = t[2] - t[0] + norm;
  const float th = t[3] - t[1] + norm;
  out[0] = (tcx - pcx) / pw;
  out[1] = (tcy - pcy) / ph;
  out[2] = std::log(std::fabs(tw / pw));
  out[3] = std::log(std::fabs(th / ph));
  if (var != nullptr) {
    for (int k = 0; k < 4; ++k) out[k] /= var[k];
  }
}

}  // namespace

void YoloBox(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "yolo_box X");
  const std::vector<int64_t> img_size = ctx.Input("ImgSize").ToInt64();
  const YoloBoxAttrs a = ReadYoloBoxAttrs(ctx);
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "yolo_box: X must be 4-D");
  const int64_t n = x.dims[0];
  const int64_t h = x.dims[2];
  const int64_t w = x.dims[3];
  const int64_t an_num = static_cast<int64_t>(a.anchors.size() / 2);
  const int64_t box_num = an_num * h * w;
  const int64_t per_image = x.numel() / std::max<int64_t>(n, 1);
  HostTensor boxes(DataType::kFloat32, {n, box_num, 4});
  HostTensor scores(DataType::kFloat32, {n, box_num, a.class_num});
  for (int64_t i = 0; i < n; ++i) {
    YoloBoxImage(a, x.data<float>() + i * per_image, h, w, img_size[2 * i], img_size[2 * i + 1],
                 boxes.data<float>() + i * box_num * 4,
                 scores.data<float>() + i * box_num * a.class_num);
  }
  ctx.SetOutput("Boxes", std::move(boxes));
  ctx.SetOutput("Scores", std::move(scores));
}

void PriorBox(KernelContext& ctx) {
  const HostTensor& input = ctx.Input("Input");
  const HostTensor& image = ctx.Input("Image");
  const std::vector<HalfSize> halves = PriorHalfSizes(ctx);
  const auto variances = ctx.Attr<std::vector<float>>("variances", {0.1f, 0.1f, 0.2f, 0.2f});
  PD2ONNX_CHECK(variances.size() == 4, ErrorKind::kInvalidInput,
                "prior_box: variances must hold 4 values");
  const int64_t fh = input.dims[2];
  const int64_t fw = input.dims[3];
  const int64_t ih = image.dims[2];
  const int64_t iw = image.dims[3];
  const float step_w_attr = ctx.Attr<float>("step_w", 0.0f);
  const float step_h_attr = ctx.Attr<float>("step_h", 0.0f);
  const float offset = ctx.Attr<float>("offset", 0.5f);
  const bool use_feature_steps = step_w_attr == 0 || step_h_attr == 0;
  const float step_w =
      use_feature_steps ? static_cast<float>(iw) / static_cast<float>(fw) : step_w_attr;
  const float step_h =
      use_feature_steps ? static_cast<float>(ih) / static_cast<float>(fh) : step_h_attr;
  const bool clip = ctx.Attr<bool>("clip", false);
  const auto num_priors = static_cast<int64_t>(halves.size());
  HostTensor boxes(DataType::kFloat32, {fh, fw, num_priors, 4});
  HostTensor vars(DataType::kFloat32, {fh, fw, num_priors, 4});
  float* b = boxes.data<float>();
  float* v = vars.data<float>();
  const auto img_w = static_cast<float>(iw);
  const auto img_h = static_cast<float>(ih);
  for (int64_t y = 0; y < fh; ++y) {
    for (int64_t x = 0; x < fw; ++x) {
      const float cx = (static_cast<float>(x) + offset) * step_w;
      const float cy = (static_cast<float>(y) + offset) * step_h;
      for (const HalfSize& half : halves) {
        const float coords[4] = {(cx - half.w) / img_w, (cy - half.h) / img_h,
                                 (cx + half.w) / img_w, (cy + half.h) / img_h};
        for (int k = 0; k < 4; ++k) {
          *b++ = clip ? std::min(std::max(coords[k], 0.0f), 1.0f) : coords[k];
          *v++ = variances[k];
        }
      }
    }
  }
  ctx.SetOutput("Boxes", std::move(boxes));
  ctx.SetOutput("Variances", std::move(vars));
}

void BoxCoder(KernelContext& ctx) {
  const HostTensor& prior = ctx.Input("PriorBox");
  const HostTensor* prior_var = ctx.OptionalInput("PriorBoxVar");
  const HostTensor& target = ctx.Input("TargetBox");
  RequireFloat32(target, "box_coder TargetBox");
  const std::string code_type = ctx.Attr<std::string>("code_type", "encode_center_size");
  const float norm = ctx.Attr<bool>("box_normalized", true) ? 0.0f : 1.0f;
  const int64_t axis = ctx.Attr<int64_t>("axis", 0);
  const auto variance = ctx.Attr<std::vector<float>>("variance", {});
  PD2ONNX_CHECK(variance.empty() || variance.size() == 4, ErrorKind::kInvalidInput,
                "box_coder: variance must hold 4 values");
  PD2ONNX_CHECK(prior.dims.size() == 2 && prior.dims[1] == 4, ErrorKind::kUnsupported,
                "box_coder: PriorBox must be [M, 4]");
  const float* p = prior.data<float>();
  const float* pv = prior_var != nullptr ? prior_var->data<float>() : nullptr;
  const float* t = target.data<float>();
  const float ones[4] = {1.0f, 1.0f, 1.0f, 1.0f};
  if (code_type == "encode_center_size") {
    const int64_t rows = target.dims[0];
    const int64_t cols = prior.dims[0];
    HostTensor out(DataType::kFloat32, {rows, cols, 4});
    for (int64_t i = 0; i < rows; ++i) {
      for (int64_t j = 0; j < cols; ++j) {
        const float* var =
            pv != nullptr ? pv + j * 4 : (variance.empty() ? nullptr : variance.data());
        EncodeBox(p + j * 4, var, t + i * 4, norm, out.data<float>() + (i * cols + j) * 4);
      }
    }
    ctx.SetOutput("OutputBox", std::move(out));
    return;
  }
  PD2ONNX_CHECK(code_type == "decode_center_size", ErrorKind::kUnsupported,
                "box_coder: code_type '{}' is not supported", code_type);
  PD2ONNX_CHECK(target.dims.size() == 3, ErrorKind::kInvalidInput,
                "box_coder: decode needs a 3-D TargetBox");
  const int64_t rows = target.dims[0];
  const int64_t cols = target.dims[1];
  HostTensor out(DataType::kFloat32, {rows, cols, 4});
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = 0; j < cols; ++j) {
      const int64_t pi = axis == 0 ? j : i;
      const float* var = pv != nullptr ? pv + pi * 4 : (variance.empty() ? ones : variance.data());
      DecodeBox(p + pi * 4, var, t + (i * cols + j) * 4, norm,
                out.data<float>() + (i * cols + j) * 4);
    }
  }
  ctx.SetOutput("OutputBox", std::move(out));
}

}  // namespace pd2onnx::interp::kernels

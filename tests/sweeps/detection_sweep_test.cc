// Sweeps of the detection ops computed from attributes and simple inputs,
// and of the RoI and deformable convolutions: prior_box, density_prior_box,
// anchor_generator, box_coder, box_clip, yolo_box, roi_align, roi_pool,
// deformable_conv and matrix_nms.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;

std::vector<float> RandomFloats(Rng& rng, int64_t min_count, int64_t max_count, double lo,
                                double hi) {
  std::vector<float> v(static_cast<size_t>(rng.Int(min_count, max_count)));
  for (float& x : v) x = static_cast<float>(rng.Real(lo, hi));
  return v;
}

std::vector<float> RandomVariances(Rng& rng) {
  return {static_cast<float>(rng.Real(0.05, 0.3)), static_cast<float>(rng.Real(0.05, 0.3)),
          static_cast<float>(rng.Real(0.1, 0.5)), static_cast<float>(rng.Real(0.1, 0.5))};
}

// prior_box: min/max sizes, aspect ratios (flip), clip, steps (0: image /
// feature), offset and the min_max_aspect_ratios_order.
Case PriorBoxCase(Rng& rng) {
  const std::vector<int64_t> feat = {1, rng.Int(1, 3), rng.Int(1, 4), rng.Int(1, 4)};
  const std::vector<int64_t> image = {1, 3, feat[2] * rng.Int(4, 10), feat[3] * rng.Int(4, 10)};
  const std::vector<float> min_sizes = RandomFloats(rng, 1, 2, 2, 12);
  std::vector<float> max_sizes;
  if (rng.Bool()) {
    for (float m : min_sizes) max_sizes.push_back(m + static_cast<float>(rng.Real(1, 8)));
  }
  const std::vector<float> aspect_ratios = RandomFloats(rng, 0, 2, 0.5, 3);
  const bool flip = rng.Bool(), clip = rng.Bool(), min_max_order = rng.Bool();
  const bool steps = rng.Bool();
  const float step_w = steps ? static_cast<float>(rng.Real(2, 10)) : 0.0f;
  const float step_h = steps ? static_cast<float>(rng.Real(2, 10)) : 0.0f;
  const auto offset = static_cast<float>(rng.Pick(std::vector<double>{0.5, 0.0, 0.3}));
  const std::vector<float> variances = RandomVariances(rng);
  Case c;
  c.program.Input("feat", kF32, feat)
      .Input("image", kF32, image)
      .Var("boxes", kF32, {-1, -1, -1, 4})
      .Var("vars", kF32, {-1, -1, -1, 4});
  c.program.Op("prior_box")
      .In("Input", {"feat"})
      .In("Image", {"image"})
      .Out("Boxes", {"boxes"})
      .Out("Variances", {"vars"})
      .Attr("min_sizes", min_sizes)
      .Attr("max_sizes", max_sizes)
      .Attr("aspect_ratios", aspect_ratios)
      .Attr("variances", variances)
      .Attr("flip", flip)
      .Attr("clip", clip)
      .Attr("step_w", step_w)
      .Attr("step_h", step_h)
      .Attr("offset", offset)
      .Attr("min_max_aspect_ratios_order", min_max_order);
  c.program.Output("boxes").Output("vars");
  c.feeds["feat"] = RandomTensor(kF32, feat, rng.TensorSeed());
  c.feeds["image"] = RandomTensor(kF32, image, rng.TensorSeed());
  c.description = fmt::format(
      "feat {} image {} min_sizes={} max_sizes={} aspect_ratios={} flip={} clip={} step={}x{} "
      "offset={} min_max_order={}",
      graph::ShapeToString(feat), graph::ShapeToString(image), min_sizes, max_sizes, aspect_ratios,
      flip, clip, step_w, step_h, offset, min_max_order);
  return c;
}
PD2ONNX_SWEEP(prior_box, PriorBoxCase)

// density_prior_box: fixed sizes with densities, fixed ratios, clip,
// flatten_to_2d, steps and offset.
Case DensityPriorBoxCase(Rng& rng) {
  const std::vector<int64_t> feat = {1, rng.Int(1, 3), rng.Int(1, 3), rng.Int(1, 3)};
  const std::vector<int64_t> image = {1, 3, feat[2] * rng.Int(4, 10), feat[3] * rng.Int(4, 10)};
  const std::vector<float> sizes = RandomFloats(rng, 1, 2, 4, 16);
  std::vector<int> densities;
  for (size_t i = 0; i < sizes.size(); ++i) densities.push_back(static_cast<int>(rng.Int(1, 3)));
  const std::vector<float> ratios = RandomFloats(rng, 1, 2, 0.5, 2.5);
  const bool clip = rng.Bool(), flatten = rng.Bool(), steps = rng.Bool();
  const float step_w = steps ? static_cast<float>(rng.Real(2, 10)) : 0.0f;
  const float step_h = steps ? static_cast<float>(rng.Real(2, 10)) : 0.0f;
  const auto offset = static_cast<float>(rng.Pick(std::vector<double>{0.5, 0.0, 0.3}));
  const std::vector<float> variances = RandomVariances(rng);
  const std::vector<int64_t> out =
      flatten ? std::vector<int64_t>{-1, 4} : std::vector<int64_t>{-1, -1, -1, 4};
  Case c;
  c.program.Input("feat", kF32, feat)
      .Input("image", kF32, image)
      .Var("boxes", kF32, out)
      .Var("vars", kF32, out);
  c.program.Op("density_prior_box")
      .In("Input", {"feat"})
      .In("Image", {"image"})
      .Out("Boxes", {"boxes"})
      .Out("Variances", {"vars"})
      .Attr("fixed_sizes", sizes)
      .Attr("fixed_ratios", ratios)
      .Attr("densities", densities)
      .Attr("variances", variances)
      .Attr("clip", clip)
      .Attr("flatten_to_2d", flatten)
      .Attr("step_w", step_w)
      .Attr("step_h", step_h)
      .Attr("offset", offset);
  c.program.Output("boxes").Output("vars");
  c.feeds["feat"] = RandomTensor(kF32, feat, rng.TensorSeed());
  c.feeds["image"] = RandomTensor(kF32, image, rng.TensorSeed());
  c.description = fmt::format(
      "feat {} image {} fixed_sizes={} densities={} fixed_ratios={} clip={} flatten_to_2d={} "
      "step={}x{} offset={}",
      graph::ShapeToString(feat), graph::ShapeToString(image), sizes, densities, ratios, clip,
      flatten, step_w, step_h, offset);
  return c;
}
PD2ONNX_SWEEP(density_prior_box, DensityPriorBoxCase)

// anchor_generator: anchor sizes × aspect ratios on a stride grid.
Case AnchorGeneratorCase(Rng& rng) {
  const int64_t h = rng.Int(1, 4), w = rng.Int(1, 4);
  const std::vector<float> sizes = RandomFloats(rng, 1, 3, 8, 128);
  const std::vector<float> ratios = RandomFloats(rng, 1, 3, 0.5, 2);
  const std::vector<float> stride = {static_cast<float>(rng.Pick(std::vector<double>{4, 8, 16})),
                                     static_cast<float>(rng.Pick(std::vector<double>{4, 8, 16}))};
  const auto offset = static_cast<float>(rng.Pick(std::vector<double>{0.5, 0.0, 0.25}));
  const std::vector<float> variances = RandomVariances(rng);
  const auto num = static_cast<int64_t>(sizes.size() * ratios.size());
  Case c;
  c.program.Input("feat", kF32, {1, 2, h, w})
      .Var("anchors", kF32, {h, w, num, 4})
      .Var("vars", kF32, {h, w, num, 4});
  c.program.Op("anchor_generator")
      .In("Input", {"feat"})
      .Out("Anchors", {"anchors"})
      .Out("Variances", {"vars"})
      .Attr("anchor_sizes", sizes)
      .Attr("aspect_ratios", ratios)
      .Attr("stride", stride)
      .Attr("variances", variances)
      .Attr("offset", offset);
  c.program.Output("anchors").Output("vars");
  c.feeds["feat"] = RandomTensor(kF32, {1, 2, h, w}, rng.TensorSeed());
  c.description = fmt::format("feat {}x{} anchor_sizes={} aspect_ratios={} stride={} offset={}", h,
                              w, sizes, ratios, stride, offset);
  return c;
}
PD2ONNX_SWEEP(anchor_generator, AnchorGeneratorCase)

// Valid boxes [count, 4]: x1, y1 in [0, 10), sizes in [1, 6).
HostTensor Boxes(int64_t count, Rng& rng) {
  HostTensor t = RandomTensor(kF32, {count, 4}, rng.TensorSeed(), 0, 1);
  float* v = t.data<float>();
  for (int64_t k = 0; k < count * 4; k += 4) {
    v[k] *= 10;
    v[k + 1] *= 10;
    v[k + 2] = v[k] + 1 + 5 * v[k + 2];
    v[k + 3] = v[k + 1] + 1 + 5 * v[k + 3];
  }
  return t;
}

// box_coder: encode / decode_center_size, axis 0 / 1 for decoding,
// box_normalized, variance from nowhere, the attribute or PriorBoxVar.
Case BoxCoderCase(Rng& rng) {
  const bool encode = rng.Bool();
  const int axis = encode ? 0 : static_cast<int>(rng.Int(0, 1));
  const bool normalized = rng.Bool();
  const int var = static_cast<int>(rng.Int(0, 2));  // none, attr, input
  const int64_t n = rng.Int(1, 4), m = rng.Int(1, 4);
  const int64_t prior_rows = encode || axis == 0 ? m : n;
  const std::vector<int64_t> target =
      encode ? std::vector<int64_t>{n, 4} : std::vector<int64_t>{n, m, 4};
  Case c;
  c.program.Input("prior", kF32, {prior_rows, 4})
      .Input("target", kF32, target)
      .Var("out", kF32, {n, m, 4});
  if (var == 2) c.program.Input("prior_var", kF32, {prior_rows, 4});
  OpBuilder op = c.program.Op("box_coder");
  op.In("PriorBox", {"prior"})
      .In("TargetBox", {"target"})
      .Out("OutputBox", {"out"})
      .Attr("code_type", encode ? "encode_center_size" : "decode_center_size")
      .Attr("box_normalized", normalized)
      .Attr("axis", axis);
  if (var == 2) op.In("PriorBoxVar", {"prior_var"});
  const std::vector<float> variance = RandomVariances(rng);
  if (var == 1) op.Attr("variance", variance);
  c.program.Output("out");
  c.feeds["prior"] = Boxes(prior_rows, rng);
  c.feeds["target"] = encode ? Boxes(n, rng) : RandomTensor(kF32, target, rng.TensorSeed(), -1, 1);
  if (var == 2)
    c.feeds["prior_var"] = RandomTensor(kF32, {prior_rows, 4}, rng.TensorSeed(), 0.1, 0.5);
  c.description = fmt::format("{} axis={} box_normalized={} n={} m={} variance from {}",
                              encode ? "encode" : "decode", axis, normalized, n, m,
                              std::vector<std::string>{"none", "attr", "input"}[var]);
  return c;
}
PD2ONNX_SWEEP(box_coder, BoxCoderCase)

// box_clip: boxes clipped to the image of ImInfo (h, w, scale).
Case BoxClipCase(Rng& rng) {
  const bool rank3 = rng.Bool();
  const int64_t m = rng.Int(1, 6);
  const std::vector<int64_t> dims =
      rank3 ? std::vector<int64_t>{1, m, 4} : std::vector<int64_t>{m, 4};
  // Heights and widths on a quarter grid, away from the .5 rounding ties.
  const auto scale = static_cast<float>(rng.Pick(std::vector<double>{1, 2, 0.5, 1.5}));
  const auto h = static_cast<float>(rng.Int(8, 40)) * scale + 0.25f;
  const auto w = static_cast<float>(rng.Int(8, 40)) * scale + 0.25f;
  Case c;
  c.program.Input("boxes", kF32, dims).Input("im_info", kF32, {1, 3}).Var("clipped", kF32, dims);
  c.program.Op("box_clip")
      .In("Input", {"boxes"})
      .In("ImInfo", {"im_info"})
      .Out("Output", {"clipped"});
  c.program.Output("clipped");
  c.feeds["boxes"] = RandomTensor(kF32, dims, rng.TensorSeed(), -8, 48);
  c.feeds["im_info"] = HostTensor::From<float>(kF32, {1, 3}, {h, w, scale});
  c.description =
      fmt::format("boxes {} im_info=({}, {}, {})", graph::ShapeToString(dims), h, w, scale);
  return c;
}
PD2ONNX_SWEEP(box_clip, BoxClipCase)

// yolo_box: anchors, class_num, conf_thresh, downsample_ratio, clip_bbox,
// scale_x_y, iou_aware.
Case YoloBoxCase(Rng& rng) {
  const int64_t n = rng.Int(1, 2), h = rng.Int(1, 4), w = rng.Int(1, 4);
  const int64_t an = rng.Int(1, 3);
  std::vector<int> anchors;
  for (int64_t i = 0; i < 2 * an; ++i) anchors.push_back(static_cast<int>(rng.Int(4, 40)));
  const int class_num = static_cast<int>(rng.Int(1, 3));
  const auto conf_thresh = static_cast<float>(rng.Pick(std::vector<double>{0.0, 0.3, 0.5}));
  const int downsample_ratio = rng.Pick(std::vector<int>{8, 16, 32});
  const bool clip_bbox = rng.Bool(), iou_aware = rng.Bool();
  const auto scale_x_y = static_cast<float>(rng.Pick(std::vector<double>{1.0, 1.05, 1.2}));
  const auto iou_aware_factor = static_cast<float>(rng.Real(0, 1));
  const int64_t channels = an * (5 + class_num) + (iou_aware ? an : 0);
  const int64_t box_num = an * h * w;
  Case c;
  c.program.Input("x", kF32, {n, channels, h, w})
      .Input("img_size", DataType::kInt32, {n, 2})
      .Var("boxes", kF32, {n, box_num, 4})
      .Var("scores", kF32, {n, box_num, class_num});
  c.program.Op("yolo_box")
      .In("X", {"x"})
      .In("ImgSize", {"img_size"})
      .Out("Boxes", {"boxes"})
      .Out("Scores", {"scores"})
      .Attr("anchors", anchors)
      .Attr("class_num", class_num)
      .Attr("conf_thresh", conf_thresh)
      .Attr("downsample_ratio", downsample_ratio)
      .Attr("clip_bbox", clip_bbox)
      .Attr("scale_x_y", scale_x_y)
      .Attr("iou_aware", iou_aware)
      .Attr("iou_aware_factor", iou_aware_factor);
  c.program.Output("boxes").Output("scores");
  std::vector<int32_t> sizes;
  for (int64_t i = 0; i < n; ++i) {
    sizes.push_back(static_cast<int32_t>(rng.Int(16, 96)));
    sizes.push_back(static_cast<int32_t>(rng.Int(16, 96)));
  }
  c.feeds["x"] = RandomTensor(kF32, {n, channels, h, w}, rng.TensorSeed(), -2, 2);
  c.feeds["img_size"] = HostTensor::From<int32_t>(DataType::kInt32, {n, 2}, sizes);
  c.description = fmt::format(
      "x [{}, {}, {}, {}] anchors={} class_num={} conf_thresh={} downsample_ratio={} "
      "clip_bbox={} scale_x_y={} iou_aware={} iou_aware_factor={} img_size={}",
      n, channels, h, w, anchors, class_num, conf_thresh, downsample_ratio, clip_bbox, scale_x_y,
      iou_aware, iou_aware_factor, sizes);
  return c;
}
PD2ONNX_SWEEP(yolo_box, YoloBoxCase)

// RoIs (x1, y1, x2, y2) in image coordinates of a map `extent` pixels wide
// at spatial_scale, some reaching past the map and some tiny.
HostTensor RandomRois(int64_t count, double extent, Rng& rng) {
  std::vector<float> v;
  for (int64_t i = 0; i < count; ++i) {
    const double x = rng.Real(-0.2 * extent, 1.1 * extent);
    const double y = rng.Real(-0.2 * extent, 1.1 * extent);
    v.insert(v.end(), {static_cast<float>(x), static_cast<float>(y),
                       static_cast<float>(x + rng.Real(0.05 * extent, 0.8 * extent)),
                       static_cast<float>(y + rng.Real(0.05 * extent, 0.8 * extent))});
  }
  return HostTensor::From<float>(kF32, {count, 4}, v);
}

// The RoIs' images: RoisNum counts (some 0) over a batch, or one image.
struct RoiBatch {
  int64_t batch = 1;
  std::vector<int32_t> counts;  // empty: no RoisNum input
  int64_t rois = 0;
};

RoiBatch RandomRoiBatch(Rng& rng) {
  RoiBatch b;
  if (rng.Bool()) {
    b.rois = rng.Int(1, 4);
    return b;
  }
  b.batch = rng.Int(1, 3);
  for (int64_t i = 0; i < b.batch; ++i) {
    b.counts.push_back(static_cast<int32_t>(rng.Int(0, 3)));
    b.rois += b.counts.back();
  }
  if (b.rois == 0) {
    b.counts[0] = 1;
    b.rois = 1;
  }
  return b;
}

// roi_align: pooled size, spatial_scale, sampling_ratio (adaptive or
// fixed), aligned, RoisNum.
Case RoiAlignCase(Rng& rng) {
  const RoiBatch b = RandomRoiBatch(rng);
  const std::vector<int64_t> x = {b.batch, rng.Int(1, 3), rng.Int(2, 6), rng.Int(2, 6)};
  const int pooled_h = static_cast<int>(rng.Int(1, 3)), pooled_w = static_cast<int>(rng.Int(1, 3));
  const auto scale = static_cast<float>(rng.Pick(std::vector<double>{1, 0.5, 0.25}));
  const int sampling_ratio = static_cast<int>(rng.Int(-1, 2));
  const bool aligned = rng.Bool();
  Case c;
  c.program.Input("x", kF32, x).Input("rois", kF32, {b.rois, 4});
  if (!b.counts.empty()) c.program.Input("rois_num", DataType::kInt32, {b.batch});
  c.program.Var("y", kF32, {b.rois, x[1], pooled_h, pooled_w});
  OpBuilder op = c.program.Op("roi_align");
  op.In("X", {"x"})
      .In("ROIs", {"rois"})
      .Out("Out", {"y"})
      .Attr("pooled_height", pooled_h)
      .Attr("pooled_width", pooled_w)
      .Attr("spatial_scale", scale)
      .Attr("sampling_ratio", sampling_ratio)
      .Attr("aligned", aligned);
  if (!b.counts.empty()) op.In("RoisNum", {"rois_num"});
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.feeds["rois"] = RandomRois(b.rois, static_cast<double>(std::max(x[2], x[3])) / scale, rng);
  if (!b.counts.empty()) {
    c.feeds["rois_num"] = HostTensor::From<int32_t>(DataType::kInt32, {b.batch}, b.counts);
  }
  c.description = fmt::format(
      "x {} rois={} rois_num={} pooled={}x{} spatial_scale={} sampling_ratio={} "
      "aligned={}",
      ShapeText(kF32, x), b.rois, b.counts, pooled_h, pooled_w, scale, sampling_ratio, aligned);
  return c;
}
PD2ONNX_SWEEP(roi_align, RoiAlignCase)

// roi_pool: max over bins of rounded RoIs; pooled size, spatial_scale,
// RoisNum.
Case RoiPoolCase(Rng& rng) {
  const RoiBatch b = RandomRoiBatch(rng);
  const std::vector<int64_t> x = {b.batch, rng.Int(1, 3), rng.Int(2, 6), rng.Int(2, 6)};
  const int pooled_h = static_cast<int>(rng.Int(1, 3)), pooled_w = static_cast<int>(rng.Int(1, 3));
  const auto scale = static_cast<float>(rng.Pick(std::vector<double>{1, 0.5, 0.25}));
  Case c;
  c.program.Input("x", kF32, x).Input("rois", kF32, {b.rois, 4});
  if (!b.counts.empty()) c.program.Input("rois_num", DataType::kInt32, {b.batch});
  c.program.Var("y", kF32, {b.rois, x[1], pooled_h, pooled_w})
      .Var("argmax", DataType::kInt64, {b.rois, x[1], pooled_h, pooled_w});
  OpBuilder op = c.program.Op("roi_pool");
  op.In("X", {"x"})
      .In("ROIs", {"rois"})
      .Out("Out", {"y"})
      .Out("Argmax", {"argmax"})
      .Attr("pooled_height", pooled_h)
      .Attr("pooled_width", pooled_w)
      .Attr("spatial_scale", scale);
  if (!b.counts.empty()) op.In("RoisNum", {"rois_num"});
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.feeds["rois"] = RandomRois(b.rois, static_cast<double>(std::max(x[2], x[3])) / scale, rng);
  if (!b.counts.empty()) {
    c.feeds["rois_num"] = HostTensor::From<int32_t>(DataType::kInt32, {b.batch}, b.counts);
  }
  c.description = fmt::format("x {} rois={} rois_num={} pooled={}x{} spatial_scale={}",
                              ShapeText(kF32, x), b.rois, b.counts, pooled_h, pooled_w, scale);
  return c;
}
PD2ONNX_SWEEP(roi_pool, RoiPoolCase)

// deformable_conv (with Mask) / deformable_conv_v1: groups,
// deformable_groups, strides, paddings, dilations, kernel; offsets move
// samples by up to 2.5 pixels, some off the map.
Generator DeformableConv(std::string op_type) {
  return [op_type](Rng& rng) {
    const bool v1 = op_type == "deformable_conv_v1";
    const int groups = static_cast<int>(rng.Int(1, 2));
    const int dgroups = static_cast<int>(rng.Int(1, 2));
    const int64_t channels = groups * dgroups * rng.Int(1, 2);
    const int64_t out_c = groups * rng.Int(1, 2);
    const int64_t kh = rng.Int(1, 3), kw = rng.Int(1, 3);
    const std::vector<int> strides = {static_cast<int>(rng.Int(1, 2)),
                                      static_cast<int>(rng.Int(1, 2))};
    const std::vector<int> paddings = {static_cast<int>(rng.Int(0, 1)),
                                       static_cast<int>(rng.Int(0, 1))};
    const std::vector<int> dilations = {static_cast<int>(rng.Int(1, 2)),
                                        static_cast<int>(rng.Int(1, 2))};
    // Paddle needs a positive output extent; like conv2d's sweep, the padded
    // input also holds the dilated kernel (ONNX has no window past it).
    const int64_t h = std::max(rng.Int(4, 6), dilations[0] * (kh - 1) + 1 - 2 * paddings[0]);
    const int64_t w = std::max(rng.Int(4, 6), dilations[1] * (kw - 1) + 1 - 2 * paddings[1]);
    const int64_t n = rng.Int(1, 2);
    auto out_size = [](int64_t in, int64_t k, int s, int p, int d) {
      return (in + 2 * p - (d * (k - 1) + 1)) / s + 1;
    };
    const int64_t ho = out_size(h, kh, strides[0], paddings[0], dilations[0]);
    const int64_t wo = out_size(w, kw, strides[1], paddings[1], dilations[1]);
    const std::vector<int64_t> x = {n, channels, h, w};
    const std::vector<int64_t> filter = {out_c, channels / groups, kh, kw};
    const std::vector<int64_t> offset = {n, 2 * dgroups * kh * kw, ho, wo};
    const std::vector<int64_t> mask = {n, dgroups * kh * kw, ho, wo};
    Case c;
    c.program.Input("x", kF32, {-1, channels, -1, -1})
        .Input("offset", kF32, {-1, offset[1], -1, -1})
        .Param("w", RandomTensor(kF32, filter, rng.TensorSeed()))
        .Var("y", kF32, {-1, out_c, -1, -1});
    if (!v1) c.program.Input("mask", kF32, {-1, mask[1], -1, -1});
    OpBuilder op = c.program.Op(op_type);
    op.In("Input", {"x"})
        .In("Offset", {"offset"})
        .In("Filter", {"w"})
        .Out("Output", {"y"})
        .Attr("strides", strides)
        .Attr("paddings", paddings)
        .Attr("dilations", dilations)
        .Attr("groups", groups)
        .Attr("deformable_groups", dgroups)
        .Attr("im2col_step", 1);
    if (!v1) op.In("Mask", {"mask"});
    c.program.Output("y");
    c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
    c.feeds["offset"] = RandomTensor(kF32, offset, rng.TensorSeed(), -2.5, 2.5);
    if (!v1) c.feeds["mask"] = RandomTensor(kF32, mask, rng.TensorSeed(), 0, 1);
    c.description = fmt::format(
        "x {} filter {} groups={} deformable_groups={} strides={} paddings={} dilations={}",
        ShapeText(kF32, x), graph::ShapeToString(filter), groups, dgroups, strides, paddings,
        dilations);
    return c;
  };
}
PD2ONNX_SWEEP(deformable_conv, DeformableConv("deformable_conv"), 2)
PD2ONNX_SWEEP(deformable_conv_v1, DeformableConv("deformable_conv_v1"), 2)

// matrix_nms: batch, classes, boxes (some repeated, so IoU 1), scores on a
// 0.1 grid (ties), both decays and sigma, thresholds, nms_top_k, keep_top_k,
// background_label and normalized.
Case MatrixNmsCase(Rng& rng) {
  const int64_t n = rng.Int(1, 2), classes = rng.Int(1, 3), m = rng.Int(1, 8);
  std::vector<float> boxes;
  for (int64_t k = 0; k < n * m; ++k) {
    if (k > 0 && rng.Int(0, 3) == 0) {  // a copy of the previous box
      boxes.insert(boxes.end(), boxes.end() - 4, boxes.end());
      continue;
    }
    const auto x = static_cast<float>(rng.Real(0, 8)), y = static_cast<float>(rng.Real(0, 8));
    boxes.insert(boxes.end(), {x, y, x + static_cast<float>(rng.Real(0.5, 4)),
                               y + static_cast<float>(rng.Real(0.5, 4))});
  }
  std::vector<float> scores(static_cast<size_t>(n * classes * m));
  for (float& v : scores) v = static_cast<float>(rng.Int(0, 10)) / 10.0f;
  const auto score_threshold = static_cast<float>(rng.Pick(std::vector<double>{0.0, 0.1, 0.3}));
  const auto post_threshold = static_cast<float>(rng.Pick(std::vector<double>{0.0, 0.05, 0.2}));
  const int nms_top_k = rng.Bool() ? -1 : static_cast<int>(rng.Int(1, m));
  const int keep_top_k = rng.Bool() ? -1 : static_cast<int>(rng.Int(1, classes * m));
  const bool gaussian = rng.Bool(), normalized = rng.Bool();
  const auto sigma = static_cast<float>(rng.Real(0.5, 3));
  const int background = static_cast<int>(rng.Int(-1, classes - 1));
  Case c;
  c.program.Input("boxes", kF32, {n, m, 4})
      .Input("scores", kF32, {n, classes, m})
      .Var("out", kF32, {-1, 6})
      .Var("index", DataType::kInt32, {-1, 1})
      .Var("count", DataType::kInt32, {n});
  c.program.Op("matrix_nms")
      .In("BBoxes", {"boxes"})
      .In("Scores", {"scores"})
      .Out("Out", {"out"})
      .Out("Index", {"index"})
      .Out("RoisNum", {"count"})
      .Attr("score_threshold", score_threshold)
      .Attr("post_threshold", post_threshold)
      .Attr("nms_top_k", nms_top_k)
      .Attr("keep_top_k", keep_top_k)
      .Attr("use_gaussian", gaussian)
      .Attr("gaussian_sigma", sigma)
      .Attr("background_label", background)
      .Attr("normalized", normalized);
  c.program.Output("out").Output("index").Output("count");
  c.feeds["boxes"] = HostTensor::From(kF32, {n, m, 4}, boxes);
  c.feeds["scores"] = HostTensor::From(kF32, {n, classes, m}, scores);
  c.description = fmt::format(
      "boxes [{},{},4] classes={} score_threshold={} post_threshold={} nms_top_k={} "
      "keep_top_k={} use_gaussian={} sigma={} background_label={} normalized={}",
      n, m, classes, score_threshold, post_threshold, nms_top_k, keep_top_k, gaussian, sigma,
      background, normalized);
  return c;
}
PD2ONNX_SWEEP(matrix_nms, MatrixNmsCase)

}  // namespace
}  // namespace pd2onnx::testing::sweep

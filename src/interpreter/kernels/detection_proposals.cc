// generate_proposals (v1, ImInfo) and generate_proposals_v2 (ImShape,
// pixel_offset), collect_fpn_proposals and distribute_fpn_proposals, from
// phi's CPU kernels.
//
// generate_proposals, per image: scores [A, H, W] and deltas [4A, H, W] are
// read in (h, w, a) order against anchors/variances [H, W, A, 4]; the
// pre_nms_topN best are decoded (box coder with variances, log-size deltas
// clipped at log(1000/16), +1 sizes with pixel_offset), clipped to the
// image, filtered by min_size (v1 scales the size back by ImInfo's scale and
// also drops boxes whose centre leaves the image), then greedy NMS (IoU with
// +1 sizes when pixel_offset, threshold times eta after each kept box while
// above 0.5) keeps at most post_nms_topN. An image with no box left gets one
// all-zero box of score 0. nms_thresh <= 0 skips NMS and post_nms_topN.
//
// Without RoisNum inputs the FPN ops read LoD, which ONNX cannot carry:
// every RoI then belongs to image 0.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "interpreter/kernels/detection_region.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

struct Box {
  float x1, y1, x2, y2;
};

struct ProposalAttrs {
  int64_t pre_nms_top_n, post_nms_top_n;
  float nms_thresh, min_size, eta;
  bool pixel_offset;
  bool scale_filter;  // v1: min_size compares sizes divided by ImInfo's scale
};

Box Decode(const float* anchor, const float* delta, const float* var, float offset) {
  const float kClip = static_cast<float>(std::log(1000.0 / 16.0));
  const float aw = anchor[2] - anchor[0] + offset;
  const float ah = anchor[3] - anchor[1] + offset;
  const float acx = anchor[0] + 0.5f * aw;
  const float acy = anchor[1] + 0.5f * ah;
  const float cx = var[0] * delta[0] * aw + acx;
  const float cy = var[1] * delta[1] * ah + acy;
  const float w = std::exp(std::min(var[2] * delta[2], kClip)) * aw;
  const float h = std::exp(std::min(var[3] * delta[3], kClip)) * ah;
  return {cx - w / 2, cy - h / 2, cx + w / 2 - offset, cy + h / 2 - offset};
}

// Paddle's JaccardOverlap: 0 for disjoint boxes, +1 sizes unless normalized.
float Overlap(const Box& a, const Box& b, bool pixel_offset) {
  if (b.x1 > a.x2 || b.x2 < a.x1 || b.y1 > a.y2 || b.y2 < a.y1) return 0;
  const float norm = pixel_offset ? 1.0f : 0.0f;
  auto area = [&](const Box& r) {
    if (r.x2 < r.x1 || r.y2 < r.y1) return 0.0f;
    return (r.x2 - r.x1 + norm) * (r.y2 - r.y1 + norm);
  };
  const float iw = std::min(a.x2, b.x2) - std::max(a.x1, b.x1) + norm;
  const float ih = std::min(a.y2, b.y2) - std::max(a.y1, b.y1) + norm;
  const float inter = iw * ih;
  return inter / (area(a) + area(b) - inter);
}

// Greedy NMS over boxes already in descending score order; returns the
// positions kept, in order.
std::vector<size_t> Nms(const std::vector<Box>& boxes, float thresh, float eta, bool pixel_offset) {
  std::vector<size_t> kept;
  float adaptive = thresh;
  for (size_t i = 0; i < boxes.size(); ++i) {
    bool keep = true;
    for (size_t k : kept) {
      if (Overlap(boxes[i], boxes[k], pixel_offset) > adaptive) {
        keep = false;
        break;
      }
    }
    if (!keep) continue;
    kept.push_back(i);
    if (eta < 1 && adaptive > 0.5f) adaptive *= eta;
  }
  return kept;
}

struct Proposals {
  std::vector<Box> boxes;
  std::vector<float> scores;
};

Proposals ProposeForImage(const std::vector<float>& scores, const std::vector<float>& deltas,
                          const float* anchors, const float* variances, const float* im_info,
                          const ProposalAttrs& a) {
  const float offset = a.pixel_offset ? 1.0f : 0.0f;
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t i, size_t j) { return scores[i] > scores[j]; });
  if (a.pre_nms_top_n > 0 && static_cast<size_t>(a.pre_nms_top_n) < order.size()) {
    order.resize(static_cast<size_t>(a.pre_nms_top_n));
  }
  const float im_h = im_info[0], im_w = im_info[1];
  const float min_size = std::max(a.min_size, 1.0f);
  Proposals valid;
  for (size_t i : order) {
    Box b = Decode(anchors + 4 * i, deltas.data() + 4 * i, variances + 4 * i, offset);
    b.x1 = std::max(std::min(b.x1, im_w - offset), 0.0f);
    b.x2 = std::max(std::min(b.x2, im_w - offset), 0.0f);
    b.y1 = std::max(std::min(b.y1, im_h - offset), 0.0f);
    b.y2 = std::max(std::min(b.y2, im_h - offset), 0.0f);
    float ws = b.x2 - b.x1 + offset, hs = b.y2 - b.y1 + offset;
    bool keep = true;
    if (a.pixel_offset) {
      const float x_ctr = b.x1 + ws / 2, y_ctr = b.y1 + hs / 2;
      if (a.scale_filter) {
        ws = (b.x2 - b.x1) / im_info[2] + 1;
        hs = (b.y2 - b.y1) / im_info[2] + 1;
      }
      keep = x_ctr <= im_w && y_ctr <= im_h;
    }
    if (keep && ws >= min_size && hs >= min_size) {
      valid.boxes.push_back(b);
      valid.scores.push_back(scores[i]);
    }
  }
  if (valid.boxes.empty()) return {{Box{0, 0, 0, 0}}, {0.0f}};
  if (a.nms_thresh <= 0) return valid;
  std::vector<size_t> kept = Nms(valid.boxes, a.nms_thresh, a.eta, a.pixel_offset);
  if (a.post_nms_top_n > 0 && static_cast<size_t>(a.post_nms_top_n) < kept.size()) {
    kept.resize(static_cast<size_t>(a.post_nms_top_n));
  }
  Proposals out;
  for (size_t k : kept) {
    out.boxes.push_back(valid.boxes[k]);
    out.scores.push_back(valid.scores[k]);
  }
  return out;
}

void RunGenerateProposals(KernelContext& ctx, bool v2) {
  const HostTensor& scores = ctx.Input("Scores");
  const HostTensor& deltas = ctx.Input("BboxDeltas");
  const HostTensor& im_info = ctx.Input(v2 ? "ImShape" : "ImInfo");
  const HostTensor& anchors = ctx.Input("Anchors");
  const HostTensor& variances = ctx.Input("Variances");
  for (const HostTensor* t : {&scores, &deltas, &im_info, &anchors, &variances}) {
    RequireFloat32(*t, "generate_proposals input");
  }
  PD2ONNX_CHECK(scores.dims.size() == 4 && deltas.dims.size() == 4 &&
                    deltas.dims[1] == 4 * scores.dims[1] && deltas.dims[2] == scores.dims[2] &&
                    deltas.dims[3] == scores.dims[3],
                ErrorKind::kInvalidInput, "Scores {} and BboxDeltas {} do not match",
                graph::ShapeToString(scores.dims), graph::ShapeToString(deltas.dims));
  const int64_t n = scores.dims[0], a = scores.dims[1], h = scores.dims[2], w = scores.dims[3];
  const int64_t count = a * h * w;
  PD2ONNX_CHECK(anchors.numel() == count * 4 && variances.numel() == count * 4,
                ErrorKind::kInvalidInput, "Anchors/Variances must hold {} boxes", count);
  const int64_t info_width = im_info.dims.back();
  PD2ONNX_CHECK(im_info.dims.size() == 2 && im_info.dims[0] == n && info_width >= (v2 ? 2 : 3),
                ErrorKind::kInvalidInput, "{} has shape {}", v2 ? "ImShape" : "ImInfo",
                graph::ShapeToString(im_info.dims));
  const ProposalAttrs attrs{ctx.Attr<int64_t>("pre_nms_topN", 6000),
                            ctx.Attr<int64_t>("post_nms_topN", 1000),
                            ctx.Attr<float>("nms_thresh", 0.5f),
                            ctx.Attr<float>("min_size", 0.1f),
                            ctx.Attr<float>("eta", 1.0f),
                            v2 ? ctx.Attr<bool>("pixel_offset", true) : true,
                            !v2};
  std::vector<float> all_boxes, all_scores;
  std::vector<int32_t> counts;
  const float* s = scores.data<float>();
  const float* d = deltas.data<float>();
  for (int64_t b = 0; b < n; ++b) {
    // Transposed to (h, w, a) order, as the anchors are laid out.
    std::vector<float> image_scores(static_cast<size_t>(count));
    std::vector<float> image_deltas(static_cast<size_t>(count * 4));
    for (int64_t y = 0; y < h; ++y) {
      for (int64_t x = 0; x < w; ++x) {
        for (int64_t k = 0; k < a; ++k) {
          const int64_t at = (y * w + x) * a + k;
          image_scores[static_cast<size_t>(at)] = s[((b * a + k) * h + y) * w + x];
          for (int64_t c = 0; c < 4; ++c) {
            image_deltas[static_cast<size_t>(at * 4 + c)] =
                d[((b * 4 * a + k * 4 + c) * h + y) * w + x];
          }
        }
      }
    }
    const Proposals p =
        ProposeForImage(image_scores, image_deltas, anchors.data<float>(), variances.data<float>(),
                        im_info.data<float>() + b * info_width, attrs);
    for (const Box& box : p.boxes)
      all_boxes.insert(all_boxes.end(), {box.x1, box.y1, box.x2, box.y2});
    all_scores.insert(all_scores.end(), p.scores.begin(), p.scores.end());
    counts.push_back(static_cast<int32_t>(p.boxes.size()));
  }
  const auto total = static_cast<int64_t>(all_scores.size());
  ctx.SetOutput("RpnRois", HostTensor::From<float>(DataType::kFloat32, {total, 4}, all_boxes));
  ctx.SetOutput("RpnRoiProbs", HostTensor::From<float>(DataType::kFloat32, {total, 1}, all_scores));
  ctx.SetOutput("RpnRoisNum", HostTensor::From<int32_t>(DataType::kInt32, {n}, counts));
}

// The image of each of `rows` RoIs from a per-image count tensor, or all 0.
std::vector<int64_t> ImagesOf(const HostTensor* counts, int64_t rows) {
  std::vector<int64_t> images(static_cast<size_t>(rows), 0);
  if (counts == nullptr) return images;
  int64_t at = 0, image = 0;
  for (int64_t c : counts->ToInt64()) {
    for (int64_t k = 0; k < c && at < rows; ++k) images[static_cast<size_t>(at++)] = image;
    ++image;
  }
  PD2ONNX_CHECK(at == rows, ErrorKind::kInvalidInput, "RoI counts add up to {}, not {}", at, rows);
  return images;
}

}  // namespace

void GenerateProposals(KernelContext& ctx) { RunGenerateProposals(ctx, false); }
void GenerateProposalsV2(KernelContext& ctx) { RunGenerateProposals(ctx, true); }

// collect_fpn_proposals: the post_nms_topN best RoIs of all levels and
// images together (by score, stable), then regrouped by image (stable).
void CollectFpnProposals(KernelContext& ctx) {
  const std::vector<const HostTensor*> rois = ctx.InputList("MultiLevelRois");
  const std::vector<const HostTensor*> scores = ctx.InputList("MultiLevelScores");
  const std::vector<const HostTensor*> nums = ctx.InputList("MultiLevelRoIsNum");
  PD2ONNX_CHECK(
      rois.size() == scores.size() && !rois.empty() && (nums.empty() || nums.size() == rois.size()),
      ErrorKind::kInvalidInput,
      "MultiLevelRois, MultiLevelScores and "
      "MultiLevelRoIsNum must list the same levels");
  struct Entry {
    float score;
    int64_t image;
    const float* box;
  };
  std::vector<Entry> all;
  int64_t batch = 1;
  for (size_t level = 0; level < rois.size(); ++level) {
    RequireFloat32(*rois[level], "MultiLevelRois");
    RequireFloat32(*scores[level], "MultiLevelScores");
    const int64_t rows = rois[level]->dims[0];
    PD2ONNX_CHECK(scores[level]->numel() == rows, ErrorKind::kInvalidInput,
                  "level {} has {} RoIs but {} scores", level, rows, scores[level]->numel());
    const std::vector<int64_t> images = ImagesOf(nums.empty() ? nullptr : nums[level], rows);
    if (!nums.empty()) batch = nums[level]->numel();
    for (int64_t r = 0; r < rows; ++r) {
      all.push_back({scores[level]->data<float>()[r], images[static_cast<size_t>(r)],
                     rois[level]->data<float>() + 4 * r});
    }
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Entry& x, const Entry& y) { return x.score > y.score; });
  const auto top = static_cast<size_t>(std::max<int64_t>(ctx.Attr<int64_t>("post_nms_topN", 0), 0));
  if (top < all.size()) all.resize(top);
  std::stable_sort(all.begin(), all.end(),
                   [](const Entry& x, const Entry& y) { return x.image < y.image; });
  std::vector<float> out;
  std::vector<int32_t> counts(static_cast<size_t>(batch), 0);
  for (const Entry& e : all) {
    out.insert(out.end(), e.box, e.box + 4);
    ++counts[static_cast<size_t>(e.image)];
  }
  ctx.SetOutput("FpnRois", HostTensor::From<float>(DataType::kFloat32,
                                                   {static_cast<int64_t>(all.size()), 4}, out));
  ctx.SetOutput("RoisNum", HostTensor::From<int32_t>(DataType::kInt32, {batch}, counts));
}

// distribute_fpn_proposals: level = floor(log2(sqrt(area) / refer_scale +
// 1e-6)) + refer_level clamped to [min_level, max_level] (area with +1
// sizes when pixel_offset, 0 for an inverted box); each level lists its
// RoIs in input order, RestoreIndex[i] is where RoI i went in the
// concatenation of the levels.
void DistributeFpnProposals(KernelContext& ctx) {
  const HostTensor& rois = ctx.Input("FpnRois");
  RequireFloat32(rois, "FpnRois");
  const int64_t rows = rois.dims[0];
  const int64_t min_level = ctx.Attr<int64_t>("min_level"),
                max_level = ctx.Attr<int64_t>("max_level");
  const int64_t refer_level = ctx.Attr<int64_t>("refer_level");
  const auto refer_scale = static_cast<float>(ctx.Attr<int64_t>("refer_scale"));
  const bool pixel_offset = ctx.Attr<bool>("pixel_offset", true);
  const HostTensor* rois_num = ctx.OptionalInput("RoisNum");
  const std::vector<int64_t> images = ImagesOf(rois_num, rows);
  const int64_t batch = rois_num ? rois_num->numel() : 1;
  const int64_t levels = max_level - min_level + 1;
  std::vector<std::vector<int64_t>> members(static_cast<size_t>(levels));
  const float* r = rois.data<float>();
  for (int64_t i = 0; i < rows; ++i) {
    const float* b = r + 4 * i;
    const float norm = pixel_offset ? 1.0f : 0.0f;
    const float area =
        b[2] < b[0] || b[3] < b[1] ? 0.0f : (b[2] - b[0] + norm) * (b[3] - b[1] + norm);
    const float scale = std::sqrt(area);
    auto level = static_cast<int64_t>(
        std::floor(std::log2(scale / refer_scale + 1e-6f) + static_cast<float>(refer_level)));
    level = std::min(max_level, std::max(level, min_level));
    members[static_cast<size_t>(level - min_level)].push_back(i);
  }
  std::vector<int32_t> restore(static_cast<size_t>(rows));
  int64_t position = 0;
  for (int64_t l = 0; l < levels; ++l) {
    const std::vector<int64_t>& m = members[static_cast<size_t>(l)];
    std::vector<float> out;
    std::vector<int32_t> counts(static_cast<size_t>(batch), 0);
    for (int64_t i : m) {
      out.insert(out.end(), r + 4 * i, r + 4 * i + 4);
      ++counts[static_cast<size_t>(images[static_cast<size_t>(i)])];
      restore[static_cast<size_t>(i)] = static_cast<int32_t>(position++);
    }
    ctx.SetOutput(
        "MultiFpnRois",
        HostTensor::From<float>(DataType::kFloat32, {static_cast<int64_t>(m.size()), 4}, out),
        static_cast<size_t>(l));
    ctx.SetOutput("MultiLevelRoIsNum", HostTensor::From<int32_t>(DataType::kInt32, {batch}, counts),
                  static_cast<size_t>(l));
  }
  ctx.SetOutput("RestoreIndex", HostTensor::From<int32_t>(DataType::kInt32, {rows, 1}, restore));
}

}  // namespace pd2onnx::interp::kernels

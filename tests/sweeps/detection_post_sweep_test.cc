// Sweeps of the detection post-processing ops: multiclass_nms / 2 / 3,
// generate_proposals(_v2), collect_fpn_proposals and
// distribute_fpn_proposals.
//
// Their outputs are selections, so the inputs keep every decision away from
// its threshold: scores are distinct and spaced (no sort ties, none near
// score_threshold), NMS boxes are redrawn until no pair's IoU is within 0.01
// of any threshold the op can use (nms_threshold and its nms_eta
// adaptations), by Paddle's IoU and by the IoU ONNX NonMaxSuppression
// computes, and RoIs for distribute_fpn_proposals stay away from level
// boundaries. Ties, zero-area boxes and exact IoU-at-threshold cases are
// pinned by the hand-computed tests in tests/mappers/detection/.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;
// Squeeze / Unsqueeze / Split / Reduce* change form at 13 and 18.
const std::vector<int> kHelperOpsets = {13, 18};
const DataType kI32 = DataType::kInt32;

// rng-driven Fisher–Yates shuffle.
template <typename T>
void Shuffle(std::vector<T>& v, Rng& rng) {
  for (int64_t i = static_cast<int64_t>(v.size()) - 1; i > 0; --i) {
    std::swap(v[static_cast<size_t>(i)], v[static_cast<size_t>(rng.Int(0, i))]);
  }
}

// `count` distinct scores in random order, one in each slot
// ((j + 0.3) / count, (j + 0.7) / count) of [0, 1): neighbours are at least
// 0.6 / count apart and at least 0.3 / count from any slot boundary k / count.
std::vector<float> SlotScores(Rng& rng, int64_t count) {
  std::vector<float> v;
  for (int64_t j = 0; j < count; ++j) {
    v.push_back(static_cast<float>((static_cast<double>(j) + rng.Real(0.3, 0.7)) /
                                   static_cast<double>(count)));
  }
  Shuffle(v, rng);
  return v;
}

// Counts per image (some 0) summing to `total`.
std::vector<int32_t> SplitCounts(Rng& rng, int64_t total, int64_t images) {
  std::vector<int32_t> counts(static_cast<size_t>(images), 0);
  for (int64_t i = 0; i < total; ++i) ++counts[static_cast<size_t>(rng.Int(0, images - 1))];
  return counts;
}

HostTensor Int32s(const std::vector<int32_t>& v) {
  return HostTensor::From<int32_t>(kI32, {static_cast<int64_t>(v.size())}, v);
}

// ---- multiclass_nms / multiclass_nms2 / multiclass_nms3 -----------------

struct Box {
  double x1, y1, x2, y2;
};

// Paddle's IoU (JaccardOverlap with normalized's +1 sizes).
double PaddleIou(const Box& a, const Box& b, bool normalized) {
  if (b.x1 > a.x2 || b.x2 < a.x1 || b.y1 > a.y2 || b.y2 < a.y1) return 0;
  const double norm = normalized ? 0 : 1;
  const double iw = std::min(a.x2, b.x2) - std::max(a.x1, b.x1) + norm;
  const double ih = std::min(a.y2, b.y2) - std::max(a.y1, b.y1) + norm;
  const double area_a = (a.x2 - a.x1 + norm) * (a.y2 - a.y1 + norm);
  const double area_b = (b.x2 - b.x1 + norm) * (b.y2 - b.y1 + norm);
  return iw * ih / (area_a + area_b - iw * ih);
}

// The IoU ONNX NonMaxSuppression sees: the mapper adds 1 to x2 and y2 when
// not normalized; no disjointness test.
double OnnxIou(const Box& a, const Box& b, bool normalized) {
  const double pad = normalized ? 0 : 1;
  const double iw = std::max(0.0, std::min(a.x2, b.x2) + pad - std::max(a.x1, b.x1));
  const double ih = std::max(0.0, std::min(a.y2, b.y2) + pad - std::max(a.y1, b.y1));
  const double area_a = (a.x2 + pad - a.x1) * (a.y2 + pad - a.y1);
  const double area_b = (b.x2 + pad - b.x1) * (b.y2 + pad - b.y1);
  return iw * ih / (area_a + area_b - iw * ih);
}

// Every threshold Paddle's NMS may use: nms_threshold, then × nms_eta after
// each kept box while above 0.5 (in float, as Paddle).
std::vector<double> NmsThresholds(float nms_threshold, float eta) {
  std::vector<double> t = {nms_threshold};
  float current = nms_threshold;
  while (eta < 1.0f && current > 0.5f) {
    current *= eta;
    t.push_back(current);
  }
  return t;
}

// True when both IoUs of a and b are clear of every threshold, on its same side.
bool ClearOfThresholds(const Box& a, const Box& b, bool normalized,
                       const std::vector<double>& thresholds) {
  const double paddle = PaddleIou(a, b, normalized);
  const double onnx = OnnxIou(a, b, normalized);
  return std::all_of(thresholds.begin(), thresholds.end(), [&](double t) {
    return std::abs(paddle - t) > 0.01 && std::abs(onnx - t) > 0.01 && (paddle > t) == (onnx > t);
  });
}

// A box around a 2×2 grid cell (unit cells), jittered: boxes of one cell
// overlap much, neighbours by varying amounts, far cells not at all.
Box GridBox(Rng& rng) {
  const double cx = static_cast<double>(rng.Int(0, 1)) + 0.5 + rng.Real(-0.3, 0.3);
  const double cy = static_cast<double>(rng.Int(0, 1)) + 0.5 + rng.Real(-0.3, 0.3);
  const double w = rng.Real(0.5, 1.6), h = rng.Real(0.5, 1.6);
  return {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
}

// m boxes of one image, scaled by `scale`: some copies of an earlier box
// (IoU 1), every pair clear of the thresholds (redrawn; after 200 tries a
// box far from all others).
std::vector<Box> NmsBoxes(Rng& rng, int64_t m, double scale, bool normalized,
                          const std::vector<double>& thresholds) {
  std::vector<Box> boxes;
  for (int64_t j = 0; j < m; ++j) {
    if (j > 0 && rng.Int(0, 4) == 0) {
      boxes.push_back(boxes[static_cast<size_t>(rng.Int(0, j - 1))]);
      continue;
    }
    Box box{};
    bool clear = false;
    for (int attempt = 0; attempt < 200 && !clear; ++attempt) {
      const Box unit = GridBox(rng);
      box = {unit.x1 * scale, unit.y1 * scale, unit.x2 * scale, unit.y2 * scale};
      clear = std::all_of(boxes.begin(), boxes.end(), [&](const Box& other) {
        return ClearOfThresholds(box, other, normalized, thresholds);
      });
    }
    if (!clear) {
      const double x = 10 * scale * static_cast<double>(j + 1);
      box = {x, x, x + scale, x + scale};
    }
    boxes.push_back(box);
  }
  return boxes;
}

// multiclass_nms (Out), multiclass_nms2 (+ Index), multiclass_nms3 (+
// NmsRoisNum; a RoisNum input, which Paddle reads only for 2-D Scores, now
// and then): batch, classes, boxes, score_threshold (sometimes above every
// score), nms_top_k and keep_top_k (-1 or small), nms_threshold with nms_eta
// (1 or adaptive), background_label (-1, 0 or another class) and
// normalized.
Generator MulticlassNms(std::string op_type) {
  return [op_type](Rng& rng) {
    const bool v1 = op_type == "multiclass_nms";
    const bool v3 = op_type == "multiclass_nms3";
    const int64_t n = rng.Int(1, 2), classes = rng.Int(1, 3), m = rng.Int(1, 8);
    const bool normalized = rng.Bool();
    const auto nms_threshold =
        static_cast<float>(rng.Pick(std::vector<double>{0.3, 0.45, 0.6, 0.7, 0.8}));
    const float eta = rng.Int(0, 2) == 0 ? static_cast<float>(rng.Real(0.7, 0.95)) : 1.0f;
    const int64_t slots = classes * m;
    // score_threshold on a slot boundary k / slots; k = slots: nothing kept.
    const int64_t cut = rng.Int(0, 5) == 0 ? slots : rng.Int(0, slots / 2);
    const auto score_threshold = static_cast<float>(cut) / static_cast<float>(slots);
    const int nms_top_k = rng.Bool() ? -1 : static_cast<int>(rng.Int(1, m));
    const int keep_top_k = rng.Bool() ? -1 : static_cast<int>(rng.Int(1, slots));
    const int background =
        static_cast<int>(rng.Pick(std::vector<int64_t>{-1, 0, rng.Int(0, classes - 1)}));
    const bool rois_num = v3 && rng.Int(0, 2) == 0;
    const std::vector<double> thresholds = NmsThresholds(nms_threshold, eta);
    std::vector<float> boxes, scores;
    for (int64_t b = 0; b < n; ++b) {
      for (const Box& box : NmsBoxes(rng, m, normalized ? 0.3 : 8.0, normalized, thresholds)) {
        for (double v : {box.x1, box.y1, box.x2, box.y2}) boxes.push_back(static_cast<float>(v));
      }
      const std::vector<float> image_scores = SlotScores(rng, slots);
      scores.insert(scores.end(), image_scores.begin(), image_scores.end());
    }
    Case c;
    c.extra_opsets = kHelperOpsets;
    c.program.Input("boxes", kF32, {n, m, 4})
        .Input("scores", kF32, {n, classes, m})
        .Var("out", kF32, {-1, 6})
        .Var("index", kI32, {-1, 1})
        .Var("count", kI32, {n});
    if (rois_num) c.program.Input("rois_num", kI32, {n});
    OpBuilder op = c.program.Op(op_type);
    op.In("BBoxes", {"boxes"})
        .In("Scores", {"scores"})
        .Out("Out", {"out"})
        .Attr("score_threshold", score_threshold)
        .Attr("nms_top_k", nms_top_k)
        .Attr("keep_top_k", keep_top_k)
        .Attr("nms_threshold", nms_threshold)
        .Attr("nms_eta", eta)
        .Attr("normalized", normalized)
        .Attr("background_label", background);
    if (!v1) op.Out("Index", {"index"});
    if (v3) op.Out("NmsRoisNum", {"count"});
    if (rois_num) op.In("RoisNum", {"rois_num"});
    c.program.Output("out");
    if (!v1) c.program.Output("index");
    if (v3) c.program.Output("count");
    c.feeds["boxes"] = HostTensor::From(kF32, {n, m, 4}, boxes);
    c.feeds["scores"] = HostTensor::From(kF32, {n, classes, m}, scores);
    if (rois_num)
      c.feeds["rois_num"] =
          Int32s(std::vector<int32_t>(static_cast<size_t>(n), static_cast<int32_t>(m)));
    c.description = fmt::format(
        "boxes [{}, {}, 4] classes={} score_threshold={} nms_top_k={} keep_top_k={} "
        "nms_threshold={} nms_eta={} background_label={} normalized={} RoisNum input={}",
        n, m, classes, score_threshold, nms_top_k, keep_top_k, nms_threshold, eta, background,
        normalized, rois_num);
    return c;
  };
}
PD2ONNX_SWEEP(multiclass_nms, MulticlassNms("multiclass_nms"), 6)
PD2ONNX_SWEEP(multiclass_nms2, MulticlassNms("multiclass_nms2"), 6)
PD2ONNX_SWEEP(multiclass_nms3, MulticlassNms("multiclass_nms3"), 8)

// ---- generate_proposals / generate_proposals_v2 --------------------------

// Anchors [H, W, A, 4] of sizes 16 · 2^a (jittered) centred on a stride-16
// grid, pixel corners (x2 = x1 + size - 1).
HostTensor JitteredAnchors(Rng& rng, int64_t h, int64_t w, int64_t a) {
  std::vector<float> v;
  for (int64_t y = 0; y < h; ++y) {
    for (int64_t x = 0; x < w; ++x) {
      for (int64_t k = 0; k < a; ++k) {
        const double size = 16.0 * static_cast<double>(1 << k) * rng.Real(0.7, 1.3);
        const double cx = (static_cast<double>(x) + 0.5) * 16 + rng.Real(-3, 3);
        const double cy = (static_cast<double>(y) + 0.5) * 16 + rng.Real(-3, 3);
        for (double c : {cx - size / 2, cy - size / 2, cx + size / 2 - 1, cy + size / 2 - 1}) {
          v.push_back(static_cast<float>(c));
        }
      }
    }
  }
  return HostTensor::From<float>(kF32, {h, w, a, 4}, v);
}

// generate_proposals (ImInfo [N, 3] with a scale) and generate_proposals_v2
// (ImShape [N, 2], pixel_offset): pre_nms_topN and post_nms_topN (<= 0: all;
// small; large), nms_thresh (0: no NMS), min_size (some filter every box:
// one zero box per image), eta (1 or adaptive), RpnRoisNum output or not.
Generator GenerateProposals(std::string op_type) {
  return [op_type](Rng& rng) {
    const bool v2 = op_type == "generate_proposals_v2";
    const int64_t n = rng.Int(1, 2), a = rng.Int(1, 3), h = rng.Int(1, 4), w = rng.Int(1, 4);
    const int64_t boxes = a * h * w;
    const int pre = static_cast<int>(rng.Pick(std::vector<int64_t>{0, rng.Int(1, boxes), 6000}));
    const int post = static_cast<int>(rng.Pick(std::vector<int64_t>{0, rng.Int(1, boxes), 1000}));
    const auto nms_thresh = static_cast<float>(rng.Pick(std::vector<double>{0, 0.3, 0.5, 0.7}));
    const auto min_size = static_cast<float>(rng.Pick(std::vector<double>{0.1, 4, 12, 1000}));
    const float eta = rng.Int(0, 2) == 0 ? static_cast<float>(rng.Real(0.7, 0.95)) : 1.0f;
    const bool pixel_offset = !v2 || rng.Int(0, 2) != 0;
    const bool rois_num = rng.Bool();
    std::vector<float> im;
    for (int64_t i = 0; i < n; ++i) {
      im.push_back(static_cast<float>(16.0 * static_cast<double>(h) * rng.Real(0.6, 1.2)));
      im.push_back(static_cast<float>(16.0 * static_cast<double>(w) * rng.Real(0.6, 1.2)));
      if (!v2) im.push_back(static_cast<float>(rng.Pick(std::vector<double>{1, 0.8, 1.5})));
    }
    const int64_t im_cols = v2 ? 2 : 3;
    std::vector<float> scores;
    for (int64_t i = 0; i < n; ++i) {
      const std::vector<float> image_scores = SlotScores(rng, boxes);
      scores.insert(scores.end(), image_scores.begin(), image_scores.end());
    }
    Case c;
    c.extra_opsets = kHelperOpsets;
    c.program.Input("scores", kF32, {-1, a, -1, -1})
        .Input("deltas", kF32, {-1, 4 * a, -1, -1})
        .Input("im", kF32, {-1, im_cols})
        .Input("anchors", kF32, {h, w, a, 4})
        .Input("variances", kF32, {h, w, a, 4})
        .Var("rois", kF32, {-1, 4})
        .Var("probs", kF32, {-1, 1})
        .Var("num", kI32, {n});
    OpBuilder op = c.program.Op(op_type);
    op.In("Scores", {"scores"})
        .In("BboxDeltas", {"deltas"})
        .In(v2 ? "ImShape" : "ImInfo", {"im"})
        .In("Anchors", {"anchors"})
        .In("Variances", {"variances"})
        .Out("RpnRois", {"rois"})
        .Out("RpnRoiProbs", {"probs"})
        .Attr("pre_nms_topN", pre)
        .Attr("post_nms_topN", post)
        .Attr("nms_thresh", nms_thresh)
        .Attr("min_size", min_size)
        .Attr("eta", eta);
    if (v2) op.Attr("pixel_offset", pixel_offset);
    if (rois_num) op.Out("RpnRoisNum", {"num"});
    c.program.Output("rois").Output("probs");
    if (rois_num) c.program.Output("num");
    c.feeds["scores"] = HostTensor::From(kF32, {n, a, h, w}, scores);
    c.feeds["deltas"] = RandomTensor(kF32, {n, 4 * a, h, w}, rng.TensorSeed(), -1, 1);
    c.feeds["im"] = HostTensor::From(kF32, {n, im_cols}, im);
    c.feeds["anchors"] = JitteredAnchors(rng, h, w, a);
    c.feeds["variances"] = RandomTensor(kF32, {h, w, a, 4}, rng.TensorSeed(), 0.1, 1.0);
    c.description = fmt::format(
        "scores [{}, {}, {}, {}] im={} pre_nms_topN={} post_nms_topN={} nms_thresh={} "
        "min_size={} eta={} pixel_offset={} RpnRoisNum output={}",
        n, a, h, w, im, pre, post, nms_thresh, min_size, eta, pixel_offset, rois_num);
    return c;
  };
}
PD2ONNX_SWEEP(generate_proposals, GenerateProposals("generate_proposals"), 6)
PD2ONNX_SWEEP(generate_proposals_v2, GenerateProposals("generate_proposals_v2"), 6)

// ---- collect_fpn_proposals / distribute_fpn_proposals --------------------

// RoIs [count, 4] with sides over 4..600 pixels (every FPN level).
std::vector<float> SpreadRois(Rng& rng, int64_t count) {
  std::vector<float> v;
  for (int64_t i = 0; i < count; ++i) {
    const double x = rng.Real(0, 400), y = rng.Real(0, 400);
    v.insert(v.end(), {static_cast<float>(x), static_cast<float>(y),
                       static_cast<float>(x + std::exp(rng.Real(1.4, 6.4))),
                       static_cast<float>(y + std::exp(rng.Real(1.4, 6.4)))});
  }
  return v;
}

// collect_fpn_proposals: 1..3 levels of RoIs (a level may be empty) with
// distinct scores across all of them, post_nms_topN below or above the
// total, MultiLevelRoIsNum (a batch of 1..3 images, some without RoIs) or
// none (one image), RoisNum output or not.
Case CollectFpnProposalsCase(Rng& rng) {
  const int64_t levels = rng.Int(1, 3);
  const bool with_counts = rng.Bool();
  const int64_t images = with_counts ? rng.Int(1, 3) : 1;
  const bool rois_num_out = rng.Bool();
  std::vector<int64_t> rows;
  int64_t total = 0;
  for (int64_t l = 0; l < levels; ++l) {
    rows.push_back(rng.Int(0, 4) == 0 ? 0 : rng.Int(1, 5));
    total += rows.back();
  }
  if (total == 0) {
    rows[0] = 1;
    total = 1;
  }
  const int top = static_cast<int>(rng.Bool() ? rng.Int(1, total) : total + rng.Int(0, 50));
  const std::vector<float> scores = SlotScores(rng, total);
  Case c;
  c.extra_opsets = kHelperOpsets;
  std::vector<std::string> roi_names, score_names, count_names;
  size_t next_score = 0;
  for (int64_t l = 0; l < levels; ++l) {
    const std::string s = std::to_string(l);
    const int64_t r = rows[static_cast<size_t>(l)];
    c.program.Input("rois" + s, kF32, {-1, 4}).Input("scores" + s, kF32, {-1, 1});
    roi_names.push_back("rois" + s);
    score_names.push_back("scores" + s);
    c.feeds["rois" + s] = HostTensor::From(kF32, {r, 4}, SpreadRois(rng, r));
    c.feeds["scores" + s] =
        HostTensor::From(kF32, {r, 1},
                         std::vector<float>(scores.begin() + static_cast<int64_t>(next_score),
                                            scores.begin() + static_cast<int64_t>(next_score) + r));
    next_score += static_cast<size_t>(r);
    if (with_counts) {
      c.program.Input("num" + s, kI32, {images});
      count_names.push_back("num" + s);
      c.feeds["num" + s] = Int32s(SplitCounts(rng, r, images));
    }
  }
  c.program.Var("out", kF32, {-1, 4}).Var("out_num", kI32, {images});
  OpBuilder op = c.program.Op("collect_fpn_proposals");
  op.In("MultiLevelRois", roi_names)
      .In("MultiLevelScores", score_names)
      .Out("FpnRois", {"out"})
      .Attr("post_nms_topN", top);
  if (with_counts) op.In("MultiLevelRoIsNum", count_names);
  if (rois_num_out) op.Out("RoisNum", {"out_num"});
  c.program.Output("out");
  if (rois_num_out) c.program.Output("out_num");
  c.description =
      fmt::format("levels' rows={} post_nms_topN={} MultiLevelRoIsNum={} ({} images) RoisNum={}",
                  rows, top, with_counts, images, rois_num_out);
  return c;
}
PD2ONNX_SWEEP(collect_fpn_proposals, CollectFpnProposalsCase, 8)

// RoIs whose level stays clear of a boundary: log2(sqrt(area) / refer_scale)
// at least 0.02 from an integer; now and then an inverted box (area 0, the
// lowest level).
std::vector<float> LevelledRois(Rng& rng, int64_t count, int64_t refer_scale, bool pixel_offset) {
  std::vector<float> v;
  const double offset = pixel_offset ? 1 : 0;
  while (static_cast<int64_t>(v.size()) < 4 * count) {
    const std::vector<float> roi = SpreadRois(rng, 1);
    if (rng.Int(0, 9) == 0) {  // inverted
      v.insert(v.end(), {roi[2], roi[3], roi[0], roi[1]});
      continue;
    }
    const double area = (static_cast<double>(roi[2]) - roi[0] + offset) *
                        (static_cast<double>(roi[3]) - roi[1] + offset);
    const double level = std::log2(std::sqrt(area) / static_cast<double>(refer_scale) + 1e-6);
    if (std::abs(level - std::round(level)) < 0.02) continue;
    v.insert(v.end(), roi.begin(), roi.end());
  }
  return v;
}

// distribute_fpn_proposals: min_level..max_level (1 to 4 levels),
// refer_level inside, refer_scale, pixel_offset, RoisNum (a batch of 1..3
// images, some without RoIs, and MultiLevelRoIsNum outputs) or none.
Case DistributeFpnProposalsCase(Rng& rng) {
  const int min_level = static_cast<int>(rng.Int(1, 3));
  const int max_level = min_level + static_cast<int>(rng.Int(0, 3));
  const int refer_level = static_cast<int>(rng.Int(min_level, max_level));
  const int refer_scale = static_cast<int>(rng.Pick(std::vector<int64_t>{56, 112, 224}));
  const bool pixel_offset = rng.Bool();
  const bool with_counts = rng.Bool();
  const int64_t rows = rng.Int(1, 10);
  const int64_t images = with_counts ? rng.Int(1, 3) : 1;
  Case c;
  c.extra_opsets = kHelperOpsets;
  c.program.Input("rois", kF32, {-1, 4});
  c.feeds["rois"] =
      HostTensor::From(kF32, {rows, 4}, LevelledRois(rng, rows, refer_scale, pixel_offset));
  if (with_counts) {
    c.program.Input("num", kI32, {images});
    c.feeds["num"] = Int32s(SplitCounts(rng, rows, images));
  }
  std::vector<std::string> outs, nums;
  for (int l = min_level; l <= max_level; ++l) {
    outs.push_back("level" + std::to_string(l));
    nums.push_back("level_num" + std::to_string(l));
    c.program.Var(outs.back(), kF32, {-1, 4}).Var(nums.back(), kI32, {images});
  }
  c.program.Var("restore", kI32, {rows, 1});
  OpBuilder op = c.program.Op("distribute_fpn_proposals");
  op.In("FpnRois", {"rois"})
      .Out("MultiFpnRois", outs)
      .Out("RestoreIndex", {"restore"})
      .Attr("min_level", min_level)
      .Attr("max_level", max_level)
      .Attr("refer_level", refer_level)
      .Attr("refer_scale", refer_scale)
      .Attr("pixel_offset", pixel_offset);
  if (with_counts) op.In("RoisNum", {"num"}).Out("MultiLevelRoIsNum", nums);
  for (const std::string& o : outs) c.program.Output(o);
  if (with_counts) {
    for (const std::string& o : nums) c.program.Output(o);
  }
  c.program.Output("restore");
  c.description = fmt::format(
      "rois={} levels {}..{} refer_level={} refer_scale={} pixel_offset={} RoisNum={} ({} "
      "images)",
      rows, min_level, max_level, refer_level, refer_scale, pixel_offset, with_counts, images);
  return c;
}
PD2ONNX_SWEEP(distribute_fpn_proposals, DistributeFpnProposalsCase, 8)

}  // namespace
}  // namespace pd2onnx::testing::sweep

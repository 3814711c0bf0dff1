// generate_proposals (ImInfo [N, 3]) and generate_proposals_v2 (ImShape
// [N, 2], pixel_offset) → an exact ONNX graph, batched over images:
//
//  1. Scores / BboxDeltas transposed to (h, w, a) order; TopK-11 keeps the
//     pre_nms_topN best of each image (K of them, sorted).
//  2. Box decoding, clipping and the min_size filter are elementwise, in
//     Paddle's float operation order; filtered boxes become invalid.
//  3. NMS is Paddle's greedy loop, not NonMaxSuppression (whose IoU has no
//     +1 sizes, no disjointness test and no eta): the IoU of every pair is
//     computed as Paddle computes it, then a Loop over the K boxes in score
//     order keeps box i when it is valid and overlaps no kept box by more
//     than the image's adaptive threshold, which eta shrinks after each kept
//     box while above 0.5. CumSum then caps each image at post_nms_topN.
//  4. An image with no valid box yields one all-zero box of score 0, as in
//     Paddle: every image gets one extra zero slot, kept only then.
//  5. Compress flattens the kept boxes image by image; RpnRoisNum counts
//     them.
// nms_thresh <= 0 skips NMS and post_nms_topN, as Paddle does.
//
// Ties between scores are the one unspecified point: Paddle orders them
// with nth_element/sort, TopK by index.
#include <cmath>
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

struct Config {
  bool v2 = false;
  int64_t pre_nms_top_n = 6000, post_nms_top_n = 1000;
  float nms_thresh = 0.5f, min_size = 0.1f, eta = 1.0f;
  bool pixel_offset = true;
};

Config ReadConfig(const graph::Op& op) {
  Config c;
  c.v2 = op.type == "generate_proposals_v2";
  c.pre_nms_top_n = op.Attr<int64_t>("pre_nms_topN", 6000);
  c.post_nms_top_n = op.Attr<int64_t>("post_nms_topN", 1000);
  c.nms_thresh = op.Attr<float>("nms_thresh", 0.5f);
  c.min_size = op.Attr<float>("min_size", 0.1f);
  c.eta = op.Attr<float>("eta", 1.0f);
  c.pixel_offset = c.v2 ? op.Attr<bool>("pixel_offset", true) : true;
  return c;
}

OpsetNeed MinOpset(const graph::Op&) {
  return {11, "generate_proposals (TopK-11, CumSum-11, Range-11, Loop)"};
}

// Box corners, each [N, K, 1].
struct Corners {
  std::string x1, y1, x2, y2;
};

class ProposalGraph {
 public:
  ProposalGraph(MapContext& cx, const graph::Op& op) : cx_(cx), op_(op), c_(ReadConfig(op)) {}

  void Emit() {
    RequireFloat32Inputs(
        cx_, op_, {"Scores", "BboxDeltas", c_.v2 ? "ImShape" : "ImInfo", "Anchors", "Variances"});
    const std::string scores = cx_.Input(op_, "Scores");
    batch_ = cx_.Slice(cx_.Shape(scores), {0}, {1}, {0});
    const std::string flat_scores = cx_.Reshape(cx_.Transpose(scores, {0, 2, 3, 1}), {0, -1});
    const std::string k = TopCount(flat_scores);
    const auto top =
        cx_.NodeN("TopK", {flat_scores, k}, 2,
                  {{"axis", int64_t{1}}, {"largest", int64_t{1}}, {"sorted", int64_t{1}}});
    const std::string& top_scores = top[0];  // [N, K]
    const std::string& order = top[1];
    Corners box = Clip(Decode(order));
    const std::string valid = cx_.Squeeze(Valid(box), {2});  // [N, K]
    std::string kept = valid;
    if (c_.nms_thresh > 0) kept = CapPerImage(Nms(box, valid, cx_.Reshape(k, {})));
    const std::string boxes =
        cx_.Node("Concat", {box.x1, box.y1, box.x2, box.y2}, {{"axis", int64_t{2}}});
    Output(boxes, top_scores, kept, valid);
  }

 private:
  std::string F(float v) { return cx_.ScalarOf(DataType::kFloat32, v); }
  std::string Bin(const char* type, const std::string& a, const std::string& b) {
    return cx_.Node(type, {a, b});
  }
  float Offset() const { return c_.pixel_offset ? 1.0f : 0.0f; }

  // min(pre_nms_topN, boxes per image) as a 1-D [1] int64 (all when <= 0).
  std::string TopCount(const std::string& flat_scores) {
    const std::string count = cx_.Slice(cx_.Shape(flat_scores), {1}, {2}, {0});
    if (c_.pre_nms_top_n <= 0) return count;
    const std::string pre = cx_.ConstI64({c_.pre_nms_top_n});
    return cx_.Node("Where", {Bin("Less", count, pre), count, pre});
  }

  // Rows of a [*, 4] tensor gathered to [N, K, 4] by `order`, as corners.
  Corners Split4(const std::string& t) {
    const auto parts = cx_.Split(t, 2, {1, 1, 1, 1});
    return {parts[0], parts[1], parts[2], parts[3]};
  }

  Corners Decode(const std::string& order) {
    const std::string deltas =
        cx_.Reshape(cx_.Transpose(cx_.Input(op_, "BboxDeltas"), {0, 2, 3, 1}), {0, -1, 4});
    const std::string index =
        cx_.Node("Expand", {cx_.Unsqueeze(order, {2}), cx_.ConstI64({1, 1, 4})});
    const Corners d = Split4(cx_.Node("GatherElements", {deltas, index}, {{"axis", int64_t{1}}}));
    auto gather_rows = [&](const char* slot) {
      return Split4(cx_.Node("Gather", {cx_.Reshape(cx_.Input(op_, slot), {-1, 4}), order},
                             {{"axis", int64_t{0}}}));
    };
    const Corners a = gather_rows("Anchors");
    const Corners v = gather_rows("Variances");
    const std::string off = F(Offset());
    const std::string aw = Bin("Add", Bin("Sub", a.x2, a.x1), off);
    const std::string ah = Bin("Add", Bin("Sub", a.y2, a.y1), off);
    const std::string acx = Bin("Add", a.x1, Bin("Mul", F(0.5f), aw));
    const std::string acy = Bin("Add", a.y1, Bin("Mul", F(0.5f), ah));
    const std::string cx = Bin("Add", Bin("Mul", Bin("Mul", v.x1, d.x1), aw), acx);
    const std::string cy = Bin("Add", Bin("Mul", Bin("Mul", v.y1, d.y1), ah), acy);
    const std::string clip = F(static_cast<float>(std::log(1000.0 / 16.0)));
    auto size = [&](const std::string& var, const std::string& delta, const std::string& anchor) {
      return Bin("Mul", cx_.Node("Exp", {Bin("Min", Bin("Mul", var, delta), clip)}), anchor);
    };
    const std::string half_w = Bin("Div", size(v.x2, d.x2, aw), F(2));
    const std::string half_h = Bin("Div", size(v.y2, d.y2, ah), F(2));
    return {Bin("Sub", cx, half_w), Bin("Sub", cy, half_h), Bin("Sub", Bin("Add", cx, half_w), off),
            Bin("Sub", Bin("Add", cy, half_h), off)};
  }

  // Column `i` of ImInfo / ImShape as [N, 1, 1].
  std::string ImageColumn(int64_t i) {
    const std::string info = cx_.Input(op_, c_.v2 ? "ImShape" : "ImInfo");
    return cx_.Unsqueeze(cx_.Slice(info, {i}, {i + 1}, {1}), {2});
  }

  Corners Clip(const Corners& b) {
    const std::string off = F(Offset());
    const std::string max_y = Bin("Sub", ImageColumn(0), off);
    const std::string max_x = Bin("Sub", ImageColumn(1), off);
    auto clamp = [&](const std::string& v, const std::string& hi) {
      return Bin("Max", Bin("Min", v, hi), F(0));
    };
    return {clamp(b.x1, max_x), clamp(b.y1, max_y), clamp(b.x2, max_x), clamp(b.y2, max_y)};
  }

  std::string AtLeast(const std::string& v, const std::string& bound) {
    return cx_.Node("Not", {Bin("Less", v, bound)});
  }

  // Paddle's FilterBoxes, [N, K, 1] bool.
  std::string Valid(const Corners& b) {
    const std::string off = F(Offset());
    std::string ws = Bin("Add", Bin("Sub", b.x2, b.x1), off);
    std::string hs = Bin("Add", Bin("Sub", b.y2, b.y1), off);
    std::string inside;
    if (c_.pixel_offset) {
      const std::string x_ctr = Bin("Add", b.x1, Bin("Div", ws, F(2)));
      const std::string y_ctr = Bin("Add", b.y1, Bin("Div", hs, F(2)));
      inside = Bin("And", cx_.Node("Not", {Bin("Greater", x_ctr, ImageColumn(1))}),
                   cx_.Node("Not", {Bin("Greater", y_ctr, ImageColumn(0))}));
      if (!c_.v2) {  // v1 compares sizes in the original image's scale
        const std::string scale = ImageColumn(2);
        ws = Bin("Add", Bin("Div", Bin("Sub", b.x2, b.x1), scale), F(1));
        hs = Bin("Add", Bin("Div", Bin("Sub", b.y2, b.y1), scale), F(1));
      }
    }
    const std::string min_size = F(std::max(c_.min_size, 1.0f));
    std::string valid = Bin("And", AtLeast(ws, min_size), AtLeast(hs, min_size));
    return inside.empty() ? valid : Bin("And", valid, inside);
  }

  // IoU of every pair [N, K, K], as Paddle's JaccardOverlap: row i is the
  // candidate, column j a kept box.
  std::string PairwiseIou(const Corners& b) {
    const std::string norm = F(Offset());
    auto t = [&](const std::string& v) { return cx_.Transpose(v, {0, 2, 1}); };
    const Corners bt{t(b.x1), t(b.y1), t(b.x2), t(b.y2)};
    const std::string disjoint =
        Bin("Or", Bin("Or", Bin("Greater", bt.x1, b.x2), Bin("Less", bt.x2, b.x1)),
            Bin("Or", Bin("Greater", bt.y1, b.y2), Bin("Less", bt.y2, b.y1)));
    auto extent = [&](const std::string& lo, const std::string& lo_t, const std::string& hi,
                      const std::string& hi_t) {
      return Bin("Add", Bin("Sub", Bin("Min", hi, hi_t), Bin("Max", lo, lo_t)), norm);
    };
    const std::string inter =
        Bin("Mul", extent(b.x1, bt.x1, b.x2, bt.x2), extent(b.y1, bt.y1, b.y2, bt.y2));
    const std::string area = Bin("Mul", Bin("Add", Bin("Sub", b.x2, b.x1), norm),
                                 Bin("Add", Bin("Sub", b.y2, b.y1), norm));
    const std::string iou = Bin("Div", inter, Bin("Sub", Bin("Add", area, t(area)), inter));
    return cx_.Node("Where", {disjoint, F(0), iou});
  }

  // The greedy NMS loop; returns the kept mask [N, K].
  std::string Nms(const Corners& b, const std::string& valid, const std::string& k) {
    const std::string iou = PairwiseIou(b);
    const std::string positions = cx_.Node(
        "Range", {cx_.ScalarOf(DataType::kInt64, 0), k, cx_.ScalarOf(DataType::kInt64, 1)});
    const std::string none = Bin("Xor", valid, valid);  // all false, [N, K]
    const std::string thresholds = cx_.Node("Expand", {F(c_.nms_thresh), batch_});  // [N]
    const std::vector<int64_t> scalar;
    cx_.BeginSubgraph();
    const std::string i = cx_.SubgraphInput("i", MapContext::TensorType(DataType::kInt64, &scalar));
    const std::string cond =
        cx_.SubgraphInput("cond", MapContext::TensorType(DataType::kBool, &scalar));
    const std::string keep = cx_.SubgraphInput("keep", MapContext::TensorType(DataType::kBool));
    const std::string thr = cx_.SubgraphInput("thr", MapContext::TensorType(DataType::kFloat32));
    const std::string row = cx_.Node("Gather", {iou, i}, {{"axis", int64_t{1}}});  // [N, K]
    const std::string blocking = Bin("And", keep, Bin("Greater", row, cx_.Unsqueeze(thr, {1})));
    const std::string hits =
        cx_.Reduce("ReduceSum", cx_.Cast(blocking, DataType::kInt64), {1}, false);
    const std::string candidate = cx_.Node("Gather", {valid, i}, {{"axis", int64_t{1}}});
    const std::string take =
        Bin("And", candidate, Bin("Equal", hits, cx_.ScalarOf(DataType::kInt64, 0)));  // [N]
    const std::string at_i = Bin("Equal", positions, i);                               // [K]
    const std::string keep_next = Bin("Or", keep, Bin("And", cx_.Unsqueeze(take, {1}), at_i));
    std::string thr_next = thr;
    if (c_.eta < 1) {
      const std::string shrink = Bin("And", take, Bin("Greater", thr, F(0.5f)));
      thr_next = cx_.Node("Where", {shrink, Bin("Mul", thr, F(c_.eta)), thr});
    }
    onnx::GraphProto body =
        cx_.EndSubgraph("nms", {{cond, MapContext::TensorType(DataType::kBool, &scalar)},
                                {keep_next, MapContext::TensorType(DataType::kBool)},
                                {thr_next, MapContext::TensorType(DataType::kFloat32)}});
    return cx_.NodeN("Loop", {k, "", none, thresholds}, 2, {{"body", std::move(body)}})[0];
  }

  // At most post_nms_topN kept boxes per image (all when <= 0).
  std::string CapPerImage(const std::string& kept) {
    if (c_.post_nms_top_n <= 0) return kept;
    const std::string rank =
        cx_.Node("CumSum", {cx_.Cast(kept, DataType::kInt64), cx_.ScalarOf(DataType::kInt64, 1)});
    return Bin(
        "And", kept,
        cx_.Node("Not",
                 {Bin("Greater", rank,
                      cx_.ScalarOf(DataType::kInt64, static_cast<double>(c_.post_nms_top_n)))}));
  }

  // Zeros [N, extra...] of float32.
  std::string Zeros(const std::vector<int64_t>& tail) {
    std::vector<int64_t> one_dims = {1};
    one_dims.insert(one_dims.end(), tail.begin(), tail.end());
    int64_t count = 1;
    for (int64_t d : tail) count *= d;
    const std::string zero =
        cx_.ConstF32(std::vector<float>(static_cast<size_t>(count), 0.0f), one_dims);
    return cx_.Node(
        "Expand", {zero, cx_.Node("Concat", {batch_, cx_.ConstI64(tail)}, {{"axis", int64_t{0}}})});
  }

  void Output(const std::string& boxes, const std::string& scores, const std::string& kept,
              const std::string& valid) {
    const std::string any_valid =
        cx_.Reduce("ReduceSum", cx_.Cast(valid, DataType::kInt64), {1}, true);  // [N, 1]
    const std::string empty = Bin("Equal", any_valid, cx_.ScalarOf(DataType::kInt64, 0));
    const std::string keep = cx_.Node("Concat", {kept, empty}, {{"axis", int64_t{1}}});
    const std::string all_boxes =
        cx_.Node("Concat", {boxes, Zeros({1, 4})}, {{"axis", int64_t{1}}});
    const std::string all_scores = cx_.Node("Concat", {scores, Zeros({1})}, {{"axis", int64_t{1}}});
    const std::string flat_keep = cx_.Reshape(keep, {-1});
    cx_.Bind(
        op_, "RpnRois",
        cx_.Node("Compress", {cx_.Reshape(all_boxes, {-1, 4}), flat_keep}, {{"axis", int64_t{0}}}));
    cx_.Bind(op_, "RpnRoiProbs",
             cx_.Node("Compress", {cx_.Reshape(all_scores, {-1, 1}), flat_keep},
                      {{"axis", int64_t{0}}}));
    if (op_.HasOutput("RpnRoisNum")) {
      cx_.Bind(op_, "RpnRoisNum",
               cx_.Cast(cx_.Reduce("ReduceSum", cx_.Cast(keep, DataType::kInt64), {1}, false),
                        DataType::kInt32));
    }
  }

  MapContext& cx_;
  const graph::Op& op_;
  const Config c_;
  std::string batch_;  // [1] int64: N
};

void Emit(MapContext& cx, const graph::Op& op) { ProposalGraph(cx, op).Emit(); }

}  // namespace

void RegisterGenerateProposals(Registry& r) {
  r.Add("generate_proposals", MinOpset, {{11, Emit}});
  r.Add("generate_proposals_v2", MinOpset, {{11, Emit}});
}

}  // namespace pd2onnx::mappers

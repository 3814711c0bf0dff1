// collect_fpn_proposals and distribute_fpn_proposals.
//
// collect: the levels' RoIs and scores are concatenated; TopK-11 takes the
// post_nms_topN best of all images together, and a second TopK on
// (image · count + rank) regroups them by image keeping the score order —
// Paddle's two stable sorts.
//
// distribute: a RoI's level is floor(log2(sqrt(area) / refer_scale + 1e-6))
// + refer_level clamped to [min_level, max_level]. floor(log2(s)) >= L iff
// s >= 2^L, so the level is counted with exact comparisons against powers of
// two instead of a rounded logarithm. Each level's RoIs are selected with
// Compress in input order; RestoreIndex is the start of the RoI's level plus
// its rank inside it.
//
// MultiLevelRoIsNum / RoisNum give the image of each RoI; without them
// Paddle reads LoD, which ONNX cannot carry, and every RoI is image 0.
#include <cmath>
#include <string>
#include <vector>

#include "mappers/detection/detection.h"
#include "mappers/detection/roi_batch.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

std::string I64(MapContext& cx, int64_t v) {
  return cx.ScalarOf(DataType::kInt64, static_cast<double>(v));
}

// Counts per image [N] (int32) of the RoIs whose `mask` [R] is set, given
// each RoI's image [R] and the batch [1].
std::string CountPerImage(MapContext& cx, const std::string& images, const std::string& mask,
                          const std::string& batch) {
  const std::string ids = cx.Node("Range", {I64(cx, 0), cx.Reshape(batch, {}), I64(cx, 1)});
  std::string hit = cx.Node("Equal", {cx.Unsqueeze(images, {1}), cx.Unsqueeze(ids, {0})});
  if (!mask.empty()) hit = cx.Node("And", {hit, cx.Unsqueeze(mask, {1})});
  return cx.Cast(cx.Reduce("ReduceSum", cx.Cast(hit, DataType::kInt64), {0}, false),
                 DataType::kInt32);
}

std::string Rows(MapContext& cx, const std::string& t) {
  return cx.Slice(cx.Shape(t), {0}, {1}, {0});
}

OpsetNeed CollectMinOpset(const graph::Op&) {
  return {11, "collect_fpn_proposals (TopK-11, Range-11)"};
}

void EmitCollect(MapContext& cx, const graph::Op& op) {
  const std::vector<std::string> rois = cx.Inputs(op, "MultiLevelRois");
  const std::vector<std::string> scores = cx.Inputs(op, "MultiLevelScores");
  PD2ONNX_CHECK(rois.size() == scores.size() && !rois.empty(), ErrorKind::kInvalidInput,
                "collect_fpn_proposals: {} MultiLevelRois but {} MultiLevelScores", rois.size(),
                scores.size());
  RequireFloat32Inputs(cx, op, {"MultiLevelRois", "MultiLevelScores"});
  const bool with_counts = op.HasInput("MultiLevelRoIsNum");
  std::vector<std::string> images;
  for (size_t level = 0; level < rois.size(); ++level) {
    const std::string rows = Rows(cx, rois[level]);
    images.push_back(with_counts
                         ? ImagesFromCounts(cx, cx.Input(op, "MultiLevelRoIsNum", level), rows)
                         : cx.Node("Expand", {I64(cx, 0), rows}));
  }
  auto concat = [&](const std::vector<std::string>& parts) {
    return parts.size() == 1 ? parts[0] : cx.Node("Concat", parts, {{"axis", int64_t{0}}});
  };
  const std::string all_rois = concat(rois);
  const std::string all_scores = cx.Reshape(concat(scores), {-1});
  const std::string all_images = concat(images);
  const std::string total = Rows(cx, all_scores);
  const std::string top_n =
      cx.ConstI64({std::max<int64_t>(op.Attr<int64_t>("post_nms_topN", 0), 0)});
  const std::string k = cx.Node("Where", {cx.Node("Less", {total, top_n}), total, top_n});
  const std::string best =
      cx.NodeN("TopK", {all_scores, k}, 2,
               {{"axis", int64_t{0}}, {"largest", int64_t{1}}, {"sorted", int64_t{1}}})[1];
  const std::string best_images = cx.Node("Gather", {all_images, best}, {{"axis", int64_t{0}}});
  // Regroup by image, keeping the score order inside each image.
  const std::string rank = cx.Node("Range", {I64(cx, 0), cx.Reshape(k, {}), I64(cx, 1)});
  const std::string key = cx.Node("Add", {cx.Node("Mul", {best_images, cx.Reshape(k, {})}), rank});
  const std::string regroup =
      cx.NodeN("TopK", {key, k}, 2,
               {{"axis", int64_t{0}}, {"largest", int64_t{0}}, {"sorted", int64_t{1}}})[1];
  const std::string chosen = cx.Node("Gather", {best, regroup}, {{"axis", int64_t{0}}});
  cx.Bind(op, "FpnRois", cx.Node("Gather", {all_rois, chosen}, {{"axis", int64_t{0}}}));
  if (op.HasOutput("RoisNum")) {
    const std::string batch =
        with_counts ? cx.Shape(cx.Input(op, "MultiLevelRoIsNum", 0)) : cx.ConstI64({1});
    cx.Bind(op, "RoisNum", CountPerImage(cx, best_images, "", batch));
  }
}

struct Levels {
  int64_t min_level, max_level, refer_level, refer_scale;
  bool pixel_offset;
  int64_t count() const { return max_level - min_level + 1; }
};

Levels ReadLevels(const graph::Op& op) {
  Levels l{op.Attr<int64_t>("min_level"), op.Attr<int64_t>("max_level"),
           op.Attr<int64_t>("refer_level"), op.Attr<int64_t>("refer_scale"),
           op.Attr<bool>("pixel_offset", true)};
  PD2ONNX_CHECK(l.max_level >= l.min_level, ErrorKind::kUnsupported,
                "distribute_fpn_proposals: max_level {} is below min_level {}", l.max_level,
                l.min_level);
  PD2ONNX_CHECK(l.refer_scale > 0, ErrorKind::kUnsupported,
                "distribute_fpn_proposals: refer_scale {} is not supported (must be > 0)",
                l.refer_scale);
  PD2ONNX_CHECK(op.Outputs("MultiFpnRois").size() == static_cast<size_t>(l.count()),
                ErrorKind::kInvalidInput,
                "distribute_fpn_proposals: {} MultiFpnRois for levels {}..{}",
                op.Outputs("MultiFpnRois").size(), l.min_level, l.max_level);
  return l;
}

OpsetNeed DistributeMinOpset(const graph::Op&) {
  return {11, "distribute_fpn_proposals (CumSum-11, Compress-11)"};
}

// Each RoI's level minus min_level, int64 [R].
std::string LevelIndex(MapContext& cx, const std::string& rois, const Levels& l) {
  const auto c = cx.Split(rois, 1, {1, 1, 1, 1});
  const std::string norm = cx.ScalarOf(DataType::kFloat32, l.pixel_offset ? 1.0 : 0.0);
  const std::string w = cx.Node("Sub", {c[2], c[0]});
  const std::string h = cx.Node("Sub", {c[3], c[1]});
  const std::string inverted =
      cx.Node("Or", {cx.Node("Less", {c[2], c[0]}), cx.Node("Less", {c[3], c[1]})});
  const std::string area =
      cx.Node("Where", {inverted, cx.ScalarOf(DataType::kFloat32, 0),
                        cx.Node("Mul", {cx.Node("Add", {w, norm}), cx.Node("Add", {h, norm})})});
  const std::string s = cx.Node(
      "Add", {cx.Node("Div", {cx.Node("Sqrt", {area}),
                              cx.ScalarOf(DataType::kFloat32, static_cast<double>(l.refer_scale))}),
              cx.ScalarOf(DataType::kFloat32, 1e-6f)});
  if (l.count() == 1) return cx.Node("Expand", {I64(cx, 0), Rows(cx, rois)});
  // Level >= L (L in min_level+1..max_level) iff s >= 2^(L - refer_level).
  std::vector<float> bounds;
  for (int64_t level = l.min_level + 1; level <= l.max_level; ++level) {
    bounds.push_back(std::ldexp(1.0f, static_cast<int>(level - l.refer_level)));
  }
  const std::string reached =
      cx.Node("Not", {cx.Node("Less", {s, cx.ConstF32(bounds, {1, l.count() - 1})})});  // [R, L-1]
  return cx.Reduce("ReduceSum", cx.Cast(reached, DataType::kInt64), {1}, false);
}

void EmitDistribute(MapContext& cx, const graph::Op& op) {
  const Levels l = ReadLevels(op);
  RequireFloat32Inputs(cx, op, {"FpnRois"});
  const std::string rois = cx.Input(op, "FpnRois");
  const std::string level = LevelIndex(cx, rois, l);
  const std::string ids = cx.ConstI64([&] {
    std::vector<int64_t> v;
    for (int64_t i = 0; i < l.count(); ++i) v.push_back(i);
    return v;
  }());
  const std::string member = cx.Node("Equal", {cx.Unsqueeze(level, {1}), ids});  // [R, L]
  const std::string member_i = cx.Cast(member, DataType::kInt64);
  const std::string rank_in_level = cx.Node(
      "Sub",
      {cx.Reduce("ReduceSum", cx.Node("Mul", {cx.Node("CumSum", {member_i, I64(cx, 0)}), member_i}),
                 {1}, false),
       I64(cx, 1)});
  const std::string per_level = cx.Reduce("ReduceSum", member_i, {0}, false);  // [L]
  const std::string level_start =
      cx.Node("CumSum", {per_level, I64(cx, 0)}, {{"exclusive", int64_t{1}}});
  const std::string restore = cx.Node(
      "Add", {cx.Node("Gather", {level_start, level}, {{"axis", int64_t{0}}}), rank_in_level});
  cx.Bind(op, "RestoreIndex", cx.Cast(cx.Unsqueeze(restore, {1}), DataType::kInt32));
  const bool with_counts = HasRoisNum(op);
  const std::string images = RoiBatchIndices(cx, op, rois);
  const std::string batch = with_counts ? cx.Shape(cx.Input(op, "RoisNum")) : cx.ConstI64({1});
  const auto columns = cx.Split(member, 1, std::vector<int64_t>(static_cast<size_t>(l.count()), 1));
  for (int64_t i = 0; i < l.count(); ++i) {
    const std::string mask = cx.Squeeze(columns[static_cast<size_t>(i)], {1});
    cx.Bind(op, "MultiFpnRois", cx.Node("Compress", {rois, mask}, {{"axis", int64_t{0}}}),
            static_cast<size_t>(i));
    if (op.Outputs("MultiLevelRoIsNum").size() > static_cast<size_t>(i)) {
      cx.Bind(op, "MultiLevelRoIsNum", CountPerImage(cx, images, mask, batch),
              static_cast<size_t>(i));
    }
  }
}

}  // namespace

void RegisterFpnProposals(Registry& r) {
  r.Add("collect_fpn_proposals", CollectMinOpset, {{11, EmitCollect}});
  r.Add("distribute_fpn_proposals", DistributeMinOpset, {{11, EmitDistribute}});
}

}  // namespace pd2onnx::mappers

// Sweeps of the search, indexing, padding and rearranging ops.
#include <numeric>

#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const std::vector<DataType> kData = {DataType::kFloat32, DataType::kInt32, DataType::kInt64};

// Distinct float values (a random permutation of 0..n-1, shifted), so
// sorting and selection have no ties whose order would be unspecified.
HostTensor DistinctValues(const std::vector<int64_t>& dims, Rng& rng) {
  HostTensor t(DataType::kFloat32, dims);
  std::vector<float> values(static_cast<size_t>(t.numel()));
  std::iota(values.begin(), values.end(), -static_cast<float>(values.size()) / 2);
  std::shuffle(values.begin(), values.end(), std::mt19937(rng.TensorSeed()));
  std::copy(values.begin(), values.end(), t.data<float>());
  return t;
}

// top_k_v2: the k largest (or smallest) along an axis, sorted.
Case TopKCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const int axis = RandomAxis(rng, dims.size());
  const int64_t extent = dims[PositiveAxis(axis, dims.size())];
  const int k = static_cast<int>(rng.Int(1, extent));
  const bool largest = rng.Bool();
  std::vector<int64_t> out = dims;
  out[PositiveAxis(axis, dims.size())] = k;
  Case c;
  c.program.Input("x", DataType::kFloat32, dims)
      .Var("out", DataType::kFloat32, out)
      .Var("indices", DataType::kInt64, out);
  c.program.Op("top_k_v2")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Out("Indices", {"indices"})
      .Attr("k", k)
      .Attr("axis", axis)
      .Attr("largest", largest)
      .Attr("sorted", true);
  c.program.Output("out").Output("indices");
  c.feeds["x"] = DistinctValues(dims, rng);
  c.description = fmt::format("x {} k={} axis={} largest={}", ShapeText(DataType::kFloat32, dims),
                              k, axis, largest);
  return c;
}
PD2ONNX_SWEEP(top_k_v2, TopKCase)

Case ArgsortCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const int axis = RandomAxis(rng, dims.size());
  const bool descending = rng.Bool();
  Case c;
  c.program.Input("x", DataType::kFloat32, dims)
      .Var("out", DataType::kFloat32, dims)
      .Var("indices", DataType::kInt64, dims);
  c.program.Op("argsort")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Out("Indices", {"indices"})
      .Attr("axis", axis)
      .Attr("descending", descending);
  c.program.Output("out").Output("indices");
  c.feeds["x"] = DistinctValues(dims, rng);
  c.description = fmt::format("x {} axis={} descending={}", ShapeText(DataType::kFloat32, dims),
                              axis, descending);
  return c;
}
PD2ONNX_SWEEP(argsort, ArgsortCase)

Case IndexSelectCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const int dim = RandomAxis(rng, dims.size());
  const int64_t extent = dims[PositiveAxis(dim, dims.size())];
  const int64_t count = rng.Int(1, 5);
  const DataType index_dtype = rng.Bool() ? DataType::kInt32 : DataType::kInt64;
  std::vector<int64_t> out = dims;
  out[PositiveAxis(dim, dims.size())] = count;
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Input("index", index_dtype, {count}).Var("out", dtype, out);
  c.program.Op("index_select")
      .In("X", {"x"})
      .In("Index", {"index"})
      .Out("Out", {"out"})
      .Attr("dim", dim);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.feeds["index"] =
      RandomTensor(index_dtype, {count}, rng.TensorSeed(), 0, static_cast<double>(extent));
  c.description = fmt::format("x {} index[{}] dim={}", ShapeText(dtype, dims), count, dim);
  return c;
}
PD2ONNX_SWEEP(index_select, IndexSelectCase)

// index_sample: X [N, M], Index [N, K] of column numbers.
Case IndexSampleCase(Rng& rng) {
  const int64_t n = rng.Int(1, 4), m = rng.Int(1, 5), k = rng.Int(1, 5);
  const DataType index_dtype = rng.Bool() ? DataType::kInt32 : DataType::kInt64;
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, {n, m}).Input("index", index_dtype, {n, k}).Var("out", dtype, {n, k});
  c.program.Op("index_sample").In("X", {"x"}).In("Index", {"index"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, {n, m}, rng.TensorSeed(), -9, 9);
  c.feeds["index"] = RandomTensor(index_dtype, {n, k}, rng.TensorSeed(), 0, static_cast<double>(m));
  c.description = fmt::format("x {} index [{}, {}]", ShapeText(dtype, {n, m}), n, k);
  return c;
}
PD2ONNX_SWEEP(index_sample, IndexSampleCase)

// gather_nd: Index [..., q] addressing the first q dims of X.
Case GatherNdCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const int64_t q = rng.Int(1, static_cast<int64_t>(dims.size()));
  std::vector<int64_t> index_dims = rng.Shape(0, 2, 3);
  index_dims.push_back(q);
  HostTensor index(DataType::kInt64, index_dims);
  for (int64_t i = 0; i < index.numel(); ++i) {
    index.data<int64_t>()[i] = rng.Int(0, dims[i % q] - 1);
  }
  std::vector<int64_t> out(index_dims.begin(), index_dims.end() - 1);
  out.insert(out.end(), dims.begin() + q, dims.end());
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Input("index", DataType::kInt64, index_dims);
  c.program.Var("out", dtype, out);
  c.program.Op("gather_nd").In("X", {"x"}).In("Index", {"index"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.feeds["index"] = index;
  c.description =
      fmt::format("x {} index {}", ShapeText(dtype, dims), graph::ShapeToString(index_dims));
  return c;
}
PD2ONNX_SWEEP(gather_nd, GatherNdCase)

// take_along_axis: Index has X's rank; its extent along Axis is free.
Case TakeAlongAxisCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const int axis = static_cast<int>(rng.Int(0, static_cast<int64_t>(dims.size()) - 1));
  std::vector<int64_t> index_dims = dims;
  index_dims[axis] = rng.Int(1, 4);
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Input("index", DataType::kInt64, index_dims);
  c.program.Var("out", dtype, index_dims);
  c.program.Op("take_along_axis")
      .In("Input", {"x"})
      .In("Index", {"index"})
      .Out("Result", {"out"})
      .Attr("Axis", axis);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.feeds["index"] = RandomTensor(DataType::kInt64, index_dims, rng.TensorSeed(), 0,
                                  static_cast<double>(dims[axis]));
  c.description = fmt::format("x {} index {} Axis={}", ShapeText(dtype, dims),
                              graph::ShapeToString(index_dims), axis);
  return c;
}
PD2ONNX_SWEEP(take_along_axis, TakeAlongAxisCase)

// pad3d on NCDHW / NDHWC with constant, reflect, replicate and circular.
Case Pad3dCase(Rng& rng) {
  const std::vector<int64_t> dims = {rng.Int(1, 2), rng.Int(1, 3), rng.Int(2, 4), rng.Int(2, 4),
                                     rng.Int(2, 4)};
  const std::string mode =
      rng.Pick(std::vector<std::string>{"constant", "reflect", "replicate", "circular"});
  const bool channel_last = rng.Bool();
  // paddings: [left, right, top, bottom, front, back] (W, H, D); reflect
  // needs each pad below the extent.
  std::vector<int> paddings(6);
  const int64_t w = dims[4], h = dims[3], d = dims[2];
  const int64_t extents[3] = {w, h, d};
  for (int i = 0; i < 6; ++i) {
    paddings[i] = static_cast<int>(rng.Int(0, std::min<int64_t>(2, extents[i / 2] - 1)));
  }
  const auto value = static_cast<float>(rng.Real(-1, 1));
  std::vector<int64_t> x = dims;
  if (channel_last) x = {dims[0], dims[2], dims[3], dims[4], dims[1]};
  Case c;
  c.program.Input("x", DataType::kFloat32, x).Var("out", DataType::kFloat32, {-1, -1, -1, -1, -1});
  c.program.Op("pad3d")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("paddings", paddings)
      .Attr("mode", mode)
      .Attr("value", value)
      .Attr("data_format", channel_last ? "NDHWC" : "NCDHW");
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed());
  c.description = fmt::format("x {} mode={} paddings={} value={} data_format={}",
                              ShapeText(DataType::kFloat32, x), mode, paddings, value,
                              channel_last ? "NDHWC" : "NCDHW");
  return c;
}
PD2ONNX_SWEEP(pad3d, Pad3dCase)

Case PixelShuffleCase(Rng& rng) {
  const int64_t r = rng.Int(1, 3);
  const int64_t channels = rng.Int(1, 2);
  const std::vector<int64_t> x = {rng.Int(1, 2), channels * r * r, rng.Int(1, 3), rng.Int(1, 3)};
  Case c;
  c.program.Input("x", DataType::kFloat32, x)
      .Var("out", DataType::kFloat32, {x[0], channels, x[2] * r, x[3] * r});
  c.program.Op("pixel_shuffle")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("upscale_factor", static_cast<int>(r))
      .Attr("data_format", "NCHW");
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed());
  c.description = fmt::format("x {} upscale_factor={}", ShapeText(DataType::kFloat32, x), r);
  return c;
}
PD2ONNX_SWEEP(pixel_shuffle, PixelShuffleCase)

Case ChannelShuffleCase(Rng& rng) {
  const int64_t groups = rng.Int(1, 3);
  const std::vector<int64_t> x = {rng.Int(1, 2), groups * rng.Int(1, 3), rng.Int(1, 3),
                                  rng.Int(1, 3)};
  Case c;
  c.program.Input("x", DataType::kFloat32, x).Var("out", DataType::kFloat32, x);
  c.program.Op("channel_shuffle")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("groups", static_cast<int>(groups))
      .Attr("data_format", "NCHW");
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed());
  c.description = fmt::format("x {} groups={}", ShapeText(DataType::kFloat32, x), groups);
  return c;
}
PD2ONNX_SWEEP(channel_shuffle, ChannelShuffleCase)

// prelu with one alpha ("all"), one per channel ("channel") or one per
// element ("element").
Case PreluCase(Rng& rng) {
  const std::vector<int64_t> x = {rng.Int(1, 2), rng.Int(1, 3), rng.Int(1, 3), rng.Int(1, 3)};
  const std::string mode = rng.Pick(std::vector<std::string>{"all", "channel", "element"});
  std::vector<int64_t> alpha = {1};
  if (mode == "channel") alpha = {x[1]};
  if (mode == "element") alpha = {1, x[1], x[2], x[3]};
  Case c;
  c.program.Input("x", DataType::kFloat32, x)
      .Param("alpha", RandomTensor(DataType::kFloat32, alpha, rng.TensorSeed(), 0, 0.5))
      .Var("out", DataType::kFloat32, x);
  c.program.Op("prelu")
      .In("X", {"x"})
      .In("Alpha", {"alpha"})
      .Out("Out", {"out"})
      .Attr("mode", mode)
      .Attr("data_format", "NCHW");
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed(), -2, 2);
  c.description = fmt::format("x {} mode={}", ShapeText(DataType::kFloat32, x), mode);
  return c;
}
PD2ONNX_SWEEP(prelu, PreluCase)

Case TrilTriuCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(2, 4);
  const bool lower = rng.Bool();
  const int diagonal = static_cast<int>(rng.Int(-2, 2));
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, dims);
  c.program.Op("tril_triu")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("lower", lower)
      .Attr("diagonal", diagonal);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} lower={} diagonal={}", ShapeText(dtype, dims), lower, diagonal);
  return c;
}
PD2ONNX_SWEEP(tril_triu, TrilTriuCase)

// logsumexp over a random subset of axes, keepdim, reduce_all.
Case LogsumexpCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const auto rank = static_cast<int>(dims.size());
  std::vector<int> axis;
  for (int d = 0; d < rank; ++d) {
    if (rng.Bool()) axis.push_back(d);
  }
  if (axis.empty()) axis.push_back(static_cast<int>(rng.Int(0, rank - 1)));
  const bool keepdim = rng.Bool();
  const bool reduce_all = rng.Int(0, 4) == 0;
  std::vector<int64_t> out;
  for (int d = 0; d < rank; ++d) {
    const bool reduced = reduce_all || std::count(axis.begin(), axis.end(), d) > 0;
    if (!reduced) out.push_back(dims[d]);
    if (reduced && keepdim) out.push_back(1);
  }
  Case c;
  c.program.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, out);
  c.program.Op("logsumexp")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("axis", axis)
      .Attr("keepdim", keepdim)
      .Attr("reduce_all", reduce_all);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, dims, rng.TensorSeed(), -3, 3);
  c.description = fmt::format("x {} axis={} keepdim={} reduce_all={}",
                              ShapeText(DataType::kFloat32, dims), axis, keepdim, reduce_all);
  return c;
}
PD2ONNX_SWEEP(logsumexp, LogsumexpCase)

// p_norm along one axis (or as a vector) for p in {1, 2, 3, inf, -inf, 0.5}.
Case PNormCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const int axis = RandomAxis(rng, dims.size());
  const auto porder = static_cast<float>(
      rng.Pick(std::vector<double>{1, 2, 3, 0.5, std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity()}));
  const bool keepdim = rng.Bool();
  const bool asvector = rng.Int(0, 3) == 0;
  std::vector<int64_t> out;
  if (asvector) {
    if (keepdim) out.assign(dims.size(), 1);
  } else {
    out = dims;
    if (keepdim) {
      out[PositiveAxis(axis, dims.size())] = 1;
    } else {
      out.erase(out.begin() + PositiveAxis(axis, dims.size()));
    }
  }
  Case c;
  c.program.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, out);
  c.program.Op("p_norm")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("axis", axis)
      .Attr("porder", porder)
      .Attr("keepdim", keepdim)
      .Attr("asvector", asvector)
      .Attr("epsilon", 1e-12f);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, dims, rng.TensorSeed(), -2, 2);
  c.description = fmt::format("x {} axis={} porder={} keepdim={} asvector={}",
                              ShapeText(DataType::kFloat32, dims), axis, porder, keepdim, asvector);
  return c;
}
PD2ONNX_SWEEP(p_norm, PNormCase)

// group_norm on NCHW with optional Scale and Bias.
Case GroupNormCase(Rng& rng) {
  const int64_t groups = rng.Int(1, 3);
  const std::vector<int64_t> x = {rng.Int(1, 2), groups * rng.Int(1, 2), rng.Int(1, 4),
                                  rng.Int(1, 4)};
  const auto epsilon = static_cast<float>(rng.Real(1e-5, 1e-3));
  const bool has_scale = rng.Bool(), has_bias = rng.Bool();
  Case c;
  c.program.Input("x", DataType::kFloat32, x)
      .Var("y", DataType::kFloat32, x)
      .Var("mean", DataType::kFloat32, {x[0], groups})
      .Var("variance", DataType::kFloat32, {x[0], groups});
  if (has_scale) {
    c.program.Param("scale", RandomTensor(DataType::kFloat32, {x[1]}, rng.TensorSeed(), 0.5, 1.5));
  }
  if (has_bias) c.program.Param("bias", RandomTensor(DataType::kFloat32, {x[1]}, rng.TensorSeed()));
  OpBuilder op = c.program.Op("group_norm");
  op.In("X", {"x"})
      .Out("Y", {"y"})
      .Out("Mean", {"mean"})
      .Out("Variance", {"variance"})
      .Attr("groups", static_cast<int>(groups))
      .Attr("epsilon", epsilon)
      .Attr("data_layout", "NCHW");
  if (has_scale) op.In("Scale", {"scale"});
  if (has_bias) op.In("Bias", {"bias"});
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed(), -2, 2);
  c.description =
      fmt::format("x {} groups={} epsilon={} scale={} bias={}", ShapeText(DataType::kFloat32, x),
                  groups, epsilon, has_scale, has_bias);
  return c;
}
PD2ONNX_SWEEP(group_norm, GroupNormCase)

// dropout in inference: downgrade_in_infer scales by 1 - p, upscale_in_train
// is the identity.
PD2ONNX_SWEEP(
    dropout,
    Unary("dropout",
          {.lo = -2, .hi = 2, .attrs = [](OpBuilder& op, Rng& rng) {
             const auto p = static_cast<float>(rng.Real(0, 0.9));
             const std::string impl = rng.Bool() ? "downgrade_in_infer" : "upscale_in_train";
             op.Attr("dropout_prob", p).Attr("dropout_implementation", impl).Attr("is_test", true);
             return fmt::format("dropout_prob={} dropout_implementation={}", p, impl);
           }}))

// lookup_table_v2: rows of a parameter table W for int64 ids.
Case LookupTableV2Case(Rng& rng) {
  const int64_t rows = rng.Int(2, 6), width = rng.Int(1, 4);
  const std::vector<int64_t> ids = rng.Shape(1, 3);
  std::vector<int64_t> out = ids;
  out.push_back(width);
  Case c;
  c.program.Input("ids", DataType::kInt64, ids)
      .Param("w", RandomTensor(DataType::kFloat32, {rows, width}, rng.TensorSeed()))
      .Var("out", DataType::kFloat32, out);
  c.program.Op("lookup_table_v2").In("Ids", {"ids"}).In("W", {"w"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["ids"] =
      RandomTensor(DataType::kInt64, ids, rng.TensorSeed(), 0, static_cast<double>(rows));
  c.description =
      fmt::format("ids {} table [{}, {}]", ShapeText(DataType::kInt64, ids), rows, width);
  return c;
}
PD2ONNX_SWEEP(lookup_table_v2, LookupTableV2Case)

}  // namespace
}  // namespace pd2onnx::testing::sweep

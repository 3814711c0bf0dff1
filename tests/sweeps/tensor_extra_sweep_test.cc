// Sweeps of flatten, pad2d, pixel_unshuffle, dot/dist, temporal_shift,
// affine_channel, scatter and repeat_interleave.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;
const std::vector<DataType> kData = {DataType::kFloat32, DataType::kInt32, DataType::kInt64};

// flatten (v1) / flatten2: [d0..d(axis-1)] x [d(axis)..] into 2-D.
Generator Flatten(std::string op) {
  return [op](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(1, 4);
    const auto axis = static_cast<int>(rng.Int(0, static_cast<int64_t>(dims.size())));
    int64_t outer = 1, inner = 1;
    for (size_t d = 0; d < dims.size(); ++d)
      (static_cast<int>(d) < axis ? outer : inner) *= dims[d];
    const DataType dtype = rng.Pick(kData);
    Case c;
    c.program.Input("x", dtype, dims).Var("out", dtype, {outer, inner});
    if (op == "flatten2") c.program.Var("xshape", dtype, {});
    OpBuilder b = c.program.Op(op).In("X", {"x"}).Out("Out", {"out"}).Attr("axis", axis);
    if (op == "flatten2") b.Out("XShape", {"xshape"});
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
    c.description = fmt::format("x {} axis={}", ShapeText(dtype, dims), axis);
    return c;
  };
}
PD2ONNX_SWEEP(flatten, Flatten("flatten"))
PD2ONNX_SWEEP(flatten2, Flatten("flatten2"))

// reverse: flip along a list of axes (the 1.x name of flip).
Case ReverseCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  std::vector<int> axis;
  for (size_t d = 0; d < dims.size(); ++d) {
    if (rng.Bool()) axis.push_back(static_cast<int>(d));
  }
  if (axis.empty()) axis.push_back(0);
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, dims);
  c.program.Op("reverse").In("X", {"x"}).Out("Out", {"out"}).Attr("axis", axis);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} axis={}", ShapeText(dtype, dims), axis);
  return c;
}
PD2ONNX_SWEEP(reverse, ReverseCase)

// pad2d: constant / reflect / edge on NCHW or NHWC.
Case Pad2dCase(Rng& rng) {
  const std::vector<int64_t> nchw = {rng.Int(1, 2), rng.Int(1, 3), rng.Int(2, 4), rng.Int(2, 4)};
  const std::string mode = rng.Pick(std::vector<std::string>{"constant", "reflect", "edge"});
  const bool nhwc = rng.Bool();
  // paddings: [top, bottom, left, right]; reflect needs each below the extent.
  std::vector<int> paddings(4);
  for (int i = 0; i < 4; ++i) {
    paddings[i] = static_cast<int>(rng.Int(0, std::min<int64_t>(2, nchw[2 + i / 2] - 1)));
  }
  const auto value = static_cast<float>(rng.Real(-1, 1));
  const std::vector<int64_t> x =
      nhwc ? std::vector<int64_t>{nchw[0], nchw[2], nchw[3], nchw[1]} : nchw;
  Case c;
  c.program.Input("x", kF32, x).Var("out", kF32, {-1, -1, -1, -1});
  c.program.Op("pad2d")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("paddings", paddings)
      .Attr("mode", mode)
      .Attr("pad_value", value)
      .Attr("data_format", nhwc ? "NHWC" : "NCHW");
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.description = fmt::format("x {} mode={} paddings={} pad_value={} data_format={}",
                              ShapeText(kF32, x), mode, paddings, value, nhwc ? "NHWC" : "NCHW");
  return c;
}
PD2ONNX_SWEEP(pad2d, Pad2dCase)

Case PixelUnshuffleCase(Rng& rng) {
  const int64_t r = rng.Int(1, 3);
  const std::vector<int64_t> x = {rng.Int(1, 2), rng.Int(1, 2), r * rng.Int(1, 2),
                                  r * rng.Int(1, 2)};
  Case c;
  c.program.Input("x", kF32, x).Var("out", kF32, {x[0], x[1] * r * r, x[2] / r, x[3] / r});
  c.program.Op("pixel_unshuffle")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("downscale_factor", static_cast<int>(r))
      .Attr("data_format", "NCHW");
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.description = fmt::format("x {} downscale_factor={}", ShapeText(kF32, x), r);
  return c;
}
PD2ONNX_SWEEP(pixel_unshuffle, PixelUnshuffleCase)

// dot: row-wise inner products of 1-D or 2-D tensors.
Case DotCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 2, 5);
  const DataType dtype = rng.Pick(kData);
  std::vector<int64_t> out;
  if (dims.size() == 2) out = {dims[0]};
  Case c;
  c.program.Input("x", dtype, dims).Input("y", dtype, dims).Var("out", dtype, out);
  c.program.Op("dot").In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -5, 5);
  c.feeds["y"] = RandomTensor(dtype, dims, rng.TensorSeed(), -5, 5);
  c.description = "x, y " + ShapeText(dtype, dims);
  return c;
}
PD2ONNX_SWEEP(dot, DotCase)

// dist: the p-norm of x - y (broadcast), p in {0, 1, 2, 3, inf, -inf}.
Case DistCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 3);
  int axis = -1;
  const std::vector<int64_t> y = BroadcastOperand(rng, x, axis);
  const std::vector<int64_t> y_dims = axis == -1 ? y : x;  // numpy-style only
  const auto p = static_cast<float>(
      rng.Pick(std::vector<double>{0, 1, 2, 3, std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity()}));
  Case c;
  c.program.Input("x", kF32, x).Input("y", kF32, y_dims).Var("out", kF32, {});
  c.program.Op("dist").In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"}).Attr("p", p);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed(), -2, 2);
  c.feeds["y"] = RandomTensor(kF32, y_dims, rng.TensorSeed(), -2, 2);
  c.description =
      fmt::format("x {} y {} p={}", ShapeText(kF32, x), graph::ShapeToString(y_dims), p);
  return c;
}
PD2ONNX_SWEEP(dist, DistCase)

// temporal_shift: [N*T, C, H, W] with seg_num T and shift_ratio.
Case TemporalShiftCase(Rng& rng) {
  const int64_t t = rng.Int(1, 3);
  const std::vector<int64_t> x = {t * rng.Int(1, 2), rng.Int(1, 8), rng.Int(1, 3), rng.Int(1, 3)};
  const auto ratio = static_cast<float>(rng.Pick(std::vector<double>{0.125, 0.25, 0.4}));
  Case c;
  c.program.Input("x", kF32, x).Var("out", kF32, x);
  c.program.Op("temporal_shift")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("seg_num", static_cast<int>(t))
      .Attr("shift_ratio", ratio)
      .Attr("data_format", "NCHW");
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.description = fmt::format("x {} seg_num={} shift_ratio={}", ShapeText(kF32, x), t, ratio);
  return c;
}
PD2ONNX_SWEEP(temporal_shift, TemporalShiftCase)

// affine_channel: per-channel scale and bias, NCHW or NHWC.
Case AffineChannelCase(Rng& rng) {
  const std::vector<int64_t> x = {rng.Int(1, 2), rng.Int(1, 3), rng.Int(1, 3), rng.Int(1, 3)};
  const bool nhwc = rng.Bool();
  const int64_t channels = nhwc ? x[3] : x[1];
  Case c;
  c.program.Input("x", kF32, x)
      .Param("scale", RandomTensor(kF32, {channels}, rng.TensorSeed(), 0.5, 1.5))
      .Param("bias", RandomTensor(kF32, {channels}, rng.TensorSeed()))
      .Var("out", kF32, x);
  c.program.Op("affine_channel")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .In("Bias", {"bias"})
      .Out("Out", {"out"})
      .Attr("data_layout", nhwc ? "NHWC" : "NCHW");
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed(), -2, 2);
  c.description = fmt::format("x {} data_layout={}", ShapeText(kF32, x), nhwc ? "NHWC" : "NCHW");
  return c;
}
PD2ONNX_SWEEP(affine_channel, AffineChannelCase)

// scatter: rows of X replaced by Updates at distinct Ids (overwrite), or
// accumulated (repeated ids allowed).
Case ScatterCase(Rng& rng) {
  const int64_t rows = rng.Int(2, 6), width = rng.Int(1, 3);
  const bool overwrite = rng.Bool();
  const int64_t count = rng.Int(1, rows);
  std::vector<int64_t> ids(static_cast<size_t>(rows));
  std::iota(ids.begin(), ids.end(), 0);
  std::shuffle(ids.begin(), ids.end(), std::mt19937(rng.TensorSeed()));
  ids.resize(static_cast<size_t>(count));
  if (!overwrite && count > 1) ids[1] = ids[0];  // a repeated id accumulates
  Case c;
  c.program.Input("x", kF32, {rows, width})
      .Input("ids", DataType::kInt64, {count})
      .Input("updates", kF32, {count, width})
      .Var("out", kF32, {rows, width});
  c.program.Op("scatter")
      .In("X", {"x"})
      .In("Ids", {"ids"})
      .In("Updates", {"updates"})
      .Out("Out", {"out"})
      .Attr("overwrite", overwrite);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, {rows, width}, rng.TensorSeed());
  c.feeds["ids"] = HostTensor::From<int64_t>(DataType::kInt64, {count}, ids);
  c.feeds["updates"] = RandomTensor(kF32, {count, width}, rng.TensorSeed());
  c.description = fmt::format("x [{}, {}] ids={} overwrite={}", rows, width, ids, overwrite);
  return c;
}
PD2ONNX_SWEEP(scatter, ScatterCase)

// repeat_interleave with a constant Repeats along `dim`.
Case RepeatInterleaveCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 3);
  const int dim = static_cast<int>(rng.Int(0, static_cast<int64_t>(dims.size()) - 1));
  const int repeats = static_cast<int>(rng.Int(1, 3));
  std::vector<int64_t> out = dims;
  out[dim] *= repeats;
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, out);
  c.program.Op("repeat_interleave")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("Repeats", repeats)
      .Attr("dim", dim);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} Repeats={} dim={}", ShapeText(dtype, dims), repeats, dim);
  return c;
}
PD2ONNX_SWEEP(repeat_interleave, RepeatInterleaveCase)

}  // namespace
}  // namespace pd2onnx::testing::sweep

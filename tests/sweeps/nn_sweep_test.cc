// Sweeps of the nn family: convolutions, pooling, normalisations and
// matrix products. Output shapes are declared with unknown dims (-1); the
// converter infers them like Paddle does at run time.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

std::vector<int64_t> Unknown(size_t rank) { return std::vector<int64_t>(rank, -1); }

// Random 2-D window attributes; returns their description.
struct Window2d {
  std::vector<int> strides, paddings, dilations;
  std::string padding_algorithm = "EXPLICIT";
  std::string Text() const {
    return fmt::format("strides={} paddings={} dilations={} padding_algorithm={}", strides,
                       paddings, dilations, padding_algorithm);
  }
};

Window2d RandomWindow(Rng& rng, bool with_dilation) {
  Window2d w;
  w.strides = {static_cast<int>(rng.Int(1, 2)), static_cast<int>(rng.Int(1, 2))};
  if (rng.Bool()) {
    w.paddings = {static_cast<int>(rng.Int(0, 1)), static_cast<int>(rng.Int(0, 1))};
  } else {
    w.paddings = {static_cast<int>(rng.Int(0, 1)), static_cast<int>(rng.Int(0, 1)),
                  static_cast<int>(rng.Int(0, 1)), static_cast<int>(rng.Int(0, 1))};
  }
  w.dilations = {1, 1};
  if (with_dilation && rng.Bool()) w.dilations = {static_cast<int>(rng.Int(1, 2)), 2};
  const int64_t algorithm = rng.Int(0, 5);
  if (algorithm == 0) w.padding_algorithm = "SAME";
  if (algorithm == 1) w.padding_algorithm = "VALID";
  return w;
}

// conv2d / depthwise_conv2d with groups, strides, paddings, dilations and
// the padding algorithms.
Generator Conv(std::string op) {
  return [op](Rng& rng) {
    const bool depthwise = op == "depthwise_conv2d";
    const int64_t groups = depthwise ? rng.Int(1, 4) : rng.Pick(std::vector<int64_t>{1, 1, 2});
    const int64_t in_c = depthwise ? groups : groups * rng.Int(1, 2);
    const int64_t out_c = groups * rng.Int(1, 2);
    const int64_t k_h = rng.Int(1, 3), k_w = rng.Int(1, 3);
    // H, W >= 5 >= the widest dilated kernel, so every output sees the input
    // (ONNX rejects a kernel wider than the padded input; Paddle's integer
    // division still makes one output there).
    const std::vector<int64_t> x = {rng.Int(1, 2), in_c, rng.Int(5, 8), rng.Int(5, 8)};
    const std::vector<int64_t> filter = {out_c, in_c / groups, k_h, k_w};
    const Window2d w = RandomWindow(rng, true);
    Case c;
    c.program.Input("x", DataType::kFloat32, x)
        .Param("w", RandomTensor(DataType::kFloat32, filter, rng.TensorSeed()))
        .Var("y", DataType::kFloat32, Unknown(4));
    c.program.Op(op)
        .In("Input", {"x"})
        .In("Filter", {"w"})
        .Out("Output", {"y"})
        .Attr("groups", static_cast<int>(groups))
        .Attr("strides", w.strides)
        .Attr("paddings", w.paddings)
        .Attr("dilations", w.dilations)
        .Attr("padding_algorithm", w.padding_algorithm)
        .Attr("data_format", "NCHW");
    c.program.Output("y");
    c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed());
    c.description = fmt::format("x {} filter {} groups={} {}", ShapeText(DataType::kFloat32, x),
                                graph::ShapeToString(filter), groups, w.Text());
    return c;
  };
}
PD2ONNX_SWEEP(conv2d, Conv("conv2d"))
PD2ONNX_SWEEP(depthwise_conv2d, Conv("depthwise_conv2d"))

// pool2d: max/avg, global, adaptive, exclusive, ceil_mode (with windows past
// the input), padding algorithms.
Case Pool2dCase(Rng& rng) {
  const std::vector<int64_t> x = {rng.Int(1, 2), rng.Int(1, 3), rng.Int(4, 8), rng.Int(4, 8)};
  const std::string type = rng.Bool() ? "max" : "avg";
  const int64_t mode = rng.Int(0, 3);  // 0,1 windowed, 2 global, 3 adaptive
  const bool global = mode == 2;
  const bool adaptive = mode == 3;
  std::vector<int> ksize = {static_cast<int>(rng.Int(1, 3)), static_cast<int>(rng.Int(1, 3))};
  if (adaptive) ksize = {static_cast<int>(rng.Int(1, 4)), static_cast<int>(rng.Int(1, 4))};
  Window2d w = RandomWindow(rng, false);
  const bool ceil_mode = !adaptive && rng.Bool();
  // ceil_mode with a stride above ksize - pad_end can end in a window that
  // starts past the input (Paddle keeps it, ONNX drops it).
  if (ceil_mode && rng.Bool()) {
    w.strides = {static_cast<int>(rng.Int(1, 3)), static_cast<int>(rng.Int(1, 3))};
  }
  const bool exclusive = rng.Bool();
  // Padding must stay smaller than the window (Paddle and ONNX both need it);
  // four paddings are [top, bottom, left, right].
  const size_t per_axis = w.paddings.size() / 2;
  for (size_t i = 0; i < w.paddings.size(); ++i) {
    w.paddings[i] = std::min(w.paddings[i], ksize[i / per_axis] / 2);
  }
  if (adaptive) {
    w.paddings = {0, 0};
    w.strides = {1, 1};
    w.padding_algorithm = "EXPLICIT";
  }
  Case c;
  c.program.Input("x", DataType::kFloat32, x).Var("y", DataType::kFloat32, Unknown(4));
  c.program.Op("pool2d")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("pooling_type", type)
      .Attr("ksize", ksize)
      .Attr("strides", w.strides)
      .Attr("paddings", w.paddings)
      .Attr("global_pooling", global)
      .Attr("adaptive", adaptive)
      .Attr("exclusive", exclusive)
      .Attr("ceil_mode", ceil_mode)
      .Attr("padding_algorithm", w.padding_algorithm)
      .Attr("data_format", "NCHW");
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed());
  c.description = fmt::format("x {} {} ksize={} global={} adaptive={} exclusive={} ceil_mode={} {}",
                              ShapeText(DataType::kFloat32, x), type, ksize, global, adaptive,
                              exclusive, ceil_mode, w.Text());
  return c;
}
PD2ONNX_SWEEP(pool2d, Pool2dCase)

// batch_norm in inference mode, NCHW or NHWC, rank 2-5.
Case BatchNormCase(Rng& rng) {
  std::vector<int64_t> x = rng.Shape(2, 5, 4);
  const bool nhwc = x.size() >= 3 && rng.Bool();
  const int64_t channels = nhwc ? x.back() : x[1];
  const std::string layout = nhwc ? "NHWC" : "NCHW";
  const auto epsilon = static_cast<float>(rng.Real(1e-5, 1e-2));
  Case c;
  c.program.Input("x", DataType::kFloat32, x)
      .Param("scale", RandomTensor(DataType::kFloat32, {channels}, rng.TensorSeed(), 0.5, 1.5))
      .Param("bias", RandomTensor(DataType::kFloat32, {channels}, rng.TensorSeed()))
      .Param("mean", RandomTensor(DataType::kFloat32, {channels}, rng.TensorSeed()))
      .Param("variance", RandomTensor(DataType::kFloat32, {channels}, rng.TensorSeed(), 0.5, 2))
      .Var("y", DataType::kFloat32, x)
      .Var("saved_mean", DataType::kFloat32, {channels})
      .Var("saved_variance", DataType::kFloat32, {channels});
  c.program.Op("batch_norm")
      .In("X", {"x"})
      .In("Scale", {"scale"})
      .In("Bias", {"bias"})
      .In("Mean", {"mean"})
      .In("Variance", {"variance"})
      .Out("Y", {"y"})
      .Out("MeanOut", {"mean"})
      .Out("VarianceOut", {"variance"})
      .Out("SavedMean", {"saved_mean"})
      .Out("SavedVariance", {"saved_variance"})
      .Attr("epsilon", epsilon)
      .Attr("momentum", 0.9f)
      .Attr("data_layout", layout)
      .Attr("is_test", true);
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed(), -2, 2);
  c.description = fmt::format("x {} data_layout={} epsilon={}", ShapeText(DataType::kFloat32, x),
                              layout, epsilon);
  return c;
}
PD2ONNX_SWEEP(batch_norm, BatchNormCase)

// layer_norm over the trailing dims from begin_norm_axis, with or without
// Scale and Bias.
Case LayerNormCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(2, 4, 5);
  const auto rank = static_cast<int64_t>(x.size());
  const int64_t begin = rng.Int(1, rank - 1);
  int64_t normalized = 1;
  for (int64_t d = begin; d < rank; ++d) normalized *= x[d];
  const bool has_scale = rng.Bool(), has_bias = rng.Bool();
  const auto epsilon = static_cast<float>(rng.Real(1e-5, 1e-3));
  Case c;
  c.program.Input("x", DataType::kFloat32, x)
      .Var("y", DataType::kFloat32, x)
      .Var("mean", DataType::kFloat32, Unknown(1))
      .Var("variance", DataType::kFloat32, Unknown(1));
  if (has_scale) {
    c.program.Param("scale",
                    RandomTensor(DataType::kFloat32, {normalized}, rng.TensorSeed(), 0.5, 1.5));
  }
  if (has_bias) {
    c.program.Param("bias", RandomTensor(DataType::kFloat32, {normalized}, rng.TensorSeed()));
  }
  OpBuilder op = c.program.Op("layer_norm");
  op.In("X", {"x"})
      .Out("Y", {"y"})
      .Out("Mean", {"mean"})
      .Out("Variance", {"variance"})
      .Attr("begin_norm_axis", static_cast<int>(begin))
      .Attr("epsilon", epsilon);
  if (has_scale) op.In("Scale", {"scale"});
  if (has_bias) op.In("Bias", {"bias"});
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed(), -2, 2);
  c.description =
      fmt::format("x {} begin_norm_axis={} scale={} bias={} epsilon={}",
                  ShapeText(DataType::kFloat32, x), begin, has_scale, has_bias, epsilon);
  return c;
}
PD2ONNX_SWEEP(layer_norm, LayerNormCase)

// matmul_v2 with trans_x/trans_y and batch broadcasting (rank 1-4 each).
Case MatmulV2Case(Rng& rng) {
  const int64_t m = rng.Int(1, 4), k = rng.Int(1, 4), n = rng.Int(1, 4);
  const bool trans_x = rng.Bool(), trans_y = rng.Bool();
  const std::vector<int64_t> batch = rng.Shape(0, 2, 3);
  auto operand = [&](int64_t rows, int64_t cols, bool trans) {
    std::vector<int64_t> dims;
    const int64_t keep = rng.Int(0, static_cast<int64_t>(batch.size()));
    for (size_t i = batch.size() - keep; i < batch.size(); ++i) {
      dims.push_back(rng.Bool() ? batch[i] : 1);
    }
    dims.push_back(trans ? cols : rows);
    dims.push_back(trans ? rows : cols);
    return dims;
  };
  std::vector<int64_t> x = operand(m, k, trans_x);
  std::vector<int64_t> y = operand(k, n, trans_y);
  if (rng.Int(0, 4) == 0) x = {k};  // a vector operand
  Case c;
  c.program.Input("x", DataType::kFloat32, x)
      .Input("y", DataType::kFloat32, y)
      .Var("out", DataType::kFloat32,
           Unknown(std::max<size_t>(std::max(x.size(), y.size()), 2) - (x.size() == 1 ? 1 : 0)));
  c.program.Op("matmul_v2")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("trans_x", x.size() == 1 ? false : trans_x)
      .Attr("trans_y", trans_y);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed());
  c.feeds["y"] = RandomTensor(DataType::kFloat32, y, rng.TensorSeed());
  c.description = fmt::format("x {} y {} trans_x={} trans_y={}", ShapeText(DataType::kFloat32, x),
                              ShapeText(DataType::kFloat32, y), trans_x, trans_y);
  return c;
}
PD2ONNX_SWEEP(matmul_v2, MatmulV2Case)

// mul: X flattened to 2-D at x_num_col_dims, Y at y_num_col_dims.
Case MulCase(Rng& rng) {
  std::vector<int64_t> x = rng.Shape(2, 4, 3);
  const auto x_cols = static_cast<int>(rng.Int(1, static_cast<int64_t>(x.size()) - 1));
  int64_t k = 1;
  for (size_t d = x_cols; d < x.size(); ++d) k *= x[d];
  // Y: a 2-D [k, n], or k split over two dims then n.
  std::vector<int64_t> y = {k, rng.Int(1, 4)};
  int y_cols = 1;
  if (k % 2 == 0 && rng.Bool()) {
    y = {2, k / 2, rng.Int(1, 3)};
    y_cols = 2;
  }
  std::vector<int64_t> out(x.begin(), x.begin() + x_cols);
  out.insert(out.end(), y.begin() + y_cols, y.end());
  Case c;
  c.program.Input("x", DataType::kFloat32, x)
      .Param("y", RandomTensor(DataType::kFloat32, y, rng.TensorSeed()))
      .Var("out", DataType::kFloat32, out);
  c.program.Op("mul")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("x_num_col_dims", x_cols)
      .Attr("y_num_col_dims", y_cols);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(DataType::kFloat32, x, rng.TensorSeed());
  c.description =
      fmt::format("x {} y {} x_num_col_dims={} y_num_col_dims={}", ShapeText(DataType::kFloat32, x),
                  graph::ShapeToString(y), x_cols, y_cols);
  return c;
}
PD2ONNX_SWEEP(mul, MulCase)

}  // namespace
}  // namespace pd2onnx::testing::sweep

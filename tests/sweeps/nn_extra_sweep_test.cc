// Sweeps of resizing, transposed convolution, instance norm and the
// matrix products of the linalg family.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;

// bilinear_interp_v2 / nearest_interp_v2 on NCHW: an output size (out_h,
// out_w) or a scale attribute, with align_corners and align_mode.
Generator Interp(std::string op) {
  return [op](Rng& rng) {
    const bool nearest = op == "nearest_interp_v2";
    const std::vector<int64_t> x = {rng.Int(1, 2), rng.Int(1, 2), rng.Int(2, 5), rng.Int(2, 5)};
    const bool by_scale = rng.Bool();
    const bool align_corners = !nearest && rng.Bool();
    const int align_mode = static_cast<int>(rng.Int(0, 1));
    Case c;
    c.program.Input("x", kF32, x).Var("y", kF32, {-1, -1, -1, -1});
    OpBuilder b = c.program.Op(op).In("X", {"x"}).Out("Out", {"y"});
    b.Attr("interp_method", nearest ? "nearest" : "bilinear")
        .Attr("data_layout", "NCHW")
        .Attr("align_corners", align_corners)
        .Attr("align_mode", align_mode)
        .Attr("out_d", -1);
    std::string size_text;
    if (by_scale) {
      const std::vector<float> scale = {rng.Pick(std::vector<float>{0.5f, 1.5f, 2.0f, 3.0f}),
                                        rng.Pick(std::vector<float>{0.5f, 1.5f, 2.0f, 3.0f})};
      b.Attr("scale", scale).Attr("out_h", -1).Attr("out_w", -1);
      size_text = fmt::format("scale={}", scale);
    } else {
      const int out_h = static_cast<int>(rng.Int(1, 9)), out_w = static_cast<int>(rng.Int(1, 9));
      b.Attr("scale", std::vector<float>{}).Attr("out_h", out_h).Attr("out_w", out_w);
      size_text = fmt::format("out_h={} out_w={}", out_h, out_w);
    }
    c.program.Output("y");
    c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
    c.description = fmt::format("x {} {} align_corners={} align_mode={}", ShapeText(kF32, x),
                                size_text, align_corners, align_mode);
    return c;
  };
}
PD2ONNX_SWEEP(bilinear_interp_v2, Interp("bilinear_interp_v2"))
PD2ONNX_SWEEP(nearest_interp_v2, Interp("nearest_interp_v2"))

// conv2d_transpose / depthwise_conv2d_transpose with groups, strides,
// paddings, dilations and output_padding.
Generator ConvTranspose(std::string op) {
  return [op](Rng& rng) {
    const bool depthwise = op == "depthwise_conv2d_transpose";
    const int64_t groups = depthwise ? rng.Int(1, 3) : rng.Pick(std::vector<int64_t>{1, 1, 2});
    const int64_t in_c = groups * (depthwise ? 1 : rng.Int(1, 2));
    const int64_t out_per_group = depthwise ? 1 : rng.Int(1, 2);
    const std::vector<int64_t> x = {rng.Int(1, 2), in_c, rng.Int(2, 5), rng.Int(2, 5)};
    const std::vector<int64_t> filter = {in_c, out_per_group, rng.Int(1, 3), rng.Int(1, 3)};
    const std::vector<int> strides = {static_cast<int>(rng.Int(1, 2)),
                                      static_cast<int>(rng.Int(1, 2))};
    const std::vector<int> dilations = {static_cast<int>(rng.Int(1, 2)), 1};
    const std::vector<int> paddings = {static_cast<int>(rng.Int(0, 1)),
                                       static_cast<int>(rng.Int(0, 1))};
    // output_padding must stay below the stride (and the dilation).
    std::vector<int> output_padding;
    if (rng.Bool()) {
      output_padding = {static_cast<int>(rng.Int(0, std::min(strides[0], dilations[0]) - 1)),
                        static_cast<int>(rng.Int(0, std::min(strides[1], dilations[1]) - 1))};
    }
    Case c;
    c.program.Input("x", kF32, x)
        .Param("w", RandomTensor(kF32, filter, rng.TensorSeed()))
        .Var("y", kF32, {-1, -1, -1, -1});
    c.program.Op(op)
        .In("Input", {"x"})
        .In("Filter", {"w"})
        .Out("Output", {"y"})
        .Attr("groups", static_cast<int>(groups))
        .Attr("strides", strides)
        .Attr("paddings", paddings)
        .Attr("dilations", dilations)
        .Attr("output_padding", output_padding)
        .Attr("output_size", std::vector<int>{})
        .Attr("padding_algorithm", "EXPLICIT")
        .Attr("data_format", "NCHW");
    c.program.Output("y");
    c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
    c.description = fmt::format(
        "x {} filter {} groups={} strides={} paddings={} dilations={} output_padding={}",
        ShapeText(kF32, x), graph::ShapeToString(filter), groups, strides, paddings, dilations,
        output_padding);
    return c;
  };
}
PD2ONNX_SWEEP(conv2d_transpose, ConvTranspose("conv2d_transpose"))
PD2ONNX_SWEEP(depthwise_conv2d_transpose, ConvTranspose("depthwise_conv2d_transpose"))

// instance_norm with optional Scale and Bias.
Case InstanceNormCase(Rng& rng) {
  const std::vector<int64_t> x = {rng.Int(1, 2), rng.Int(1, 3), rng.Int(1, 4), rng.Int(2, 4)};
  const auto epsilon = static_cast<float>(rng.Real(1e-5, 1e-3));
  const bool affine = rng.Bool();
  Case c;
  c.program.Input("x", kF32, x)
      .Var("y", kF32, x)
      .Var("saved_mean", kF32, {-1})
      .Var("saved_variance", kF32, {-1});
  if (affine) {
    c.program.Param("scale", RandomTensor(kF32, {x[1]}, rng.TensorSeed(), 0.5, 1.5))
        .Param("bias", RandomTensor(kF32, {x[1]}, rng.TensorSeed()));
  }
  OpBuilder op = c.program.Op("instance_norm");
  op.In("X", {"x"})
      .Out("Y", {"y"})
      .Out("SavedMean", {"saved_mean"})
      .Out("SavedVariance", {"saved_variance"})
      .Attr("epsilon", epsilon);
  if (affine) op.In("Scale", {"scale"}).In("Bias", {"bias"});
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed(), -2, 2);
  c.description = fmt::format("x {} epsilon={} scale_bias={}", ShapeText(kF32, x), epsilon, affine);
  return c;
}
PD2ONNX_SWEEP(instance_norm, InstanceNormCase)

// matmul (v1): transpose_X/transpose_Y and alpha, batch dims broadcast.
Case MatmulCase(Rng& rng) {
  const int64_t m = rng.Int(1, 4), k = rng.Int(1, 4), n = rng.Int(1, 4);
  const bool tx = rng.Bool(), ty = rng.Bool();
  const auto alpha = static_cast<float>(rng.Pick(std::vector<double>{1.0, 0.5, 2.0}));
  std::vector<int64_t> batch = rng.Shape(0, 2, 3);
  std::vector<int64_t> x = batch, y = batch;
  x.push_back(tx ? k : m);
  x.push_back(tx ? m : k);
  y.push_back(ty ? n : k);
  y.push_back(ty ? k : n);
  Case c;
  c.program.Input("x", kF32, x)
      .Input("y", kF32, y)
      .Var("out", kF32, std::vector<int64_t>(x.size(), -1));
  c.program.Op("matmul")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("transpose_X", tx)
      .Attr("transpose_Y", ty)
      .Attr("alpha", alpha);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.feeds["y"] = RandomTensor(kF32, y, rng.TensorSeed());
  c.description = fmt::format("x {} y {} transpose_X={} transpose_Y={} alpha={}",
                              ShapeText(kF32, x), ShapeText(kF32, y), tx, ty, alpha);
  return c;
}
PD2ONNX_SWEEP(matmul, MatmulCase)

// bmm: [B, M, K] @ [B, K, N].
Case BmmCase(Rng& rng) {
  const int64_t b = rng.Int(1, 3), m = rng.Int(1, 4), k = rng.Int(1, 4), n = rng.Int(1, 4);
  Case c;
  c.program.Input("x", kF32, {b, m, k}).Input("y", kF32, {b, k, n}).Var("out", kF32, {b, m, n});
  c.program.Op("bmm").In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, {b, m, k}, rng.TensorSeed());
  c.feeds["y"] = RandomTensor(kF32, {b, k, n}, rng.TensorSeed());
  c.description = fmt::format("b={} m={} k={} n={}", b, m, k, n);
  return c;
}
PD2ONNX_SWEEP(bmm, BmmCase)

// mv: [M, N] @ [N].
Case MvCase(Rng& rng) {
  const int64_t m = rng.Int(1, 5), n = rng.Int(1, 5);
  Case c;
  c.program.Input("x", kF32, {m, n}).Input("vec", kF32, {n}).Var("out", kF32, {m});
  c.program.Op("mv").In("X", {"x"}).In("Vec", {"vec"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, {m, n}, rng.TensorSeed());
  c.feeds["vec"] = RandomTensor(kF32, {n}, rng.TensorSeed());
  c.description = fmt::format("m={} n={}", m, n);
  return c;
}
PD2ONNX_SWEEP(mv, MvCase)

// addmm: Beta * Input + Alpha * X @ Y, Input broadcast from [N], [1, N] or
// [M, N].
Case AddmmCase(Rng& rng) {
  const int64_t m = rng.Int(1, 4), k = rng.Int(1, 4), n = rng.Int(1, 4);
  const std::vector<int64_t> input =
      rng.Pick(std::vector<std::vector<int64_t>>{{n}, {1, n}, {m, n}});
  const auto alpha = static_cast<float>(rng.Real(-2, 2));
  const auto beta = static_cast<float>(rng.Real(-2, 2));
  Case c;
  c.program.Input("input", kF32, input)
      .Input("x", kF32, {m, k})
      .Input("y", kF32, {k, n})
      .Var("out", kF32, {m, n});
  c.program.Op("addmm")
      .In("Input", {"input"})
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("Alpha", alpha)
      .Attr("Beta", beta);
  c.program.Output("out");
  c.feeds["input"] = RandomTensor(kF32, input, rng.TensorSeed());
  c.feeds["x"] = RandomTensor(kF32, {m, k}, rng.TensorSeed());
  c.feeds["y"] = RandomTensor(kF32, {k, n}, rng.TensorSeed());
  c.description = fmt::format("input {} m={} k={} n={} Alpha={} Beta={}",
                              graph::ShapeToString(input), m, k, n, alpha, beta);
  return c;
}
PD2ONNX_SWEEP(addmm, AddmmCase)

// kron of two tensors of random (possibly different) ranks.
Case KronCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 3, 3);
  const std::vector<int64_t> y = rng.Shape(1, 3, 3);
  const size_t rank = std::max(x.size(), y.size());
  Case c;
  c.program.Input("x", kF32, x)
      .Input("y", kF32, y)
      .Var("out", kF32, std::vector<int64_t>(rank, -1));
  c.program.Op("kron").In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.feeds["y"] = RandomTensor(kF32, y, rng.TensorSeed());
  c.description = fmt::format("x {} y {}", ShapeText(kF32, x), ShapeText(kF32, y));
  return c;
}
PD2ONNX_SWEEP(kron, KronCase)

}  // namespace
}  // namespace pd2onnx::testing::sweep

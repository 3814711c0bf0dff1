// Sweeps of the 3-D windowed ops (conv3d, conv3d_transpose, pool3d) and of
// max_pool2d_with_index, with NCDHW / NDHWC layouts, strides, paddings
// (3 or 6 values), dilations, groups and the padding algorithms.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;

std::vector<int64_t> Unknown(size_t rank) { return std::vector<int64_t>(rank, -1); }

std::vector<int> RandomInts(Rng& rng, size_t n, int64_t lo, int64_t hi) {
  std::vector<int> v(n);
  for (int& x : v) x = static_cast<int>(rng.Int(lo, hi));
  return v;
}

// Paddings of 3 (symmetric) or 6 ([d0, d1, h0, h1, w0, w1]) values, each
// below `limit[axis]`.
std::vector<int> RandomPaddings(Rng& rng, const std::vector<int>& limit, bool symmetric) {
  std::vector<int> p;
  for (size_t i = 0; i < 3; ++i) {
    const int64_t hi = std::max(0, std::min(1, limit[i] - 1));
    p.push_back(static_cast<int>(rng.Int(0, hi)));
    if (!symmetric) p.push_back(static_cast<int>(rng.Int(0, hi)));
  }
  return p;
}

// Input dims in the chosen layout.
std::vector<int64_t> Layout5d(int64_t n, int64_t c, const std::vector<int64_t>& spatial,
                              bool channel_last) {
  std::vector<int64_t> x = {n};
  if (!channel_last) x.push_back(c);
  x.insert(x.end(), spatial.begin(), spatial.end());
  if (channel_last) x.push_back(c);
  return x;
}

// conv3d: groups, strides, paddings, dilations, SAME / VALID / EXPLICIT.
Case Conv3dCase(Rng& rng) {
  const int64_t groups = rng.Pick(std::vector<int64_t>{1, 1, 2});
  const int64_t in_c = groups * rng.Int(1, 2), out_c = groups * rng.Int(1, 2);
  const std::vector<int64_t> kernel = {rng.Int(1, 2), rng.Int(1, 3), rng.Int(1, 3)};
  // Extents >= the widest dilated kernel (see nn_sweep_test.cc's conv2d).
  const std::vector<int64_t> spatial = {rng.Int(3, 4), rng.Int(5, 6), rng.Int(5, 6)};
  const bool channel_last = rng.Bool();
  const std::vector<int64_t> x = Layout5d(rng.Int(1, 2), in_c, spatial, channel_last);
  const std::vector<int64_t> filter = {out_c, in_c / groups, kernel[0], kernel[1], kernel[2]};
  const std::vector<int> strides = RandomInts(rng, 3, 1, 2);
  const std::vector<int> dilations = {1, static_cast<int>(rng.Int(1, 2)), 1};
  const std::vector<int> paddings = RandomPaddings(rng, {2, 2, 2}, rng.Bool());
  const std::string algorithm =
      rng.Pick(std::vector<std::string>{"EXPLICIT", "EXPLICIT", "SAME", "VALID"});
  const std::string format = channel_last ? "NDHWC" : "NCDHW";
  Case c;
  c.program.Input("x", kF32, x)
      .Param("w", RandomTensor(kF32, filter, rng.TensorSeed()))
      .Var("y", kF32, Unknown(5));
  c.program.Op("conv3d")
      .In("Input", {"x"})
      .In("Filter", {"w"})
      .Out("Output", {"y"})
      .Attr("groups", static_cast<int>(groups))
      .Attr("strides", strides)
      .Attr("paddings", paddings)
      .Attr("dilations", dilations)
      .Attr("padding_algorithm", algorithm)
      .Attr("data_format", format);
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.description = fmt::format(
      "x {} {} filter {} groups={} strides={} paddings={} dilations={} padding_algorithm={}",
      ShapeText(kF32, x), format, graph::ShapeToString(filter), groups, strides, paddings,
      dilations, algorithm);
  return c;
}
PD2ONNX_SWEEP(conv3d, Conv3dCase)

// conv3d_transpose: groups, strides, paddings, dilations, and the extra
// output extent from output_padding or output_size.
Case Conv3dTransposeCase(Rng& rng) {
  const int64_t groups = rng.Pick(std::vector<int64_t>{1, 1, 2});
  const int64_t in_c = groups * rng.Int(1, 2), out_per_group = rng.Int(1, 2);
  const std::vector<int64_t> kernel = {rng.Int(1, 2), rng.Int(1, 3), rng.Int(1, 3)};
  const std::vector<int64_t> spatial = {rng.Int(1, 3), rng.Int(2, 4), rng.Int(2, 4)};
  const bool channel_last = rng.Bool();
  const std::vector<int64_t> x = Layout5d(rng.Int(1, 2), in_c, spatial, channel_last);
  const std::vector<int64_t> filter = {in_c, out_per_group, kernel[0], kernel[1], kernel[2]};
  const std::vector<int> strides = RandomInts(rng, 3, 1, 2);
  const std::vector<int> dilations = {1, static_cast<int>(rng.Int(1, 2)), 1};
  std::vector<int> paddings = RandomPaddings(rng, {2, 2, 2}, true);
  // Paddle (and ONNX) need a positive output extent: 2·padding stays within
  // (in − 1)·stride + dilation·(kernel − 1).
  for (size_t i = 0; i < 3; ++i) {
    const int64_t room = (spatial[i] - 1) * strides[i] + dilations[i] * (kernel[i] - 1);
    paddings[i] = static_cast<int>(std::min<int64_t>(paddings[i], room / 2));
  }
  // The extra extent stays below the stride (and the dilation).
  std::vector<int> extra(3, 0);
  for (size_t i = 0; i < 3; ++i) {
    extra[i] = static_cast<int>(rng.Int(0, std::min(strides[i], dilations[i]) - 1));
  }
  const int how = static_cast<int>(rng.Int(0, 2));  // none, output_padding, output_size
  std::vector<int> output_padding, output_size;
  if (how == 1) output_padding = extra;
  if (how == 2) {
    for (size_t i = 0; i < 3; ++i) {
      const int64_t base =
          (spatial[i] - 1) * strides[i] - 2 * paddings[i] + dilations[i] * (kernel[i] - 1) + 1;
      output_size.push_back(static_cast<int>(base + extra[i]));
    }
  }
  const std::string format = channel_last ? "NDHWC" : "NCDHW";
  Case c;
  c.program.Input("x", kF32, x)
      .Param("w", RandomTensor(kF32, filter, rng.TensorSeed()))
      .Var("y", kF32, Unknown(5));
  c.program.Op("conv3d_transpose")
      .In("Input", {"x"})
      .In("Filter", {"w"})
      .Out("Output", {"y"})
      .Attr("groups", static_cast<int>(groups))
      .Attr("strides", strides)
      .Attr("paddings", paddings)
      .Attr("dilations", dilations)
      .Attr("output_padding", output_padding)
      .Attr("output_size", output_size)
      .Attr("padding_algorithm", "EXPLICIT")
      .Attr("data_format", format);
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.description = fmt::format(
      "x {} {} filter {} groups={} strides={} paddings={} dilations={} output_padding={} "
      "output_size={}",
      ShapeText(kF32, x), format, graph::ShapeToString(filter), groups, strides, paddings,
      dilations, output_padding, output_size);
  return c;
}
PD2ONNX_SWEEP(conv3d_transpose, Conv3dTransposeCase)

// pool3d: max / avg; windowed (exclusive, ceil_mode, paddings below the
// window), global, or adaptive with extents divisible by ksize.
Case Pool3dCase(Rng& rng) {
  const std::string type = rng.Bool() ? "max" : "avg";
  const int mode = static_cast<int>(rng.Int(0, 3));  // 0,1 windowed, 2 global, 3 adaptive
  const bool global = mode == 2, adaptive = mode == 3;
  std::vector<int> ksize = RandomInts(rng, 3, 1, 3);
  // Extents >= ksize: ONNX has no window wider than the input, where
  // Paddle's integer division still makes one.
  std::vector<int64_t> spatial = {rng.Int(2, 4), rng.Int(3, 5), rng.Int(3, 5)};
  for (size_t i = 0; i < 3; ++i) spatial[i] = std::max<int64_t>(spatial[i], ksize[i]);
  if (adaptive) {
    for (size_t i = 0; i < 3; ++i) {
      ksize[i] = static_cast<int>(rng.Int(1, 3));
      spatial[i] = ksize[i] * rng.Int(1, 2);
    }
  }
  const bool channel_last = rng.Bool();
  const std::vector<int64_t> x = Layout5d(rng.Int(1, 2), rng.Int(1, 2), spatial, channel_last);
  const bool exclusive = rng.Bool();
  // Paddle's exclusive=false counts padding; the mapper needs it symmetric.
  std::vector<int> paddings =
      RandomPaddings(rng, ksize, !exclusive && type == "avg" ? true : rng.Bool());
  std::vector<int> strides = RandomInts(rng, 3, 1, 2);
  const bool ceil_mode = !adaptive && !global && rng.Bool();
  // Strides above ksize - pad_end: a last window past the input (pool_ceil.h).
  if (ceil_mode && rng.Bool()) strides = RandomInts(rng, 3, 1, 3);
  std::string algorithm = "EXPLICIT";
  if (!adaptive && exclusive && rng.Int(0, 3) == 0) algorithm = rng.Bool() ? "SAME" : "VALID";
  if (adaptive) {
    paddings = {0, 0, 0};
    strides = {1, 1, 1};
  }
  const std::string format = channel_last ? "NDHWC" : "NCDHW";
  Case c;
  c.program.Input("x", kF32, x).Var("y", kF32, Unknown(5));
  c.program.Op("pool3d")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Attr("pooling_type", type)
      .Attr("ksize", ksize)
      .Attr("strides", strides)
      .Attr("paddings", paddings)
      .Attr("global_pooling", global)
      .Attr("adaptive", adaptive)
      .Attr("exclusive", exclusive)
      .Attr("ceil_mode", ceil_mode)
      .Attr("padding_algorithm", algorithm)
      .Attr("data_format", format);
  c.program.Output("y");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed());
  c.description = fmt::format(
      "x {} {} {} ksize={} strides={} paddings={} global={} adaptive={} exclusive={} "
      "ceil_mode={} padding_algorithm={}",
      ShapeText(kF32, x), format, type, ksize, strides, paddings, global, adaptive, exclusive,
      ceil_mode, algorithm);
  return c;
}
PD2ONNX_SWEEP(pool3d, Pool3dCase)

// max_pool2d_with_index: the max and its index in the H·W plane; windowed
// (paddings below ksize), global, or adaptive with divisible extents.
Case MaxPool2dWithIndexCase(Rng& rng) {
  const int mode = static_cast<int>(rng.Int(0, 3));  // 0,1 windowed, 2 global, 3 adaptive
  const bool global = mode == 2, adaptive = mode == 3;
  std::vector<int> ksize = RandomInts(rng, 2, 1, 3);
  std::vector<int64_t> hw = {rng.Int(3, 6), rng.Int(3, 6)};
  if (adaptive) {
    for (size_t i = 0; i < 2; ++i) hw[i] = ksize[i] * rng.Int(1, 3);
  }
  std::vector<int> strides = RandomInts(rng, 2, 1, 2);
  std::vector<int> paddings = {static_cast<int>(rng.Int(0, ksize[0] - 1 > 0 ? 1 : 0)),
                               static_cast<int>(rng.Int(0, ksize[1] - 1 > 0 ? 1 : 0))};
  if (adaptive) {
    paddings = {0, 0};
    strides = {1, 1};
  }
  const std::vector<int64_t> x = {rng.Int(1, 2), rng.Int(1, 3), hw[0], hw[1]};
  Case c;
  c.program.Input("x", kF32, x)
      .Var("y", kF32, Unknown(4))
      .Var("mask", DataType::kInt32, Unknown(4));
  c.program.Op("max_pool2d_with_index")
      .In("X", {"x"})
      .Out("Out", {"y"})
      .Out("Mask", {"mask"})
      .Attr("ksize", ksize)
      .Attr("strides", strides)
      .Attr("paddings", paddings)
      .Attr("global_pooling", global)
      .Attr("adaptive", adaptive);
  c.program.Output("y").Output("mask");
  c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed(), -4, 4);
  c.description = fmt::format("x {} ksize={} strides={} paddings={} global={} adaptive={}",
                              ShapeText(kF32, x), ksize, strides, paddings, global, adaptive);
  return c;
}
PD2ONNX_SWEEP(max_pool2d_with_index, MaxPool2dWithIndexCase)

}  // namespace
}  // namespace pd2onnx::testing::sweep

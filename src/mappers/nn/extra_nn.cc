// NN ops of the extra set:
// - affine_grid: the constant base grid [H·W, 3] of (x, y, 1) (Paddle's
//   linspace over [-1, 1], shrunk by (n − 1)/n without align_corners) times
//   Thetaᵀ, reshaped to [N, H, W, 2]; output_shape must be known.
// - fold (col2im): a grouped ConvTranspose whose one-hot kernel puts each
//   of the C·kh·kw rows at its kernel offset; output_padding absorbs the
//   remainder rows the blocks do not reach.
// - lrn: x·(k + alpha·Σ x²)^(−beta) over n channels centred at c; the
//   windowed sum is an AveragePool (count_include_pad) times n.
// - maxout: the channels grouped into runs of `groups` and ReduceMax.
// - unpool (max): ScatterElements-11 of X into zeros of the output plane.
// - shuffle_channel: [N, g, C/g, H·W] transposed to [N, C/g, g, H·W].
#include <string>
#include <vector>

#include "graph/host_tensor.h"
#include "mappers/map_context.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

void RequireFloat(const graph::Var& var, std::string_view op_type) {
  PD2ONNX_CHECK(var.dtype == DataType::kFloat32 || var.dtype == DataType::kFloat64,
                ErrorKind::kUnsupported, "{} of {} is not supported (float32/float64 only)",
                op_type, graph::DataTypeName(var.dtype));
}

std::string FloatConstant(MapContext& cx, DataType dtype, const std::vector<double>& values,
                          std::vector<int64_t> dims) {
  std::vector<Number> numbers(values.begin(), values.end());
  return cx.Constant(TensorOfNumbers(dtype, std::move(dims), numbers));
}

std::vector<double> GridLine(int64_t count, bool align_corners) {
  std::vector<double> v(static_cast<size_t>(count));
  const double step = count > 1 ? 2.0 / static_cast<double>(count - 1) : 0.0;
  for (int64_t i = 0; i < count; ++i) {
    v[i] = -1.0 + step * static_cast<double>(i);
    if (!align_corners) v[i] *= static_cast<double>(count - 1) / static_cast<double>(count);
  }
  return v;
}

std::vector<int64_t> AffineOutputShape(MapContext& cx, const graph::Op& op) {
  if (op.HasInput("OutputShape")) {
    const graph::ConstTensor* c = cx.ConstantInput(op, "OutputShape");
    PD2ONNX_CHECK(c != nullptr, ErrorKind::kUnsupported,
                  "affine_grid needs OutputShape known at conversion time");
    return graph::HostTensor::FromConst(*c).ToInt64();
  }
  return op.Attr<std::vector<int64_t>>("output_shape");
}

void EmitAffineGrid(MapContext& cx, const graph::Op& op) {
  const graph::Var& theta = cx.InputVar(op, "Theta");
  RequireFloat(theta, op.type);
  const std::vector<int64_t> shape = AffineOutputShape(cx, op);
  PD2ONNX_CHECK(shape.size() == 4, ErrorKind::kUnsupported,
                "affine_grid: output_shape with {} values (only 4-D grids are supported)",
                shape.size());
  const int64_t h = shape[2], w = shape[3];
  const bool align = op.Attr<bool>("align_corners", true);
  const std::vector<double> xs = GridLine(w, align), ys = GridLine(h, align);
  std::vector<double> base;
  for (int64_t i = 0; i < h; ++i) {
    for (int64_t j = 0; j < w; ++j) base.insert(base.end(), {xs[j], ys[i], 1.0});
  }
  const std::string grid = FloatConstant(cx, theta.dtype, base, {h * w, 3});
  const std::string product =
      cx.Node("MatMul", {grid, cx.Transpose(cx.Input(op, "Theta"), {0, 2, 1})});
  cx.Bind(op, "Output", cx.Reshape(product, {-1, h, w, 2}));
}

void EmitFold(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  RequireFloat(var, op.type);
  const auto size = op.Attr<std::vector<int64_t>>("output_sizes");
  const auto k = op.Attr<std::vector<int64_t>>("kernel_sizes");
  const auto s = op.Attr<std::vector<int64_t>>("strides");
  const auto p = op.Attr<std::vector<int64_t>>("paddings");
  const auto d = op.Attr<std::vector<int64_t>>("dilations");
  PD2ONNX_CHECK(
      size.size() == 2 && k.size() == 2 && s.size() == 2 && p.size() == 4 && d.size() == 2,
      ErrorKind::kInvalidInput, "fold: attribute lengths do not fit 2-D folding");
  const int64_t rows = var.shape.size() == 3 ? var.shape[1] : -1;
  PD2ONNX_CHECK(rows > 0 && rows % (k[0] * k[1]) == 0, ErrorKind::kUnsupported,
                "fold needs X's dim 1 (C·kh·kw) known, X is {}", graph::ShapeToString(var.shape));
  const int64_t c = rows / (k[0] * k[1]);
  int64_t blocks[2], extra[2];
  for (int a = 0; a < 2; ++a) {
    const int64_t span = size[a] + p[a] + p[a + 2] - (d[a] * (k[a] - 1) + 1);
    blocks[a] = span / s[a] + 1;
    extra[a] = span % s[a];
  }
  std::vector<double> kernel(static_cast<size_t>(rows * k[0] * k[1]), 0.0);
  for (int64_t row = 0; row < rows; ++row) {
    const int64_t at = row % (k[0] * k[1]);  // ki·kw + kj
    kernel[row * k[0] * k[1] + at] = 1.0;
  }
  const std::string x = cx.Reshape(cx.Input(op, "X"), {0, rows, blocks[0], blocks[1]});
  cx.Bind(op, "Y",
          cx.Node("ConvTranspose", {x, FloatConstant(cx, var.dtype, kernel, {rows, 1, k[0], k[1]})},
                  {{"group", c},
                   {"kernel_shape", k},
                   {"strides", s},
                   {"dilations", d},
                   {"pads", p},
                   {"output_padding", std::vector<int64_t>{extra[0], extra[1]}}}));
}

void EmitLrn(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  RequireFloat(var, op.type);
  PD2ONNX_CHECK(RankOf(var) == 4, ErrorKind::kUnsupported, "lrn takes 4-D X, not {}",
                graph::ShapeToString(var.shape));
  const bool nhwc = op.Attr<std::string>("data_format", "NCHW") == "NHWC";
  const int64_t channels = nhwc ? var.shape[3] : var.shape[1];
  PD2ONNX_CHECK(channels > 0, ErrorKind::kUnsupported, "lrn needs the channel count known, X is {}",
                graph::ShapeToString(var.shape));
  const int64_t n = op.Attr<int64_t>("n", 5);
  const int64_t before = (n - 1) / 2, after = n - 1 - before;
  const std::string x = cx.Input(op, "X");
  const std::string squares = cx.Node("Mul", {x, x});
  // One pooling plane [N, 1, C, H·W] (NHWC: [N, 1, H·W, C]) so the window
  // runs over channels only.
  const std::string plane = cx.Reshape(squares, nhwc ? std::vector<int64_t>{0, 1, -1, channels}
                                                     : std::vector<int64_t>{0, 1, channels, -1});
  const std::vector<int64_t> kernel =
      nhwc ? std::vector<int64_t>{1, n} : std::vector<int64_t>{n, 1};
  const std::vector<int64_t> pads =
      nhwc ? std::vector<int64_t>{0, before, 0, after} : std::vector<int64_t>{before, 0, after, 0};
  const std::string mean =
      cx.Node("AveragePool", {plane},
              {{"kernel_shape", kernel}, {"pads", pads}, {"count_include_pad", int64_t{1}}});
  const std::string window_sum = cx.Node(
      "Reshape",
      {cx.Node("Mul", {mean, cx.ScalarOf(var.dtype, static_cast<double>(n))}), cx.Shape(x)});
  const std::string mid = cx.Node(
      "Add",
      {cx.ScalarOf(var.dtype, op.Attr<float>("k", 2.0f)),
       cx.Node("Mul", {window_sum, cx.ScalarOf(var.dtype, op.Attr<float>("alpha", 1e-4f))})});
  const std::string scale =
      cx.Node("Pow", {mid, cx.ScalarOf(var.dtype, -op.Attr<float>("beta", 0.75f))});
  cx.Bind(op, "Out", cx.Node("Mul", {x, scale}));
  if (op.HasOutput("MidOut")) cx.Bind(op, "MidOut", mid);
}

void EmitMaxout(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(RankOf(var) == 4, ErrorKind::kUnsupported, "maxout takes 4-D X");
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", 1), 4, "axis");
  PD2ONNX_CHECK(axis == 1 || axis == 3, ErrorKind::kUnsupported,
                "maxout: axis={} (only 1 or 3 / -1)", axis);
  const int64_t groups = op.Attr<int64_t>("groups");
  const int64_t channels = var.shape[axis];
  PD2ONNX_CHECK(channels > 0 && groups > 0 && channels % groups == 0, ErrorKind::kUnsupported,
                "maxout needs a known channel count divisible by groups={}, X is {}", groups,
                graph::ShapeToString(var.shape));
  const int64_t out_c = channels / groups;
  const std::string x = cx.Input(op, "X");
  const std::string shape = cx.Shape(x);
  std::string runs, out_shape;
  if (axis == 1) {
    runs = cx.Reduce("ReduceMax", cx.Reshape(x, {0, out_c, groups, -1}), {2}, false);
    out_shape = cx.Node(
        "Concat",
        {cx.Slice(shape, {0}, {1}, {0}), cx.ConstI64({out_c}), cx.Slice(shape, {2}, {4}, {0})},
        {{"axis", int64_t{0}}});
  } else {
    runs = cx.Reduce("ReduceMax", cx.Reshape(x, {0, -1, out_c, groups}), {3}, false);
    out_shape = cx.Node("Concat", {cx.Slice(shape, {0}, {3}, {0}), cx.ConstI64({out_c})},
                        {{"axis", int64_t{0}}});
  }
  cx.Bind(op, "Out", cx.Node("Reshape", {runs, out_shape}));
}

void EmitUnpool(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  RequireFloat(var, op.type);
  const std::string type = op.Attr<std::string>("unpooling_type", "max");
  PD2ONNX_CHECK(type == "max", ErrorKind::kUnsupported,
                "unpool: unpooling_type '{}' is not supported", type);
  const std::string format = op.Attr<std::string>("data_format", "NCHW");
  PD2ONNX_CHECK(format == "NCHW", ErrorKind::kUnsupported,
                "unpool: data_format '{}' is not supported", format);
  const auto ksize = op.Attr<std::vector<int64_t>>("ksize");
  const auto strides = op.Attr<std::vector<int64_t>>("strides", {1, 1});
  const auto pads = op.Attr<std::vector<int64_t>>("paddings", {0, 0});
  std::vector<int64_t> size = op.Attr<std::vector<int64_t>>("output_size", {});
  if (size.size() != 2) {
    PD2ONNX_CHECK(var.shape.size() == 4 && var.shape[2] > 0 && var.shape[3] > 0,
                  ErrorKind::kUnsupported,
                  "unpool without output_size needs X's spatial dims known, X is {}",
                  graph::ShapeToString(var.shape));
    size = {(var.shape[2] - 1) * strides[0] - 2 * pads[0] + ksize[0],
            (var.shape[3] - 1) * strides[1] - 2 * pads[1] + ksize[1]};
  }
  const std::string x = cx.Input(op, "X");
  const std::string zeros_shape =
      cx.Node("Concat", {cx.Slice(cx.Shape(x), {0}, {2}, {0}), cx.ConstI64({size[0] * size[1]})},
              {{"axis", int64_t{0}}});
  const std::string zeros =
      cx.Node("ConstantOfShape", {zeros_shape}, {{"value", OneElementProto(var.dtype, 0.0)}});
  const std::string index =
      cx.Reshape(cx.Cast(cx.Input(op, "Indices"), DataType::kInt64), {0, 0, -1});
  const std::string scattered =
      cx.Node("ScatterElements", {zeros, index, cx.Reshape(x, {0, 0, -1})}, {{"axis", int64_t{2}}});
  cx.Bind(op, "Out", cx.Reshape(scattered, {0, 0, size[0], size[1]}));
}

void EmitShuffleChannel(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  const int64_t group = op.Attr<int64_t>("group", 1);
  const int64_t channels = RankOf(var) == 4 ? var.shape[1] : -1;
  PD2ONNX_CHECK(channels > 0 && group > 0 && channels % group == 0, ErrorKind::kUnsupported,
                "shuffle_channel needs 4-D X with a known channel count divisible by group={}, "
                "X is {}",
                group, graph::ShapeToString(var.shape));
  const std::string x = cx.Input(op, "X");
  const std::string split = cx.Reshape(x, {0, group, channels / group, -1});
  cx.Bind(op, "Out", cx.Node("Reshape", {cx.Transpose(split, {0, 2, 1, 3}), cx.Shape(x)}));
}

}  // namespace

void RegisterExtraNn(Registry& r) {
  r.Add("affine_grid", AnyOpset, {{7, EmitAffineGrid}});
  r.Add("fold", AnyOpset, {{7, EmitFold}});
  r.Add("lrn", AnyOpset, {{7, EmitLrn}});
  r.Add("maxout", AnyOpset, {{7, EmitMaxout}});
  r.Add("unpool",
        [](const graph::Op&) {
          return OpsetNeed{11, "ScatterElements-11"};
        },
        {{11, EmitUnpool}});
  r.Add("shuffle_channel", AnyOpset, {{7, EmitShuffleChannel}});
}

}  // namespace pd2onnx::mappers

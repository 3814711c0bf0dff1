// Sweeps of the remaining small tensor ops: whole-tensor reductions,
// shape queries, unbind/unstack/meshgrid, one_hot, strided_slice,
// fill_constant and friends.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;
const std::vector<DataType> kData = {DataType::kFloat32, DataType::kInt32, DataType::kInt64};

// Paddle writes a whole-tensor result as 0-D (2.x) or [1] (1.x).
std::vector<int64_t> ScalarDims(Rng& rng) {
  return rng.Bool() ? std::vector<int64_t>{} : std::vector<int64_t>{1};
}

// X -> one value: mean, squared_l2_norm, and the v1 isfinite/isinf/isnan
// (one bool for the whole tensor).
Generator WholeTensor(std::string op, DataType out_dtype) {
  return [op, out_dtype](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(1, 4);
    const std::vector<int64_t> out = ScalarDims(rng);
    Case c;
    c.program.Input("x", kF32, dims)
        .Var("out", out_dtype == DataType::kUndefined ? kF32 : out_dtype, out);
    c.program.Op(op).In("X", {"x"}).Out("Out", {"out"});
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(kF32, dims, rng.TensorSeed(), -3, 3);
    c.description = fmt::format("x {} -> {}", ShapeText(kF32, dims), graph::ShapeToString(out));
    return c;
  };
}
PD2ONNX_SWEEP(mean, WholeTensor("mean", DataType::kUndefined))
PD2ONNX_SWEEP(squared_l2_norm, WholeTensor("squared_l2_norm", DataType::kUndefined))
PD2ONNX_SWEEP(isfinite, WholeTensor("isfinite", DataType::kBool))
PD2ONNX_SWEEP(isinf, WholeTensor("isinf", DataType::kBool))
PD2ONNX_SWEEP(isnan, WholeTensor("isnan", DataType::kBool))

PD2ONNX_SWEEP(frobenius_norm, Reduce("frobenius_norm"))
PD2ONNX_SWEEP(share_data, Unary("share_data", {.lo = -9, .hi = 9, .dtypes = kData}))
PD2ONNX_SWEEP(clip_by_norm,
              Unary("clip_by_norm", {.lo = -2, .hi = 2, .attrs = FloatAttr("max_norm", 0.1, 5)}))
PD2ONNX_SWEEP(cumprod, Unary("cumprod", {.lo = 0.5,
                                         .hi = 1.5,
                                         .attrs =
                                             [](OpBuilder& op, Rng& rng) {
                                               // Unary draws rank <= 4; -1 is valid for any rank.
                                               const int dim = static_cast<int>(rng.Int(-1, 0));
                                               op.Attr("dim", dim);
                                               return fmt::format("dim={}", dim);
                                             },
                                         .max_rank = 4}))

// fill_any_like: the input's shape filled with `value`, in the input's dtype
// or a given one.
Case FillAnyLikeCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(0, 4);
  const DataType in = rng.Pick(kData);
  const DataType out = rng.Bool() ? in : rng.Pick(kData);
  const auto value = static_cast<float>(rng.Int(-5, 5));
  Case c;
  c.program.Input("x", in, dims).Var("out", out, dims);
  c.program.Op("fill_any_like")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("value", value)
      .Attr("dtype", out == in ? -1 : static_cast<int>(out));
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(in, dims, rng.TensorSeed(), -3, 3);
  c.description =
      fmt::format("x {} value={} dtype={}", ShapeText(in, dims), value, graph::DataTypeName(out));
  return c;
}
PD2ONNX_SWEEP(fill_any_like, FillAnyLikeCase)

// fill_constant with a shape attribute, no inputs.
Case FillConstantCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(0, 3);
  const DataType dtype =
      rng.Pick(std::vector<DataType>{kF32, DataType::kInt32, DataType::kInt64, DataType::kBool});
  const auto value = static_cast<float>(dtype == DataType::kBool ? rng.Int(0, 1) : rng.Int(-5, 5));
  Case c;
  c.program.Var("out", dtype, dims);
  c.program.Op("fill_constant")
      .Out("Out", {"out"})
      .Attr("shape", dims)
      .Attr("value", value)
      .Attr("dtype", static_cast<int>(dtype));
  c.program.Output("out");
  c.description = fmt::format("{} value={}", ShapeText(dtype, dims), value);
  return c;
}
PD2ONNX_SWEEP(fill_constant, FillConstantCase)

// shape (int32) and size (int64) of any tensor.
Case ShapeCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(0, 4);
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims)
      .Var("out", DataType::kInt32, {static_cast<int64_t>(dims.size())});
  c.program.Op("shape").In("Input", {"x"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -3, 3);
  c.description = "x " + ShapeText(dtype, dims);
  return c;
}
PD2ONNX_SWEEP(shape, ShapeCase)

Case SizeCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(0, 4);
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", DataType::kInt64, ScalarDims(rng));
  c.program.Op("size").In("Input", {"x"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -3, 3);
  c.description = "x " + ShapeText(dtype, dims);
  return c;
}
PD2ONNX_SWEEP(size, SizeCase)

// unbind (Out) and unstack (Y): one output per slice along `axis`.
Generator Unbind(std::string op, std::string out_slot) {
  return [op, out_slot](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(1, 4);
    const int axis = RandomAxis(rng, dims.size());
    const int positive = PositiveAxis(axis, dims.size());
    std::vector<int64_t> part = dims;
    part.erase(part.begin() + positive);
    const DataType dtype = rng.Pick(kData);
    Case c;
    c.program.Input("x", dtype, dims);
    std::vector<std::string> outs;
    for (int64_t i = 0; i < dims[positive]; ++i) {
      outs.push_back(fmt::format("out{}", i));
      c.program.Var(outs.back(), dtype, part);
    }
    OpBuilder b = c.program.Op(op).In("X", {"x"}).Out(out_slot, outs).Attr("axis", axis);
    if (op == "unstack") b.Attr("num", static_cast<int>(dims[positive]));
    for (const std::string& name : outs) c.program.Output(name);
    c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
    c.description = fmt::format("x {} axis={}", ShapeText(dtype, dims), axis);
    return c;
  };
}
PD2ONNX_SWEEP(unbind, Unbind("unbind", "Out"))
PD2ONNX_SWEEP(unstack, Unbind("unstack", "Y"))

// meshgrid of 1-3 vectors (0-D inputs count as length 1).
Case MeshgridCase(Rng& rng) {
  const int64_t n = rng.Int(1, 3);
  const DataType dtype = rng.Pick(kData);
  std::vector<int64_t> out;
  std::vector<std::string> ins, outs;
  Case c;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t len = rng.Int(1, 4);
    out.push_back(len);
    ins.push_back(fmt::format("x{}", i));
    c.program.Input(ins.back(), dtype, {len});
    c.feeds[ins.back()] = RandomTensor(dtype, {len}, rng.TensorSeed(), -9, 9);
  }
  for (int64_t i = 0; i < n; ++i) {
    outs.push_back(fmt::format("out{}", i));
    c.program.Var(outs.back(), dtype, out);
  }
  c.program.Op("meshgrid").In("X", ins).Out("Out", outs);
  for (const std::string& name : outs) c.program.Output(name);
  c.description = fmt::format("{} {}", graph::DataTypeName(dtype), graph::ShapeToString(out));
  return c;
}
PD2ONNX_SWEEP(meshgrid, MeshgridCase)

// expand_as_v2 to a target_shape attribute.
Case ExpandAsV2Case(Rng& rng) {
  std::vector<int64_t> dims = rng.Shape(1, 3, 3);
  for (int64_t& d : dims) d = rng.Bool() ? 1 : d;
  std::vector<int64_t> target;
  for (int64_t i = rng.Int(0, 1); i > 0; --i) target.push_back(rng.Int(1, 3));
  for (int64_t d : dims) target.push_back(d == 1 ? rng.Int(1, 3) : d);
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, target);
  c.program.Op("expand_as_v2")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("target_shape", std::vector<int>(target.begin(), target.end()));
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description =
      fmt::format("x {} target_shape={}", ShapeText(dtype, dims), graph::ShapeToString(target));
  return c;
}
PD2ONNX_SWEEP(expand_as_v2, ExpandAsV2Case)

// one_hot_v2: ids in [0, depth) -> float32 rows.
Case OneHotV2Case(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 3);
  const int depth = static_cast<int>(rng.Int(1, 6));
  const DataType ids = rng.Bool() ? DataType::kInt32 : DataType::kInt64;
  std::vector<int64_t> out = dims;
  out.push_back(depth);
  Case c;
  c.program.Input("x", ids, dims).Var("out", kF32, out);
  c.program.Op("one_hot_v2")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("depth", depth)
      .Attr("dtype", static_cast<int>(kF32))
      .Attr("allow_out_of_range", false);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(ids, dims, rng.TensorSeed(), 0, depth);
  c.description = fmt::format("x {} depth={}", ShapeText(ids, dims), depth);
  return c;
}
PD2ONNX_SWEEP(one_hot_v2, OneHotV2Case)

// strided_slice with positive and negative strides.
Case StridedSliceCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4, 6);
  const auto rank = static_cast<int>(dims.size());
  std::vector<int> axes, starts, ends, strides;
  for (int d = 0; d < rank; ++d) {
    if (rng.Bool() && !(axes.empty() && d == rank - 1)) continue;
    const int extent = static_cast<int>(dims[d]);
    const int stride = static_cast<int>(rng.Pick(std::vector<int64_t>{1, 2, 3, -1, -2}));
    int start = static_cast<int>(rng.Int(0, extent - 1));
    int end = stride > 0 ? static_cast<int>(rng.Int(start + 1, extent))
                         : static_cast<int>(rng.Int(-1, start - 1));
    if (stride < 0 && end == -1) end = -extent - 1;     // through index 0
    if (rng.Bool() && start < extent) start -= extent;  // negative form
    axes.push_back(d);
    starts.push_back(start);
    ends.push_back(end);
    strides.push_back(stride);
  }
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, std::vector<int64_t>(dims.size(), -1));
  c.program.Op("strided_slice")
      .In("Input", {"x"})
      .Out("Out", {"out"})
      .Attr("axes", axes)
      .Attr("starts", starts)
      .Attr("ends", ends)
      .Attr("strides", strides)
      .Attr("infer_flags", std::vector<int>(axes.size(), 1))
      .Attr("decrease_axis", std::vector<int>{});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} axes={} starts={} ends={} strides={}", ShapeText(dtype, dims),
                              axes, starts, ends, strides);
  return c;
}
PD2ONNX_SWEEP(strided_slice, StridedSliceCase)

}  // namespace
}  // namespace pd2onnx::testing::sweep

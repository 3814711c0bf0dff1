// Sweeps of the shape and tensor ops: transpose, reshape, flatten, squeeze,
// unsqueeze, concat, split, stack, slice, gather, tile, expand, flip, roll.
#include <numeric>

#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const std::vector<DataType> kData = {DataType::kFloat32, DataType::kInt32, DataType::kInt64};

// `op` is transpose2 (with XShape) or its v1 form transpose.
Generator Transpose(std::string op) {
  return [op](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(1, 5);
    std::vector<int> perm(dims.size());
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), std::mt19937(rng.TensorSeed()));
    std::vector<int64_t> out;
    for (int p : perm) out.push_back(dims[p]);
    const DataType dtype = rng.Pick(kData);
    Case c;
    c.program.Input("x", dtype, dims).Var("out", dtype, out);
    if (op.back() == '2') c.program.Var("xshape", dtype, {});
    OpBuilder b = c.program.Op(op).In("X", {"x"}).Out("Out", {"out"}).Attr("axis", perm);
    if (op.back() == '2') b.Out("XShape", {"xshape"});
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
    c.description = fmt::format("x {} axis={}", ShapeText(dtype, dims), perm);
    return c;
  };
}
PD2ONNX_SWEEP(transpose2, Transpose("transpose2"))
PD2ONNX_SWEEP(transpose, Transpose("transpose"))

// reshape2 to a random factorisation, with 0 (copy) and -1 (infer) entries.
// `op` is reshape2 (with XShape) or its v1 form reshape.
Generator Reshape(std::string op) {
  return [op](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(1, 4);
    // Split the element count into a new shape by regrouping prime-ish factors.
    std::vector<int64_t> factors;
    for (int64_t d : dims) {
      int64_t n = d;
      for (int64_t f = 2; f <= n; ++f) {
        while (n % f == 0) {
          factors.push_back(f);
          n /= f;
        }
      }
    }
    std::shuffle(factors.begin(), factors.end(), std::mt19937(rng.TensorSeed()));
    std::vector<int64_t> out;
    for (int64_t f : factors) {
      if (out.empty() || rng.Bool()) {
        out.push_back(f);
      } else {
        out.back() *= f;
      }
    }
    if (out.empty() || rng.Bool()) out.insert(out.begin() + rng.Int(0, out.size()), 1);
    std::vector<int> shape(out.begin(), out.end());
    if (rng.Bool()) shape[rng.Int(0, shape.size() - 1)] = -1;
    const DataType dtype = rng.Pick(kData);
    Case c;
    c.program.Input("x", dtype, dims).Var("out", dtype, out);
    if (op.back() == '2') c.program.Var("xshape", dtype, {});
    OpBuilder b = c.program.Op(op).In("X", {"x"}).Out("Out", {"out"}).Attr("shape", shape);
    if (op.back() == '2') b.Out("XShape", {"xshape"});
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
    c.description = fmt::format("x {} shape={}", ShapeText(dtype, dims), shape);
    return c;
  };
}
PD2ONNX_SWEEP(reshape2, Reshape("reshape2"))
PD2ONNX_SWEEP(reshape, Reshape("reshape"))

Case FlattenRangeCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 5);
  const auto rank = static_cast<int64_t>(dims.size());
  int64_t start = rng.Int(0, rank - 1);
  int64_t stop = rng.Int(start, rank - 1);
  std::vector<int64_t> out(dims.begin(), dims.begin() + start);
  out.push_back(std::accumulate(dims.begin() + start, dims.begin() + stop + 1, int64_t{1},
                                std::multiplies<>()));
  out.insert(out.end(), dims.begin() + stop + 1, dims.end());
  const int start_attr = static_cast<int>(rng.Bool() ? start : start - rank);
  const int stop_attr = static_cast<int>(rng.Bool() ? stop : stop - rank);
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, out).Var("xshape", dtype, {});
  c.program.Op("flatten_contiguous_range")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Out("XShape", {"xshape"})
      .Attr("start_axis", start_attr)
      .Attr("stop_axis", stop_attr);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description =
      fmt::format("x {} start_axis={} stop_axis={}", ShapeText(dtype, dims), start_attr, stop_attr);
  return c;
}
PD2ONNX_SWEEP(flatten_contiguous_range, FlattenRangeCase)

// squeeze2 of some size-1 axes (or all of them with axes=[]).
// `op` is squeeze2 (with XShape) or its v1 form squeeze.
Generator Squeeze(std::string op) {
  return [op](Rng& rng) {
    std::vector<int64_t> dims = rng.Shape(1, 5, 3);
    for (int64_t& d : dims) d = rng.Bool() ? 1 : d;
    const auto rank = static_cast<int>(dims.size());
    std::vector<int> axes;
    for (int d = 0; d < rank; ++d) {
      if (dims[d] == 1 && rng.Bool()) axes.push_back(rng.Bool() ? d : d - rank);
    }
    std::vector<int64_t> out;
    for (int d = 0; d < rank; ++d) {
      const bool squeezed =
          dims[d] == 1 && (axes.empty() || std::count(axes.begin(), axes.end(), d) ||
                           std::count(axes.begin(), axes.end(), d - rank));
      if (!squeezed) out.push_back(dims[d]);
    }
    const DataType dtype = rng.Pick(kData);
    Case c;
    c.program.Input("x", dtype, dims).Var("out", dtype, out);
    if (op.back() == '2') c.program.Var("xshape", dtype, {});
    OpBuilder b = c.program.Op(op).In("X", {"x"}).Out("Out", {"out"}).Attr("axes", axes);
    if (op.back() == '2') b.Out("XShape", {"xshape"});
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
    c.description = fmt::format("x {} axes={}", ShapeText(dtype, dims), axes);
    return c;
  };
}
PD2ONNX_SWEEP(squeeze2, Squeeze("squeeze2"))
PD2ONNX_SWEEP(squeeze, Squeeze("squeeze"))

// unsqueeze2 inserting 1-3 axes (positions in the output, in order).
// `op` is unsqueeze2 (with XShape) or its v1 form unsqueeze.
Generator Unsqueeze(std::string op) {
  return [op](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(0, 3);
    std::vector<int64_t> out = dims;
    std::vector<int> axes;
    const int64_t count = rng.Int(1, 3);
    for (int64_t i = 0; i < count; ++i) {
      const auto at = static_cast<int>(rng.Int(0, static_cast<int64_t>(out.size())));
      out.insert(out.begin() + at, 1);
      axes.push_back(at);
    }
    const DataType dtype = rng.Pick(kData);
    Case c;
    c.program.Input("x", dtype, dims).Var("out", dtype, out);
    if (op.back() == '2') c.program.Var("xshape", dtype, {});
    OpBuilder b = c.program.Op(op).In("X", {"x"}).Out("Out", {"out"}).Attr("axes", axes);
    if (op.back() == '2') b.Out("XShape", {"xshape"});
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
    c.description = fmt::format("x {} axes={}", ShapeText(dtype, dims), axes);
    return c;
  };
}
PD2ONNX_SWEEP(unsqueeze2, Unsqueeze("unsqueeze2"))
PD2ONNX_SWEEP(unsqueeze, Unsqueeze("unsqueeze"))

// concat of 1-4 tensors that differ along `axis`.
Case ConcatCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const int axis = RandomAxis(rng, dims.size());
  const int positive = PositiveAxis(axis, dims.size());
  const DataType dtype = rng.Pick(kData);
  const int64_t n = rng.Int(1, 4);
  Case c;
  std::vector<std::string> names;
  std::vector<int64_t> out = dims;
  out[positive] = 0;
  for (int64_t i = 0; i < n; ++i) {
    std::vector<int64_t> part = dims;
    part[positive] = rng.Int(1, 3);
    out[positive] += part[positive];
    names.push_back(fmt::format("x{}", i));
    c.program.Input(names.back(), dtype, part);
    c.feeds[names.back()] = RandomTensor(dtype, part, rng.TensorSeed(), -9, 9);
  }
  c.program.Var("out", dtype, out);
  c.program.Op("concat").In("X", names).Out("Out", {"out"}).Attr("axis", axis);
  c.program.Output("out");
  c.description = fmt::format("{} inputs -> {} axis={}", n, ShapeText(dtype, out), axis);
  return c;
}
PD2ONNX_SWEEP(concat, ConcatCase)

// split by `num` equal parts or by `sections` (one of them may be -1).
Case SplitCase(Rng& rng) {
  std::vector<int64_t> dims = rng.Shape(1, 4);
  const int axis = RandomAxis(rng, dims.size());
  const int positive = PositiveAxis(axis, dims.size());
  const DataType dtype = rng.Pick(kData);
  std::vector<int> sections;
  int num = 0;
  std::vector<int64_t> sizes;
  if (rng.Bool()) {
    num = static_cast<int>(rng.Int(1, 3));
    dims[positive] = num * rng.Int(1, 3);
    sizes.assign(num, dims[positive] / num);
  } else {
    const int64_t parts = rng.Int(1, 3);
    dims[positive] = 0;
    for (int64_t i = 0; i < parts; ++i) {
      sizes.push_back(rng.Int(1, 3));
      dims[positive] += sizes.back();
    }
    sections.assign(sizes.begin(), sizes.end());
    if (rng.Bool()) sections[rng.Int(0, parts - 1)] = -1;
  }
  Case c;
  c.program.Input("x", dtype, dims);
  std::vector<std::string> outs;
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::vector<int64_t> part = dims;
    part[positive] = sizes[i];
    outs.push_back(fmt::format("out{}", i));
    c.program.Var(outs.back(), dtype, part);
  }
  c.program.Op("split")
      .In("X", {"x"})
      .Out("Out", outs)
      .Attr("axis", axis)
      .Attr("num", num)
      .Attr("sections", sections);
  for (const std::string& name : outs) c.program.Output(name);
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description =
      fmt::format("x {} axis={} num={} sections={}", ShapeText(dtype, dims), axis, num, sections);
  return c;
}
PD2ONNX_SWEEP(split, SplitCase)

Case StackCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(0, 3);
  const int axis = RandomAxis(rng, dims.size() + 1);
  const DataType dtype = rng.Pick(kData);
  const int64_t n = rng.Int(1, 4);
  std::vector<int64_t> out = dims;
  out.insert(out.begin() + PositiveAxis(axis, dims.size() + 1), n);
  Case c;
  std::vector<std::string> names;
  for (int64_t i = 0; i < n; ++i) {
    names.push_back(fmt::format("x{}", i));
    c.program.Input(names.back(), dtype, dims);
    c.feeds[names.back()] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  }
  c.program.Var("y", dtype, out);
  c.program.Op("stack").In("X", names).Out("Y", {"y"}).Attr("axis", axis);
  c.program.Output("y");
  c.description = fmt::format("{} x {} axis={}", n, ShapeText(dtype, dims), axis);
  return c;
}
PD2ONNX_SWEEP(stack, StackCase)

// slice with random (possibly negative, possibly clamped) starts/ends and
// decrease_axis on some size-1 results.
Case SliceCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4, 5);
  const auto rank = static_cast<int>(dims.size());
  std::vector<int> axes, starts, ends, decrease;
  std::vector<int64_t> out = dims;
  for (int d = 0; d < rank; ++d) {
    if (rng.Int(0, 2) == 0 && !(axes.empty() && d == rank - 1)) continue;
    const int64_t begin = rng.Int(0, dims[d] - 1);
    const int64_t end = rng.Int(begin + 1, dims[d]);
    axes.push_back(d);
    starts.push_back(static_cast<int>(rng.Bool() ? begin : begin - dims[d]));
    ends.push_back(end == dims[d] && rng.Bool() ? 1000000 : static_cast<int>(end));
    out[d] = end - begin;
    if (out[d] == 1 && rng.Bool()) decrease.push_back(d);
  }
  std::vector<int64_t> declared;
  for (int d = 0; d < rank; ++d) {
    if (std::count(decrease.begin(), decrease.end(), d) == 0) declared.push_back(out[d]);
  }
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, declared);
  OpBuilder op = c.program.Op("slice")
                     .In("Input", {"x"})
                     .Out("Out", {"out"})
                     .Attr("axes", axes)
                     .Attr("starts", starts)
                     .Attr("ends", ends)
                     .Attr("infer_flags", std::vector<int>(axes.size(), 1));
  if (!decrease.empty()) op.Attr("decrease_axis", decrease);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} axes={} starts={} ends={} decrease_axis={}",
                              ShapeText(dtype, dims), axes, starts, ends, decrease);
  return c;
}
PD2ONNX_SWEEP(slice, SliceCase)

// gather along `axis` with in-range int32/int64 indices (repeats allowed).
Case GatherCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const int axis = static_cast<int>(rng.Int(0, static_cast<int64_t>(dims.size()) - 1));
  const DataType index_dtype = rng.Bool() ? DataType::kInt32 : DataType::kInt64;
  const int64_t count = rng.Int(1, 5);
  std::vector<int64_t> out = dims;
  out[axis] = count;
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Input("index", index_dtype, {count}).Var("out", dtype, out);
  c.program.Op("gather")
      .In("X", {"x"})
      .In("Index", {"index"})
      .Out("Out", {"out"})
      .Attr("axis", axis);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.feeds["index"] =
      RandomTensor(index_dtype, {count}, rng.TensorSeed(), 0, static_cast<double>(dims[axis]));
  c.description = fmt::format("x {} index {}[{}] axis={}", ShapeText(dtype, dims),
                              graph::DataTypeName(index_dtype), count, axis);
  return c;
}
PD2ONNX_SWEEP(gather, GatherCase)

Case TileCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 3, 3);
  std::vector<int> repeats(static_cast<size_t>(rng.Int(1, 4)));
  for (int& r : repeats) r = static_cast<int>(rng.Int(1, 3));
  // Paddle aligns the shorter of shape and repeat_times at the right.
  const size_t rank = std::max(dims.size(), repeats.size());
  std::vector<int64_t> in(rank, 1), reps(rank, 1);
  std::copy(dims.begin(), dims.end(), in.end() - static_cast<std::ptrdiff_t>(dims.size()));
  std::copy(repeats.begin(), repeats.end(),
            reps.end() - static_cast<std::ptrdiff_t>(repeats.size()));
  std::vector<int64_t> out(rank);
  for (size_t d = 0; d < rank; ++d) out[d] = in[d] * reps[d];
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, out);
  c.program.Op("tile").In("X", {"x"}).Out("Out", {"out"}).Attr("repeat_times", repeats);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} repeat_times={}", ShapeText(dtype, dims), repeats);
  return c;
}
PD2ONNX_SWEEP(tile, TileCase)

// expand_v2 to a larger shape; -1 keeps a dim.
Case ExpandV2Case(Rng& rng) {
  std::vector<int64_t> dims = rng.Shape(1, 3, 3);
  for (int64_t& d : dims) d = rng.Bool() ? 1 : d;
  std::vector<int> shape;
  for (int64_t i = rng.Int(0, 1); i > 0; --i) shape.push_back(static_cast<int>(rng.Int(1, 3)));
  std::vector<int64_t> out(shape.begin(), shape.end());
  for (int64_t d : dims) {
    const int64_t target = d == 1 ? rng.Int(1, 3) : d;
    shape.push_back(target == d && rng.Bool() ? -1 : static_cast<int>(target));
    out.push_back(target);
  }
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, out);
  c.program.Op("expand_v2").In("X", {"x"}).Out("Out", {"out"}).Attr("shape", shape);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} shape={}", ShapeText(dtype, dims), shape);
  return c;
}
PD2ONNX_SWEEP(expand_v2, ExpandV2Case)

Case FlipCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const auto rank = static_cast<int>(dims.size());
  std::vector<int> axis;
  for (int d = 0; d < rank; ++d) {
    if (rng.Bool()) axis.push_back(rng.Bool() ? d : d - rank);
  }
  if (axis.empty()) axis.push_back(0);
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, dims);
  c.program.Op("flip").In("X", {"x"}).Out("Out", {"out"}).Attr("axis", axis);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} axis={}", ShapeText(dtype, dims), axis);
  return c;
}
PD2ONNX_SWEEP(flip, FlipCase)

Case RollCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  std::vector<int64_t> shifts, axis;
  const bool flat = rng.Int(0, 3) == 0;  // axis=[]: roll the flattened tensor
  if (flat) {
    shifts.push_back(rng.Int(-7, 7));
  } else {
    for (size_t d = 0; d < dims.size(); ++d) {
      if (!rng.Bool() && !(axis.empty() && d + 1 == dims.size())) continue;
      axis.push_back(static_cast<int64_t>(d));
      shifts.push_back(rng.Int(-5, 5));
    }
  }
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, dims);
  c.program.Op("roll").In("X", {"x"}).Out("Out", {"out"}).Attr("shifts", shifts).Attr("axis", axis);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} shifts={} axis={}", ShapeText(dtype, dims), shifts, axis);
  return c;
}
PD2ONNX_SWEEP(roll, RollCase)

// softmax / log_softmax along a random axis.
Generator SoftmaxLike(std::string op) {
  return [op](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(1, 4);
    const int axis = RandomAxis(rng, dims.size());
    Case c;
    c.program.Input("x", DataType::kFloat32, dims).Var("out", DataType::kFloat32, dims);
    c.program.Op(op).In("X", {"x"}).Out("Out", {"out"}).Attr("axis", axis);
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(DataType::kFloat32, dims, rng.TensorSeed(), -5, 5);
    c.description = fmt::format("x {} axis={}", ShapeText(DataType::kFloat32, dims), axis);
    return c;
  };
}
PD2ONNX_SWEEP(softmax, SoftmaxLike("softmax"))
PD2ONNX_SWEEP(log_softmax, SoftmaxLike("log_softmax"))

// cumsum along an axis (or flattened), with exclusive and reverse.
Case CumsumCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const bool flatten = rng.Int(0, 3) == 0;
  const int axis = RandomAxis(rng, dims.size());
  const bool exclusive = rng.Bool();
  const bool reverse = rng.Bool();
  const DataType dtype = rng.Pick(kData);
  std::vector<int64_t> out = dims;
  if (flatten) {
    out = {std::accumulate(dims.begin(), dims.end(), int64_t{1}, std::multiplies<>())};
  }
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, out);
  c.program.Op("cumsum")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("axis", axis)
      .Attr("flatten", flatten)
      .Attr("exclusive", exclusive)
      .Attr("reverse", reverse);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} axis={} flatten={} exclusive={} reverse={}",
                              ShapeText(dtype, dims), axis, flatten, exclusive, reverse);
  return c;
}
PD2ONNX_SWEEP(cumsum, CumsumCase)

// arg_max / arg_min with keepdims, flatten and an int32/int64 result.
Generator ArgExtreme(std::string op) {
  return [op](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(1, 4);
    const int axis = RandomAxis(rng, dims.size());
    const bool keepdims = rng.Bool();
    const bool flatten = rng.Int(0, 3) == 0;
    const DataType out_dtype = rng.Bool() ? DataType::kInt32 : DataType::kInt64;
    std::vector<int64_t> out;
    if (flatten) {
      if (keepdims) out.assign(dims.size(), 1);
    } else {
      out = dims;
      if (keepdims) {
        out[PositiveAxis(axis, dims.size())] = 1;
      } else {
        out.erase(out.begin() + PositiveAxis(axis, dims.size()));
      }
    }
    // Distinct values: ties would make the index depend on the runtime.
    const DataType dtype = DataType::kFloat32;
    Case c;
    c.program.Input("x", dtype, dims).Var("out", out_dtype, out);
    c.program.Op(op)
        .In("X", {"x"})
        .Out("Out", {"out"})
        .Attr("axis", static_cast<int64_t>(axis))
        .Attr("keepdims", keepdims)
        .Attr("flatten", flatten)
        .Attr("dtype", static_cast<int>(out_dtype));
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -100, 100);
    c.description =
        fmt::format("x {} axis={} keepdims={} flatten={} dtype={}", ShapeText(dtype, dims), axis,
                    keepdims, flatten, graph::DataTypeName(out_dtype));
    return c;
  };
}
PD2ONNX_SWEEP(arg_max, ArgExtreme("arg_max"))
PD2ONNX_SWEEP(arg_min, ArgExtreme("arg_min"))

// Identity-like ops.
PD2ONNX_SWEEP(assign, Unary("assign", {.lo = -9, .hi = 9, .dtypes = kData}))
PD2ONNX_SWEEP(fill_zeros_like, Unary("fill_zeros_like", {.dtypes = kData}))

}  // namespace
}  // namespace pd2onnx::testing::sweep

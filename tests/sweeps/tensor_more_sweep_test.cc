// Sweeps of tensor ops not covered by the other tensor files: expand /
// expand_as (v1), crop / crop_tensor, partial_concat / partial_sum,
// index_add, multiplex, shard_index, pad_constant_like, is_empty,
// sequence_mask, masked_select, where_index, put_along_axis,
// scatter_nd_add, one_hot (v1) and set_value.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;
const std::vector<DataType> kData = {DataType::kFloat32, DataType::kInt32, DataType::kInt64};

HostTensor Ints(DataType dtype, const std::vector<int64_t>& dims,
                const std::vector<int64_t>& values) {
  if (dtype == DataType::kInt32) {
    return HostTensor::From<int32_t>(dtype, dims,
                                     std::vector<int32_t>(values.begin(), values.end()));
  }
  return HostTensor::From<int64_t>(dtype, dims, values);
}

// expand (v1): Tile by expand_times (attribute or an ExpandTimes tensor fed
// at run time).
Case ExpandCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 3, 3);
  std::vector<int> times(x.size());
  std::vector<int64_t> out = x;
  for (size_t i = 0; i < x.size(); ++i) {
    times[i] = static_cast<int>(rng.Int(1, 3));
    out[i] *= times[i];
  }
  const bool tensor = rng.Bool();
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, x)
      .Var("out", dtype, tensor ? std::vector<int64_t>(x.size(), -1) : out);
  OpBuilder op = c.program.Op("expand").In("X", {"x"}).Out("Out", {"out"});
  if (tensor) {
    const auto rank = static_cast<int64_t>(x.size());
    c.program.Input("times", DataType::kInt32, {rank});
    op.In("ExpandTimes", {"times"}).Attr("expand_times", std::vector<int>{});
    c.feeds["times"] = HostTensor::From<int32_t>(DataType::kInt32, {rank},
                                                 std::vector<int32_t>(times.begin(), times.end()));
  } else {
    op.Attr("expand_times", times);
  }
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, x, rng.TensorSeed(), -9, 9);
  c.description =
      fmt::format("x {} expand_times={} as_tensor={}", ShapeText(dtype, x), times, tensor);
  return c;
}
PD2ONNX_SWEEP(expand, ExpandCase)

// expand_as (v1): Tile to target_tensor's dims (multiples of X's), known
// now or only at run time.
Case ExpandAsCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 3, 3);
  std::vector<int64_t> target = x;
  for (int64_t& d : target) d *= rng.Int(1, 3);
  const bool dynamic = rng.Bool();
  std::vector<int64_t> declared = target;
  if (dynamic) declared[0] = -1;
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, x).Input("t", kF32, declared).Var("out", dtype, declared);
  c.program.Op("expand_as").In("X", {"x"}).In("target_tensor", {"t"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, x, rng.TensorSeed(), -9, 9);
  c.feeds["t"] = RandomTensor(kF32, target, rng.TensorSeed());
  c.description = fmt::format("x {} target {} dynamic={}", ShapeText(dtype, x),
                              graph::ShapeToString(target), dynamic);
  return c;
}
PD2ONNX_SWEEP(expand_as, ExpandAsCase)

// A crop window of x: shape (some -1 = to the end) and offsets that fit.
struct Window {
  std::vector<int> shape, offsets;
  std::vector<int64_t> out;
};

Window RandomWindow(const std::vector<int64_t>& x, Rng& rng, bool allow_to_end) {
  Window w;
  for (int64_t d : x) {
    const int64_t offset = rng.Int(0, d - 1);
    const bool to_end = allow_to_end && rng.Int(0, 3) == 0;
    const int64_t size = to_end ? d - offset : rng.Int(1, d - offset);
    w.offsets.push_back(static_cast<int>(offset));
    w.shape.push_back(to_end ? -1 : static_cast<int>(size));
    w.out.push_back(size);
  }
  return w;
}

// crop_tensor: shape / offsets as attributes, or Shape / Offsets tensors
// fed at run time (opset 10).
Case CropTensorCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 4);
  const Window w = RandomWindow(x, rng, true);
  const bool shape_tensor = rng.Bool(), offsets_tensor = rng.Bool();
  const DataType dtype = rng.Pick(kData);
  const auto rank = static_cast<int64_t>(x.size());
  Case c;
  c.program.Input("x", dtype, x).Var("out", dtype, std::vector<int64_t>(x.size(), -1));
  OpBuilder op = c.program.Op("crop_tensor").In("X", {"x"}).Out("Out", {"out"});
  if (shape_tensor) {
    c.program.Input("shape", DataType::kInt32, {rank});
    op.In("Shape", {"shape"}).Attr("shape", std::vector<int>{});
    c.feeds["shape"] = HostTensor::From<int32_t>(
        DataType::kInt32, {rank}, std::vector<int32_t>(w.shape.begin(), w.shape.end()));
  } else {
    op.Attr("shape", w.shape);
  }
  if (offsets_tensor) {
    c.program.Input("offsets", DataType::kInt64, {rank});
    op.In("Offsets", {"offsets"}).Attr("offsets", std::vector<int>{});
    c.feeds["offsets"] = HostTensor::From<int64_t>(
        DataType::kInt64, {rank}, std::vector<int64_t>(w.offsets.begin(), w.offsets.end()));
  } else {
    op.Attr("offsets", w.offsets);
  }
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, x, rng.TensorSeed(), -9, 9);
  c.description =
      fmt::format("x {} shape={} offsets={} shape_tensor={} offsets_tensor={}", ShapeText(dtype, x),
                  w.shape, w.offsets, shape_tensor, offsets_tensor);
  return c;
}
PD2ONNX_SWEEP(crop_tensor, CropTensorCase)

// crop (v1): the window's shape from Y's dims or the `shape` attribute;
// offsets from the attribute or an Offsets tensor.
Case CropCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 4);
  const Window w = RandomWindow(x, rng, false);
  const bool from_y = rng.Bool(), offsets_tensor = rng.Bool();
  const DataType dtype = rng.Pick(kData);
  const auto rank = static_cast<int64_t>(x.size());
  Case c;
  c.program.Input("x", dtype, x).Var("out", dtype, w.out);
  OpBuilder op = c.program.Op("crop").In("X", {"x"}).Out("Out", {"out"});
  if (from_y) {
    c.program.Input("y", kF32, w.out);
    op.In("Y", {"y"});
    c.feeds["y"] = RandomTensor(kF32, w.out, rng.TensorSeed());
  } else {
    op.Attr("shape", w.shape);
  }
  if (offsets_tensor) {
    c.program.Input("offsets", DataType::kInt32, {rank});
    op.In("Offsets", {"offsets"});
    c.feeds["offsets"] = HostTensor::From<int32_t>(
        DataType::kInt32, {rank}, std::vector<int32_t>(w.offsets.begin(), w.offsets.end()));
  } else {
    op.Attr("offsets", w.offsets);
  }
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, x, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} shape={} offsets={} from_y={} offsets_tensor={}",
                              ShapeText(dtype, x), w.shape, w.offsets, from_y, offsets_tensor);
  return c;
}
PD2ONNX_SWEEP(crop, CropCase)

// partial_concat / partial_sum: columns [start, start + length) of 2-D
// inputs (start may be negative, length -1 runs to the end).
Generator Partial(std::string op) {
  return [op](Rng& rng) {
    const int64_t rows = rng.Int(1, 3), cols = rng.Int(1, 5);
    const int inputs = static_cast<int>(rng.Int(1, 3));
    const int64_t start = rng.Int(0, cols - 1);
    const bool to_end = rng.Bool();
    const int64_t length = to_end ? cols - start : rng.Int(1, cols - start);
    const int start_attr = static_cast<int>(rng.Bool() ? start : start - cols);
    const int length_attr = to_end && rng.Bool() ? -1 : static_cast<int>(length);
    const DataType dtype = rng.Pick(
        std::vector<DataType>{kF32, DataType::kFloat64, DataType::kInt32, DataType::kInt64});
    Case c;
    std::vector<std::string> names;
    for (int i = 0; i < inputs; ++i) {
      names.push_back(fmt::format("x{}", i));
      c.program.Input(names.back(), dtype, {rows, cols});
      c.feeds[names.back()] = RandomTensor(dtype, {rows, cols}, rng.TensorSeed(), -9, 9);
    }
    const int64_t out_cols = op == "partial_concat" ? length * inputs : length;
    c.program.Var("out", dtype, {rows, out_cols});
    c.program.Op(op)
        .In("X", names)
        .Out("Out", {"out"})
        .Attr("start_index", start_attr)
        .Attr("length", length_attr);
    c.program.Output("out");
    c.description = fmt::format("{} x {} start_index={} length={}", inputs,
                                ShapeText(dtype, {rows, cols}), start_attr, length_attr);
    return c;
  };
}
PD2ONNX_SWEEP(partial_concat, Partial("partial_concat"))
PD2ONNX_SWEEP(partial_sum, Partial("partial_sum"))

// index_add: AddValue slices added at Index (repeats accumulate) along axis.
Case IndexAddCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 3);
  const int axis = RandomAxis(rng, x.size());
  const auto a = static_cast<size_t>(PositiveAxis(axis, x.size()));
  const int64_t n = rng.Int(1, 4);
  std::vector<int64_t> index(static_cast<size_t>(n));
  for (int64_t& i : index) i = rng.Int(0, x[a] - 1);
  std::vector<int64_t> add = x;
  add[a] = n;
  const DataType dtype =
      rng.Pick(std::vector<DataType>{kF32, DataType::kFloat64, DataType::kInt32, DataType::kInt64});
  const DataType index_dtype = rng.Pick(std::vector<DataType>{DataType::kInt32, DataType::kInt64});
  Case c;
  c.program.Input("x", dtype, x).Input("index", index_dtype, {n}).Input("add", dtype, add);
  c.program.Var("out", dtype, x);
  c.program.Op("index_add")
      .In("X", {"x"})
      .In("Index", {"index"})
      .In("AddValue", {"add"})
      .Out("Out", {"out"})
      .Attr("axis", axis);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, x, rng.TensorSeed(), -9, 9);
  c.feeds["index"] = Ints(index_dtype, {n}, index);
  c.feeds["add"] = RandomTensor(dtype, add, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} axis={} index={}", ShapeText(dtype, x), axis, index);
  return c;
}
PD2ONNX_SWEEP(index_add, IndexAddCase)

// multiplex: row i of X[Ids[i]].
Case MultiplexCase(Rng& rng) {
  std::vector<int64_t> dims = rng.Shape(2, 3);
  const int inputs = static_cast<int>(rng.Int(1, 4));
  const DataType dtype = rng.Pick(kData);
  const DataType ids_dtype = rng.Pick(std::vector<DataType>{DataType::kInt32, DataType::kInt64});
  Case c;
  std::vector<std::string> names;
  for (int i = 0; i < inputs; ++i) {
    names.push_back(fmt::format("x{}", i));
    c.program.Input(names.back(), dtype, dims);
    c.feeds[names.back()] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  }
  std::vector<int64_t> ids(static_cast<size_t>(dims[0]));
  for (int64_t& id : ids) id = rng.Int(0, inputs - 1);
  c.program.Input("ids", ids_dtype, {dims[0], 1}).Var("out", dtype, dims);
  c.program.Op("multiplex").In("X", names).In("Ids", {"ids"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["ids"] = Ints(ids_dtype, {dims[0], 1}, ids);
  c.description = fmt::format("{} x {} ids={}", inputs, ShapeText(dtype, dims), ids);
  return c;
}
PD2ONNX_SWEEP(multiplex, MultiplexCase)

// shard_index: ids in [0, index_num) split into nshards shards.
Case ShardIndexCase(Rng& rng) {
  const int64_t index_num = rng.Int(1, 30);
  const int64_t nshards = rng.Int(1, std::min<int64_t>(index_num, 5));
  const int64_t shard_id = rng.Int(0, nshards - 1);
  const int64_t ignore_value = rng.Pick(std::vector<int64_t>{-1, 0, -7});
  const std::vector<int64_t> dims = {rng.Int(1, 6), 1};
  const DataType dtype = rng.Pick(std::vector<DataType>{DataType::kInt32, DataType::kInt64});
  std::vector<int64_t> ids(static_cast<size_t>(dims[0]));
  for (int64_t& id : ids) id = rng.Int(0, index_num - 1);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, dims);
  c.program.Op("shard_index")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("index_num", static_cast<int>(index_num))
      .Attr("nshards", static_cast<int>(nshards))
      .Attr("shard_id", static_cast<int>(shard_id))
      .Attr("ignore_value", static_cast<int>(ignore_value));
  c.program.Output("out");
  c.feeds["x"] = Ints(dtype, dims, ids);
  c.description = fmt::format("x {} index_num={} nshards={} shard_id={} ignore_value={}",
                              ShapeText(dtype, dims), index_num, nshards, shard_id, ignore_value);
  return c;
}
PD2ONNX_SWEEP(shard_index, ShardIndexCase)

// pad_constant_like: Y padded with pad_value at the end of each axis up to
// X's dims; the dims known now or only at run time.
Case PadConstantLikeCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 3);
  std::vector<int64_t> y = x;
  for (int64_t& d : y) d = rng.Int(1, d);
  const bool dynamic = rng.Bool();
  const DataType dtype = rng.Pick(kData);
  const auto value = static_cast<float>(rng.Int(-4, 4)) / (graph::IsInteger(dtype) ? 1 : 2);
  std::vector<int64_t> x_decl = x, y_decl = y;
  if (dynamic) x_decl[0] = y_decl[0] = -1;
  Case c;
  c.program.Input("x", dtype, x_decl).Input("y", dtype, y_decl).Var("out", dtype, x_decl);
  c.program.Op("pad_constant_like")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("pad_value", value);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, x, rng.TensorSeed(), -9, 9);
  c.feeds["y"] = RandomTensor(dtype, y, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} y {} pad_value={} dynamic={}", ShapeText(dtype, x),
                              ShapeText(dtype, y), value, dynamic);
  // Run-time pads and integer dtypes need Pad-11.
  if (dynamic || graph::IsInteger(dtype)) c.min_opset = 11;
  return c;
}
PD2ONNX_SWEEP(pad_constant_like, PadConstantLikeCase)

// is_empty: a feed with or without a zero dim.
Case IsEmptyCase(Rng& rng) {
  std::vector<int64_t> dims = rng.Shape(1, 3);
  const bool empty = rng.Bool();
  if (empty) dims[static_cast<size_t>(rng.Int(0, static_cast<int64_t>(dims.size()) - 1))] = 0;
  std::vector<int64_t> declared = dims;
  declared[0] = -1;
  for (size_t i = 1; i < dims.size(); ++i) {
    if (dims[i] == 0) declared[i] = -1;
  }
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, declared).Var("out", DataType::kBool, {1});
  c.program.Op("is_empty").In("X", {"x"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = HostTensor(dtype, dims);
  c.description = fmt::format("x {}", ShapeText(dtype, dims));
  return c;
}
PD2ONNX_SWEEP(is_empty, IsEmptyCase)

// sequence_mask: Y[..., j] = j < X[...]; maxlen from MaxLenTensor, the
// attribute, or max(X) when negative; out_dtype.
Case SequenceMaskCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 2);
  const int from = static_cast<int>(rng.Int(0, 2));  // attr, tensor, max(X)
  const int64_t maxlen = rng.Int(1, 6);
  const DataType x_dtype = rng.Pick(std::vector<DataType>{DataType::kInt32, DataType::kInt64});
  const int out_dtype = rng.Pick(std::vector<int>{0, 2, 3, 5});  // bool, int32, int64, fp32
  const DataType y_dtype = *graph::DataTypeFromPaddle(out_dtype);
  std::vector<int64_t> values(static_cast<size_t>(graph::NumElements(dims)));
  for (int64_t& v : values) v = rng.Int(0, 6);
  Case c;
  c.program.Input("x", x_dtype, dims);
  std::vector<int64_t> y = dims;
  y.push_back(-1);
  c.program.Var("y", y_dtype, y);
  OpBuilder op = c.program.Op("sequence_mask").In("X", {"x"}).Out("Y", {"y"});
  op.Attr("maxlen", static_cast<int>(from == 0 ? maxlen : -1)).Attr("out_dtype", out_dtype);
  if (from == 1) {
    c.program.Input("m", DataType::kInt32, {1});
    op.In("MaxLenTensor", {"m"});
    c.feeds["m"] = HostTensor::From<int32_t>(DataType::kInt32, {1}, {static_cast<int32_t>(maxlen)});
  }
  c.program.Output("y");
  c.feeds["x"] = Ints(x_dtype, dims, values);
  c.description = fmt::format(
      "x {} = {} maxlen {} out_dtype={}", ShapeText(x_dtype, dims), values,
      std::vector<std::string>{fmt::format("attr {}", maxlen), fmt::format("tensor {}", maxlen),
                               "max(X)"}[static_cast<size_t>(from)],
      out_dtype);
  return c;
}
PD2ONNX_SWEEP(sequence_mask, SequenceMaskCase)

// masked_select: the elements where Mask (broadcast to X) holds.
Case MaskedSelectCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 3);
  int axis = -1;
  std::vector<int64_t> mask = BroadcastOperand(rng, x, axis);
  if (axis != -1) mask = x;  // no legacy axis form here
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, x).Input("mask", DataType::kBool, mask).Var("out", dtype, {-1});
  c.program.Op("masked_select").In("X", {"x"}).In("Mask", {"mask"}).Out("Y", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, x, rng.TensorSeed(), -9, 9);
  c.feeds["mask"] = RandomTensor(DataType::kBool, mask, rng.TensorSeed(), 0, 2);
  c.description = fmt::format("x {} mask {}", ShapeText(dtype, x), graph::ShapeToString(mask));
  return c;
}
PD2ONNX_SWEEP(masked_select, MaskedSelectCase)

// where_index: the coordinates of the non-zero elements, [N, rank].
Case WhereIndexCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 4);
  const DataType dtype =
      rng.Pick(std::vector<DataType>{DataType::kBool, DataType::kInt32, DataType::kFloat32});
  Case c;
  c.program.Input("cond", dtype, dims)
      .Var("out", DataType::kInt64, {-1, static_cast<int64_t>(dims.size())});
  c.program.Op("where_index").In("Condition", {"cond"}).Out("Out", {"out"});
  c.program.Output("out");
  HostTensor cond =
      RandomTensor(dtype, dims, rng.TensorSeed(), dtype == DataType::kBool ? 0 : -1, 2);
  if (dtype == kF32) {
    for (int64_t i = 0; i < cond.numel(); ++i) {
      float& v = cond.data<float>()[i];
      v = v < 0.5f ? 0.0f : v;  // zeros are common
    }
  }
  c.feeds["cond"] = cond;
  c.description = fmt::format("cond {}", ShapeText(dtype, dims));
  return c;
}
PD2ONNX_SWEEP(where_index, WhereIndexCase)

// put_along_axis: Value written at Index along Axis; assign (distinct
// indices per line, as ONNX leaves duplicate writes unordered), add, mul;
// Value of Index's shape or one element.
Case PutAlongAxisCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 3);
  const int axis = RandomAxis(rng, x.size());
  const auto a = static_cast<size_t>(PositiveAxis(axis, x.size()));
  const std::string reduce = rng.Pick(std::vector<std::string>{"assign", "add", "mul"});
  std::vector<int64_t> index_dims = x;
  for (size_t d = 0; d < x.size(); ++d)
    index_dims[d] = d == a ? rng.Int(1, x[a]) : rng.Int(1, x[d]);
  if (reduce != "assign") index_dims[a] = rng.Int(1, 4);
  // Index values: a fresh permutation prefix per line along the axis.
  const int64_t total = graph::NumElements(index_dims);
  int64_t inner = 1;
  for (size_t d = a + 1; d < x.size(); ++d) inner *= index_dims[d];
  std::vector<int64_t> index(static_cast<size_t>(total));
  for (int64_t line = 0; line < total / index_dims[a]; ++line) {
    std::vector<int64_t> perm(static_cast<size_t>(x[a]));
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), std::mt19937(rng.TensorSeed()));
    const int64_t outer = line / inner, in = line % inner;
    for (int64_t k = 0; k < index_dims[a]; ++k) {
      const int64_t v = reduce == "assign" ? perm[static_cast<size_t>(k)] : rng.Int(0, x[a] - 1);
      index[static_cast<size_t>((outer * index_dims[a] + k) * inner + in)] = v;
    }
  }
  const bool scalar_value = rng.Int(0, 3) == 0;
  const std::vector<int64_t> value_dims = scalar_value ? std::vector<int64_t>{1} : index_dims;
  const DataType dtype = rng.Pick(kData);
  Case c;
  c.program.Input("x", dtype, x).Input("index", DataType::kInt64, index_dims);
  c.program.Input("value", dtype, value_dims).Var("out", dtype, x);
  c.program.Op("put_along_axis")
      .In("Input", {"x"})
      .In("Index", {"index"})
      .In("Value", {"value"})
      .Out("Result", {"out"})
      .Attr("Axis", axis)
      .Attr("Reduce", reduce);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, x, rng.TensorSeed(), -5, 5);
  c.feeds["index"] = HostTensor::From<int64_t>(DataType::kInt64, index_dims, index);
  c.feeds["value"] = RandomTensor(dtype, value_dims, rng.TensorSeed(), -5, 5);
  c.description =
      fmt::format("x {} index {} value {} Axis={} Reduce={}", ShapeText(dtype, x),
                  graph::ShapeToString(index_dims), graph::ShapeToString(value_dims), axis, reduce);
  return c;
}
PD2ONNX_SWEEP(put_along_axis, PutAlongAxisCase)

// scatter_nd_add: Updates added at Index [..., k] (k <= rank; repeats
// accumulate).
Case ScatterNdAddCase(Rng& rng) {
  const std::vector<int64_t> x = rng.Shape(1, 3);
  const auto k = static_cast<size_t>(rng.Int(1, static_cast<int64_t>(x.size())));
  std::vector<int64_t> batch = rng.Shape(1, 2, 3);
  std::vector<int64_t> index_dims = batch;
  index_dims.push_back(static_cast<int64_t>(k));
  std::vector<int64_t> index;
  for (int64_t i = 0; i < graph::NumElements(batch); ++i) {
    for (size_t d = 0; d < k; ++d) index.push_back(rng.Int(0, x[d] - 1));
  }
  std::vector<int64_t> updates = batch;
  updates.insert(updates.end(), x.begin() + static_cast<std::ptrdiff_t>(k), x.end());
  const DataType dtype = rng.Pick(kData);
  const DataType index_dtype = rng.Pick(std::vector<DataType>{DataType::kInt32, DataType::kInt64});
  Case c;
  c.program.Input("x", dtype, x).Input("index", index_dtype, index_dims);
  c.program.Input("upd", dtype, updates).Var("out", dtype, x);
  c.program.Op("scatter_nd_add")
      .In("X", {"x"})
      .In("Index", {"index"})
      .In("Updates", {"upd"})
      .Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, x, rng.TensorSeed(), -9, 9);
  c.feeds["index"] = Ints(index_dtype, index_dims, index);
  c.feeds["upd"] = RandomTensor(dtype, updates, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} index {} updates {}", ShapeText(dtype, x),
                              ShapeText(index_dtype, index_dims), graph::ShapeToString(updates));
  return c;
}
PD2ONNX_SWEEP(scatter_nd_add, ScatterNdAddCase)

// one_hot (v1): X [..., 1] (rank >= 2) of ids; depth attribute or depth_tensor;
// allow_out_of_range with ids outside [0, depth).
Case OneHotCase(Rng& rng) {
  std::vector<int64_t> x = rng.Shape(1, 2);  // Paddle's one_hot wants rank >= 2
  x.push_back(1);
  const int64_t depth = rng.Int(1, 5);
  const bool allow = rng.Bool();
  const bool tensor = rng.Int(0, 3) == 0;
  const DataType x_dtype = rng.Pick(std::vector<DataType>{DataType::kInt32, DataType::kInt64});
  const DataType out_dtype =
      rng.Pick(std::vector<DataType>{kF32, DataType::kInt64, DataType::kInt32, DataType::kFloat64});
  std::vector<int64_t> ids(static_cast<size_t>(graph::NumElements(x)));
  for (int64_t& id : ids) id = allow ? rng.Int(-1, depth) : rng.Int(0, depth - 1);
  std::vector<int64_t> out = x;
  out.back() = tensor ? -1 : depth;
  Case c;
  c.program.Input("x", x_dtype, x).Var("out", out_dtype, out);
  OpBuilder op = c.program.Op("one_hot")
                     .In("X", {"x"})
                     .Out("Out", {"out"})
                     .Attr("depth", static_cast<int>(tensor ? -1 : depth))
                     .Attr("dtype", static_cast<int>(out_dtype))
                     .Attr("allow_out_of_range", allow);
  if (tensor) {
    c.program.Input("depth", DataType::kInt32, {1});
    op.In("depth_tensor", {"depth"});
    c.feeds["depth"] =
        HostTensor::From<int32_t>(DataType::kInt32, {1}, {static_cast<int32_t>(depth)});
  }
  c.program.Output("out");
  c.feeds["x"] = Ints(x_dtype, x, ids);
  c.description =
      fmt::format("x {} = {} depth={} tensor={} allow_out_of_range={} dtype={}",
                  ShapeText(x_dtype, x), ids, depth, tensor, allow, graph::DataTypeName(out_dtype));
  return c;
}
PD2ONNX_SWEEP(one_hot, OneHotCase)

// set_value: x[region] = value over a random subset of axes with starts /
// ends (negative or past the end, clamped) and steps of either sign; the
// value is one element (broadcast), from a typed attribute list or a
// ValueTensor.
Case SetValueCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 3, 5);
  const DataType dtype = rng.Pick(std::vector<DataType>{DataType::kFloat32, DataType::kFloat64,
                                                        DataType::kInt32, DataType::kInt64});
  std::vector<int64_t> axes, starts, ends, steps;
  for (size_t d = 0; d < dims.size(); ++d) {
    if (!rng.Bool() && !(axes.empty() && d + 1 == dims.size())) continue;
    const int64_t n = dims[d];
    axes.push_back(static_cast<int64_t>(d));
    starts.push_back(rng.Int(-n - 1, n));
    ends.push_back(rng.Int(-n - 1, n + 1));
    steps.push_back(rng.Pick(std::vector<int64_t>{1, 1, 2, -1, -2}));
  }
  const bool tensor = rng.Bool();
  const double value =
      graph::IsInteger(dtype) ? static_cast<double>(rng.Int(-20, 20)) : rng.Real(-20, 20);
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, dims);
  OpBuilder op = c.program.Op("set_value")
                     .In("Input", {"x"})
                     .Out("Out", {"out"})
                     .Attr("axes", axes)
                     .Attr("starts", starts)
                     .Attr("ends", ends)
                     .Attr("steps", steps)
                     .Attr("decrease_axes", std::vector<int64_t>{})
                     .Attr("none_axes", std::vector<int64_t>{})
                     .Attr("dtype", static_cast<int>(dtype));
  if (tensor) {
    c.program.Input("v", dtype, {1});
    op.In("ValueTensor", {"v"}).Attr("shape", std::vector<int64_t>{});
    c.feeds["v"] = RandomTensor(dtype, {1}, rng.TensorSeed(), -20, 20);
  } else {
    op.Attr("shape", std::vector<int64_t>{1});
    if (dtype == DataType::kFloat32)
      op.Attr("fp32_values", std::vector<float>{static_cast<float>(value)});
    if (dtype == DataType::kFloat64) op.Attr("fp64_values", std::vector<double>{value});
    if (dtype == DataType::kInt32)
      op.Attr("int32_values", std::vector<int>{static_cast<int>(value)});
    if (dtype == DataType::kInt64) {
      op.Attr("int64_values", std::vector<int64_t>{static_cast<int64_t>(value)});
    }
  }
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} axes={} starts={} ends={} steps={} value from {}",
                              ShapeText(dtype, dims), axes, starts, ends, steps,
                              tensor ? "ValueTensor" : fmt::format("attr {}", value));
  return c;
}
PD2ONNX_SWEEP(set_value, SetValueCase)

// lod_reset: Out = X whatever the new LoD (from Y or target_lod).
Case LodResetCase(Rng& rng) {
  const DataType dtype = rng.Pick(kData);
  const std::vector<int64_t> dims = rng.Shape(1, 3);
  const bool with_y = rng.Bool();
  Case c;
  c.program.Input("x", dtype, dims).Var("out", dtype, dims).LodLevel("out", 1);
  OpBuilder op = c.program.Op("lod_reset").In("X", {"x"}).Out("Out", {"out"});
  op.Attr("append", rng.Bool());
  if (with_y) {
    c.program.Input("y", DataType::kFloat32, {-1, 1}).LodLevel("y", 1);
    op.In("Y", {"y"});
    c.feeds["y"] = RandomTensor(DataType::kFloat32, {rng.Int(1, 3), 1}, rng.TensorSeed());
  } else {
    op.Attr("target_lod", std::vector<int>{0, static_cast<int>(dims[0])});
  }
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} {}", ShapeText(dtype, dims), with_y ? "Y" : "target_lod");
  return c;
}
PD2ONNX_SWEEP(lod_reset, LodResetCase)

// sequence_expand with one sequence in Y: X (one row without LoD, any rows
// with LoD) repeated once per row of Y; declared shapes static or not.
Case SequenceExpandCase(Rng& rng) {
  const DataType dtype = rng.Pick(kData);
  const int x_lod_level = static_cast<int>(rng.Int(0, 1));
  std::vector<int64_t> dims = rng.Shape(1, 3);
  if (x_lod_level == 0) dims[0] = 1;
  const int64_t y_rows = rng.Int(0, 4);
  std::vector<int64_t> declared = dims;
  for (int64_t& d : declared) d = rng.Bool() ? d : -1;
  std::vector<int64_t> out_dims = declared;
  out_dims[0] = -1;
  Case c;
  c.program.Input("x", dtype, declared).Input("y", DataType::kFloat32, {-1, 2});
  c.program.LodLevel("y", 1).Var("out", dtype, out_dims);
  if (x_lod_level > 0) c.program.LodLevel("x", x_lod_level);
  const int ref_level = static_cast<int>(rng.Int(-1, 0));
  c.program.Op("sequence_expand")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Attr("ref_level", ref_level);
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.feeds["y"] = RandomTensor(DataType::kFloat32, {y_rows, 2}, rng.TensorSeed());
  c.min_opset = 8;  // Expand where X's trailing dims are unknown
  c.description = fmt::format("x {} declared {} lod_level={} y rows={} ref_level={}",
                              ShapeText(dtype, dims), declared, x_lod_level, y_rows, ref_level);
  return c;
}
PD2ONNX_SWEEP(sequence_expand, SequenceExpandCase)

}  // namespace
}  // namespace pd2onnx::testing::sweep

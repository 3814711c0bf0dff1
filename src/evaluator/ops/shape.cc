// Shape and layout ops: Reshape, Transpose, Squeeze/Unsqueeze, Slice,
// Concat, Split, Shape, Size, Expand, Tile, Flatten, Pad, ConstantOfShape,
// Range, Constant, DepthToSpace/SpaceToDepth, Trilu.
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "evaluator/op_table.h"
#include "graph/permutation.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

Tensor WithDims(const Tensor& x, std::vector<int64_t> dims) {
  Tensor y = x;
  y.dims = std::move(dims);
  PD2ONNX_CHECK(y.numel() == x.numel(), ErrorKind::kInvalidInput,
                "cannot view {} elements with a different element count", x.numel());
  return y;
}

// Visits every coordinate of `dims` in row-major order.
template <typename Fn>
void ForEachIndex(const std::vector<int64_t>& dims, Fn fn) {
  int64_t total = 1;
  for (int64_t d : dims) total *= d;
  std::vector<int64_t> coord(dims.size(), 0);
  for (int64_t flat = 0; flat < total; ++flat) {
    fn(flat, coord);
    for (int64_t k = static_cast<int64_t>(dims.size()) - 1; k >= 0; --k) {
      if (++coord[k] < dims[k]) break;
      coord[k] = 0;
    }
  }
}

std::vector<Tensor> Reshape(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  std::vector<int64_t> shape = cx.In(1).Ints();
  const bool allowzero = cx.Int("allowzero", 0) != 0;
  int64_t known = 1;
  int infer = -1;
  for (size_t k = 0; k < shape.size(); ++k) {
    if (shape[k] == 0 && !allowzero) {
      PD2ONNX_CHECK(k < x.dims.size(), ErrorKind::kInvalidInput, "shape 0 at dim {} beyond rank",
                    k);
      shape[k] = x.dims[k];
    }
    if (shape[k] == -1) {
      PD2ONNX_CHECK(infer < 0, ErrorKind::kInvalidInput, "more than one -1 in the shape");
      infer = static_cast<int>(k);
    } else {
      PD2ONNX_CHECK(shape[k] >= 0 && !__builtin_mul_overflow(known, shape[k], &known),
                    ErrorKind::kInvalidInput, "reshape to an invalid shape (dim {} is {})", k,
                    shape[k]);
    }
  }
  if (infer >= 0) {
    PD2ONNX_CHECK(known != 0 && x.numel() % known == 0, ErrorKind::kInvalidInput,
                  "cannot infer the -1 dim of a reshape of {} elements", x.numel());
    shape[static_cast<size_t>(infer)] = x.numel() / known;
  }
  return {WithDims(x, shape)};
}

Tensor TransposeTensor(const Tensor& x, std::vector<int64_t> perm) {
  if (perm.empty()) {
    for (int64_t k = x.rank() - 1; k >= 0; --k) perm.push_back(k);
  }
  // perm comes from the graph (an ONNX file for `optimize`): a permutation
  // of the input's dims, or the folding would index outside them. ONNX has
  // no negative entries.
  PD2ONNX_CHECK(std::none_of(perm.begin(), perm.end(), [](int64_t a) { return a < 0; }),
                ErrorKind::kInvalidInput, "Transpose perm has a negative entry");
  perm = graph::NormalizedPermutation(std::move(perm), x.rank(), "Transpose perm");
  std::vector<int64_t> dims(perm.size());
  for (size_t k = 0; k < perm.size(); ++k) dims[k] = x.dims[perm[k]];
  const std::vector<int64_t> in_strides = Strides(x.dims);
  Tensor y(x.dtype, dims);
  ForEachIndex(dims, [&](int64_t flat, const std::vector<int64_t>& coord) {
    int64_t src = 0;
    for (size_t k = 0; k < perm.size(); ++k) src += coord[k] * in_strides[perm[k]];
    CopyElement(y, flat, x, src);
  });
  return y;
}

std::vector<Tensor> Transpose(const OpContext& cx) {
  return {TransposeTensor(cx.In(0), cx.Ints("perm"))};
}

// Squeeze/Unsqueeze-13 and ReduceSum-13 moved `axes` from an attribute to
// an optional input.
std::optional<std::vector<int64_t>> AxesOf(const OpContext& cx, int input_since, size_t input) {
  if (cx.opset() >= input_since) {
    if (!cx.HasInput(input)) return std::nullopt;
    return cx.In(input).Ints();
  }
  return cx.IntsIfAny("axes");
}

std::vector<Tensor> Squeeze(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const auto axes = AxesOf(cx, 13, 1);
  std::vector<bool> drop(x.dims.size(), false);
  if (axes) {
    for (int64_t a : *axes) {
      const int64_t axis = NormalizeAxis(a, x.rank());
      PD2ONNX_CHECK(x.dims[axis] == 1, ErrorKind::kInvalidInput, "cannot squeeze dim {} of size {}",
                    axis, x.dims[axis]);
      drop[axis] = true;
    }
  } else {
    for (size_t k = 0; k < x.dims.size(); ++k) drop[k] = x.dims[k] == 1;
  }
  std::vector<int64_t> dims;
  for (size_t k = 0; k < x.dims.size(); ++k) {
    if (!drop[k]) dims.push_back(x.dims[k]);
  }
  return {WithDims(x, dims)};
}

std::vector<Tensor> Unsqueeze(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const auto axes = AxesOf(cx, 13, 1);
  PD2ONNX_CHECK(axes.has_value(), ErrorKind::kInvalidInput, "Unsqueeze needs axes");
  const int64_t rank = x.rank() + static_cast<int64_t>(axes->size());
  std::vector<bool> inserted(static_cast<size_t>(rank), false);
  for (int64_t a : *axes) inserted[NormalizeAxis(a, rank)] = true;
  std::vector<int64_t> dims;
  size_t next = 0;
  for (int64_t k = 0; k < rank; ++k) dims.push_back(inserted[k] ? 1 : x.dims[next++]);
  return {WithDims(x, dims)};
}

std::vector<Tensor> Flatten(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const int64_t axis = NormalizeAxis(cx.Int("axis", 1), x.rank() + 1);
  int64_t outer = 1;
  for (int64_t k = 0; k < axis; ++k) outer *= x.dims[k];
  return {WithDims(x, {outer, outer == 0 ? 0 : x.numel() / outer})};
}

// One Slice axis: start, step and element count after ONNX's clamping.
struct SliceRange {
  int64_t start = 0;
  int64_t step = 1;
  int64_t count = 0;
};

SliceRange ClampSlice(int64_t start, int64_t end, int64_t step, int64_t dim) {
  PD2ONNX_CHECK(step != 0, ErrorKind::kInvalidInput, "slice step is 0");
  if (start < 0) start += dim;
  if (end < 0) end += dim;
  SliceRange r;
  r.step = step;
  if (dim == 0) return r;  // nothing to take (and no valid index to clamp to)
  // ceil(distance / |step|) written so that no step, however large,
  // overflows; a step of INT64_MIN takes one element like any step past the
  // dim.
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
    r.count = end > start ? (end - start - 1) / step + 1 : 0;
  } else {
    start = std::clamp<int64_t>(start, 0, dim - 1);
    end = std::clamp<int64_t>(end, -1, dim - 1);
    const int64_t stride =
        step == std::numeric_limits<int64_t>::min() ? std::numeric_limits<int64_t>::max() : -step;
    r.count = start > end ? (start - end - 1) / stride + 1 : 0;
  }
  r.start = start;
  return r;
}

std::vector<Tensor> Slice(const OpContext& cx) {
  // Slice-1: starts/ends/axes attributes; Slice-10+: inputs, plus steps.
  const Tensor& x = cx.In(0);
  std::vector<int64_t> starts, ends, axes, steps;
  if (cx.opset() < 10) {
    starts = cx.Ints("starts");
    ends = cx.Ints("ends");
    axes = cx.Ints("axes");
  } else {
    starts = cx.In(1).Ints();
    ends = cx.In(2).Ints();
    if (cx.HasInput(3)) axes = cx.In(3).Ints();
    if (cx.HasInput(4)) steps = cx.In(4).Ints();
  }
  if (axes.empty()) {
    for (size_t k = 0; k < starts.size(); ++k) axes.push_back(static_cast<int64_t>(k));
  }
  if (steps.empty()) steps.assign(starts.size(), 1);
  PD2ONNX_CHECK(
      ends.size() == starts.size() && axes.size() == starts.size() && steps.size() == starts.size(),
      ErrorKind::kInvalidInput,
      "Slice has {} starts, {} ends, {} axes and {} steps; they must be as many", starts.size(),
      ends.size(), axes.size(), steps.size());
  std::vector<SliceRange> ranges(x.dims.size());
  for (size_t k = 0; k < x.dims.size(); ++k) ranges[k] = {0, 1, x.dims[k]};
  for (size_t k = 0; k < axes.size(); ++k) {
    const int64_t axis = NormalizeAxis(axes[k], x.rank());
    ranges[axis] = ClampSlice(starts[k], ends[k], steps[k], x.dims[axis]);
  }
  std::vector<int64_t> dims;
  for (const auto& r : ranges) dims.push_back(r.count);
  const std::vector<int64_t> in_strides = Strides(x.dims);
  Tensor y(x.dtype, dims);
  ForEachIndex(dims, [&](int64_t flat, const std::vector<int64_t>& coord) {
    int64_t src = 0;
    for (size_t k = 0; k < coord.size(); ++k) {
      src += (ranges[k].start + coord[k] * ranges[k].step) * in_strides[k];
    }
    CopyElement(y, flat, x, src);
  });
  return {y};
}

std::vector<Tensor> Concat(const OpContext& cx) {
  const Tensor& first = cx.In(0);
  PD2ONNX_CHECK(first.rank() >= 1, ErrorKind::kInvalidInput, "Concat of a scalar");
  const int64_t axis = NormalizeAxis(cx.Int("axis", 0), first.rank());
  std::vector<int64_t> dims = first.dims;
  dims[axis] = 0;
  const std::vector<int64_t> others = dims;  // every input's dims, axis zeroed
  for (size_t k = 0; k < cx.num_inputs(); ++k) {
    std::vector<int64_t> part = cx.In(k).dims;
    PD2ONNX_CHECK(part.size() == others.size(), ErrorKind::kInvalidInput,
                  "Concat input {} has rank {}, the first has rank {}", k, part.size(),
                  others.size());
    dims[axis] += part[axis];
    part[axis] = 0;
    PD2ONNX_CHECK(part == others, ErrorKind::kInvalidInput,
                  "Concat input {} differs from the first outside axis {}", k, axis);
  }
  int64_t outer = 1;
  for (int64_t k = 0; k < axis; ++k) outer *= dims[k];
  Tensor y(first.dtype, dims);
  int64_t dst = 0;
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t k = 0; k < cx.num_inputs(); ++k) {
      const Tensor& part = cx.In(k);
      const int64_t chunk = outer == 0 ? 0 : part.numel() / outer;
      for (int64_t e = 0; e < chunk; ++e) CopyElement(y, dst++, part, o * chunk + e);
    }
  }
  return {y};
}

std::vector<Tensor> Split(const OpContext& cx) {
  // Split-2: `split` attribute; Split-13: optional `split` input; Split-18:
  // num_outputs attribute (the last chunk may be smaller).
  const Tensor& x = cx.In(0);
  const int64_t axis = NormalizeAxis(cx.Int("axis", 0), x.rank());
  std::vector<int64_t> sizes;
  if (cx.opset() >= 13) {
    if (cx.HasInput(1)) sizes = cx.In(1).Ints();
  } else {
    sizes = cx.Ints("split");
  }
  const auto parts = static_cast<int64_t>(cx.num_outputs());
  if (sizes.empty()) {
    const int64_t chunk = (x.dims[axis] + parts - 1) / parts;
    for (int64_t k = 0; k < parts; ++k) {
      sizes.push_back(std::min(chunk, x.dims[axis] - k * chunk));
    }
  }
  std::vector<Tensor> outputs;
  int64_t offset = 0;
  for (int64_t size : sizes) {
    std::vector<int64_t> dims = x.dims;
    dims[axis] = size;
    Tensor y(x.dtype, dims);
    const std::vector<int64_t> in_strides = Strides(x.dims);
    ForEachIndex(dims, [&](int64_t flat, const std::vector<int64_t>& coord) {
      int64_t src = 0;
      for (size_t k = 0; k < coord.size(); ++k) {
        src += (coord[k] + (static_cast<int64_t>(k) == axis ? offset : 0)) * in_strides[k];
      }
      CopyElement(y, flat, x, src);
    });
    outputs.push_back(std::move(y));
    offset += size;
  }
  return outputs;
}

std::vector<Tensor> Shape(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const int64_t rank = x.rank();
  int64_t start = cx.Int("start", 0);
  int64_t end = cx.Int("end", rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, 0, rank);
  const std::vector<int64_t> dims(x.dims.begin() + start, x.dims.begin() + std::max(start, end));
  Tensor y(DataType::kInt64, {static_cast<int64_t>(dims.size())});
  y.i = dims;
  return {y};
}

std::vector<Tensor> Size(const OpContext& cx) {
  Tensor y(DataType::kInt64, {});
  y.i[0] = cx.In(0).numel();
  return {y};
}

Tensor BroadcastTo(const Tensor& x, const std::vector<int64_t>& dims) {
  const std::vector<int64_t> index = BroadcastIndex(x.dims, dims);
  Tensor y(x.dtype, dims);
  for (size_t k = 0; k < index.size(); ++k) CopyElement(y, static_cast<int64_t>(k), x, index[k]);
  return y;
}

std::vector<Tensor> Expand(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  return {BroadcastTo(x, BroadcastShape(x.dims, cx.In(1).Ints()))};
}

std::vector<Tensor> Tile(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const std::vector<int64_t> repeats = cx.In(1).Ints();
  std::vector<int64_t> dims = x.dims;
  for (size_t k = 0; k < dims.size(); ++k) dims[k] *= repeats[k];
  const std::vector<int64_t> in_strides = Strides(x.dims);
  Tensor y(x.dtype, dims);
  ForEachIndex(dims, [&](int64_t flat, const std::vector<int64_t>& coord) {
    int64_t src = 0;
    for (size_t k = 0; k < coord.size(); ++k) src += (coord[k] % x.dims[k]) * in_strides[k];
    CopyElement(y, flat, x, src);
  });
  return {y};
}

int64_t ReflectIndex(int64_t i, int64_t n) {
  if (n == 1) return 0;
  const int64_t period = 2 * (n - 1);
  i = ((i % period) + period) % period;
  return i < n ? i : period - i;
}

std::vector<Tensor> Pad(const OpContext& cx) {
  // Pad-2: pads/value attributes; Pad-11: pads and constant_value inputs;
  // Pad-18: optional axes input.
  const Tensor& x = cx.In(0);
  const std::string mode = cx.Str("mode", "constant");
  std::vector<int64_t> pads;
  double value = 0;
  std::vector<int64_t> axes;
  if (cx.opset() < 11) {
    pads = cx.Ints("pads");
    value = cx.Float("value", 0.0);
  } else {
    pads = cx.In(1).Ints();
    if (cx.HasInput(2) && cx.In(2).numel() > 0) value = cx.In(2).Get(0);
    if (cx.HasInput(3)) axes = cx.In(3).Ints();
  }
  const int64_t rank = x.rank();
  if (axes.empty()) {
    for (int64_t k = 0; k < rank; ++k) axes.push_back(k);
  }
  const auto n_axes = static_cast<int64_t>(axes.size());
  PD2ONNX_CHECK(static_cast<int64_t>(pads.size()) == 2 * n_axes, ErrorKind::kInvalidInput,
                "Pad has {} pads for {} axes", pads.size(), n_axes);
  std::vector<int64_t> before(rank, 0), after(rank, 0);
  for (int64_t k = 0; k < n_axes; ++k) {
    const int64_t axis = NormalizeAxis(axes[k], rank);
    before[axis] = pads[k];
    after[axis] = pads[k + n_axes];
  }
  std::vector<int64_t> dims = x.dims;
  for (int64_t k = 0; k < rank; ++k) dims[k] += before[k] + after[k];
  const std::vector<int64_t> in_strides = Strides(x.dims);
  Tensor y(x.dtype, dims);
  ForEachIndex(dims, [&](int64_t flat, const std::vector<int64_t>& coord) {
    int64_t src = 0;
    bool outside = false;
    for (int64_t k = 0; k < rank; ++k) {
      int64_t i = coord[k] - before[k];
      const int64_t n = x.dims[k];
      if (i < 0 || i >= n) {
        if (mode == "constant") {
          outside = true;
          break;
        }
        if (mode == "edge") {
          i = std::clamp<int64_t>(i, 0, n - 1);
        } else if (mode == "reflect") {
          i = ReflectIndex(i, n);
        } else if (mode == "wrap") {
          i = ((i % n) + n) % n;
        } else {
          Fail(ErrorKind::kUnsupported, "Pad mode '{}' is not supported", mode);
        }
      }
      src += i * in_strides[k];
    }
    if (outside) {
      y.Set(flat, value);
    } else {
      CopyElement(y, flat, x, src);
    }
  });
  return {y};
}

std::vector<Tensor> ConstantOfShape(const OpContext& cx) {
  const onnx::TensorProto* value = cx.TensorAttr("value");
  Tensor fill = value ? FromTensorProto(*value) : Tensor(DataType::kFloat32, {1});
  Tensor y(fill.dtype, cx.In(0).Ints());
  for (int64_t k = 0; k < y.numel(); ++k) CopyElement(y, k, fill, 0);
  return {y};
}

std::vector<Tensor> Constant(const OpContext& cx) {
  if (const onnx::TensorProto* value = cx.TensorAttr("value")) return {FromTensorProto(*value)};
  if (cx.HasAttr("value_float")) {
    Tensor y(DataType::kFloat32, {});
    y.f[0] = cx.Float("value_float", 0);
    return {y};
  }
  if (cx.HasAttr("value_int")) {
    Tensor y(DataType::kInt64, {});
    y.i[0] = cx.Int("value_int", 0);
    return {y};
  }
  if (cx.HasAttr("value_ints")) {
    const std::vector<int64_t> values = cx.Ints("value_ints");
    Tensor y(DataType::kInt64, {static_cast<int64_t>(values.size())});
    y.i = values;
    return {y};
  }
  if (cx.HasAttr("value_floats")) {
    const std::vector<double> values = cx.Floats("value_floats");
    Tensor y(DataType::kFloat32, {static_cast<int64_t>(values.size())});
    y.f = values;
    return {y};
  }
  Fail(ErrorKind::kUnsupported, "Constant without a supported value attribute");
}

std::vector<Tensor> Range(const OpContext& cx) {
  const Tensor& start = cx.In(0);
  const double s = start.Get(0);
  const double limit = cx.In(1).Get(0);
  const double delta = cx.In(2).Get(0);
  PD2ONNX_CHECK(delta != 0, ErrorKind::kInvalidInput, "Range delta is 0");
  const auto count = static_cast<int64_t>(std::max(0.0, std::ceil((limit - s) / delta)));
  Tensor y(start.dtype, {count});
  for (int64_t k = 0; k < count; ++k) y.Set(k, s + static_cast<double>(k) * delta);
  return {y};
}

std::vector<Tensor> DepthToSpace(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const int64_t b = cx.Int("blocksize", 1);
  const bool crd = cx.Str("mode", "DCR") == "CRD";
  const int64_t n = x.dims[0], c = x.dims[1], h = x.dims[2], w = x.dims[3];
  const int64_t oc = c / (b * b);
  Tensor y(x.dtype, {n, oc, h * b, w * b});
  ForEachIndex(y.dims, [&](int64_t flat, const std::vector<int64_t>& o) {
    const int64_t bh = o[2] % b, bw = o[3] % b;
    const int64_t in_c = crd ? o[1] * b * b + bh * b + bw : (bh * b + bw) * oc + o[1];
    CopyElement(y, flat, x, ((o[0] * c + in_c) * h + o[2] / b) * w + o[3] / b);
  });
  return {y};
}

std::vector<Tensor> SpaceToDepth(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const int64_t b = cx.Int("blocksize", 1);
  const int64_t n = x.dims[0], c = x.dims[1], h = x.dims[2], w = x.dims[3];
  Tensor y(x.dtype, {n, c * b * b, h / b, w / b});
  ForEachIndex(y.dims, [&](int64_t flat, const std::vector<int64_t>& o) {
    const int64_t block = o[1] / c, in_c = o[1] % c;
    const int64_t bh = block / b, bw = block % b;
    CopyElement(y, flat, x, ((o[0] * c + in_c) * h + o[2] * b + bh) * w + o[3] * b + bw);
  });
  return {y};
}

std::vector<Tensor> Trilu(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const bool upper = cx.Int("upper", 1) != 0;
  const int64_t k = cx.HasInput(1) ? cx.In(1).GetInt(0) : 0;
  const int64_t rows = x.dims[x.rank() - 2], cols = x.dims[x.rank() - 1];
  Tensor y = x;
  for (int64_t flat = 0; flat < x.numel(); ++flat) {
    const int64_t col = flat % cols, row = (flat / cols) % rows;
    const bool keep = upper ? col - row >= k : col - row <= k;
    if (!keep) y.Set(flat, 0);
  }
  return {y};
}

}  // namespace

void RegisterShapeOps(OpTable& t) {
  t["Reshape"] = Reshape;
  t["Transpose"] = Transpose;
  t["Squeeze"] = Squeeze;
  t["Unsqueeze"] = Unsqueeze;
  t["Flatten"] = Flatten;
  t["Slice"] = Slice;
  t["Concat"] = Concat;
  t["Split"] = Split;
  t["Shape"] = Shape;
  t["Size"] = Size;
  t["Expand"] = Expand;
  t["Tile"] = Tile;
  t["Pad"] = Pad;
  t["ConstantOfShape"] = ConstantOfShape;
  t["Constant"] = Constant;
  t["Range"] = Range;
  t["DepthToSpace"] = DepthToSpace;
  t["SpaceToDepth"] = SpaceToDepth;
  t["Trilu"] = Trilu;
}

}  // namespace pd2onnx::eval

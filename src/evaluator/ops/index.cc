// Indexing ops: Gather, GatherElements, GatherND, ScatterElements,
// ScatterND, OneHot, NonZero, Compress, TopK.
#include <algorithm>
#include <numeric>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

// A negative index counts from the end; out of range fails.
int64_t CheckedIndex(int64_t index, int64_t size) {
  if (index < 0) index += size;
  PD2ONNX_CHECK(index >= 0 && index < size, ErrorKind::kInvalidInput,
                "index {} is out of range for a dim of {}", index, size);
  return index;
}

std::vector<Tensor> Gather(const OpContext& cx) {
  const Tensor& data = cx.In(0);
  const std::vector<int64_t> indices = cx.In(1).Ints();
  const std::vector<int64_t>& index_dims = cx.In(1).dims;
  const int64_t axis = NormalizeAxis(cx.Int("axis", 0), data.rank());
  int64_t outer = 1, inner = 1;
  for (int64_t k = 0; k < axis; ++k) outer *= data.dims[k];
  for (int64_t k = axis + 1; k < data.rank(); ++k) inner *= data.dims[k];
  const int64_t n = data.dims[axis];
  std::vector<int64_t> dims(data.dims.begin(), data.dims.begin() + axis);
  dims.insert(dims.end(), index_dims.begin(), index_dims.end());
  dims.insert(dims.end(), data.dims.begin() + axis + 1, data.dims.end());
  Tensor y(data.dtype, dims);
  int64_t dst = 0;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t index : indices) {
      const int64_t j = CheckedIndex(index, n);
      for (int64_t in = 0; in < inner; ++in) CopyElement(y, dst++, data, (o * n + j) * inner + in);
    }
  }
  return {y};
}

std::vector<Tensor> GatherElements(const OpContext& cx) {
  const Tensor& data = cx.In(0);
  const Tensor& index = cx.In(1);
  const int64_t axis = NormalizeAxis(cx.Int("axis", 0), data.rank());
  const std::vector<int64_t> data_strides = Strides(data.dims);
  const std::vector<int64_t> index_strides = Strides(index.dims);
  Tensor y(data.dtype, index.dims);
  for (int64_t flat = 0; flat < index.numel(); ++flat) {
    int64_t src = 0;
    for (int64_t k = 0; k < index.rank(); ++k) {
      int64_t c = (flat / index_strides[k]) % index.dims[k];
      if (k == axis) c = CheckedIndex(index.GetInt(flat), data.dims[k]);
      src += c * data_strides[k];
    }
    CopyElement(y, flat, data, src);
  }
  return {y};
}

std::vector<Tensor> GatherND(const OpContext& cx) {
  const Tensor& data = cx.In(0);
  const Tensor& index = cx.In(1);
  const int64_t b = cx.Int("batch_dims", 0);
  const int64_t depth = index.dims.back();
  // Output: index.dims[:-1] + data.dims[b + depth:].
  std::vector<int64_t> dims(index.dims.begin(), index.dims.end() - 1);
  int64_t slice = 1;
  for (int64_t k = b + depth; k < data.rank(); ++k) {
    dims.push_back(data.dims[k]);
    slice *= data.dims[k];
  }
  int64_t batch = 1;
  for (int64_t k = 0; k < b; ++k) batch *= data.dims[k];
  const int64_t tuples_per_batch = index.numel() / depth / batch;
  const std::vector<int64_t> data_strides = Strides(data.dims);
  const int64_t batch_stride = b > 0 ? data_strides[b - 1] : data.numel();
  Tensor y(data.dtype, dims);
  int64_t dst = 0;
  for (int64_t t = 0; t < index.numel() / depth; ++t) {
    int64_t src = (t / tuples_per_batch) * batch_stride;
    for (int64_t k = 0; k < depth; ++k) {
      src += CheckedIndex(index.GetInt(t * depth + k), data.dims[b + k]) * data_strides[b + k];
    }
    for (int64_t e = 0; e < slice; ++e) CopyElement(y, dst++, data, src + e);
  }
  return {y};
}

// ScatterElements/ScatterND's `reduction` (16+): none, add, mul, max, min.
double Combine(const std::string& reduction, double old_value, double update) {
  if (reduction == "none") return update;
  if (reduction == "add") return old_value + update;
  if (reduction == "mul") return old_value * update;
  if (reduction == "max") return std::max(old_value, update);
  if (reduction == "min") return std::min(old_value, update);
  Fail(ErrorKind::kUnsupported, "reduction '{}' is not supported", reduction);
}

std::vector<Tensor> ScatterElements(const OpContext& cx) {
  const Tensor& data = cx.In(0);
  const Tensor& index = cx.In(1);
  const Tensor& updates = cx.In(2);
  const int64_t axis = NormalizeAxis(cx.Int("axis", 0), data.rank());
  const std::string reduction = cx.Str("reduction", "none");
  const std::vector<int64_t> data_strides = Strides(data.dims);
  const std::vector<int64_t> index_strides = Strides(index.dims);
  Tensor y = data;
  for (int64_t flat = 0; flat < index.numel(); ++flat) {
    int64_t dst = 0;
    for (int64_t k = 0; k < index.rank(); ++k) {
      int64_t c = (flat / index_strides[k]) % index.dims[k];
      if (k == axis) c = CheckedIndex(index.GetInt(flat), data.dims[k]);
      dst += c * data_strides[k];
    }
    y.Set(dst, Combine(reduction, y.Get(dst), updates.Get(flat)));
  }
  return {y};
}

std::vector<Tensor> ScatterND(const OpContext& cx) {
  const Tensor& data = cx.In(0);
  const Tensor& index = cx.In(1);
  const Tensor& updates = cx.In(2);
  const std::string reduction = cx.Str("reduction", "none");
  const int64_t depth = index.dims.back();
  const std::vector<int64_t> data_strides = Strides(data.dims);
  const int64_t slice = depth == 0 ? data.numel() : data_strides[depth - 1];
  Tensor y = data;
  for (int64_t t = 0; t < index.numel() / std::max<int64_t>(depth, 1); ++t) {
    int64_t dst = 0;
    for (int64_t k = 0; k < depth; ++k) {
      dst += CheckedIndex(index.GetInt(t * depth + k), data.dims[k]) * data_strides[k];
    }
    for (int64_t e = 0; e < slice; ++e) {
      y.Set(dst + e, Combine(reduction, y.Get(dst + e), updates.Get(t * slice + e)));
    }
  }
  return {y};
}

std::vector<Tensor> OneHot(const OpContext& cx) {
  const Tensor& indices = cx.In(0);
  const int64_t depth = static_cast<int64_t>(cx.In(1).Get(0));
  const Tensor& values = cx.In(2);  // [off, on]
  const int64_t rank = indices.rank() + 1;
  const int64_t axis = NormalizeAxis(cx.Int("axis", -1), rank);
  std::vector<int64_t> dims = indices.dims;
  dims.insert(dims.begin() + axis, depth);
  int64_t outer = 1, inner = 1;
  for (int64_t k = 0; k < axis; ++k) outer *= indices.dims[k];
  for (int64_t k = axis; k < indices.rank(); ++k) inner *= indices.dims[k];
  Tensor y(values.dtype, dims);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t d = 0; d < depth; ++d) {
      for (int64_t in = 0; in < inner; ++in) {
        int64_t index = indices.GetInt(o * inner + in);
        if (index < 0) index += depth;
        CopyElement(y, (o * depth + d) * inner + in, values, index == d ? 1 : 0);
      }
    }
  }
  return {y};
}

std::vector<Tensor> NonZero(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const std::vector<int64_t> strides = Strides(x.dims);
  std::vector<int64_t> hits;
  for (int64_t flat = 0; flat < x.numel(); ++flat) {
    if (x.Get(flat) != 0) hits.push_back(flat);
  }
  const auto count = static_cast<int64_t>(hits.size());
  Tensor y(DataType::kInt64, {x.rank(), count});
  for (int64_t k = 0; k < x.rank(); ++k) {
    for (int64_t h = 0; h < count; ++h) y.i[k * count + h] = (hits[h] / strides[k]) % x.dims[k];
  }
  return {y};
}

std::vector<Tensor> Compress(const OpContext& cx) {
  const Tensor& x = cx.In(0);
  const Tensor& cond = cx.In(1);
  std::vector<int64_t> kept;
  if (!cx.HasAttr("axis")) {  // over the flattened input
    for (int64_t k = 0; k < std::min(cond.numel(), x.numel()); ++k) {
      if (cond.i[k] != 0) kept.push_back(k);
    }
    Tensor y(x.dtype, {static_cast<int64_t>(kept.size())});
    for (size_t k = 0; k < kept.size(); ++k) CopyElement(y, static_cast<int64_t>(k), x, kept[k]);
    return {y};
  }
  const int64_t axis = NormalizeAxis(cx.Int("axis", 0), x.rank());
  for (int64_t k = 0; k < std::min(cond.numel(), x.dims[axis]); ++k) {
    if (cond.i[k] != 0) kept.push_back(k);
  }
  int64_t outer = 1, inner = 1;
  for (int64_t k = 0; k < axis; ++k) outer *= x.dims[k];
  for (int64_t k = axis + 1; k < x.rank(); ++k) inner *= x.dims[k];
  std::vector<int64_t> dims = x.dims;
  dims[axis] = static_cast<int64_t>(kept.size());
  Tensor y(x.dtype, dims);
  int64_t dst = 0;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t j : kept) {
      for (int64_t in = 0; in < inner; ++in)
        CopyElement(y, dst++, x, (o * x.dims[axis] + j) * inner + in);
    }
  }
  return {y};
}

std::vector<Tensor> TopK(const OpContext& cx) {
  // TopK-1: k attribute; TopK-10: K input; TopK-11: largest and sorted.
  const Tensor& x = cx.In(0);
  const int64_t k = cx.opset() < 10 ? cx.Int("k", 1) : cx.In(1).GetInt(0);
  const int64_t axis = NormalizeAxis(cx.Int("axis", -1), x.rank());
  const bool largest = cx.Int("largest", 1) != 0;
  int64_t outer = 1, inner = 1;
  for (int64_t a = 0; a < axis; ++a) outer *= x.dims[a];
  for (int64_t a = axis + 1; a < x.rank(); ++a) inner *= x.dims[a];
  const int64_t n = x.dims[axis];
  PD2ONNX_CHECK(k >= 0 && k <= n, ErrorKind::kInvalidInput, "TopK k={} for a dim of {}", k, n);
  std::vector<int64_t> dims = x.dims;
  dims[axis] = k;
  Tensor values(x.dtype, dims), indices(DataType::kInt64, dims);
  std::vector<int64_t> order(static_cast<size_t>(n));
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t in = 0; in < inner; ++in) {
      const auto at = [&](int64_t j) { return (o * n + j) * inner + in; };
      std::iota(order.begin(), order.end(), 0);
      // Ties keep the lower index first, as the spec requires.
      std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        return largest ? x.Get(at(a)) > x.Get(at(b)) : x.Get(at(a)) < x.Get(at(b));
      });
      for (int64_t j = 0; j < k; ++j) {
        const int64_t dst = (o * k + j) * inner + in;
        CopyElement(values, dst, x, at(order[j]));
        indices.i[dst] = order[j];
      }
    }
  }
  return {values, indices};
}

}  // namespace

void RegisterIndexOps(OpTable& t) {
  t["Gather"] = Gather;
  t["GatherElements"] = GatherElements;
  t["GatherND"] = GatherND;
  t["ScatterElements"] = ScatterElements;
  t["ScatterND"] = ScatterND;
  t["OneHot"] = OneHot;
  t["NonZero"] = NonZero;
  t["Compress"] = Compress;
  t["TopK"] = TopK;
}

}  // namespace pd2onnx::eval

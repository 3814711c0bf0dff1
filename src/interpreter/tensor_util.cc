#include "interpreter/tensor_util.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "graph/permutation.h"

namespace pd2onnx::interp {

int64_t NormalizeAxis(int64_t axis, int64_t rank, std::string_view what) {
  PD2ONNX_CHECK(axis >= -rank && axis < rank, ErrorKind::kInvalidInput,
                "{} {} is out of range for rank {}", what, axis, rank);
  return axis < 0 ? axis + rank : axis;
}

Dims Strides(const Dims& dims) {
  Dims strides(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return strides;
}

Dims Unravel(int64_t flat, const Dims& dims) {
  Dims idx(dims.size(), 0);
  for (size_t k = dims.size(); k-- > 0;) {
    if (dims[k] > 0) {
      idx[k] = flat % dims[k];
      flat /= dims[k];
    }
  }
  return idx;
}

int64_t Ravel(const Dims& idx, const Dims& strides) {
  int64_t flat = 0;
  for (size_t k = 0; k < idx.size(); ++k) flat += idx[k] * strides[k];
  return flat;
}

int64_t Product(const Dims& dims, size_t begin, size_t end) {
  int64_t product = 1;
  for (size_t i = begin; i < end && i < dims.size(); ++i) product *= dims[i];
  return product;
}

void RequireFloat32(const HostTensor& tensor, std::string_view what) {
  PD2ONNX_CHECK(tensor.dtype == DataType::kFloat32, ErrorKind::kUnsupported,
                "{} has dtype {}; the interpreter computes this op in float32 only", what,
                graph::DataTypeName(tensor.dtype));
}

namespace {

// Writes `count` values produced by get(i) (a double or an int64) into a new
// tensor of `dtype`, with Paddle's conversion rules.
template <typename Get>
HostTensor Store(DataType dtype, const Dims& dims, int64_t count, Get get) {
  HostTensor out(dtype, dims);
  switch (dtype) {
    case DataType::kFloat16: {
      auto* p = out.data<uint16_t>();
      for (int64_t i = 0; i < count; ++i) p[i] = graph::FloatToHalf(static_cast<float>(get(i)));
      return out;
    }
    case DataType::kBFloat16: {
      // Round to nearest even on the upper 16 bits of the float.
      auto* p = out.data<uint16_t>();
      for (int64_t i = 0; i < count; ++i) {
        const float f = static_cast<float>(get(i));
        uint32_t bits;
        std::memcpy(&bits, &f, 4);
        bits += 0x7FFF + ((bits >> 16) & 1);
        p[i] = static_cast<uint16_t>(bits >> 16);
      }
      return out;
    }
    default:
      break;
  }
  VisitRealType(dtype, [&]<typename T>() {
    T* p = out.data<T>();
    for (int64_t i = 0; i < count; ++i) {
      const auto v = get(i);
      if constexpr (std::is_same_v<T, bool>) {
        p[i] = v != 0;
      } else if constexpr (std::is_floating_point_v<T>) {
        p[i] = static_cast<T>(v);
      } else if constexpr (std::is_floating_point_v<decltype(v)>) {
        // Truncation toward zero; NaN and out-of-range values have no
        // defined result in Paddle either, so pin them to 0 / the limits.
        if (std::isnan(v)) {
          p[i] = 0;
        } else if (v >= static_cast<double>(std::numeric_limits<T>::max())) {
          p[i] = std::numeric_limits<T>::max();
        } else if (v <= static_cast<double>(std::numeric_limits<T>::lowest())) {
          p[i] = std::numeric_limits<T>::lowest();
        } else {
          p[i] = static_cast<T>(v);
        }
      } else {
        p[i] = static_cast<T>(v);
      }
    }
  });
  return out;
}

}  // namespace

HostTensor CastTo(const HostTensor& tensor, DataType to) {
  if (tensor.dtype == to) return tensor;
  const int64_t n = tensor.numel();
  if (tensor.dtype == DataType::kBool || graph::IsInteger(tensor.dtype)) {
    const std::vector<int64_t> values = tensor.ToInt64();
    return Store(to, tensor.dims, n, [&](int64_t i) { return values[i]; });
  }
  const std::vector<double> values = tensor.ToDouble();
  return Store(to, tensor.dims, n, [&](int64_t i) { return values[i]; });
}

HostTensor Filled(DataType dtype, const Dims& dims, double value) {
  return Store(dtype, dims, graph::NumElements(dims), [&](int64_t) { return value; });
}

HostTensor FilledInt(DataType dtype, const Dims& dims, int64_t value) {
  return Store(dtype, dims, graph::NumElements(dims), [&](int64_t) { return value; });
}

std::vector<int64_t> IntValues(const HostTensor& tensor) { return tensor.ToInt64(); }

double ScalarValue(const HostTensor& tensor, std::string_view what) {
  PD2ONNX_CHECK(tensor.numel() == 1, ErrorKind::kInvalidInput,
                "{} must hold one element, it has shape {}", what,
                graph::ShapeToString(tensor.dims));
  return tensor.ToDouble()[0];
}

int64_t ScalarInt(const HostTensor& tensor, std::string_view what) {
  PD2ONNX_CHECK(tensor.numel() == 1, ErrorKind::kInvalidInput,
                "{} must hold one element, it has shape {}", what,
                graph::ShapeToString(tensor.dims));
  return tensor.ToInt64()[0];
}

namespace {

// The strided walk for one element size. The innermost dimension is a tight
// loop; the outer ones advance like an odometer.
template <typename Word>
void StridedCopyWords(const Word* src, Word* dst, const Dims& dims, const Dims& strides,
                      int64_t offset) {
  const size_t rank = dims.size();
  if (graph::NumElements(dims) == 0) return;
  if (rank == 0) {
    dst[0] = src[offset];
    return;
  }
  const int64_t inner = dims[rank - 1];
  const int64_t inner_stride = strides[rank - 1];
  const int64_t outer_rank = static_cast<int64_t>(rank) - 1;
  std::vector<int64_t> index(rank, 0);
  int64_t base = offset;
  while (true) {
    const Word* s = src + base;
    for (int64_t i = 0; i < inner; ++i) dst[i] = s[i * inner_stride];
    dst += inner;
    int64_t d = outer_rank - 1;
    for (; d >= 0; --d) {
      ++index[d];
      base += strides[d];
      if (index[d] < dims[d]) break;
      base -= strides[d] * dims[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

}  // namespace

HostTensor StridedCopy(const HostTensor& src, const Dims& out_dims, const Dims& src_strides,
                       int64_t src_offset) {
  PD2ONNX_CHECK(out_dims.size() == src_strides.size(), ErrorKind::kInternal,
                "StridedCopy: {} dims but {} strides", out_dims.size(), src_strides.size());
  HostTensor out(src.dtype, out_dims);
  switch (graph::ElementSize(src.dtype)) {
    case 1:
      StridedCopyWords(src.data<uint8_t>(), out.data<uint8_t>(), out_dims, src_strides, src_offset);
      break;
    case 2:
      StridedCopyWords(src.data<uint16_t>(), out.data<uint16_t>(), out_dims, src_strides,
                       src_offset);
      break;
    case 4:
      StridedCopyWords(src.data<uint32_t>(), out.data<uint32_t>(), out_dims, src_strides,
                       src_offset);
      break;
    case 8:
      StridedCopyWords(src.data<uint64_t>(), out.data<uint64_t>(), out_dims, src_strides,
                       src_offset);
      break;
    default:
      Fail(ErrorKind::kUnsupported, "cannot move elements of dtype {}",
           graph::DataTypeName(src.dtype));
  }
  return out;
}

HostTensor Permute(const HostTensor& x, const std::vector<int64_t>& perm) {
  const size_t rank = x.dims.size();
  const std::vector<int64_t> axes =
      graph::NormalizedPermutation(perm, static_cast<int64_t>(rank), "permutation");
  const Dims in_strides = Strides(x.dims);
  Dims out_dims(rank), strides(rank);
  for (size_t i = 0; i < rank; ++i) {
    out_dims[i] = x.dims[axes[i]];
    strides[i] = in_strides[axes[i]];
  }
  return StridedCopy(x, out_dims, strides);
}

HostTensor Reshaped(HostTensor x, Dims dims) {
  PD2ONNX_CHECK(graph::NumElements(dims) == x.numel(), ErrorKind::kInvalidInput,
                "cannot reshape {} elements (shape {}) to shape {}", x.numel(),
                graph::ShapeToString(x.dims), graph::ShapeToString(dims));
  x.dims = std::move(dims);
  return x;
}

HostTensor ConcatAlong(const std::vector<const HostTensor*>& parts, int64_t axis) {
  PD2ONNX_CHECK(!parts.empty(), ErrorKind::kInvalidInput, "concat of no tensors");
  const HostTensor& first = *parts.front();
  const int64_t rank = static_cast<int64_t>(first.dims.size());
  axis = NormalizeAxis(axis, rank);
  Dims out_dims = first.dims;
  out_dims[axis] = 0;
  for (const HostTensor* part : parts) {
    PD2ONNX_CHECK(part->dtype == first.dtype && part->dims.size() == first.dims.size(),
                  ErrorKind::kInvalidInput,
                  "concat inputs differ in dtype or rank ({} {} vs {} {})",
                  graph::DataTypeName(part->dtype), graph::ShapeToString(part->dims),
                  graph::DataTypeName(first.dtype), graph::ShapeToString(first.dims));
    for (int64_t d = 0; d < rank; ++d) {
      PD2ONNX_CHECK(d == axis || part->dims[d] == first.dims[d], ErrorKind::kInvalidInput,
                    "concat inputs {} and {} differ outside axis {}",
                    graph::ShapeToString(part->dims), graph::ShapeToString(first.dims), axis);
    }
    out_dims[axis] += part->dims[axis];
  }
  HostTensor out(first.dtype, out_dims);
  const size_t elem = graph::ElementSize(first.dtype);
  const int64_t outer = Product(out_dims, 0, axis);
  const int64_t out_row = Product(out_dims, axis, rank) * static_cast<int64_t>(elem);
  int64_t column = 0;  // byte offset of this part inside an output row
  for (const HostTensor* part : parts) {
    const int64_t row = Product(part->dims, axis, rank) * static_cast<int64_t>(elem);
    for (int64_t o = 0; o < outer; ++o) {
      if (row > 0)
        std::memcpy(out.bytes.data() + o * out_row + column, part->bytes.data() + o * row, row);
    }
    column += row;
  }
  return out;
}

HostTensor SliceAxis(const HostTensor& x, int64_t axis, int64_t begin, int64_t count) {
  Dims out_dims = x.dims;
  out_dims[axis] = count;
  return StridedCopy(x, out_dims, Strides(x.dims), begin * Strides(x.dims)[axis]);
}

}  // namespace pd2onnx::interp

#include "evaluator/tensor.h"

#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "support/error.h"

namespace pd2onnx::eval {

namespace {

// IEEE half → float, written out bit by bit (subnormals included).
float HalfBitsToFloat(uint16_t h) {
  const int sign = (h >> 15) & 1;
  const int exponent = (h >> 10) & 0x1f;
  const int mantissa = h & 0x3ff;
  double value;
  if (exponent == 0) {
    value = std::ldexp(static_cast<double>(mantissa), -24);
  } else if (exponent == 31) {
    value = mantissa == 0 ? INFINITY : NAN;
  } else {
    value = std::ldexp(static_cast<double>(mantissa + 1024), exponent - 25);
  }
  return static_cast<float>(sign ? -value : value);
}

// float → IEEE half bits, rounding to nearest even.
uint16_t FloatToHalfBits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
  const uint32_t abs_bits = bits & 0x7fffffff;
  if (abs_bits >= 0x7f800000) return sign | (abs_bits > 0x7f800000 ? 0x7e00 : 0x7c00);
  if (abs_bits >= 0x477ff000) return sign | 0x7c00;  // rounds past 65504: inf
  const float magnitude = std::fabs(value);
  if (magnitude < 6.103515625e-05f) {  // subnormal half: multiples of 2^-24
    const double units = std::nearbyint(static_cast<double>(magnitude) * 16777216.0);
    return sign | static_cast<uint16_t>(units);
  }
  int exponent;
  const double fraction = std::frexp(static_cast<double>(magnitude), &exponent);  // [0.5, 1)
  double mantissa = std::nearbyint(fraction * 2048.0);  // 11 significant bits
  if (mantissa >= 2048.0) {
    mantissa /= 2;
    ++exponent;
  }
  const int biased = exponent - 1 + 15;
  if (biased >= 31) return sign | 0x7c00;
  return sign | static_cast<uint16_t>((biased << 10) | (static_cast<int>(mantissa) - 1024));
}

double RoundToHalf(double v) { return HalfBitsToFloat(FloatToHalfBits(static_cast<float>(v))); }

int64_t WrapInteger(int64_t v, DataType dtype) {
  switch (dtype) {
    case DataType::kBool:
      return v != 0 ? 1 : 0;
    case DataType::kInt8:
      return static_cast<int8_t>(v);
    case DataType::kUInt8:
      return static_cast<uint8_t>(v);
    case DataType::kInt16:
      return static_cast<int16_t>(v);
    case DataType::kInt32:
      return static_cast<int32_t>(v);
    case DataType::kUInt32:
      return static_cast<uint32_t>(v);
    default:
      return v;
  }
}

template <typename T>
T Load(const std::byte* p, int64_t k) {
  T v;
  std::memcpy(&v, p + k * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return v;
}

template <typename T>
void Store(std::byte* p, int64_t k, T v) {
  std::memcpy(p + k * static_cast<int64_t>(sizeof(T)), &v, sizeof(T));
}

// Fills `t` (already sized) from little-endian bytes of its dtype.
void FromBytes(Tensor& t, const std::byte* p) {
  const int64_t n = t.numel();
  for (int64_t k = 0; k < n; ++k) {
    switch (t.dtype) {
      case DataType::kFloat32:
        t.f[k] = Load<float>(p, k);
        break;
      case DataType::kFloat64:
        t.f[k] = Load<double>(p, k);
        break;
      case DataType::kFloat16:
        t.f[k] = HalfBitsToFloat(Load<uint16_t>(p, k));
        break;
      case DataType::kInt64:
        t.i[k] = Load<int64_t>(p, k);
        break;
      case DataType::kInt32:
        t.i[k] = Load<int32_t>(p, k);
        break;
      case DataType::kInt16:
        t.i[k] = Load<int16_t>(p, k);
        break;
      case DataType::kInt8:
        t.i[k] = Load<int8_t>(p, k);
        break;
      case DataType::kUInt8:
        t.i[k] = Load<uint8_t>(p, k);
        break;
      case DataType::kUInt32:
        t.i[k] = Load<uint32_t>(p, k);
        break;
      case DataType::kUInt64:
        t.i[k] = static_cast<int64_t>(Load<uint64_t>(p, k));
        break;
      case DataType::kBool:
        t.i[k] = Load<uint8_t>(p, k) != 0;
        break;
      default:
        Fail(ErrorKind::kUnsupported, "the evaluator does not handle dtype {}",
             graph::DataTypeName(t.dtype));
    }
  }
}

// 2^28 elements: 2 GiB of doubles, beyond any activation of the models
// `pd2onnx verify` runs.
constexpr int64_t kDefaultMaxElements = int64_t{1} << 28;
thread_local int64_t max_elements = kDefaultMaxElements;

}  // namespace

int64_t MaxElements() { return max_elements; }

ElementLimit::ElementLimit(int64_t limit) : saved_(max_elements) {
  max_elements = std::min(max_elements, limit);
}

ElementLimit::~ElementLimit() { max_elements = saved_; }

int64_t CheckedElementCount(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) {
    PD2ONNX_CHECK(d >= 0, ErrorKind::kInvalidInput, "a tensor dim is negative ({})", d);
  }
  // An empty tensor is fine whatever its other dims.
  if (std::find(dims.begin(), dims.end(), 0) != dims.end()) return 0;
  for (int64_t d : dims) {
    PD2ONNX_CHECK(!__builtin_mul_overflow(n, d, &n) && n <= max_elements, ErrorKind::kInvalidInput,
                  "a tensor of dims [{}] would hold more than {} elements, the evaluator's limit",
                  fmt::join(dims, ","), max_elements);
  }
  return n;
}

Tensor::Tensor(DataType type, std::vector<int64_t> shape) : dtype(type), dims(std::move(shape)) {
  const auto n = static_cast<size_t>(CheckedElementCount(dims));
  if (is_float()) {
    f.assign(n, 0.0);
  } else {
    i.assign(n, 0);
  }
}

void Tensor::Set(int64_t k, double v) {
  if (is_float()) {
    f[k] = v;
  } else if (dtype == DataType::kBool) {
    i[k] = v != 0.0 ? 1 : 0;
  } else {
    i[k] = std::isfinite(v) ? static_cast<int64_t>(v) : 0;
  }
}

void Tensor::SetInt(int64_t k, int64_t v) {
  if (is_float()) {
    f[k] = static_cast<double>(v);
  } else {
    i[k] = v;
  }
}

std::vector<int64_t> Tensor::Ints() const {
  if (!is_float()) return i;
  std::vector<int64_t> out(f.size());
  for (size_t k = 0; k < f.size(); ++k) out[k] = static_cast<int64_t>(f[k]);
  return out;
}

void Normalize(Tensor& t) {
  if (t.dtype == DataType::kFloat32) {
    for (double& v : t.f) v = static_cast<float>(v);
  } else if (t.dtype == DataType::kFloat16) {
    for (double& v : t.f) v = RoundToHalf(v);
  } else if (!t.is_float()) {
    for (int64_t& v : t.i) v = WrapInteger(v, t.dtype);
  }
}

Tensor FromHost(const graph::HostTensor& host) {
  Tensor t(host.dtype, host.dims);
  PD2ONNX_CHECK(static_cast<int64_t>(host.bytes.size()) ==
                    t.numel() * static_cast<int64_t>(graph::ElementSize(host.dtype)),
                ErrorKind::kInvalidInput, "tensor data size does not match its dims");
  FromBytes(t, host.bytes.data());
  return t;
}

graph::HostTensor ToHost(const Tensor& t) {
  graph::HostTensor host(t.dtype, t.dims);
  std::byte* p = host.bytes.data();
  const int64_t n = t.numel();
  for (int64_t k = 0; k < n; ++k) {
    switch (t.dtype) {
      case DataType::kFloat32:
        Store<float>(p, k, static_cast<float>(t.f[k]));
        break;
      case DataType::kFloat64:
        Store<double>(p, k, t.f[k]);
        break;
      case DataType::kFloat16:
        Store<uint16_t>(p, k, FloatToHalfBits(static_cast<float>(t.f[k])));
        break;
      case DataType::kInt64:
        Store<int64_t>(p, k, t.i[k]);
        break;
      case DataType::kInt32:
        Store<int32_t>(p, k, static_cast<int32_t>(t.i[k]));
        break;
      case DataType::kInt16:
        Store<int16_t>(p, k, static_cast<int16_t>(t.i[k]));
        break;
      case DataType::kInt8:
        Store<int8_t>(p, k, static_cast<int8_t>(t.i[k]));
        break;
      case DataType::kUInt8:
        Store<uint8_t>(p, k, static_cast<uint8_t>(t.i[k]));
        break;
      case DataType::kUInt32:
        Store<uint32_t>(p, k, static_cast<uint32_t>(t.i[k]));
        break;
      case DataType::kUInt64:
        Store<uint64_t>(p, k, static_cast<uint64_t>(t.i[k]));
        break;
      case DataType::kBool:
        Store<uint8_t>(p, k, t.i[k] != 0 ? 1 : 0);
        break;
      default:
        Fail(ErrorKind::kUnsupported, "the evaluator does not handle dtype {}",
             graph::DataTypeName(t.dtype));
    }
  }
  return host;
}

DataType DataTypeFromOnnx(int onnx_type) {
  switch (onnx_type) {
    case onnx::TensorProto::FLOAT:
      return DataType::kFloat32;
    case onnx::TensorProto::DOUBLE:
      return DataType::kFloat64;
    case onnx::TensorProto::FLOAT16:
      return DataType::kFloat16;
    case onnx::TensorProto::INT64:
      return DataType::kInt64;
    case onnx::TensorProto::INT32:
      return DataType::kInt32;
    case onnx::TensorProto::INT16:
      return DataType::kInt16;
    case onnx::TensorProto::INT8:
      return DataType::kInt8;
    case onnx::TensorProto::UINT8:
      return DataType::kUInt8;
    case onnx::TensorProto::UINT32:
      return DataType::kUInt32;
    case onnx::TensorProto::UINT64:
      return DataType::kUInt64;
    case onnx::TensorProto::BOOL:
      return DataType::kBool;
    default:
      Fail(ErrorKind::kUnsupported, "ONNX data type {} is not supported", onnx_type);
  }
}

Tensor FromTensorProto(const onnx::TensorProto& proto) {
  std::vector<int64_t> dims(proto.dims().begin(), proto.dims().end());
  Tensor t(DataTypeFromOnnx(proto.data_type()), dims);
  const int64_t n = t.numel();
  const auto check_count = [&](int64_t have) {
    PD2ONNX_CHECK(have == n, ErrorKind::kInvalidInput,
                  "initializer '{}' holds {} values for {} elements", proto.name(), have, n);
  };
  if (proto.has_raw_data()) {
    const std::string& raw = proto.raw_data();
    check_count(static_cast<int64_t>(raw.size() / graph::ElementSize(t.dtype)));
    FromBytes(t, reinterpret_cast<const std::byte*>(raw.data()));
  } else if (proto.float_data_size() > 0) {
    check_count(proto.float_data_size());
    for (int64_t k = 0; k < n; ++k) t.Set(k, proto.float_data(static_cast<int>(k)));
  } else if (proto.double_data_size() > 0) {
    check_count(proto.double_data_size());
    for (int64_t k = 0; k < n; ++k) t.Set(k, proto.double_data(static_cast<int>(k)));
  } else if (proto.int64_data_size() > 0) {
    check_count(proto.int64_data_size());
    for (int64_t k = 0; k < n; ++k) t.SetInt(k, proto.int64_data(static_cast<int>(k)));
  } else if (proto.int32_data_size() > 0) {
    // int32_data carries int32, int16, int8, uint8, bool, and fp16 as bits.
    check_count(proto.int32_data_size());
    for (int64_t k = 0; k < n; ++k) {
      const int32_t v = proto.int32_data(static_cast<int>(k));
      if (t.dtype == DataType::kFloat16) {
        t.f[k] = HalfBitsToFloat(static_cast<uint16_t>(v));
      } else {
        t.SetInt(k, v);
      }
    }
  } else if (proto.uint64_data_size() > 0) {
    check_count(proto.uint64_data_size());
    for (int64_t k = 0; k < n; ++k)
      t.SetInt(k, static_cast<int64_t>(proto.uint64_data(static_cast<int>(k))));
  } else {
    check_count(0);
  }
  Normalize(t);
  return t;
}

std::vector<int64_t> Strides(const std::vector<int64_t>& dims) {
  std::vector<int64_t> strides(dims.size(), 1);
  for (int64_t k = static_cast<int64_t>(dims.size()) - 2; k >= 0; --k) {
    strides[k] = strides[k + 1] * dims[k + 1];
  }
  return strides;
}

std::vector<int64_t> BroadcastShape(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  const size_t rank = std::max(a.size(), b.size());
  std::vector<int64_t> out(rank);
  for (size_t k = 0; k < rank; ++k) {
    const int64_t da = k < rank - a.size() ? 1 : a[k - (rank - a.size())];
    const int64_t db = k < rank - b.size() ? 1 : b[k - (rank - b.size())];
    PD2ONNX_CHECK(da == db || da == 1 || db == 1, ErrorKind::kInvalidInput,
                  "shapes cannot broadcast: dim {} is {} and {}", k, da, db);
    out[k] = da == 1 ? db : da;
  }
  return out;
}

std::vector<int64_t> BroadcastIndex(const std::vector<int64_t>& in_dims,
                                    const std::vector<int64_t>& out_dims) {
  const size_t rank = out_dims.size();
  const size_t offset = rank - in_dims.size();
  const std::vector<int64_t> in_strides = Strides(in_dims);
  const int64_t total = CheckedElementCount(out_dims);
  std::vector<int64_t> index(static_cast<size_t>(total));
  std::vector<int64_t> coord(rank, 0);
  for (int64_t flat = 0; flat < total; ++flat) {
    int64_t in_flat = 0;
    for (size_t k = offset; k < rank; ++k) {
      if (in_dims[k - offset] != 1) in_flat += coord[k] * in_strides[k - offset];
    }
    index[static_cast<size_t>(flat)] = in_flat;
    for (int64_t k = static_cast<int64_t>(rank) - 1; k >= 0; --k) {  // odometer step
      if (++coord[k] < out_dims[k]) break;
      coord[k] = 0;
    }
  }
  return index;
}

int64_t NormalizeAxis(int64_t axis, int64_t rank) {
  PD2ONNX_CHECK(axis >= -rank && axis < std::max<int64_t>(rank, 1), ErrorKind::kInvalidInput,
                "axis {} is out of range for rank {}", axis, rank);
  return axis < 0 ? axis + rank : axis;
}

}  // namespace pd2onnx::eval

#include "graph/tensor.h"

#include <bit>
#include <cmath>
#include <limits>
#include <type_traits>

#include "support/error.h"

namespace pd2onnx::graph {

int64_t NumElements(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

std::string ShapeToString(const std::vector<int64_t>& dims) {
  std::string out = "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(dims[i]);
  }
  return out + "]";
}

ConstTensor::ConstTensor(DataType dtype, std::vector<int64_t> dims,
                         std::shared_ptr<const void> owner, const std::byte* data, size_t nbytes)
    : dtype_(dtype),
      dims_(std::move(dims)),
      owner_(std::move(owner)),
      data_(data),
      nbytes_(nbytes) {}

ConstTensor ConstTensor::FromBytes(DataType dtype, std::vector<int64_t> dims,
                                   std::vector<std::byte> bytes) {
  auto owned = std::make_shared<std::vector<std::byte>>(std::move(bytes));
  const std::byte* data = owned->data();
  const size_t nbytes = owned->size();
  return ConstTensor(dtype, std::move(dims), std::move(owned), data, nbytes);
}

float HalfToFloat(uint16_t bits) {
  const uint32_t sign = (bits & 0x8000u) << 16;
  const uint32_t exponent = (bits >> 10) & 0x1f;
  const uint32_t mantissa = bits & 0x3ff;
  if (exponent == 0) {  // zero or subnormal
    const float value = std::ldexp(static_cast<float>(mantissa), -24);
    return sign ? -value : value;
  }
  if (exponent == 31) {  // inf or nan
    return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
  }
  return std::bit_cast<float>(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

uint16_t FloatToHalf(float value) {
  // Round to nearest even, as numpy's astype(float16) does.
  const uint32_t bits = std::bit_cast<uint32_t>(value);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const uint32_t abs_bits = bits & 0x7fffffffu;
  if (abs_bits >= 0x7f800000u) {  // inf or nan
    return sign | 0x7c00u | (abs_bits > 0x7f800000u ? 0x200u : 0u);
  }
  if (abs_bits >= 0x477ff000u) return sign | 0x7c00u;  // overflow to inf
  if (abs_bits < 0x38800000u) {                        // subnormal or zero in half
    const float magnitude = std::bit_cast<float>(abs_bits);
    return sign | static_cast<uint16_t>(std::nearbyint(magnitude * 16777216.0f));
  }
  const uint32_t rounded = abs_bits + 0xfffu + ((abs_bits >> 13) & 1u);
  return sign | static_cast<uint16_t>((rounded - 0x38000000u) >> 13);
}

float BFloat16ToFloat(uint16_t bits) {
  return std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

namespace {

// `value` as Out. A float read as an integer must be in range (and not NaN):
// the cast would be undefined behaviour, and a model file can hold anything.
template <typename Out, typename T>
Out Converted(T value) {
  if constexpr (std::is_floating_point_v<T> && std::is_integral_v<Out>) {
    constexpr double lo = static_cast<double>(std::numeric_limits<Out>::min());
    PD2ONNX_CHECK(value >= lo && value < -lo, ErrorKind::kInvalidInput,
                  "the value {} of a floating-point tensor read as an integer is out of range",
                  value);
  }
  return static_cast<Out>(value);
}

template <typename T, typename Out>
void AppendAs(const std::byte* data, size_t count, std::vector<Out>& out) {
  for (size_t i = 0; i < count; ++i) {
    T value;
    std::memcpy(&value, data + i * sizeof(T), sizeof(T));
    out.push_back(Converted<Out>(value));
  }
}

template <typename Out>
std::vector<Out> ConvertElements(DataType dtype, const std::byte* data, size_t nbytes) {
  std::vector<Out> out;
  const size_t size = ElementSize(dtype);
  const size_t count = size ? nbytes / size : 0;
  out.reserve(count);
  switch (dtype) {
    case DataType::kBool:
    case DataType::kUInt8:
      AppendAs<uint8_t>(data, count, out);
      break;
    case DataType::kInt8:
      AppendAs<int8_t>(data, count, out);
      break;
    case DataType::kInt16:
      AppendAs<int16_t>(data, count, out);
      break;
    case DataType::kInt32:
      AppendAs<int32_t>(data, count, out);
      break;
    case DataType::kInt64:
      AppendAs<int64_t>(data, count, out);
      break;
    case DataType::kUInt32:
      AppendAs<uint32_t>(data, count, out);
      break;
    case DataType::kUInt64:
      AppendAs<uint64_t>(data, count, out);
      break;
    case DataType::kFloat32:
      AppendAs<float>(data, count, out);
      break;
    case DataType::kFloat64:
      AppendAs<double>(data, count, out);
      break;
    case DataType::kFloat16:
    case DataType::kBFloat16:
      for (size_t i = 0; i < count; ++i) {
        uint16_t bits;
        std::memcpy(&bits, data + 2 * i, 2);
        const float value = dtype == DataType::kFloat16 ? HalfToFloat(bits) : BFloat16ToFloat(bits);
        out.push_back(Converted<Out>(value));
      }
      break;
    default:
      Fail(ErrorKind::kUnsupported, "cannot read {} elements as numbers", DataTypeName(dtype));
  }
  return out;
}

}  // namespace

std::vector<int64_t> ConstTensor::ToInt64() const {
  return ConvertElements<int64_t>(dtype_, data_, nbytes_);
}

std::vector<double> ConstTensor::ToDouble() const {
  return ConvertElements<double>(dtype_, data_, nbytes_);
}

}  // namespace pd2onnx::graph

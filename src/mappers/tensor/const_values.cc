#include "mappers/tensor/const_values.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "mappers/tensor/shape_util.h"
#include "onnx/model.h"
#include "support/error.h"

namespace pd2onnx::mappers {

using graph::DataType;

namespace {

template <typename T>
T Convert(const Number& number) {
  if (const auto* i = std::get_if<int64_t>(&number)) return static_cast<T>(*i);
  return static_cast<T>(std::get<double>(number));
}

float AsFloat(const Number& number) { return Convert<float>(number); }

// Round to nearest even, keeping NaN a NaN.
uint16_t FloatToBFloat16(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  if (std::isnan(value)) return static_cast<uint16_t>((bits >> 16) | 0x40u);
  bits += 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>(bits >> 16);
}

template <typename T, typename Encode>
void AppendAll(const std::vector<Number>& values, std::vector<std::byte>& bytes, Encode encode) {
  bytes.resize(values.size() * sizeof(T));
  for (size_t k = 0; k < values.size(); ++k) {
    const T element = encode(values[k]);
    std::memcpy(bytes.data() + k * sizeof(T), &element, sizeof(T));
  }
}

template <typename T>
void AppendCast(const std::vector<Number>& values, std::vector<std::byte>& bytes) {
  AppendAll<T>(values, bytes, [](const Number& n) { return Convert<T>(n); });
}

std::vector<std::byte> Encode(DataType dtype, const std::vector<Number>& values) {
  std::vector<std::byte> bytes;
  switch (dtype) {
    case DataType::kBool:
      AppendAll<uint8_t>(values, bytes, [](const Number& n) {
        return static_cast<uint8_t>(Convert<double>(n) != 0 ? 1 : 0);
      });
      break;
    case DataType::kInt8:
      AppendCast<int8_t>(values, bytes);
      break;
    case DataType::kUInt8:
      AppendCast<uint8_t>(values, bytes);
      break;
    case DataType::kInt16:
      AppendCast<int16_t>(values, bytes);
      break;
    case DataType::kInt32:
      AppendCast<int32_t>(values, bytes);
      break;
    case DataType::kInt64:
      AppendCast<int64_t>(values, bytes);
      break;
    case DataType::kUInt32:
      AppendCast<uint32_t>(values, bytes);
      break;
    case DataType::kUInt64:
      AppendCast<uint64_t>(values, bytes);
      break;
    case DataType::kFloat32:
      AppendCast<float>(values, bytes);
      break;
    case DataType::kFloat64:
      AppendCast<double>(values, bytes);
      break;
    case DataType::kFloat16:
      AppendAll<uint16_t>(values, bytes,
                          [](const Number& n) { return graph::FloatToHalf(AsFloat(n)); });
      break;
    case DataType::kBFloat16:
      AppendAll<uint16_t>(values, bytes,
                          [](const Number& n) { return FloatToBFloat16(AsFloat(n)); });
      break;
    default:
      Fail(ErrorKind::kUnsupported, "constants of dtype {} are not supported",
           graph::DataTypeName(dtype));
  }
  return bytes;
}

}  // namespace

graph::ConstTensor TensorOfNumbers(DataType dtype, std::vector<int64_t> dims,
                                   const std::vector<Number>& values) {
  PD2ONNX_CHECK(static_cast<int64_t>(values.size()) == graph::NumElements(dims),
                ErrorKind::kInvalidInput, "{} values given for shape {}", values.size(),
                graph::ShapeToString(dims));
  return graph::ConstTensor::FromBytes(dtype, std::move(dims), Encode(dtype, values));
}

graph::ConstTensor FilledTensor(DataType dtype, std::vector<int64_t> dims, Number value) {
  PD2ONNX_CHECK(IsFullyKnown(dims), ErrorKind::kInvalidInput, "cannot fill a tensor of shape {}",
                graph::ShapeToString(dims));
  const std::vector<Number> values(static_cast<size_t>(graph::NumElements(dims)), value);
  return TensorOfNumbers(dtype, std::move(dims), values);
}

onnx::TensorProto OneElementProto(DataType dtype, Number value) {
  const std::vector<std::byte> bytes = Encode(dtype, {value});
  onnx::TensorProto proto;
  proto.set_data_type(emit::OnnxDataType(dtype));
  proto.add_dims(1);
  proto.set_raw_data(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return proto;
}

Number ParseNumber(const std::string& text) {
  if (text == "inf" || text == "+inf") return std::numeric_limits<double>::infinity();
  if (text == "-inf") return -std::numeric_limits<double>::infinity();
  if (text == "nan" || text == "-nan") return std::numeric_limits<double>::quiet_NaN();
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (!text.empty() && *begin == '+') ++begin;
  int64_t integer = 0;
  if (auto [ptr, ec] = std::from_chars(begin, end, integer); ec == std::errc() && ptr == end) {
    return integer;
  }
  double real = 0;
  if (auto [ptr, ec] = std::from_chars(begin, end, real); ec == std::errc() && ptr == end) {
    return real;
  }
  Fail(ErrorKind::kInvalidInput, "str_value '{}' is not a number", text);
}

}  // namespace pd2onnx::mappers

#include "graph/host_tensor.h"

#include <utility>

#include "support/error.h"

namespace pd2onnx::graph {
namespace {

// Reads element i of type T with memcpy, so any byte buffer is safe.
template <typename T>
T Load(const std::vector<std::byte>& bytes, size_t i) {
  T value;
  std::memcpy(&value, bytes.data() + i * sizeof(T), sizeof(T));
  return value;
}

// Converts every element to Out through the element type's own C++ type;
// fp16 and bf16 go through float.
template <typename Out>
std::vector<Out> Convert(const HostTensor& tensor, const char* what) {
  const size_t size = ElementSize(tensor.dtype);
  const size_t count = size == 0 ? 0 : tensor.bytes.size() / size;
  std::vector<Out> out(count);
  const auto& b = tensor.bytes;
  for (size_t i = 0; i < count; ++i) {
    switch (tensor.dtype) {
      case DataType::kBool: out[i] = static_cast<Out>(Load<uint8_t>(b, i) != 0); break;
      case DataType::kInt8: out[i] = static_cast<Out>(Load<int8_t>(b, i)); break;
      case DataType::kUInt8: out[i] = static_cast<Out>(Load<uint8_t>(b, i)); break;
      case DataType::kInt16: out[i] = static_cast<Out>(Load<int16_t>(b, i)); break;
      case DataType::kInt32: out[i] = static_cast<Out>(Load<int32_t>(b, i)); break;
      case DataType::kInt64: out[i] = static_cast<Out>(Load<int64_t>(b, i)); break;
      case DataType::kUInt32: out[i] = static_cast<Out>(Load<uint32_t>(b, i)); break;
      case DataType::kUInt64: out[i] = static_cast<Out>(Load<uint64_t>(b, i)); break;
      case DataType::kFloat16: out[i] = static_cast<Out>(HalfToFloat(Load<uint16_t>(b, i))); break;
      case DataType::kBFloat16:
        out[i] = static_cast<Out>(BFloat16ToFloat(Load<uint16_t>(b, i)));
        break;
      case DataType::kFloat32: out[i] = static_cast<Out>(Load<float>(b, i)); break;
      case DataType::kFloat64: out[i] = static_cast<Out>(Load<double>(b, i)); break;
      default:
        Fail(ErrorKind::kUnsupported, "HostTensor::{}: dtype {} is not a real number type", what,
             DataTypeName(tensor.dtype));
    }
  }
  return out;
}

}  // namespace

HostTensor::HostTensor(DataType dtype_in, std::vector<int64_t> dims_in)
    : dtype(dtype_in), dims(std::move(dims_in)) {
  bytes.resize(static_cast<size_t>(NumElements(dims)) * ElementSize(dtype));
}

HostTensor HostTensor::FromConst(const ConstTensor& tensor) {
  HostTensor t;
  t.dtype = tensor.dtype();
  t.dims = tensor.dims();
  t.bytes.resize(tensor.nbytes());
  if (tensor.nbytes() > 0) std::memcpy(t.bytes.data(), tensor.data(), tensor.nbytes());
  return t;
}

std::vector<double> HostTensor::ToDouble() const { return Convert<double>(*this, "ToDouble"); }

// Floats truncate toward zero, like a C cast.
std::vector<int64_t> HostTensor::ToInt64() const { return Convert<int64_t>(*this, "ToInt64"); }

ConstTensor HostTensor::ToConst() const { return ConstTensor::FromBytes(dtype, dims, bytes); }

}  // namespace pd2onnx::graph

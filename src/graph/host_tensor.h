// A mutable, owning tensor: model inputs and outputs (.npy files), values
// computed by the reference interpreter, and test data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "graph/dtype.h"
#include "graph/tensor.h"

namespace pd2onnx::graph {

struct HostTensor {
  DataType dtype = DataType::kFloat32;
  std::vector<int64_t> dims;
  std::vector<std::byte> bytes;  // row-major, little-endian

  HostTensor() = default;
  HostTensor(DataType dtype, std::vector<int64_t> dims);  // zero-filled

  template <typename T>
  static HostTensor From(DataType dtype, std::vector<int64_t> dims, const std::vector<T>& values) {
    HostTensor t;
    t.dtype = dtype;
    t.dims = std::move(dims);
    t.bytes.resize(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(t.bytes.data(), values.data(), t.bytes.size());
    return t;
  }
  static HostTensor FromConst(const ConstTensor& tensor);

  int64_t numel() const { return NumElements(dims); }
  template <typename T>
  T* data() { return reinterpret_cast<T*>(bytes.data()); }
  template <typename T>
  const T* data() const { return reinterpret_cast<const T*>(bytes.data()); }
  template <typename T>
  std::vector<T> ToVector() const {
    std::vector<T> out(bytes.size() / sizeof(T));
    if (!out.empty()) std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
    return out;
  }
  // Elements as double / int64 whatever the numeric dtype.
  std::vector<double> ToDouble() const;
  std::vector<int64_t> ToInt64() const;
  ConstTensor ToConst() const;  // copies the bytes into a ConstTensor
};

}  // namespace pd2onnx::graph

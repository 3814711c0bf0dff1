// A read-only tensor whose bytes live elsewhere: in a memory-mapped params
// file, or in a buffer the tensor co-owns. Copying a ConstTensor never copies
// the bytes, which is how weights travel from the loader to the writer once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "graph/dtype.h"

namespace pd2onnx::graph {

// Product of dims; 1 for a 0-D shape. Dims must be non-negative.
int64_t NumElements(const std::vector<int64_t>& dims);

// "[1, 3, -1]"
std::string ShapeToString(const std::vector<int64_t>& dims);

class ConstTensor {
 public:
  ConstTensor() = default;
  // A view of `nbytes` at `data`, kept alive by `owner`.
  ConstTensor(DataType dtype, std::vector<int64_t> dims, std::shared_ptr<const void> owner,
              const std::byte* data, size_t nbytes);

  // Takes ownership of the bytes (little-endian, row-major).
  static ConstTensor FromBytes(DataType dtype, std::vector<int64_t> dims,
                               std::vector<std::byte> bytes);

  template <typename T>
  static ConstTensor FromValues(DataType dtype, std::vector<int64_t> dims,
                                const std::vector<T>& values) {
    std::vector<std::byte> bytes(values.size() * sizeof(T));
    if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    return FromBytes(dtype, std::move(dims), std::move(bytes));
  }

  DataType dtype() const { return dtype_; }
  const std::vector<int64_t>& dims() const { return dims_; }
  int64_t numel() const { return NumElements(dims_); }
  const std::byte* data() const { return data_; }
  size_t nbytes() const { return nbytes_; }
  bool empty() const { return data_ == nullptr && nbytes_ == 0 && dims_.empty(); }

  // Copies the elements out (safe for unaligned mapped data). T must match
  // the element size of dtype().
  template <typename T>
  std::vector<T> ToVector() const {
    std::vector<T> out(nbytes_ / sizeof(T));
    if (!out.empty()) std::memcpy(out.data(), data_, out.size() * sizeof(T));
    return out;
  }

  // Elements converted to int64 / double whatever the integer or float dtype
  // (bool, int8..int64, uint8, fp16, bf16, fp32, fp64).
  std::vector<int64_t> ToInt64() const;
  std::vector<double> ToDouble() const;

 private:
  DataType dtype_ = DataType::kUndefined;
  std::vector<int64_t> dims_;
  std::shared_ptr<const void> owner_;
  const std::byte* data_ = nullptr;
  size_t nbytes_ = 0;
};

// fp16 / bf16 conversions used by ToDouble and by tests.
float HalfToFloat(uint16_t bits);
uint16_t FloatToHalf(float value);
float BFloat16ToFloat(uint16_t bits);

}  // namespace pd2onnx::graph

// The evaluator's own value type. Floating tensors hold doubles and integer
// and bool tensors hold int64s, so every kernel is a plain loop over one
// vector; results are rounded back to the ONNX dtype after each node
// (float32 → float, float16 → half), as a runtime computing in that dtype would.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

#include "graph/dtype.h"
#include "graph/host_tensor.h"

namespace pd2onnx::eval {

using graph::DataType;

struct Tensor {
  DataType dtype = DataType::kFloat32;
  std::vector<int64_t> dims;
  std::vector<double> f;   // floating dtypes
  std::vector<int64_t> i;  // integer and bool dtypes
  // An ONNX sequence (Sequence* ops, Loop/If values): its elements, with
  // dtype the element type; dims/f/i are unused.
  bool is_sequence = false;
  std::vector<Tensor> sequence;

  Tensor() = default;
  // Zero-filled; throws when `shape` has a negative dim or more elements
  // than MaxElements().
  Tensor(DataType type, std::vector<int64_t> shape);

  // Inline: both are called per element in the kernels' loops.
  bool is_float() const {
    return dtype == DataType::kFloat32 || dtype == DataType::kFloat64 ||
           dtype == DataType::kFloat16 || dtype == DataType::kBFloat16;
  }
  int64_t numel() const {
    int64_t n = 1;
    for (int64_t d : dims) n *= d;
    return n;
  }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  double Get(int64_t k) const { return is_float() ? f[k] : static_cast<double>(i[k]); }
  int64_t GetInt(int64_t k) const { return is_float() ? static_cast<int64_t>(f[k]) : i[k]; }
  // Stores `v` converted to the dtype (integers truncate toward zero).
  void Set(int64_t k, double v);
  void SetInt(int64_t k, int64_t v);
  std::vector<int64_t> Ints() const;  // every element as int64
};

// The most elements one evaluator tensor may hold on this thread. Every
// tensor is checked against it before anything is allocated: a hostile model
// can ask a kernel for more than memory holds (a Conv with huge pads, a
// Range with a tiny delta), and must get an error, not an abort.
int64_t MaxElements();

// Lowers MaxElements() on this thread while alive; constant folding uses it,
// since it keeps nothing larger than its size rule allows.
class ElementLimit {
 public:
  explicit ElementLimit(int64_t max_elements);
  ~ElementLimit();
  ElementLimit(const ElementLimit&) = delete;
  ElementLimit& operator=(const ElementLimit&) = delete;

 private:
  int64_t saved_;
};

// The element count of `dims`; throws when a dim is negative or the count
// exceeds MaxElements().
int64_t CheckedElementCount(const std::vector<int64_t>& dims);

// dst[d] = src[s] for tensors of the same storage kind (float or integer).
inline void CopyElement(Tensor& dst, int64_t d, const Tensor& src, int64_t s) {
  if (dst.is_float()) {
    dst.f[d] = src.f[s];
  } else {
    dst.i[d] = src.i[s];
  }
}

// Rounds every element to what the dtype can hold (float32, float16, int8
// wraparound, bool → 0/1).
void Normalize(Tensor& t);

Tensor FromHost(const graph::HostTensor& host);
graph::HostTensor ToHost(const Tensor& t);
Tensor FromTensorProto(const onnx::TensorProto& proto);
DataType DataTypeFromOnnx(int onnx_type);

// Row-major strides of `dims`.
std::vector<int64_t> Strides(const std::vector<int64_t>& dims);
// ONNX multidirectional broadcasting of two shapes; throws on a mismatch.
std::vector<int64_t> BroadcastShape(const std::vector<int64_t>& a, const std::vector<int64_t>& b);
// For each flat index of `out_dims`, the flat index into a tensor of `in_dims`
// broadcast to it (in_dims right-aligned).
std::vector<int64_t> BroadcastIndex(const std::vector<int64_t>& in_dims,
                                    const std::vector<int64_t>& out_dims);
// A negative axis counted from the end; throws when out of [-rank, rank).
int64_t NormalizeAxis(int64_t axis, int64_t rank);

}  // namespace pd2onnx::eval

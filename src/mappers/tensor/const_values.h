// Building constant tensors of any Paddle dtype from attribute values, for
// the creation ops (fill_constant, assign_value, ...).
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "graph/dtype.h"
#include "graph/tensor.h"

namespace pd2onnx::mappers {

// One attribute value: integers stay exact (int64 beyond 2^53), floats
// convert to integer dtypes by truncation toward zero, as C++ casts do in
// Paddle's kernels; anything to bool is `value != 0`.
using Number = std::variant<int64_t, double>;

// A tensor of `dtype` and `dims` holding `values` in row-major order.
// Fails (kUnsupported) for dtypes without a numeric encoding here
// (complex, fp8).
graph::ConstTensor TensorOfNumbers(graph::DataType dtype, std::vector<int64_t> dims,
                                   const std::vector<Number>& values);
// A tensor of `dtype` and `dims` with every element equal to `value`.
graph::ConstTensor FilledTensor(graph::DataType dtype, std::vector<int64_t> dims, Number value);

// A 1-element ONNX TensorProto (for ConstantOfShape's `value`).
onnx::TensorProto OneElementProto(graph::DataType dtype, Number value);

// Parses fill_constant's `str_value`: a decimal integer (kept exact), a
// decimal float, or "inf", "-inf", "nan". Fails (kInvalidInput) otherwise.
Number ParseNumber(const std::string& text);

}  // namespace pd2onnx::mappers

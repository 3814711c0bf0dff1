// Element types. The enumerator values are Paddle's VarType.Type numbers, so
// a cast op's `out_dtype` attribute converts with DataTypeFromPaddle().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace pd2onnx::graph {

enum class DataType : int {
  kUndefined = -1,
  kBool = 0,
  kInt16 = 1,
  kInt32 = 2,
  kInt64 = 3,
  kFloat16 = 4,
  kFloat32 = 5,
  kFloat64 = 6,
  kUInt8 = 20,
  kInt8 = 21,
  kBFloat16 = 22,
  kComplex64 = 23,
  kComplex128 = 24,
  kFloat8E4M3FN = 32,
  kFloat8E5M2 = 33,
  kUInt32 = 37,
  kUInt64 = 38,
};

// The dtype for a Paddle VarType.Type number, or nullopt when the number is a
// variable kind (LOD_TENSOR, FEED_MINIBATCH, ...) or unknown.
std::optional<DataType> DataTypeFromPaddle(int64_t paddle_type);

// Bytes per element; 0 for kUndefined.
size_t ElementSize(DataType dtype);

// Lower-case name as Paddle prints it: "float32", "int64", "bool", ...
std::string_view DataTypeName(DataType dtype);

bool IsFloatingPoint(DataType dtype);  // fp16, bf16, fp32, fp64, fp8
bool IsInteger(DataType dtype);        // signed and unsigned integers (not bool)

}  // namespace pd2onnx::graph

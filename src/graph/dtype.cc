#include "graph/dtype.h"

namespace pd2onnx::graph {

std::optional<DataType> DataTypeFromPaddle(int64_t paddle_type) {
  switch (paddle_type) {
    case 0: return DataType::kBool;
    case 1: return DataType::kInt16;
    case 2: return DataType::kInt32;
    case 3: return DataType::kInt64;
    case 4: return DataType::kFloat16;
    case 5: return DataType::kFloat32;
    case 6: return DataType::kFloat64;
    case 20: return DataType::kUInt8;
    case 21: return DataType::kInt8;
    case 22: return DataType::kBFloat16;
    case 23: return DataType::kComplex64;
    case 24: return DataType::kComplex128;
    case 32: return DataType::kFloat8E4M3FN;
    case 33: return DataType::kFloat8E5M2;
    case 37: return DataType::kUInt32;
    case 38: return DataType::kUInt64;
    default: return std::nullopt;
  }
}

size_t ElementSize(DataType dtype) {
  switch (dtype) {
    case DataType::kBool:
    case DataType::kUInt8:
    case DataType::kInt8:
    case DataType::kFloat8E4M3FN:
    case DataType::kFloat8E5M2: return 1;
    case DataType::kInt16:
    case DataType::kFloat16:
    case DataType::kBFloat16: return 2;
    case DataType::kInt32:
    case DataType::kFloat32:
    case DataType::kUInt32: return 4;
    case DataType::kInt64:
    case DataType::kFloat64:
    case DataType::kUInt64:
    case DataType::kComplex64: return 8;
    case DataType::kComplex128: return 16;
    case DataType::kUndefined: return 0;
  }
  return 0;
}

std::string_view DataTypeName(DataType dtype) {
  switch (dtype) {
    case DataType::kBool: return "bool";
    case DataType::kInt16: return "int16";
    case DataType::kInt32: return "int32";
    case DataType::kInt64: return "int64";
    case DataType::kFloat16: return "float16";
    case DataType::kFloat32: return "float32";
    case DataType::kFloat64: return "float64";
    case DataType::kUInt8: return "uint8";
    case DataType::kInt8: return "int8";
    case DataType::kBFloat16: return "bfloat16";
    case DataType::kComplex64: return "complex64";
    case DataType::kComplex128: return "complex128";
    case DataType::kFloat8E4M3FN: return "float8_e4m3fn";
    case DataType::kFloat8E5M2: return "float8_e5m2";
    case DataType::kUInt32: return "uint32";
    case DataType::kUInt64: return "uint64";
    case DataType::kUndefined: return "undefined";
  }
  return "undefined";
}

bool IsFloatingPoint(DataType dtype) {
  switch (dtype) {
    case DataType::kFloat16:
    case DataType::kBFloat16:
    case DataType::kFloat32:
    case DataType::kFloat64:
    case DataType::kFloat8E4M3FN:
    case DataType::kFloat8E5M2: return true;
    default: return false;
  }
}

bool IsInteger(DataType dtype) {
  switch (dtype) {
    case DataType::kInt8:
    case DataType::kInt16:
    case DataType::kInt32:
    case DataType::kInt64:
    case DataType::kUInt8:
    case DataType::kUInt32:
    case DataType::kUInt64: return true;
    default: return false;
  }
}

}  // namespace pd2onnx::graph

// Builds a one-op graph::Program in memory for the interpreter's kernel
// tests (no files, no loader): inputs are fed by name, every output is a
// model output, attributes are written with explicit kinds.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "compare.h"
#include "graph/host_tensor.h"
#include "graph/program.h"
#include "interpreter/interpreter.h"

namespace pd2onnx::testing {

using graph::Attribute;
using graph::AttrKind;
using graph::DataType;
using graph::HostTensor;

inline HostTensor F32(std::vector<int64_t> dims, const std::vector<float>& values) {
  return HostTensor::From(DataType::kFloat32, std::move(dims), values);
}
inline HostTensor I64(std::vector<int64_t> dims, const std::vector<int64_t>& values) {
  return HostTensor::From(DataType::kInt64, std::move(dims), values);
}
inline HostTensor I32(std::vector<int64_t> dims, const std::vector<int32_t>& values) {
  return HostTensor::From(DataType::kInt32, std::move(dims), values);
}
// 0, 1, 2, ... as float32.
inline HostTensor Iota(std::vector<int64_t> dims, float start = 0) {
  std::vector<float> values(static_cast<size_t>(graph::NumElements(dims)));
  for (size_t i = 0; i < values.size(); ++i) values[i] = start + static_cast<float>(i);
  return F32(std::move(dims), values);
}

class SingleOp {
 public:
  explicit SingleOp(std::string type) {
    program_.blocks.resize(1);
    op_.type = std::move(type);
  }

  // One fed variable per call; repeated calls with the same slot append
  // (duplicable slots such as concat's X).
  SingleOp& In(const std::string& slot, const std::string& name, HostTensor value) {
    Slot(op_.inputs, slot).push_back(name);
    Declare(name, value.dtype, value.dims);
    feeds_.insert_or_assign(name, std::move(value));
    return *this;
  }
  // An output variable; `declared` is its VarDesc shape (some kernels look
  // at it to choose between 0-D and [1]).
  SingleOp& Out(const std::string& slot, const std::string& name,
                std::vector<int64_t> declared = {-1}) {
    Slot(op_.outputs, slot).push_back(name);
    Declare(name, DataType::kFloat32, std::move(declared));
    program_.outputs.push_back(name);
    return *this;
  }

  SingleOp& Attr(const std::string& name, Attribute value) {
    op_.attrs.insert_or_assign(name, std::move(value));
    return *this;
  }
  SingleOp& Int(const std::string& name, int64_t v) { return Attr(name, {AttrKind::kInt, v}); }
  SingleOp& Bool(const std::string& name, bool v) {
    return Attr(name, {AttrKind::kBool, int64_t{v}});
  }
  SingleOp& Float(const std::string& name, double v) { return Attr(name, {AttrKind::kFloat, v}); }
  SingleOp& Str(const std::string& name, const std::string& v) {
    return Attr(name, {AttrKind::kString, v});
  }
  SingleOp& Ints(const std::string& name, std::vector<int64_t> v) {
    return Attr(name, {AttrKind::kInts, std::move(v)});
  }
  SingleOp& Floats(const std::string& name, std::vector<double> v) {
    return Attr(name, {AttrKind::kFloats, std::move(v)});
  }

  interp::TensorMap Run() {
    graph::Program program = program_;
    graph::Op op = op_;
    program.blocks[0].ops.push_back(std::move(op));
    return interp::Run(program, feeds_);
  }
  // The single output named `name`.
  HostTensor Run(const std::string& name) {
    interp::TensorMap out = Run();
    auto it = out.find(name);
    if (it == out.end()) {
      ADD_FAILURE() << "no output " << name;
      return {};
    }
    return it->second;
  }

 private:
  static std::vector<std::string>& Slot(std::vector<graph::Slot>& slots, const std::string& name) {
    for (graph::Slot& s : slots) {
      if (s.name == name) return s.args;
    }
    slots.push_back({name, {}});
    return slots.back().args;
  }
  void Declare(const std::string& name, DataType dtype, std::vector<int64_t> shape) {
    graph::Var var;
    var.name = name;
    var.dtype = dtype;
    var.shape = std::move(shape);
    program_.blocks[0].AddVar(std::move(var));
  }

  graph::Program program_;
  graph::Op op_;
  interp::TensorMap feeds_;
};

// Expects `got` to have `want`'s dtype and dims and values within
// 1e-5 · max(1, max|want|) (exact for integers).
inline void ExpectTensor(const HostTensor& got, const HostTensor& want, double tol = 1e-5) {
  EXPECT_TRUE(AllClose(got, want, tol));
}

}  // namespace pd2onnx::testing

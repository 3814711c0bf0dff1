// Writes real Paddle model files for tiny test programs, with our own proto:
// a .pdmodel (ProgramDesc with feed/fetch ops) and a combined .pdiparams in
// sorted-name order, so op tests go through the real loader.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "framework.pb.h"
#include "graph/host_tensor.h"

namespace pd2onnx::testing {

using graph::DataType;
using graph::HostTensor;

class OpBuilder {
 public:
  explicit OpBuilder(paddle::proto::OpDesc* op) : op_(op) {}
  OpBuilder& In(const std::string& slot, const std::vector<std::string>& args);
  OpBuilder& Out(const std::string& slot, const std::vector<std::string>& args);
  // Attribute kinds follow the C++ type: bool → BOOLEAN, int → INT,
  // int64_t → LONG, float → FLOAT, double → FLOAT64, string → STRING,
  // vector<int> → INTS, vector<int64_t> → LONGS, vector<float> → FLOATS,
  // vector<double> → FLOAT64S, vector<bool> → BOOLEANS, vector<string> → STRINGS.
  OpBuilder& Attr(const std::string& name, bool value);
  OpBuilder& Attr(const std::string& name, int value);
  OpBuilder& Attr(const std::string& name, int64_t value);
  OpBuilder& Attr(const std::string& name, float value);
  OpBuilder& Attr(const std::string& name, double value);
  OpBuilder& Attr(const std::string& name, const char* value);
  OpBuilder& Attr(const std::string& name, const std::string& value);
  OpBuilder& Attr(const std::string& name, const std::vector<int>& values);
  OpBuilder& Attr(const std::string& name, const std::vector<int64_t>& values);
  OpBuilder& Attr(const std::string& name, const std::vector<float>& values);
  OpBuilder& Attr(const std::string& name, const std::vector<double>& values);
  OpBuilder& Attr(const std::string& name, const std::vector<bool>& values);
  OpBuilder& Attr(const std::string& name, const std::vector<std::string>& values);
  // A BLOCK attribute (sub_block of while / conditional_block).
  OpBuilder& BlockAttr(const std::string& name, int block_idx);
  // Raw access for unusual encodings (SCALARS, BLOCK, INT written as is_test...).
  paddle::proto::OpDesc::Attr* RawAttr(const std::string& name, paddle::proto::AttrType type);

 private:
  paddle::proto::OpDesc* op_;
};

class ProgramBuilder {
 public:
  ProgramBuilder();
  // A model input: a feed op with the next `col`, and its variable.
  ProgramBuilder& Input(const std::string& name, DataType dtype, const std::vector<int64_t>& shape);
  // A persistable variable with its value (written to the .pdiparams).
  ProgramBuilder& Param(const std::string& name, const HostTensor& value);
  // A non-persistable variable (op outputs must be declared).
  ProgramBuilder& Var(const std::string& name, DataType dtype, const std::vector<int64_t>& shape);
  // Sets the LoD level of a dense variable declared in block 0.
  ProgramBuilder& LodLevel(const std::string& name, int level);
  // Appends an op to block 0; the returned builder stays valid until the
  // next Op() call.
  OpBuilder Op(const std::string& type);
  // A model output: a fetch op with the next `col`.
  ProgramBuilder& Output(const std::string& name);

  // ---- Sub-blocks (control flow) -----------------------------------------
  // Adds a block whose parent is `parent` and returns its index.
  int SubBlock(int parent = 0);
  // Appends an op to block `block` (0 = the main block, as Op()).
  OpBuilder OpIn(int block, const std::string& type);
  // A non-persistable variable declared in block `block`.
  ProgramBuilder& VarIn(int block, const std::string& name, DataType dtype,
                        const std::vector<int64_t>& shape);
  // A tensor array (LOD_TENSOR_ARRAY) variable of `dtype` elements shaped
  // `element_shape`, declared in block `block`.
  ProgramBuilder& ArrayVar(const std::string& name, DataType dtype,
                           const std::vector<int64_t>& element_shape, int block = 0);

  // The program with feed ops first (in reverse col order, as Paddle
  // writes them) and fetch ops last.
  paddle::proto::ProgramDesc ToProto() const;
  // Combined params bytes in sorted-name order.
  std::string ParamsBytes() const;
  // Writes <dir>/<stem>.pdmodel and, if there are params, <dir>/<stem>.pdiparams.
  void Write(const std::filesystem::path& dir, const std::string& stem = "model") const;

  const std::map<std::string, HostTensor>& params() const { return params_; }

  // ---- float16 twins (the dtype sweeps) -----------------------------------
  // Whether the program computes in float32 only: some float32 variable and
  // no float64 one.
  bool IsFloat32Program() const;
  // The same program as a float16 export: float32 variables, tensor arrays,
  // parameters (rounded to the nearest half) and dtype attributes (dtype,
  // out_dtype, in_dtype = FP32) become float16.
  ProgramBuilder ToFloat16() const;
  // The float32 program with its parameters rounded to float16 values: the
  // reference for ToFloat16().
  ProgramBuilder WithFloat16Params() const;

 private:
  paddle::proto::ProgramDesc program_;  // block 0 holds vars and body ops
  std::vector<std::string> inputs_;
  std::vector<std::string> outputs_;
  std::map<std::string, HostTensor> params_;
};

// A float32 tensor as float16 (nearest half); other dtypes unchanged.
HostTensor ToHalf(const HostTensor& tensor);
// A float16 tensor as float32 (exact); other dtypes unchanged.
HostTensor HalfToFloat(const HostTensor& tensor);

// One params record (section 2.2 of the format spec) for a tensor.
std::string TensorRecord(const HostTensor& tensor);

}  // namespace pd2onnx::testing

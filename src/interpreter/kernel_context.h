// What a kernel sees while it runs one op: its attributes, the values of its
// input variables, and a place to put its outputs. Interpreter-internal.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graph/host_tensor.h"
#include "graph/program.h"
#include "interpreter/interpreter.h"

namespace pd2onnx::interp {

using TensorArray = std::vector<graph::HostTensor>;

// The values of the variables computed so far, by name. Parameters are
// converted from the program on first read.
class Workspace {
 public:
  Workspace(const graph::Program& program, const TensorMap& feeds);

  // nullptr when the variable has no value yet (and is not a parameter).
  const graph::HostTensor* Find(const std::string& name);
  void Set(const std::string& name, graph::HostTensor value);
  void Erase(const std::string& name) {
    values_.erase(name);
    arrays_.erase(name);
  }
  const TensorMap& feeds() const { return feeds_; }

  // Tensor arrays (LOD_TENSOR_ARRAY variables); nullptr when never written.
  const TensorArray* FindArray(const std::string& name) const;
  void SetArray(const std::string& name, TensorArray value);

 private:
  const graph::Program& program_;
  const TensorMap& feeds_;
  std::unordered_map<std::string, graph::HostTensor> values_;
  std::unordered_map<std::string, TensorArray> arrays_;
};

// Runs the ops of a block in order on the workspace (sub-blocks of control
// flow ops see and write the enclosing blocks' variables).
void RunBlock(const graph::Program& program, int block_idx, Workspace& workspace);

class KernelContext {
 public:
  KernelContext(const graph::Program& program, const graph::Op& op, Workspace& workspace)
      : program_(program), op_(op), workspace_(workspace) {}

  const graph::Op& op() const { return op_; }
  const graph::Program& program() const { return program_; }
  const TensorMap& feeds() const { return workspace_.feeds(); }

  template <typename T>
  T Attr(std::string_view name) const {
    return op_.Attr<T>(name);
  }
  template <typename T>
  T Attr(std::string_view name, T default_value) const {
    return op_.Attr<T>(name, std::move(default_value));
  }
  bool HasAttr(std::string_view name) const { return op_.HasAttr(name); }

  // The value of the i-th variable of an input slot; throws kInvalidInput
  // when the slot is absent or the variable has no value.
  const graph::HostTensor& Input(std::string_view slot, size_t i = 0) const;
  // nullptr when the slot is absent or empty (an optional input).
  const graph::HostTensor* OptionalInput(std::string_view slot) const;
  // Every variable of a (duplicable) slot; empty when absent.
  std::vector<const graph::HostTensor*> InputList(std::string_view slot) const;
  bool HasInput(std::string_view slot) const { return op_.HasInput(slot); }

  bool HasOutput(std::string_view slot) const { return op_.HasOutput(slot); }
  size_t OutputCount(std::string_view slot) const { return op_.Outputs(slot).size(); }
  // Stores the i-th output of a slot; ignored when the op does not bind that
  // output (an optional output nobody asked for). Outputs are committed to
  // the workspace after the kernel returns, so a kernel may overwrite a
  // variable it is still reading (in-place ops).
  void SetOutput(std::string_view slot, graph::HostTensor value, size_t i = 0);

  // The declared variable of an output (nullptr when undeclared).
  const graph::Var* OutputVar(std::string_view slot, size_t i = 0) const;
  // The shape of a result with no dims left (a full reduction, a slice that
  // decreases every axis...): Paddle ≥ 2.5 writes 0-D, older versions [1].
  // Follows the output's VarDesc: [] when it is declared 0-D, else [1].
  std::vector<int64_t> ScalarShape(std::string_view slot) const;

  std::vector<std::pair<std::string, graph::HostTensor>>& outputs() { return outputs_; }

  // ---- Control flow -------------------------------------------------------
  // The tensor array of the i-th variable of an input slot; an empty array
  // when it was never written (Paddle creates arrays empty).
  TensorArray InputArray(std::string_view slot, size_t i = 0) const;
  // The current value of a tensor array variable by name (write_to_array
  // updates the array its output names).
  TensorArray ArrayValue(const std::string& name) const;
  // Stores a tensor array output (committed after the kernel, like SetOutput).
  void SetOutputArray(std::string_view slot, TensorArray value, size_t i = 0);
  std::vector<std::pair<std::string, TensorArray>>& array_outputs() { return array_outputs_; }
  // Runs a sub-block now, directly on the workspace.
  void RunSubBlock(int block_idx) { RunBlock(program_, block_idx, workspace_); }
  // The current value of a variable by name, or nullptr.
  const graph::HostTensor* FindVarValue(const std::string& name) const {
    return workspace_.Find(name);
  }

 private:
  const graph::Program& program_;
  const graph::Op& op_;
  Workspace& workspace_;
  std::vector<std::pair<std::string, graph::HostTensor>> outputs_;
  std::vector<std::pair<std::string, TensorArray>> array_outputs_;
};

}  // namespace pd2onnx::interp

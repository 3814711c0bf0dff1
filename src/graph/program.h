// The format-free in-memory program: blocks of variables and ops, the model's
// ordered inputs and outputs, and its parameters. Both the legacy ProgramDesc
// reader and the PIR JSON reader produce it; mappers and the reference
// interpreter only ever see this.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graph/attribute.h"
#include "graph/dtype.h"
#include "graph/tensor.h"

namespace pd2onnx::graph {

enum class VarKind {
  kDenseTensor,  // LOD_TENSOR / DENSE_TENSOR
  kTensorArray,  // LOD_TENSOR_ARRAY
  kFeedHolder,   // FEED_MINIBATCH
  kFetchHolder,  // FETCH_LIST
  kStepScopes,
  kSelectedRows,
  kOther,
};

struct Var {
  std::string name;
  VarKind kind = VarKind::kDenseTensor;
  DataType dtype = DataType::kUndefined;
  std::vector<int64_t> shape;  // -1 = unknown extent; empty = 0-D
  int lod_level = 0;
  bool persistable = false;
};

struct Slot {
  std::string name;               // "X", "Filter", "Out", ...
  std::vector<std::string> args;  // variable names; may be empty (= absent)
};

class Op {
 public:
  std::string type;
  std::vector<Slot> inputs;
  std::vector<Slot> outputs;
  std::map<std::string, Attribute, std::less<>> attrs;
  int block_idx = 0;
  int op_idx = 0;

  // Variable names bound to a slot; empty when the slot is absent or empty.
  const std::vector<std::string>& Inputs(std::string_view slot) const;
  const std::vector<std::string>& Outputs(std::string_view slot) const;
  bool HasInput(std::string_view slot) const { return !Inputs(slot).empty(); }
  bool HasOutput(std::string_view slot) const { return !Outputs(slot).empty(); }
  // The i-th variable of a slot; throws kInvalidInput naming op and slot.
  const std::string& Input(std::string_view slot, size_t i = 0) const;
  const std::string& Output(std::string_view slot, size_t i = 0) const;
  // First output variable, for messages ("" when the op has no outputs).
  std::string FirstOutputVar() const;

  bool HasAttr(std::string_view name) const { return attrs.find(name) != attrs.end(); }
  const Attribute* FindAttr(std::string_view name) const;
  // Typed access. Without a default, a missing attribute throws kInvalidInput
  // naming the op and attribute. T: bool, int, int64_t, float, double,
  // std::string, std::vector<int>, std::vector<int64_t>, std::vector<float>,
  // std::vector<double>, std::vector<std::string>, std::vector<bool>.
  template <typename T>
  T Attr(std::string_view name) const;
  template <typename T>
  T Attr(std::string_view name, T default_value) const {
    return HasAttr(name) ? Attr<T>(name) : default_value;
  }

  // "conv2d (block 0, op 17, output 'conv2d_3.tmp_0')" for diagnostics.
  std::string Describe() const;
};

struct Block {
  int idx = 0;
  int parent_idx = -1;
  std::vector<Var> vars;
  std::vector<Op> ops;

  const Var* FindLocalVar(std::string_view name) const;
  void AddVar(Var var);  // replaces a var of the same name

 private:
  std::unordered_map<std::string, size_t> var_index_;
};

class Program {
 public:
  std::vector<Block> blocks;
  int64_t version = 0;              // ProgramDesc.version, 0 when absent
  std::vector<std::string> inputs;  // feed targets ordered by `col`
  std::vector<std::string> outputs; // fetch targets ordered by `col`
  // Persistable tensors by name (weights, batch-norm statistics, ...).
  std::map<std::string, ConstTensor, std::less<>> params;
  std::string source;  // program file, for messages

  // Looks a variable up in `block` and then its ancestors.
  const Var* FindVar(int block, std::string_view name) const;
  const ConstTensor* FindParam(std::string_view name) const;
  size_t OpCount() const;  // all blocks, feed/fetch included
};

// Names of persistable variables stored in a params file, deduplicated and
// sorted byte-wise: the record order of a combined params file.
std::vector<std::string> PersistableNames(const Program& program);

}  // namespace pd2onnx::graph

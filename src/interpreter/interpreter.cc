// The executor: runs the ops of block 0 in order over a workspace of
// name → value, then returns the fetched variables.
#include "interpreter/interpreter.h"

#include <exception>
#include <set>
#include <unordered_map>

#include "interpreter/kernel_context.h"
#include "interpreter/kernel_registry.h"
#include "support/error.h"

namespace pd2onnx::interp {
namespace {

// For every variable, the index of the last op of the block that reads it.
// After that op the value can be dropped (unless the model returns it),
// which keeps peak memory to a few live tensors on large inputs.
std::unordered_map<std::string, size_t> LastReads(const graph::Block& block) {
  std::unordered_map<std::string, size_t> last;
  for (size_t i = 0; i < block.ops.size(); ++i) {
    for (const graph::Slot& slot : block.ops[i].inputs) {
      for (const std::string& name : slot.args) last[name] = i;
    }
  }
  return last;
}

void RunOp(const graph::Program& program, const graph::Op& op, Workspace& workspace) {
  const KernelFn kernel = FindKernel(op.type);
  if (kernel == nullptr) {
    Fail(ErrorKind::kUnsupported, "the reference interpreter has no kernel for op '{}': {}",
         op.type, op.Describe());
  }
  KernelContext ctx(program, op, workspace);
  try {
    kernel(ctx);
  } catch (const Error& e) {
    throw e.WithContext(op.Describe());
  } catch (const std::exception& e) {
    throw Error(ErrorKind::kInternal, op.Describe() + ": " + e.what());
  }
  for (auto& [name, value] : ctx.outputs()) workspace.Set(name, std::move(value));
  for (auto& [name, value] : ctx.array_outputs()) workspace.SetArray(name, std::move(value));
}

}  // namespace

void RunBlock(const graph::Program& program, int block_idx, Workspace& workspace) {
  PD2ONNX_CHECK(block_idx > 0 && static_cast<size_t>(block_idx) < program.blocks.size(),
                ErrorKind::kInvalidInput, "sub-block {} does not exist", block_idx);
  for (const graph::Op& op : program.blocks[block_idx].ops) RunOp(program, op, workspace);
}

TensorMap Run(const graph::Program& program, const TensorMap& feeds) {
  PD2ONNX_CHECK(!program.blocks.empty(), ErrorKind::kInvalidInput, "the program has no blocks");
  const graph::Block& block = program.blocks[0];

  Workspace workspace(program, feeds);
  // Fed values are visible from the start, so programs without feed ops run
  // too; a feed op checks that its variable was fed.
  for (const auto& [name, value] : feeds) workspace.Set(name, value);

  const std::set<std::string, std::less<>> keep(program.outputs.begin(), program.outputs.end());
  const auto last_reads = LastReads(block);
  auto drop_if_dead = [&](const std::string& name, size_t op_index) {
    if (keep.count(name) != 0) return;
    auto it = last_reads.find(name);
    if (it == last_reads.end() || it->second <= op_index) workspace.Erase(name);
  };

  for (size_t i = 0; i < block.ops.size(); ++i) {
    const graph::Op& op = block.ops[i];
    RunOp(program, op, workspace);
    for (const auto* slots : {&op.inputs, &op.outputs}) {
      for (const graph::Slot& slot : *slots) {
        for (const std::string& name : slot.args) drop_if_dead(name, i);
      }
    }
  }

  TensorMap results;
  for (const std::string& name : program.outputs) {
    const graph::HostTensor* value = workspace.Find(name);
    PD2ONNX_CHECK(value != nullptr, ErrorKind::kInvalidInput,
                  "model output '{}' was never computed", name);
    results.insert_or_assign(name, *value);
  }
  return results;
}

bool HasKernel(std::string_view op_type) { return FindKernel(op_type) != nullptr; }

std::vector<std::string> KernelTypes() { return RegisteredKernelTypes(); }

}  // namespace pd2onnx::interp

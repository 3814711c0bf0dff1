#include "passes/optimize.h"

#include <spdlog/spdlog.h>

#include <unordered_set>

#include "passes/shape_folding.h"
#include "support/error.h"

namespace pd2onnx::passes {

namespace {

constexpr int kMaxRounds = 10;

// value_info only for tensors still computed by a node.
void DropStaleValueInfo(emit::Model& model) {
  std::unordered_set<std::string> produced;
  for (const auto& node : model.nodes) produced.insert(node.output().begin(), node.output().end());
  std::erase_if(model.value_infos,
                [&](const emit::ValueInfo& v) { return produced.count(v.name) == 0; });
}

}  // namespace

const std::vector<Pass>& DefaultPasses() {
  static const std::vector<Pass> passes = {
      {"eliminate_dead_nodes", EliminateDeadNodes},
      {"deduplicate_initializers", DeduplicateInitializers},
      {"fold_shapes", FoldShapes},
      {"fold_constants", FoldConstants},
      {"eliminate_no_ops", EliminateNoOps},
      {"eliminate_shape_cast_round_trips", EliminateShapeCastRoundTrips},
      {"fuse_transposes", FuseTransposes},
      {"fuse_reshapes", FuseReshapes},
      {"cancel_squeeze_unsqueeze", CancelSqueezeUnsqueeze},
      {"fold_conv_batch_norm", FoldConvBatchNorm},
      {"fuse_conv_mul", FuseConvMul},
      {"fuse_conv_add", FuseConvAdd},
      {"fuse_matmul_add", FuseMatMulAdd},
      {"eliminate_common_subexpressions", EliminateCommonSubexpressions},
  };
  return passes;
}

void Optimize(emit::Model& model, const std::vector<Pass>& passes, const PassContext& cx) {
  // At IR version 3 initializers are graph inputs too; passes see them only
  // as initializers, and they are listed again at the end.
  emit::UnlistInitializersAsInputs(model);
  for (int round = 0; round < kMaxRounds; ++round) {
    bool changed = false;
    for (const Pass& pass : passes) {
      const size_t before = model.nodes.size();
      bool pass_changed = false;
      try {
        pass_changed = pass.run(model, cx);
      } catch (const Error& e) {
        throw e.WithContext(fmt::format("optimizer pass {}", pass.name));
      }
      if (pass_changed) {
        spdlog::debug("optimizer round {}: {} ({} -> {} nodes)", round, pass.name, before,
                      model.nodes.size());
      }
      changed = changed || pass_changed;
    }
    if (!changed) break;
  }
  DropStaleValueInfo(model);
  emit::ListInitializersAsInputs(model);
}

void Optimize(emit::Model& model) {
  PassContext cx;
  cx.opset = model.opset;
  Optimize(model, DefaultPasses(), cx);
}

}  // namespace pd2onnx::passes

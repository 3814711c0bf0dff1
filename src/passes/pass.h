// The interface of one ONNX optimizer pass over emit::Model. A pass rewrites
// the model in place and returns whether it changed anything; the pass
// manager (optimize.h) reruns the list until no pass changes the model.
// Passes must be deterministic: iterate nodes and initializers in model
// order, never over pointer-keyed or unordered containers.
#pragma once

#include <string_view>

#include "onnx/model.h"

namespace pd2onnx::passes {

struct PassContext {
  int opset = 11;
  // Constant folding: a folded value larger than this is kept only when it
  // replaces at least as many bytes of weights that become unused.
  int64_t fold_small_bytes = 64 * 1024;
  // Constant folding never evaluates nodes reading more than this.
  int64_t fold_max_input_bytes = 16 * 1024 * 1024;
};

struct Pass {
  std::string_view name;
  bool (*run)(emit::Model& model, const PassContext& cx);
};

// The passes of this folder, one file each.
bool FoldConstants(emit::Model& model, const PassContext& cx);
bool EliminateDeadNodes(emit::Model& model, const PassContext& cx);
bool EliminateNoOps(emit::Model& model, const PassContext& cx);
bool EliminateShapeCastRoundTrips(emit::Model& model, const PassContext& cx);
bool FoldConvBatchNorm(emit::Model& model, const PassContext& cx);
bool FuseConvAdd(emit::Model& model, const PassContext& cx);
bool FuseConvMul(emit::Model& model, const PassContext& cx);
bool FuseMatMulAdd(emit::Model& model, const PassContext& cx);
bool FuseTransposes(emit::Model& model, const PassContext& cx);
bool FuseReshapes(emit::Model& model, const PassContext& cx);
bool CancelSqueezeUnsqueeze(emit::Model& model, const PassContext& cx);
bool DeduplicateInitializers(emit::Model& model, const PassContext& cx);
bool EliminateCommonSubexpressions(emit::Model& model, const PassContext& cx);

}  // namespace pd2onnx::passes

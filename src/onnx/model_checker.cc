#include "onnx/model_checker.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>

#include <algorithm>
#include <unordered_set>

#include "onnx/writer.h"
#include "support/error.h"

namespace pd2onnx::emit {

namespace {

[[noreturn]] void Invalid(const std::string& message) {
  throw Error(ErrorKind::kCheckFailed, "invalid ONNX model: " + message);
}

std::string NodeLabel(const onnx::NodeProto& node) {
  return fmt::format("node '{}' ({})", node.name(), node.op_type());
}

}  // namespace

void CheckStructure(const Model& model) {
  if (model.opset < kMinOpset || model.opset > kMaxOpset) {
    Invalid(fmt::format("opset import {} outside {}..{}", model.opset, kMinOpset, kMaxOpset));
  }
  const bool initializers_are_inputs = IrVersionForOpset(model.opset) < 4;
  std::unordered_set<std::string> defined;
  std::unordered_set<std::string> initializer_names;
  for (const auto& init : model.initializers) {
    if (!initializer_names.insert(init.name).second) {
      Invalid(fmt::format("initializer '{}' is defined twice", init.name));
    }
    defined.insert(init.name);
  }
  for (const auto& input : model.inputs) {
    const bool is_initializer = initializer_names.count(input.name) > 0;
    if (is_initializer && !initializers_are_inputs) {
      Invalid(fmt::format("graph input '{}' is also an initializer", input.name));
    }
    if (!defined.insert(input.name).second && !is_initializer) {
      Invalid(fmt::format("graph input '{}' is defined twice", input.name));
    }
  }
  std::unordered_set<std::string> used;
  for (const auto& node : model.nodes) {
    for (const auto& input : node.input()) {
      if (input.empty()) continue;  // an omitted optional input
      if (!defined.count(input)) {
        Invalid(fmt::format("{} reads '{}' before it is defined", NodeLabel(node), input));
      }
      used.insert(input);
    }
    AddSubgraphReads(node, used);
    for (const auto& output : node.output()) {
      if (output.empty()) continue;
      if (!defined.insert(output).second) {
        Invalid(fmt::format("{} writes '{}', which is already defined", NodeLabel(node), output));
      }
    }
  }
  std::unordered_set<std::string> outputs;
  for (const auto& output : model.outputs) {
    if (!defined.count(output.name)) {
      Invalid(fmt::format("graph output '{}' is never produced", output.name));
    }
    if (!outputs.insert(output.name).second) {
      Invalid(fmt::format("graph output '{}' is listed twice", output.name));
    }
    used.insert(output.name);
  }
  for (const auto& init : model.initializers) {
    if (!used.count(init.name)) Invalid(fmt::format("initializer '{}' is never used", init.name));
  }
}

const onnx::OpSchema* KnownSchema(const onnx::NodeProto& node, int opset) {
  if (!node.domain().empty() && node.domain() != "ai.onnx") return nullptr;
  return onnx::OpSchemaRegistry::Schema(node.op_type(), std::min(opset, kMaxCheckerOpset), "");
}

void CheckModel(const Model& model, bool run_onnx_checker) {
  CheckStructure(model);
  if (!run_onnx_checker || model.opset > kMaxCheckerOpset) return;
  // The checker sees initializers as typed graph inputs: it validates node
  // schemas and attributes, which do not depend on the weight bytes.
  const onnx::ModelProto proto = ToModelProto(model, /*with_initializers_as_inputs=*/true);
  try {
    onnx::checker::check_model(proto);
  } catch (const std::exception& e) {
    throw Error(ErrorKind::kCheckFailed, fmt::format("ONNX checker: {}", e.what()));
  }
}

}  // namespace pd2onnx::emit

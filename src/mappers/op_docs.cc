#include "mappers/op_docs.h"

#include <fmt/format.h>

#include "onnx/model.h"
#include "paddle/pir/op_table.h"

namespace pd2onnx::mappers {
namespace {

// The PIR (Paddle 3 inference.json) op names that map to a legacy op type.
std::string PirNamesOf(std::string_view legacy) {
  std::string names;
  for (const paddle::pir::OpSpec& spec : paddle::pir::OpTable()) {
    if (spec.legacy != legacy) continue;
    names += fmt::format("{}pd_op.{}", names.empty() ? "" : ", ", spec.pir);
  }
  return names;
}

}  // namespace

std::string OpTableMarkdown(const Registry& registry) {
  const auto mappers = registry.All();
  std::string out =
      "# Supported Paddle ops\n\n"
      "Generated from the mapper registry by `pd2onnx --list_ops`; a test fails when this file "
      "is stale.\n\n";
  out += fmt::format(
      "{} op types. *Opsets* is the range pd2onnx can emit the op at; some "
      "attribute values need a higher opset, and the converter names them. "
      "*Variants* are the opsets where the emitted ONNX nodes change. *PIR op* is the name "
      "in Paddle 3 PIR programs (inference.json).\n\n",
      mappers.size());
  out += "| Paddle op | opsets | variants | PIR op |\n|---|---|---|---|\n";
  for (const OpMapper* mapper : mappers) {
    std::string variants;
    for (const auto& [since, emit] : mapper->variants) {
      variants += (variants.empty() ? "" : ", ") + std::to_string(since);
    }
    out += fmt::format("| {} | {}–{} | {} | {} |\n", mapper->type, mapper->variants.front().first,
                       emit::kMaxOpset, variants, PirNamesOf(mapper->type));
  }
  return out;
}

}  // namespace pd2onnx::mappers

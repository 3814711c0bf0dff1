#include "mappers/op_docs.h"

#include <fmt/format.h>

#include "onnx/model.h"

namespace pd2onnx::mappers {

std::string OpTableMarkdown(const Registry& registry) {
  const auto mappers = registry.All();
  std::string out =
      "# Supported Paddle ops\n\n"
      "Generated from the mapper registry by `pd2onnx --list_ops`; a test fails when this file "
      "is stale.\n\n";
  out += fmt::format("{} op types. *Opsets* is the range pd2onnx can emit the op at; some "
                     "attribute values need a higher opset, and the converter names them. "
                     "*Variants* are the opsets where the emitted ONNX nodes change.\n\n",
                     mappers.size());
  out += "| Paddle op | opsets | variants |\n|---|---|---|\n";
  for (const OpMapper* mapper : mappers) {
    std::string variants;
    for (const auto& [since, emit] : mapper->variants) {
      variants += (variants.empty() ? "" : ", ") + std::to_string(since);
    }
    out += fmt::format("| {} | {}–{} | {} |\n", mapper->type, mapper->variants.front().first,
                       emit::kMaxOpset, variants);
  }
  return out;
}

}  // namespace pd2onnx::mappers

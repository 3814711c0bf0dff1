// The supported-op table printed by `pd2onnx --list_ops` and checked in as
// docs/ops.md (a test fails when the file is stale).
#pragma once

#include <string>

#include "mappers/registry.h"

namespace pd2onnx::mappers {

std::string OpTableMarkdown(const Registry& registry);

}  // namespace pd2onnx::mappers

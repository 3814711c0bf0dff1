// docs/ops.md must equal what the registry generates.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "mappers/op_docs.h"

namespace pd2onnx::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(OpDocs, CheckedInOpTableIsUpToDate) {
  const std::string checked_in = ReadFile(PD2ONNX_SOURCE_DIR "/docs/ops.md");
  const std::string generated = mappers::OpTableMarkdown(mappers::BuiltinRegistry());
  EXPECT_EQ(checked_in, generated)
      << "docs/ops.md is stale; regenerate it with: cp " PD2ONNX_BINARY_DIR "/ops.md docs/ops.md";
}

TEST(OpDocs, ListsEveryRegisteredOp) {
  const std::string table = mappers::OpTableMarkdown(mappers::BuiltinRegistry());
  for (const mappers::OpMapper* mapper : mappers::BuiltinRegistry().All()) {
    EXPECT_NE(table.find("| " + mapper->type + " |"), std::string::npos) << mapper->type;
  }
}

}  // namespace
}  // namespace pd2onnx::testing

// The elementwise math kernel table: sorted, unique, and every entry is
// what FindKernel returns for its op type.
#include <gtest/gtest.h>

#include <string_view>

#include "interpreter/kernel_registry.h"

namespace pd2onnx::interp {
namespace {

TEST(ElementwiseMathTableTest, SortedUniqueAndFound) {
  const std::span<const KernelEntry> table = ElementwiseMathKernels();
  ASSERT_FALSE(table.empty());
  for (size_t i = 1; i < table.size(); ++i) {
    EXPECT_LT(table[i - 1].op_type, table[i].op_type) << "at " << table[i].op_type;
  }
  for (const KernelEntry& entry : table) {
    EXPECT_EQ(FindKernel(entry.op_type), entry.fn) << entry.op_type;
  }
}

}  // namespace
}  // namespace pd2onnx::interp

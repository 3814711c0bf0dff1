// Every mapper in the registry has a sweep (like
// Registry.EveryMapperHasAnInterpreterKernel): kNotYetSwept lists the ops
// still waiting for one, and may only shrink.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "mappers/registry.h"
#include "sweep.h"

namespace pd2onnx::testing::sweep {
namespace {

// Ops without a sweep yet (tests/sweeps/README.md says how to add one).
const std::set<std::string> kNotYetSwept = {};

TEST(SweepCoverage, EveryMapperHasASweep) {
  const std::vector<std::string> swept = SweptOps();
  for (const mappers::OpMapper* mapper : mappers::BuiltinRegistry().All()) {
    const bool has_sweep = std::binary_search(swept.begin(), swept.end(), mapper->type);
    if (kNotYetSwept.count(mapper->type) != 0) {
      EXPECT_FALSE(has_sweep) << mapper->type << " has a sweep now: remove it from kNotYetSwept";
    } else {
      EXPECT_TRUE(has_sweep) << mapper->type
                             << " has no sweep: add one under tests/sweeps/ (see its README.md)";
    }
  }
}

TEST(SweepCoverage, EverySweepNamesARegisteredMapper) {
  for (const std::string& op : SweptOps()) {
    EXPECT_NE(mappers::BuiltinRegistry().Find(op), nullptr) << op;
  }
  for (const std::string& op : kNotYetSwept) {
    EXPECT_NE(mappers::BuiltinRegistry().Find(op), nullptr) << op << " in kNotYetSwept";
  }
}

}  // namespace
}  // namespace pd2onnx::testing::sweep

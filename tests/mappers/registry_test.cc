// Invariants of the op table.
#include <gtest/gtest.h>

#include "interpreter/interpreter.h"
#include "mappers/registry.h"
#include "onnx/model.h"

namespace pd2onnx::testing {
namespace {

TEST(Registry, VariantsAscendWithinTheSupportedOpsets) {
  const auto all = mappers::BuiltinRegistry().All();
  ASSERT_FALSE(all.empty());
  for (const mappers::OpMapper* mapper : all) {
    SCOPED_TRACE(mapper->type);
    ASSERT_FALSE(mapper->variants.empty());
    EXPECT_GE(mapper->variants.front().first, emit::kMinOpset);
    EXPECT_LE(mapper->variants.back().first, emit::kMaxOpset);
    for (size_t i = 1; i < mapper->variants.size(); ++i) {
      EXPECT_LT(mapper->variants[i - 1].first, mapper->variants[i].first);
    }
    EXPECT_EQ(mapper->ForOpset(emit::kMinOpset - 1), nullptr);
    EXPECT_NE(mapper->ForOpset(emit::kMaxOpset), nullptr);
  }
}

TEST(Registry, ResolvesTheHighestVariantNotAboveTheTarget) {
  mappers::Registry registry;
  auto emit7 = [](mappers::MapContext&, const graph::Op&) {};
  auto emit13 = [](mappers::MapContext&, const graph::Op&) {};
  registry.Add("probe", mappers::AnyOpset, {{7, emit7}, {13, emit13}});
  const mappers::OpMapper* probe = registry.Find("probe");
  ASSERT_NE(probe, nullptr);
  EXPECT_EQ(probe->ForOpset(12), static_cast<mappers::EmitFn>(emit7));
  EXPECT_EQ(probe->ForOpset(13), static_cast<mappers::EmitFn>(emit13));
  EXPECT_EQ(probe->ForOpset(21), static_cast<mappers::EmitFn>(emit13));
}

// The reference interpreter is the oracle of every mapper test.
TEST(Registry, EveryMapperHasAnInterpreterKernel) {
  for (const mappers::OpMapper* mapper : mappers::BuiltinRegistry().All()) {
    EXPECT_TRUE(interp::HasKernel(mapper->type)) << mapper->type;
  }
}

}  // namespace
}  // namespace pd2onnx::testing

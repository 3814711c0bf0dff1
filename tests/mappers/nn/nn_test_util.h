// Small helpers shared by the nn mapper tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing::nn_test {

// Names a TEST_P instance after its case's `name` field.
struct CaseName {
  template <typename Case>
  std::string operator()(const ::testing::TestParamInfo<Case>& info) const {
    return info.param.name;
  }
};

// The shape fed at run time: `declared` with every -1 replaced by `fill`.
inline std::vector<int64_t> Concrete(std::vector<int64_t> declared,
                                     const std::vector<int64_t>& actual) {
  for (size_t i = 0; i < declared.size(); ++i) {
    if (declared[i] < 0) declared[i] = actual[i];
  }
  return declared;
}

// `dims` with the entries at `unknown` replaced by -1 (declared shapes).
inline std::vector<int64_t> WithUnknown(std::vector<int64_t> dims,
                                        const std::vector<size_t>& unknown) {
  for (size_t i : unknown) dims[i] = -1;
  return dims;
}

inline std::vector<int> Ints(const std::vector<int64_t>& values) {
  return std::vector<int>(values.begin(), values.end());
}

}  // namespace pd2onnx::testing::nn_test

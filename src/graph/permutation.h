// Checking a permutation of a tensor's dims (transpose's `axis`, ONNX
// Transpose's `perm`), shared by the mappers, the reference interpreter and
// the ONNX evaluator.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace pd2onnx::graph {

// Returns `perm` with negative entries counted from the end, after checking
// that it names each of the `rank` dims once. Errors (kInvalidInput) start
// with `what`, e.g. "axis has 2 entries for an input of rank 3".
std::vector<int64_t> NormalizedPermutation(std::vector<int64_t> perm, int64_t rank,
                                           std::string_view what);

}  // namespace pd2onnx::graph

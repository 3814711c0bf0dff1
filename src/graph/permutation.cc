#include "graph/permutation.h"

#include "support/error.h"

namespace pd2onnx::graph {

std::vector<int64_t> NormalizedPermutation(std::vector<int64_t> perm, int64_t rank,
                                           std::string_view what) {
  PD2ONNX_CHECK(static_cast<int64_t>(perm.size()) == rank, ErrorKind::kInvalidInput,
                "{} has {} entries for an input of rank {}", what, perm.size(), rank);
  std::vector<bool> seen(perm.size(), false);
  for (int64_t& axis : perm) {
    const int64_t given = axis;
    if (axis < 0) axis += rank;
    PD2ONNX_CHECK(axis >= 0 && axis < rank, ErrorKind::kInvalidInput,
                  "{} entry {} is out of range for rank {}", what, given, rank);
    PD2ONNX_CHECK(!seen[axis], ErrorKind::kInvalidInput, "{} repeats dim {}", what, axis);
    seen[axis] = true;
  }
  return perm;
}

}  // namespace pd2onnx::graph

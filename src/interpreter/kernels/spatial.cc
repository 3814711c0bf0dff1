#include "interpreter/kernels/spatial.h"

#include <algorithm>

namespace pd2onnx::interp::kernels {

Pads2d ResolvePadding(const std::vector<int64_t>& paddings, const std::string& algorithm,
                      const std::array<int64_t, 2>& in, const std::array<int64_t, 2>& kernel,
                      const std::array<int64_t, 2>& strides) {
  Pads2d pads;
  if (algorithm == "VALID") return pads;
  if (algorithm == "SAME") {
    for (int i = 0; i < 2; ++i) {
      const int64_t out = (in[i] + strides[i] - 1) / strides[i];
      const int64_t total = std::max<int64_t>((out - 1) * strides[i] + kernel[i] - in[i], 0);
      pads.begin[i] = total / 2;
      pads.end[i] = total - total / 2;
    }
    return pads;
  }
  if (paddings.size() == 2) {
    pads.begin = pads.end = {paddings[0], paddings[1]};
  } else if (paddings.size() == 4) {
    pads.begin = {paddings[0], paddings[2]};
    pads.end = {paddings[1], paddings[3]};
  } else if (!paddings.empty()) {
    Fail(ErrorKind::kInvalidInput, "paddings must have 2 or 4 values, not {}", paddings.size());
  }
  return pads;
}

std::array<int64_t, 2> PairAttr(const std::vector<int64_t>& values, const char* name) {
  PD2ONNX_CHECK(values.size() == 2, ErrorKind::kInvalidInput,
                "attribute '{}' must have 2 values (H, W), not {}", name, values.size());
  PD2ONNX_CHECK(values[0] > 0 && values[1] > 0, ErrorKind::kInvalidInput,
                "attribute '{}' must be positive, got [{}, {}]", name, values[0], values[1]);
  return {values[0], values[1]};
}

}  // namespace pd2onnx::interp::kernels

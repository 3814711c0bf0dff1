// Detection programs shared by several zoo tests.
#pragma once

#include <cstdint>
#include <vector>

#include "program_builder.h"

namespace pd2onnx::testing {

// matrix_nms with ppyolo_dcn_matrixnms_fluid's attributes (linear decay,
// normalized=false, score and post thresholds 0.01, nms_top_k -1,
// keep_top_k 100, background_label -1) on the inputs "boxes" [N, M, 4] and
// "scores" [N, C, M]; outputs "out" [K, 6] and "index" [K, 1].
ProgramBuilder PpyoloMatrixNmsProgram(const std::vector<int64_t>& box_dims,
                                      const std::vector<int64_t>& score_dims);

}  // namespace pd2onnx::testing

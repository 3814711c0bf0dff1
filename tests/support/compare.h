// Numeric comparison of tensors for tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "graph/host_tensor.h"
#include "interpreter/interpreter.h"

namespace pd2onnx::testing {

// Passes when dtypes and dims are equal and max|got - want| <= tol *
// max(1, max|want|) (integers and bools: exact). NaNs must match NaNs.
::testing::AssertionResult AllClose(const graph::HostTensor& got, const graph::HostTensor& want,
                                    double tol = 1e-5);

// Compares every tensor of `want` with the same name in `got`.
::testing::AssertionResult AllClose(const interp::TensorMap& got, const interp::TensorMap& want,
                                    double tol = 1e-5);

// NMS rows [K, 6] ([label, score, x1, y1, x2, y2]) of a whole detection
// model whose scores are fp32 near-ties (random weights): backbone noise may
// reorder rows or pick another box of the same score at a top-k cut. Passes
// when the row counts are equal, the sorted labels are equal, and the sorted
// scores differ by at most score_tol.
::testing::AssertionResult SameDetectionsUpToTies(const graph::HostTensor& got,
                                                  const graph::HostTensor& want, double score_tol);

}  // namespace pd2onnx::testing

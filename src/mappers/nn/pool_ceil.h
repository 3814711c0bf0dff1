// ceil_mode pooling (pool2d, pool3d). Paddle's output extent is
// ceil((in + pad_begin + pad_end - k) / s) + 1 (phi PoolOutputSize), so its
// last window can start at or past the end of the input (o·s - pad_begin >=
// in). Paddle still computes that window: it holds no element, so max
// pooling yields -FLT_MAX and average pooling 0 / divisor (NaN where the
// divisor is 0). ONNX pooling (MaxPool/AveragePool-10 ceil_mode, auto_pad
// SAME_UPPER) drops exactly that window; the mapper appends it back. ONNX
// shape inference does not drop it, though (ONNX Runtime then rejects an
// elementwise op with a constant of the true shape), so where a window is
// dropped the pool is emitted without ceil_mode, its end padding extended
// to hold the last kept window.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/program.h"

namespace pd2onnx::mappers {
class MapContext;
}

namespace pd2onnx::mappers::nn {

// One spatial axis of a windowed pool, with its resolved paddings.
struct PoolAxis {
  int64_t in = 0;
  int64_t k = 1;
  int64_t s = 1;
  int64_t pad_begin = 0;
  int64_t pad_end = 0;
};

// Paddle's output extent along the axis.
int64_t PaddlePoolExtent(const PoolAxis& a, bool ceil_mode);

// The windows ONNX computes: Paddle's without a last window starting past
// the input.
int64_t OnnxPoolExtent(const PoolAxis& a, bool ceil_mode);

// Paddle's divisor of a non-exclusive average for window o:
// min(start + k, in + pad_begin) - start, start = o·s - pad_begin (zero or
// negative for some windows past the input).
int64_t PaddleAverageDivisor(const PoolAxis& a, int64_t o);

// Paddle's divisor of an exclusive average for window o: the window clipped
// to the input, in - start (<= 0) for a window past the input.
int64_t PaddleExclusiveCount(const PoolAxis& a, int64_t o);

// Whether ONNX drops a window along some axis (ceil_mode).
bool DropsWindow(const std::vector<PoolAxis>& axes);

// Per axis, the end padding with which floor mode gives ONNX's ceil_mode
// windows (at least pad_end, and below k).
std::vector<int64_t> FloorModePadEnds(const std::vector<PoolAxis>& axes);

// Whether some input extent makes a ceil_mode window start past the input
// (for inputs whose extent is unknown at conversion time). `auto_same`:
// SAME padding computed at run time.
bool MayStartPastInput(int64_t k, int64_t s, int64_t pad_end, bool auto_same);

enum class PoolKind { kMax, kExclusiveAverage, kAverage };

// `y` (N, C, ONNX extents...) with the windows ONNX dropped appended at the
// end of each spatial axis, holding Paddle's values for them. `y` is
// returned unchanged when no window was dropped.
std::string AppendWindowsPastInput(MapContext& cx, const std::string& y,
                                   const std::vector<PoolAxis>& axes, PoolKind kind,
                                   graph::DataType dtype);

}  // namespace pd2onnx::mappers::nn

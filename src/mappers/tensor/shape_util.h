// Helpers shared by the tensor, math and activation mappers: axis
// normalisation, integer lists that Paddle takes either as attributes or as
// (possibly run-time) tensor inputs, and matching the rank Paddle declared
// for results that ONNX makes 0-D.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/program.h"

namespace pd2onnx::mappers {

class MapContext;

// `axis` + `rank` when negative; fails (kInvalidInput, naming `what`) when
// the result is outside [0, rank).
int64_t NormalizeAxis(int64_t axis, int64_t rank, std::string_view what);

// Rank of a declared variable (number of listed dims).
inline int64_t RankOf(const graph::Var& var) { return static_cast<int64_t>(var.shape.size()); }

// True when every dim of the declared shape is known (>= 0).
bool IsFullyKnown(const std::vector<int64_t>& shape);

// An integer list known now, or a run-time 1-D int64 ONNX tensor.
struct IntList {
  std::optional<std::vector<int64_t>> values;
  std::string tensor;

  bool known() const { return values.has_value(); }
  // The list as a 1-D int64 ONNX tensor (an initializer when known).
  std::string AsTensor(MapContext& cx) const;
};

// The integer list held by the single 1-D tensor in `slot` (int32 or int64),
// or nullopt when the slot is absent.
std::optional<IntList> IntListFromTensor(MapContext& cx, const graph::Op& op,
                                         std::string_view slot);
// The integer list formed by the 1-element tensors of a duplicable `slot`
// (one per entry), or nullopt when the slot is absent.
std::optional<IntList> IntListFromTensorList(MapContext& cx, const graph::Op& op,
                                             std::string_view slot);

// Casts `tensor` from `from` to `to` unless they are equal.
std::string CastIfNeeded(MapContext& cx, const std::string& tensor, graph::DataType from,
                         graph::DataType to);

// Where an ONNX Runtime kernel lacks `dtype`: the type that holds every
// value of it exactly, float32 for floating point (float16, bfloat16),
// int64 for integers and bool.
graph::DataType ExactWideningOf(graph::DataType dtype);

// Paddle < 2.5 declared [1] (or [1, 1, ...]) where ONNX and Paddle >= 2.5
// give a 0-D result, and arg_max with flatten and keepdims declares
// [1, ..., 1]. When `tensor` (of rank `rank`) has a single element, this
// reshapes it to the declared shape of `out` if that is all 1s of another
// rank; otherwise it returns `tensor`.
std::string MatchDeclaredRank(MapContext& cx, const std::string& tensor, int64_t rank,
                              const graph::Var& out);

}  // namespace pd2onnx::mappers

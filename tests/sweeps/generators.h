// Shared case generators for ops of the same shape (unary, binary
// elementwise, compare, logical, reduce, ...): a new op's sweep is one
// PD2ONNX_SWEEP line naming a generator. See tests/sweeps/README.md.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "op_harness.h"
#include "sweep.h"

namespace pd2onnx::testing::sweep {

// Adds random attributes to an op and describes them ("alpha=0.3").
using AttrPicker = std::function<std::string(OpBuilder&, Rng&)>;

inline std::string ShapeText(DataType dtype, const std::vector<int64_t>& dims) {
  return fmt::format("{}{}", graph::DataTypeName(dtype), graph::ShapeToString(dims));
}

// A float attribute drawn from [lo, hi].
inline AttrPicker FloatAttr(std::string name, double lo, double hi) {
  return [name, lo, hi](OpBuilder& op, Rng& rng) {
    const auto value = static_cast<float>(rng.Real(lo, hi));
    op.Attr(name, value);
    return fmt::format("{}={}", name, value);
  };
}

// Several pickers applied in turn.
inline AttrPicker Attrs(std::vector<AttrPicker> pickers) {
  return [pickers](OpBuilder& op, Rng& rng) {
    std::string text;
    for (const AttrPicker& pick : pickers) text += (text.empty() ? "" : " ") + pick(op, rng);
    return text;
  };
}

// out = op(x) with the same shape and dtype; x uniform in [lo, hi).
struct UnaryOptions {
  double lo = -1;
  double hi = 1;
  std::vector<DataType> dtypes = {DataType::kFloat32};
  AttrPicker attrs = nullptr;
  std::string in_slot = "X";
  std::string out_slot = "Out";
  int max_rank = 4;
  double tol = 1e-5;
  DataType out_dtype = DataType::kUndefined;  // kUndefined: x's dtype
};

inline Generator Unary(std::string op, UnaryOptions o = {}) {
  return [op, o](Rng& rng) {
    const DataType dtype = rng.Pick(o.dtypes);
    const std::vector<int64_t> dims = rng.Shape(0, o.max_rank);
    Case c;
    const DataType out_dtype = o.out_dtype == DataType::kUndefined ? dtype : o.out_dtype;
    c.program.Input("x", dtype, dims).Var("out", out_dtype, dims);
    OpBuilder b = c.program.Op(op).In(o.in_slot, {"x"}).Out(o.out_slot, {"out"});
    const std::string attrs = o.attrs ? o.attrs(b, rng) : "";
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), o.lo, o.hi);
    c.description = fmt::format("x {} {}", ShapeText(dtype, dims), attrs);
    c.tol = o.tol;
    return c;
  };
}

// Y's shape for a binary op on x: the same shape, a numpy-broadcast shape
// (trailing dims, some set to 1), or Paddle's legacy `axis` form (a
// contiguous run of x's dims starting at axis). Sets `axis` (or -1).
inline std::vector<int64_t> BroadcastOperand(Rng& rng, const std::vector<int64_t>& x, int& axis) {
  axis = -1;
  const auto rank = static_cast<int64_t>(x.size());
  switch (rank == 0 ? 0 : rng.Int(0, 2)) {
    case 0:
      return x;
    case 1: {
      const int64_t keep = rng.Int(0, rank);
      std::vector<int64_t> y(x.end() - keep, x.end());
      for (int64_t& d : y) d = rng.Bool() ? d : 1;
      return y;
    }
    default: {
      const int64_t start = rng.Int(0, rank - 1);
      const int64_t length = rng.Int(1, rank - start);
      axis = static_cast<int>(start);
      return {x.begin() + start, x.begin() + start + length};
    }
  }
}

// out = op(x, y) with Paddle's broadcasting; out has x's shape.
struct BinaryOptions {
  double x_lo = -3, x_hi = 3;
  double y_lo = -3, y_hi = 3;
  std::vector<DataType> dtypes = {DataType::kFloat32};
  bool bool_output = false;  // compare ops
  bool with_axis = true;     // the op has Paddle's legacy `axis`
  double tol = 1e-5;
  int integer_min_opset = 0;  // Case::min_opset for integer dtypes
};

inline Generator Binary(std::string op, BinaryOptions o = {}) {
  return [op, o](Rng& rng) {
    const DataType dtype = rng.Pick(o.dtypes);
    const std::vector<int64_t> x = rng.Shape(0, 4);
    int axis = -1;
    std::vector<int64_t> y = BroadcastOperand(rng, x, axis);
    if (!o.with_axis && axis != -1) {
      y = x;  // no legacy form: same shape
      axis = -1;
    }
    const bool swap = !x.empty() && axis == -1 && rng.Int(0, 3) == 0;  // broadcast x instead
    Case c;
    const std::vector<int64_t>& x_dims = swap ? y : x;
    const std::vector<int64_t>& y_dims = swap ? x : y;
    c.program.Input("x", dtype, x_dims).Input("y", dtype, y_dims);
    c.program.Var("out", o.bool_output ? DataType::kBool : dtype, x);
    OpBuilder b = c.program.Op(op).In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
    if (o.with_axis) b.Attr("axis", axis);
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(dtype, x_dims, rng.TensorSeed(), o.x_lo, o.x_hi);
    c.feeds["y"] = RandomTensor(dtype, y_dims, rng.TensorSeed(), o.y_lo, o.y_hi);
    c.description =
        fmt::format("x {} y {} axis={}", ShapeText(dtype, x_dims), ShapeText(dtype, y_dims), axis);
    c.tol = o.tol;
    if (graph::IsInteger(dtype)) c.min_opset = o.integer_min_opset;
    return c;
  };
}

// Comparisons: small integers make ties likely, so equality paths are hit.
inline Generator Compare(std::string op) {
  return Binary(std::move(op), {.x_lo = -3,
                                .x_hi = 3,
                                .y_lo = -3,
                                .y_hi = 3,
                                .dtypes = {DataType::kInt32, DataType::kInt64, DataType::kFloat32},
                                .bool_output = true});
}

// logical_and/or/xor on bool tensors.
inline Generator Logical(std::string op) {
  return Binary(std::move(op), {.dtypes = {DataType::kBool}, .with_axis = false});
}

// Paddle's reduce_* ops: dim (a random subset, possibly negative),
// keep_dim and reduce_all.
struct ReduceOptions {
  double lo = -2, hi = 2;
  std::vector<DataType> dtypes = {DataType::kFloat32};
  double tol = 1e-5;
};

inline Generator Reduce(std::string op, ReduceOptions o = {}) {
  return [op, o](Rng& rng) {
    const DataType dtype = rng.Pick(o.dtypes);
    const std::vector<int64_t> dims = rng.Shape(1, 4);
    const auto rank = static_cast<int>(dims.size());
    std::vector<int> dim;
    for (int d = 0; d < rank; ++d) {
      if (rng.Int(0, 2) == 0) dim.push_back(rng.Bool() ? d : d - rank);
    }
    if (dim.empty()) dim.push_back(static_cast<int>(rng.Int(0, rank - 1)));
    const bool keep_dim = rng.Bool();
    const bool reduce_all = rng.Int(0, 4) == 0;
    std::vector<int64_t> out;
    for (int d = 0; d < rank; ++d) {
      const bool reduced = reduce_all || std::any_of(dim.begin(), dim.end(), [&](int a) {
                             return a == d || a + rank == d;
                           });
      if (!reduced) {
        out.push_back(dims[d]);
      } else if (keep_dim) {
        out.push_back(1);
      }
    }
    Case c;
    c.program.Input("x", dtype, dims).Var("out", dtype, out);
    c.program.Op(op)
        .In("X", {"x"})
        .Out("Out", {"out"})
        .Attr("dim", dim)
        .Attr("keep_dim", keep_dim)
        .Attr("reduce_all", reduce_all);
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), o.lo, o.hi);
    c.description = fmt::format("x {} dim={} keep_dim={} reduce_all={}", ShapeText(dtype, dims),
                                dim, keep_dim, reduce_all);
    c.tol = o.tol;
    return c;
  };
}

// A random axis in [-rank, rank), drawn either way round.
inline int RandomAxis(Rng& rng, size_t rank) {
  const auto r = static_cast<int64_t>(rank);
  return static_cast<int>(rng.Int(-r, r - 1));
}

inline int PositiveAxis(int axis, size_t rank) {
  return axis < 0 ? axis + static_cast<int>(rank) : axis;
}

}  // namespace pd2onnx::testing::sweep

// Sweeps of the binary elementwise, comparison, logical, bitwise and reduce
// ops, and of the small math ops (scale, clip, pow, cast).
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const std::vector<DataType> kFloatInt = {DataType::kFloat32, DataType::kInt32, DataType::kInt64};

PD2ONNX_SWEEP(elementwise_add, Binary("elementwise_add", {.dtypes = kFloatInt}))
PD2ONNX_SWEEP(elementwise_sub, Binary("elementwise_sub", {.dtypes = kFloatInt}))
PD2ONNX_SWEEP(elementwise_mul, Binary("elementwise_mul", {.dtypes = kFloatInt}))
PD2ONNX_SWEEP(elementwise_div, Binary("elementwise_div", {.y_lo = 0.5, .y_hi = 3}))
PD2ONNX_SWEEP(elementwise_max, Binary("elementwise_max", {.dtypes = kFloatInt}))
PD2ONNX_SWEEP(elementwise_min, Binary("elementwise_min", {.dtypes = kFloatInt}))
PD2ONNX_SWEEP(elementwise_pow,
              Binary("elementwise_pow", {.x_lo = 0.5, .x_hi = 3, .y_lo = -2, .y_hi = 2}))
PD2ONNX_SWEEP(elementwise_fmax, Binary("elementwise_fmax"))
PD2ONNX_SWEEP(elementwise_fmin, Binary("elementwise_fmin"))
PD2ONNX_SWEEP(elementwise_mod,
              Binary("elementwise_mod", {.x_lo = -20,
                                         .x_hi = 20,
                                         .y_lo = 1,
                                         .y_hi = 7,
                                         .dtypes = {DataType::kInt32, DataType::kInt64}}))
PD2ONNX_SWEEP(elementwise_floordiv,
              Binary("elementwise_floordiv", {.x_lo = -20,
                                              .x_hi = 20,
                                              .y_lo = 1,
                                              .y_hi = 7,
                                              .dtypes = {DataType::kInt32, DataType::kInt64}}))
PD2ONNX_SWEEP(elementwise_heaviside, Binary("elementwise_heaviside", {.x_lo = -2, .x_hi = 2}))

PD2ONNX_SWEEP(equal, Compare("equal"))
PD2ONNX_SWEEP(not_equal, Compare("not_equal"))
PD2ONNX_SWEEP(less_than, Compare("less_than"))
PD2ONNX_SWEEP(less_equal, Compare("less_equal"))
PD2ONNX_SWEEP(greater_than, Compare("greater_than"))
PD2ONNX_SWEEP(greater_equal, Compare("greater_equal"))

PD2ONNX_SWEEP(logical_and, Logical("logical_and"))
PD2ONNX_SWEEP(logical_or, Logical("logical_or"))
PD2ONNX_SWEEP(logical_xor, Logical("logical_xor"))
PD2ONNX_SWEEP(logical_not, Unary("logical_not", {.dtypes = {DataType::kBool}}))

const std::vector<DataType> kBitwise = {DataType::kBool, DataType::kInt32, DataType::kInt64};
// Integer BitwiseAnd/Or/Xor/Not arrived in opset 18; bool maps to the
// logical ops at every opset.
constexpr int kBitwiseIntegerOpset = 18;
PD2ONNX_SWEEP(bitwise_and, Binary("bitwise_and", {.x_lo = -50,
                                                  .x_hi = 50,
                                                  .y_lo = -50,
                                                  .y_hi = 50,
                                                  .dtypes = kBitwise,
                                                  .with_axis = false,
                                                  .integer_min_opset = kBitwiseIntegerOpset}))
PD2ONNX_SWEEP(bitwise_or, Binary("bitwise_or", {.x_lo = -50,
                                                .x_hi = 50,
                                                .y_lo = -50,
                                                .y_hi = 50,
                                                .dtypes = kBitwise,
                                                .with_axis = false,
                                                .integer_min_opset = kBitwiseIntegerOpset}))
PD2ONNX_SWEEP(bitwise_xor, Binary("bitwise_xor", {.x_lo = -50,
                                                  .x_hi = 50,
                                                  .y_lo = -50,
                                                  .y_hi = 50,
                                                  .dtypes = kBitwise,
                                                  .with_axis = false,
                                                  .integer_min_opset = kBitwiseIntegerOpset}))
PD2ONNX_SWEEP(bitwise_not, Unary("bitwise_not", {.lo = -50, .hi = 50, .dtypes = kBitwise}))

PD2ONNX_SWEEP(isnan_v2, Unary("isnan_v2", {.out_dtype = DataType::kBool}))
PD2ONNX_SWEEP(isinf_v2, Unary("isinf_v2", {.out_dtype = DataType::kBool}))
PD2ONNX_SWEEP(isfinite_v2, Unary("isfinite_v2", {.out_dtype = DataType::kBool}))

PD2ONNX_SWEEP(reduce_sum, Reduce("reduce_sum", {.dtypes = kFloatInt}))
PD2ONNX_SWEEP(reduce_mean, Reduce("reduce_mean"))
PD2ONNX_SWEEP(reduce_max, Reduce("reduce_max", {.dtypes = kFloatInt}))
PD2ONNX_SWEEP(reduce_min, Reduce("reduce_min", {.dtypes = kFloatInt}))
PD2ONNX_SWEEP(reduce_prod, Reduce("reduce_prod", {.lo = 0.5, .hi = 1.5}))
PD2ONNX_SWEEP(reduce_all, Reduce("reduce_all", {.dtypes = {DataType::kBool}}))
PD2ONNX_SWEEP(reduce_amax, Reduce("reduce_amax"))
PD2ONNX_SWEEP(reduce_amin, Reduce("reduce_amin"))
PD2ONNX_SWEEP(reduce_any, Reduce("reduce_any", {.dtypes = {DataType::kBool}}))

PD2ONNX_SWEEP(scale,
              Unary("scale",
                    {.lo = -3, .hi = 3, .attrs = [](OpBuilder& op, Rng& rng) {
                       const auto scale = static_cast<float>(rng.Real(-2, 2));
                       const auto bias = static_cast<float>(rng.Real(-2, 2));
                       const bool after = rng.Bool();
                       op.Attr("scale", scale).Attr("bias", bias).Attr("bias_after_scale", after);
                       return fmt::format("scale={} bias={} bias_after_scale={}", scale, bias,
                                          after);
                     }}))
PD2ONNX_SWEEP(clip, Unary("clip", {.lo = -3, .hi = 3, .attrs = [](OpBuilder& op, Rng& rng) {
                                     const auto lo = static_cast<float>(rng.Real(-2, 0));
                                     const auto hi = static_cast<float>(rng.Real(0, 2));
                                     op.Attr("min", lo).Attr("max", hi);
                                     return fmt::format("min={} max={}", lo, hi);
                                   }}))
PD2ONNX_SWEEP(pow, Unary("pow", {.lo = 0.2, .hi = 3, .attrs = FloatAttr("factor", -2, 3)}))

// cast between the dtypes Paddle's cast kernel takes.
Case CastCase(Rng& rng) {
  const std::vector<DataType> dtypes = {DataType::kFloat32, DataType::kFloat64, DataType::kInt32,
                                        DataType::kInt64, DataType::kBool};
  const DataType from = rng.Pick(dtypes);
  const DataType to = rng.Pick(dtypes);
  const std::vector<int64_t> dims = rng.Shape(0, 4);
  Case c;
  c.program.Input("x", from, dims).Var("out", to, dims);
  c.program.Op("cast")
      .In("X", {"x"})
      .Out("Out", {"out"})
      .Attr("in_dtype", static_cast<int>(from))
      .Attr("out_dtype", static_cast<int>(to));
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(from, dims, rng.TensorSeed(), -5, 5);
  c.description = fmt::format("x {} -> {}", ShapeText(from, dims), graph::DataTypeName(to));
  return c;
}
PD2ONNX_SWEEP(cast, CastCase)

// where(Condition, X, Y), all the same shape.
Case WhereCase(Rng& rng) {
  const DataType dtype = rng.Pick(kFloatInt);
  const std::vector<int64_t> dims = rng.Shape(0, 4);
  Case c;
  c.program.Input("c", DataType::kBool, dims).Input("x", dtype, dims).Input("y", dtype, dims);
  c.program.Var("out", dtype, dims);
  c.program.Op("where").In("Condition", {"c"}).In("X", {"x"}).In("Y", {"y"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["c"] = RandomTensor(DataType::kBool, dims, rng.TensorSeed());
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -5, 5);
  c.feeds["y"] = RandomTensor(dtype, dims, rng.TensorSeed(), -5, 5);
  c.description = fmt::format("x {}", ShapeText(dtype, dims));
  return c;
}
PD2ONNX_SWEEP(where, WhereCase)

// atan2(X1, X2) of the same shape. float32 only: ONNX Runtime has no
// float64 Atan kernel.
Case Atan2Case(Rng& rng) {
  const DataType dtype = DataType::kFloat32;
  const std::vector<int64_t> dims = rng.Shape(0, 4);
  Case c;
  c.program.Input("a", dtype, dims).Input("b", dtype, dims).Var("out", dtype, dims);
  c.program.Op("atan2").In("X1", {"a"}).In("X2", {"b"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["a"] = RandomTensor(dtype, dims, rng.TensorSeed(), -3, 3);
  c.feeds["b"] = RandomTensor(dtype, dims, rng.TensorSeed(), -3, 3);
  c.description = fmt::format("x {}", ShapeText(dtype, dims));
  return c;
}
PD2ONNX_SWEEP(atan2, Atan2Case)

// sum of 1-4 same-shaped tensors.
Case SumCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(0, 4);
  const int64_t n = rng.Int(1, 4);
  Case c;
  std::vector<std::string> names;
  for (int64_t i = 0; i < n; ++i) {
    names.push_back(fmt::format("x{}", i));
    c.program.Input(names.back(), DataType::kFloat32, dims);
    c.feeds[names.back()] = RandomTensor(DataType::kFloat32, dims, rng.TensorSeed(), -3, 3);
  }
  c.program.Var("out", DataType::kFloat32, dims);
  c.program.Op("sum").In("X", names).Out("Out", {"out"});
  c.program.Output("out");
  c.description = fmt::format("{} inputs {}", n, ShapeText(DataType::kFloat32, dims));
  return c;
}
PD2ONNX_SWEEP(sum, SumCase)

}  // namespace
}  // namespace pd2onnx::testing::sweep

// Sweeps of the activation family and the one-input math ops.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const std::vector<DataType> kFloats = {DataType::kFloat32, DataType::kFloat64};

UnaryOptions Range(double lo, double hi) { return {.lo = lo, .hi = hi}; }

// One node each, no attributes.
PD2ONNX_SWEEP(relu, Unary("relu", Range(-2, 2)))
PD2ONNX_SWEEP(sigmoid, Unary("sigmoid", Range(-6, 6)))
PD2ONNX_SWEEP(tanh, Unary("tanh", Range(-3, 3)))
PD2ONNX_SWEEP(sqrt, Unary("sqrt", Range(0.01, 9)))
PD2ONNX_SWEEP(exp, Unary("exp", {.lo = -4, .hi = 4, .dtypes = kFloats}))
PD2ONNX_SWEEP(log, Unary("log", Range(0.01, 9)))
PD2ONNX_SWEEP(abs,
              Unary("abs", {.lo = -50,
                            .hi = 50,
                            .dtypes = {DataType::kFloat32, DataType::kInt32, DataType::kInt64}}))
PD2ONNX_SWEEP(acos, Unary("acos", Range(-0.95, 0.95)))
PD2ONNX_SWEEP(acosh, Unary("acosh", Range(1.05, 5)))
PD2ONNX_SWEEP(asin, Unary("asin", Range(-0.95, 0.95)))
PD2ONNX_SWEEP(asinh, Unary("asinh", Range(-4, 4)))
PD2ONNX_SWEEP(atan, Unary("atan", Range(-4, 4)))
PD2ONNX_SWEEP(atanh, Unary("atanh", Range(-0.9, 0.9)))
PD2ONNX_SWEEP(ceil, Unary("ceil", Range(-4, 4)))
PD2ONNX_SWEEP(cos, Unary("cos", Range(-4, 4)))
PD2ONNX_SWEEP(cosh, Unary("cosh", Range(-3, 3)))
PD2ONNX_SWEEP(erf, Unary("erf", Range(-3, 3)))
PD2ONNX_SWEEP(floor, Unary("floor", Range(-4, 4)))
PD2ONNX_SWEEP(reciprocal, Unary("reciprocal", Range(0.5, 4)))
PD2ONNX_SWEEP(sign, Unary("sign", Range(-2, 2)))
PD2ONNX_SWEEP(sin, Unary("sin", Range(-4, 4)))
PD2ONNX_SWEEP(sinh, Unary("sinh", Range(-3, 3)))
PD2ONNX_SWEEP(softsign, Unary("softsign", Range(-4, 4)))
PD2ONNX_SWEEP(tan, Unary("tan", Range(-1.2, 1.2)))
PD2ONNX_SWEEP(expm1, Unary("expm1", Range(-3, 3)))
PD2ONNX_SWEEP(log10, Unary("log10", Range(0.01, 9)))
PD2ONNX_SWEEP(log1p, Unary("log1p", Range(-0.5, 4)))
PD2ONNX_SWEEP(log2, Unary("log2", Range(0.01, 9)))
PD2ONNX_SWEEP(logsigmoid, Unary("logsigmoid", Range(-6, 6)))
PD2ONNX_SWEEP(rsqrt, Unary("rsqrt", Range(0.1, 4)))
PD2ONNX_SWEEP(round, Unary("round", Range(-4, 4)))
PD2ONNX_SWEEP(silu, Unary("silu", Range(-4, 4)))
PD2ONNX_SWEEP(square, Unary("square", Range(-3, 3)))
PD2ONNX_SWEEP(tanh_shrink, Unary("tanh_shrink", Range(-3, 3)))
PD2ONNX_SWEEP(trunc, Unary("trunc", Range(-4, 4)))

// With attributes.
PD2ONNX_SWEEP(mish, Unary("mish", {.lo = -4, .hi = 4, .attrs = FloatAttr("threshold", 10, 30)}))
PD2ONNX_SWEEP(softplus,
              Unary("softplus",
                    {.lo = -4,
                     .hi = 4,
                     .attrs = Attrs({FloatAttr("beta", 0.5, 2), FloatAttr("threshold", 10, 30)})}))
PD2ONNX_SWEEP(softshrink,
              Unary("softshrink", {.lo = -2, .hi = 2, .attrs = FloatAttr("lambda", 0, 1)}))
PD2ONNX_SWEEP(hard_shrink,
              Unary("hard_shrink", {.lo = -2, .hi = 2, .attrs = FloatAttr("threshold", 0, 1)}))
PD2ONNX_SWEEP(thresholded_relu, Unary("thresholded_relu",
                                      {.lo = -2, .hi = 2, .attrs = FloatAttr("threshold", -1, 1)}))
PD2ONNX_SWEEP(selu,
              Unary("selu",
                    {.lo = -3,
                     .hi = 3,
                     .attrs = Attrs({FloatAttr("scale", 0.5, 2), FloatAttr("alpha", 0.5, 2)})}))
PD2ONNX_SWEEP(celu, Unary("celu", {.lo = -3, .hi = 3, .attrs = FloatAttr("alpha", 0.2, 2)}))
PD2ONNX_SWEEP(elu, Unary("elu", {.lo = -3, .hi = 3, .attrs = FloatAttr("alpha", 0.1, 2)}))
PD2ONNX_SWEEP(brelu,
              Unary("brelu",
                    {.lo = -3,
                     .hi = 30,
                     .attrs = Attrs({FloatAttr("t_min", -1, 1), FloatAttr("t_max", 2, 24)})}))
PD2ONNX_SWEEP(relu6, Unary("relu6", {.lo = -3, .hi = 9, .attrs = FloatAttr("threshold", 6, 6)}))
PD2ONNX_SWEEP(leaky_relu,
              Unary("leaky_relu", {.lo = -3, .hi = 3, .attrs = FloatAttr("alpha", 0, 0.5)}))
PD2ONNX_SWEEP(hard_sigmoid,
              Unary("hard_sigmoid", {.lo = -5,
                                     .hi = 5,
                                     .attrs = Attrs({FloatAttr("slope", 0.1, 0.5),
                                                     FloatAttr("offset", 0.2, 0.8)})}))
PD2ONNX_SWEEP(hard_swish, Unary("hard_swish", {.lo = -5, .hi = 5}))
PD2ONNX_SWEEP(swish, Unary("swish", {.lo = -4, .hi = 4, .attrs = FloatAttr("beta", 0.5, 2)}))
PD2ONNX_SWEEP(logit, Unary("logit", {.lo = 0.01, .hi = 0.99, .attrs = FloatAttr("eps", 1e-6, 0.1)}))
PD2ONNX_SWEEP(gelu, Unary("gelu", {.lo = -4, .hi = 4, .attrs = [](OpBuilder& op, Rng& rng) {
                                     const bool approximate = rng.Bool();
                                     op.Attr("approximate", approximate);
                                     return fmt::format("approximate={}", approximate);
                                   }}))

PD2ONNX_SWEEP(hardtanh,
              Unary("hardtanh",
                    {.lo = -5,
                     .hi = 30,
                     .attrs = Attrs({FloatAttr("t_min", -2, 0), FloatAttr("t_max", 1, 24)})}))
PD2ONNX_SWEEP(stanh,
              Unary("stanh",
                    {.lo = -3,
                     .hi = 3,
                     .attrs = Attrs({FloatAttr("scale_a", 0.2, 2), FloatAttr("scale_b", 0.5, 2)})}))

}  // namespace
}  // namespace pd2onnx::testing::sweep

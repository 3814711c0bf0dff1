// Hand-computed expectations for the interpreter's activation, element-wise,
// scale/cast/clip and reduction kernels. Each expected value is derived in
// the comment beside it from Paddle's definition (docs/paddle-formats.md 5).
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "single_op.h"
#include "support/error.h"

namespace pd2onnx::testing {
namespace {

HostTensor Unary(const std::string& type, const HostTensor& x,
                 const std::vector<std::pair<std::string, double>>& float_attrs = {}) {
  SingleOp op(type);
  op.In("X", "x", x).Out("Out", "y");
  for (const auto& [name, value] : float_attrs) op.Float(name, value);
  return op.Run("y");
}

const HostTensor kPoints = F32({7}, {-4, -3, -1, 0, 1, 3, 4});

TEST(InterpActivation, HardSwish) {
  // x · min(max(x + 3, 0), 6) / 6: -4 → 0, -3 → 0, -1 → -2/6, 0 → 0,
  // 1 → 4/6, 3 → 3, 4 → 4·6/6 = 4.
  ExpectTensor(Unary("hard_swish", kPoints), F32({7}, {0, 0, -1.f / 3, 0, 2.f / 3, 3, 4}));
  // threshold 4, scale 4, offset 1: 1 → 1·2/4 = 0.5; 4 → 4·4/4 = 4.
  ExpectTensor(
      Unary("hard_swish", F32({2}, {1, 4}), {{"threshold", 4}, {"scale", 4}, {"offset", 1}}),
      F32({2}, {0.5f, 4}));
}

TEST(InterpActivation, HardSigmoid) {
  // clip(0.2·x + 0.5, 0, 1): -4 → 0, -3 → 0, -1 → 0.3, 0 → 0.5, 1 → 0.7,
  // 3 → 1, 4 → 1.
  ExpectTensor(Unary("hard_sigmoid", kPoints), F32({7}, {0, 0, 0.3f, 0.5f, 0.7f, 1, 1}));
  // paddle.nn.Hardsigmoid's slope 1/6: 1 → 1/6 + 1/2 = 2/3.
  ExpectTensor(Unary("hard_sigmoid", F32({1}, {1}), {{"slope", 1.0 / 6}, {"offset", 0.5}}),
               F32({1}, {2.f / 3}));
}

TEST(InterpActivation, GeluExactAndTanhApproximation) {
  // exact: 0.5·x·(1 + erf(x/√2)), erf(1/√2) = 0.6826895, erf(√2) = 0.9544997
  const HostTensor x = F32({4}, {-1, 0, 1, 2});
  SingleOp exact("gelu");
  exact.In("X", "x", x).Out("Out", "y").Bool("approximate", false);
  ExpectTensor(exact.Run("y"), F32({4}, {-0.1586553f, 0, 0.8413447f, 1.9544997f}), 1e-6);
  // tanh form: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
  SingleOp approx("gelu");
  approx.In("X", "x", x).Out("Out", "y").Bool("approximate", true);
  ExpectTensor(approx.Run("y"), F32({4}, {-0.1588080f, 0, 0.8411920f, 1.9545977f}), 1e-6);
}

TEST(InterpActivation, SimpleFunctions) {
  const HostTensor x = F32({3}, {-2, 0.5f, 4});
  ExpectTensor(Unary("relu", x), F32({3}, {0, 0.5f, 4}));
  ExpectTensor(Unary("relu6", F32({2}, {-1, 7})), F32({2}, {0, 6}));
  ExpectTensor(Unary("leaky_relu", x, {{"alpha", 0.1}}), F32({3}, {-0.2f, 0.5f, 4}));
  ExpectTensor(Unary("abs", x), F32({3}, {2, 0.5f, 4}));
  ExpectTensor(Unary("square", x), F32({3}, {4, 0.25f, 16}));
  ExpectTensor(Unary("sqrt", F32({2}, {4, 0.25f})), F32({2}, {2, 0.5f}));
  ExpectTensor(Unary("rsqrt", F32({2}, {4, 0.25f})), F32({2}, {0.5f, 2}));
  ExpectTensor(Unary("exp", F32({1}, {0})), F32({1}, {1}));
  ExpectTensor(Unary("log", F32({1}, {1})), F32({1}, {0}));
  ExpectTensor(Unary("sigmoid", F32({1}, {0})), F32({1}, {0.5f}));
  ExpectTensor(Unary("tanh", F32({1}, {0})), F32({1}, {0}));
  // swish with β = 2 at x = 0: 0; silu(0) = 0; elu(-∞-ish) → -α
  ExpectTensor(Unary("swish", F32({1}, {0}), {{"beta", 2}}), F32({1}, {0}));
  ExpectTensor(Unary("elu", F32({2}, {-100, 3}), {{"alpha", 0.5}}), F32({2}, {-0.5f, 3}));
  // softplus: above the threshold the identity, else ln(1 + e^(βx))/β; at 0: ln 2
  ExpectTensor(Unary("softplus", F32({2}, {0, 30}), {{"beta", 1}, {"threshold", 20}}),
               F32({2}, {0.6931472f, 30}));
}

// X [2, 3, 2] = 0..11, Y [3] = [100, 200, 300] with axis 1: Y acts as
// [1, 3, 1], so out[i, j, k] = x[i, j, k] + Y[j].
TEST(InterpElementwise, LegacyAxisPlacesYInsideX) {
  SingleOp op("elementwise_add");
  op.In("X", "x", Iota({2, 3, 2}))
      .In("Y", "y", F32({3}, {100, 200, 300}))
      .Out("Out", "z")
      .Int("axis", 1);
  ExpectTensor(op.Run("z"),
               F32({2, 3, 2}, {100, 101, 202, 203, 304, 305, 106, 107, 208, 209, 310, 311}));
}

TEST(InterpElementwise, AxisMinusOneIsNumpyBroadcasting) {
  // X [2, 1] - Y [3]: out[i, j] = x[i] - y[j].
  SingleOp op("elementwise_sub");
  op.In("X", "x", F32({2, 1}, {10, 20}))
      .In("Y", "y", F32({3}, {1, 2, 3}))
      .Out("Out", "z")
      .Int("axis", -1);
  ExpectTensor(op.Run("z"), F32({2, 3}, {9, 8, 7, 19, 18, 17}));
}

TEST(InterpElementwise, LowerRankXIsPlacedInsideY) {
  // X [3] into Y [2, 3, 2] at axis 1: out[i, j, k] = X[j] - Y[i, j, k].
  SingleOp op("elementwise_sub");
  op.In("X", "x", F32({3}, {100, 200, 300}))
      .In("Y", "y", Iota({2, 3, 2}))
      .Out("Out", "z")
      .Int("axis", 1);
  ExpectTensor(op.Run("z"),
               F32({2, 3, 2}, {100, 99, 198, 197, 296, 295, 94, 93, 192, 191, 290, 289}));
}

TEST(InterpElementwise, TrailingOnesOfYAreDropped) {
  // X [1, 2, 2] = [[1, 2], [3, 4]], Y [2, 1] with axis 2: [2, 1] does not
  // fit after axis 2, so the trailing 1 is dropped → Y acts as [1, 1, 2].
  SingleOp op("elementwise_mul");
  op.In("X", "x", Iota({1, 2, 2}, 1))
      .In("Y", "y", F32({2, 1}, {10, 100}))
      .Out("Out", "z")
      .Int("axis", 2);
  ExpectTensor(op.Run("z"), F32({1, 2, 2}, {10, 200, 30, 400}));
}

TEST(InterpElementwise, IntegerDivisionModFloorDiv) {
  const HostTensor x = I64({4}, {-7, 7, -7, 7});
  const HostTensor y = I64({4}, {2, -2, -2, 2});
  auto run = [&](const std::string& type) {
    SingleOp op(type);
    op.In("X", "x", x).In("Y", "y", y).Out("Out", "z");
    return op.Run("z");
  };
  // C-style truncation: -3.5 → -3, -3.5 → -3, 3.5 → 3, 3.5 → 3
  ExpectTensor(run("elementwise_div"), I64({4}, {-3, -3, 3, 3}));
  // floor: -4, -4, 3, 3
  ExpectTensor(run("elementwise_floordiv"), I64({4}, {-4, -4, 3, 3}));
  // Python modulo, sign of the divisor: -7 % 2 = 1, 7 % -2 = -1,
  // -7 % -2 = -1, 7 % 2 = 1
  ExpectTensor(run("elementwise_mod"), I64({4}, {1, -1, -1, 1}));
  // Float modulo follows the same sign rule: -7.5 mod 2 = 0.5.
  SingleOp fmod("elementwise_mod");
  fmod.In("X", "x", F32({2}, {-7.5f, 7.5f})).In("Y", "y", F32({2}, {2, -2})).Out("Out", "z");
  ExpectTensor(fmod.Run("z"), F32({2}, {0.5f, -0.5f}));
}

TEST(InterpElementwise, MaxMinPow) {
  const HostTensor x = F32({3}, {1, 5, -2});
  const HostTensor y = F32({3}, {3, 2, -1});
  auto run = [&](const std::string& type) {
    SingleOp op(type);
    op.In("X", "x", x).In("Y", "y", y).Out("Out", "z");
    return op.Run("z");
  };
  ExpectTensor(run("elementwise_max"), F32({3}, {3, 5, -1}));
  ExpectTensor(run("elementwise_min"), F32({3}, {1, 2, -2}));
  ExpectTensor(run("elementwise_pow"), F32({3}, {1, 25, -0.5f}));
}

TEST(InterpScale, BiasBeforeOrAfterScale) {
  // after: 2·x + 3; before: 2·(x + 3)
  SingleOp after("scale");
  after.In("X", "x", F32({2}, {1, 2}))
      .Out("Out", "y")
      .Float("scale", 2)
      .Float("bias", 3)
      .Bool("bias_after_scale", true);
  ExpectTensor(after.Run("y"), F32({2}, {5, 7}));
  SingleOp before("scale");
  before.In("X", "x", F32({2}, {1, 2}))
      .Out("Out", "y")
      .Float("scale", 2)
      .Float("bias", 3)
      .Bool("bias_after_scale", false);
  ExpectTensor(before.Run("y"), F32({2}, {8, 10}));
}

TEST(InterpScale, ScaleTensorAndIntegerDtype) {
  SingleOp tensor("scale");
  tensor.In("X", "x", F32({1}, {2}))
      .In("ScaleTensor", "s", F32({1}, {5}))
      .Out("Out", "y")
      .Float("scale", 100)
      .Float("bias", 1);
  ExpectTensor(tensor.Run("y"), F32({1}, {11}));
  // Integer X stays integer; scale 2.5 and bias 0.9 become 2 and 0 in int64.
  SingleOp ints("scale");
  ints.In("X", "x", I64({2}, {1, 2})).Out("Out", "y").Float("scale", 2.5).Float("bias", 0.9);
  ExpectTensor(ints.Run("y"), I64({2}, {2, 4}));
}

TEST(InterpPow, FactorAttributeAndTensor) {
  SingleOp attr("pow");
  attr.In("X", "x", F32({2}, {2, 3})).Out("Out", "y").Float("factor", 2);
  ExpectTensor(attr.Run("y"), F32({2}, {4, 9}));
  SingleOp tensor("pow");
  tensor.In("X", "x", F32({2}, {4, 9}))
      .In("FactorTensor", "f", F32({1}, {0.5f}))
      .Out("Out", "y")
      .Float("factor", 2);
  ExpectTensor(tensor.Run("y"), F32({2}, {2, 3}));
}

TEST(InterpClip, AttributesAndTensors) {
  SingleOp attr("clip");
  attr.In("X", "x", F32({3}, {-5, 0.5f, 5})).Out("Out", "y").Float("min", -1).Float("max", 1);
  ExpectTensor(attr.Run("y"), F32({3}, {-1, 0.5f, 1}));
  SingleOp tensor("clip");
  tensor.In("X", "x", F32({3}, {-5, 0.5f, 5}))
      .In("Max", "hi", F32({1}, {0.25f}))
      .Out("Out", "y")
      .Float("min", -1)
      .Float("max", 1);
  ExpectTensor(tensor.Run("y"), F32({3}, {-1, 0.25f, 0.25f}));
}

TEST(InterpCast, TruncatesTowardZeroAndTestsNonZeroForBool) {
  SingleOp to_int("cast");
  to_int.In("X", "x", F32({4}, {-2.7f, -0.5f, 0.5f, 2.7f}))
      .Out("Out", "y")
      .Int("in_dtype", 5)
      .Int("out_dtype", 2);
  ExpectTensor(to_int.Run("y"), I32({4}, {-2, 0, 0, 2}));
  SingleOp to_bool("cast");
  to_bool.In("X", "x", F32({3}, {0, -0.1f, 3})).Out("Out", "y").Int("out_dtype", 0);
  ExpectTensor(to_bool.Run("y"),
               HostTensor::From(DataType::kBool, {3}, std::vector<uint8_t>{0, 1, 1}));
  // int64 → float32
  SingleOp to_float("cast");
  to_float.In("X", "x", I64({2}, {-3, 1LL << 40})).Out("Out", "y").Int("out_dtype", 5);
  ExpectTensor(to_float.Run("y"), F32({2}, {-3, 1099511627776.f}), 0);
}

// X [2, 3] = [[0, 1, 2], [3, 4, 5]]
SingleOp Reduce(const std::string& type, std::vector<int64_t> declared = {-1}) {
  SingleOp op(type);
  op.In("X", "x", Iota({2, 3})).Out("Out", "y", std::move(declared));
  return op;
}

TEST(InterpReduce, AxesAndKeepDim) {
  auto sum = Reduce("reduce_sum");
  sum.Ints("dim", {1}).Bool("keep_dim", false);
  ExpectTensor(sum.Run("y"), F32({2}, {3, 12}));
  auto mean = Reduce("reduce_mean");
  mean.Ints("dim", {-2}).Bool("keep_dim", true);
  ExpectTensor(mean.Run("y"), F32({1, 3}, {1.5f, 2.5f, 3.5f}));
  auto max = Reduce("reduce_max");
  max.Ints("dim", {0});
  ExpectTensor(max.Run("y"), F32({3}, {3, 4, 5}));
  auto min = Reduce("reduce_min");
  min.Ints("dim", {1});
  ExpectTensor(min.Run("y"), F32({2}, {0, 3}));
  auto prod = Reduce("reduce_prod");
  prod.Ints("dim", {0});
  ExpectTensor(prod.Run("y"), F32({3}, {0, 4, 10}));
}

TEST(InterpReduce, ReduceAllFollowsTheDeclaredRank) {
  // Sum of 0..5 = 15. Paddle ≥ 2.5 writes 0-D, older versions [1]; the
  // kernel follows the output's VarDesc.
  auto zero_d = Reduce("reduce_sum", {});
  zero_d.Bool("reduce_all", true);
  ExpectTensor(zero_d.Run("y"), F32({}, {15}));
  auto one_d = Reduce("reduce_sum", {1});
  one_d.Ints("dim", {}).Bool("keep_dim", false);  // empty dim = all axes
  ExpectTensor(one_d.Run("y"), F32({1}, {15}));
  auto kept = Reduce("reduce_mean", {1, 1});
  kept.Bool("reduce_all", true).Bool("keep_dim", true);
  ExpectTensor(kept.Run("y"), F32({1, 1}, {2.5f}));
}

TEST(InterpReduce, OutDtypeCasts) {
  SingleOp op("reduce_sum");
  op.In("X", "x", I32({3}, {1, 2, 3})).Out("Out", "y").Ints("dim", {0}).Int("out_dtype", 3);
  ExpectTensor(op.Run("y"), I64({1}, {6}));
}

TEST(InterpArgMax, AxisKeepdimsFlattenDtypeAndTies) {
  // X [[1, 3, 3], [5, 0, 5]]: ties keep the first index.
  const HostTensor x = F32({2, 3}, {1, 3, 3, 5, 0, 5});
  SingleOp rows("arg_max");
  rows.In("X", "x", x).Out("Out", "y").Int("axis", 1).Bool("keepdims", false).Int("dtype", 3);
  ExpectTensor(rows.Run("y"), I64({2}, {1, 0}));
  SingleOp kept("arg_min");
  kept.In("X", "x", x).Out("Out", "y").Int("axis", 0).Bool("keepdims", true).Int("dtype", 2);
  ExpectTensor(kept.Run("y"), I32({1, 3}, {0, 1, 0}));
  SingleOp flat("arg_max");
  flat.In("X", "x", x).Out("Out", "y", {}).Int("axis", 0).Bool("flatten", true);
  ExpectTensor(flat.Run("y"), I64({}, {3}));
}

TEST(InterpErrors, MissingKernelNamesTheOp) {
  SingleOp op("no_such_op");
  op.In("X", "x", F32({1}, {1})).Out("Out", "y");
  try {
    op.Run();
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
    EXPECT_NE(e.message().find("no_such_op"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("output 'y'"), std::string::npos) << e.message();
  }
}

TEST(InterpErrors, KernelErrorsCarryTheOp) {
  SingleOp op("elementwise_add");
  op.In("X", "x", F32({2}, {1, 2})).In("Y", "y", F32({3}, {1, 2, 3})).Out("Out", "z");
  try {
    op.Run();
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_NE(e.message().find("elementwise_add (block 0, op 0"), std::string::npos) << e.message();
  }
}

TEST(InterpRegistry, KernelTypesAreSortedAndQueryable) {
  const auto types = interp::KernelTypes();
  EXPECT_TRUE(std::is_sorted(types.begin(), types.end()));
  EXPECT_TRUE(std::adjacent_find(types.begin(), types.end()) == types.end());
  for (const std::string& type : types) EXPECT_TRUE(interp::HasKernel(type)) << type;
  EXPECT_TRUE(interp::HasKernel("conv2d"));
  EXPECT_FALSE(interp::HasKernel("sequence_conv"));
}

}  // namespace
}  // namespace pd2onnx::testing

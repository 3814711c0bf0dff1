// Each optimizer pass on a small hand-built model where it fires: the node
// count or op types show it fired, and ONNX Runtime gives the same outputs
// before and after.
#include <gtest/gtest.h>

#include <limits>

#include "op_harness.h"
#include "pass_test_util.h"

namespace pd2onnx::testing {
namespace {

using passes::Pass;

const Pass kFold{"fold_constants", passes::FoldConstants};
const Pass kDead{"eliminate_dead_nodes", passes::EliminateDeadNodes};
const Pass kNoOps{"eliminate_no_ops", passes::EliminateNoOps};
const Pass kShapeCasts{"eliminate_shape_cast_round_trips", passes::EliminateShapeCastRoundTrips};
const Pass kConvBn{"fold_conv_batch_norm", passes::FoldConvBatchNorm};
const Pass kConvAdd{"fuse_conv_add", passes::FuseConvAdd};
const Pass kConvMul{"fuse_conv_mul", passes::FuseConvMul};
const Pass kMatMulAdd{"fuse_matmul_add", passes::FuseMatMulAdd};
const Pass kTransposes{"fuse_transposes", passes::FuseTransposes};
const Pass kReshapes{"fuse_reshapes", passes::FuseReshapes};
const Pass kSqueeze{"cancel_squeeze_unsqueeze", passes::CancelSqueezeUnsqueeze};
const Pass kDedup{"deduplicate_initializers", passes::DeduplicateInitializers};
const Pass kCse{"eliminate_common_subexpressions", passes::EliminateCommonSubexpressions};

interp::TensorMap Feed(const std::string& name, const std::vector<int64_t>& dims) {
  return {{name, RandomTensor(DataType::kFloat32, dims, 11, -2, 2)}};
}

TEST(FoldConstantsTest, FoldsAChainOfConstantNodes) {
  ModelBuilder b;
  b.Input("x", {2, 3}).Output("y", {2, 3}).Floats("c1", {2, 3}, 1).Floats("c2", {3}, 2);
  b.Node("Mul", {"c1", "c2"}, {"prod"});
  b.Node("Exp", {"prod"}, {"e"});
  b.Node("Add", {"x", "e"}, {"y"});
  const emit::Model after = RunPass(b.model(), kFold);
  EXPECT_EQ(after.nodes.size(), 1u);
  EXPECT_EQ(after.nodes[0].op_type(), "Add");
  ExpectSameOutputs(b.model(), after, Feed("x", {2, 3}), "fold_chain");
}

// A constant expanded to more than the small-value limit from a tiny input
// would duplicate bytes: it stays a node.
TEST(FoldConstantsTest, KeepsLargeExpansions) {
  ModelBuilder b;
  b.Input("x", {256, 128}).Output("y", {256, 128}).Ints("shape", {256, 128});
  b.Node("ConstantOfShape", {"shape"}, {"big"});
  b.Node("Add", {"x", "big"}, {"y"});
  const emit::Model after = RunPass(b.model(), kFold);
  EXPECT_EQ(CountOps(after, "ConstantOfShape"), 1);
}

// A Transpose whose perm is not a permutation (an ONNX file given to
// `pd2onnx optimize`) is not folded: the evaluator refuses it instead of
// reading outside the input's dims.
TEST(FoldConstantsTest, LeavesATransposeWithAnInvalidPermUnfolded) {
  for (const std::vector<int64_t>& perm :
       std::vector<std::vector<int64_t>>{{0}, {0, 1, 2}, {1, 1}, {0, 2}, {-1, 0}}) {
    ModelBuilder b;
    b.Input("x", {2, 3}).Output("y", {3, 2}).Floats("c", {2, 3}, 1);
    SetInts(b.Node("Transpose", {"c"}, {"t"}), "perm", perm);
    b.Node("Add", {"x", "t"}, {"y"});
    const emit::Model after = RunPass(b.model(), kFold);
    EXPECT_EQ(CountOps(after, "Transpose"), 1) << "perm of " << perm.size() << " entries";
  }
}

// Window ops on constants whose operands or attributes do not fit together
// are left unfolded, never read out of bounds (the convert fuzzer found a
// Conv with a rank-2 weight).
TEST(FoldConstantsTest, LeavesMalformedWindowOpsUnfolded) {
  struct Case {
    std::string op;
    std::vector<int64_t> x_dims, w_dims;
    std::string attr;
    std::vector<int64_t> attr_value;
  };
  const std::vector<Case> cases = {
      {"Conv", {1, 2, 4, 4}, {2, 3}, "", {}},
      {"Conv", {1, 2, 4, 4}, {2, 2, 3, 3}, "strides", {1}},
      {"Conv", {1, 2, 4, 4}, {2, 2, 3, 3}, "strides", {0, 1}},
      {"Conv", {1, 2, 4, 4}, {2, 2, 3, 3}, "pads", {1, 1}},
      {"Conv", {1, 2, 4, 4}, {2, 2, 3, 3}, "group", {3}},
      // The dilated kernel (11 rows) is larger than the input: a negative
      // output dim, which once reached std::vector as a huge size.
      {"Conv", {2, 2, 3, 3}, {2, 2, 3, 3}, "dilations", {5, 1}},
      {"Conv", {2, 4}, {2, 4}, "", {}},
      {"ConvTranspose", {1, 2, 4, 4}, {2, 2, 3}, "", {}},
      {"ConvTranspose", {1, 2, 4, 4}, {2, 2, 3, 3}, "output_padding", {1}},
      {"MaxPool", {1, 2, 4, 4}, {}, "kernel_shape", {2}},
      {"AveragePool", {4}, {}, "kernel_shape", {2}},
  };
  for (const Case& c : cases) {
    ModelBuilder b;
    b.Input("x", {1}).Output("y", {1}).Floats("c", c.x_dims, 1);
    std::vector<std::string> inputs = {"c"};
    if (!c.w_dims.empty()) {
      b.Floats("w", c.w_dims, 2);
      inputs.push_back("w");
    }
    onnx::NodeProto& node = b.Node(c.op, inputs, {"t"});
    if (c.attr == "group") {
      SetInt(node, "group", c.attr_value[0]);
    } else if (!c.attr.empty()) {
      SetInts(node, c.attr, c.attr_value);
    }
    if (c.op.ends_with("Pool") && c.attr != "kernel_shape") SetInts(node, "kernel_shape", {2, 2});
    b.Node("Add", {"x", "t"}, {"y"});
    const emit::Model after = RunPass(b.model(), kFold);
    EXPECT_EQ(CountOps(after, c.op), 1) << c.op << " " << c.attr;
  }
}

// Concat of constants whose ranks or other dims disagree (a program whose
// declared shapes lie; found by the convert fuzzer) is left unfolded.
TEST(FoldConstantsTest, LeavesAMismatchedConcatUnfolded) {
  const std::vector<std::pair<std::vector<int64_t>, std::vector<int64_t>>> cases = {
      {{}, {}}, {{2, 3}, {3}}, {{2, 3}, {3, 3}}, {{2}, {2, 1}}};
  for (const auto& [a, b_dims] : cases) {
    ModelBuilder b;
    b.Input("x", {1}).Output("y", {1}).Floats("a", a, 1).Floats("b", b_dims, 2);
    SetInt(b.Node("Concat", {"a", "b"}, {"t"}), "axis", 1);
    b.Node("Add", {"x", "t"}, {"y"});
    const emit::Model after = RunPass(b.model(), kFold);
    EXPECT_EQ(CountOps(after, "Concat"), 1) << "ranks " << a.size() << ", " << b_dims.size();
  }
}

// Slice operands of different lengths (found by the convert fuzzer: one
// end for two starts) are left unfolded, never read past.
TEST(FoldConstantsTest, LeavesASliceWithMismatchedOperandsUnfolded) {
  const std::vector<std::vector<std::vector<int64_t>>> cases = {
      {{0, 0}, {1}, {0, 1}, {1, 1}},
      {{0}, {1}, {0, 1}, {1}},
      {{0}, {1}, {0}, {1, 1}},
  };
  for (const auto& c : cases) {
    ModelBuilder b;
    b.Input("x", {1}).Output("y", {1}).Floats("c", {2, 3}, 1);
    b.Ints("starts", c[0]).Ints("ends", c[1]).Ints("axes", c[2]).Ints("steps", c[3]);
    b.Node("Slice", {"c", "starts", "ends", "axes", "steps"}, {"t"});
    b.Node("Add", {"x", "t"}, {"y"});
    const emit::Model after = RunPass(b.model(), kFold);
    EXPECT_EQ(CountOps(after, "Slice"), 1)
        << c[0].size() << " starts, " << c[1].size() << " ends, " << c[2].size() << " axes";
  }
}

// A Slice of an empty dim is empty whatever its starts, ends and step.
TEST(FoldConstantsTest, FoldsSlicesOfAnEmptyDimToEmpty) {
  for (const int64_t step : {int64_t{1}, int64_t{-1}, int64_t{-3}}) {
    ModelBuilder b;
    b.Input("x", {2, 0}).Output("y", {2, 0}).Floats("c", {2, 0}, 1);
    b.Ints("starts", {-1}).Ints("ends", {-100}).Ints("axes", {1}).Ints("steps", {step});
    b.Node("Slice", {"c", "starts", "ends", "axes", "steps"}, {"t"});
    b.Node("Add", {"x", "t"}, {"y"});
    const emit::Model after = RunPass(b.model(), kFold);
    ASSERT_EQ(CountOps(after, "Slice"), 0) << "step " << step;
    std::vector<int64_t> dims;
    for (const auto& init : after.initializers) {
      if (init.name == "t") dims = init.tensor.dims();
    }
    EXPECT_EQ(dims, (std::vector<int64_t>{2, 0})) << "step " << step;
  }
}

// A step of any size takes one element when it passes the dim: the element
// count is computed without overflowing, for INT64_MAX and INT64_MIN too.
TEST(FoldConstantsTest, FoldsSlicesWithExtremeSteps) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  struct Case {
    int64_t start, end, step;
    std::vector<int64_t> want;
  };
  const std::vector<Case> cases = {{1, 4, kMax, {11}},
                                   {3, 0, kMin, {13}},
                                   {4, kMin, kMin, {14}},
                                   {0, 5, 2, {10, 12, 14}},
                                   {4, -6, -3, {14, 11}}};
  for (const Case& c : cases) {
    ModelBuilder b;
    b.Input("x", {1}, DataType::kInt64).Output("y", {1}, DataType::kInt64);
    b.Ints("v", {10, 11, 12, 13, 14}).Ints("starts", {c.start}).Ints("ends", {c.end});
    b.Ints("axes", {0}).Ints("steps", {c.step});
    b.Node("Slice", {"v", "starts", "ends", "axes", "steps"}, {"t"});
    b.Node("Add", {"x", "t"}, {"y"});
    const emit::Model after = RunPass(b.model(), kFold);
    ASSERT_EQ(CountOps(after, "Slice"), 0) << "step " << c.step;
    std::vector<int64_t> got;
    for (const auto& init : after.initializers) {
      if (init.name == "t") got = graph::HostTensor::FromConst(init.tensor).ToVector<int64_t>();
    }
    EXPECT_EQ(got, c.want) << "start " << c.start << " end " << c.end << " step " << c.step;
  }
}

TEST(EliminateDeadNodesTest, RemovesUnreadNodesAndInitializers) {
  ModelBuilder b;
  b.Input("x", {4}).Output("y", {4}).Floats("w", {4}, 1).Floats("unused", {4}, 2);
  b.Node("Mul", {"x", "w"}, {"dead1"});
  b.Node("Relu", {"dead1"}, {"dead2"});
  b.Node("Relu", {"x"}, {"y"});
  const emit::Model after = RunPass(b.model(), kDead);
  EXPECT_EQ(after.nodes.size(), 1u);
  EXPECT_TRUE(after.initializers.empty());
  ExpectSameOutputs(b.model(), after, Feed("x", {4}), "dead_nodes");
}

TEST(EliminateNoOpsTest, RemovesIdentityDropoutCastAndReshape) {
  ModelBuilder b;
  b.Input("x", {2, 3}).Output("y", {2, 3}).Ints("shape", {2, 3});
  b.Info("a", {2, 3}).Info("b", {2, 3}).Info("c", {2, 3}).Info("d", {2, 3}).Info("e", {2, 3});
  b.Node("Relu", {"x"}, {"a"});
  b.Node("Identity", {"a"}, {"b"});
  b.Node("Dropout", {"b"}, {"c"});
  SetInt(b.Node("Cast", {"c"}, {"d"}), "to", onnx::TensorProto::FLOAT);
  b.Node("Reshape", {"d", "shape"}, {"e"});
  b.Node("Identity", {"e"}, {"y"});  // a graph output keeps its name
  const emit::Model after = RunPass(b.model(), kNoOps);
  ASSERT_EQ(after.nodes.size(), 1u);
  EXPECT_EQ(after.nodes[0].op_type(), "Relu");
  EXPECT_EQ(after.nodes[0].output(0), "y");
  ExpectSameOutputs(b.model(), after, Feed("x", {2, 3}), "no_ops");
}

// Identity from a graph input straight to a graph output must stay.
TEST(EliminateNoOpsTest, KeepsInputToOutputIdentity) {
  ModelBuilder b;
  b.Input("x", {2}).Output("y", {2});
  b.Node("Identity", {"x"}, {"y"});
  EXPECT_EQ(RunPass(b.model(), kNoOps).nodes.size(), 1u);
}

// Paddle's int32 `shape` feeding a Resize: Shape → Cast(int32) → Slice →
// Cast(int64) reads the int64 Shape directly, and Cast64(Cast32(Shape)) is
// the Shape itself; the int32 chain dies.
TEST(EliminateShapeCastRoundTripsTest, SliceOfInt32ShapeReadsTheShape) {
  ModelBuilder b;
  b.Input("x", {1, 2, 3, 4}).Input("y", {1, 2, 6, 5});
  b.Output("z", {1, 2, 6, 5}).Output("dims", {4}, DataType::kInt64);
  b.Ints("starts", {2}).Ints("ends", {4}).Ints("axes", {0}).Ints("steps", {1});
  b.Ints("nc_start", {0}).Ints("nc_end", {2});
  b.Node("Shape", {"y"}, {"y_shape"});
  SetInt(b.Node("Cast", {"y_shape"}, {"y_shape32"}), "to", onnx::TensorProto::INT32);
  b.Node("Slice", {"y_shape32", "starts", "ends", "axes", "steps"}, {"hw32"});
  SetInt(b.Node("Cast", {"hw32"}, {"hw"}), "to", onnx::TensorProto::INT64);
  b.Node("Shape", {"x"}, {"x_shape"});
  b.Node("Slice", {"x_shape", "nc_start", "nc_end", "axes", "steps"}, {"nc"});
  SetInt(b.Node("Concat", {"nc", "hw"}, {"sizes"}), "axis", 0);
  b.Init("roi", graph::HostTensor::From(DataType::kFloat32, {0}, std::vector<float>{}));
  b.Init("scales", graph::HostTensor::From(DataType::kFloat32, {0}, std::vector<float>{}));
  b.Node("Resize", {"x", "roi", "scales", "sizes"}, {"z"});
  SetInt(b.Node("Cast", {"y_shape32"}, {"dims"}), "to", onnx::TensorProto::INT64);
  const emit::Model after = RunPass(b.model(), kShapeCasts);
  EXPECT_EQ(CountOps(after, "Cast"), 0);
  EXPECT_EQ(after.nodes.size(), b.model().nodes.size() - 3);
  interp::TensorMap feeds = Feed("x", {1, 2, 3, 4});
  feeds.emplace("y", RandomTensor(DataType::kFloat32, {1, 2, 6, 5}, 12, -1, 1));
  ExpectSameOutputs(b.model(), after, feeds, "shape_casts");
}

// The int32 value is still read elsewhere (here a graph output): the final
// Cast is rewritten, the int32 chain stays, and outputs are unchanged.
TEST(EliminateShapeCastRoundTripsTest, KeepsAnInt32ChainStillRead) {
  ModelBuilder b;
  b.Input("y", {2, 6, 5});
  b.Output("hw", {2}, DataType::kInt64).Output("hw32", {2}, DataType::kInt32);
  b.Ints("index", {1, 2});
  b.Node("Shape", {"y"}, {"y_shape"});
  SetInt(b.Node("Cast", {"y_shape"}, {"y_shape32"}), "to", onnx::TensorProto::INT32);
  SetInt(b.Node("Gather", {"y_shape32", "index"}, {"hw32"}), "axis", 0);
  SetInt(b.Node("Cast", {"hw32"}, {"hw"}), "to", onnx::TensorProto::INT64);
  const emit::Model after = RunPass(b.model(), kShapeCasts);
  EXPECT_EQ(CountOps(after, "Cast"), 1);
  EXPECT_EQ(CountOps(after, "Gather"), 2);
  ExpectSameOutputs(b.model(), after, Feed("y", {2, 6, 5}), "shape_casts_kept");
}

TEST(EliminateShapeCastRoundTripsTest, KeepsCastsOfNonShapeValues) {
  ModelBuilder b;
  b.Input("x", {3}, DataType::kInt64).Output("y", {3}, DataType::kInt64);
  SetInt(b.Node("Cast", {"x"}, {"x32"}), "to", onnx::TensorProto::INT32);
  SetInt(b.Node("Cast", {"x32"}, {"y"}), "to", onnx::TensorProto::INT64);
  // x may hold values beyond int32: the round trip wraps them, so it stays.
  EXPECT_EQ(CountOps(RunPass(b.model(), kShapeCasts), "Cast"), 2);
}

TEST(FoldConvBatchNormTest, FoldsIntoWeightsAndBias) {
  ModelBuilder b;
  b.Input("x", {1, 3, 6, 6}).Output("y", {1, 4, 6, 6}).Floats("w", {4, 3, 3, 3}, 1);
  b.Floats("bias", {4}, 2).Floats("gamma", {4}, 3).Floats("beta", {4}, 4).Floats("mean", {4}, 5);
  b.Init("var", RandomTensor(DataType::kFloat32, {4}, 6, 0.5, 2));
  SetInts(b.Node("Conv", {"x", "w", "bias"}, {"conv"}), "pads", {1, 1, 1, 1});
  SetFloat(b.Node("BatchNormalization", {"conv", "gamma", "beta", "mean", "var"}, {"y"}), "epsilon",
           1e-3f);
  const emit::Model after = RunPass(b.model(), kConvBn);
  ASSERT_EQ(after.nodes.size(), 1u);
  EXPECT_EQ(after.nodes[0].op_type(), "Conv");
  EXPECT_EQ(after.nodes[0].output(0), "y");
  ExpectSameOutputs(b.model(), after, Feed("x", {1, 3, 6, 6}), "conv_bn");
}

TEST(FuseConvAddTest, PerChannelConstantBecomesBias) {
  ModelBuilder b;
  b.Input("x", {1, 2, 5, 5}).Output("y", {1, 3, 3, 3}).Floats("w", {3, 2, 3, 3}, 1);
  b.Floats("shift", {1, 3, 1, 1}, 2);
  b.Node("Conv", {"x", "w"}, {"conv"});
  b.Node("Add", {"shift", "conv"}, {"y"});
  const emit::Model after = RunPass(b.model(), kConvAdd);
  ASSERT_EQ(after.nodes.size(), 1u);
  EXPECT_EQ(after.nodes[0].input_size(), 3);
  ExpectSameOutputs(b.model(), after, Feed("x", {1, 2, 5, 5}), "conv_add");
}

TEST(FuseConvMulTest, PerChannelAndScalarScalesGoIntoWeights) {
  ModelBuilder b;
  b.Input("x", {1, 2, 5, 5}).Output("y", {1, 3, 3, 3}).Floats("w", {3, 2, 3, 3}, 1);
  b.Floats("bias", {3}, 2).Floats("scale", {3, 1, 1}, 3).Floats("k", {1}, 4);
  b.Node("Conv", {"x", "w", "bias"}, {"conv"});
  b.Node("Mul", {"conv", "scale"}, {"scaled"});
  b.Node("Mul", {"k", "scaled"}, {"y"});
  const emit::Model after = RunPass(b.model(), kConvMul);
  ASSERT_EQ(after.nodes.size(), 1u);
  EXPECT_EQ(after.nodes[0].op_type(), "Conv");
  ExpectSameOutputs(b.model(), after, Feed("x", {1, 2, 5, 5}), "conv_mul");
}

// An addend varying along H is not a bias.
TEST(FuseConvAddTest, KeepsNonChannelAddend) {
  ModelBuilder b;
  b.Input("x", {1, 2, 5, 5}).Output("y", {1, 3, 3, 3}).Floats("w", {3, 2, 3, 3}, 1);
  b.Floats("shift", {3, 1}, 2);
  b.Node("Conv", {"x", "w"}, {"conv"});
  b.Node("Add", {"conv", "shift"}, {"y"});
  EXPECT_EQ(RunPass(b.model(), kConvAdd).nodes.size(), 2u);
}

TEST(FuseMatMulAddTest, BecomesGemm) {
  ModelBuilder b;
  b.Input("x", {2, 4}).Output("y", {2, 3}).Floats("w", {4, 3}, 1).Floats("bias", {3}, 2);
  b.Node("MatMul", {"x", "w"}, {"mm"});
  b.Node("Add", {"mm", "bias"}, {"y"});
  const emit::Model after = RunPass(b.model(), kMatMulAdd);
  ASSERT_EQ(after.nodes.size(), 1u);
  EXPECT_EQ(after.nodes[0].op_type(), "Gemm");
  ExpectSameOutputs(b.model(), after, Feed("x", {2, 4}), "matmul_add");
}

// A 3-D A is not a Gemm operand.
TEST(FuseMatMulAddTest, KeepsBatchedMatMul) {
  ModelBuilder b;
  b.Input("x", {5, 2, 4}).Output("y", {5, 2, 3}).Floats("w", {4, 3}, 1).Floats("bias", {3}, 2);
  b.Node("MatMul", {"x", "w"}, {"mm"});
  b.Node("Add", {"mm", "bias"}, {"y"});
  EXPECT_EQ(CountOps(RunPass(b.model(), kMatMulAdd), "Gemm"), 0);
}

TEST(FuseTransposesTest, ComposesAndCancels) {
  ModelBuilder b;
  b.Input("x", {2, 3, 4}).Output("y", {4, 2, 3}).Output("z", {2, 3, 4});
  SetInts(b.Node("Transpose", {"x"}, {"t1"}), "perm", {0, 2, 1});
  SetInts(b.Node("Transpose", {"t1"}, {"y"}), "perm", {1, 0, 2});
  SetInts(b.Node("Transpose", {"x"}, {"u1"}), "perm", {2, 0, 1});
  SetInts(b.Node("Transpose", {"u1"}, {"u2"}), "perm", {1, 2, 0});
  b.Node("Relu", {"u2"}, {"z"});
  emit::Model after = RunPass(b.model(), kTransposes);
  after = RunPass(after, kNoOps);
  after = RunPass(after, kDead);
  EXPECT_EQ(CountOps(after, "Transpose"), 1);
  ExpectSameOutputs(b.model(), after, Feed("x", {2, 3, 4}), "transposes");
}

TEST(FuseReshapesTest, ReshapeOfReshapeAndSqueeze) {
  ModelBuilder b;
  b.Input("x", {2, 3, 4}).Output("y", {4, 6}).Output("z", {24});
  b.Ints("s1", {6, 4}).Ints("s2", {4, 6}).Ints("s3", {24});
  b.Node("Reshape", {"x", "s1"}, {"r1"});
  b.Node("Reshape", {"r1", "s2"}, {"y"});
  SetInts(b.Node("Unsqueeze", {"x"}, {"u"}), "axes", {0});
  b.Node("Reshape", {"u", "s3"}, {"z"});
  const emit::Model after = RunPass(RunPass(b.model(), kReshapes), kDead);
  EXPECT_EQ(after.nodes.size(), 2u);
  EXPECT_EQ(CountOps(after, "Reshape"), 2);
  ExpectSameOutputs(b.model(), after, Feed("x", {2, 3, 4}), "reshapes");
}

TEST(CancelSqueezeUnsqueezeTest, AttributeAxes) {
  ModelBuilder b(11);
  b.Input("x", {2, 1, 3}).Output("y", {2, 1, 3});
  SetInts(b.Node("Squeeze", {"x"}, {"s"}), "axes", {1});
  SetInts(b.Node("Unsqueeze", {"s"}, {"u"}), "axes", {1});
  b.Node("Relu", {"u"}, {"y"});
  const emit::Model after = RunPass(RunPass(b.model(), kSqueeze), kDead);
  EXPECT_EQ(after.nodes.size(), 1u);
  ExpectSameOutputs(b.model(), after, Feed("x", {2, 1, 3}), "squeeze_attr");
}

TEST(CancelSqueezeUnsqueezeTest, InputAxesAtOpset13) {
  ModelBuilder b(13);
  b.Input("x", {2, 3}).Output("y", {2, 3}).Ints("axes", {0, 2});
  b.Node("Unsqueeze", {"x", "axes"}, {"u"});
  b.Node("Squeeze", {"u", "axes"}, {"y"});  // the graph output keeps its name
  const emit::Model after = RunPass(RunPass(b.model(), kSqueeze), kDead);
  // x is a graph input: y needs a node, so the pair cannot go entirely.
  EXPECT_EQ(after.nodes.size(), 2u);
  ModelBuilder c(13);
  c.Input("x", {2, 3}).Output("y", {2, 3}).Ints("axes", {0, 2});
  c.Node("Relu", {"x"}, {"r"});
  c.Node("Unsqueeze", {"r", "axes"}, {"u"});
  c.Node("Squeeze", {"u", "axes"}, {"y"});
  const emit::Model fused = RunPass(RunPass(c.model(), kSqueeze), kDead);
  ASSERT_EQ(fused.nodes.size(), 1u);
  EXPECT_EQ(fused.nodes[0].output(0), "y");
  ExpectSameOutputs(c.model(), fused, Feed("x", {2, 3}), "squeeze_input");
}

TEST(DeduplicateInitializersTest, MergesEqualTensors) {
  ModelBuilder b;
  b.Input("x", {3}).Output("y", {3}).Floats("a", {3}, 1).Floats("b", {3}, 1).Floats("c", {3}, 2);
  b.Node("Add", {"x", "a"}, {"t1"});
  b.Node("Mul", {"t1", "b"}, {"t2"});
  b.Node("Sub", {"t2", "c"}, {"y"});
  const emit::Model after = RunPass(b.model(), kDedup);
  EXPECT_EQ(after.initializers.size(), 2u);
  EXPECT_EQ(after.nodes[1].input(1), "a");
  ExpectSameOutputs(b.model(), after, Feed("x", {3}), "dedup");
}

TEST(EliminateCommonSubexpressionsTest, MergesEqualNodes) {
  ModelBuilder b;
  b.Input("x", {2, 3}).Output("y", {2, 3});
  SetFloat(b.Node("LeakyRelu", {"x"}, {"a"}), "alpha", 0.2f);
  SetFloat(b.Node("LeakyRelu", {"x"}, {"b"}), "alpha", 0.2f);
  SetFloat(b.Node("LeakyRelu", {"x"}, {"c"}), "alpha", 0.3f);  // other attributes
  b.Node("Exp", {"a"}, {"ea"});
  b.Node("Exp", {"b"}, {"eb"});  // equal once b is a
  b.Node("Sum", {"ea", "eb", "c"}, {"y"});
  const emit::Model after = RunPass(RunPass(b.model(), kCse), kDead);
  EXPECT_EQ(after.nodes.size(), 4u);
  EXPECT_EQ(CountOps(after, "LeakyRelu"), 2);
  ExpectSameOutputs(b.model(), after, Feed("x", {2, 3}), "cse");
}

}  // namespace
}  // namespace pd2onnx::testing

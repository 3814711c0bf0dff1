// Hand-computed expectations for the interpreter's shape, data-movement and
// creation kernels (docs/paddle-formats.md 5.11, 5.12).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "single_op.h"

namespace pd2onnx::testing {
namespace {

// X [3, 4] = [[0 1 2 3], [4 5 6 7], [8 9 10 11]]
HostTensor Grid3x4() { return Iota({3, 4}); }

SingleOp SliceOf(HostTensor x, std::vector<int64_t> axes, std::vector<int64_t> starts,
                 std::vector<int64_t> ends, std::vector<int64_t> declared = {-1}) {
  SingleOp op("slice");
  op.In("Input", "x", std::move(x))
      .Out("Out", "y", std::move(declared))
      .Ints("axes", std::move(axes))
      .Ints("starts", std::move(starts))
      .Ints("ends", std::move(ends));
  return op;
}

TEST(InterpSlice, NegativeBoundsAndSentinels) {
  // rows: start -2 → 1, end INT32_MAX → clamped to 3; cols: [1, -1) → [1, 3)
  auto op = SliceOf(Grid3x4(), {0, 1}, {-2, 1}, {2147483647, -1});
  ExpectTensor(op.Run("y"), F32({2, 2}, {5, 6, 9, 10}));
  // INT64_MAX sentinel and a start beyond the end give an empty dim.
  auto empty = SliceOf(Grid3x4(), {1}, {10}, {std::numeric_limits<int64_t>::max()});
  ExpectTensor(empty.Run("y"), F32({3, 0}, {}));
  auto reversed = SliceOf(Grid3x4(), {1}, {3}, {1});
  ExpectTensor(reversed.Run("y"), F32({3, 0}, {}));
}

TEST(InterpSlice, DecreaseAxis) {
  auto row = SliceOf(Grid3x4(), {0}, {1}, {2});
  row.Ints("decrease_axis", {0});
  ExpectTensor(row.Run("y"), F32({4}, {4, 5, 6, 7}));
  // Removing every dim: 0-D when the output is declared 0-D, else [1].
  auto zero_d = SliceOf(Grid3x4(), {0, 1}, {1, 2}, {2, 3}, {});
  zero_d.Ints("decrease_axis", {0, 1});
  ExpectTensor(zero_d.Run("y"), F32({}, {6}));
  auto one_d = SliceOf(Grid3x4(), {0, 1}, {1, 2}, {2, 3}, {1});
  one_d.Ints("decrease_axis", {0, 1});
  ExpectTensor(one_d.Run("y"), F32({1}, {6}));
}

TEST(InterpSlice, BoundTensorsOverrideAttributes) {
  // StartsTensor [0] (1-D) beats the attribute; EndsTensorList one per axis.
  SingleOp op("slice");
  op.In("Input", "x", I64({5}, {10, 11, 12, 13, 14}))
      .In("StartsTensor", "s", I64({1}, {-3}))
      .In("EndsTensorList", "e0", I32({1}, {4}))
      .Out("Out", "y")
      .Ints("axes", {0})
      .Ints("starts", {0})
      .Ints("ends", {1});
  ExpectTensor(op.Run("y"), I64({2}, {12, 13}));
}

SingleOp ReshapeOf(HostTensor x, std::vector<int64_t> shape) {
  SingleOp op("reshape2");
  op.In("X", "x", std::move(x)).Out("Out", "y").Ints("shape", std::move(shape));
  return op;
}

TEST(InterpReshape, ZeroCopiesAndMinusOneInfers) {
  // [2, 3, 4] with [0, -1]: dim 0 copied (2), -1 = 24 / 2 = 12.
  EXPECT_EQ(ReshapeOf(Iota({2, 3, 4}), {0, -1}).Run("y").dims, (std::vector<int64_t>{2, 12}));
  // [-1, 0, 2]: entry 1 copies 3, -1 = 24 / 6 = 4.
  const HostTensor y = ReshapeOf(Iota({2, 3, 4}), {-1, 0, 2}).Run("y");
  ExpectTensor(y, Iota({4, 3, 2}));
}

TEST(InterpReshape, ShapeTensorListBeatsShapeBeatsAttribute) {
  SingleOp shape("reshape2");
  shape.In("X", "x", Iota({6}))
      .In("Shape", "s", I32({2}, {3, 2}))
      .Out("Out", "y")
      .Ints("shape", {6, 1});
  EXPECT_EQ(shape.Run("y").dims, (std::vector<int64_t>{3, 2}));
  SingleOp list("reshape2");
  list.In("X", "x", Iota({6}))
      .In("Shape", "s", I32({2}, {3, 2}))
      .In("ShapeTensor", "a", I64({1}, {1}))
      .In("ShapeTensor", "b", I64({1}, {-1}))
      .Out("Out", "y")
      .Ints("shape", {6, 1});
  EXPECT_EQ(list.Run("y").dims, (std::vector<int64_t>{1, 6}));
}

TEST(InterpSplit, SectionsWithMinusOne) {
  // X [5, 2] = 0..9, sections [2, -1] → [2, 2] (0..3) and [3, 2] (4..9).
  SingleOp op("split");
  op.In("X", "x", Iota({5, 2}))
      .Out("Out", "a")
      .Out("Out", "b")
      .Ints("sections", {2, -1})
      .Int("axis", 0)
      .Int("num", 0);
  const auto out = op.Run();
  ExpectTensor(out.at("a"), Iota({2, 2}));
  ExpectTensor(out.at("b"), Iota({3, 2}, 4));
}

TEST(InterpSplit, NumWithAxisTensor) {
  // X [2, 4], AxisTensor = -1 beats the attribute: halves of each row.
  SingleOp op("split");
  op.In("X", "x", Iota({2, 4}))
      .In("AxisTensor", "axis", I32({1}, {-1}))
      .Out("Out", "a")
      .Out("Out", "b")
      .Int("num", 2)
      .Int("axis", 0);
  const auto out = op.Run();
  ExpectTensor(out.at("a"), F32({2, 2}, {0, 1, 4, 5}));
  ExpectTensor(out.at("b"), F32({2, 2}, {2, 3, 6, 7}));
}

TEST(InterpConcat, NegativeAxisAndIntegers) {
  SingleOp op("concat");
  op.In("X", "a", I32({2, 1}, {1, 2}))
      .In("X", "b", I32({2, 2}, {3, 4, 5, 6}))
      .Out("Out", "y")
      .Int("axis", -1);
  ExpectTensor(op.Run("y"), I32({2, 3}, {1, 3, 4, 2, 5, 6}));
}

TEST(InterpTranspose, PermutationGivesOutputDims) {
  // X [2, 3] → axis [1, 0]: out[j, i] = x[i, j]
  SingleOp op("transpose2");
  op.In("X", "x", Iota({2, 3})).Out("Out", "y").Ints("axis", {1, 0});
  ExpectTensor(op.Run("y"), F32({3, 2}, {0, 3, 1, 4, 2, 5}));
}

TEST(InterpFlatten, Flatten2AndContiguousRange) {
  SingleOp f2("flatten2");
  f2.In("X", "x", Iota({2, 3, 4})).Out("Out", "y").Int("axis", 2);
  EXPECT_EQ(f2.Run("y").dims, (std::vector<int64_t>{6, 4}));
  SingleOp range("flatten_contiguous_range");
  range.In("X", "x", Iota({2, 3, 4, 5})).Out("Out", "y").Int("start_axis", 1).Int("stop_axis", -2);
  EXPECT_EQ(range.Run("y").dims, (std::vector<int64_t>{2, 12, 5}));
}

TEST(InterpSqueezeUnsqueeze, AxesRules) {
  SingleOp all("squeeze2");
  all.In("X", "x", Iota({1, 3, 1, 2})).Out("Out", "y").Ints("axes", {});
  EXPECT_EQ(all.Run("y").dims, (std::vector<int64_t>{3, 2}));
  // Listed axes of another size stay (no error).
  SingleOp listed("squeeze2");
  listed.In("X", "x", Iota({1, 3, 1, 2})).Out("Out", "y").Ints("axes", {1, -2});
  EXPECT_EQ(listed.Run("y").dims, (std::vector<int64_t>{1, 3, 2}));
  // Unsqueeze [3, 2] with [0, -1]: 0 → [1, 3, 2]; -1 counts in the grown
  // shape: -1 + 3 + 1 = 3 → [1, 3, 2, 1].
  SingleOp unsq("unsqueeze2");
  unsq.In("X", "x", Iota({3, 2})).Out("Out", "y").Ints("axes", {0, -1});
  EXPECT_EQ(unsq.Run("y").dims, (std::vector<int64_t>{1, 3, 2, 1}));
  // [3] with [1, -3]: [3, 1], then -3 + 2 + 1 = 0 → [1, 3, 1].
  SingleOp twice("unsqueeze2");
  twice.In("X", "x", Iota({3})).Out("Out", "y").Ints("axes", {1, -3});
  EXPECT_EQ(twice.Run("y").dims, (std::vector<int64_t>{1, 3, 1}));
}

TEST(InterpStack, StackAndUnstack) {
  SingleOp stack("stack");
  stack.In("X", "a", F32({2}, {1, 2})).In("X", "b", F32({2}, {3, 4})).Out("Y", "y").Int("axis", -1);
  ExpectTensor(stack.Run("y"), F32({2, 2}, {1, 3, 2, 4}));
  SingleOp unstack("unstack");
  unstack.In("X", "x", Iota({2, 3}))
      .Out("Y", "a")
      .Out("Y", "b")
      .Out("Y", "c")
      .Int("axis", 1)
      .Int("num", 3);
  const auto out = unstack.Run();
  ExpectTensor(out.at("a"), F32({2}, {0, 3}));
  ExpectTensor(out.at("c"), F32({2}, {2, 5}));
}

TEST(InterpExpandTile, Broadcasts) {
  // X [2, 1] to [3, -1, 2] (X right-aligned): a new leading 3, -1 keeps the
  // 2, and the size-1 dim repeats twice.
  SingleOp expand("expand_v2");
  expand.In("X", "x", F32({2, 1}, {7, 8})).Out("Out", "y").Ints("shape", {3, -1, 2});
  ExpectTensor(expand.Run("y"), F32({3, 2, 2}, {7, 7, 8, 8, 7, 7, 8, 8, 7, 7, 8, 8}));
  // tile [2] by [2, 2] → X becomes [1, 2] → [2, 4].
  SingleOp tile("tile");
  tile.In("X", "x", F32({2}, {1, 2})).Out("Out", "y").Ints("repeat_times", {2, 2});
  ExpectTensor(tile.Run("y"), F32({2, 4}, {1, 2, 1, 2, 1, 2, 1, 2}));
  // repeat_times shorter than the rank is left-padded with 1s.
  SingleOp pad("tile");
  pad.In("X", "x", F32({2, 1}, {1, 2})).Out("Out", "y").Ints("repeat_times", {3});
  ExpectTensor(pad.Run("y"), F32({2, 3}, {1, 1, 1, 2, 2, 2}));
}

TEST(InterpGather, AxisAndZeroDIndex) {
  SingleOp rows("gather");
  rows.In("X", "x", Iota({3, 2})).In("Index", "i", I32({2}, {2, 0})).Out("Out", "y");
  ExpectTensor(rows.Run("y"), F32({2, 2}, {4, 5, 0, 1}));
  SingleOp cols("gather");
  cols.In("X", "x", Iota({3, 2})).In("Index", "i", I64({1}, {1})).Out("Out", "y").Int("axis", 1);
  ExpectTensor(cols.Run("y"), F32({3, 1}, {1, 3, 5}));
  SingleOp scalar("gather");
  scalar.In("X", "x", Iota({3, 2})).In("Index", "i", I64({}, {1})).Out("Out", "y");
  ExpectTensor(scalar.Run("y"), F32({2}, {2, 3}));
}

TEST(InterpShape, Int32Dims) {
  SingleOp op("shape");
  op.In("Input", "x", Iota({2, 3, 0})).Out("Out", "y");
  ExpectTensor(op.Run("y"), I32({3}, {2, 3, 0}));
}

TEST(InterpFillConstant, ValuePrecedence) {
  SingleOp value("fill_constant");
  value.Out("Out", "y").Ints("shape", {2}).Int("dtype", 5).Float("value", 1.5);
  ExpectTensor(value.Run("y"), F32({2}, {1.5f, 1.5f}));
  // str_value keeps every digit of an int64.
  SingleOp str("fill_constant");
  str.Out("Out", "y")
      .Ints("shape", {1})
      .Int("dtype", 3)
      .Float("value", 0)
      .Str("str_value", "9007199254740993");
  ExpectTensor(str.Run("y"), I64({1}, {9007199254740993LL}));
  SingleOp inf("fill_constant");
  inf.Out("Out", "y").Ints("shape", {}).Int("dtype", 5).Str("str_value", "-inf");
  ExpectTensor(inf.Run("y"), F32({}, {-std::numeric_limits<float>::infinity()}));
  // ValueTensor beats both; ShapeTensor beats the attribute.
  SingleOp tensors("fill_constant");
  tensors.In("ValueTensor", "v", F32({1}, {2.9f}))
      .In("ShapeTensor", "s", I32({2}, {1, 2}))
      .Out("Out", "y")
      .Ints("shape", {5})
      .Int("dtype", 2)
      .Float("value", 7)
      .Str("str_value", "8");
  ExpectTensor(tensors.Run("y"), I32({1, 2}, {2, 2}));
  SingleOp list("fill_constant");
  list.In("ShapeTensorList", "a", I64({1}, {2}))
      .In("ShapeTensorList", "b", I64({1}, {1}))
      .Out("Out", "y")
      .Int("dtype", 0)
      .Float("value", 1);
  ExpectTensor(list.Run("y"),
               HostTensor::From(DataType::kBool, {2, 1}, std::vector<uint8_t>{1, 1}));
}

TEST(InterpFillConstant, BatchSizeLikeAndAnyLike) {
  SingleOp batch("fill_constant_batch_size_like");
  batch.In("Input", "x", Iota({1, 5}))
      .Out("Out", "y")
      .Ints("shape", {-1, 2})
      .Int("dtype", 5)
      .Float("value", 3)
      .Int("input_dim_idx", 1)
      .Int("output_dim_idx", 0);
  ExpectTensor(batch.Run("y"), F32({5, 2}, std::vector<float>(10, 3)));
  SingleOp like("fill_any_like");
  like.In("X", "x", I64({2}, {5, 6})).Out("Out", "y").Float("value", 2).Int("dtype", -1);
  ExpectTensor(like.Run("y"), I64({2}, {2, 2}));
}

TEST(InterpAssignValue, TypedListsAndScalars) {
  SingleOp fp32("assign_value");
  fp32.Out("Out", "y").Ints("shape", {2, 1}).Int("dtype", 5).Floats("fp32_values", {0.5, -1});
  ExpectTensor(fp32.Run("y"), F32({2, 1}, {0.5f, -1}));
  SingleOp i64("assign_value");
  i64.Out("Out", "y")
      .Ints("shape", {2})
      .Int("dtype", 3)
      .Attr("int64_values", {AttrKind::kLongs, std::vector<int64_t>{1LL << 60, -2}});
  ExpectTensor(i64.Run("y"), I64({2}, {1LL << 60, -2}));
  SingleOp scalars("assign_value");
  std::vector<graph::Scalar> values = {{graph::Scalar::Kind::kInt, 3, 0, 0},
                                       {graph::Scalar::Kind::kFloat, 0, 4.5, 0}};
  scalars.Out("Out", "y")
      .Ints("shape", {2})
      .Int("dtype", 5)
      .Attr("values", {AttrKind::kScalars, values});
  ExpectTensor(scalars.Run("y"), F32({2}, {3, 4.5f}));
}

}  // namespace
}  // namespace pd2onnx::testing

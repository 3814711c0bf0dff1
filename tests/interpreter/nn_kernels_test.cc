// Hand-computed expectations for the subtle semantics of the interpreter's
// nn kernels: pooling windows, interpolation coordinates, conv padding.
// Every expected value is worked out in the comment beside it from Paddle's
// definition (docs/paddle-formats.md section 5), not from another
// implementation.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "single_op.h"
#include "support/error.h"

namespace pd2onnx::testing {
namespace {

// X = [[1 2 3], [4 5 6], [7 8 9]] as 1x1x3x3.
HostTensor Grid3x3() { return Iota({1, 1, 3, 3}, 1); }

SingleOp Pool(const std::string& type, HostTensor x) {
  SingleOp op("pool2d");
  op.In("X", "x", std::move(x)).Out("Out", "y").Str("pooling_type", type);
  return op;
}

// k=2, s=2, pad=1 on 3x3: out = (3 + 2 - 2) / 2 + 1 = 2. Row windows:
// i=0 starts at -1 → input rows [0, 1) (2 rows with padding); i=1 → [1, 3).
// Columns alike. Cells: {1}, {2,3}, {4,7}, {5,6,8,9}.
TEST(InterpPool2d, AvgExclusiveCountsOnlyRealElements) {
  auto op = Pool("avg", Grid3x3());
  op.Ints("ksize", {2, 2}).Ints("strides", {2, 2}).Ints("paddings", {1, 1}).Bool("exclusive", true);
  // 1/1, 5/2, 11/2, 28/4
  ExpectTensor(op.Run("y"), F32({1, 1, 2, 2}, {1, 2.5f, 5.5f, 7}));
}

TEST(InterpPool2d, AvgNonExclusiveDividesByWholeWindow) {
  auto op = Pool("avg", Grid3x3());
  op.Ints("ksize", {2, 2})
      .Ints("strides", {2, 2})
      .Ints("paddings", {1, 1})
      .Bool("exclusive", false);
  // Every window is 2x2 counting padding: 1/4, 5/4, 11/4, 28/4.
  ExpectTensor(op.Run("y"), F32({1, 1, 2, 2}, {0.25f, 1.25f, 2.75f, 7}));
}

TEST(InterpPool2d, MaxIgnoresPadding) {
  auto op = Pool("max", Grid3x3());
  op.Ints("ksize", {2, 2}).Ints("strides", {2, 2}).Ints("paddings", {1, 1});
  ExpectTensor(op.Run("y"), F32({1, 1, 2, 2}, {1, 3, 7, 9}));
}

// Four paddings are [top, bottom, left, right]: top 1, bottom 0, left 0,
// right 1 with k=2, s=2: out = (3 + 1 - 2)/2 + 1 = 2 both ways. Rows start
// at -1, 1 → [0,1), [1,3); columns start at 0, 2 → [0,2), [2,3).
TEST(InterpPool2d, FourPaddingsAreTopBottomLeftRight) {
  auto op = Pool("max", Grid3x3());
  op.Ints("ksize", {2, 2}).Ints("strides", {2, 2}).Ints("paddings", {1, 0, 0, 1});
  // {1,2}, {3}, {4,5,7,8}, {6,9}
  ExpectTensor(op.Run("y"), F32({1, 1, 2, 2}, {2, 3, 8, 9}));
}

// k=2, s=2, no padding, ceil_mode: out = (3 - 2 + 1)/2 + 1 = 2 (floor
// mode: 1). The last window starts at 2 and holds one row/column.
TEST(InterpPool2d, CeilModeAddsPartialWindow) {
  auto avg = Pool("avg", Grid3x3());
  avg.Ints("ksize", {2, 2})
      .Ints("strides", {2, 2})
      .Ints("paddings", {0, 0})
      .Bool("ceil_mode", true);
  // {1,2,4,5}/4 = 3, {3,6}/2 = 4.5, {7,8}/2 = 7.5, {9}/1 = 9
  ExpectTensor(avg.Run("y"), F32({1, 1, 2, 2}, {3, 4.5f, 7.5f, 9}));

  // Paddle's non-exclusive divisor is the window clipped to input+padding
  // (here no padding), so it equals the exclusive one.
  auto inclusive = Pool("avg", Grid3x3());
  inclusive.Ints("ksize", {2, 2})
      .Ints("strides", {2, 2})
      .Ints("paddings", {0, 0})
      .Bool("ceil_mode", true)
      .Bool("exclusive", false);
  ExpectTensor(inclusive.Run("y"), F32({1, 1, 2, 2}, {3, 4.5f, 7.5f, 9}));

  auto max = Pool("max", Grid3x3());
  max.Ints("ksize", {2, 2})
      .Ints("strides", {2, 2})
      .Ints("paddings", {0, 0})
      .Bool("ceil_mode", true);
  ExpectTensor(max.Run("y"), F32({1, 1, 2, 2}, {5, 6, 8, 9}));

  auto floor = Pool("max", Grid3x3());
  floor.Ints("ksize", {2, 2}).Ints("strides", {2, 2}).Ints("paddings", {0, 0});
  ExpectTensor(floor.Run("y"), F32({1, 1, 1, 1}, {5}));
}

// Adaptive 5 → 3: bin i covers [floor(5i/3), ceil(5(i+1)/3)) = [0,2), [1,4),
// [3,5) — uneven and overlapping.
TEST(InterpPool2d, AdaptiveUnevenBins) {
  auto avg = Pool("avg", Iota({1, 1, 1, 5}, 1));
  avg.Ints("ksize", {1, 3}).Bool("adaptive", true);
  // (1+2)/2, (2+3+4)/3, (4+5)/2
  ExpectTensor(avg.Run("y"), F32({1, 1, 1, 3}, {1.5f, 3, 4.5f}));

  auto max = Pool("max", Iota({1, 1, 1, 5}, 1));
  max.Ints("ksize", {1, 3}).Bool("adaptive", true);
  ExpectTensor(max.Run("y"), F32({1, 1, 1, 3}, {2, 4, 5}));
}

TEST(InterpPool2d, GlobalPoolingIgnoresKsizeAndPaddings) {
  auto op = Pool("avg", Grid3x3());
  op.Ints("ksize", {1, 1}).Bool("global_pooling", true).Ints("paddings", {1, 1});
  ExpectTensor(op.Run("y"), F32({1, 1, 1, 1}, {5}));  // 45 / 9
}

// SAME with k=3, s=2 on 4: out = ceil(4/2) = 2, total pad = (2-1)·2 + 3 - 4
// = 1 → begin 0, end 1. Row windows [0,3) and [2,4)+pad.
TEST(InterpPool2d, SamePaddingAndNhwc) {
  auto op = Pool("max", Iota({1, 4, 4, 1}, 1));  // NHWC, values 1..16
  op.Ints("ksize", {3, 3})
      .Ints("strides", {2, 2})
      .Str("padding_algorithm", "SAME")
      .Str("data_format", "NHWC");
  // max of rows/cols {0..2}: 11; {0..2}x{2,3}: 12; {2,3}x{0..2}: 15; 16
  ExpectTensor(op.Run("y"), F32({1, 2, 2, 1}, {11, 12, 15, 16}));
}

// ---- interpolation -------------------------------------------------------
// X = [[0, 1], [2, 3]]: value = 2·y + x is linear, so bilinear sampling at
// source coordinates (sy, sx) gives 2·sy + sx exactly (with coordinates
// clamped to [0, 1]). Output 4x4.
HostTensor BilinearFrom2x2(bool align_corners, int align_mode) {
  SingleOp op("bilinear_interp_v2");
  op.In("X", "x", Iota({1, 1, 2, 2}))
      .Out("Out", "y")
      .Int("out_h", 4)
      .Int("out_w", 4)
      .Str("interp_method", "bilinear")
      .Bool("align_corners", align_corners)
      .Int("align_mode", align_mode)
      .Str("data_layout", "NCHW");
  return op.Run("y");
}

HostTensor FromCoords(const std::vector<float>& c) {
  std::vector<float> values;
  for (float sy : c) {
    for (float sx : c) values.push_back(2 * sy + sx);
  }
  return F32({1, 1, 4, 4}, values);
}

TEST(InterpBilinear, AlignCornersMapsEndsToEnds) {
  // ratio = (2-1)/(4-1) = 1/3: source = i/3.
  const std::vector<float> c = {0, 1.f / 3, 2.f / 3, 1};
  ExpectTensor(BilinearFrom2x2(true, 1), FromCoords(c));
  ExpectTensor(BilinearFrom2x2(true, 0), FromCoords(c));  // align_mode is ignored
}

TEST(InterpBilinear, HalfPixelWhenAlignMode0) {
  // ratio = 2/4: source = max(0.5·(i + 0.5) - 0.5, 0) = 0, 0.25, 0.75, 1.25
  // and 1.25 reads row 1 only (clamped).
  ExpectTensor(BilinearFrom2x2(false, 0), FromCoords({0, 0.25f, 0.75f, 1}));
}

TEST(InterpBilinear, AsymmetricWhenAlignMode1) {
  // source = 0.5·i = 0, 0.5, 1, 1.5 (clamped to 1).
  ExpectTensor(BilinearFrom2x2(false, 1), FromCoords({0, 0.5f, 1, 1}));
}

// With a scale the ratio is 1/scale, not in/out: W 3 → int(3·1.5) = 4 with
// ratio 2/3 (in/out would be 3/4). align_mode 1: source = 2i/3.
TEST(InterpBilinear, ScaleSetsBothSizeAndRatio) {
  SingleOp op("bilinear_interp_v2");
  op.In("X", "x", Iota({1, 1, 1, 3}))
      .Out("Out", "y")
      .Int("out_h", -1)
      .Int("out_w", -1)
      .Floats("scale", {1.5, 1.5})
      .Str("interp_method", "bilinear")
      .Bool("align_corners", false)
      .Int("align_mode", 1);
  // H: 1 → int(1.5) = 1. X values equal their index, so out = source x.
  ExpectTensor(op.Run("y"), F32({1, 1, 1, 4}, {0, 2.f / 3, 4.f / 3, 2}));
}

TEST(InterpBilinear, OutSizeTensorBeatsAttributes) {
  SingleOp op("bilinear_interp_v2");
  op.In("X", "x", Iota({1, 1, 2, 2}))
      .In("OutSize", "size", I32({2}, {4, 4}))
      .Out("Out", "y")
      .Int("out_h", 3)
      .Int("out_w", 3)
      .Bool("align_corners", true)
      .Int("align_mode", 1);
  ExpectTensor(op.Run("y"), FromCoords({0, 1.f / 3, 2.f / 3, 1}));
}

TEST(InterpBilinear, SizeTensorBeatsOutSize) {
  SingleOp op("bilinear_interp_v2");
  op.In("X", "x", Iota({1, 1, 2, 2}))
      .In("SizeTensor", "h", I32({1}, {4}))
      .In("SizeTensor", "w", I32({1}, {4}))
      .In("OutSize", "size", I32({2}, {3, 3}))
      .Out("Out", "y")
      .Bool("align_corners", true)
      .Int("align_mode", 1);
  ExpectTensor(op.Run("y"), FromCoords({0, 1.f / 3, 2.f / 3, 1}));
}

TEST(InterpBilinear, NhwcLayout) {
  // Two channels: channel 1 is channel 0 + 10, interleaved in NHWC.
  std::vector<float> values;
  for (float v : {0.f, 1.f, 2.f, 3.f}) values.insert(values.end(), {v, v + 10});
  SingleOp op("bilinear_interp_v2");
  op.In("X", "x", F32({1, 2, 2, 2}, values))
      .Out("Out", "y")
      .Int("out_h", 4)
      .Int("out_w", 4)
      .Bool("align_corners", false)
      .Int("align_mode", 1)
      .Str("data_layout", "NHWC");
  const HostTensor y = op.Run("y");
  ASSERT_EQ(y.dims, (std::vector<int64_t>{1, 4, 4, 2}));
  const std::vector<float> c = {0, 0.5f, 1, 1};
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) {
      EXPECT_NEAR(y.data<float>()[(i * 4 + j) * 2], 2 * c[i] + c[j], 1e-6);
      EXPECT_NEAR(y.data<float>()[(i * 4 + j) * 2 + 1], 2 * c[i] + c[j] + 10, 1e-6);
    }
  }
}

// X = [10, 20, 30] (W = 3) → W = 5.
HostTensor NearestTo5(bool align_corners) {
  SingleOp op("nearest_interp_v2");
  op.In("X", "x", F32({1, 1, 1, 3}, {10, 20, 30}))
      .Out("Out", "y")
      .Int("out_h", 1)
      .Int("out_w", 5)
      .Str("interp_method", "nearest")
      .Bool("align_corners", align_corners)
      .Int("align_mode", 1);
  return op.Run("y");
}

TEST(InterpNearest, AlignCornersRoundsHalfUp) {
  // ratio = 2/4 = 0.5: source = int(0.5·i + 0.5) = 0, 1, 1, 2, 2
  ExpectTensor(NearestTo5(true), F32({1, 1, 1, 5}, {10, 20, 20, 30, 30}));
}

TEST(InterpNearest, WithoutAlignCornersFloors) {
  // ratio = 3/5: source = int(0.6·i) = 0, 0, 1, 1, 2
  ExpectTensor(NearestTo5(false), F32({1, 1, 1, 5}, {10, 10, 20, 20, 30}));
}

TEST(InterpNearest, ScaleAttributeDoubles) {
  SingleOp op("nearest_interp_v2");
  op.In("X", "x", F32({1, 1, 2, 2}, {1, 2, 3, 4}))
      .Out("Out", "y")
      .Int("out_h", -1)
      .Int("out_w", -1)
      .Floats("scale", {2, 2})
      .Bool("align_corners", false)
      .Int("align_mode", 1);
  // ratio 1/2: source = floor(i/2) = 0, 0, 1, 1
  ExpectTensor(op.Run("y"), F32({1, 1, 4, 4}, {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
}

// ---- convolution ---------------------------------------------------------
// X = 1..16 as 4x4, filter 3x3 of ones, stride 2, SAME: out = ceil(4/2) = 2,
// total pad = (2-1)·2 + 3 - 4 = 1 → top/left 0, bottom/right 1. Output
// windows: rows {0,1,2} or {2,3}, columns alike.
SingleOp SameConv() {
  SingleOp op("conv2d");
  op.In("Input", "x", Iota({1, 1, 4, 4}, 1))
      .In("Filter", "w", F32({1, 1, 3, 3}, std::vector<float>(9, 1)))
      .Out("Output", "y")
      .Ints("strides", {2, 2})
      .Ints("paddings", {5, 5})
      .Str("padding_algorithm", "SAME")
      .Int("groups", 1)
      .Ints("dilations", {1, 1});
  return op;
}

TEST(InterpConv2d, SamePaddingWithStride2) {
  // (1+2+3+5+6+7+9+10+11) = 54, (3+4+7+8+11+12) = 45,
  // (9+10+11+13+14+15) = 72, (11+12+15+16) = 54. `paddings` is ignored.
  ExpectTensor(SameConv().Run("y"), F32({1, 1, 2, 2}, {54, 45, 72, 54}));
}

TEST(InterpConv2d, SameIgnoresDilations) {
  auto op = SameConv();
  op.Ints("dilations", {2, 2});
  ExpectTensor(op.Run("y"), F32({1, 1, 2, 2}, {54, 45, 72, 54}));
}

TEST(InterpConv2d, ExplicitAsymmetricPaddingsAndDilation) {
  // paddings [top 1, bottom 0, left 0, right 1], 2x2 kernel of ones with
  // dilation 2 (taps at +0 and +2), stride 1, X = 1..16 as 4x4:
  // out H = (4 + 1 - 3) + 1 = 3, W = (4 + 1 - 3) + 1 = 3.
  // Output (oy, ox) sums rows {oy-1, oy+1} ∩ [0,4) and cols {ox, ox+2} ∩ [0,4).
  SingleOp op("conv2d");
  op.In("Input", "x", Iota({1, 1, 4, 4}, 1))
      .In("Filter", "w", F32({1, 1, 2, 2}, {1, 1, 1, 1}))
      .Out("Output", "y")
      .Ints("strides", {1, 1})
      .Ints("paddings", {1, 0, 0, 1})
      .Ints("dilations", {2, 2});
  // oy=0: row 1 only (5..8): cols {0,2}: 5+7=12, {1,3}: 6+8=14, {2}: 7
  // oy=1: rows 0,2: (1+3)+(9+11)=24, (2+4)+(10+12)=28, 3+11=14
  // oy=2: rows 1,3: (5+7)+(13+15)=40, (6+8)+(14+16)=44, 7+15=22
  ExpectTensor(op.Run("y"), F32({1, 1, 3, 3}, {12, 14, 7, 24, 28, 14, 40, 44, 22}));
}

TEST(InterpConv2d, GroupsAndNhwc) {
  // Two channels, groups 2 (depthwise), 1x1 filters [2] and [3]: each
  // channel is scaled by its own weight. NHWC input 1x1x2x2.
  SingleOp op("depthwise_conv2d");
  op.In("Input", "x", F32({1, 1, 2, 2}, {1, 10, 2, 20}))
      .In("Filter", "w", F32({2, 1, 1, 1}, {2, 3}))
      .Out("Output", "y")
      .Int("groups", 2)
      .Str("data_format", "NHWC");
  ExpectTensor(op.Run("y"), F32({1, 1, 2, 2}, {2, 30, 4, 60}));
}

// X = [[1,2],[3,4]], 3x3 filter of ones, stride 2, paddings 1:
// inferred out = (2-1)·2 - 2 + 3 = 3; output_padding 1 → 4. Input (iy, ix)
// scatters to rows iy·2 - 1 + {0,1,2}: iy=0 → {0,1}, iy=1 → {1,2,3}; so
// output row r sums input rows S(r): S(0)={0}, S(1)={0,1}, S(2)=S(3)={1}.
TEST(InterpConv2dTranspose, OutputPaddingExtendsTheEnd) {
  const HostTensor want = F32({1, 1, 4, 4}, {1, 3, 2, 2,    // row 0: x0·
                                             4, 10, 6, 6,   // row 1: both rows
                                             3, 7, 4, 4,    // row 2: x1·
                                             3, 7, 4, 4});  // row 3: x1·
  SingleOp op("conv2d_transpose");
  op.In("Input", "x", F32({1, 1, 2, 2}, {1, 2, 3, 4}))
      .In("Filter", "w", F32({1, 1, 3, 3}, std::vector<float>(9, 1)))
      .Out("Output", "y")
      .Ints("strides", {2, 2})
      .Ints("paddings", {1, 1})
      .Ints("output_padding", {1, 1});
  ExpectTensor(op.Run("y"), want);

  SingleOp sized("conv2d_transpose");
  sized.In("Input", "x", F32({1, 1, 2, 2}, {1, 2, 3, 4}))
      .In("Filter", "w", F32({1, 1, 3, 3}, std::vector<float>(9, 1)))
      .Out("Output", "y")
      .Ints("strides", {2, 2})
      .Ints("paddings", {1, 1})
      .Ints("output_size", {4, 4});
  ExpectTensor(sized.Run("y"), want);

  SingleOp plain("conv2d_transpose");
  plain.In("Input", "x", F32({1, 1, 2, 2}, {1, 2, 3, 4}))
      .In("Filter", "w", F32({1, 1, 3, 3}, std::vector<float>(9, 1)))
      .Out("Output", "y")
      .Ints("strides", {2, 2})
      .Ints("paddings", {1, 1});
  ExpectTensor(plain.Run("y"), F32({1, 1, 3, 3}, {1, 3, 2, 4, 10, 6, 3, 7, 4}));
}

TEST(InterpConv2dTranspose, GroupsPickTheirOwnFilterSlices) {
  // 2 input channels, groups 2, Filter [2, 1, 1, 1] = [2, 3]: output channel
  // g is input channel g times filter g.
  SingleOp op("conv2d_transpose");
  op.In("Input", "x", F32({1, 2, 1, 2}, {1, 2, 3, 4}))
      .In("Filter", "w", F32({2, 1, 1, 1}, {2, 3}))
      .Out("Output", "y")
      .Int("groups", 2);
  ExpectTensor(op.Run("y"), F32({1, 2, 1, 2}, {2, 4, 9, 12}));
}

// ---- other nn ops -------------------------------------------------------
TEST(InterpBatchNorm, NchwAndNhwc) {
  // y = (x - mean) / sqrt(var + eps) · scale + bias with var + eps = 4:
  // channel 0: (x - 1)/2·2 + 0 = x - 1; channel 1: (x - 0)/2·1 + 5.
  auto run = [](const std::string& layout, HostTensor x) {
    SingleOp op("batch_norm");
    op.In("X", "x", std::move(x))
        .In("Scale", "s", F32({2}, {2, 1}))
        .In("Bias", "b", F32({2}, {0, 5}))
        .In("Mean", "m", F32({2}, {1, 0}))
        .In("Variance", "v", F32({2}, {3.5f, 3.5f}))
        .Out("Y", "y")
        .Float("epsilon", 0.5)
        .Str("data_layout", layout);
    return op.Run("y");
  };
  ExpectTensor(run("NCHW", F32({1, 2, 1, 2}, {3, 5, 4, 6})), F32({1, 2, 1, 2}, {2, 4, 7, 8}));
  ExpectTensor(run("NHWC", F32({1, 1, 2, 2}, {3, 4, 5, 6})), F32({1, 1, 2, 2}, {2, 7, 4, 8}));
  ExpectTensor(run("NCHW", F32({2, 2}, {3, 4, 5, 6})), F32({2, 2}, {2, 7, 4, 8}));  // 2-D
}

TEST(InterpLayerNorm, NormalisesTrailingDims) {
  // Rows [1, 3] and [2, 6]: means 2, 4; variances 1, 4; eps 0.
  // Normalised: [-1, 1] both; scale [1, 2], bias [0, 1] → [-1, 3].
  SingleOp op("layer_norm");
  op.In("X", "x", F32({2, 2}, {1, 3, 2, 6}))
      .In("Scale", "s", F32({2}, {1, 2}))
      .In("Bias", "b", F32({2}, {0, 1}))
      .Out("Y", "y")
      .Out("Mean", "mean")
      .Out("Variance", "var")
      .Float("epsilon", 0)
      .Int("begin_norm_axis", 1);
  const auto out = op.Run();
  ExpectTensor(out.at("y"), F32({2, 2}, {-1, 3, -1, 3}));
  ExpectTensor(out.at("mean"), F32({2}, {2, 4}));
  ExpectTensor(out.at("var"), F32({2}, {1, 4}));
}

TEST(InterpSoftmax, AlongAxis) {
  // softmax([0, ln 3]) = [1/4, 3/4], along axis 0 of a 2x1 tensor.
  SingleOp op("softmax");
  op.In("X", "x", F32({2, 1}, {0, std::log(3.f)})).Out("Out", "y").Int("axis", 0);
  ExpectTensor(op.Run("y"), F32({2, 1}, {0.25f, 0.75f}));
}

TEST(InterpMatmul, TransposesAlphaAndVectors) {
  // X^T with X = [[1,2],[3,4]] is [[1,3],[2,4]]; times Y = [[1],[1]] → [4, 6],
  // times alpha 0.5 → [2, 3].
  SingleOp op("matmul");
  op.In("X", "x", F32({2, 2}, {1, 2, 3, 4}))
      .In("Y", "y", F32({2, 1}, {1, 1}))
      .Out("Out", "z")
      .Bool("transpose_X", true)
      .Float("alpha", 0.5);
  ExpectTensor(op.Run("z"), F32({2, 1}, {2, 3}));

  // 1-D · 1-D: [1, 2] · [3, 4] = 11 → shape [1] in matmul v1 (declared [1]).
  SingleOp dot("matmul");
  dot.In("X", "x", F32({2}, {1, 2})).In("Y", "y", F32({2}, {3, 4})).Out("Out", "z", {1});
  ExpectTensor(dot.Run("z"), F32({1}, {11}));
}

TEST(InterpMatmulV2, BroadcastsBatchDims) {
  // X [2, 1, 2] (two row vectors), Y [2, 1] broadcast to both batches.
  SingleOp op("matmul_v2");
  op.In("X", "x", F32({2, 1, 2}, {1, 2, 3, 4})).In("Y", "y", F32({2, 1}, {10, 1})).Out("Out", "z");
  ExpectTensor(op.Run("z"), F32({2, 1, 1}, {12, 34}));

  // trans_y with a 1-D X: X [2] is [1, 2]; Y^T = [[1, 0], [0, 1], [1, 1]]^T...
  // Y [3, 2] with trans_y → [2, 3]; [1, 2] @ Y^T = rows·: [1, 2, 3] → shape [3].
  SingleOp vec("matmul_v2");
  vec.In("X", "x", F32({2}, {1, 2}))
      .In("Y", "y", F32({3, 2}, {1, 0, 0, 1, 1, 1}))
      .Out("Out", "z")
      .Bool("trans_y", true);
  ExpectTensor(vec.Run("z"), F32({3}, {1, 2, 3}));
}

TEST(InterpMul, FlattensByNumColDims) {
  // X [1, 2, 2] with x_num_col_dims 1 → [1, 4]; Y [4, 1] → out [1, 1].
  SingleOp op("mul");
  op.In("X", "x", F32({1, 2, 2}, {1, 2, 3, 4}))
      .In("Y", "y", F32({4, 1}, {1, 1, 1, 1}))
      .Out("Out", "z")
      .Int("x_num_col_dims", 1)
      .Int("y_num_col_dims", 1);
  ExpectTensor(op.Run("z"), F32({1, 1}, {10}));
}

TEST(InterpDropout, InferenceModes) {
  SingleOp down("dropout");
  down.In("X", "x", F32({2}, {1, 2}))
      .Out("Out", "y")
      .Float("dropout_prob", 0.25)
      .Str("dropout_implementation", "downgrade_in_infer");
  ExpectTensor(down.Run("y"), F32({2}, {0.75f, 1.5f}));
  SingleOp up("dropout");
  up.In("X", "x", F32({2}, {1, 2}))
      .Out("Out", "y")
      .Float("dropout_prob", 0.25)
      .Str("dropout_implementation", "upscale_in_train");
  ExpectTensor(up.Run("y"), F32({2}, {1, 2}));
}

TEST(InterpLookupTable, PaddingIdxRowsAreZero) {
  const HostTensor w = F32({3, 2}, {1, 2, 3, 4, 5, 6});
  SingleOp v2("lookup_table_v2");
  v2.In("Ids", "ids", I64({2, 2}, {2, 0, 1, 2}))
      .In("W", "w", w)
      .Out("Out", "y")
      .Int("padding_idx", 1);
  ExpectTensor(v2.Run("y"), F32({2, 2, 2}, {5, 6, 1, 2, 0, 0, 5, 6}));
  // Negative padding_idx (other than -1) counts from the end: -2 → row 1.
  SingleOp v1("lookup_table");
  v1.In("Ids", "ids", I64({3, 1}, {1, 2, 0}))
      .In("W", "w", w)
      .Out("Out", "y")
      .Int("padding_idx", -2);
  ExpectTensor(v1.Run("y"), F32({3, 2}, {0, 0, 5, 6, 1, 2}));
}

TEST(InterpPixelShuffle, DepthToSpaceCrd) {
  // C = 4 = 1·2², H = W = 1: out[0, 0, i, j] = in[0, i·2 + j].
  SingleOp op("pixel_shuffle");
  op.In("X", "x", F32({1, 4, 1, 1}, {1, 2, 3, 4})).Out("Out", "y").Int("upscale_factor", 2);
  ExpectTensor(op.Run("y"), F32({1, 1, 2, 2}, {1, 2, 3, 4}));
  // NCHW with H = 1, W = 2: out[0, 0, i, 2w + j] = in[0, 2i + j, 0, w].
  SingleOp wide("pixel_shuffle");
  wide.In("X", "x", F32({1, 4, 1, 2}, {1, 2, 3, 4, 5, 6, 7, 8}))
      .Out("Out", "y")
      .Int("upscale_factor", 2);
  // in channels: c0=[1,2], c1=[3,4], c2=[5,6], c3=[7,8]
  // row 0: w0: c0[0], c1[0]; w1: c0[1], c1[1] → 1 3 2 4; row 1: 5 7 6 8
  ExpectTensor(wide.Run("y"), F32({1, 1, 2, 4}, {1, 3, 2, 4, 5, 7, 6, 8}));
  SingleOp nhwc("pixel_shuffle");
  nhwc.In("X", "x", F32({1, 1, 1, 4}, {1, 2, 3, 4}))
      .Out("Out", "y")
      .Int("upscale_factor", 2)
      .Str("data_format", "NHWC");
  ExpectTensor(nhwc.Run("y"), F32({1, 2, 2, 1}, {1, 2, 3, 4}));
}

// Paddle's ConvOutputSize rejects an empty output: a 1×3 kernel dilated by 2
// spans 5 columns of a 4-wide input, (4 - 5) / 1 + 1 = 0.
TEST(InterpDeformableConv, RejectsEmptyOutput) {
  SingleOp op("deformable_conv_v1");
  op.In("Input", "x", Iota({1, 1, 4, 4}))
      .In("Offset", "offset", F32({1, 6, 4, 0}, {}))
      .In("Filter", "w", F32({1, 1, 1, 3}, {1, 1, 1}))
      .Out("Output", "y")
      .Ints("strides", {1, 1})
      .Ints("paddings", {0, 0})
      .Ints("dilations", {1, 2})
      .Int("groups", 1)
      .Int("deformable_groups", 1);
  try {
    op.Run();
    ADD_FAILURE() << "an empty output was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not positive"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pd2onnx::testing

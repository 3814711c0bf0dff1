// Sweeps of the interpolation ops not in nn_extra_sweep_test.cc: the v1
// ops (bilinear, nearest, linear, trilinear, bicubic; `scale` is one float
// and steps by in/out) and linear / trilinear / bicubic _v2 (`scale` is a
// list, steps by 1/scale). Output size from out_* attributes, a scale or a
// run-time OutSize tensor (extents of 1 included: bicubic then samples at
// -0.5); align_corners / align_mode; channel-first or channel-last layouts.
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;

size_t SpatialRank(const std::string& op) {
  if (op.rfind("linear", 0) == 0) return 1;
  if (op.rfind("trilinear", 0) == 0) return 3;
  return 2;
}

std::string Layout(size_t n, bool channel_last) {
  const char* first[] = {"NCW", "NCHW", "NCDHW"};
  const char* last[] = {"NWC", "NHWC", "NDHWC"};
  return (channel_last ? last : first)[n - 1];
}

enum class SizeFrom { kExtents, kScale, kOutSize };

Generator InterpCase(std::string op) {
  return [op](Rng& rng) {
    const bool v1 = op.find("_v2") == std::string::npos;
    const bool bicubic = op.rfind("bicubic", 0) == 0;
    const std::string method = op.substr(0, op.find("_interp"));
    const size_t n = SpatialRank(op);
    const int64_t max_extent = n == 3 ? 3 : 5;
    std::vector<int64_t> spatial(n);
    for (int64_t& d : spatial) d = rng.Int(1, max_extent);
    const int64_t batch = rng.Int(1, 2), channels = rng.Int(1, 2);
    const bool channel_last = rng.Bool();
    const bool align_corners = rng.Bool();
    const int align_mode = static_cast<int>(rng.Int(0, 1));
    // v1 bicubic without align_corners only shrinks (Paddle truncates
    // negative source coordinates; the mapper refuses growing axes).
    const bool shrink_only = v1 && bicubic && !align_corners;
    const auto from = static_cast<SizeFrom>(rng.Int(0, shrink_only ? 1 : 2));

    std::vector<int64_t> x = {batch};
    if (!channel_last) x.push_back(channels);
    x.insert(x.end(), spatial.begin(), spatial.end());
    if (channel_last) x.push_back(channels);

    Case c;
    c.program.Input("x", kF32, x).Var("y", kF32, std::vector<int64_t>(n + 2, -1));
    OpBuilder b = c.program.Op(op).In("X", {"x"}).Out("Out", {"y"});
    b.Attr("interp_method", method)
        .Attr("data_layout", Layout(n, channel_last))
        .Attr("align_corners", align_corners)
        .Attr("align_mode", align_mode);
    const char* names[] = {"out_d", "out_h", "out_w"};
    std::vector<int> out(n);
    for (size_t i = 0; i < n; ++i) {
      out[i] = static_cast<int>(shrink_only ? rng.Int(1, spatial[i]) : rng.Int(1, 2 * max_extent));
    }
    std::string size_text;
    if (from == SizeFrom::kScale && v1) {
      // One scale for every axis; shrinking keeps int(in * scale) >= 1.
      std::vector<float> choices = {1.5f, 2.0f, 3.0f};
      if (!shrink_only) choices.push_back(0.5f);
      float scale = rng.Pick(choices);
      if (shrink_only) scale = 1.0f / scale;
      for (int64_t d : spatial) {
        if (static_cast<int64_t>(static_cast<float>(d) * scale) < 1) scale = 1.0f;
      }
      b.Attr("scale", scale);
      size_text = fmt::format("scale={}", scale);
    } else if (from == SizeFrom::kScale) {
      std::vector<float> scale(n);
      for (size_t i = 0; i < n; ++i) {
        scale[i] = rng.Pick(std::vector<float>{1.5f, 2.0f, 3.0f, 0.5f});
        if (static_cast<int64_t>(static_cast<float>(spatial[i]) * scale[i]) < 1) scale[i] = 2.0f;
      }
      b.Attr("scale", scale);
      size_text = fmt::format("scale={}", scale);
    } else {
      for (size_t i = 0; i < n; ++i) b.Attr(names[3 - n + i], out[i]);
      size_text = fmt::format("out={}", out);
      if (from == SizeFrom::kOutSize) {
        // OutSize wins over out_*, which then hold something else.
        std::vector<int32_t> size(n);
        for (size_t i = 0; i < n; ++i) size[i] = static_cast<int32_t>(rng.Int(1, 2 * max_extent));
        c.program.Input("out_size", DataType::kInt32, {static_cast<int64_t>(n)});
        b.In("OutSize", {"out_size"});
        c.feeds["out_size"] =
            HostTensor::From<int32_t>(DataType::kInt32, {static_cast<int64_t>(n)}, size);
        size_text += fmt::format(" OutSize={}", size);
      }
    }
    for (size_t i = 0; i < 3 - n; ++i) b.Attr(names[i], -1);
    if (v1 && from != SizeFrom::kScale) b.Attr("scale", 0.0f);
    if (!v1 && from != SizeFrom::kScale) b.Attr("scale", std::vector<float>{});
    c.program.Output("y");
    c.feeds["x"] = RandomTensor(kF32, x, rng.TensorSeed(), -2, 2);
    c.description = fmt::format("x {} {} {} align_corners={} align_mode={}", ShapeText(kF32, x),
                                Layout(n, channel_last), size_text, align_corners, align_mode);
    return c;
  };
}
PD2ONNX_SWEEP(bilinear_interp, InterpCase("bilinear_interp"))
PD2ONNX_SWEEP(nearest_interp, InterpCase("nearest_interp"))
PD2ONNX_SWEEP(linear_interp, InterpCase("linear_interp"))
PD2ONNX_SWEEP(trilinear_interp, InterpCase("trilinear_interp"))
PD2ONNX_SWEEP(linear_interp_v2, InterpCase("linear_interp_v2"))
PD2ONNX_SWEEP(trilinear_interp_v2, InterpCase("trilinear_interp_v2"))
PD2ONNX_SWEEP(bicubic_interp, InterpCase("bicubic_interp"))
PD2ONNX_SWEEP(bicubic_interp_v2, InterpCase("bicubic_interp_v2"))

}  // namespace
}  // namespace pd2onnx::testing::sweep

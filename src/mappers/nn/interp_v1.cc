// The v1 interpolation ops bilinear_interp, nearest_interp, bicubic_interp,
// linear_interp and trilinear_interp, following Paddle's fluid
// interpolate_op.h. They sample exactly as their `_v2` successors except
// for how the output size and the step are found:
//
// * output size: SizeTensor > OutSize > a positive scale (Scale input's
//   first value, else the float `scale` attribute) applied to every spatial
//   axis, out = int(in · scale) > out_d / out_h / out_w;
// * step: (in - 1)/(out - 1) with align_corners, else in/out ALWAYS — even
//   when a scale gave the size (v2 steps by 1/scale then);
// * bicubic truncates the source coordinate toward zero where v2 floors
//   it; the two differ only for negative coordinates, i.e. without
//   align_corners when an axis is enlarged.
//
// So a v1 op is its v2 op with the size given as sizes (never as scales):
// the mapper rewrites the op (scale resolved into out_* extents) and runs
// the v2 mapper, reusing its layout, identity and Resize handling. Resize
// with sizes needs opset 11.
#include <cmath>
#include <string>
#include <vector>

#include "mappers/map_context.h"
#include "mappers/nn/common.h"
#include "mappers/nn/nn.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

size_t SpatialRank(const graph::Op& op) {
  if (op.type == "linear_interp") return 1;
  if (op.type == "trilinear_interp") return 3;
  return 2;
}

// Paddle writes "NCHW" or "NHWC" for every rank; its kernels read the
// channel from dim 1 only for a channel-first layout.
bool IsChannelLastLayout(const std::string& layout) {
  return layout != "NCHW" && layout != "NCW" && layout != "NCDHW";
}

OpsetNeed MinOpset(const graph::Op& op) {
  return {11, op.type + " steps by in/out (Resize-11 sizes)"};
}

// The extent attribute names of the last n spatial axes.
std::vector<std::string> ExtentNames(size_t n) {
  const std::vector<std::string> all = {"out_d", "out_h", "out_w"};
  return {all.end() - static_cast<std::ptrdiff_t>(n), all.end()};
}

// The scale in force when neither SizeTensor nor OutSize is given (<= 0:
// none). A run-time Scale input cannot become Resize sizes here.
float ScaleOf(MapContext& cx, const graph::Op& op) {
  if (!op.HasInput("Scale")) return op.Attr<float>("scale", 0.0f);
  const graph::ConstTensor* value = cx.ConstantInput(op, "Scale");
  PD2ONNX_CHECK(value != nullptr, ErrorKind::kUnsupported,
                "{}: a Scale input computed at run time is not supported (the output size "
                "int(in * scale) is needed as Resize sizes)",
                op.type);
  const std::vector<double> values = value->ToDouble();
  PD2ONNX_CHECK(!values.empty(), ErrorKind::kInvalidInput, "{}: the Scale input is empty", op.type);
  return static_cast<float>(values[0]);
}

// 1, 2, 4, ...: in * scale is then exact and whole for every extent.
bool IsPowerOfTwoAtLeastOne(float scale) {
  int exponent = 0;
  return scale >= 1.0f && std::frexp(scale, &exponent) == 0.5f;
}

// Replaces a positive scale by the out_* extents it gives, which needs the
// input's spatial extents at conversion time, or by the v2 op's scale
// attribute where the two ops agree.
void ResolveScale(MapContext& cx, const graph::Op& op, graph::Op& v2,
                  const std::vector<int64_t>& in) {
  const float scale = ScaleOf(cx, op);
  if (scale <= 0) return;
  if (!nn::AllKnown(in) && in.size() == 2 && IsPowerOfTwoAtLeastOne(scale)) {
    // in * scale is a whole number, so in/out is exactly 1/scale: the v2
    // op's step, and Resize's with scales.
    v2.attrs["scale"] =
        graph::Attribute(graph::AttrKind::kFloats, std::vector<double>{scale, scale});
    return;
  }
  PD2ONNX_CHECK(nn::AllKnown(in), ErrorKind::kUnsupported,
                "{}: scale={} with unknown input extents {} is not supported (the output size "
                "int(in * scale) must be known; with unknown extents only scales 1, 2, 4, ... "
                "step exactly by 1/scale)",
                op.type, scale, graph::ShapeToString(in));
  const std::vector<std::string> names = ExtentNames(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const auto out = static_cast<int64_t>(static_cast<float>(in[i]) * scale);
    v2.attrs[names[i]] = graph::Attribute(graph::AttrKind::kInt, out);
  }
}

// The output extents when known now (empty otherwise).
std::vector<int64_t> KnownExtents(MapContext& cx, const graph::Op& v2, size_t n) {
  if (v2.HasInput("SizeTensor") || v2.HasInput("OutSize")) {
    auto list = v2.HasInput("SizeTensor") ? IntListFromTensorList(cx, v2, "SizeTensor")
                                          : IntListFromTensor(cx, v2, "OutSize");
    return list->known() ? *list->values : std::vector<int64_t>{};
  }
  std::vector<int64_t> out;
  for (const std::string& name : ExtentNames(n)) out.push_back(v2.Attr<int64_t>(name, 0));
  return out;
}

// v1 bicubic truncates negative source coordinates: only shrinking (or
// unchanged) axes are expressible without align_corners.
void CheckBicubic(MapContext& cx, const graph::Op& op, const graph::Op& v2,
                  const std::vector<int64_t>& in) {
  if (op.type != "bicubic_interp" || op.Attr<bool>("align_corners", true)) return;
  const std::vector<int64_t> out = KnownExtents(cx, v2, in.size());
  bool ok = nn::AllKnown(in) && !out.empty();
  for (size_t i = 0; ok && i < in.size(); ++i) ok = out[i] <= in[i];
  PD2ONNX_CHECK(ok, ErrorKind::kUnsupported,
                "bicubic_interp with align_corners=false truncates negative source coordinates "
                "(Resize floors them): only output extents known not to exceed the input's "
                "(input {}) are supported",
                graph::ShapeToString(in));
}

void Emit11(MapContext& cx, const graph::Op& op) {
  const size_t n = SpatialRank(op);
  const graph::Var& x_var = cx.InputVar(op, "X");
  PD2ONNX_CHECK(x_var.shape.size() == n + 2, ErrorKind::kUnsupported, "X has rank {}, expected {}",
                x_var.shape.size(), n + 2);
  const bool channel_last = IsChannelLastLayout(op.Attr<std::string>("data_layout", "NCHW"));
  const std::vector<int64_t> in = nn::SpatialDims(x_var, channel_last, n);

  graph::Op v2 = op;
  v2.type = op.type + "_v2";
  v2.attrs.erase("scale");
  for (graph::Slot& slot : v2.inputs) {
    if (slot.name == "Scale") slot.args.clear();
  }
  if (!op.HasInput("SizeTensor") && !op.HasInput("OutSize")) ResolveScale(cx, op, v2, in);
  if (op.HasInput("SizeTensor")) {
    for (graph::Slot& slot : v2.inputs) {
      if (slot.name == "OutSize") slot.args.clear();
    }
  }
  CheckBicubic(cx, op, v2, in);
  if (op.type == "bicubic_interp") return EmitInterpV2Resize(cx, v2, true);

  const OpMapper* mapper = BuiltinRegistry().Find(v2.type);
  PD2ONNX_CHECK(mapper != nullptr, ErrorKind::kInternal, "no mapper for {}", v2.type);
  const EmitFn emit = mapper->ForOpset(cx.opset());
  PD2ONNX_CHECK(emit != nullptr, ErrorKind::kInternal, "{} has no variant for opset {}", v2.type,
                cx.opset());
  emit(cx, v2);
}

}  // namespace

void RegisterInterpV1(Registry& r) {
  for (const char* type : {"bicubic_interp", "bilinear_interp", "linear_interp", "nearest_interp",
                           "trilinear_interp"}) {
    r.Add(type, MinOpset, {{11, Emit11}});
  }
}

}  // namespace pd2onnx::mappers

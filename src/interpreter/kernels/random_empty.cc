// empty, gaussian_random and uniform_random. The shape comes from
// ShapeTensor > ShapeTensorList > `shape`, the dtype from `dtype`
// (float32 by default). empty's values are unspecified in Paddle: zeros
// here. The random ops draw from std::mt19937_64 (seeded by `seed`, or a
// fixed seed when it is 0): the values follow Paddle's distributions, not
// its generator, so only statistics can be compared.
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "interpreter/kernels/ops_gap.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

Dims ShapeOf(const KernelContext& ctx) {
  if (const HostTensor* t = ctx.OptionalInput("ShapeTensor")) return IntValues(*t);
  const auto list = ctx.InputList("ShapeTensorList");
  if (!list.empty()) {
    Dims dims;
    for (const HostTensor* t : list) dims.push_back(ScalarInt(*t, "ShapeTensorList"));
    return dims;
  }
  return ctx.Attr<std::vector<int64_t>>("shape", {});
}

DataType DtypeOf(const KernelContext& ctx) {
  const int64_t paddle_dtype = ctx.Attr<int64_t>("dtype", 5);
  const std::optional<DataType> dtype = graph::DataTypeFromPaddle(paddle_dtype);
  PD2ONNX_CHECK(dtype.has_value(), ErrorKind::kUnsupported, "dtype {} is not a tensor type",
                paddle_dtype);
  return *dtype;
}

// Fills a float64 tensor from `draw` and converts it to the op's dtype.
template <typename Draw>
void Random(KernelContext& ctx, Draw draw) {
  const Dims dims = ShapeOf(ctx);
  const int64_t seed = ctx.Attr<int64_t>("seed", 0);
  std::mt19937_64 gen(seed != 0 ? static_cast<uint64_t>(seed) : 20240601u);
  HostTensor values(DataType::kFloat64, dims);
  for (int64_t i = 0; i < values.numel(); ++i) values.data<double>()[i] = draw(gen);
  ctx.SetOutput("Out", CastTo(values, DtypeOf(ctx)));
}

}  // namespace

void Empty(KernelContext& ctx) { ctx.SetOutput("Out", HostTensor(DtypeOf(ctx), ShapeOf(ctx))); }

void GaussianRandom(KernelContext& ctx) {
  std::normal_distribution<double> dist(ctx.Attr<double>("mean", 0.0),
                                        ctx.Attr<double>("std", 1.0));
  Random(ctx, [&](std::mt19937_64& gen) { return dist(gen); });
}

void UniformRandom(KernelContext& ctx) {
  PD2ONNX_CHECK(ctx.Attr<int64_t>("diag_num", 0) <= 0, ErrorKind::kUnsupported,
                "uniform_random with diag_num > 0 is not supported");
  std::uniform_real_distribution<double> dist(ctx.Attr<double>("min", -1.0),
                                              ctx.Attr<double>("max", 1.0));
  Random(ctx, [&](std::mt19937_64& gen) { return dist(gen); });
}

}  // namespace pd2onnx::interp::kernels

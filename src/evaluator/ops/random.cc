// Random generators, from the ONNX spec: RandomNormal / RandomUniform
// (`shape` attribute) and RandomNormalLike / RandomUniformLike (the shape,
// and by default the dtype, of input 0). `dtype` defaults to float32; a
// `seed` attribute seeds the generator, otherwise a fixed seed keeps runs
// reproducible. Values follow the distribution, not any runtime's stream.
#include <cstdint>
#include <random>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {
namespace {

constexpr int kOnnxFloat = 1;

template <typename Draw>
Tensor Generate(const OpContext& cx, DataType dtype, std::vector<int64_t> dims, Draw draw) {
  const auto seed = static_cast<uint64_t>(cx.Float("seed", 0.0) * 1000.0);
  std::mt19937_64 gen(cx.HasAttr("seed") ? seed : 5489u);
  Tensor y(dtype, std::move(dims));
  PD2ONNX_CHECK(y.is_float(), ErrorKind::kUnsupported, "random generators make float tensors");
  for (int64_t k = 0; k < y.numel(); ++k) y.Set(k, draw(gen));
  return y;
}

DataType GeneratedType(const OpContext& cx, bool like) {
  if (like && !cx.HasAttr("dtype")) return cx.In(0).dtype;
  return DataTypeFromOnnx(static_cast<int>(cx.Int("dtype", kOnnxFloat)));
}

std::vector<int64_t> GeneratedDims(const OpContext& cx, bool like) {
  return like ? cx.In(0).dims : cx.Ints("shape");
}

template <bool kLike>
std::vector<Tensor> RandomNormal(const OpContext& cx) {
  std::normal_distribution<double> dist(cx.Float("mean", 0.0), cx.Float("scale", 1.0));
  return {Generate(cx, GeneratedType(cx, kLike), GeneratedDims(cx, kLike),
                   [&](std::mt19937_64& g) { return dist(g); })};
}

template <bool kLike>
std::vector<Tensor> RandomUniform(const OpContext& cx) {
  std::uniform_real_distribution<double> dist(cx.Float("low", 0.0), cx.Float("high", 1.0));
  return {Generate(cx, GeneratedType(cx, kLike), GeneratedDims(cx, kLike),
                   [&](std::mt19937_64& g) { return dist(g); })};
}

}  // namespace

void RegisterRandomOps(OpTable& t) {
  t["RandomNormal"] = RandomNormal<false>;
  t["RandomNormalLike"] = RandomNormal<true>;
  t["RandomUniform"] = RandomUniform<false>;
  t["RandomUniformLike"] = RandomUniform<true>;
}

}  // namespace pd2onnx::eval

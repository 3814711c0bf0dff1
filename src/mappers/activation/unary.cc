// Paddle unary ops that are exactly one ONNX node of the same meaning.
#include <array>
#include <string_view>
#include <utility>

#include "mappers/activation/activation.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kUnaryOps = {{
    {"abs", "Abs"},
    {"exp", "Exp"},
    {"log", "Log"},
    {"relu", "Relu"},
    {"sigmoid", "Sigmoid"},
    {"sqrt", "Sqrt"},
    {"tanh", "Tanh"},
}};

std::string_view OnnxTypeFor(std::string_view paddle_type) {
  for (const auto& [paddle, onnx] : kUnaryOps) {
    if (paddle == paddle_type) return onnx;
  }
  Fail(ErrorKind::kInternal, "no ONNX op listed for unary op '{}'", paddle_type);
}

void Emit7(MapContext& cx, const graph::Op& op) {
  cx.Bind(op, "Out", cx.Node(OnnxTypeFor(op.type), {cx.Input(op, "X")}));
}

}  // namespace

void RegisterUnaryActivations(Registry& r) {
  for (const auto& [paddle, onnx] : kUnaryOps) r.Add(std::string(paddle), AnyOpset, {{7, Emit7}});
}

}  // namespace pd2onnx::mappers

#include "evaluator/evaluator.h"

#include "support/error.h"

namespace pd2onnx::eval {

TensorMap Evaluate(const onnx::ModelProto&, const TensorMap&) {
  Fail(ErrorKind::kUnsupported, "the ONNX evaluator is not implemented yet");
}

bool SupportsOp(const std::string&) { return false; }

}  // namespace pd2onnx::eval

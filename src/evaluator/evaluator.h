// A reference evaluator for ONNX models: plain CPU loops written from the
// ONNX operator specification, covering every op pd2onnx emits. With the
// Paddle interpreter it lets `pd2onnx verify` check a conversion without
// Paddle and without ONNX Runtime.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <vector>

#include "graph/host_tensor.h"

namespace pd2onnx::eval {

using TensorMap = std::map<std::string, graph::HostTensor, std::less<>>;

// Runs the model's graph on `inputs` (by graph input name) and returns the
// graph outputs by name. Throws pd2onnx::Error naming the node on an
// unsupported op or invalid value.
TensorMap Evaluate(const onnx::ModelProto& model, const TensorMap& inputs);

bool SupportsOp(const std::string& op_type);

}  // namespace pd2onnx::eval

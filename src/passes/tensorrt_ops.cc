// --deploy_backend tensorrt: ops TensorRT's ONNX parser rejects, rewritten
// into exact equivalents it accepts:
//   Reciprocal(x)          → Div(1, x)             (IEEE 1/x either way)
//   IsInf(x)               → Equal(Abs(x), inf)    (or x == ±inf per attributes)
//   Mod(a, b), integers    → a - (a / b) * b, plus b where Python's sign rule
//                            differs from truncation (fmod = 0)
// Float Mod and ops without an exact equivalent stay as they are.
#include <cmath>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

#include "evaluator/tensor.h"
#include "graph/dtype.h"
#include "passes/graph.h"
#include "passes/shape_inference.h"
#include "passes/tensorrt_friendly.h"

namespace pd2onnx::passes {
namespace {

using graph::DataType;

// A 0-D tensor of `dtype` holding `value` (the evaluator's conversion).
graph::ConstTensor ScalarTensor(DataType dtype, double value) {
  eval::Tensor t(dtype, {});
  t.Set(0, value);
  return eval::ToHost(t).ToConst();
}

class Rewriter {
 public:
  explicit Rewriter(emit::Model& model) : model_(model), types_(InferShapes(model)) {
    for (const auto& node : model.nodes) names_.insert(node.output().begin(), node.output().end());
    for (const auto& init : model.initializers) names_.insert(init.name);
    for (const auto& input : model.inputs) names_.insert(input.name);
  }

  DataType DtypeOf(const std::string& name) const {
    const auto it = types_.find(name);
    return it == types_.end() ? DataType::kUndefined : it->second.dtype;
  }

  // A node writing `output` (a fresh name when empty); returns the output.
  std::string Add(std::vector<onnx::NodeProto>& out, const std::string& op,
                  const std::vector<std::string>& inputs, const std::string& base,
                  std::string output = "") {
    if (output.empty()) output = Fresh(base + "/" + op);
    onnx::NodeProto& node = out.emplace_back();
    node.set_op_type(op);
    node.set_name(output);
    for (const auto& in : inputs) node.add_input(in);
    node.add_output(output);
    return output;
  }

  std::string Scalar(DataType dtype, double value, const std::string& base) {
    const std::string name = Fresh(base + "/const");
    model_.initializers.push_back({name, ScalarTensor(dtype, value)});
    return name;
  }

 private:
  std::string Fresh(const std::string& base) {
    std::string name = base;
    for (int k = 1; names_.count(name) > 0; ++k) name = base + "_" + std::to_string(k);
    names_.insert(name);
    return name;
  }

  emit::Model& model_;
  ValueTypes types_;
  std::unordered_set<std::string> names_;
};

bool IsFloat(DataType t) {
  return t == DataType::kFloat32 || t == DataType::kFloat64 || t == DataType::kFloat16;
}

bool IsSignedInteger(DataType t) {
  return t == DataType::kInt32 || t == DataType::kInt64 || t == DataType::kInt16 ||
         t == DataType::kInt8;
}

// Appends the replacement of `node` to `out`; false when it has none.
bool Replace(Rewriter& r, const onnx::NodeProto& node, std::vector<onnx::NodeProto>& out) {
  if (!node.domain().empty() || node.output_size() != 1) return false;
  const std::string& y = node.output(0);
  const std::string& op = node.op_type();
  const DataType dtype = node.input_size() > 0 ? r.DtypeOf(node.input(0)) : DataType::kUndefined;
  if (op == "Reciprocal" && IsFloat(dtype)) {
    r.Add(out, "Div", {r.Scalar(dtype, 1.0, y), node.input(0)}, y, y);
    return true;
  }
  if (op == "IsInf" && IsFloat(dtype)) {
    const bool positive = IntAttr(node, "detect_positive", 1) != 0;
    const bool negative = IntAttr(node, "detect_negative", 1) != 0;
    if (!positive && !negative) return false;  // always false: rare, left alone
    const double inf = std::numeric_limits<double>::infinity();
    std::string v = node.input(0);
    if (positive && negative) v = r.Add(out, "Abs", {v}, y);
    r.Add(out, "Equal", {v, r.Scalar(dtype, positive ? inf : -inf, y)}, y, y);
    return true;
  }
  if (op == "Mod" && IntAttr(node, "fmod", 0) == 0 && IsSignedInteger(dtype) &&
      r.DtypeOf(node.input(1)) == dtype) {
    const std::string& a = node.input(0);
    const std::string& b = node.input(1);
    // Truncated remainder, then Python's rule: a non-zero remainder takes
    // the divisor's sign (add b when the signs differ).
    const std::string quotient = r.Add(out, "Div", {a, b}, y);
    const std::string rem = r.Add(out, "Sub", {a, r.Add(out, "Mul", {quotient, b}, y)}, y);
    const std::string zero = r.Scalar(dtype, 0, y);
    const std::string signs_differ = r.Add(
        out, "Xor", {r.Add(out, "Less", {rem, zero}, y), r.Add(out, "Less", {b, zero}, y)}, y);
    const std::string nonzero = r.Add(out, "Not", {r.Add(out, "Equal", {rem, zero}, y)}, y);
    const std::string fix = r.Add(out, "And", {nonzero, signs_differ}, y);
    r.Add(out, "Where", {fix, r.Add(out, "Add", {rem, b}, y), rem}, y, y);
    return true;
  }
  return false;
}

}  // namespace

int ReplaceOpsTensorRtRejects(emit::Model& model) {
  Rewriter rewriter(model);
  std::vector<onnx::NodeProto> nodes;
  nodes.reserve(model.nodes.size());
  int replaced = 0;
  for (onnx::NodeProto& node : model.nodes) {
    if (Replace(rewriter, node, nodes)) {
      ++replaced;
    } else {
      nodes.push_back(std::move(node));
    }
  }
  model.nodes = std::move(nodes);
  return replaced;
}

}  // namespace pd2onnx::passes

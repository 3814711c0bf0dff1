#include "evaluator/op_context.h"

#include "support/error.h"

namespace pd2onnx::eval {

const Tensor& OpContext::In(size_t k) const {
  PD2ONNX_CHECK(HasInput(k), ErrorKind::kInvalidInput, "input {} is missing", k);
  return *inputs_[k];
}

std::vector<Tensor> OpContext::RunSubgraph(const onnx::GraphProto& graph,
                                           const std::vector<Tensor>& inputs) const {
  PD2ONNX_CHECK(runner_ != nullptr, ErrorKind::kInternal, "no sub-graph runner");
  return (*runner_)(graph, inputs);
}

const onnx::AttributeProto* OpContext::Find(const std::string& name) const {
  for (const auto& attr : node_.attribute()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

int64_t OpContext::Int(const std::string& name, int64_t fallback) const {
  const auto* attr = Find(name);
  return attr ? attr->i() : fallback;
}

double OpContext::Float(const std::string& name, double fallback) const {
  const auto* attr = Find(name);
  return attr ? attr->f() : fallback;
}

std::string OpContext::Str(const std::string& name, const std::string& fallback) const {
  const auto* attr = Find(name);
  return attr ? attr->s() : fallback;
}

std::vector<int64_t> OpContext::Ints(const std::string& name) const {
  return IntsIfAny(name).value_or(std::vector<int64_t>{});
}

std::optional<std::vector<int64_t>> OpContext::IntsIfAny(const std::string& name) const {
  const auto* attr = Find(name);
  if (attr == nullptr) return std::nullopt;
  return std::vector<int64_t>(attr->ints().begin(), attr->ints().end());
}

std::vector<double> OpContext::Floats(const std::string& name) const {
  const auto* attr = Find(name);
  if (attr == nullptr) return {};
  return std::vector<double>(attr->floats().begin(), attr->floats().end());
}

const onnx::TensorProto* OpContext::TensorAttr(const std::string& name) const {
  const auto* attr = Find(name);
  return attr && attr->has_t() ? &attr->t() : nullptr;
}

}  // namespace pd2onnx::eval

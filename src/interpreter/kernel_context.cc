#include "interpreter/kernel_context.h"

#include "support/error.h"

namespace pd2onnx::interp {

Workspace::Workspace(const graph::Program& program, const TensorMap& feeds)
    : program_(program), feeds_(feeds) {}

const graph::HostTensor* Workspace::Find(const std::string& name) {
  if (auto it = values_.find(name); it != values_.end()) return &it->second;
  if (const graph::ConstTensor* param = program_.FindParam(name)) {
    auto [it, inserted] = values_.emplace(name, graph::HostTensor::FromConst(*param));
    return &it->second;
  }
  return nullptr;
}

const TensorArray* Workspace::FindArray(const std::string& name) const {
  auto it = arrays_.find(name);
  return it == arrays_.end() ? nullptr : &it->second;
}

void Workspace::SetArray(const std::string& name, TensorArray value) {
  arrays_.insert_or_assign(name, std::move(value));
}

void Workspace::Set(const std::string& name, graph::HostTensor value) {
  values_.insert_or_assign(name, std::move(value));
}

const graph::HostTensor& KernelContext::Input(std::string_view slot, size_t i) const {
  const std::string& name = op_.Input(slot, i);
  const graph::HostTensor* value = workspace_.Find(name);
  PD2ONNX_CHECK(value != nullptr, ErrorKind::kInvalidInput,
                "input '{}' (slot {}) has no value: no earlier op wrote it and it is neither a "
                "fed input nor a parameter",
                name, slot);
  return *value;
}

const graph::HostTensor* KernelContext::OptionalInput(std::string_view slot) const {
  if (!op_.HasInput(slot)) return nullptr;
  return &Input(slot, 0);
}

std::vector<const graph::HostTensor*> KernelContext::InputList(std::string_view slot) const {
  std::vector<const graph::HostTensor*> values;
  for (size_t i = 0; i < op_.Inputs(slot).size(); ++i) values.push_back(&Input(slot, i));
  return values;
}

void KernelContext::SetOutput(std::string_view slot, graph::HostTensor value, size_t i) {
  const auto& names = op_.Outputs(slot);
  if (i >= names.size()) return;
  outputs_.emplace_back(names[i], std::move(value));
}

const graph::Var* KernelContext::OutputVar(std::string_view slot, size_t i) const {
  const auto& names = op_.Outputs(slot);
  if (i >= names.size()) return nullptr;
  return program_.FindVar(op_.block_idx, names[i]);
}

std::vector<int64_t> KernelContext::ScalarShape(std::string_view slot) const {
  const graph::Var* var = OutputVar(slot);
  if (var != nullptr && var->shape.empty()) return {};
  return {1};
}

TensorArray KernelContext::InputArray(std::string_view slot, size_t i) const {
  return ArrayValue(op_.Input(slot, i));
}

TensorArray KernelContext::ArrayValue(const std::string& name) const {
  const TensorArray* array = workspace_.FindArray(name);
  return array == nullptr ? TensorArray{} : *array;
}

void KernelContext::SetOutputArray(std::string_view slot, TensorArray value, size_t i) {
  const auto& names = op_.Outputs(slot);
  if (i >= names.size()) return;
  array_outputs_.emplace_back(names[i], std::move(value));
}

}  // namespace pd2onnx::interp

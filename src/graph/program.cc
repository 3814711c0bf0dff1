#include "graph/program.h"

#include <algorithm>
#include <set>

#include "support/error.h"

namespace pd2onnx::graph {

namespace {

const std::vector<std::string>& FindSlot(const std::vector<Slot>& slots, std::string_view name) {
  static const std::vector<std::string> kEmpty;
  for (const Slot& slot : slots) {
    if (slot.name == name) return slot.args;
  }
  return kEmpty;
}

template <typename T>
std::vector<T> Narrow(const std::vector<int64_t>& values) {
  return std::vector<T>(values.begin(), values.end());
}

}  // namespace

const std::vector<std::string>& Op::Inputs(std::string_view slot) const {
  return FindSlot(inputs, slot);
}

const std::vector<std::string>& Op::Outputs(std::string_view slot) const {
  return FindSlot(outputs, slot);
}

const std::string& Op::Input(std::string_view slot, size_t i) const {
  const auto& args = Inputs(slot);
  PD2ONNX_CHECK(i < args.size(), ErrorKind::kInvalidInput,
                "input slot '{}' has {} variable(s), variable #{} is required", slot, args.size(),
                i);
  return args[i];
}

const std::string& Op::Output(std::string_view slot, size_t i) const {
  const auto& args = Outputs(slot);
  PD2ONNX_CHECK(i < args.size(), ErrorKind::kInvalidInput,
                "output slot '{}' has {} variable(s), variable #{} is required", slot,
                args.size(), i);
  return args[i];
}

std::string Op::FirstOutputVar() const {
  for (const Slot& slot : outputs) {
    if (!slot.args.empty()) return slot.args.front();
  }
  return "";
}

const Attribute* Op::FindAttr(std::string_view name) const {
  auto it = attrs.find(name);
  return it == attrs.end() ? nullptr : &it->second;
}

std::string Op::Describe() const {
  std::string out = fmt::format("{} (block {}, op {}", type, block_idx, op_idx);
  const std::string var = FirstOutputVar();
  if (!var.empty()) out += fmt::format(", output '{}'", var);
  return out + ")";
}

namespace {

const Attribute& Require(const Op& op, std::string_view name) {
  const Attribute* attr = op.FindAttr(name);
  PD2ONNX_CHECK(attr != nullptr, ErrorKind::kInvalidInput, "required attribute '{}' is missing",
                name);
  return *attr;
}

template <typename T>
T Read(const Op& op, std::string_view name, T (*read)(const Attribute&)) {
  const Attribute& attr = Require(op, name);
  try {
    return read(attr);
  } catch (const Error& e) {
    throw e.WithContext(fmt::format("attribute '{}'", name));
  }
}

}  // namespace

template <>
bool Op::Attr<bool>(std::string_view name) const {
  return Read<bool>(*this, name, [](const Attribute& a) { return a.AsBool(); });
}
template <>
int64_t Op::Attr<int64_t>(std::string_view name) const {
  return Read<int64_t>(*this, name, [](const Attribute& a) { return a.AsInt(); });
}
template <>
int Op::Attr<int>(std::string_view name) const {
  return Read<int>(*this, name, [](const Attribute& a) { return static_cast<int>(a.AsInt()); });
}
template <>
double Op::Attr<double>(std::string_view name) const {
  return Read<double>(*this, name, [](const Attribute& a) { return a.AsDouble(); });
}
template <>
float Op::Attr<float>(std::string_view name) const {
  return Read<float>(*this, name,
                     [](const Attribute& a) { return static_cast<float>(a.AsDouble()); });
}
template <>
std::string Op::Attr<std::string>(std::string_view name) const {
  return Read<std::string>(*this, name, [](const Attribute& a) { return a.AsString(); });
}
template <>
std::vector<int64_t> Op::Attr<std::vector<int64_t>>(std::string_view name) const {
  return Read<std::vector<int64_t>>(*this, name, [](const Attribute& a) { return a.AsInts(); });
}
template <>
std::vector<int> Op::Attr<std::vector<int>>(std::string_view name) const {
  return Read<std::vector<int>>(*this, name,
                                [](const Attribute& a) { return Narrow<int>(a.AsInts()); });
}
template <>
std::vector<bool> Op::Attr<std::vector<bool>>(std::string_view name) const {
  return Read<std::vector<bool>>(*this, name, [](const Attribute& a) {
    std::vector<bool> out;
    for (int64_t v : a.AsInts()) out.push_back(v != 0);
    return out;
  });
}
template <>
std::vector<double> Op::Attr<std::vector<double>>(std::string_view name) const {
  return Read<std::vector<double>>(*this, name, [](const Attribute& a) { return a.AsDoubles(); });
}
template <>
std::vector<float> Op::Attr<std::vector<float>>(std::string_view name) const {
  return Read<std::vector<float>>(*this, name, [](const Attribute& a) {
    const auto values = a.AsDoubles();
    return std::vector<float>(values.begin(), values.end());
  });
}
template <>
std::vector<std::string> Op::Attr<std::vector<std::string>>(std::string_view name) const {
  return Read<std::vector<std::string>>(*this, name,
                                        [](const Attribute& a) { return a.AsStrings(); });
}

const Var* Block::FindLocalVar(std::string_view name) const {
  auto it = var_index_.find(std::string(name));
  return it == var_index_.end() ? nullptr : &vars[it->second];
}

void Block::AddVar(Var var) {
  auto it = var_index_.find(var.name);
  if (it != var_index_.end()) {
    vars[it->second] = std::move(var);
    return;
  }
  var_index_.emplace(var.name, vars.size());
  vars.push_back(std::move(var));
}

const Var* Program::FindVar(int block, std::string_view name) const {
  // Bounded by the block count so that a parent_idx cycle cannot loop.
  for (size_t hops = 0; block >= 0 && static_cast<size_t>(block) < blocks.size() &&
                        hops <= blocks.size();
       ++hops) {
    if (const Var* var = blocks[block].FindLocalVar(name)) return var;
    block = blocks[block].parent_idx;
  }
  return nullptr;
}

const ConstTensor* Program::FindParam(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? nullptr : &it->second;
}

size_t Program::OpCount() const {
  size_t n = 0;
  for (const Block& block : blocks) n += block.ops.size();
  return n;
}

std::vector<std::string> PersistableNames(const Program& program) {
  std::set<std::string> names;
  for (const Block& block : program.blocks) {
    for (const Var& var : block.vars) {
      if (!var.persistable) continue;
      if (var.kind == VarKind::kFeedHolder || var.kind == VarKind::kFetchHolder ||
          var.kind == VarKind::kOther) {
        continue;
      }
      names.insert(var.name);
    }
  }
  return {names.begin(), names.end()};  // std::set orders byte-wise
}

}  // namespace pd2onnx::graph

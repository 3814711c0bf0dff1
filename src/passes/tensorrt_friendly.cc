#include "passes/tensorrt_friendly.h"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace pd2onnx::passes {
namespace {

using graph::ConstTensor;
using graph::DataType;

// Whether input k of `op_type` accepts int32 as well as int64.
bool AcceptsInt32Indices(std::string_view op_type, int k) {
  return k == 1 &&
         (op_type == "Gather" || op_type == "GatherElements" || op_type == "ScatterElements");
}

std::optional<ConstTensor> NarrowToInt32(const ConstTensor& t) {
  const std::vector<int64_t> values = t.ToInt64();
  std::vector<int32_t> narrow(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] < std::numeric_limits<int32_t>::min() ||
        values[i] > std::numeric_limits<int32_t>::max()) {
      return std::nullopt;
    }
    narrow[i] = static_cast<int32_t>(values[i]);
  }
  return ConstTensor::FromValues(DataType::kInt32, t.dims(), narrow);
}

}  // namespace

int MakeTensorRtFriendly(emit::Model& model) {
  int changed = ReplaceOpsTensorRtRejects(model);
  std::map<std::string, size_t> int64_initializers;
  for (size_t i = 0; i < model.initializers.size(); ++i) {
    if (model.initializers[i].tensor.dtype() == DataType::kInt64) {
      int64_initializers.emplace(model.initializers[i].name, i);
    }
  }
  std::map<std::string, std::string> narrowed;  // int64 name -> int32 copy
  for (onnx::NodeProto& node : model.nodes) {
    for (int k = 0; k < node.input_size(); ++k) {
      auto it = int64_initializers.find(node.input(k));
      if (it == int64_initializers.end() || !AcceptsInt32Indices(node.op_type(), k)) continue;
      auto done = narrowed.find(it->first);
      if (done == narrowed.end()) {
        std::optional<ConstTensor> narrow = NarrowToInt32(model.initializers[it->second].tensor);
        if (!narrow) continue;
        const std::string name = it->first + "_int32";
        model.initializers.push_back({name, std::move(*narrow)});
        done = narrowed.emplace(it->first, name).first;
      }
      node.set_input(k, done->second);
      ++changed;
    }
  }
  // Drop the int64 originals nothing reads any more.
  std::map<std::string, int> reads;
  for (const onnx::NodeProto& node : model.nodes) {
    for (const std::string& input : node.input()) ++reads[input];
    std::unordered_set<std::string> nested;
    emit::AddSubgraphReads(node, nested);
    for (const std::string& name : nested) ++reads[name];
  }
  for (const emit::ValueInfo& out : model.outputs) ++reads[out.name];
  std::erase_if(model.initializers, [&](const emit::Initializer& init) {
    return narrowed.count(init.name) > 0 && reads[init.name] == 0;
  });
  return changed;
}

}  // namespace pd2onnx::passes

#include "random_weights.h"

#include <cmath>
#include <fstream>
#include <random>
#include <set>
#include <stdexcept>
#include <string>

#include "paddle/model_loader.h"
#include "paddle/pir/pir_reader.h"
#include "program_builder.h"
#include "support/mapped_file.h"

namespace pd2onnx::testing {
namespace {

const graph::Var& FindPersistable(const graph::Program& program, const std::string& name) {
  for (const graph::Block& block : program.blocks) {
    if (const graph::Var* var = block.FindLocalVar(name)) return *var;
  }
  throw std::runtime_error("WriteRandomWeights: no VarDesc for persistable '" + name + "'");
}

bool IsVariance(const std::string& name) {
  const auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return name.find("variance") != std::string::npos || ends_with("_var") || ends_with(".w_2") ||
         name.find(".w_2_deepcopy") != std::string::npos;
}

// Persistables read as batch-norm variances, whatever their names (fluid
// detection models call them "<layer>.bn.var").
std::set<std::string> BatchNormVariances(const graph::Program& program) {
  std::set<std::string> names;
  for (const graph::Block& block : program.blocks) {
    for (const graph::Op& op : block.ops) {
      if (op.type != "batch_norm" && op.type != "sync_batch_norm") continue;
      for (const std::string& name : op.Inputs("Variance")) names.insert(name);
    }
  }
  return names;
}

// The [lo, hi) range of a weight, from its name and shape.
std::pair<double, double> WeightRange(const std::string& name, const std::vector<int64_t>& dims,
                                      bool is_variance) {
  if (is_variance || IsVariance(name)) return {0.5, 1.5};
  if (dims.size() < 2) return {-0.1, 0.1};
  double fan_in = 1;
  for (size_t i = 1; i < dims.size(); ++i) fan_in *= static_cast<double>(dims[i]);
  const double bound = std::sqrt(3.0 / std::max(1.0, fan_in));
  return {-bound, bound};
}

template <typename T>
void FillUniform(HostTensor& tensor, std::pair<double, double> range, std::mt19937& rng) {
  std::uniform_real_distribution<double> dist(range.first, range.second);
  T* data = reinterpret_cast<T*>(tensor.bytes.data());
  for (int64_t i = 0; i < tensor.numel(); ++i) data[i] = static_cast<T>(dist(rng));
}

HostTensor RandomWeight(const graph::Var& var, bool is_variance, std::mt19937& rng) {
  std::vector<int64_t> dims = var.shape;
  for (int64_t& d : dims) d = d < 0 ? 1 : d;
  HostTensor tensor(var.dtype, dims);  // integer and bool tensors stay 0
  const auto range = WeightRange(var.name, dims, is_variance);
  if (var.dtype == DataType::kFloat32) FillUniform<float>(tensor, range, rng);
  if (var.dtype == DataType::kFloat64) FillUniform<double>(tensor, range, rng);
  return tensor;
}

}  // namespace

void WriteRandomWeights(const graph::Program& program, const std::filesystem::path& out,
                        uint32_t seed) {
  std::mt19937 rng(seed);
  const std::set<std::string> variances = BatchNormVariances(program);
  std::string bytes;
  for (const std::string& name : graph::PersistableNames(program)) {
    bytes +=
        TensorRecord(RandomWeight(FindPersistable(program, name), variances.count(name) != 0, rng));
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) throw std::runtime_error("WriteRandomWeights: cannot write " + out.string());
}

void WriteRandomWeightsFor(const std::filesystem::path& program_file,
                           const std::filesystem::path& out, uint32_t seed) {
  const auto mapped = support::MappedFile::Open(program_file);
  const graph::Program program =
      paddle::ParseProgramDesc(mapped->data(), mapped->size(), program_file.string());
  WriteRandomWeights(program, out, seed);
}

void WriteRandomWeightsForPir(const std::filesystem::path& json_file,
                              const std::filesystem::path& out, uint32_t seed) {
  const auto mapped = support::MappedFile::Open(json_file);
  const graph::Program program = paddle::pir::ParsePirJson(
      reinterpret_cast<const char*>(mapped->data()), mapped->size(), json_file.string());
  WriteRandomWeights(program, out, seed);
}

}  // namespace pd2onnx::testing

#include "op_harness.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>

#include "compare.h"
#include "mappers/registry.h"
#include "onnx/model.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "pir_diff.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

template <typename T>
void FillIntegers(HostTensor& t, std::mt19937& gen, int64_t lo, int64_t hi) {
  std::uniform_int_distribution<int64_t> dist(lo, hi);
  T* data = t.data<T>();
  for (int64_t i = 0; i < t.numel(); ++i) data[i] = static_cast<T>(dist(gen));
}

// The integers in [lo, hi), clamped to what T can hold.
template <typename T>
void FillIntegerRange(HostTensor& t, std::mt19937& gen, double lo, double hi) {
  const double min = static_cast<double>(std::numeric_limits<T>::lowest());
  const double max = static_cast<double>(std::numeric_limits<T>::max());
  const double first = std::max(std::ceil(lo), min);
  const double last = std::min(std::ceil(hi) - 1, max);
  if (first > last) {
    throw std::invalid_argument(fmt::format("RandomTensor: no {} integer in [{}, {})",
                                            graph::DataTypeName(t.dtype), lo, hi));
  }
  FillIntegers<T>(t, gen, static_cast<int64_t>(first), static_cast<int64_t>(last));
}

// Writes `program` into a fresh scratch folder and returns the folder.
fs::path WriteProgram(const ProgramBuilder& program, const std::string& name) {
  const fs::path dir = ScratchDir(name);
  program.Write(dir);
  return dir;
}

// Runs all jobs in one ONNX Runtime process; if that fails, runs them one by
// one so each failure is reported with its own opset. Failed jobs give
// nullopt.
std::vector<std::optional<interp::TensorMap>> RunAll(const std::vector<OrtJob>& jobs,
                                                     const std::vector<int>& opsets) {
  std::vector<std::optional<interp::TensorMap>> results(jobs.size());
  try {
    std::vector<interp::TensorMap> outputs = RunOrt(jobs);
    for (size_t i = 0; i < jobs.size(); ++i) results[i] = std::move(outputs[i]);
    return results;
  } catch (const std::exception& e) {
    if (jobs.size() == 1) {
      ADD_FAILURE() << "opset " << opsets[0] << ": " << e.what();
      return results;
    }
  }
  for (size_t i = 0; i < jobs.size(); ++i) {
    try {
      results[i] = RunOrt({jobs[i]}).front();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "opset " << opsets[i] << ": " << e.what();
    }
  }
  return results;
}

}  // namespace

std::vector<int> RelevantOpsets(const graph::Program& program) {
  const mappers::Registry& registry = mappers::BuiltinRegistry();
  int lowest = emit::kMinOpset;
  std::vector<int> changes;
  for (const graph::Block& block : program.blocks) {
    for (const graph::Op& op : block.ops) {
      if (mappers::IsFeedOrFetch(op.type)) continue;
      const mappers::OpMapper* mapper = registry.Find(op.type);
      if (mapper == nullptr) continue;  // conversion reports it
      lowest = std::max({lowest, mapper->min_opset(op).opset, mapper->variants.front().first});
      for (const auto& [since, emit] : mapper->variants) changes.push_back(since);
    }
  }
  std::vector<int> opsets = {lowest};
  for (int opset : changes) {
    if (opset > lowest && opset <= emit::kMaxOpset) opsets.push_back(opset);
  }
  for (int opset : {17, 19}) {
    if (opset >= lowest) opsets.push_back(opset);
  }
  std::sort(opsets.begin(), opsets.end());
  opsets.erase(std::unique(opsets.begin(), opsets.end()), opsets.end());
  return opsets;
}

HostTensor RandomTensor(DataType dtype, const std::vector<int64_t>& dims, uint32_t seed, double lo,
                        double hi) {
  HostTensor t(dtype, dims);
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> real(lo, hi);
  const int64_t n = t.numel();
  switch (dtype) {
    case DataType::kFloat32:
      for (int64_t i = 0; i < n; ++i) t.data<float>()[i] = static_cast<float>(real(gen));
      break;
    case DataType::kFloat64:
      for (int64_t i = 0; i < n; ++i) t.data<double>()[i] = real(gen);
      break;
    case DataType::kFloat16:
      for (int64_t i = 0; i < n; ++i) {
        t.data<uint16_t>()[i] = graph::FloatToHalf(static_cast<float>(real(gen)));
      }
      break;
    case DataType::kBFloat16:
      for (int64_t i = 0; i < n; ++i) {
        // Truncate a float to its top half (values stay in range of [lo, hi)).
        const float f = static_cast<float>(real(gen));
        uint32_t bits = 0;
        std::memcpy(&bits, &f, sizeof(bits));
        t.data<uint16_t>()[i] = static_cast<uint16_t>(bits >> 16);
      }
      break;
    case DataType::kBool:
      FillIntegers<uint8_t>(t, gen, 0, 1);
      break;
    case DataType::kInt8:
      FillIntegerRange<int8_t>(t, gen, lo, hi);
      break;
    case DataType::kUInt8:
      FillIntegerRange<uint8_t>(t, gen, lo, hi);
      break;
    case DataType::kInt16:
      FillIntegerRange<int16_t>(t, gen, lo, hi);
      break;
    case DataType::kInt32:
      FillIntegerRange<int32_t>(t, gen, lo, hi);
      break;
    case DataType::kInt64:
      FillIntegerRange<int64_t>(t, gen, lo, hi);
      break;
    default:
      throw std::invalid_argument(
          fmt::format("RandomTensor: unsupported dtype {}", graph::DataTypeName(dtype)));
  }
  return t;
}

void ExpectMatchesReference(const ProgramBuilder& program, const interp::TensorMap& feeds,
                            const OpTestOptions& options, const interp::TensorMap& expected) {
  const fs::path dir = WriteProgram(program, "op_test");

  // The oracle: the reference interpreter on the program as loaded from disk.
  interp::TensorMap reference;
  std::vector<int> opsets = options.opsets;
  try {
    const graph::Program loaded = paddle::LoadModel(paddle::LocateModel(dir.string(), "", ""));
    if (opsets.empty()) opsets = RelevantOpsets(loaded);
    reference = interp::Run(loaded, feeds);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "loading the program or running the reference interpreter failed: "
                  << e.what();
    return;
  }
  if (!expected.empty()) {
    EXPECT_TRUE(AllClose(reference, expected, options.tol))
        << "reference interpreter vs the expected values";
  }

  std::vector<OrtJob> jobs;
  std::vector<int> converted_opsets;
  for (int opset : opsets) {
    const ConvertOptions convert = OptionsFor(dir, opset);
    try {
      Convert(convert);
    } catch (const Error& e) {
      ADD_FAILURE() << "opset " << opset << ": conversion failed: " << e.what();
      continue;
    }
    jobs.push_back({convert.save_file, feeds});
    converted_opsets.push_back(opset);
  }
  if (jobs.empty()) return;
  const std::vector<int> legacy_opsets = converted_opsets;
  const PirJobs pir = AddPirJobs(program, dir, legacy_opsets, feeds, jobs, converted_opsets);

  const auto results = RunAll(jobs, converted_opsets);
  ExpectPirMatchesLegacy(results, legacy_opsets, pir);
  for (size_t i = 0; i < legacy_opsets.size(); ++i) {
    if (!results[i]) continue;
    EXPECT_TRUE(AllClose(*results[i], reference, options.tol))
        << "opset " << converted_opsets[i] << ": ONNX Runtime vs the reference interpreter";
    if (!expected.empty()) {
      EXPECT_TRUE(AllClose(*results[i], expected, options.tol))
          << "opset " << converted_opsets[i] << ": ONNX Runtime vs the expected values";
    }
  }
}

void ExpectConversionFails(const ProgramBuilder& program, int opset, const std::string& needle) {
  const fs::path dir = WriteProgram(program, "conversion_fails");
  try {
    Convert(OptionsFor(dir, opset));
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
        << "opset " << opset << ": the conversion error does not mention '" << needle
        << "': " << e.what();
    return;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "opset " << opset
                  << ": conversion threw a non-pd2onnx exception: " << e.what();
    return;
  }
  ADD_FAILURE() << "opset " << opset << ": conversion succeeded but should fail with '" << needle
                << "'";
}

ConvertOptions OptionsFor(const std::filesystem::path& dir, int opset) {
  ConvertOptions options;
  options.model_dir = dir.string();
  options.save_file = (dir / fmt::format("model_{}.onnx", opset)).string();
  options.opset_version = opset;
  options.enable_auto_update_opset = false;
  return options;
}

}  // namespace pd2onnx::testing

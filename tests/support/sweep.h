// Seeded property sweeps over the mappers (tests/sweeps/, see its README).
// Each op registers a generator that turns a seed into a tiny program and
// its feeds; every case runs in the reference interpreter, is converted at
// every relevant opset (RelevantOpsets) and runs in ONNX Runtime, and the
// outputs must match the interpreter's. All selected sweeps share a few
// ONNX Runtime processes, so hundreds of cases cost seconds.
//
// Environment:
//   PD2ONNX_SWEEP_SEED=<n>   run only the case with seed n (printed on failure)
//   PD2ONNX_SWEEP_CASES=<n>  cases per op (default: each spec's CI count)
//   PD2ONNX_SWEEP_FIRST_SEED=<n>  seed of the first case (default 1)
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "interpreter/interpreter.h"
#include "program_builder.h"

namespace pd2onnx::testing::sweep {

// One generated case: a program, its feeds and a readable summary of the
// random choices ("x f32[2,3] axis=1 keep_dim=true").
struct Case {
  std::string description;
  ProgramBuilder program;
  interp::TensorMap feeds;
  double tol = 1e-5;  // relative to max(1, max|reference|), as AllClose
  // Opsets below this are skipped: for needs that depend on dtypes, which a
  // mapper's min_opset (attributes only) cannot see.
  int min_opset = 0;
  // Opsets run besides RelevantOpsets (those at or above the lowest): where
  // nodes the mapper emits through MapContext helpers change form (13:
  // Squeeze / Unsqueeze / Split / ReduceSum axes as inputs; 18: every Reduce).
  std::vector<int> extra_opsets;
};

// The random choices of one case; the same seed gives the same case.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  int64_t Int(int64_t lo, int64_t hi);  // uniform in [lo, hi]
  bool Bool() { return Int(0, 1) == 1; }
  double Real(double lo, double hi);
  template <typename T>
  const T& Pick(const std::vector<T>& choices) {
    return choices[static_cast<size_t>(Int(0, static_cast<int64_t>(choices.size()) - 1))];
  }
  // A shape of rank in [min_rank, max_rank] with dims in [1, max_dim].
  std::vector<int64_t> Shape(int min_rank, int max_rank, int64_t max_dim = 4);
  // A fresh seed for RandomTensor.
  uint32_t TensorSeed() { return static_cast<uint32_t>(Int(0, 1 << 30)); }

 private:
  std::mt19937_64 engine_;
};

using Generator = std::function<Case(Rng&)>;

inline constexpr int kDefaultCases = 4;

// Registers the sweep of `op` (one per op type). Returns true so it can
// initialise a static; used through PD2ONNX_SWEEP.
bool Register(const std::string& op, Generator generate, int cases = kDefaultCases);
// Op types with a registered sweep, sorted.
std::vector<std::string> SweptOps();

// Runs (or fetches from the shared batch) the cases of `op` and reports
// each failing case with its seed, description and program.
void RunSweep(const std::string& op);

// The program's ops, slots and attributes, one op per line.
std::string DumpProgram(const ProgramBuilder& program);

}  // namespace pd2onnx::testing::sweep

// Declares the sweep of Paddle op `op` (an identifier such as relu): a
// generator registration plus the test Sweep.<op>. `...`: the generator
// expression, optionally followed by the CI case count.
#define PD2ONNX_SWEEP(op, ...)                               \
  [[maybe_unused]] static const bool pd2onnx_sweep_##op =    \
      ::pd2onnx::testing::sweep::Register(#op, __VA_ARGS__); \
  TEST(Sweep, op) { ::pd2onnx::testing::sweep::RunSweep(#op); }

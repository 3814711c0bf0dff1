#include "sweep.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "compare.h"
#include "op_harness.h"
#include "ort_runner.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "test_env.h"

namespace pd2onnx::testing::sweep {
namespace {

namespace fs = std::filesystem;

struct Spec {
  Generator generate;
  int cases = kDefaultCases;
};

std::map<std::string, Spec>& Specs() {
  static std::map<std::string, Spec> specs;
  return specs;
}

// One ONNX Runtime run of a case: the model at one opset.
struct Job {
  int opset = 0;
  fs::path model;
};

// Everything known about one case once it ran.
struct CaseResult {
  uint64_t seed = 0;
  std::string description;
  std::string program;  // DumpProgram
  interp::TensorMap feeds;
  interp::TensorMap reference;
  double tol = 1e-5;
  bool half = false;  // the float16 twin of a float32 case
  std::vector<Job> jobs;
  std::vector<std::string> problems;
};

// Relative tolerance of float16 twins: a few roundings to half (2^-11 each)
// through the op's own float16 arithmetic.
constexpr double kHalfTol = 5e-3;

// Ops whose mappers refuse float16 inputs: their float16 twins must fail to
// convert with an error that names float16.
const std::map<std::string, std::string>& Float16Refused() {
  static const std::map<std::string, std::string> refused = [] {
    std::map<std::string, std::string> ops;
    // Paddle's kernels are float32 / float64 only.
    for (const char* op : {"anchor_generator",
                           "box_clip",
                           "box_coder",
                           "collect_fpn_proposals",
                           "deformable_conv",
                           "deformable_conv_v1",
                           "density_prior_box",
                           "distribute_fpn_proposals",
                           "generate_proposals",
                           "generate_proposals_v2",
                           "matrix_nms",
                           "multiclass_nms",
                           "multiclass_nms2",
                           "multiclass_nms3",
                           "prior_box",
                           "yolo_box",
                           "affine_grid",
                           "fold",
                           "unfold",
                           "unpool",
                           "lrn",
                           "mode",
                           "lstm",
                           "gru",
                           "allclose",
                           "isclose"}) {
      ops[op] = "Paddle's kernels take float32 / float64";
    }
    // Exported quantized models compute in float32; float16 scales and
    // inputs are not handled yet.
    for (const char* op :
         {"quantize_linear", "dequantize_linear", "fake_quantize_abs_max",
          "fake_quantize_range_abs_max", "fake_quantize_moving_average_abs_max",
          "fake_quantize_dequantize_abs_max", "fake_quantize_dequantize_moving_average_abs_max",
          "fake_dequantize_max_abs", "fake_channel_wise_quantize_abs_max",
          "fake_channel_wise_dequantize_max_abs",
          "fake_channel_wise_quantize_dequantize_abs_max"}) {
      ops[op] = "quantized models compute in float32";
    }
    ops["atan2"] = "the mapper takes float32 / float64";
    return ops;
  }();
  return refused;
}

// The first op of `program` that refuses float16, or "".
std::string Float16RefusingOp(const ProgramBuilder& program) {
  const paddle::proto::ProgramDesc proto = program.ToProto();
  for (const auto& block : proto.blocks()) {
    for (const auto& op : block.ops()) {
      if (Float16Refused().count(op.type()) != 0) return op.type();
    }
  }
  return "";
}

std::optional<uint64_t> EnvNumber(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return std::nullopt;
  return std::strtoull(text, nullptr, 10);
}

std::vector<uint64_t> Seeds(const Spec& spec) {
  if (const auto only = EnvNumber("PD2ONNX_SWEEP_SEED")) return {*only};
  const uint64_t first = EnvNumber("PD2ONNX_SWEEP_FIRST_SEED").value_or(1);
  const uint64_t count = EnvNumber("PD2ONNX_SWEEP_CASES").value_or(spec.cases);
  std::vector<uint64_t> seeds;
  for (uint64_t i = 0; i < count; ++i) seeds.push_back(first + i);
  return seeds;
}

// Different ops draw different cases from the same seed number.
uint64_t MixedSeed(const std::string& op, uint64_t seed) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (char c : op) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h ^ (seed * 0x9E3779B97F4A7C15ull);
}

// Interprets `reference` (null: `program`) on `reference_feeds`, then
// converts `program` at every relevant opset (ONNX Runtime runs later, on
// result.feeds).
void InterpretAndConvert(const Case& generated, const ProgramBuilder& program,
                         const ProgramBuilder* reference, const interp::TensorMap& reference_feeds,
                         const fs::path& dir, CaseResult& result) {
  std::vector<int> opsets;
  try {
    program.Write(dir);
    const graph::Program loaded = paddle::LoadModel(paddle::LocateModel(dir.string(), "", ""));
    opsets = RelevantOpsets(loaded);
    for (int extra : generated.extra_opsets) {
      if (!opsets.empty() && extra > opsets.front() &&
          std::find(opsets.begin(), opsets.end(), extra) == opsets.end()) {
        opsets.push_back(extra);
      }
    }
    if (reference == nullptr) {
      result.reference = interp::Run(loaded, reference_feeds);
    } else {
      const fs::path reference_dir = dir / "reference";
      reference->Write(reference_dir);
      result.reference = interp::Run(
          paddle::LoadModel(paddle::LocateModel(reference_dir.string(), "", "")), reference_feeds);
    }
  } catch (const std::exception& e) {
    result.problems.push_back(std::string("the reference interpreter failed: ") + e.what());
    return;
  }
  for (int opset : opsets) {
    if (opset < generated.min_opset) continue;
    const ConvertOptions options = OptionsFor(dir, opset);
    try {
      Convert(options);
      result.jobs.push_back({opset, options.save_file});
    } catch (const std::exception& e) {
      const std::string message = e.what();
      // A float16 need of a higher opset, said so by the converter.
      const bool half_needs_opset = result.half && message.find("float16") != std::string::npos &&
                                    message.find("needs opset") != std::string::npos;
      if (!half_needs_opset) {
        result.problems.push_back(fmt::format("opset {}: conversion failed: {}", opset, message));
      }
    }
  }
}

// A float16 program with an op that refuses float16: conversion must fail
// at every opset, naming float16.
void ExpectFloat16Refused(const ProgramBuilder& program, const fs::path& dir, CaseResult& result) {
  try {
    program.Write(dir);
    const std::vector<int> opsets =
        RelevantOpsets(paddle::LoadModel(paddle::LocateModel(dir.string(), "", "")));
    for (int opset : opsets) {
      try {
        Convert(OptionsFor(dir, opset));
        result.problems.push_back(
            fmt::format("opset {}: converted, but float16 is refused", opset));
      } catch (const std::exception& e) {
        if (std::string(e.what()).find("float16") == std::string::npos) {
          result.problems.push_back(
              fmt::format("opset {}: refused without naming float16: {}", opset, e.what()));
        }
      }
    }
  } catch (const std::exception& e) {
    result.problems.push_back(std::string("loading the float16 program failed: ") + e.what());
  }
}

CaseResult Fp32Case(const Case& generated, uint64_t seed, const fs::path& dir) {
  CaseResult result;
  result.seed = seed;
  result.description = generated.description;
  result.program = DumpProgram(generated.program);
  result.feeds = generated.feeds;
  result.tol = generated.tol;
  InterpretAndConvert(generated, generated.program, nullptr, generated.feeds, dir, result);
  return result;
}

// The case as a float16 export: float16 variables, parameters and feeds;
// the reference is the float32 program on the same half values, widened.
CaseResult Fp16Twin(const Case& generated, uint64_t seed, const fs::path& dir) {
  CaseResult result;
  result.seed = seed;
  result.half = true;
  result.description = "float16 twin of " + generated.description;
  const ProgramBuilder program = generated.program.ToFloat16();
  result.program = DumpProgram(program);
  interp::TensorMap reference_feeds;
  for (const auto& [name, tensor] : generated.feeds) {
    result.feeds[name] = ToHalf(tensor);
    reference_feeds[name] = HalfToFloat(result.feeds[name]);
  }
  result.tol = std::max(generated.tol, kHalfTol);
  if (const std::string op = Float16RefusingOp(program); !op.empty()) {
    result.description += fmt::format(" ({} refuses float16: {})", op, Float16Refused().at(op));
    ExpectFloat16Refused(program, dir, result);
    return result;
  }
  const ProgramBuilder reference = generated.program.WithFloat16Params();
  InterpretAndConvert(generated, program, &reference, reference_feeds, dir, result);
  // What a float16 op returns at best: the float32 result rounded to half
  // (which also overflows to +-inf as float16 does).
  for (auto& [name, tensor] : result.reference) tensor = HalfToFloat(ToHalf(tensor));
  return result;
}

// Generates one case and prepares it and, for float32 programs, its float16
// twin: interpreted and converted; ONNX Runtime runs later.
std::vector<CaseResult> PrepareCase(const std::string& op, const Spec& spec, uint64_t seed) {
  Rng rng(MixedSeed(op, seed));
  std::optional<Case> generated;
  try {
    generated = spec.generate(rng);
  } catch (const std::exception& e) {
    CaseResult failed;
    failed.seed = seed;
    failed.problems.push_back(std::string("the generator failed: ") + e.what());
    return {failed};
  }
  const fs::path dir = ScratchDir(fmt::format("{}_{}", op, seed));
  std::vector<CaseResult> results = {Fp32Case(*generated, seed, dir)};
  if (generated->program.IsFloat32Program()) {
    results.push_back(Fp16Twin(*generated, seed, dir / "fp16"));
  }
  return results;
}

// Seeds tried past the selected ones for a float32 program, so that every op
// with a float path gets a float16 twin even when its selected seeds all drew
// other dtypes.
constexpr uint64_t kFloat16SearchSeeds = 16;

// The first seed after `seeds` whose case is a float32 program, if any
// within kFloat16SearchSeeds (none when one seed was asked for).
std::optional<uint64_t> SeedOfAFloat32Case(const std::string& op, const Spec& spec,
                                           const std::vector<uint64_t>& seeds) {
  if (seeds.empty() || EnvNumber("PD2ONNX_SWEEP_SEED")) return std::nullopt;
  for (uint64_t seed = seeds.back() + 1; seed <= seeds.back() + kFloat16SearchSeeds; ++seed) {
    Rng rng(MixedSeed(op, seed));
    try {
      if (spec.generate(rng).program.IsFloat32Program()) return seed;
    } catch (const std::exception&) {
      return std::nullopt;  // the selected seeds report generator failures
    }
  }
  return std::nullopt;
}

// Where each ONNX Runtime job came from.
struct JobRef {
  CaseResult* owner;
  size_t job;
};

// Runs `refs` in one ONNX Runtime process; when that fails, halves the
// batch until each failing job is reported with its own message.
void RunJobs(const std::vector<JobRef>& refs) {
  if (refs.empty()) return;
  std::vector<OrtJob> jobs;
  for (const JobRef& r : refs) jobs.push_back({r.owner->jobs[r.job].model, r.owner->feeds});
  std::vector<interp::TensorMap> outputs;
  try {
    outputs = RunOrt(jobs);
  } catch (const std::exception& e) {
    if (refs.size() == 1) {
      refs[0].owner->problems.push_back(fmt::format(
          "opset {}: ONNX Runtime failed: {}", refs[0].owner->jobs[refs[0].job].opset, e.what()));
      return;
    }
    const auto middle = refs.begin() + static_cast<std::ptrdiff_t>(refs.size() / 2);
    RunJobs({refs.begin(), middle});
    RunJobs({middle, refs.end()});
    return;
  }
  for (size_t i = 0; i < refs.size(); ++i) {
    CaseResult& c = *refs[i].owner;
    if (c.half) {
      for (auto& [name, tensor] : outputs[i]) tensor = HalfToFloat(tensor);
    }
    const auto close = AllClose(outputs[i], c.reference, c.tol);
    if (!close) {
      c.problems.push_back(fmt::format("opset {}: ONNX Runtime vs the reference interpreter: {}",
                                       c.jobs[refs[i].job].opset, close.message()));
    }
  }
}

// The ops whose Sweep.<op> test runs in this process (gtest filter).
std::set<std::string> SelectedOps() {
  std::set<std::string> ops;
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  for (int s = 0; s < unit.total_test_suite_count(); ++s) {
    const ::testing::TestSuite& suite = *unit.GetTestSuite(s);
    if (std::string(suite.name()) != "Sweep") continue;
    for (int t = 0; t < suite.total_test_count(); ++t) {
      if (suite.GetTestInfo(t)->should_run()) ops.insert(suite.GetTestInfo(t)->name());
    }
  }
  return ops;
}

// All selected sweeps run together the first time one is reported, so
// ONNX Runtime starts a few times in total rather than once per op.
std::map<std::string, std::vector<CaseResult>>& Results(const std::string& op) {
  static std::map<std::string, std::vector<CaseResult>> results;
  if (results.count(op) != 0) return results;
  std::set<std::string> ops = SelectedOps();
  ops.insert(op);
  std::vector<JobRef> refs;
  for (const std::string& name : ops) {
    const auto spec = Specs().find(name);
    if (spec == Specs().end() || results.count(name) != 0) continue;
    std::vector<CaseResult>& cases = results[name];
    const std::vector<uint64_t> seeds = Seeds(spec->second);
    for (uint64_t seed : seeds) {
      for (CaseResult& c : PrepareCase(name, spec->second, seed)) cases.push_back(std::move(c));
    }
    const bool has_twin =
        std::any_of(cases.begin(), cases.end(), [](const CaseResult& c) { return c.half; });
    if (!has_twin) {
      if (const auto seed = SeedOfAFloat32Case(name, spec->second, seeds)) {
        for (CaseResult& c : PrepareCase(name, spec->second, *seed)) cases.push_back(std::move(c));
      }
    }
  }
  for (auto& [name, cases] : results) {
    for (CaseResult& c : cases) {
      for (size_t j = 0; j < c.jobs.size() && c.problems.empty(); ++j) refs.push_back({&c, j});
    }
  }
  constexpr size_t kJobsPerProcess = 400;
  for (size_t start = 0; start < refs.size(); start += kJobsPerProcess) {
    const size_t end = std::min(refs.size(), start + kJobsPerProcess);
    RunJobs({refs.begin() + static_cast<std::ptrdiff_t>(start),
             refs.begin() + static_cast<std::ptrdiff_t>(end)});
  }
  for (auto& [name, cases] : results) {
    for (CaseResult& c : cases) c.jobs.clear();  // every job ran
  }
  return results;
}

std::string FeedSummary(const interp::TensorMap& feeds) {
  std::string text;
  for (const auto& [name, tensor] : feeds) {
    text += fmt::format("  feed {} {}{}\n", name, graph::DataTypeName(tensor.dtype),
                        graph::ShapeToString(tensor.dims));
  }
  return text;
}

std::string AttrText(const paddle::proto::OpDesc::Attr& a) {
  using paddle::proto::AttrType;
  auto list = [](const auto& values) {
    std::ostringstream out;
    out << "[";
    for (int i = 0; i < values.size(); ++i) out << (i ? ", " : "") << values.Get(i);
    out << "]";
    return out.str();
  };
  switch (a.type()) {
    case AttrType::INT:
      return std::to_string(a.i());
    case AttrType::LONG:
      return std::to_string(a.l());
    case AttrType::FLOAT:
      return fmt::format("{}", a.f());
    case AttrType::FLOAT64:
      return fmt::format("{}", a.float64());
    case AttrType::BOOLEAN:
      return a.b() ? "true" : "false";
    case AttrType::STRING:
      return "\"" + a.s() + "\"";
    case AttrType::INTS:
      return list(a.ints());
    case AttrType::LONGS:
      return list(a.longs());
    case AttrType::FLOATS:
      return list(a.floats());
    case AttrType::FLOAT64S:
      return list(a.float64s());
    case AttrType::BOOLEANS:
      return list(a.bools());
    case AttrType::STRINGS:
      return list(a.strings());
    default:
      return a.ShortDebugString();
  }
}

}  // namespace

int64_t Rng::Int(int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(engine_);
}

double Rng::Real(double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(engine_);
}

std::vector<int64_t> Rng::Shape(int min_rank, int max_rank, int64_t max_dim) {
  std::vector<int64_t> dims(static_cast<size_t>(Int(min_rank, max_rank)));
  for (int64_t& d : dims) d = Int(1, max_dim);
  return dims;
}

bool Register(const std::string& op, Generator generate, int cases) {
  const bool added = Specs().emplace(op, Spec{std::move(generate), cases}).second;
  if (!added) {
    std::fprintf(stderr, "sweep: op '%s' is registered twice\n", op.c_str());
    std::abort();
  }
  return true;
}

std::vector<std::string> SweptOps() {
  std::vector<std::string> ops;
  for (const auto& [op, spec] : Specs()) ops.push_back(op);
  return ops;
}

std::string DumpProgram(const ProgramBuilder& program) {
  const paddle::proto::ProgramDesc proto = program.ToProto();
  std::string text;
  for (const auto& var : proto.blocks(0).vars()) {
    if (!var.persistable()) continue;
    text += fmt::format("  param {}\n", var.name());
  }
  for (const auto& op : proto.blocks(0).ops()) {
    if (op.type() == "feed" || op.type() == "fetch") continue;
    std::string line = "  " + op.type() + "(";
    for (const auto& slot : op.inputs()) {
      line += slot.parameter() + "=[" + fmt::format("{}", fmt::join(slot.arguments(), ", ")) + "] ";
    }
    line += "->";
    for (const auto& slot : op.outputs()) {
      line += " " + slot.parameter() + "=[" + fmt::format("{}", fmt::join(slot.arguments(), ", ")) +
              "]";
    }
    line += ")";
    for (const auto& attr : op.attrs()) line += " " + attr.name() + "=" + AttrText(attr);
    text += line + "\n";
  }
  return text;
}

void RunSweep(const std::string& op) {
  ASSERT_EQ(Specs().count(op), 1u) << "no sweep registered for " << op;
  const std::vector<CaseResult>& cases = Results(op).at(op);
  ASSERT_FALSE(cases.empty()) << "no cases ran for " << op;
  for (const CaseResult& c : cases) {
    if (c.problems.empty()) continue;
    std::string message = fmt::format("{} case seed {}: {}\n", op, c.seed, c.description);
    for (const std::string& problem : c.problems) message += "  " + problem + "\n";
    message += "program:\n" + c.program + FeedSummary(c.feeds);
    message += fmt::format("rerun: PD2ONNX_SWEEP_SEED={} pd2onnx_tests --gtest_filter=Sweep.{}\n",
                           c.seed, op);
    ADD_FAILURE() << message;
  }
}

}  // namespace pd2onnx::testing::sweep

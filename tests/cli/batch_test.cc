// `pd2onnx batch`: every model below a folder, each in a worker process, a
// mirrored output tree, and JSON / JUnit reports that CI scripts can read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_runner.h"
#include "program_builder.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

void WriteModel(const fs::path& dir, const std::string& op_type) {
  ProgramBuilder program;
  program.Input("x", DataType::kFloat32, {-1, 3});
  program.Var("y", DataType::kFloat32, {-1, 3});
  program.Param("w", HostTensor(DataType::kFloat32, {3}));
  program.Var("s", DataType::kFloat32, {-1, 3});
  program.Op("elementwise_add").In("X", {"x"}).In("Y", {"w"}).Out("Out", {"s"}).Attr("axis", -1);
  program.Op(op_type).In("X", {"s"}).Out("Out", {"y"});
  program.Output("y");
  program.Write(dir);
}

// A fluid folder: __model__ + __params__.
void WriteFluidModel(const fs::path& dir) {
  WriteModel(dir, "sigmoid");
  fs::rename(dir / "model.pdmodel", dir / "__model__");
  fs::rename(dir / "model.pdiparams", dir / "__params__");
}

// a/ ok (pdmodel), b/ ok (fluid), c/ unsupported op, d/ truncated params,
// reference/ holds a model that must not be picked up.
fs::path WriteModelTree() {
  const fs::path root = ScratchDir("tree") / "models";
  WriteModel(root / "a", "relu");
  WriteFluidModel(root / "b" / "fluid");
  WriteModel(root / "c", "no_such_paddle_op");
  WriteModel(root / "d", "tanh");
  fs::resize_file(root / "d" / "model.pdiparams", 20);
  WriteModel(root / "a" / "reference", "relu");
  return root;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json ModelEntry(const json& report, const std::string& model) {
  for (const json& entry : report["models"])
    if (entry["model"] == model) return entry;
  ADD_FAILURE() << model << " not in the report:\n" << report.dump(2);
  return json::object();
}

TEST(Batch, ConvertsEveryModelAndReportsEachOne) {
  const fs::path root = WriteModelTree();  // ScratchDir("tree") / "models"
  const fs::path work = root.parent_path();
  const fs::path out = work / "onnx";
  const fs::path report_file = work / "report.json";
  const fs::path junit_file = work / "junit.xml";
  const CliRun run =
      RunCli({"batch", "--input_dir", root.string(), "--output_dir", out.string(), "-j", "2",
              "--keep_going", "--report", report_file.string(), "--junit", junit_file.string()});
  EXPECT_EQ(run.exit_code, 1) << run.output;  // two models fail
  EXPECT_CONTAINS(run.output, "2 of 4 models converted, 2 failed");

  const json report = json::parse(ReadFile(report_file));
  EXPECT_EQ(report["models"].size(), 4u) << report.dump(2);
  EXPECT_EQ(report["summary"]["converted"], 2);
  EXPECT_EQ(report["summary"]["failed"], 2);

  const json a = ModelEntry(report, "a/model.pdmodel");
  EXPECT_EQ(a["status"], "ok");
  EXPECT_EQ(a["opset"], 11);
  EXPECT_EQ(a["paddle_ops"], 2);
  EXPECT_EQ(a["onnx_nodes"], 2);
  EXPECT_EQ(a["inputs"][0]["name"], "x");
  EXPECT_EQ(a["inputs"][0]["shape"], json::array({-1, 3}));
  EXPECT_EQ(a["outputs"][0]["name"], "y");
  EXPECT_TRUE(fs::exists(out / "a" / "model.onnx"));
  EXPECT_EQ(a["output"], (out / "a" / "model.onnx").string());

  EXPECT_EQ(ModelEntry(report, "b/fluid/__model__")["status"], "ok");
  EXPECT_TRUE(fs::exists(out / "b" / "fluid" / "model.onnx"));

  const json c = ModelEntry(report, "c/model.pdmodel");
  EXPECT_EQ(c["status"], "failed");
  EXPECT_EQ(c["error_kind"], "unsupported");
  EXPECT_EQ(c["unsupported_ops"][0]["type"], "no_such_paddle_op");
  EXPECT_EQ(c["unsupported_ops"][0]["count"], 1);
  EXPECT_FALSE(fs::exists(out / "c" / "model.onnx"));

  const json d = ModelEntry(report, "d/model.pdmodel");
  EXPECT_EQ(d["error_kind"], "invalid model");
  EXPECT_CONTAINS(d["error"].get<std::string>(), "model.pdiparams");
  EXPECT_FALSE(fs::exists(out / "d"));

  const std::string junit = ReadFile(junit_file);
  EXPECT_CONTAINS(junit, "tests=\"4\" failures=\"2\" skipped=\"0\"");
  EXPECT_CONTAINS(junit, "name=\"c/model.pdmodel\"");
  EXPECT_CONTAINS(junit, "<failure message=\"failed\">");
}

TEST(Batch, StopsStartingModelsAfterAFailureUnlessKeepGoing) {
  const fs::path root = WriteModelTree();
  const fs::path report_file = root.parent_path() / "report.json";
  const CliRun run =
      RunCli({"batch", "--input_dir", root.string(), "--output_dir",
              (root.parent_path() / "onnx").string(), "--report", report_file.string()});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  const json report = json::parse(ReadFile(report_file));
  // Sorted order a, b, c, d with one worker: c fails, d is never started.
  EXPECT_EQ(ModelEntry(report, "b/fluid/__model__")["status"], "ok");
  EXPECT_EQ(ModelEntry(report, "c/model.pdmodel")["status"], "failed");
  EXPECT_EQ(ModelEntry(report, "d/model.pdmodel")["status"], "skipped");
  EXPECT_EQ(report["summary"]["skipped"], 1);
}

TEST(Batch, ExitsZeroWhenEveryModelConverts) {
  const fs::path work = ScratchDir("all_ok");
  const fs::path root = work / "models";
  WriteModel(root / "x", "relu");
  WriteModel(root / "y" / "z", "exp");
  const fs::path out = work / "onnx";
  const CliRun run = RunCli({"batch", "--input_dir", root.string(), "--output_dir", out.string()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(fs::exists(out / "x" / "model.onnx"));
  EXPECT_TRUE(fs::exists(out / "y" / "z" / "model.onnx"));
}

TEST(Batch, RejectsAFolderWithoutModelsAndBadFlags) {
  const fs::path empty = ScratchDir("no_models");
  const CliRun none =
      RunCli({"batch", "--input_dir", empty.string(), "--output_dir", (empty / "out").string()});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_CONTAINS(none.output, "no Paddle model found");
  EXPECT_CONTAINS(none.output, empty.string());

  const CliRun missing_flag = RunCli({"batch", "--input_dir", empty.string()});
  EXPECT_EQ(missing_flag.exit_code, 2);
  EXPECT_CONTAINS(missing_flag.output, "--output_dir");

  const CliRun bad_jobs = RunCli({"batch", "--input_dir", empty.string(), "--output_dir",
                                  (empty / "out").string(), "-j", "0"});
  EXPECT_EQ(bad_jobs.exit_code, 2);
}

// Models of the shared zoo that cannot convert, with a word their error
// must contain. graph_only programs without weights fail too (no params).
const std::map<std::string, std::string>& ExpectedZooFailures() {
  static const std::map<std::string, std::string> failures = {
      {"textcnn_lod_seqconv_fluid", "sequence_conv"},
  };
  return failures;
}

TEST(Batch, ConvertsTheSharedModelZooWithTheExpectedFailures) {
  const fs::path work = ScratchDir("zoo");
  const fs::path out = work / "onnx";
  const fs::path report_file = work / "report.json";
  const CliRun run =
      RunCli({"batch", "--input_dir", ModelZoo().string(), "--output_dir", out.string(), "-j", "2",
              "--keep_going", "--report", report_file.string()});
  EXPECT_EQ(run.exit_code, 1) << run.output;  // the expected failures below
  const json report = json::parse(ReadFile(report_file));
  EXPECT_GE(report["models"].size(), 40u);
  for (const json& entry : report["models"]) {
    const fs::path model = entry["model"].get<std::string>();
    const fs::path folder = ModelZoo() / model.parent_path();
    const std::string status = entry["status"], error = entry["error"];
    const auto expected = ExpectedZooFailures().find(model.parent_path().string());
    const bool graph_only_without_weights =
        *model.begin() == "graph_only" && !fs::exists(folder / "random_weights.pdiparams");
    if (expected != ExpectedZooFailures().end()) {
      EXPECT_EQ(status, "failed") << model;
      EXPECT_CONTAINS(error, expected->second);
    } else if (graph_only_without_weights) {
      EXPECT_NE(status, "ok") << model << " converted without weights";
      EXPECT_FALSE(error.empty()) << model;
    } else {
      EXPECT_EQ(status, "ok") << model << ": " << error;
    }
    EXPECT_EQ(status == "ok", fs::exists(entry["output"].get<std::string>())) << model;
  }
}

}  // namespace
}  // namespace pd2onnx::testing

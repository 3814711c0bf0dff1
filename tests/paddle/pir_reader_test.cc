// The PIR JSON reader on the zoo's PP-LCNet_x0_25_textline_ori program and on
// broken copies of it: every malformed program must make `pd2onnx` exit
// non-zero with a message naming the file and the problem, and write nothing.
#include "paddle/pir/pir_reader.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "paddle/model_loader.h"
#include "paddle/pir/op_table.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path TextlineDir() { return ModelZoo() / "PP-LCNet_x0_25_textline_ori"; }

json TextlineProgram() {
  std::ifstream in(TextlineDir() / "inference.json");
  return json::parse(in);
}

json& TopOps(json& program) { return program["program"]["regions"][0]["blocks"][0]["ops"]; }

json& FirstOp(json& program, const std::string& id) {
  for (json& op : TopOps(program)) {
    if (op["#"] == id) return op;
  }
  throw std::runtime_error("no op " + id);
}

struct CliRun {
  int exit_code = -1;
  std::string output;
};

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `pd2onnx` on `text` (as inference.json, with the real params).
CliRun Convert(const std::string& name, const std::string& text, fs::path* save_file) {
  const fs::path dir = ScratchDir(name);
  std::ofstream(dir / "inference.json", std::ios::binary) << text;
  *save_file = dir / "model.onnx";
  const std::string command = Quote(CliPath().string()) + " --model_filename " +
                              Quote((dir / "inference.json").string()) + " --params_filename " +
                              Quote((TextlineDir() / "inference.pdiparams").string()) +
                              " --save_file " + Quote(save_file->string()) + " > " +
                              Quote((dir / "log.txt").string()) + " 2>&1 < /dev/null";
  const int status = std::system(command.c_str());
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::stringstream log;
  log << std::ifstream(dir / "log.txt").rdbuf();
  run.output = log.str();
  return run;
}

void ExpectFails(const std::string& name, const std::string& text,
                 const std::vector<std::string>& needles) {
  fs::path save_file;
  const CliRun run = Convert(name, text, &save_file);
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_FALSE(fs::exists(save_file)) << "a failed conversion left " << save_file;
  for (const std::string& needle : needles) {
    EXPECT_NE(run.output.find(needle), std::string::npos) << "'" << needle << "' not in:\n"
                                                          << run.output;
  }
}

TEST(PirReader, ReadsTheTextlineProgram) {
  const graph::Program program =
      paddle::LoadModel(paddle::LocateModel(TextlineDir().string(), "", ""));
  EXPECT_EQ(program.version, 1);
  ASSERT_EQ(program.blocks.size(), 1u);
  // 260 ops: 145 parameters, data and fetch are not ops; 7 full_int_array.
  EXPECT_EQ(program.blocks[0].ops.size(), 260u - 145u - 2u);
  std::map<std::string, int> counts;
  for (const graph::Op& op : program.blocks[0].ops) ++counts[op.type];
  EXPECT_EQ(counts["conv2d"], 18);
  EXPECT_EQ(counts["depthwise_conv2d"], 13);
  EXPECT_EQ(counts["batch_norm"], 27);
  EXPECT_EQ(counts["hard_swish"], 27);
  EXPECT_EQ(counts["elementwise_add"], 5);
  EXPECT_EQ(counts["matmul_v2"], 1);
  EXPECT_EQ(counts["reshape2"], 4);
  EXPECT_EQ(counts["assign_value"], 7);  // the full_int_array constants
  // pool2d's kernel_size operand came from a full_int_array: folded into ksize.
  for (const graph::Op& op : program.blocks[0].ops) {
    if (op.type == "pool2d") {
      EXPECT_TRUE(op.HasAttr("ksize")) << op.Describe();
      EXPECT_EQ(op.Inputs("X").size(), 1u);
    }
    if (op.type == "elementwise_add") {
      EXPECT_EQ(op.Attr<int>("axis"), -1);
    }
    if (op.type == "batch_norm") {
      EXPECT_EQ(op.Outputs("ReserveSpace").size(), 1u);
      EXPECT_TRUE(op.HasAttr("data_layout"));
    }
  }
}

TEST(PirReader, EveryTableEntryMapsToARegisteredSlotLayout) {
  for (const paddle::pir::OpSpec& spec : paddle::pir::OpTable()) {
    EXPECT_EQ(paddle::pir::FindOp(spec.pir), &spec) << spec.pir << " is listed twice";
    EXPECT_FALSE(spec.legacy.empty()) << spec.pir;
  }
  ASSERT_NE(paddle::pir::FindOp("relu_"), nullptr);  // inplace variants
  EXPECT_EQ(paddle::pir::FindOp("relu_")->legacy, "relu");
  EXPECT_EQ(paddle::pir::FindOp("no_such_op"), nullptr);
}

TEST(PirReader, TruncatedJsonFailsNamingTheFile) {
  const std::string text = TextlineProgram().dump();
  ExpectFails("pir_truncated", text.substr(0, text.size() / 2),
              {"inference.json", "not valid JSON"});
}

TEST(PirReader, WrongTypesFailNamingWhatWasExpected) {
  json program = TextlineProgram();
  program["base_code"]["version"] = "one";
  ExpectFails("pir_wrong_version_type", program.dump(),
              {"inference.json", "base_code.version", "expected an integer"});

  program = TextlineProgram();
  FirstOp(program, "1.conv2d")["I"] = "x";
  ExpectFails("pir_wrong_operands_type", program.dump(),
              {"inference.json", "pd_op.conv2d", "expected a JSON array"});

  program = TextlineProgram();
  program["base_code"]["magic"] = "pdmodel";
  ExpectFails("pir_wrong_magic", program.dump(), {"inference.json", "magic"});
}

TEST(PirReader, UnknownOpFailsNamingIt) {
  json program = TextlineProgram();
  FirstOp(program, "1.hardswish")["#"] = "1.no_such_op";
  ExpectFails("pir_unknown_op", program.dump(),
              {"inference.json", "pd_op.no_such_op", "unknown PIR op"});
}

TEST(PirReader, DanglingValueIdFailsNamingTheValue) {
  json program = TextlineProgram();
  FirstOp(program, "1.conv2d")["I"][0]["%"] = 99999;
  ExpectFails("pir_dangling", program.dump(),
              {"inference.json", "pd_op.conv2d", "%99999", "no earlier op defines"});
}

TEST(PirReader, ParameterCountMismatchWithTheParamsFileFails) {
  json program = TextlineProgram();
  json extra = FirstOp(program, "p");
  extra["A"][3] = "zzz_extra_parameter";
  extra["O"]["%"] = 999999;
  TopOps(program).insert(TopOps(program).begin(), extra);
  ExpectFails("pir_param_count", program.dump(), {"inference.pdiparams"});
}

TEST(PirReader, SignatureMismatchFailsNamingOpAndOperands) {
  json program = TextlineProgram();
  json& conv = FirstOp(program, "1.conv2d");
  conv["I"].push_back(conv["I"][0]);
  ExpectFails("pir_signature", program.dump(),
              {"inference.json", "pd_op.conv2d", "3 operands", "input, filter"});
}

TEST(PirReader, ControlFlowFailsClearly) {
  json program = TextlineProgram();
  FirstOp(program, "1.relu")["regions"] = json::array();
  ExpectFails("pir_control_flow", program.dump(),
              {"inference.json", "pd_op.relu", "control flow", "not supported"});
}

TEST(PirReader, NewerVersionWarnsAndConverts) {
  json program = TextlineProgram();
  program["base_code"]["version"] = paddle::pir::kMaxKnownPirVersion + 1;
  fs::path save_file;
  const CliRun run = Convert("pir_newer", program.dump(), &save_file);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(fs::exists(save_file));
  EXPECT_NE(run.output.find("newer"), std::string::npos) << run.output;
}

TEST(PirReader, NonFiniteAndScalarAttributesParse) {
  json program = TextlineProgram();
  json& bn = FirstOp(program, "1.batch_norm_");
  for (json& a : bn["A"]) {
    if (a["N"] == "epsilon") a["AT"] = {{"#", "1.a_scalar"}, {"D", {"float32", 1e-5}}};
    if (a["N"] == "momentum") a["AT"] = {{"#", "0.a_f32"}, {"VD", "NaN"}};
  }
  const std::string text = program.dump();
  const graph::Program parsed = paddle::pir::ParsePirJson(text.data(), text.size(), "test.json");
  const graph::Op* op = nullptr;
  for (const graph::Op& o : parsed.blocks[0].ops) {
    if (o.type == "batch_norm" && op == nullptr) op = &o;
  }
  ASSERT_NE(op, nullptr);
  EXPECT_NEAR(op->Attr<double>("epsilon"), 1e-5, 1e-12);
  EXPECT_TRUE(std::isnan(op->Attr<double>("momentum")));
}

}  // namespace
}  // namespace pd2onnx::testing

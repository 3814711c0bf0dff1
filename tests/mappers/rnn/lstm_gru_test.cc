// The fluid `lstm` and `gru` ops over one sequence: attribute branches
// against the interpreter in ONNX Runtime, and one-step results computed by
// hand from Paddle's gate equations (gate order, bias and peephole layout,
// origin_mode).
#include <gtest/gtest.h>

#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct LegacyCase {
  std::string name;
  std::string type = "lstm";
  int64_t steps = 5, hidden = 3;
  bool initial_state = true;
  bool bias = true;
  bool peepholes = true;  // lstm
  bool reverse = false;
  bool origin_mode = false;  // gru
  std::string candidate = "tanh";

  friend void PrintTo(const LegacyCase& c, std::ostream* os) { *os << c.name; }
};

int64_t GateCount(const LegacyCase& c) { return c.type == "lstm" ? 4 : 3; }

ProgramBuilder LegacyProgram(const LegacyCase& c, const HostTensor* weight = nullptr,
                             const HostTensor* bias = nullptr) {
  const bool lstm = c.type == "lstm";
  const int64_t n = c.hidden, g = GateCount(c);
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {-1, g * n});
  if (c.initial_state) {
    p.Input("h0", DataType::kFloat32, {1, n});
    if (lstm) p.Input("c0", DataType::kFloat32, {1, n});
  }
  p.Param("w", weight ? *weight : RandomTensor(DataType::kFloat32, {n, g * n}, 21, -0.7, 0.7));
  const int64_t bias_width = lstm && c.peepholes ? 7 * n : g * n;
  if (c.bias) {
    p.Param("b", bias ? *bias : RandomTensor(DataType::kFloat32, {1, bias_width}, 22, -0.5, 0.5));
  }
  for (const char* v : {"hidden", "cell", "batch_gate", "batch_pre", "batch_hidden"}) {
    p.Var(v, DataType::kFloat32, {-1, v == std::string("batch_gate") ? g * n : n});
  }
  OpBuilder op = p.Op(c.type);
  op.In("Input", {"x"})
      .In("Weight", {"w"})
      .Out("Hidden", {"hidden"})
      .Out("BatchGate", {"batch_gate"});
  if (c.bias) op.In("Bias", {"b"});
  if (c.initial_state) op.In("H0", {"h0"});
  if (lstm) {
    if (c.initial_state) op.In("C0", {"c0"});
    op.Out("Cell", {"cell"})
        .Out("BatchCellPreAct", {"batch_pre"})
        .Attr("use_peepholes", c.peepholes)
        .Attr("gate_activation", std::string("sigmoid"))
        .Attr("cell_activation", std::string("tanh"))
        .Attr("candidate_activation", c.candidate);
  } else {
    op.Out("BatchResetHiddenPrev", {"batch_pre"})
        .Out("BatchHidden", {"batch_hidden"})
        .Attr("origin_mode", c.origin_mode)
        .Attr("gate_activation", std::string("sigmoid"))
        .Attr("activation", c.candidate);
  }
  op.Attr("is_reverse", c.reverse);
  p.Output("hidden");
  return p;
}

interp::TensorMap LegacyFeeds(const LegacyCase& c) {
  interp::TensorMap feeds;
  feeds["x"] = RandomTensor(DataType::kFloat32, {c.steps, GateCount(c) * c.hidden}, 1);
  if (c.initial_state) {
    feeds["h0"] = RandomTensor(DataType::kFloat32, {1, c.hidden}, 2);
    if (c.type == "lstm") feeds["c0"] = RandomTensor(DataType::kFloat32, {1, c.hidden}, 3);
  }
  return feeds;
}

class LstmGruTest : public ::testing::TestWithParam<LegacyCase> {};

TEST_P(LstmGruTest, MatchesReference) {
  const LegacyCase& c = GetParam();
  // 13: Unsqueeze/Squeeze axes inputs, 14: LSTM/GRU-14.
  ExpectMatchesReference(LegacyProgram(c), LegacyFeeds(c), {.opsets = {7, 13, 14, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(
    Branches, LstmGruTest,
    ::testing::Values(
        LegacyCase{.name = "LstmPeepholes"},
        LegacyCase{.name = "LstmNoPeepholesNoState", .initial_state = false, .peepholes = false},
        LegacyCase{.name = "LstmReverse", .reverse = true},
        LegacyCase{.name = "LstmNoBias", .bias = false, .peepholes = false},
        LegacyCase{.name = "LstmReluCandidate", .candidate = "relu"},
        LegacyCase{.name = "Gru", .type = "gru"},
        LegacyCase{.name = "GruOriginMode", .type = "gru", .origin_mode = true},
        LegacyCase{
            .name = "GruReverseNoState", .type = "gru", .initial_state = false, .reverse = true},
        LegacyCase{.name = "GruNoBiasReluOriginMode",
                   .type = "gru",
                   .bias = false,
                   .origin_mode = true,
                   .candidate = "relu"}),
    [](const auto& param_info) { return param_info.param.name; });

double Sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

HostTensor F32(std::vector<int64_t> dims, std::vector<float> values) {
  return HostTensor::From(DataType::kFloat32, std::move(dims), values);
}

// D = 1, one step. Paddle's blocks: Input/Weight/Bias [c̃, i, f, o], then
// the peepholes W_ic, W_fc, W_oc.
TEST(LstmGruOneStep, LstmGateOrderAndPeepholes) {
  const LegacyCase c{.name = "one", .steps = 1, .hidden = 1};
  const std::vector<float> x = {0.3f, -0.2f, 0.5f, 0.1f};
  const std::vector<float> w = {0.4f, -0.3f, 0.2f, 0.6f};
  const std::vector<float> b = {0.05f, 0.1f, -0.15f, 0.2f, 0.3f, -0.4f, 0.25f};
  const double h0 = 0.5, c0 = -0.6;
  const double cand = std::tanh(0.3 + 0.05 + 0.4 * h0);
  const double i = Sigmoid(-0.2 + 0.1 - 0.3 * h0 + 0.3 * c0);
  const double f = Sigmoid(0.5 - 0.15 + 0.2 * h0 - 0.4 * c0);
  const double cell = cand * i + c0 * f;
  const double o = Sigmoid(0.1 + 0.2 + 0.6 * h0 + 0.25 * cell);
  const double h = o * std::tanh(cell);
  const HostTensor weight = F32({1, 4}, w), bias = F32({1, 7}, b);
  ExpectMatchesReference(
      LegacyProgram(c, &weight, &bias),
      {{"x", F32({1, 4}, x)}, {"h0", F32({1, 1}, {0.5f})}, {"c0", F32({1, 1}, {-0.6f})}},
      {.opsets = {7, 17, 19}}, {{"hidden", F32({1, 1}, {static_cast<float>(h)})}});
}

// D = 1, one step, both origin modes. Blocks [u, r, c̃]; Weight holds the
// [D, 2D] u/r matrix, then the [D, D] candidate one.
TEST(LstmGruOneStep, GruGateOrderAndOriginMode) {
  const std::vector<float> x = {0.3f, -0.2f, 0.5f};
  const std::vector<float> w = {0.4f, -0.3f, 0.7f};
  const std::vector<float> b = {0.05f, 0.1f, -0.15f};
  const double h0 = 0.5;
  const double u = Sigmoid(0.3 + 0.05 + 0.4 * h0);
  const double r = Sigmoid(-0.2 + 0.1 - 0.3 * h0);
  const double cand = std::tanh(0.5 - 0.15 + (r * h0) * 0.7);
  const HostTensor weight = F32({1, 3}, w), bias = F32({1, 3}, b);
  for (const bool origin_mode : {false, true}) {
    const double h = origin_mode ? u * h0 + (1 - u) * cand : (1 - u) * h0 + u * cand;
    const LegacyCase c{
        .name = "one", .type = "gru", .steps = 1, .hidden = 1, .origin_mode = origin_mode};
    ExpectMatchesReference(
        LegacyProgram(c, &weight, &bias), {{"x", F32({1, 3}, x)}, {"h0", F32({1, 1}, {0.5f})}},
        {.opsets = {7, 17, 19}}, {{"hidden", F32({1, 1}, {static_cast<float>(h)})}});
  }
}

TEST(LstmGruFails, IdentityActivationNamesTheAttribute) {
  ExpectConversionFails(LegacyProgram({.name = "id", .candidate = "identity"}), 11,
                        "candidate_activation = 'identity'");
}

}  // namespace
}  // namespace pd2onnx::testing

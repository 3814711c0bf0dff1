// The `rnn` op: every mode, bidirectional, multi-layer, SequenceLength and
// initial states, against the interpreter in ONNX Runtime; plus one-step
// LSTM and GRU results computed by hand from Paddle's cell equations, which
// pin the gate order and bias layout.
#include <gtest/gtest.h>

#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct RnnCase {
  std::string name;
  std::string mode = "LSTM";
  int64_t steps = 4, batch = 2, input = 3, hidden = 5, layers = 1;
  bool bidirec = false;
  bool zero_state = false;
  std::vector<int> seq_lens = {};  // empty: no SequenceLength input
  DataType seq_dtype = DataType::kInt32;

  friend void PrintTo(const RnnCase& c, std::ostream* os) { *os << c.name; }
};

int64_t Gates(const std::string& mode) {
  if (mode == "LSTM") return 4;
  if (mode == "GRU") return 3;
  return 1;
}

// The WeightList names: every [W_ih, W_hh] per (layer, direction), then
// every [b_ih, b_hh] (Paddle's order).
std::vector<std::string> AddWeights(ProgramBuilder& p, const RnnCase& c) {
  const int64_t dirs = c.bidirec ? 2 : 1;
  const int64_t rows = Gates(c.mode) * c.hidden;
  std::vector<std::string> weights, biases;
  uint32_t seed = 100;
  for (int64_t l = 0; l < c.layers; ++l) {
    const int64_t in = l == 0 ? c.input : dirs * c.hidden;
    for (int64_t d = 0; d < dirs; ++d) {
      const std::string tag = std::to_string(l) + "_" + std::to_string(d);
      p.Param("w_ih_" + tag, RandomTensor(DataType::kFloat32, {rows, in}, seed++, -0.8, 0.8));
      p.Param("w_hh_" + tag, RandomTensor(DataType::kFloat32, {rows, c.hidden}, seed++, -0.8, 0.8));
      p.Param("b_ih_" + tag, RandomTensor(DataType::kFloat32, {rows}, seed++, -0.5, 0.5));
      p.Param("b_hh_" + tag, RandomTensor(DataType::kFloat32, {rows}, seed++, -0.5, 0.5));
      weights.insert(weights.end(), {"w_ih_" + tag, "w_hh_" + tag});
      biases.insert(biases.end(), {"b_ih_" + tag, "b_hh_" + tag});
    }
  }
  weights.insert(weights.end(), biases.begin(), biases.end());
  return weights;
}

ProgramBuilder RnnProgram(const RnnCase& c) {
  const int64_t dirs = c.bidirec ? 2 : 1;
  const bool lstm = c.mode == "LSTM";
  const std::vector<int64_t> state = {c.layers * dirs, c.batch, c.hidden};
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {c.steps, c.batch, c.input});
  p.Input("h0", DataType::kFloat32, state);
  if (lstm) p.Input("c0", DataType::kFloat32, state);
  if (!c.seq_lens.empty()) p.Input("seq", c.seq_dtype, {c.batch});
  const std::vector<std::string> weights = AddWeights(p, c);
  p.Var("out", DataType::kFloat32, {c.steps, c.batch, dirs * c.hidden})
      .Var("h", DataType::kFloat32, state)
      .Var("c", DataType::kFloat32, state)
      .Var("reserve", DataType::kFloat32, {-1})
      .Var("dropout_state", DataType::kUInt8, {-1});
  OpBuilder op = p.Op("rnn");
  op.In("Input", {"x"})
      .In("PreState", lstm ? std::vector<std::string>{"h0", "c0"} : std::vector<std::string>{"h0"})
      .In("WeightList", weights)
      .Out("Out", {"out"})
      .Out("State", lstm ? std::vector<std::string>{"h", "c"} : std::vector<std::string>{"h"})
      .Out("Reserve", {"reserve"})
      .Out("DropoutState", {"dropout_state"})
      .Attr("mode", c.mode)
      .Attr("hidden_size", static_cast<int>(c.hidden))
      .Attr("input_size", static_cast<int>(c.input))
      .Attr("num_layers", static_cast<int>(c.layers))
      .Attr("is_bidirec", c.bidirec)
      .Attr("dropout_prob", 0.25f)  // training-only: ignored at inference
      .Attr("is_test", true)
      .Attr("seed", 0);
  if (!c.seq_lens.empty()) op.In("SequenceLength", {"seq"});
  p.Output("out").Output("h");
  if (lstm) p.Output("c");
  return p;
}

interp::TensorMap RnnFeeds(const RnnCase& c) {
  const int64_t dirs = c.bidirec ? 2 : 1;
  const std::vector<int64_t> state = {c.layers * dirs, c.batch, c.hidden};
  interp::TensorMap feeds;
  feeds["x"] = RandomTensor(DataType::kFloat32, {c.steps, c.batch, c.input}, 1);
  const double scale = c.zero_state ? 0.0 : 1.0;
  feeds["h0"] = RandomTensor(DataType::kFloat32, state, 2, -scale, scale);
  if (c.mode == "LSTM") feeds["c0"] = RandomTensor(DataType::kFloat32, state, 3, -scale, scale);
  if (!c.seq_lens.empty()) {
    feeds["seq"] =
        c.seq_dtype == DataType::kInt32
            ? HostTensor::From(DataType::kInt32, {c.batch}, c.seq_lens)
            : HostTensor::From(DataType::kInt64, {c.batch},
                               std::vector<int64_t>(c.seq_lens.begin(), c.seq_lens.end()));
  }
  return feeds;
}

class RnnTest : public ::testing::TestWithParam<RnnCase> {};

TEST_P(RnnTest, MatchesReference) {
  const RnnCase& c = GetParam();
  // 10: Slice inputs, 13: Squeeze axes input, 14: LSTM/GRU/RNN-14.
  ExpectMatchesReference(RnnProgram(c), RnnFeeds(c), {.opsets = {7, 10, 13, 14, 17, 19}});
}

INSTANTIATE_TEST_SUITE_P(
    Modes, RnnTest,
    ::testing::Values(
        RnnCase{.name = "LstmZeroState", .zero_state = true}, RnnCase{.name = "LstmState"},
        RnnCase{.name = "LstmBidirectional", .bidirec = true},
        RnnCase{.name = "LstmTwoLayersBidirectional", .layers = 2, .bidirec = true},
        RnnCase{.name = "LstmThreeLayers", .steps = 3, .layers = 3},
        RnnCase{.name = "LstmSequenceLength", .steps = 5, .batch = 3, .seq_lens = {5, 2, 3}},
        RnnCase{.name = "LstmSequenceLengthBidirectionalTwoLayers",
                .steps = 5,
                .batch = 3,
                .layers = 2,
                .bidirec = true,
                .seq_lens = {3, 5, 1},
                .seq_dtype = DataType::kInt64},
        RnnCase{.name = "GruZeroState", .mode = "GRU", .zero_state = true},
        RnnCase{.name = "GruState", .mode = "GRU"},
        RnnCase{.name = "GruTwoLayersBidirectional", .mode = "GRU", .layers = 2, .bidirec = true},
        RnnCase{.name = "GruSequenceLengthBidirectional",
                .mode = "GRU",
                .steps = 6,
                .batch = 3,
                .bidirec = true,
                .seq_lens = {2, 6, 4}},
        RnnCase{.name = "RnnTanh", .mode = "RNN_TANH"},
        RnnCase{.name = "RnnTanhBidirectionalTwoLayers",
                .mode = "RNN_TANH",
                .layers = 2,
                .bidirec = true},
        RnnCase{.name = "RnnRelu", .mode = "RNN_RELU"},
        RnnCase{.name = "RnnReluBidirectionalSequenceLength",
                .mode = "RNN_RELU",
                .batch = 3,
                .bidirec = true,
                .seq_lens = {4, 1, 3}}),
    [](const auto& param_info) { return param_info.param.name; });

double Sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

HostTensor F32(std::vector<int64_t> dims, std::vector<float> values) {
  return HostTensor::From(DataType::kFloat32, std::move(dims), values);
}

// A one-unit, one-step program whose four (three) gates all differ, so a
// wrong gate order or bias layout changes the result.
ProgramBuilder OneStepProgram(const std::string& mode, const std::vector<float>& w_ih,
                              const std::vector<float>& w_hh, const std::vector<float>& b_ih,
                              const std::vector<float>& b_hh) {
  const bool lstm = mode == "LSTM";
  const auto g = static_cast<int64_t>(w_ih.size());
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {1, 1, 1}).Input("h0", DataType::kFloat32, {1, 1, 1});
  if (lstm) p.Input("c0", DataType::kFloat32, {1, 1, 1});
  p.Param("a_w_ih", F32({g, 1}, w_ih))
      .Param("b_w_hh", F32({g, 1}, w_hh))
      .Param("c_b_ih", F32({g}, b_ih))
      .Param("d_b_hh", F32({g}, b_hh))
      .Var("out", DataType::kFloat32, {1, 1, 1})
      .Var("h", DataType::kFloat32, {1, 1, 1})
      .Var("c", DataType::kFloat32, {1, 1, 1});
  p.Op("rnn")
      .In("Input", {"x"})
      .In("PreState", lstm ? std::vector<std::string>{"h0", "c0"} : std::vector<std::string>{"h0"})
      .In("WeightList", {"a_w_ih", "b_w_hh", "c_b_ih", "d_b_hh"})
      .Out("Out", {"out"})
      .Out("State", lstm ? std::vector<std::string>{"h", "c"} : std::vector<std::string>{"h"})
      .Attr("mode", mode)
      .Attr("hidden_size", 1)
      .Attr("input_size", 1)
      .Attr("num_layers", 1)
      .Attr("is_bidirec", false)
      .Attr("is_test", true);
  p.Output("out").Output("h");
  if (lstm) p.Output("c");
  return p;
}

// Paddle LSTM gates [i, f, c̃, o]; gate = x·w_ih + b_ih + h·w_hh + b_hh.
TEST(RnnOneStep, LstmGateOrderAndBiases) {
  const std::vector<float> w_ih = {0.5f, -0.3f, 0.8f, 0.2f}, w_hh = {0.1f, 0.2f, -0.4f, 0.3f};
  const std::vector<float> b_ih = {0.05f, 0.1f, -0.1f, 0.2f}, b_hh = {0.0f, 0.1f, 0.2f, -0.1f};
  const double x = 0.7, h0 = 0.3, c0 = -0.5;
  const double i = Sigmoid(0.5 * x + 0.05 + 0.1 * h0 + 0.0);
  const double f = Sigmoid(-0.3 * x + 0.1 + 0.2 * h0 + 0.1);
  const double cand = std::tanh(0.8 * x - 0.1 - 0.4 * h0 + 0.2);
  const double o = Sigmoid(0.2 * x + 0.2 + 0.3 * h0 - 0.1);
  const double c = f * c0 + i * cand;
  const double h = o * std::tanh(c);
  interp::TensorMap expected;
  expected["out"] = F32({1, 1, 1}, {static_cast<float>(h)});
  expected["h"] = F32({1, 1, 1}, {static_cast<float>(h)});
  expected["c"] = F32({1, 1, 1}, {static_cast<float>(c)});
  ExpectMatchesReference(OneStepProgram("LSTM", w_ih, w_hh, b_ih, b_hh),
                         {{"x", F32({1, 1, 1}, {0.7f})},
                          {"h0", F32({1, 1, 1}, {0.3f})},
                          {"c0", F32({1, 1, 1}, {-0.5f})}},
                         {.opsets = {7, 17, 19}}, expected);
}

// Paddle GRU gates [r, z, c̃]; b_hc sits inside the reset product.
TEST(RnnOneStep, GruGateOrderAndResetBias) {
  const std::vector<float> w_ih = {0.4f, -0.6f, 0.9f}, w_hh = {0.3f, 0.5f, -0.7f};
  const std::vector<float> b_ih = {0.1f, -0.2f, 0.05f}, b_hh = {-0.1f, 0.3f, 0.25f};
  const double x = 0.8, h0 = 0.4;
  const double r = Sigmoid(0.4 * x + 0.1 + 0.3 * h0 - 0.1);
  const double z = Sigmoid(-0.6 * x - 0.2 + 0.5 * h0 + 0.3);
  const double cand = std::tanh(0.9 * x + 0.05 + r * (-0.7 * h0 + 0.25));
  const double h = (1 - z) * cand + z * h0;
  interp::TensorMap expected;
  expected["out"] = F32({1, 1, 1}, {static_cast<float>(h)});
  expected["h"] = F32({1, 1, 1}, {static_cast<float>(h)});
  ExpectMatchesReference(OneStepProgram("GRU", w_ih, w_hh, b_ih, b_hh),
                         {{"x", F32({1, 1, 1}, {0.8f})}, {"h0", F32({1, 1, 1}, {0.4f})}},
                         {.opsets = {7, 17, 19}}, expected);
}

// Padded steps output 0 and keep the state: with lengths {1, 2} of 3 steps,
// row 0 of the forward direction equals its one-step result and stays.
TEST(RnnOneStep, SequenceLengthZeroesPaddedSteps) {
  RnnCase c{.name = "padded",
            .mode = "RNN_TANH",
            .steps = 3,
            .batch = 2,
            .input = 1,
            .hidden = 1,
            .seq_lens = {1, 2}};
  ProgramBuilder p = RnnProgram(c);
  interp::TensorMap feeds = RnnFeeds(c);
  feeds["x"] = F32({3, 2, 1}, {0.5f, -0.25f, 0.75f, 0.125f, -0.5f, 1.0f});
  feeds["h0"] = F32({1, 2, 1}, {0.2f, -0.1f});
  const std::vector<float> w_ih = p.params().at("w_ih_0_0").ToVector<float>();
  const std::vector<float> w_hh = p.params().at("w_hh_0_0").ToVector<float>();
  const std::vector<float> b_ih = p.params().at("b_ih_0_0").ToVector<float>();
  const std::vector<float> b_hh = p.params().at("b_hh_0_0").ToVector<float>();
  auto step = [&](double xv, double hv) {
    return std::tanh(xv * w_ih[0] + b_ih[0] + hv * w_hh[0] + b_hh[0]);
  };
  const double row0 = step(0.5, 0.2);
  const double row1_t0 = step(-0.25, -0.1);
  const double row1_t1 = step(0.125, row1_t0);
  interp::TensorMap expected;
  expected["out"] = F32({3, 2, 1}, {static_cast<float>(row0), static_cast<float>(row1_t0), 0.0f,
                                    static_cast<float>(row1_t1), 0.0f, 0.0f});
  expected["h"] = F32({1, 2, 1}, {static_cast<float>(row0), static_cast<float>(row1_t1)});
  ExpectMatchesReference(p, feeds, {.opsets = {7, 17, 19}}, expected);
}

TEST(RnnFails, UnknownModeNamesTheValue) {
  RnnCase c{.name = "bad", .mode = "LSTMP"};
  ExpectConversionFails(RnnProgram(c), 11, "mode = 'LSTMP'");
}

}  // namespace
}  // namespace pd2onnx::testing

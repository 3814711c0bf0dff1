// sigmoid_cross_entropy_with_logits (ignore_index, normalize), bce_loss
// (including the −100 clamp), nll_loss (2-D and 4-D, weight, ignore_index,
// every reduction).
#include <gtest/gtest.h>

#include <cmath>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

ProgramBuilder SigmoidCe(bool normalize, int ignore_index) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 4}).Input("label", DataType::kFloat32, {3, 4});
  p.Var("out", DataType::kFloat32, {3, 4});
  p.Op("sigmoid_cross_entropy_with_logits")
      .In("X", {"x"})
      .In("Label", {"label"})
      .Out("Out", {"out"})
      .Attr("normalize", normalize)
      .Attr("ignore_index", ignore_index);
  p.Output("out");
  return p;
}

HostTensor Labels() {
  // Soft labels with two entries equal to the ignore index −1.
  return HostTensor::From<float>(DataType::kFloat32, {3, 4},
                                 {0, 1, 0.5f, -1, 1, 0.25f, 0, 1, -1, 0, 1, 0.75f});
}

TEST(SigmoidCrossEntropyWithLogits, IgnoreAndNormalize) {
  for (bool normalize : {false, true}) {
    ExpectMatchesReference(
        SigmoidCe(normalize, -1),
        {{"x", RandomTensor(DataType::kFloat32, {3, 4}, 1, -4, 4)}, {"label", Labels()}},
        {.opsets = {7, 13, 17, 19}});
  }
}

// x = 0, label 1: log 2; x = 2, label 0: 2 + log(1 + e⁻²); ignored: 0.
// normalize divides by the 2 counted labels.
TEST(SigmoidCrossEntropyWithLogits, ByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3}).Input("label", DataType::kFloat32, {3});
  p.Var("out", DataType::kFloat32, {3});
  p.Op("sigmoid_cross_entropy_with_logits")
      .In("X", {"x"})
      .In("Label", {"label"})
      .Out("Out", {"out"})
      .Attr("normalize", true)
      .Attr("ignore_index", -100);
  p.Output("out");
  const float a = std::log(2.0f) / 2, b = (2 + std::log1p(std::exp(-2.0f))) / 2;
  ExpectMatchesReference(
      p,
      {{"x", HostTensor::From<float>(DataType::kFloat32, {3}, {0, 2, 5})},
       {"label", HostTensor::From<float>(DataType::kFloat32, {3}, {1, 0, -100})}},
      {.opsets = {7, 19}}, {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {a, b, 0})}});
}

ProgramBuilder Bce(const std::vector<int64_t>& dims) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, dims).Input("label", DataType::kFloat32, dims);
  p.Var("out", DataType::kFloat32, dims);
  p.Op("bce_loss").In("X", {"x"}).In("Label", {"label"}).Out("Out", {"out"});
  p.Output("out");
  return p;
}

TEST(BceLoss, Random) {
  ExpectMatchesReference(Bce({2, 5}),
                         {{"x", RandomTensor(DataType::kFloat32, {2, 5}, 2, 0.05, 0.95)},
                          {"label", RandomTensor(DataType::kFloat32, {2, 5}, 3, 0, 1)}},
                         {.opsets = {7, 11, 13, 17, 19}});
}

// x = 0 and 1 hit the −100 clamp: label 1 at x = 0 → 100; label 0.5 at x = 1
// → 0.5·100 = 50; x = 0.5, label 1 → log 2.
TEST(BceLoss, ClampByHand) {
  ExpectMatchesReference(
      Bce({3}),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {3}, {0, 1, 0.5f})},
       {"label", HostTensor::From<float>(DataType::kFloat32, {3}, {1, 0.5f, 1})}},
      {.opsets = {7, 11, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {3}, {100, 50, std::log(2.0f)})}});
}

ProgramBuilder Nll(const std::vector<int64_t>& x, const std::vector<int64_t>& label, bool weight,
                   const std::string& reduction, int64_t ignore) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, x).Input("label", DataType::kInt64, label);
  p.Var("out", DataType::kFloat32, reduction == "none" ? label : std::vector<int64_t>{});
  p.Var("total", DataType::kFloat32, {});
  auto op = p.Op("nll_loss");
  op.In("X", {"x"})
      .In("Label", {"label"})
      .Out("Out", {"out"})
      .Out("Total_weight", {"total"})
      .Attr("reduction", reduction)
      .Attr("ignore_index", ignore);
  if (weight) {
    p.Param("w", RandomTensor(DataType::kFloat32, {x[1]}, 9, 0.5, 2));
    op.In("Weight", {"w"});
  }
  p.Output("out").Output("total");  // Total_weight is 0 for "none"
  return p;
}

TEST(NllLoss, ReductionsWeightsIgnore) {
  const HostTensor label2 = HostTensor::From<int64_t>(DataType::kInt64, {5}, {0, 2, 3, 1, 2});
  const HostTensor label4 =
      HostTensor::From<int64_t>(DataType::kInt64, {2, 2, 2}, {0, 2, 1, 1, 2, 0, 2, 1});
  for (const std::string reduction : {"none", "sum", "mean"}) {
    for (bool weight : {false, true}) {
      SCOPED_TRACE(reduction + (weight ? " weighted" : ""));
      ExpectMatchesReference(
          Nll({5, 4}, {5}, weight, reduction, 3),
          {{"x", RandomTensor(DataType::kFloat32, {5, 4}, 10)}, {"label", label2}},
          {.opsets = {11, 13, 17, 18, 19}});
      ExpectMatchesReference(
          Nll({2, 3, 2, 2}, {2, 2, 2}, weight, reduction, -100),
          {{"x", RandomTensor(DataType::kFloat32, {2, 3, 2, 2}, 11)}, {"label", label4}},
          {.opsets = {11, 17, 19}});
    }
  }
}

// x rows [−1, −2], [−3, −4], labels 1 and 0, weights [2, 0.5]:
// sum = 2·0.5 + 3·2 = 7, total = 2.5, mean = 2.8.
TEST(NllLoss, MeanByHand) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {2, 2}).Input("label", DataType::kInt64, {2});
  p.Param("w", HostTensor::From<float>(DataType::kFloat32, {2}, {2, 0.5f}));
  p.Var("out", DataType::kFloat32, {}).Var("total", DataType::kFloat32, {});
  p.Op("nll_loss")
      .In("X", {"x"})
      .In("Label", {"label"})
      .In("Weight", {"w"})
      .Out("Out", {"out"})
      .Out("Total_weight", {"total"})
      .Attr("reduction", "mean")
      .Attr("ignore_index", int64_t{-100});
  p.Output("out").Output("total");
  ExpectMatchesReference(
      p,
      {{"x", HostTensor::From<float>(DataType::kFloat32, {2, 2}, {-1, -2, -3, -4})},
       {"label", HostTensor::From<int64_t>(DataType::kInt64, {2}, {1, 0})}},
      {.opsets = {11, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {}, {2.8f})},
       {"total", HostTensor::From<float>(DataType::kFloat32, {}, {2.5f})}});
}

TEST(NllLoss, UnknownReductionFails) {
  ExpectConversionFails(Nll({2, 3}, {2}, false, "max", -100), 17, "reduction 'max'");
}

TEST(LogLoss, RandomAndByHand) {
  ProgramBuilder p;
  p.Input("p", DataType::kFloat32, {-1, 1}).Input("l", DataType::kFloat32, {-1, 1});
  p.Var("loss", DataType::kFloat32, {-1, 1});
  p.Op("log_loss")
      .In("Predicted", {"p"})
      .In("Labels", {"l"})
      .Out("Loss", {"loss"})
      .Attr("epsilon", 1e-4f);
  p.Output("loss");
  ExpectMatchesReference(p,
                         {{"p", RandomTensor(DataType::kFloat32, {6, 1}, 12, 0.01, 0.99)},
                          {"l", RandomTensor(DataType::kFloat32, {6, 1}, 13, 0, 1)}},
                         {.opsets = {7, 13, 17, 19}});
  // p = 0.5, label 1: −log(0.5001).
  ExpectMatchesReference(
      p,
      {{"p", HostTensor::From<float>(DataType::kFloat32, {1, 1}, {0.5f})},
       {"l", HostTensor::From<float>(DataType::kFloat32, {1, 1}, {1})}},
      {.opsets = {7, 19}},
      {{"loss", HostTensor::From<float>(DataType::kFloat32, {1, 1}, {-std::log(0.5001f)})}});
}

ProgramBuilder Huber(float delta) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {4, 1}).Input("y", DataType::kFloat32, {4, 1});
  p.Var("out", DataType::kFloat32, {4, 1}).Var("res", DataType::kFloat32, {4, 1});
  p.Op("huber_loss")
      .In("X", {"x"})
      .In("Y", {"y"})
      .Out("Out", {"out"})
      .Out("Residual", {"res"})
      .Attr("delta", delta);
  p.Output("out").Output("res");
  return p;
}

// delta 1: r = {0.5, −2, 1, 3} → {0.125, 1.5, 0.5, 2.5}.
TEST(HuberLoss, ByHandAndRandom) {
  ExpectMatchesReference(
      Huber(1.0f),
      {{"x", HostTensor::From<float>(DataType::kFloat32, {4, 1}, {0, 2, 0, -1})},
       {"y", HostTensor::From<float>(DataType::kFloat32, {4, 1}, {0.5f, 0, 1, 2})}},
      {.opsets = {9, 13, 17, 19}},
      {{"out", HostTensor::From<float>(DataType::kFloat32, {4, 1}, {0.125f, 1.5f, 0.5f, 2.5f})},
       {"res", HostTensor::From<float>(DataType::kFloat32, {4, 1}, {0.5f, -2, 1, 3})}});
  ExpectMatchesReference(Huber(0.3f),
                         {{"x", RandomTensor(DataType::kFloat32, {4, 1}, 14)},
                          {"y", RandomTensor(DataType::kFloat32, {4, 1}, 15)}},
                         {.opsets = {9, 17, 19}});
}

ProgramBuilder Kldiv(const std::string& reduction, bool log_target) {
  ProgramBuilder p;
  p.Input("x", DataType::kFloat32, {3, 4}).Input("t", DataType::kFloat32, {3, 4});
  p.Var("loss", DataType::kFloat32,
        reduction == "none" ? std::vector<int64_t>{3, 4} : std::vector<int64_t>{1});
  p.Op("kldiv_loss")
      .In("X", {"x"})
      .In("Target", {"t"})
      .Out("Loss", {"loss"})
      .Attr("reduction", reduction)
      .Attr("log_target", log_target);
  p.Output("loss");
  return p;
}

TEST(KldivLoss, Reductions) {
  // Targets include zeros and negatives (their terms are 0).
  HostTensor t = RandomTensor(DataType::kFloat32, {3, 4}, 16, -0.5, 1);
  t.data<float>()[0] = 0;
  for (const std::string reduction : {"none", "sum", "mean", "batchmean"}) {
    for (bool log_target : {false, true}) {
      SCOPED_TRACE(reduction);
      ExpectMatchesReference(Kldiv(reduction, log_target),
                             {{"x", RandomTensor(DataType::kFloat32, {3, 4}, 17)}, {"t", t}},
                             {.opsets = {9, 13, 17, 18, 19}});
    }
  }
  ExpectConversionFails(Kldiv("max", false), 17, "reduction 'max'");
}

}  // namespace
}  // namespace pd2onnx::testing

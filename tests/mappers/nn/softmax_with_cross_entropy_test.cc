// softmax_with_cross_entropy (inference): hard labels (with ignore_index,
// on the last and a middle axis), soft labels, use_softmax=false, and the
// ±1e20 clamp of log 0. Hard labels use a one-hot mask at 9-10 and
// GatherElements from 11; soft labels work from opset 7.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "op_harness.h"

namespace pd2onnx::testing {
namespace {

struct Case {
  std::vector<int64_t> logits, label;
  int axis = -1;
  bool soft = false;
  bool use_softmax = true;
  int64_t ignore_index = -100;
  DataType label_type = DataType::kInt64;
};

ProgramBuilder Program(const Case& c) {
  std::vector<int64_t> loss = c.logits;
  const size_t axis = c.axis < 0 ? loss.size() + c.axis : static_cast<size_t>(c.axis);
  loss[axis] = 1;
  ProgramBuilder p;
  p.Input("logits", DataType::kFloat32, c.logits)
      .Input("label", c.soft ? DataType::kFloat32 : c.label_type, c.label)
      .Var("softmax", DataType::kFloat32, c.logits)
      .Var("loss", DataType::kFloat32, loss);
  p.Op("softmax_with_cross_entropy")
      .In("Logits", {"logits"})
      .In("Label", {"label"})
      .Out("Softmax", {"softmax"})
      .Out("Loss", {"loss"})
      .Attr("axis", c.axis)
      .Attr("soft_label", c.soft)
      .Attr("use_softmax", c.use_softmax)
      .Attr("numeric_stable_mode", true)
      .Attr("ignore_index", static_cast<int>(c.ignore_index));
  p.Output("softmax").Output("loss");
  return p;
}

HostTensor Labels(const std::vector<int64_t>& dims, const std::vector<int64_t>& values,
                  DataType dtype = DataType::kInt64) {
  if (dtype == DataType::kInt32) {
    return HostTensor::From<int32_t>(dtype, dims,
                                     std::vector<int32_t>(values.begin(), values.end()));
  }
  return HostTensor::From<int64_t>(dtype, dims, values);
}

TEST(SoftmaxWithCrossEntropyTest, HardLabelsWithIgnoreIndex) {
  const Case c{{4, 5}, {4, 1}, -1, false, true, 3};
  ExpectMatchesReference(Program(c),
                         {{"logits", RandomTensor(DataType::kFloat32, {4, 5}, 1, -4, 4)},
                          {"label", Labels({4, 1}, {0, 3, 4, 2})}});
}

TEST(SoftmaxWithCrossEntropyTest, HardLabelsMiddleAxisInt32) {
  const Case c{{2, 4, 3}, {2, 1, 3}, 1, false, true, -100, DataType::kInt32};
  ExpectMatchesReference(Program(c),
                         {{"logits", RandomTensor(DataType::kFloat32, {2, 4, 3}, 2, -4, 4)},
                          {"label", Labels({2, 1, 3}, {0, 1, 2, 3, 3, 0}, DataType::kInt32)}});
}

TEST(SoftmaxWithCrossEntropyTest, SoftLabels) {
  for (int axis : {-1, 0}) {
    Case c{{3, 4}, {3, 4}, axis, true};
    ExpectMatchesReference(Program(c),
                           {{"logits", RandomTensor(DataType::kFloat32, {3, 4}, 3, -4, 4)},
                            {"label", RandomTensor(DataType::kFloat32, {3, 4}, 4, 0, 1)}});
  }
}

// use_softmax=false: Logits are probabilities; a zero probability costs
// 1e20 (log 0 clamped), by hand: -log(0.5) = 0.693147, then 1e20.
TEST(SoftmaxWithCrossEntropyTest, ProbabilitiesAndLogZeroByHand) {
  const Case c{{2, 2}, {2, 1}, -1, false, false};
  const HostTensor probs = HostTensor::From<float>(DataType::kFloat32, {2, 2}, {0.5f, 0.5f, 1, 0});
  ExpectMatchesReference(
      Program(c), {{"logits", probs}, {"label", Labels({2, 1}, {1, 1})}}, {},
      {{"softmax", probs},
       {"loss", HostTensor::From<float>(DataType::kFloat32, {2, 1}, {0.6931472f, 1e20f})}});
}

TEST(SoftmaxWithCrossEntropyTest, SoftLabelsWithoutSoftmax) {
  const Case c{{2, 3}, {2, 3}, -1, true, false};
  ExpectMatchesReference(Program(c),
                         {{"logits", RandomTensor(DataType::kFloat32, {2, 3}, 5, 0.1, 1)},
                          {"label", RandomTensor(DataType::kFloat32, {2, 3}, 6, 0, 1)}});
}

TEST(SoftmaxWithCrossEntropyTest, HardLabelsNeedOpset9) {
  const Case c{{2, 3}, {2, 1}};
  ExpectConversionFails(Program(c), 8, "Where-9");
}

}  // namespace
}  // namespace pd2onnx::testing

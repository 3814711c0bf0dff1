// Control flow kernels, from Paddle's semantics: `while` and
// `conditional_block` run their sub-block on the same workspace (Paddle's
// sub-scopes see and write the enclosing variables), select_input/output
// route a value by an index, and tensor arrays are lists of tensors.
#include "interpreter/kernel_context.h"
#include "interpreter/kernel_registry.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp {
namespace {

bool ConditionValue(const KernelContext& ctx, const std::string& var) {
  const HostTensor* cond = ctx.FindVarValue(var);
  PD2ONNX_CHECK(cond != nullptr, ErrorKind::kInvalidInput, "condition '{}' has no value", var);
  PD2ONNX_CHECK(cond->numel() == 1, ErrorKind::kInvalidInput,
                "condition '{}' must hold one value, not {}", var, cond->numel());
  return ScalarValue(*cond, "Condition") != 0;
}

// while: runs the sub-block as long as Condition (re-read after every
// iteration; the block recomputes it) is true.
void While(KernelContext& ctx) {
  const std::string& cond = ctx.op().Input("Condition");
  const int block = ctx.Attr<int>("sub_block");
  constexpr int64_t kMaxIterations = int64_t{1} << 31;
  for (int64_t i = 0; ConditionValue(ctx, cond); ++i) {
    PD2ONNX_CHECK(i < kMaxIterations, ErrorKind::kInvalidInput, "the while loop does not end");
    ctx.RunSubBlock(block);
  }
}

// conditional_block: a scalar condition runs the block when it is true;
// otherwise the block runs when every Cond tensor is non-empty.
void ConditionalBlock(KernelContext& ctx) {
  const auto& conds = ctx.op().Inputs("Cond");
  bool run = true;
  if (ctx.Attr<bool>("is_scalar_condition", false)) {
    PD2ONNX_CHECK(conds.size() == 1, ErrorKind::kInvalidInput,
                  "a scalar condition needs one Cond tensor, not {}", conds.size());
    run = ConditionValue(ctx, conds[0]);
  } else {
    for (size_t i = 0; i < conds.size(); ++i) run = run && ctx.Input("Cond", i).numel() != 0;
  }
  if (run) ctx.RunSubBlock(ctx.Attr<int>("sub_block"));
}

int64_t MaskIndex(const KernelContext& ctx, size_t count) {
  const int64_t index = ScalarInt(ctx.Input("Mask"), "Mask");
  PD2ONNX_CHECK(index >= 0 && index < static_cast<int64_t>(count), ErrorKind::kInvalidInput,
                "Mask {} selects none of the {} branches", index, count);
  return index;
}

// select_input: Out = X[Mask].
void SelectInput(KernelContext& ctx) {
  const size_t index = static_cast<size_t>(MaskIndex(ctx, ctx.op().Inputs("X").size()));
  ctx.SetOutput("Out", ctx.Input("X", index));
}

// select_output: Out[Mask] = X; the other outputs are left untouched.
void SelectOutput(KernelContext& ctx) {
  const size_t index = static_cast<size_t>(MaskIndex(ctx, ctx.OutputCount("Out")));
  ctx.SetOutput("Out", ctx.Input("X"), index);
}

// increment: Out = X + step for a one-element X.
void Increment(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(x.numel() == 1, ErrorKind::kInvalidInput,
                "increment needs a one-element tensor, got {} elements", x.numel());
  const double step = ctx.Attr<double>("step", 1.0);
  HostTensor out = graph::IsInteger(x.dtype)
                       ? FilledInt(x.dtype, x.dims, ScalarInt(x, "X") + static_cast<int64_t>(step))
                       : Filled(x.dtype, x.dims, ScalarValue(x, "X") + step);
  ctx.SetOutput("Out", std::move(out));
}

int64_t ArrayIndex(const KernelContext& ctx) {
  const int64_t index = ScalarInt(ctx.Input("I"), "I");
  PD2ONNX_CHECK(index >= 0, ErrorKind::kInvalidInput, "array index {} is negative", index);
  return index;
}

// write_to_array: Out[I] = X; the array grows to I+1 elements (Paddle fills
// the gap with empty tensors).
void WriteToArray(KernelContext& ctx) {
  TensorArray array = ctx.ArrayValue(ctx.op().Output("Out"));
  const auto index = static_cast<size_t>(ArrayIndex(ctx));
  if (index >= array.size()) array.resize(index + 1, HostTensor(ctx.Input("X").dtype, {0}));
  array[index] = ctx.Input("X");
  ctx.SetOutputArray("Out", std::move(array));
}

// read_from_array: Out = X[I].
void ReadFromArray(KernelContext& ctx) {
  const TensorArray array = ctx.InputArray("X");
  const auto index = static_cast<size_t>(ArrayIndex(ctx));
  PD2ONNX_CHECK(index < array.size(), ErrorKind::kInvalidInput,
                "array index {} is out of range for {} elements", index, array.size());
  ctx.SetOutput("Out", array[index]);
}

// lod_array_length: the element count as int64 [1].
void LodArrayLength(KernelContext& ctx) {
  const auto length = static_cast<int64_t>(ctx.InputArray("X").size());
  ctx.SetOutput("Out", FilledInt(DataType::kInt64, {1}, length));
}

// tensor_array_to_tensor: the elements concatenated (or stacked, with
// use_stack) along axis; OutIndex holds each element's extent on that axis.
void TensorArrayToTensor(KernelContext& ctx) {
  const TensorArray array = ctx.InputArray("X");
  PD2ONNX_CHECK(!array.empty(), ErrorKind::kInvalidInput, "the tensor array is empty");
  const bool stack = ctx.Attr<bool>("use_stack", false);
  const auto rank = static_cast<int64_t>(array[0].dims.size());
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", 0), stack ? rank + 1 : rank);
  std::vector<HostTensor> parts;
  std::vector<int32_t> extents;
  for (const HostTensor& element : array) {
    if (stack) {
      Dims dims = element.dims;
      dims.insert(dims.begin() + axis, 1);
      parts.push_back(Reshaped(element, dims));
    } else {
      parts.push_back(element);
    }
    extents.push_back(static_cast<int32_t>(parts.back().dims[axis]));
  }
  std::vector<const HostTensor*> views;
  for (const HostTensor& part : parts) views.push_back(&part);
  ctx.SetOutput("Out", ConcatAlong(views, axis));
  ctx.SetOutput("OutIndex", HostTensor::From(DataType::kInt32,
                                             {static_cast<int64_t>(extents.size())}, extents));
}

constexpr KernelEntry kControlFlowKernels[] = {
    {"array_to_tensor", TensorArrayToTensor},
    {"conditional_block", ConditionalBlock},
    {"increment", Increment},
    {"lod_array_length", LodArrayLength},
    {"read_from_array", ReadFromArray},
    {"select_input", SelectInput},
    {"select_output", SelectOutput},
    {"tensor_array_to_tensor", TensorArrayToTensor},
    {"while", While},
    {"write_to_array", WriteToArray},
};

}  // namespace

std::span<const KernelEntry> ControlFlowKernels() { return kControlFlowKernels; }

}  // namespace pd2onnx::interp

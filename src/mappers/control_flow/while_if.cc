// while → Loop and conditional_block → If, plus the select_input /
// select_output routing that dy2static puts around conditional blocks, and
// increment. Sub-block ops are mapped into the Loop body / If branches by
// the converter's own op mapper (MapContext::MapBlock); the body reads
// variables of enclosing blocks directly (ONNX outer-scope values).
#include <algorithm>

#include "mappers/control_flow/control_flow.h"
#include "mappers/map_context.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

// Loop-11 / If-11 are the first versions whose loop-carried values and
// branch outputs may change shape, which Paddle's blocks allow.
OpsetNeed ControlFlowOpset(const graph::Op&) {
  return {11, "Loop-11/If-11 (outputs whose shape may change)"};
}

const graph::Var& DeclaredVar(const MapContext& cx, const graph::Op& op, const std::string& name) {
  const graph::Var* var = cx.program().FindVar(op.block_idx, name);
  PD2ONNX_CHECK(var != nullptr, ErrorKind::kInvalidInput, "variable '{}' is not declared", name);
  return *var;
}

// A value of the variable's type for a variable that has none yet (written
// inside the block before it is read, or never written on that path).
std::string Placeholder(MapContext& cx, const graph::Var& var) {
  PD2ONNX_CHECK(var.dtype != DataType::kUndefined, ErrorKind::kInvalidInput,
                "variable '{}' has no data type", var.name);
  if (var.kind == graph::VarKind::kTensorArray) {
    return cx.Node("SequenceEmpty", {}, {{"dtype", emit::OnnxDataType(var.dtype)}});
  }
  std::vector<int64_t> dims = var.shape;
  for (int64_t& d : dims) d = std::max<int64_t>(d, 1);
  const graph::ConstTensor zeros = graph::ConstTensor::FromBytes(
      var.dtype, dims,
      std::vector<std::byte>(graph::NumElements(dims) * graph::ElementSize(var.dtype)));
  return cx.Node("Identity", {cx.Constant(zeros)});
}

std::string CurrentOrPlaceholder(MapContext& cx, const graph::Op& op, const std::string& name) {
  if (auto tensor = cx.TensorOf(name)) return *tensor;
  return Placeholder(cx, DeclaredVar(cx, op, name));
}

std::vector<std::string> Unique(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

std::string BoolScalar(MapContext& cx, const std::string& tensor) { return cx.Reshape(tensor, {}); }

onnx::TypeProto ScalarType(DataType dtype) {
  const std::vector<int64_t> scalar;
  return MapContext::TensorType(dtype, &scalar);
}

// while(Condition) { sub_block } → Loop. The loop-carried values are the
// condition and every variable of Out (outer variables the block writes);
// everything else the block reads comes from the enclosing scope.
void EmitWhile(MapContext& cx, const graph::Op& op) {
  const std::string& cond_var = op.Input("Condition");
  std::vector<std::string> carried = {cond_var};
  for (const std::string& var : Unique(op.Outputs("Out"))) {
    if (var != cond_var) carried.push_back(var);
  }
  std::vector<std::string> loop_inputs = {"", BoolScalar(cx, cx.Input(op, "Condition"))};
  for (const std::string& var : carried) loop_inputs.push_back(CurrentOrPlaceholder(cx, op, var));

  cx.BeginSubgraph();
  cx.SubgraphInput("iteration", ScalarType(DataType::kInt64));
  cx.SubgraphInput("cond_in", ScalarType(DataType::kBool));
  for (const std::string& var : carried) {
    cx.SetVarTensor(var, cx.SubgraphInput(var, MapContext::TypeOfVar(DeclaredVar(cx, op, var))));
  }
  cx.MapBlock(op.Attr<int>("sub_block"));
  std::vector<std::pair<std::string, onnx::TypeProto>> outputs;
  outputs.emplace_back(BoolScalar(cx, *cx.TensorOf(cond_var)), ScalarType(DataType::kBool));
  for (const std::string& var : carried) {
    outputs.emplace_back(*cx.TensorOf(var), MapContext::TypeOfVar(DeclaredVar(cx, op, var)));
  }
  onnx::GraphProto body = cx.EndSubgraph("while_body", outputs);

  const auto results = cx.NodeN("Loop", loop_inputs, carried.size(), {{"body", std::move(body)}});
  const auto& outs = op.Outputs("Out");
  for (size_t i = 0; i < outs.size(); ++i) {
    const auto it = std::find(carried.begin(), carried.end(), outs[i]);
    cx.Bind(op, "Out", results[it - carried.begin()], i);
  }
}

// The If condition of a conditional_block: the scalar Cond, or "every Cond
// tensor has elements" without is_scalar_condition.
std::string BlockCondition(MapContext& cx, const graph::Op& op) {
  if (op.Attr<bool>("is_scalar_condition", false)) {
    PD2ONNX_CHECK(op.Inputs("Cond").size() == 1, ErrorKind::kInvalidInput,
                  "a scalar condition needs one Cond tensor, not {}", op.Inputs("Cond").size());
    return BoolScalar(cx, cx.Input(op, "Cond"));
  }
  std::string all;
  for (const std::string& cond : cx.Inputs(op, "Cond")) {
    const std::string size = cx.Node("Size", {cond});
    const std::string nonempty = cx.Node("Greater", {size, cx.ScalarOf(DataType::kInt64, 0)});
    all = all.empty() ? nonempty : cx.Node("And", {all, nonempty});
  }
  PD2ONNX_CHECK(!all.empty(), ErrorKind::kInvalidInput, "conditional_block has no Cond");
  return all;
}

// conditional_block → If: the then-branch maps the block; the else-branch
// passes each Out variable's current value through (Paddle leaves it
// untouched), or a placeholder when it has none yet (select_input will not
// pick it).
void EmitConditionalBlock(MapContext& cx, const graph::Op& op) {
  const std::string cond = BlockCondition(cx, op);
  const std::vector<std::string> outs = Unique(op.Outputs("Out"));
  std::vector<onnx::TypeProto> types;
  for (const std::string& var : outs) {
    types.push_back(MapContext::TypeOfVar(DeclaredVar(cx, op, var)));
  }
  auto branch = [&](std::string_view name, bool run_block) {
    cx.BeginSubgraph();
    if (run_block) cx.MapBlock(op.Attr<int>("sub_block"));
    std::vector<std::pair<std::string, onnx::TypeProto>> outputs;
    for (size_t i = 0; i < outs.size(); ++i) {
      outputs.emplace_back(CurrentOrPlaceholder(cx, op, outs[i]), types[i]);
    }
    return cx.EndSubgraph(name, outputs);
  };
  onnx::GraphProto then_branch = branch("then", true);
  onnx::GraphProto else_branch = branch("else", false);
  if (outs.empty()) return;  // a block with no visible effect
  const auto results =
      cx.NodeN("If", {cond}, outs.size(),
               {{"then_branch", std::move(then_branch)}, {"else_branch", std::move(else_branch)}});
  const auto& all_outs = op.Outputs("Out");
  for (size_t i = 0; i < all_outs.size(); ++i) {
    const auto it = std::find(outs.begin(), outs.end(), all_outs[i]);
    cx.Bind(op, "Out", results[it - outs.begin()], i);
  }
}

// An If that yields `then_value` or `else_value` (which may differ in shape).
std::string Choose(MapContext& cx, const std::string& cond, const std::string& then_value,
                   const std::string& else_value, const onnx::TypeProto& type) {
  cx.BeginSubgraph();
  onnx::GraphProto then_branch = cx.EndSubgraph("then", {{then_value, type}});
  cx.BeginSubgraph();
  onnx::GraphProto else_branch = cx.EndSubgraph("else", {{else_value, type}});
  return cx.Node(
      "If", {cond},
      {{"then_branch", std::move(then_branch)}, {"else_branch", std::move(else_branch)}});
}

std::string MaskScalar(MapContext& cx, const graph::Op& op) {
  return cx.Reshape(cx.Cast(cx.Input(op, "Mask"), DataType::kInt64), {});
}

// select_input: Out = X[Mask], as a chain of Ifs (the candidates may differ
// in shape, so Where cannot choose).
void EmitSelectInput(MapContext& cx, const graph::Op& op) {
  const std::vector<std::string> xs = cx.Inputs(op, "X");
  PD2ONNX_CHECK(!xs.empty(), ErrorKind::kInvalidInput, "select_input has no X");
  const std::string mask = MaskScalar(cx, op);
  const onnx::TypeProto type = MapContext::TypeOfVar(cx.OutputVar(op, "Out"));
  std::string result = xs[0];
  for (size_t k = 1; k < xs.size(); ++k) {
    const std::string is_k =
        cx.Node("Equal", {mask, cx.ScalarOf(DataType::kInt64, static_cast<double>(k))});
    result = Choose(cx, is_k, xs[k], result, type);
  }
  cx.Bind(op, "Out", result);
}

// select_output: Out[Mask] = X. The other outputs feed only blocks that do
// not run, so every output gets X.
void EmitSelectOutput(MapContext& cx, const graph::Op& op) {
  const std::string x = cx.Input(op, "X");
  for (size_t k = 0; k < op.Outputs("Out").size(); ++k) cx.Bind(op, "Out", x, k);
}

// increment: Out = X + step.
void EmitIncrement(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.InputVar(op, "X").dtype;
  const std::string step = cx.ScalarOf(dtype, op.Attr<double>("step", 1.0));
  cx.Bind(op, "Out", cx.Node("Add", {cx.Input(op, "X"), step}));
}

}  // namespace

void RegisterWhileIf(Registry& r) {
  r.Add("conditional_block", ControlFlowOpset, {{11, EmitConditionalBlock}});
  r.Add("increment", AnyOpset, {{7, EmitIncrement}});
  r.Add("select_input", ControlFlowOpset, {{11, EmitSelectInput}});
  r.Add("select_output", AnyOpset, {{7, EmitSelectOutput}});
  r.Add("while", ControlFlowOpset, {{11, EmitWhile}});
}

}  // namespace pd2onnx::mappers

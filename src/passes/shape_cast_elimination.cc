// Shape-cast round trips: Paddle's `shape` op yields int32, so converted
// graphs often read Shape (int64) → Cast(int32) → Slice/Gather/... →
// Cast(int64) before the value reaches Resize, Reshape or Expand. Dims fit
// int32 (Paddle computed them as int32), so the round trip is exact and the
// final Cast can read the int64 shape directly: the Cast becomes a copy of
// the index op reading the Shape output, and the int32 chain dies when
// nothing else reads it.
#include "passes/graph.h"
#include "passes/pass.h"

namespace pd2onnx::passes {

namespace {

// Ops whose first input is data they only rearrange (any dtype).
bool RearrangesData(const onnx::NodeProto& node) {
  static const char* const kOps[] = {"Slice", "Gather", "Squeeze", "Unsqueeze", "Reshape"};
  if (!node.domain().empty() || node.input_size() == 0) return false;
  for (const char* op : kOps) {
    if (node.op_type() == op) return true;
  }
  return false;
}

bool IsCastTo(const onnx::NodeProto& node, int onnx_type) {
  return node.op_type() == "Cast" && node.domain().empty() && node.input_size() == 1 &&
         IntAttr(node, "to", -1) == onnx_type;
}

// The int64 Shape output behind `name` = Cast(int32)(Shape(...)), or "".
std::string ShapeBehindInt32Cast(const Graph& g, const std::string& name) {
  const int cast = g.Producer(name);
  if (cast < 0 || !IsCastTo(g.node(cast), onnx::TensorProto::INT32)) return "";
  const std::string& source = g.node(cast).input(0);
  const int shape = g.Producer(source);
  if (shape < 0 || g.node(shape).op_type() != "Shape" || !g.node(shape).domain().empty()) return "";
  return source;
}

// Rewrites Cast(int64) node n when it ends a round trip; true if it did.
bool RewriteRoundTrip(Graph& g, int n) {
  const onnx::NodeProto& cast = g.node(n);
  const std::string input = cast.input(0);
  const std::string output = cast.output(0);
  // Cast64(Cast32(Shape)) is the Shape output itself.
  if (const std::string shape = ShapeBehindInt32Cast(g, input); !shape.empty()) {
    return !g.IsGraphOutput(shape) && g.Bypass(n, output, shape);
  }
  // Cast64(op(Cast32(Shape), ...)) becomes op(Shape, ...).
  const int middle = g.Producer(input);
  if (middle < 0 || !RearrangesData(g.node(middle)) || g.node(middle).output_size() != 1) {
    return false;
  }
  const std::string shape = ShapeBehindInt32Cast(g, g.node(middle).input(0));
  if (shape.empty()) return false;
  const onnx::NodeProto op = g.node(middle);
  onnx::NodeProto& rewritten = g.node(n);
  rewritten.set_op_type(op.op_type());
  *rewritten.mutable_attribute() = op.attribute();
  g.SetInput(n, 0, shape);
  for (int k = 1; k < op.input_size(); ++k) g.AddInput(n, op.input(k));
  return true;
}

}  // namespace

bool EliminateShapeCastRoundTrips(emit::Model& model, const PassContext&) {
  Graph g(model);
  bool changed = false;
  for (int n = 0; n < static_cast<int>(g.size()); ++n) {
    if (g.Removed(n) || !IsCastTo(g.node(n), onnx::TensorProto::INT64)) continue;
    changed = RewriteRoundTrip(g, n) || changed;
  }
  g.Compact();
  return changed;
}

}  // namespace pd2onnx::passes

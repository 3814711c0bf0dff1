// Control flow and sequences, from the ONNX specification: If, Loop
// (loop-carried values and scan outputs), SequenceEmpty, SequenceInsert,
// SequenceErase, SequenceAt, SequenceLength, ConcatFromSequence. Sub-graphs
// run through OpContext::RunSubgraph, which sees the enclosing scopes.
#include <algorithm>

#include "evaluator/op_table.h"
#include "support/error.h"

namespace pd2onnx::eval {

namespace {

const onnx::GraphProto& GraphAttr(const OpContext& cx, const std::string& name) {
  for (const auto& attr : cx.node().attribute()) {
    if (attr.name() == name && attr.has_g()) return attr.g();
  }
  Fail(ErrorKind::kInvalidInput, "{} has no graph attribute '{}'", cx.node().op_type(), name);
}

bool Truth(const Tensor& t, std::string_view what) {
  PD2ONNX_CHECK(t.numel() == 1, ErrorKind::kInvalidInput, "{} must hold one value, not {}", what,
                t.numel());
  return t.Get(0) != 0;
}

Tensor ScalarI64(int64_t value) {
  Tensor t(DataType::kInt64, {});
  t.i[0] = value;
  return t;
}

Tensor ScalarBool(bool value) {
  Tensor t(DataType::kBool, {});
  t.i[0] = value ? 1 : 0;
  return t;
}

std::vector<Tensor> If(const OpContext& cx) {
  const bool cond = Truth(cx.In(0), "If condition");
  return cx.RunSubgraph(GraphAttr(cx, cond ? "then_branch" : "else_branch"), {});
}

// Stacks same-shaped tensors along a new axis 0 (Loop scan outputs).
Tensor StackScan(const std::vector<Tensor>& parts) {
  if (parts.empty()) return Tensor(DataType::kFloat32, {0});
  std::vector<int64_t> dims = parts[0].dims;
  dims.insert(dims.begin(), static_cast<int64_t>(parts.size()));
  Tensor out(parts[0].dtype, dims);
  const int64_t block = parts[0].numel();
  for (size_t p = 0; p < parts.size(); ++p) {
    PD2ONNX_CHECK(parts[p].dims == parts[0].dims, ErrorKind::kInvalidInput,
                  "Loop scan output changes shape between iterations");
    for (int64_t k = 0; k < block; ++k) {
      CopyElement(out, static_cast<int64_t>(p) * block + k, parts[p], k);
    }
  }
  return out;
}

std::vector<Tensor> Loop(const OpContext& cx) {
  const onnx::GraphProto& body = GraphAttr(cx, "body");
  const bool has_max = cx.HasInput(0);
  const int64_t max_trips = has_max ? cx.In(0).GetInt(0) : 0;
  bool cond = cx.HasInput(1) ? Truth(cx.In(1), "Loop condition") : true;
  std::vector<Tensor> carried;
  for (size_t k = 2; k < cx.num_inputs(); ++k) carried.push_back(cx.In(k));
  const size_t num_scans = static_cast<size_t>(body.output_size()) - 1 - carried.size();
  std::vector<std::vector<Tensor>> scans(num_scans);
  for (int64_t iteration = 0; cond && (!has_max || iteration < max_trips); ++iteration) {
    std::vector<Tensor> inputs = {ScalarI64(iteration), ScalarBool(cond)};
    inputs.insert(inputs.end(), carried.begin(), carried.end());
    std::vector<Tensor> outputs = cx.RunSubgraph(body, inputs);
    cond = Truth(outputs[0], "Loop body condition");
    for (size_t k = 0; k < carried.size(); ++k) carried[k] = std::move(outputs[1 + k]);
    for (size_t s = 0; s < num_scans; ++s) {
      scans[s].push_back(std::move(outputs[1 + carried.size() + s]));
    }
  }
  std::vector<Tensor> results = std::move(carried);
  for (const auto& scan : scans) results.push_back(StackScan(scan));
  return results;
}

Tensor Sequence(DataType dtype, std::vector<Tensor> elements) {
  Tensor t(dtype, {0});
  t.is_sequence = true;
  t.sequence = std::move(elements);
  return t;
}

const Tensor& SequenceIn(const OpContext& cx, size_t k) {
  const Tensor& t = cx.In(k);
  PD2ONNX_CHECK(t.is_sequence, ErrorKind::kInvalidInput, "input {} is not a sequence", k);
  return t;
}

// A position in [-n, n + extra) made non-negative.
int64_t Position(const Tensor& position, int64_t n, int64_t extra) {
  int64_t p = position.GetInt(0);
  if (p < 0) p += n;
  PD2ONNX_CHECK(p >= 0 && p < n + extra, ErrorKind::kInvalidInput,
                "sequence position {} is out of range for {} elements", position.GetInt(0), n);
  return p;
}

std::vector<Tensor> SequenceEmpty(const OpContext& cx) {
  const int onnx_type = static_cast<int>(cx.Int("dtype", onnx::TensorProto::FLOAT));
  return {Sequence(DataTypeFromOnnx(onnx_type), {})};
}

std::vector<Tensor> SequenceInsert(const OpContext& cx) {
  const Tensor& seq = SequenceIn(cx, 0);
  std::vector<Tensor> elements = seq.sequence;
  const auto n = static_cast<int64_t>(elements.size());
  const int64_t p = cx.HasInput(2) ? Position(cx.In(2), n, 1) : n;
  elements.insert(elements.begin() + p, cx.In(1));
  return {Sequence(seq.dtype, std::move(elements))};
}

std::vector<Tensor> SequenceErase(const OpContext& cx) {
  const Tensor& seq = SequenceIn(cx, 0);
  std::vector<Tensor> elements = seq.sequence;
  const auto n = static_cast<int64_t>(elements.size());
  const int64_t p = cx.HasInput(1) ? Position(cx.In(1), n, 0) : n - 1;
  PD2ONNX_CHECK(p >= 0, ErrorKind::kInvalidInput, "SequenceErase on an empty sequence");
  elements.erase(elements.begin() + p);
  return {Sequence(seq.dtype, std::move(elements))};
}

std::vector<Tensor> SequenceAt(const OpContext& cx) {
  const Tensor& seq = SequenceIn(cx, 0);
  const auto n = static_cast<int64_t>(seq.sequence.size());
  return {seq.sequence[Position(cx.In(1), n, 0)]};
}

std::vector<Tensor> SequenceLength(const OpContext& cx) {
  return {ScalarI64(static_cast<int64_t>(SequenceIn(cx, 0).sequence.size()))};
}

// Concatenates along axis, or stacks along a new axis with new_axis=1.
std::vector<Tensor> ConcatFromSequence(const OpContext& cx) {
  const std::vector<Tensor>& parts = SequenceIn(cx, 0).sequence;
  PD2ONNX_CHECK(!parts.empty(), ErrorKind::kInvalidInput, "ConcatFromSequence of nothing");
  const bool stack = cx.Int("new_axis", 0) != 0;
  const int64_t rank = parts[0].rank() + (stack ? 1 : 0);
  const int64_t axis = NormalizeAxis(cx.Int("axis", 0), rank);
  std::vector<Tensor> views;
  for (const Tensor& part : parts) {
    Tensor view = part;
    if (stack) view.dims.insert(view.dims.begin() + axis, 1);
    PD2ONNX_CHECK(view.rank() == rank, ErrorKind::kInvalidInput,
                  "ConcatFromSequence elements differ in rank");
    views.push_back(std::move(view));
  }
  std::vector<int64_t> dims = views[0].dims;
  dims[axis] = 0;
  for (const Tensor& v : views) dims[axis] += v.dims[axis];
  Tensor out(parts[0].dtype, dims);
  int64_t outer = 1;
  for (int64_t k = 0; k < axis; ++k) outer *= dims[k];
  const int64_t out_row = out.numel() / std::max<int64_t>(outer, 1);
  int64_t offset = 0;
  for (const Tensor& v : views) {
    const int64_t row = v.numel() / std::max<int64_t>(outer, 1);
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t k = 0; k < row; ++k) CopyElement(out, o * out_row + offset + k, v, o * row + k);
    }
    offset += row;
  }
  return {out};
}

}  // namespace

void RegisterControlFlowOps(OpTable& t) {
  t["If"] = If;
  t["Loop"] = Loop;
  t["SequenceEmpty"] = SequenceEmpty;
  t["SequenceInsert"] = SequenceInsert;
  t["SequenceErase"] = SequenceErase;
  t["SequenceAt"] = SequenceAt;
  t["SequenceLength"] = SequenceLength;
  t["ConcatFromSequence"] = ConcatFromSequence;
}

}  // namespace pd2onnx::eval

// einsum (`equation` with "->", one or two Operands, "..." broadcasting)
// → Einsum-12. ONNX takes the same equation syntax; Paddle's extra outputs
// (InnerCache, XShape) only serve the gradient and are not produced.
#include <algorithm>
#include <string>
#include <vector>

#include "mappers/linalg/linalg.h"
#include "mappers/map_context.h"
#include "mappers/tensor/shape_util.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

OpsetNeed MinOpset(const graph::Op&) { return {12, "einsum (Einsum-12)"}; }

void Emit12(MapContext& cx, const graph::Op& op) {
  std::string equation;
  for (char c : op.Attr<std::string>("equation")) {
    if (c != ' ') equation.push_back(c);
  }
  PD2ONNX_CHECK(equation.find("->") != std::string::npos, ErrorKind::kUnsupported,
                "equation '{}' has no '->' (implicit output)", equation);
  // ONNX wants every "..." to stand for the same number of dims: operands
  // with fewer get leading 1s inside their ellipsis (NumPy broadcasting).
  const std::string lhs = equation.substr(0, equation.find("->"));
  std::vector<std::string> terms;
  for (size_t start = 0;;) {
    const size_t comma = lhs.find(',', start);
    terms.push_back(lhs.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::vector<std::string> inputs = cx.Inputs(op, "Operands");
  PD2ONNX_CHECK(terms.size() == inputs.size(), ErrorKind::kInvalidInput,
                "equation '{}' has {} terms for {} operands", equation, terms.size(),
                inputs.size());
  std::vector<int64_t> ellipsis_rank(terms.size(), -1), ellipsis_at(terms.size(), 0);
  int64_t widest = 0;
  for (size_t t = 0; t < terms.size(); ++t) {
    const size_t dots = terms[t].find("...");
    if (dots == std::string::npos) continue;
    const int64_t letters = static_cast<int64_t>(terms[t].size()) - 3;
    ellipsis_rank[t] = RankOf(cx.InputVar(op, "Operands", t)) - letters;
    ellipsis_at[t] = static_cast<int64_t>(dots);
    widest = std::max(widest, ellipsis_rank[t]);
  }
  for (size_t t = 0; t < terms.size(); ++t) {
    if (ellipsis_rank[t] < 0 || ellipsis_rank[t] == widest) continue;
    std::vector<int64_t> axes;
    for (int64_t k = 0; k < widest - ellipsis_rank[t]; ++k) axes.push_back(ellipsis_at[t] + k);
    inputs[t] = cx.Unsqueeze(inputs[t], axes);
  }
  cx.Bind(op, "Out", cx.Node("Einsum", inputs, {{"equation", equation}}));
}

}  // namespace

void RegisterEinsum(Registry& r) { r.Add("einsum", MinOpset, {{12, Emit12}}); }

}  // namespace pd2onnx::mappers

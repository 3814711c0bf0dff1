#include "passes/shape_inference.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <optional>

#include "onnx/reader.h"
#include "support/error.h"

namespace pd2onnx::passes {

namespace {

using graph::DataType;
using Dims = std::vector<int64_t>;
using Ints = std::vector<int64_t>;

// Dim arithmetic on values read from the model: a result that overflows
// int64 (or an operand that is unknown, -1) is an unknown dim.
int64_t DimMul(int64_t a, int64_t b) {
  int64_t r = 0;
  return a < 0 || b < 0 || __builtin_mul_overflow(a, b, &r) ? -1 : r;
}

// Any-sign checked arithmetic for known values; nullopt on overflow.
std::optional<int64_t> CheckedAdd(int64_t a, int64_t b) {
  int64_t r = 0;
  return __builtin_add_overflow(a, b, &r) ? std::nullopt : std::optional<int64_t>(r);
}
std::optional<int64_t> CheckedSub(int64_t a, int64_t b) {
  int64_t r = 0;
  return __builtin_sub_overflow(a, b, &r) ? std::nullopt : std::optional<int64_t>(r);
}
std::optional<int64_t> CheckedMul(int64_t a, int64_t b) {
  int64_t r = 0;
  return __builtin_mul_overflow(a, b, &r) ? std::nullopt : std::optional<int64_t>(r);
}

bool AllKnown(const Dims& dims) {
  return std::all_of(dims.begin(), dims.end(), [](int64_t d) { return d >= 0; });
}

int64_t Product(const Dims& dims, size_t begin, size_t end) {
  int64_t n = 1;
  for (size_t k = begin; k < end; ++k) {
    n = DimMul(n, dims[k]);
    if (n < 0) return -1;
  }
  return n;
}

bool IsIntegral(DataType dtype) { return graph::IsInteger(dtype) || dtype == DataType::kBool; }

// ---- Attributes -------------------------------------------------------------

const onnx::AttributeProto* FindAttr(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& attr : node.attribute()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

int64_t IntAttr(const onnx::NodeProto& node, const std::string& name, int64_t fallback) {
  const auto* attr = FindAttr(node, name);
  return attr != nullptr ? attr->i() : fallback;
}

std::optional<Ints> IntsAttr(const onnx::NodeProto& node, const std::string& name) {
  const auto* attr = FindAttr(node, name);
  if (attr == nullptr) return std::nullopt;
  return Ints(attr->ints().begin(), attr->ints().end());
}

std::optional<std::vector<double>> FloatsAttr(const onnx::NodeProto& node,
                                              const std::string& name) {
  const auto* attr = FindAttr(node, name);
  if (attr == nullptr) return std::nullopt;
  return std::vector<double>(attr->floats().begin(), attr->floats().end());
}

std::string StringAttr(const onnx::NodeProto& node, const std::string& name) {
  const auto* attr = FindAttr(node, name);
  return attr != nullptr ? attr->s() : std::string();
}

// ---- Values -----------------------------------------------------------------

ValueType FromConst(const graph::ConstTensor& tensor) {
  ValueType t;
  t.dtype = tensor.dtype();
  t.dims = tensor.dims();
  if (tensor.numel() <= kMaxTrackedElements) {
    if (IsIntegral(t.dtype)) t.ints = tensor.ToInt64();
    if (graph::IsFloatingPoint(t.dtype)) t.floats = tensor.ToDouble();
  }
  return t;
}

ValueType WithShape(DataType dtype, std::optional<Dims> dims) {
  ValueType t;
  t.dtype = dtype;
  t.dims = std::move(dims);
  return t;
}

ValueType KnownInts(DataType dtype, Dims dims, Ints values) {
  ValueType t = WithShape(dtype, std::move(dims));
  if (static_cast<int64_t>(values.size()) <= kMaxTrackedElements) t.ints = std::move(values);
  return t;
}

int64_t NormalizeAxis(int64_t axis, size_t rank) {
  const int64_t r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r) Fail(ErrorKind::kInvalidInput, "axis {} outside rank {}", axis, r);
  return axis < 0 ? axis + r : axis;
}

// ONNX multidirectional broadcasting; unknown dims stay unknown unless the
// other side is known and not 1.
std::optional<Dims> Broadcast(const std::vector<const ValueType*>& inputs) {
  size_t rank = 0;
  for (const ValueType* in : inputs) {
    if (in == nullptr || !in->dims) return std::nullopt;
    rank = std::max(rank, in->dims->size());
  }
  Dims out(rank, 1);
  for (size_t k = 0; k < rank; ++k) {
    bool unknown = false;
    for (const ValueType* in : inputs) {
      const Dims& d = *in->dims;
      if (k < rank - d.size()) continue;
      const int64_t v = d[k - (rank - d.size())];
      if (v < 0) {
        unknown = true;
      } else if (v != 1) {
        out[k] = v;
      }
    }
    if (unknown && out[k] == 1) out[k] = -1;
  }
  return out;
}

// ---- The inference state ----------------------------------------------------

class Inferrer {
 public:
  explicit Inferrer(const emit::Model& model) : model_(model) {}

  ValueTypes Run() {
    for (const auto& init : model_.initializers) types_[init.name] = FromConst(init.tensor);
    for (const auto& input : model_.inputs) {
      if (types_.count(input.name)) continue;  // IR 3: initializers are inputs too
      ValueType t;
      t.dtype = input.dtype;
      if (input.has_shape) t.dims = input.dims;
      types_[input.name] = t;
    }
    for (const auto& node : model_.nodes) InferNode(node);
    return std::move(types_);
  }

  int opset() const { return model_.opset; }

  const ValueType* In(const onnx::NodeProto& node, int i) const {
    if (i >= node.input_size() || node.input(i).empty()) return nullptr;
    const auto it = types_.find(node.input(i));
    return it == types_.end() ? nullptr : &it->second;
  }
  bool HasInput(const onnx::NodeProto& node, int i) const {
    return i < node.input_size() && !node.input(i).empty();
  }
  std::optional<Dims> DimsOf(const onnx::NodeProto& node, int i) const {
    const ValueType* t = In(node, i);
    return t != nullptr ? t->dims : std::nullopt;
  }
  DataType DtypeOf(const onnx::NodeProto& node, int i) const {
    const ValueType* t = In(node, i);
    return t != nullptr ? t->dtype : DataType::kUndefined;
  }
  std::optional<Ints> IntsOf(const onnx::NodeProto& node, int i) const {
    const ValueType* t = In(node, i);
    return t != nullptr ? t->ints : std::nullopt;
  }
  std::optional<std::vector<double>> FloatsOf(const onnx::NodeProto& node, int i) const {
    const ValueType* t = In(node, i);
    return t != nullptr ? t->floats : std::nullopt;
  }
  // An int list given as an attribute before `since_opset`, as input `i` from it.
  std::optional<Ints> AttrOrInput(const onnx::NodeProto& node, const std::string& attr,
                                  int since_opset, int i) const {
    if (opset() < since_opset) return IntsAttr(node, attr);
    if (!HasInput(node, i)) return std::nullopt;
    return IntsOf(node, i);
  }

 private:
  void InferNode(const onnx::NodeProto& node);

  const emit::Model& model_;
  ValueTypes types_;
};

using Rule = std::function<std::vector<ValueType>(const onnx::NodeProto&, const Inferrer&)>;

// ---- Rules ------------------------------------------------------------------

std::vector<ValueType> SameAsInput0(const onnx::NodeProto& node, const Inferrer& cx) {
  return {WithShape(cx.DtypeOf(node, 0), cx.DimsOf(node, 0))};
}

std::vector<ValueType> BoolLikeInput0(const onnx::NodeProto& node, const Inferrer& cx) {
  return {WithShape(DataType::kBool, cx.DimsOf(node, 0))};
}

std::vector<ValueType> IdentityRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const ValueType* in = cx.In(node, 0);
  return {in != nullptr ? *in : ValueType{}};
}

// Elementwise integer arithmetic on known values (scalar or equal sizes).
std::optional<Ints> IntArithmetic(const std::string& op, const Ints& a, const Ints& b) {
  const size_t n = std::max(a.size(), b.size());
  if (!(a.size() == n || a.size() == 1) || !(b.size() == n || b.size() == 1)) return std::nullopt;
  Ints out(n);
  for (size_t k = 0; k < n; ++k) {
    const int64_t x = a[a.size() == 1 ? 0 : k];
    const int64_t y = b[b.size() == 1 ? 0 : k];
    std::optional<int64_t> r;
    if (op == "Add") {
      r = CheckedAdd(x, y);
    } else if (op == "Sub") {
      r = CheckedSub(x, y);
    } else if (op == "Mul") {
      r = CheckedMul(x, y);
    } else if (op == "Div" && y != 0 && !(y == -1 && x == std::numeric_limits<int64_t>::min())) {
      r = x / y;  // ONNX integer Div truncates
    }
    if (!r) return std::nullopt;
    out[k] = *r;
  }
  return out;
}

std::vector<ValueType> BroadcastRule(const onnx::NodeProto& node, const Inferrer& cx,
                                     DataType dtype) {
  std::vector<const ValueType*> inputs;
  for (int i = 0; i < node.input_size(); ++i) inputs.push_back(cx.In(node, i));
  ValueType out = WithShape(dtype, Broadcast(inputs));
  if (node.input_size() == 2 && IsIntegral(dtype) && out.dims && inputs[0] && inputs[1] &&
      inputs[0]->ints && inputs[1]->ints && inputs[0]->dims->size() <= 1 &&
      inputs[1]->dims->size() <= 1) {
    out.ints = IntArithmetic(node.op_type(), *inputs[0]->ints, *inputs[1]->ints);
    if (out.ints &&
        static_cast<int64_t>(out.ints->size()) != Product(*out.dims, 0, out.dims->size()))
      out.ints.reset();
  }
  return {out};
}

std::vector<ValueType> ArithmeticRule(const onnx::NodeProto& node, const Inferrer& cx) {
  return BroadcastRule(node, cx, cx.DtypeOf(node, 0));
}

std::vector<ValueType> ComparisonRule(const onnx::NodeProto& node, const Inferrer& cx) {
  return BroadcastRule(node, cx, DataType::kBool);
}

std::vector<ValueType> WhereRule(const onnx::NodeProto& node, const Inferrer& cx) {
  std::vector<const ValueType*> inputs = {cx.In(node, 0), cx.In(node, 1), cx.In(node, 2)};
  return {WithShape(cx.DtypeOf(node, 1), Broadcast(inputs))};
}

std::vector<ValueType> CastRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const DataType to = emit::DataTypeFromOnnxType(static_cast<int>(IntAttr(node, "to", 1)));
  ValueType out = WithShape(to, cx.DimsOf(node, 0));
  const ValueType* in = cx.In(node, 0);
  if (in != nullptr && in->ints && IsIntegral(to)) {
    out.ints = *in->ints;
    if (to == DataType::kBool) {
      for (int64_t& v : *out.ints) v = v != 0 ? 1 : 0;
    }
  }
  return {out};
}

// Output extent of a sliding window (Conv, pools).
int64_t WindowExtent(int64_t in, int64_t kernel, int64_t stride, int64_t dilation, int64_t pad_sum,
                     bool ceil_mode, int64_t pad_begin) {
  if (in < 0 || kernel < 0 || stride <= 0 || dilation <= 0) return -1;  // unknown or malformed
  // Values this large are malformed; bounding them keeps the sums below exact.
  constexpr int64_t kLimit = int64_t{1} << 40;
  if (in > kLimit || kernel > kLimit || stride > kLimit || dilation > kLimit || pad_sum < -kLimit ||
      pad_sum > kLimit || pad_begin < -kLimit || pad_begin > kLimit) {
    return -1;
  }
  const int64_t span = DimMul(kernel == 0 ? 0 : kernel - 1, dilation);
  if (span < 0) return -1;
  const int64_t room = in + pad_sum - span - 1;
  if (room < 0) return -1;
  int64_t out = (ceil_mode ? (room + stride - 1) / stride : room / stride) + 1;
  // A last window that would start in the end padding is dropped.
  if (ceil_mode && (out - 1) * stride >= in + pad_begin) --out;
  return out;
}

// Output extent of a transposed convolution; unknown when the values are
// malformed (negative, or large enough to overflow).
int64_t TransposedExtent(int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
                         int64_t extra, int64_t pad_begin, int64_t pad_end) {
  constexpr int64_t kLimit = int64_t{1} << 30;
  for (int64_t v : {in, kernel, stride, dilation, extra, pad_begin, pad_end}) {
    if (v < -kLimit || v > kLimit) return -1;
  }
  if (in < 1 || kernel < 1 || stride < 1 || dilation < 1) return -1;
  const int64_t out = stride * (in - 1) + extra + (kernel - 1) * dilation + 1 - pad_begin - pad_end;
  return out < 0 ? -1 : out;
}

// Spatial output dims for Conv / pools given the kernel dims.
std::optional<Dims> SpatialDims(const onnx::NodeProto& node, const Dims& x, const Dims& kernel,
                                bool ceil_mode) {
  const size_t n = kernel.size();
  if (x.size() != n + 2) return std::nullopt;
  const Ints strides = IntsAttr(node, "strides").value_or(Ints(n, 1));
  const Ints dilations = IntsAttr(node, "dilations").value_or(Ints(n, 1));
  const Ints pads = IntsAttr(node, "pads").value_or(Ints(2 * n, 0));
  const std::string auto_pad = StringAttr(node, "auto_pad");
  if (strides.size() != n || dilations.size() != n || pads.size() != 2 * n) return std::nullopt;
  Dims out;
  for (size_t k = 0; k < n; ++k) {
    const int64_t in = x[k + 2];
    if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      out.push_back(in < 0 || strides[k] <= 0 ? -1 : in / strides[k] + (in % strides[k] != 0));
    } else if (auto_pad == "VALID") {
      out.push_back(WindowExtent(in, kernel[k], strides[k], dilations[k], 0, false, 0));
    } else {
      const std::optional<int64_t> pad_sum = CheckedAdd(pads[k], pads[k + n]);
      out.push_back(pad_sum ? WindowExtent(in, kernel[k], strides[k], dilations[k], *pad_sum,
                                           ceil_mode, pads[k])
                            : -1);
    }
  }
  return out;
}

std::vector<ValueType> ConvRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto x = cx.DimsOf(node, 0);
  const auto w = cx.DimsOf(node, 1);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!x || !w || w->size() < 3) return {out};
  const Dims kernel = IntsAttr(node, "kernel_shape").value_or(Dims(w->begin() + 2, w->end()));
  const auto spatial = SpatialDims(node, *x, kernel, false);
  if (!spatial) return {out};
  Dims dims = {(*x)[0], (*w)[0]};
  dims.insert(dims.end(), spatial->begin(), spatial->end());
  out.dims = dims;
  return {out};
}

std::vector<ValueType> ConvTransposeRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto x = cx.DimsOf(node, 0);
  const auto w = cx.DimsOf(node, 1);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!x || !w || w->size() < 3 || x->size() != w->size()) return {out};
  const size_t n = w->size() - 2;
  const int64_t group = IntAttr(node, "group", 1);
  Dims dims = {(*x)[0], DimMul((*w)[1], group)};
  if (const auto shape = IntsAttr(node, "output_shape"); shape && shape->size() == n) {
    dims.insert(dims.end(), shape->begin(), shape->end());
    out.dims = dims;
    return {out};
  }
  const Dims kernel = IntsAttr(node, "kernel_shape").value_or(Dims(w->begin() + 2, w->end()));
  const Ints strides = IntsAttr(node, "strides").value_or(Ints(n, 1));
  const Ints dilations = IntsAttr(node, "dilations").value_or(Ints(n, 1));
  const Ints pads = IntsAttr(node, "pads").value_or(Ints(2 * n, 0));
  const Ints extra = IntsAttr(node, "output_padding").value_or(Ints(n, 0));
  const std::string auto_pad = StringAttr(node, "auto_pad");
  if (kernel.size() != n || strides.size() != n || dilations.size() != n || pads.size() != 2 * n ||
      extra.size() != n) {
    return {out};
  }
  for (size_t k = 0; k < n; ++k) {
    const int64_t in = (*x)[k + 2];
    if (in < 0 || kernel[k] < 0) {
      dims.push_back(-1);
    } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      dims.push_back(DimMul(in, strides[k]));
    } else {
      dims.push_back(TransposedExtent(in, kernel[k], strides[k], dilations[k], extra[k], pads[k],
                                      pads[k + n]));
    }
  }
  out.dims = dims;
  return {out};
}

std::vector<ValueType> PoolRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto x = cx.DimsOf(node, 0);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  const auto kernel = IntsAttr(node, "kernel_shape");
  if (x && kernel && x->size() == kernel->size() + 2) {
    if (const auto spatial = SpatialDims(node, *x, *kernel, IntAttr(node, "ceil_mode", 0) != 0)) {
      Dims dims = {(*x)[0], (*x)[1]};
      dims.insert(dims.end(), spatial->begin(), spatial->end());
      out.dims = dims;
    }
  }
  ValueType indices = WithShape(DataType::kInt64, out.dims);
  return {out, indices};
}

std::vector<ValueType> GlobalPoolRule(const onnx::NodeProto& node, const Inferrer& cx) {
  auto dims = cx.DimsOf(node, 0);
  if (dims) {
    for (size_t k = 2; k < dims->size(); ++k) (*dims)[k] = 1;
  }
  return {WithShape(cx.DtypeOf(node, 0), dims)};
}

std::vector<ValueType> GemmRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto a = cx.DimsOf(node, 0);
  const auto b = cx.DimsOf(node, 1);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!a || !b || a->size() != 2 || b->size() != 2) return {out};
  const bool ta = IntAttr(node, "transA", 0) != 0;
  const bool tb = IntAttr(node, "transB", 0) != 0;
  out.dims = Dims{(*a)[ta ? 1 : 0], (*b)[tb ? 0 : 1]};
  return {out};
}

std::vector<ValueType> MatMulRule(const onnx::NodeProto& node, const Inferrer& cx) {
  auto a = cx.DimsOf(node, 0);
  auto b = cx.DimsOf(node, 1);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!a || !b || a->empty() || b->empty()) return {out};
  const bool a_vector = a->size() == 1;
  const bool b_vector = b->size() == 1;
  if (a_vector) a->insert(a->begin(), 1);
  if (b_vector) b->push_back(1);
  ValueType batch_a = WithShape(DataType::kFloat32, Dims(a->begin(), a->end() - 2));
  ValueType batch_b = WithShape(DataType::kFloat32, Dims(b->begin(), b->end() - 2));
  Dims dims = *Broadcast({&batch_a, &batch_b});
  if (!a_vector) dims.push_back((*a)[a->size() - 2]);
  if (!b_vector) dims.push_back(b->back());
  out.dims = dims;
  return {out};
}

std::vector<ValueType> ReshapeRule(const onnx::NodeProto& node, const Inferrer& cx) {
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  const auto target = cx.AttrOrInput(node, "shape", 5, 1);
  if (!target) {
    // The rank is still known from the shape input's length.
    const auto shape_dims = cx.opset() >= 5 ? cx.DimsOf(node, 1) : std::nullopt;
    if (shape_dims && shape_dims->size() == 1 && (*shape_dims)[0] >= 0)
      out.dims = Dims(static_cast<size_t>((*shape_dims)[0]), -1);
    return {out};
  }
  const auto in = cx.DimsOf(node, 0);
  const bool allow_zero = IntAttr(node, "allowzero", 0) != 0;
  Dims dims = *target;
  int infer_at = -1;
  for (size_t k = 0; k < dims.size(); ++k) {
    if (dims[k] == 0 && !allow_zero) dims[k] = in && k < in->size() ? (*in)[k] : -1;
    if ((*target)[k] == -1) infer_at = static_cast<int>(k);
  }
  if (infer_at >= 0) {
    dims[static_cast<size_t>(infer_at)] = -1;
    const int64_t total = in ? Product(*in, 0, in->size()) : -1;
    int64_t rest = 1;
    for (size_t k = 0; k < dims.size(); ++k) {
      if (static_cast<int>(k) == infer_at) continue;
      rest = DimMul(rest, dims[k]);
    }
    if (total >= 0 && rest > 0) dims[static_cast<size_t>(infer_at)] = total / rest;
  }
  out.dims = dims;
  const ValueType* data = cx.In(node, 0);
  if (data != nullptr && data->ints) out.ints = data->ints;
  return {out};
}

std::vector<ValueType> FlattenRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!in) return {out};
  int64_t axis = IntAttr(node, "axis", 1);
  if (axis < 0) axis += static_cast<int64_t>(in->size());
  const size_t split = static_cast<size_t>(std::clamp<int64_t>(axis, 0, in->size()));
  out.dims = Dims{Product(*in, 0, split), Product(*in, split, in->size())};
  return {out};
}

std::vector<ValueType> TransposeRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!in) return {out};
  Ints perm = IntsAttr(node, "perm").value_or(Ints{});
  if (perm.empty()) {
    for (size_t k = in->size(); k > 0; --k) perm.push_back(static_cast<int64_t>(k - 1));
  }
  if (perm.size() != in->size()) return {out};
  Dims dims;
  for (int64_t p : perm) dims.push_back((*in)[static_cast<size_t>(NormalizeAxis(p, in->size()))]);
  out.dims = dims;
  return {out};
}

std::vector<ValueType> ConcatRule(const onnx::NodeProto& node, const Inferrer& cx) {
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  const auto first = cx.DimsOf(node, 0);
  if (!first) return {out};
  const size_t axis = static_cast<size_t>(NormalizeAxis(IntAttr(node, "axis", 0), first->size()));
  Dims dims = *first;
  Ints values;
  bool values_known = first->size() == 1;
  for (int i = 0; i < node.input_size(); ++i) {
    const auto d = cx.DimsOf(node, i);
    if (!d || d->size() != dims.size()) return {out};
    if (i > 0) {
      const auto sum = CheckedAdd(dims[axis], (*d)[axis]);
      dims[axis] = dims[axis] < 0 || (*d)[axis] < 0 || !sum ? -1 : *sum;
    }
    for (size_t k = 0; k < dims.size(); ++k) {
      if (k != axis && dims[k] < 0) dims[k] = (*d)[k];
    }
    const auto ints = cx.IntsOf(node, i);
    if (ints) {
      values.insert(values.end(), ints->begin(), ints->end());
    } else {
      values_known = false;
    }
  }
  out.dims = dims;
  if (values_known && IsIntegral(out.dtype)) out = KnownInts(out.dtype, dims, values);
  return {out};
}

// Clamped start and end of a Slice along one axis (ONNX rules).
std::pair<int64_t, int64_t> SliceBounds(int64_t start, int64_t end, int64_t step, int64_t dim) {
  if (start < 0) start += dim;
  if (end < 0) end += dim;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
  } else {
    start = std::clamp<int64_t>(start, 0, dim - 1);
    end = std::clamp<int64_t>(end, -1, dim - 1);
  }
  return {start, end};
}

int64_t SliceCount(int64_t start, int64_t end, int64_t step) {
  // start and end are clamped to a dim; step == 0 is malformed (unknown).
  if (step == 0) return -1;
  if (step > 0) return end > start ? (end - start - 1) / step + 1 : 0;
  if (step == std::numeric_limits<int64_t>::min()) return start > end ? 1 : 0;
  return start > end ? (start - end - 1) / -step + 1 : 0;
}

std::vector<ValueType> SliceRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!in) return {out};
  const auto starts = cx.AttrOrInput(node, "starts", 10, 1);
  const auto ends = cx.AttrOrInput(node, "ends", 10, 2);
  std::optional<Ints> axes = cx.AttrOrInput(node, "axes", 10, 3);
  std::optional<Ints> steps = cx.opset() >= 10 ? cx.AttrOrInput(node, "", 10, 4) : std::nullopt;
  const bool has_axes = cx.opset() < 10 ? FindAttr(node, "axes") != nullptr : cx.HasInput(node, 3);
  const bool has_steps = cx.opset() >= 10 && cx.HasInput(node, 4);
  if (!starts || !ends || starts->size() != ends->size() || (has_axes && !axes) ||
      (has_steps && !steps)) {
    out.dims = Dims(in->size(), -1);
    return {out};
  }
  if (!has_axes) {
    axes = Ints();
    for (size_t k = 0; k < starts->size(); ++k) axes->push_back(static_cast<int64_t>(k));
  }
  if (!has_steps) steps = Ints(starts->size(), 1);
  if (axes->size() != starts->size() || steps->size() != starts->size()) {
    out.dims = Dims(in->size(), -1);  // malformed: let the checker name it
    return {out};
  }
  Dims dims = *in;
  int64_t first_start = 0, first_step = 1, first_end = 0;
  for (size_t k = 0; k < axes->size(); ++k) {
    const size_t axis = static_cast<size_t>(NormalizeAxis((*axes)[k], in->size()));
    const int64_t step = (*steps)[k];
    if (step == 0 || (*in)[axis] < 0) {
      dims[axis] = -1;
      continue;
    }
    const auto [start, end] = SliceBounds((*starts)[k], (*ends)[k], step, (*in)[axis]);
    dims[axis] = SliceCount(start, end, step);
    first_start = start, first_end = end, first_step = step;
  }
  out.dims = dims;
  const auto data = cx.IntsOf(node, 0);
  if (data && in->size() == 1 && dims[0] >= 0) {
    Ints values;
    for (int64_t i = first_start; first_step > 0 ? i < first_end : i > first_end; i += first_step)
      values.push_back((*data)[static_cast<size_t>(i)]);
    if (static_cast<int64_t>(values.size()) == dims[0]) out.ints = values;
  }
  return {out};
}

std::vector<ValueType> SqueezeRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!in) return {out};
  const bool has_axes = cx.opset() < 13 ? FindAttr(node, "axes") != nullptr : cx.HasInput(node, 1);
  const auto axes = cx.AttrOrInput(node, "axes", 13, 1);
  if (has_axes && !axes) return {out};
  std::vector<bool> drop(in->size(), false);
  if (has_axes) {
    for (int64_t a : *axes) drop[static_cast<size_t>(NormalizeAxis(a, in->size()))] = true;
  } else {
    if (!AllKnown(*in)) return {out};
    for (size_t k = 0; k < in->size(); ++k) drop[k] = (*in)[k] == 1;
  }
  Dims dims;
  for (size_t k = 0; k < in->size(); ++k) {
    if (!drop[k]) dims.push_back((*in)[k]);
  }
  out.dims = dims;
  out.ints = cx.IntsOf(node, 0);
  return {out};
}

std::vector<ValueType> UnsqueezeRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  const auto axes = cx.AttrOrInput(node, "axes", 13, 1);
  if (!in || !axes) return {out};
  const size_t rank = in->size() + axes->size();
  std::vector<bool> inserted(rank, false);
  for (int64_t a : *axes) inserted[static_cast<size_t>(NormalizeAxis(a, rank))] = true;
  Dims dims;
  size_t next = 0;
  for (size_t k = 0; k < rank; ++k) dims.push_back(inserted[k] ? 1 : (*in)[next++]);
  out.dims = dims;
  out.ints = cx.IntsOf(node, 0);
  return {out};
}

std::vector<ValueType> ShapeRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  if (!in) return {WithShape(DataType::kInt64, Dims{-1})};
  const int64_t rank = static_cast<int64_t>(in->size());
  int64_t start = IntAttr(node, "start", 0);
  int64_t end = IntAttr(node, "end", rank);
  start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
  end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
  const Dims dims(in->begin() + start, in->begin() + std::max(start, end));
  ValueType out = WithShape(DataType::kInt64, Dims{static_cast<int64_t>(dims.size())});
  if (AllKnown(dims)) out.ints = dims;
  return {out};
}

std::vector<ValueType> SizeRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(DataType::kInt64, Dims{});
  if (in && AllKnown(*in)) out.ints = Ints{Product(*in, 0, in->size())};
  return {out};
}

std::vector<ValueType> GatherRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto data = cx.DimsOf(node, 0);
  const auto indices = cx.DimsOf(node, 1);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!data || !indices || data->empty()) return {out};
  const size_t axis = static_cast<size_t>(NormalizeAxis(IntAttr(node, "axis", 0), data->size()));
  Dims dims(data->begin(), data->begin() + static_cast<int64_t>(axis));
  dims.insert(dims.end(), indices->begin(), indices->end());
  dims.insert(dims.end(), data->begin() + static_cast<int64_t>(axis) + 1, data->end());
  out.dims = dims;
  const auto values = cx.IntsOf(node, 0);
  const auto index_values = cx.IntsOf(node, 1);
  if (values && index_values && data->size() == 1) {
    Ints picked;
    const int64_t n = static_cast<int64_t>(values->size());
    for (int64_t i : *index_values) {
      if (i < -n || i >= n) return {out};
      picked.push_back((*values)[static_cast<size_t>(i < 0 ? i + n : i)]);
    }
    out.ints = picked;
  }
  return {out};
}

// Output dims of a reduction over `axes` (all when empty).
std::optional<Dims> ReducedDims(const Dims& in, const Ints& axes, bool keepdims) {
  std::vector<bool> reduced(in.size(), axes.empty());
  for (int64_t a : axes) reduced[static_cast<size_t>(NormalizeAxis(a, in.size()))] = true;
  Dims dims;
  for (size_t k = 0; k < in.size(); ++k) {
    if (!reduced[k]) {
      dims.push_back(in[k]);
    } else if (keepdims) {
      dims.push_back(1);
    }
  }
  return dims;
}

std::vector<ValueType> ReduceRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!in) return {out};
  const int since = node.op_type() == "ReduceSum" ? 13 : 18;
  const bool has_axes =
      cx.opset() < since ? FindAttr(node, "axes") != nullptr : cx.HasInput(node, 1);
  const auto axes = cx.AttrOrInput(node, "axes", since, 1);
  if (has_axes && !axes) return {out};
  const Ints chosen = has_axes ? *axes : Ints{};
  if (chosen.empty() && IntAttr(node, "noop_with_empty_axes", 0) != 0) return {*cx.In(node, 0)};
  out.dims = ReducedDims(*in, chosen, IntAttr(node, "keepdims", 1) != 0);
  return {out};
}

std::vector<ValueType> ArgReduceRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(DataType::kInt64, std::nullopt);
  if (!in) return {out};
  out.dims = ReducedDims(*in, {IntAttr(node, "axis", 0)}, IntAttr(node, "keepdims", 1) != 0);
  return {out};
}

std::vector<ValueType> ResizeRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!in) return {out};
  const bool upsample = node.op_type() == "Upsample";
  const int scales_at = cx.opset() >= 11 && !upsample ? 2 : 1;
  std::optional<std::vector<double>> scales =
      cx.opset() < 9 ? FloatsAttr(node, "scales") : cx.FloatsOf(node, scales_at);
  if (scales && scales->empty()) scales.reset();  // an empty scales input: sizes are given
  const auto sizes = cx.opset() >= 11 && !upsample ? cx.IntsOf(node, 3) : std::nullopt;
  // Cropping and aspect-ratio policies change the output dims: not inferred.
  const std::string policy = StringAttr(node, "keep_aspect_ratio_policy");
  if (FindAttr(node, "axes") || (!policy.empty() && policy != "stretch") ||
      StringAttr(node, "coordinate_transformation_mode") == "tf_crop_and_resize") {
    out.dims = Dims(in->size(), -1);
  } else if (sizes && sizes->size() == in->size()) {
    out.dims = *sizes;
  } else if (scales && scales->size() == in->size()) {
    Dims dims;
    for (size_t k = 0; k < in->size(); ++k) {
      // floor(dim * scale), computed in float as ONNX Runtime does.
      const float scaled = static_cast<float>((*in)[k]) * static_cast<float>((*scales)[k]);
      const bool representable = scaled >= 0.0f && scaled < 0x1p62f;  // NaN fails too
      dims.push_back((*in)[k] < 0 || !representable ? -1 : static_cast<int64_t>(scaled));
    }
    out.dims = dims;
  } else {
    out.dims = Dims(in->size(), -1);
  }
  return {out};
}

std::vector<ValueType> SplitRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  const size_t n = static_cast<size_t>(node.output_size());
  std::vector<ValueType> outs(n, WithShape(cx.DtypeOf(node, 0), std::nullopt));
  if (!in || n == 0) return outs;
  const size_t axis = static_cast<size_t>(NormalizeAxis(IntAttr(node, "axis", 0), in->size()));
  std::optional<Ints> sizes = cx.AttrOrInput(node, "split", 13, 1);
  if (!sizes && (*in)[axis] >= 0 && !(cx.opset() >= 13 && cx.HasInput(node, 1))) {
    const int64_t total = (*in)[axis];
    const auto parts = static_cast<int64_t>(n);
    const int64_t chunk = total / parts + (total % parts != 0);
    sizes = Ints();
    for (size_t k = 0; k < n; ++k) {
      const int64_t used = DimMul(chunk, static_cast<int64_t>(k));  // -1: overflowed
      sizes->push_back(std::min(chunk, total - (used < 0 ? total : std::min(total, used))));
    }
  }
  for (size_t k = 0; k < n; ++k) {
    Dims dims = *in;
    dims[axis] = sizes && sizes->size() == n ? (*sizes)[k] : -1;
    outs[k].dims = dims;
  }
  return outs;
}

std::vector<ValueType> ExpandRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto shape = cx.IntsOf(node, 1);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!shape) return {out};
  ValueType target = WithShape(DataType::kInt64, *shape);
  out.dims = Broadcast({cx.In(node, 0), &target});
  return {out};
}

std::vector<ValueType> TileRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  const auto repeats = cx.IntsOf(node, 1);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!in || !repeats || repeats->size() != in->size()) return {out};
  Dims dims;
  for (size_t k = 0; k < in->size(); ++k) dims.push_back(DimMul((*in)[k], (*repeats)[k]));
  out.dims = dims;
  return {out};
}

// A dim after Pad; unknown when malformed (overflow or negative).
int64_t PaddedExtent(int64_t in, int64_t pad_begin, int64_t pad_end) {
  if (in < 0) return -1;
  const auto with_begin = CheckedAdd(in, pad_begin);
  const auto total = with_begin ? CheckedAdd(*with_begin, pad_end) : std::nullopt;
  return total && *total >= 0 ? *total : -1;
}

std::vector<ValueType> PadRule(const onnx::NodeProto& node, const Inferrer& cx) {
  const auto in = cx.DimsOf(node, 0);
  ValueType out = WithShape(cx.DtypeOf(node, 0), std::nullopt);
  if (!in) return {out};
  const auto pads = cx.opset() < 11 ? IntsAttr(node, "pads") : cx.IntsOf(node, 1);
  if (!pads || pads->size() != 2 * in->size() || (cx.opset() >= 18 && cx.HasInput(node, 3))) {
    out.dims = Dims(in->size(), -1);
    return {out};
  }
  Dims dims;
  for (size_t k = 0; k < in->size(); ++k)
    dims.push_back(PaddedExtent((*in)[k], (*pads)[k], (*pads)[k + in->size()]));
  out.dims = dims;
  return {out};
}

std::vector<ValueType> ConstantOfShapeRule(const onnx::NodeProto& node, const Inferrer& cx) {
  DataType dtype = DataType::kFloat32;
  if (const auto* value = FindAttr(node, "value"))
    dtype = emit::DataTypeFromOnnxType(value->t().data_type());
  const auto shape = cx.IntsOf(node, 0);
  ValueType out = WithShape(dtype, shape ? std::optional<Dims>(*shape) : std::nullopt);
  return {out};
}

std::vector<ValueType> ConstantRule(const onnx::NodeProto& node, const Inferrer&) {
  if (node.attribute_size() != 1) return {ValueType{}};
  const onnx::AttributeProto& attr = node.attribute(0);
  if (attr.name() == "value") return {FromConst(emit::TensorFromProto(attr.t()))};
  if (attr.name() == "value_int") return {KnownInts(DataType::kInt64, {}, {attr.i()})};
  if (attr.name() == "value_ints") {
    const Ints v(attr.ints().begin(), attr.ints().end());
    return {KnownInts(DataType::kInt64, {static_cast<int64_t>(v.size())}, v)};
  }
  if (attr.name() == "value_float") return {WithShape(DataType::kFloat32, Dims{})};
  if (attr.name() == "value_floats")
    return {WithShape(DataType::kFloat32, Dims{static_cast<int64_t>(attr.floats_size())})};
  return {ValueType{}};
}

std::vector<ValueType> TopKRule(const onnx::NodeProto& node, const Inferrer& cx) {
  auto dims = cx.DimsOf(node, 0);
  const auto k =
      cx.opset() >= 10 ? cx.IntsOf(node, 1) : std::optional<Ints>(Ints{IntAttr(node, "k", -1)});
  if (dims) {
    const size_t axis = static_cast<size_t>(NormalizeAxis(IntAttr(node, "axis", -1), dims->size()));
    (*dims)[axis] = k && k->size() == 1 ? (*k)[0] : -1;
  }
  return {WithShape(cx.DtypeOf(node, 0), dims), WithShape(DataType::kInt64, dims)};
}

std::vector<ValueType> DepthSpaceRule(const onnx::NodeProto& node, const Inferrer& cx) {
  auto dims = cx.DimsOf(node, 0);
  const int64_t b = IntAttr(node, "blocksize", 1);
  if (dims && dims->size() == 4) {
    const bool to_space = node.op_type() == "DepthToSpace";
    auto scale = [](int64_t d, int64_t f, bool mul) {
      return d < 0 || f <= 0 ? -1 : mul ? DimMul(d, f) : d / f;
    };
    (*dims)[1] = scale((*dims)[1], DimMul(b, b), !to_space);
    (*dims)[2] = scale((*dims)[2], b, to_space);
    (*dims)[3] = scale((*dims)[3], b, to_space);
  }
  return {WithShape(cx.DtypeOf(node, 0), dims)};
}

// Ops that return their first input's shape (and dtype).
const char* const kSameShape[] = {"Relu",
                                  "Sigmoid",
                                  "Tanh",
                                  "Exp",
                                  "Log",
                                  "Sqrt",
                                  "Abs",
                                  "Neg",
                                  "Erf",
                                  "Floor",
                                  "Ceil",
                                  "Round",
                                  "Reciprocal",
                                  "Sin",
                                  "Cos",
                                  "Tan",
                                  "Asin",
                                  "Acos",
                                  "Atan",
                                  "Sinh",
                                  "Cosh",
                                  "Softplus",
                                  "Softsign",
                                  "HardSigmoid",
                                  "HardSwish",
                                  "LeakyRelu",
                                  "Elu",
                                  "Selu",
                                  "Celu",
                                  "Clip",
                                  "Softmax",
                                  "LogSoftmax",
                                  "Hardmax",
                                  "BatchNormalization",
                                  "InstanceNormalization",
                                  "LayerNormalization",
                                  "LpNormalization",
                                  "Sign",
                                  "Gelu",
                                  "Mish",
                                  "ThresholdedRelu",
                                  "PRelu",
                                  "LRN",
                                  "CumSum",
                                  "Trilu",
                                  "Dropout",
                                  "Shrink",
                                  "MeanVarianceNormalization",
                                  "GroupNormalization",
                                  "ReverseSequence",
                                  "ScatterElements",
                                  "ScatterND",
                                  "Scatter"};

const char* const kArithmetic[] = {"Add",      "Sub",        "Mul",       "Div",       "Pow",
                                   "Max",      "Min",        "Sum",       "Mean",      "Mod",
                                   "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor"};

const char* const kComparison[] = {"Equal",          "Less", "Greater", "LessOrEqual",
                                   "GreaterOrEqual", "And",  "Or",      "Xor"};

const char* const kReductions[] = {"ReduceSum",       "ReduceMean",     "ReduceMax", "ReduceMin",
                                   "ReduceProd",      "ReduceL1",       "ReduceL2",  "ReduceLogSum",
                                   "ReduceLogSumExp", "ReduceSumSquare"};

const std::map<std::string, Rule, std::less<>>& Rules() {
  static const auto* rules = [] {
    auto* table = new std::map<std::string, Rule, std::less<>>;
    for (const char* op : kSameShape) (*table)[op] = SameAsInput0;
    for (const char* op : kArithmetic) (*table)[op] = ArithmeticRule;
    for (const char* op : kComparison) (*table)[op] = ComparisonRule;
    for (const char* op : kReductions) (*table)[op] = ReduceRule;
    for (const char* op : {"IsNaN", "IsInf", "Not"}) (*table)[op] = BoolLikeInput0;
    for (const char* op : {"MaxPool", "AveragePool", "LpPool"}) (*table)[op] = PoolRule;
    for (const char* op : {"GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"})
      (*table)[op] = GlobalPoolRule;
    for (const char* op : {"ArgMax", "ArgMin"}) (*table)[op] = ArgReduceRule;
    for (const char* op : {"Resize", "Upsample"}) (*table)[op] = ResizeRule;
    for (const char* op : {"DepthToSpace", "SpaceToDepth"}) (*table)[op] = DepthSpaceRule;
    (*table)["Identity"] = IdentityRule;
    (*table)["Where"] = WhereRule;
    (*table)["Cast"] = CastRule;
    (*table)["Conv"] = ConvRule;
    (*table)["ConvTranspose"] = ConvTransposeRule;
    (*table)["Gemm"] = GemmRule;
    (*table)["MatMul"] = MatMulRule;
    (*table)["Reshape"] = ReshapeRule;
    (*table)["Flatten"] = FlattenRule;
    (*table)["Transpose"] = TransposeRule;
    (*table)["Concat"] = ConcatRule;
    (*table)["Slice"] = SliceRule;
    (*table)["Squeeze"] = SqueezeRule;
    (*table)["Unsqueeze"] = UnsqueezeRule;
    (*table)["Shape"] = ShapeRule;
    (*table)["Size"] = SizeRule;
    (*table)["Gather"] = GatherRule;
    (*table)["Split"] = SplitRule;
    (*table)["Expand"] = ExpandRule;
    (*table)["Tile"] = TileRule;
    (*table)["Pad"] = PadRule;
    (*table)["ConstantOfShape"] = ConstantOfShapeRule;
    (*table)["Constant"] = ConstantRule;
    (*table)["TopK"] = TopKRule;
    return table;
  }();
  return *rules;
}

void Inferrer::InferNode(const onnx::NodeProto& node) {
  std::vector<ValueType> outs;
  const bool default_domain = node.domain().empty() || node.domain() == "ai.onnx";
  const auto& rules = Rules();
  if (const auto it = rules.find(node.op_type()); default_domain && it != rules.end()) {
    try {
      outs = it->second(node, *this);
    } catch (const Error&) {
      outs.clear();  // an input the rule cannot read: the outputs stay unknown
    }
  }
  // Dropout's mask, BatchNormalization's training outputs and the like.
  for (int k = 0; k < node.output_size(); ++k) {
    if (node.output(k).empty()) continue;
    types_[node.output(k)] =
        static_cast<size_t>(k) < outs.size() ? outs[static_cast<size_t>(k)] : ValueType{};
  }
  if (node.op_type() == "Dropout" && node.output_size() > 1 && !outs.empty()) {
    types_[node.output(1)] = WithShape(DataType::kBool, outs[0].dims);
  }
}

}  // namespace

bool ValueType::FullyStatic() const { return dims && AllKnown(*dims); }

ValueTypes InferShapes(const emit::Model& model) { return Inferrer(model).Run(); }

void FillOutputDims(emit::Model& model, const ValueTypes& types) {
  for (emit::ValueInfo& output : model.outputs) {
    const auto it = types.find(output.name);
    if (it == types.end() || !it->second.dims || !output.has_shape) continue;
    const Dims& inferred = *it->second.dims;
    if (inferred.size() != output.dims.size()) continue;
    for (size_t k = 0; k < inferred.size(); ++k) {
      if (output.dims[k] < 0 && inferred[k] >= 0) {
        output.dims[k] = inferred[k];
        if (k < output.dim_params.size()) output.dim_params[k].clear();
      }
    }
  }
}

}  // namespace pd2onnx::passes

// Creation ops of the tensor index area.
// range: out[k] = start + k·step (Paddle accumulates v += step), size
//   ceil(|end - start| / |step|); Range-11, folded when Start/End/Step are
//   known.
// linspace: `num` values from Start to Stop in `dtype`; the first num/2 are
//   start + step·i, the rest stop - step·(num-1-i), step = (stop-start)/(num-1)
//   in double. Folded when known; otherwise computed in double (Range-11).
// eye: a constant [num_rows, num_columns] identity.
// size: the element count as int64 (0-D or [1] as declared).
// sum: the element-wise sum of every X (a chain of Add).
// fill_any_like / fill_zeros_like: X's shape filled with `value` (0), in
//   `dtype` (-1 = X's); ConstantOfShape-9, folded when X's shape is known.
// share_data: X itself.
#include <cmath>
#include <cstdlib>
#include <variant>

#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

OpsetNeed RangeMinOpset(const graph::Op&) { return {11, "Range-11"}; }

// The Paddle arange values in the output dtype, accumulated as Paddle does.
template <typename T>
std::vector<Number> ArangeValues(T start, T end, T step) {
  PD2ONNX_CHECK(step != 0, ErrorKind::kInvalidInput, "range step is 0");
  int64_t size = 0;
  if constexpr (std::is_integral_v<T>) {
    const int64_t span = std::llabs(static_cast<int64_t>(end) - static_cast<int64_t>(start));
    const int64_t abs_step = std::llabs(static_cast<int64_t>(step));
    size = (span + abs_step - 1) / abs_step;
  } else {
    size = static_cast<int64_t>(std::ceil(std::abs((end - start) / step)));
  }
  std::vector<Number> values;
  T v = start;
  for (int64_t i = 0; i < size; ++i) {
    if constexpr (std::is_integral_v<T>) {
      values.emplace_back(static_cast<int64_t>(v));
    } else {
      values.emplace_back(static_cast<double>(v));
    }
    v = static_cast<T>(v + step);
  }
  return values;
}

void EmitRange11(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.OutputVar(op, "Out").dtype;
  const graph::ConstTensor* start = cx.ConstantInput(op, "Start");
  const graph::ConstTensor* end = cx.ConstantInput(op, "End");
  const graph::ConstTensor* step = cx.ConstantInput(op, "Step");
  if (start != nullptr && end != nullptr && step != nullptr) {
    std::vector<Number> values;
    switch (dtype) {
      case DataType::kFloat16:  // computed in float32, rounded when written
      case DataType::kFloat32:
        values = ArangeValues<float>(static_cast<float>(start->ToDouble().at(0)),
                                     static_cast<float>(end->ToDouble().at(0)),
                                     static_cast<float>(step->ToDouble().at(0)));
        break;
      case DataType::kFloat64:
        values = ArangeValues<double>(start->ToDouble().at(0), end->ToDouble().at(0),
                                      step->ToDouble().at(0));
        break;
      case DataType::kInt32:
      case DataType::kInt64:
        values = ArangeValues<int64_t>(start->ToInt64().at(0), end->ToInt64().at(0),
                                       step->ToInt64().at(0));
        break;
      default:
        Fail(ErrorKind::kUnsupported, "range of dtype {}", graph::DataTypeName(dtype));
    }
    const int64_t size = static_cast<int64_t>(values.size());
    cx.BindConstant(op, "Out", TensorOfNumbers(dtype, {size}, values));
    return;
  }
  // ONNX Range lacks float16: float16 ranges are computed in float32.
  const DataType work = dtype == DataType::kFloat16 ? DataType::kFloat32 : dtype;
  auto scalar = [&](const char* slot) {
    return cx.Reshape(CastIfNeeded(cx, cx.Input(op, slot), cx.InputVar(op, slot).dtype, work), {});
  };
  const std::string range = cx.Node("Range", {scalar("Start"), scalar("End"), scalar("Step")});
  cx.Bind(op, "Out", CastIfNeeded(cx, range, work, dtype));
}

OpsetNeed LinspaceMinOpset(const graph::Op&) { return {11, "Range-11 (run-time linspace)"}; }

void EmitLinspace11(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.OutputVar(op, "Out").dtype;
  const graph::ConstTensor* start = cx.ConstantInput(op, "Start");
  const graph::ConstTensor* stop = cx.ConstantInput(op, "Stop");
  const graph::ConstTensor* num = cx.ConstantInput(op, "Num");
  if (start != nullptr && stop != nullptr && num != nullptr) {
    // Start and Stop are first converted to the output dtype.
    auto to_dtype = [&](const graph::ConstTensor* t) {
      const double v = t->ToDouble().at(0);
      return graph::IsFloatingPoint(dtype) ? v : std::trunc(v);
    };
    const double a = to_dtype(start), b = to_dtype(stop);
    const int64_t n = num->ToInt64().at(0);
    PD2ONNX_CHECK(n > 0, ErrorKind::kInvalidInput, "linspace Num {} is not positive", n);
    std::vector<Number> values;
    const double step = n > 1 ? (b - a) / static_cast<double>(n - 1) : 0.0;
    for (int64_t i = 0; i < n; ++i) {
      values.emplace_back(i < n / 2 ? a + step * static_cast<double>(i)
                                    : b - step * static_cast<double>(n - 1 - i));
    }
    if (n == 1) values[0] = a;
    cx.BindConstant(op, "Out", TensorOfNumbers(dtype, {n}, values));
    return;
  }
  PD2ONNX_CHECK(graph::IsFloatingPoint(dtype), ErrorKind::kUnsupported,
                "linspace of dtype {} with Start/Stop/Num known only at run time",
                graph::DataTypeName(dtype));
  auto as_double = [&](const char* slot) {
    const std::string in = cx.Input(op, slot);
    const DataType from = cx.InputVar(op, slot).dtype;
    // Start/Stop are converted to the output dtype first.
    const std::string typed = CastIfNeeded(cx, in, from, dtype);
    return cx.Reshape(CastIfNeeded(cx, typed, dtype, DataType::kFloat64), {});
  };
  const std::string a = as_double("Start");
  const std::string b = as_double("Stop");
  const std::string n = cx.Reshape(
      CastIfNeeded(cx, cx.Input(op, "Num"), cx.InputVar(op, "Num").dtype, DataType::kInt64), {});
  const std::string i =
      cx.Node("Range", {cx.ScalarOf(DataType::kInt64, 0), n, cx.ScalarOf(DataType::kInt64, 1)});
  const std::string i_d = cx.Cast(i, DataType::kFloat64);
  const std::string n_d = cx.Cast(n, DataType::kFloat64);
  const std::string one = cx.ScalarOf(DataType::kFloat64, 1.0);
  const std::string denom = cx.Node("Max", {cx.Node("Sub", {n_d, one}), one});
  const std::string step = cx.Node("Div", {cx.Node("Sub", {b, a}), denom});
  const std::string low = cx.Node("Add", {a, cx.Node("Mul", {step, i_d})});
  const std::string back = cx.Node("Sub", {cx.Node("Sub", {n_d, one}), i_d});
  const std::string high = cx.Node("Sub", {b, cx.Node("Mul", {step, back})});
  const std::string half = cx.Node("Div", {n, cx.ScalarOf(DataType::kInt64, 2)});
  // num 1 gives [start]: its only value counts as the first half.
  const std::string first_half = cx.Node(
      "Or", {cx.Node("Less", {i, half}), cx.Node("Equal", {n, cx.ScalarOf(DataType::kInt64, 1)})});
  const std::string out = cx.Node("Where", {first_half, low, high});
  cx.Bind(op, "Out", CastIfNeeded(cx, out, DataType::kFloat64, dtype));
}

void EmitEye(MapContext& cx, const graph::Op& op) {
  const DataType dtype = cx.OutputVar(op, "Out").dtype;
  const int64_t rows = op.Attr<int64_t>("num_rows");
  int64_t cols = op.Attr<int64_t>("num_columns", -1);
  if (cols < 0) cols = rows;
  PD2ONNX_CHECK(rows >= 0, ErrorKind::kInvalidInput, "num_rows {} is negative", rows);
  std::vector<Number> values(static_cast<size_t>(rows * cols), Number{int64_t{0}});
  for (int64_t i = 0; i < std::min(rows, cols); ++i) values[i * cols + i] = int64_t{1};
  cx.BindConstant(op, "Out", TensorOfNumbers(dtype, {rows, cols}, values));
}

void EmitSize(MapContext& cx, const graph::Op& op) {
  const graph::Var& in = cx.InputVar(op, "Input");
  const graph::Var& out = cx.OutputVar(op, "Out");
  if (IsFullyKnown(in.shape)) {
    cx.BindConstant(
        op, "Out",
        TensorOfNumbers(DataType::kInt64, out.shape, {Number{graph::NumElements(in.shape)}}));
    return;
  }
  const std::string size = cx.Node("Size", {cx.Input(op, "Input")});
  cx.Bind(op, "Out", MatchDeclaredRank(cx, size, 0, out));
}

void EmitSum(MapContext& cx, const graph::Op& op) {
  const std::vector<std::string> inputs = cx.Inputs(op, "X");
  PD2ONNX_CHECK(!inputs.empty(), ErrorKind::kInvalidInput, "sum has no inputs");
  std::string acc = inputs[0];
  for (size_t i = 1; i < inputs.size(); ++i) acc = cx.Node("Add", {acc, inputs[i]});
  cx.Bind(op, "Out", acc);
}

OpsetNeed FillLikeMinOpset(const graph::Op&) { return {9, "ConstantOfShape-9"}; }

// fill_any_like's value: FLOAT (or an integer / SCALAR kind, kept exact).
Number FillValue(const graph::Op& op) {
  const graph::Attribute* value = op.FindAttr("value");
  if (value == nullptr) return 0.0;
  if (const auto* scalar = std::get_if<graph::Scalar>(&value->value())) {
    if (scalar->kind == graph::Scalar::Kind::kInt || scalar->kind == graph::Scalar::Kind::kBool) {
      return scalar->i;
    }
    return scalar->AsDouble();
  }
  if (value->kind() == graph::AttrKind::kLong || value->kind() == graph::AttrKind::kInt) {
    return value->AsInt();
  }
  return value->AsDouble();
}

void EmitFilledLike(MapContext& cx, const graph::Op& op, Number value) {
  constexpr int64_t kMaxFoldedElements = 4096;
  const DataType dtype = cx.OutputVar(op, "Out").dtype;
  const std::vector<int64_t>& shape = cx.InputVar(op, "X").shape;
  if (IsFullyKnown(shape) && graph::NumElements(shape) <= kMaxFoldedElements) {
    cx.BindConstant(op, "Out", FilledTensor(dtype, shape, value));
    return;
  }
  cx.Bind(op, "Out",
          cx.Node("ConstantOfShape", {cx.Shape(cx.Input(op, "X"))},
                  {{"value", OneElementProto(dtype, value)}}));
}

void EmitFillAnyLike(MapContext& cx, const graph::Op& op) { EmitFilledLike(cx, op, FillValue(op)); }
void EmitFillZerosLike(MapContext& cx, const graph::Op& op) { EmitFilledLike(cx, op, int64_t{0}); }

void EmitShareData(MapContext& cx, const graph::Op& op) { cx.Bind(op, "Out", cx.Input(op, "X")); }

}  // namespace

void RegisterCreation(Registry& r) {
  r.Add("eye", AnyOpset, {{7, EmitEye}});
  r.Add("fill_any_like", FillLikeMinOpset, {{9, EmitFillAnyLike}});
  r.Add("fill_zeros_like", FillLikeMinOpset, {{9, EmitFillZerosLike}});
  r.Add("linspace", LinspaceMinOpset, {{11, EmitLinspace11}});
  r.Add("range", RangeMinOpset, {{11, EmitRange11}});
  r.Add("share_data", AnyOpset, {{7, EmitShareData}});
  r.Add("size", AnyOpset, {{7, EmitSize}});
  r.Add("sum", AnyOpset, {{7, EmitSum}});
}

}  // namespace pd2onnx::mappers

// Tensor ops of the extra set:
// - sequence_mask: Y[..., j] = j < X[...] for j < maxlen (MaxLenTensor,
//   the attr, or max(X) when negative), in out_dtype (Range-11).
// - tril_indices / triu_indices: [2, n] row and column indices of a
//   triangle, known now (an initializer).
// - index_add: ScatterElements-16 with reduction "add" along `axis`.
// - multiplex: row i of X[Ids[i]] (GatherND-12 with batch_dims 1).
// - shard_index: x / size == shard_id ? x − (x / size)·size : ignore_value
//   with size = ceil(index_num / nshards) (C++ integer division).
// - logspace: base^(start + step·i) for the first half, base^(stop −
//   step·(num−1−i)) for the rest, in double, cast to dtype (Num known).
// - pad_constant_like: Y padded at the end of each axis to X's shape.
// - is_empty: Size(X) == 0.
#include <string>
#include <vector>

#include "graph/host_tensor.h"
#include "mappers/map_context.h"
#include "mappers/tensor/const_values.h"
#include "mappers/tensor/shape_util.h"
#include "mappers/tensor/tensor.h"
#include "support/error.h"

namespace pd2onnx::mappers {
namespace {

using graph::DataType;

DataType PaddleDtype(const graph::Op& op, const char* attr, int64_t fallback) {
  const int64_t number = op.Attr<int64_t>(attr, fallback);
  const auto dtype = graph::DataTypeFromPaddle(number);
  PD2ONNX_CHECK(dtype.has_value(), ErrorKind::kInvalidInput, "{}: {} {} is not a dtype", op.type,
                attr, number);
  return *dtype;
}

void EmitSequenceMask(MapContext& cx, const graph::Op& op) {
  const std::string x = cx.Cast(cx.Input(op, "X"), DataType::kInt64);
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  std::string maxlen;
  if (op.HasInput("MaxLenTensor")) {
    maxlen = cx.Reshape(cx.Cast(cx.Input(op, "MaxLenTensor"), DataType::kInt64), {});
  } else if (const int64_t attr = op.Attr<int64_t>("maxlen", -1); attr >= 0) {
    maxlen = cx.ScalarOf(DataType::kInt64, static_cast<double>(attr));
  } else {
    std::vector<int64_t> axes;
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
    maxlen = rank == 0 ? x : cx.Reduce("ReduceMax", x, axes, false);
  }
  const std::string steps = cx.Node(
      "Range", {cx.ScalarOf(DataType::kInt64, 0), maxlen, cx.ScalarOf(DataType::kInt64, 1)});
  const std::string mask = cx.Node("Less", {steps, cx.Unsqueeze(x, {rank})});
  cx.Bind(op, "Y", cx.Cast(mask, PaddleDtype(op, "out_dtype", 3)));
}

void EmitTriangleIndices(MapContext& cx, const graph::Op& op, int64_t rows, int64_t cols,
                         bool lower) {
  const int64_t offset = op.Attr<int64_t>("offset", 0);
  std::vector<Number> is, js;
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = 0; j < cols; ++j) {
      if (lower ? j - i <= offset : j - i >= offset) {
        is.emplace_back(i);
        js.emplace_back(j);
      }
    }
  }
  const int64_t n = static_cast<int64_t>(is.size());
  is.insert(is.end(), js.begin(), js.end());
  cx.BindConstant(op, "out", TensorOfNumbers(PaddleDtype(op, "dtype", 3), {2, n}, is));
}

void EmitTrilIndices(MapContext& cx, const graph::Op& op) {
  EmitTriangleIndices(cx, op, op.Attr<int64_t>("rows"), op.Attr<int64_t>("cols"), true);
}

void EmitTriuIndices(MapContext& cx, const graph::Op& op) {
  EmitTriangleIndices(cx, op, op.Attr<int64_t>("row"), op.Attr<int64_t>("col"), false);
}

void EmitIndexAdd(MapContext& cx, const graph::Op& op) {
  const int64_t rank = RankOf(cx.InputVar(op, "X"));
  const int64_t axis = NormalizeAxis(op.Attr<int64_t>("axis", 0), rank, "axis");
  std::vector<int64_t> index_shape(static_cast<size_t>(rank), 1);
  index_shape[axis] = -1;
  const std::string add = cx.Input(op, "AddValue");
  const std::string index = cx.Node(
      "Expand",
      {cx.Reshape(cx.Cast(cx.Input(op, "Index"), DataType::kInt64), index_shape), cx.Shape(add)});
  cx.Bind(op, "Out",
          ReducingScatter(cx, "ScatterElements", cx.InputVar(op, "X").dtype, cx.Input(op, "X"),
                          index, add, {{"axis", axis}, {"reduction", "add"}}));
}

void EmitMultiplex(MapContext& cx, const graph::Op& op) {
  std::vector<std::string> parts;
  for (const std::string& x : cx.Inputs(op, "X")) parts.push_back(cx.Unsqueeze(x, {1}));
  const std::string stacked = cx.Node("Concat", parts, {{"axis", int64_t{1}}});
  const std::string ids = cx.Reshape(cx.Cast(cx.Input(op, "Ids"), DataType::kInt64), {-1, 1});
  cx.Bind(op, "Out", cx.Node("GatherND", {stacked, ids}, {{"batch_dims", int64_t{1}}}));
}

void EmitShardIndex(MapContext& cx, const graph::Op& op) {
  const graph::Var& var = cx.InputVar(op, "X");
  const int64_t index_num = op.Attr<int64_t>("index_num");
  const int64_t nshards = op.Attr<int64_t>("nshards");
  PD2ONNX_CHECK(nshards > 0, ErrorKind::kInvalidInput, "shard_index: nshards={}", nshards);
  const int64_t size = (index_num + nshards - 1) / nshards;
  const std::string x = cx.Cast(cx.Input(op, "X"), DataType::kInt64);
  const std::string shard = cx.Node("Div", {x, cx.ScalarOf(DataType::kInt64, size)});
  const std::string rest =
      cx.Node("Sub", {x, cx.Node("Mul", {shard, cx.ScalarOf(DataType::kInt64, size)})});
  const std::string mine =
      cx.Node("Equal", {shard, cx.ScalarOf(DataType::kInt64, op.Attr<int64_t>("shard_id"))});
  const std::string out = cx.Node(
      "Where", {mine, rest, cx.ScalarOf(DataType::kInt64, op.Attr<int64_t>("ignore_value", -1))});
  cx.Bind(op, "Out", CastIfNeeded(cx, out, DataType::kInt64, var.dtype));
}

// An input scalar cast to `dtype` (Paddle's conversion) and then to double.
std::string ScalarIn(MapContext& cx, const graph::Op& op, std::string_view slot, DataType dtype) {
  const std::string v = cx.Reshape(cx.Cast(cx.Input(op, slot), dtype), {});
  return cx.Cast(v, DataType::kFloat64);
}

void EmitLogspace(MapContext& cx, const graph::Op& op) {
  const graph::ConstTensor* num_t = cx.ConstantInput(op, "Num");
  PD2ONNX_CHECK(num_t != nullptr, ErrorKind::kUnsupported,
                "logspace needs Num known at conversion time (it sets the output length)");
  const int64_t num = graph::HostTensor::FromConst(*num_t).ToInt64().at(0);
  PD2ONNX_CHECK(num > 0, ErrorKind::kInvalidInput, "logspace: Num={} is not positive", num);
  const DataType dtype = PaddleDtype(op, "dtype", 5);
  const std::string start = ScalarIn(cx, op, "Start", dtype);
  const std::string stop = ScalarIn(cx, op, "Stop", dtype);
  const std::string base = ScalarIn(cx, op, "Base", dtype);
  std::string exponent = start;
  if (num > 1) {
    std::vector<Number> up, down, first_half;
    for (int64_t i = 0; i < num; ++i) {
      up.emplace_back(static_cast<double>(i));
      down.emplace_back(static_cast<double>(num - 1 - i));
      first_half.emplace_back(int64_t{i < num / 2 ? 1 : 0});
    }
    const std::string step =
        cx.Node("Div", {cx.Node("Sub", {stop, start}), cx.ScalarOf(DataType::kFloat64, num - 1.0)});
    const std::string rising = cx.Node(
        "Add",
        {start,
         cx.Node("Mul", {step, cx.Constant(TensorOfNumbers(DataType::kFloat64, {num}, up))})});
    const std::string falling = cx.Node(
        "Sub",
        {stop,
         cx.Node("Mul", {step, cx.Constant(TensorOfNumbers(DataType::kFloat64, {num}, down))})});
    exponent = cx.Node("Where", {cx.Constant(TensorOfNumbers(DataType::kBool, {num}, first_half)),
                                 rising, falling});
  } else {
    exponent = cx.Reshape(start, {1});
  }
  cx.Bind(op, "Out", cx.Cast(cx.Node("Pow", {base, exponent}), dtype));
}

void EmitPadConstantLike(MapContext& cx, const graph::Op& op) {
  const graph::Var& xv = cx.InputVar(op, "X");
  const graph::Var& yv = cx.InputVar(op, "Y");
  const int64_t rank = RankOf(xv);
  PD2ONNX_CHECK(rank == RankOf(yv), ErrorKind::kInvalidInput,
                "pad_constant_like needs X and Y of equal rank");
  const double value = op.Attr<float>("pad_value", 0.0f);
  const std::string y = cx.Input(op, "Y");
  if (cx.opset() < 11) {
    PD2ONNX_CHECK(graph::IsFloatingPoint(yv.dtype), ErrorKind::kUnsupported,
                  "pad_constant_like of {} needs opset 11 (Pad-2 pads floats only)",
                  graph::DataTypeName(yv.dtype));
    PD2ONNX_CHECK(IsFullyKnown(xv.shape) && IsFullyKnown(yv.shape), ErrorKind::kUnsupported,
                  "pad_constant_like of unknown shapes {} / {} needs opset 11",
                  graph::ShapeToString(xv.shape), graph::ShapeToString(yv.shape));
    std::vector<int64_t> pads(static_cast<size_t>(rank), 0);
    for (int64_t d = 0; d < rank; ++d) pads.push_back(xv.shape[d] - yv.shape[d]);
    cx.Bind(op, "Out", cx.Node("Pad", {y}, {{"pads", pads}, {"value", static_cast<float>(value)}}));
    return;
  }
  const std::string ends = cx.Node("Sub", {cx.Shape(cx.Input(op, "X")), cx.Shape(y)});
  const std::string pads =
      cx.Node("Concat", {cx.ConstI64(std::vector<int64_t>(static_cast<size_t>(rank), 0)), ends},
              {{"axis", int64_t{0}}});
  cx.Bind(op, "Out", cx.Node("Pad", {y, pads, cx.ScalarOf(yv.dtype, value)}));
}

void EmitIsEmpty(MapContext& cx, const graph::Op& op) {
  const std::string empty =
      cx.Node("Equal", {cx.Node("Size", {cx.Input(op, "X")}), cx.ScalarOf(DataType::kInt64, 0)});
  cx.Bind(op, "Out", MatchDeclaredRank(cx, empty, 0, cx.OutputVar(op, "Out")));
}

}  // namespace

void RegisterExtraTensor(Registry& r) {
  r.Add("sequence_mask",
        [](const graph::Op&) {
          return OpsetNeed{11, "Range-11"};
        },
        {{11, EmitSequenceMask}});
  r.Add("tril_indices", AnyOpset, {{7, EmitTrilIndices}});
  r.Add("triu_indices", AnyOpset, {{7, EmitTriuIndices}});
  r.Add("index_add",
        [](const graph::Op&) {
          return OpsetNeed{16, "ScatterElements-16 reduction=add"};
        },
        {{16, EmitIndexAdd}});
  r.Add("multiplex",
        [](const graph::Op&) {
          return OpsetNeed{12, "GatherND-12 batch_dims"};
        },
        {{12, EmitMultiplex}});
  r.Add("shard_index",
        [](const graph::Op&) {
          return OpsetNeed{9, "Where-9"};
        },
        {{9, EmitShardIndex}});
  r.Add("logspace", [](const graph::Op&) { return OpsetNeed{9, "Where-9"}; }, {{9, EmitLogspace}});
  r.Add("is_empty", AnyOpset, {{7, EmitIsEmpty}});
  r.Add("pad_constant_like", AnyOpset, {{7, EmitPadConstantLike}, {11, EmitPadConstantLike}});
}

}  // namespace pd2onnx::mappers

// Sweeps of the control-flow ops: while (a counting loop whose trip count
// is fed), conditional_block with select_input (dy2static's if / else),
// select_output, and the tensor arrays (write_to_array in a loop,
// read_from_array, lod_array_length, tensor_array_to_tensor /
// array_to_tensor).
#include "block_ops.h"
#include "generators.h"

namespace pd2onnx::testing::sweep {
namespace {

const DataType kF32 = DataType::kFloat32;

HostTensor Counter(DataType dtype, int64_t value) {
  if (dtype == DataType::kInt32) {
    return HostTensor::From<int32_t>(dtype, {1}, {static_cast<int32_t>(value)});
  }
  return HostTensor::From<int64_t>(dtype, {1}, {value});
}

// acc = x; i = 0; while (i < n) { acc = acc·s + b (+ y); i += step }.
Case WhileCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 3);
  const DataType counter = rng.Pick(std::vector<DataType>{DataType::kInt64, DataType::kInt32});
  const int64_t n = rng.Int(0, 4);
  const int64_t step = rng.Int(1, 2);
  const auto s = static_cast<float>(rng.Real(-1.5, 1.5));
  const auto bias = static_cast<float>(rng.Real(-1, 1));
  const bool add_y = rng.Bool();
  Case c;
  c.program.Input("x", kF32, dims)
      .Input("y", kF32, dims)
      .Input("n", counter, {1})
      .Var("acc", kF32, dims)
      .Var("i", counter, {1})
      .Var("cond", DataType::kBool, {1})
      .Var("out", kF32, dims);
  c.program.Op("assign").In("X", {"x"}).Out("Out", {"acc"});
  FillConstant(c.program, 0, "i", counter, 0);
  LessThan(c.program, 0, "i", "n", "cond");
  const int body = c.program.SubBlock();
  if (add_y) {
    c.program.VarIn(body, "scaled", kF32, dims);
    Scale(c.program, body, "acc", "scaled", s, bias);
    c.program.OpIn(body, "elementwise_add")
        .In("X", {"scaled"})
        .In("Y", {"y"})
        .Out("Out", {"acc"})
        .Attr("axis", -1);
  } else {
    Scale(c.program, body, "acc", "acc", s, bias);
  }
  c.program.OpIn(body, "increment")
      .In("X", {"i"})
      .Out("Out", {"i"})
      .Attr("step", static_cast<float>(step));
  LessThan(c.program, body, "i", "n", "cond");
  c.program.Op("while")
      .In("X", {"acc", "i", "n", "y"})
      .In("Condition", {"cond"})
      .Out("Out", {"acc", "i", "cond"})
      .BlockAttr("sub_block", body)
      .Attr("is_test", true);
  Scale(c.program, 0, "acc", "out", 1.0f, 0.5f);
  c.program.Output("out").Output("i");
  c.feeds["x"] = RandomTensor(kF32, dims, rng.TensorSeed());
  c.feeds["y"] = RandomTensor(kF32, dims, rng.TensorSeed());
  c.feeds["n"] = Counter(counter, n);
  c.description =
      fmt::format("x {} n={} ({}) step={} scale={} bias={} add_y={}", ShapeText(kF32, dims), n,
                  graph::DataTypeName(counter), step, s, bias, add_y);
  return c;
}
PD2ONNX_SWEEP(while, WhileCase)

// if (a < b) out = x·s else out = concat(x·(−1) + 3, x) along axis 0,
// as conditional_block(cond), conditional_block(not cond) and
// select_input by cast(cond); with or without is_scalar_condition (without
// it both blocks run, as their Cond tensors are non-empty).
Generator IfElse(std::string op) {
  return [op](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(1, 3);
    const bool scalar_condition = rng.Bool();
    const auto s = static_cast<float>(rng.Real(-2, 2));
    const float a = static_cast<float>(rng.Int(0, 2)), b = static_cast<float>(rng.Int(0, 2));
    std::vector<int64_t> out = dims;
    out[0] = -1;
    Case c;
    c.program.Input("x", kF32, dims)
        .Input("a", kF32, {1})
        .Input("b", kF32, {1})
        .Var("cond", DataType::kBool, {1})
        .Var("not_cond", DataType::kBool, {1})
        .Var("mask", DataType::kInt32, {1})
        .Var("when_true", kF32, dims)
        .Var("when_false", kF32, out)
        .Var("out", kF32, out);
    LessThan(c.program, 0, "a", "b", "cond");
    c.program.Op("logical_not").In("X", {"cond"}).Out("Out", {"not_cond"});
    const int then_block = c.program.SubBlock();
    Scale(c.program, then_block, "x", "when_true", s, 0.0f);
    const int else_block = c.program.SubBlock();
    c.program.VarIn(else_block, "minus", kF32, dims);
    Scale(c.program, else_block, "x", "minus", -1.0f, 3.0f);
    c.program.OpIn(else_block, "concat")
        .In("X", {"minus", "x"})
        .Out("Out", {"when_false"})
        .Attr("axis", 0);
    for (auto [cond, block, result] : {std::tuple{"cond", then_block, "when_true"},
                                       std::tuple{"not_cond", else_block, "when_false"}}) {
      c.program.Op("conditional_block")
          .In("Cond", {cond})
          .In("Input", {"x"})
          .Out("Out", {result})
          .BlockAttr("sub_block", block)
          .Attr("is_scalar_condition", scalar_condition);
    }
    c.program.Op("cast")
        .In("X", {"cond"})
        .Out("Out", {"mask"})
        .Attr("in_dtype", 0)
        .Attr("out_dtype", 2);
    c.program.Op("select_input")
        .In("X", {"when_false", "when_true"})
        .In("Mask", {"mask"})
        .Out("Out", {"out"});
    c.program.Output("out");
    c.feeds["x"] = RandomTensor(kF32, dims, rng.TensorSeed());
    c.feeds["a"] = HostTensor::From<float>(kF32, {1}, {a});
    c.feeds["b"] = HostTensor::From<float>(kF32, {1}, {b});
    c.description = fmt::format("x {} a={} b={} scale={} is_scalar_condition={}",
                                ShapeText(kF32, dims), a, b, s, scalar_condition);
    return c;
  };
}
PD2ONNX_SWEEP(conditional_block, IfElse("conditional_block"), 2)
PD2ONNX_SWEEP(select_input, IfElse("select_input"), 2)

// select_output routes X to Out[Mask] (Mask known); select_input reads it
// back.
Case SelectOutputCase(Rng& rng) {
  const std::vector<int64_t> dims = rng.Shape(1, 3);
  const DataType dtype = rng.Pick(std::vector<DataType>{kF32, DataType::kInt64});
  const int mask = static_cast<int>(rng.Int(0, 1));
  Case c;
  c.program.Input("x", dtype, dims).Var("m", DataType::kInt32, {1});
  c.program.Var("o0", dtype, dims).Var("o1", dtype, dims).Var("out", dtype, dims);
  FillConstant(c.program, 0, "m", DataType::kInt32, static_cast<float>(mask));
  c.program.Op("select_output").In("X", {"x"}).In("Mask", {"m"}).Out("Out", {"o0", "o1"});
  c.program.Op("select_input").In("X", {"o0", "o1"}).In("Mask", {"m"}).Out("Out", {"out"});
  c.program.Output("out");
  c.feeds["x"] = RandomTensor(dtype, dims, rng.TensorSeed(), -9, 9);
  c.description = fmt::format("x {} mask={}", ShapeText(dtype, dims), mask);
  return c;
}
PD2ONNX_SWEEP(select_output, SelectOutputCase)

// i = 0; acc = x; while (i < n) { acc = acc·s; arr[i] = acc; i++ }, maybe
// arr[0] = x (a replacing write), then the array read back: joined
// (stacked or concatenated along an axis), its length and one element.
Generator TensorArray(std::string join_op) {
  return [join_op](Rng& rng) {
    const std::vector<int64_t> dims = rng.Shape(1, 3);
    const auto rank = static_cast<int64_t>(dims.size());
    const int64_t n = rng.Int(1, 4);
    const bool use_stack = rng.Bool();
    const int axis =
        static_cast<int>(use_stack ? rng.Int(-rank - 1, rank) : rng.Int(-rank, rank - 1));
    const bool rewrite = rng.Bool();
    const int64_t read = rng.Int(0, n - 1);
    const auto s = static_cast<float>(rng.Real(-2, 2));
    Case c;
    c.program.Input("x", kF32, dims).Input("n", DataType::kInt64, {1});
    c.program.ArrayVar("arr", kF32, dims);
    c.program.Var("acc", kF32, dims)
        .Var("i", DataType::kInt64, {1})
        .Var("zero", DataType::kInt64, {1})
        .Var("at", DataType::kInt64, {1})
        .Var("cond", DataType::kBool, {1})
        .Var("joined", kF32, std::vector<int64_t>(dims.size() + (use_stack ? 1 : 0), -1))
        .Var("extents", DataType::kInt32, {-1})
        .Var("length", DataType::kInt64, {1})
        .Var("element", kF32, dims);
    c.program.Op("assign").In("X", {"x"}).Out("Out", {"acc"});
    FillConstant(c.program, 0, "i", DataType::kInt64, 0);
    FillConstant(c.program, 0, "zero", DataType::kInt64, 0);
    FillConstant(c.program, 0, "at", DataType::kInt64, static_cast<float>(read));
    LessThan(c.program, 0, "i", "n", "cond");
    const int body = c.program.SubBlock();
    Scale(c.program, body, "acc", "acc", s, 0.0f);
    c.program.OpIn(body, "write_to_array").In("X", {"acc"}).In("I", {"i"}).Out("Out", {"arr"});
    c.program.OpIn(body, "increment").In("X", {"i"}).Out("Out", {"i"}).Attr("step", 1.0f);
    LessThan(c.program, body, "i", "n", "cond");
    c.program.Op("while")
        .In("X", {"acc", "arr", "i", "n"})
        .In("Condition", {"cond"})
        .Out("Out", {"acc", "arr", "i", "cond"})
        .BlockAttr("sub_block", body)
        .Attr("is_test", true);
    if (rewrite) {
      c.program.Op("write_to_array").In("X", {"x"}).In("I", {"zero"}).Out("Out", {"arr"});
    }
    c.program.Op(join_op)
        .In("X", {"arr"})
        .Out("Out", {"joined"})
        .Out("OutIndex", {"extents"})
        .Attr("axis", axis)
        .Attr("use_stack", use_stack);
    c.program.Op("lod_array_length").In("X", {"arr"}).Out("Out", {"length"});
    c.program.Op("read_from_array").In("X", {"arr"}).In("I", {"at"}).Out("Out", {"element"});
    c.program.Output("joined").Output("extents").Output("length").Output("element");
    c.feeds["x"] = RandomTensor(kF32, dims, rng.TensorSeed());
    c.feeds["n"] = HostTensor::From<int64_t>(DataType::kInt64, {1}, {n});
    c.description =
        fmt::format("x {} n={} scale={} rewrite_first={} {} use_stack={} axis={} read={}",
                    ShapeText(kF32, dims), n, s, rewrite, join_op, use_stack, axis, read);
    return c;
  };
}
// One generator under several names: 2 CI cases each (loops convert at
// several opsets and run in a Loop).
PD2ONNX_SWEEP(write_to_array, TensorArray("tensor_array_to_tensor"), 2)
PD2ONNX_SWEEP(read_from_array, TensorArray("tensor_array_to_tensor"), 2)
PD2ONNX_SWEEP(lod_array_length, TensorArray("tensor_array_to_tensor"), 2)
PD2ONNX_SWEEP(tensor_array_to_tensor, TensorArray("tensor_array_to_tensor"), 2)
PD2ONNX_SWEEP(array_to_tensor, TensorArray("array_to_tensor"), 2)

}  // namespace
}  // namespace pd2onnx::testing::sweep

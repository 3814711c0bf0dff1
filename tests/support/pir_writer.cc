#include "pir_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "graph/dtype.h"
#include "paddle/pir/op_table.h"

namespace pd2onnx::testing {
namespace {

using json = nlohmann::json;
namespace pb = paddle::proto;
namespace pir = paddle::pir;

// Thrown inside the writer when the program has no PIR form.
struct NotExpressible : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string ElementTypeId(graph::DataType dtype) {
  static const std::map<graph::DataType, std::string> kIds = {
      {graph::DataType::kBool, "0.t_bool"},     {graph::DataType::kInt8, "0.t_i8"},
      {graph::DataType::kUInt8, "0.t_ui8"},     {graph::DataType::kInt16, "0.t_i16"},
      {graph::DataType::kInt32, "0.t_i32"},     {graph::DataType::kInt64, "0.t_i64"},
      {graph::DataType::kFloat16, "0.t_f16"},   {graph::DataType::kBFloat16, "0.t_bf16"},
      {graph::DataType::kFloat32, "0.t_f32"},   {graph::DataType::kFloat64, "0.t_f64"},
      {graph::DataType::kComplex64, "0.t_c64"}, {graph::DataType::kComplex128, "0.t_c128"}};
  auto it = kIds.find(dtype);
  if (it == kIds.end()) {
    throw NotExpressible(fmt::format("dtype {} has no PIR type", graph::DataTypeName(dtype)));
  }
  return it->second;
}

json Attr(const char* kind, json payload) { return {{"#", kind}, {"D", std::move(payload)}}; }

// Floats: non-finite values go under "VD" as Paddle writes them.
json FloatAttr(const char* kind, double v) {
  if (std::isnan(v)) return {{"#", kind}, {"VD", "NaN"}};
  if (std::isinf(v)) return {{"#", kind}, {"VD", v > 0 ? "INF" : "-INF"}};
  return Attr(kind, v);
}

json FloatArrayAttr(const char* kind, const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(FloatAttr(kind, v));
  return Attr("0.a_array", out);
}

json ArrayAttr(const char* kind, const json& items) {
  json out = json::array();
  for (const json& item : items) out.push_back(Attr(kind, item));
  return Attr("0.a_array", out);
}

json ScalarAttr(const pb::Scalar& s) {
  switch (s.type()) {
    case pb::Scalar::BOOLEAN:
      return Attr("1.a_scalar", {"bool", s.b()});
    case pb::Scalar::LONG:
      return Attr("1.a_scalar", {"int64", s.i()});
    case pb::Scalar::FLOAT64:
      return Attr("1.a_scalar", {"float64", s.r()});
    default:
      throw NotExpressible("complex scalar attribute");
  }
}

// A legacy attribute in the PIR attribute kind of the same C++ type.
json PirAttr(const pb::OpDesc::Attr& a) {
  switch (a.type()) {
    case pb::INT:
      return Attr("0.a_i32", a.i());
    case pb::LONG:
      return Attr("0.a_i64", a.l());
    case pb::FLOAT:
      return FloatAttr("0.a_f32", a.f());
    case pb::FLOAT64:
      return FloatAttr("0.a_f64", a.float64());
    case pb::BOOLEAN:
      return Attr("0.a_bool", a.b());
    case pb::STRING:
      return Attr("0.a_str", a.s());
    case pb::INTS:
      return ArrayAttr("0.a_i32", json(std::vector<int>(a.ints().begin(), a.ints().end())));
    case pb::LONGS:
      return ArrayAttr("0.a_i64", json(std::vector<int64_t>(a.longs().begin(), a.longs().end())));
    case pb::FLOATS:
      return FloatArrayAttr("0.a_f32", std::vector<double>(a.floats().begin(), a.floats().end()));
    case pb::FLOAT64S:
      return FloatArrayAttr("0.a_f64",
                            std::vector<double>(a.float64s().begin(), a.float64s().end()));
    case pb::BOOLEANS:
      return ArrayAttr("0.a_bool", json(std::vector<bool>(a.bools().begin(), a.bools().end())));
    case pb::STRINGS:
      return ArrayAttr("0.a_str",
                       json(std::vector<std::string>(a.strings().begin(), a.strings().end())));
    case pb::SCALAR:
      return ScalarAttr(a.scalar());
    case pb::SCALARS: {
      json items = json::array();
      for (const pb::Scalar& s : a.scalars()) items.push_back(ScalarAttr(s));
      return Attr("0.a_array", items);
    }
    default:
      throw NotExpressible(fmt::format("attribute '{}' (block/var kind)", a.name()));
  }
}

// Numbers of a legacy attribute (for mutable attributes and constants).
std::vector<double> Numbers(const pb::OpDesc::Attr& a) {
  switch (a.type()) {
    case pb::INT:
      return {double(a.i())};
    case pb::LONG:
      return {double(a.l())};
    case pb::FLOAT:
      return {double(a.f())};
    case pb::FLOAT64:
      return {a.float64()};
    case pb::BOOLEAN:
      return {a.b() ? 1.0 : 0.0};
    case pb::INTS:
      return {a.ints().begin(), a.ints().end()};
    case pb::LONGS:
      return {a.longs().begin(), a.longs().end()};
    case pb::FLOATS:
      return {a.floats().begin(), a.floats().end()};
    case pb::FLOAT64S:
      return {a.float64s().begin(), a.float64s().end()};
    case pb::BOOLEANS:
      return {a.bools().begin(), a.bools().end()};
    case pb::SCALAR: {
      const pb::Scalar& s = a.scalar();
      return {s.type() == pb::Scalar::LONG      ? double(s.i())
              : s.type() == pb::Scalar::BOOLEAN ? double(s.b())
                                                : s.r()};
    }
    case pb::SCALARS: {
      std::vector<double> out;
      for (const pb::Scalar& s : a.scalars()) {
        out.push_back(s.type() == pb::Scalar::LONG      ? double(s.i())
                      : s.type() == pb::Scalar::BOOLEAN ? double(s.b())
                                                        : s.r());
      }
      return out;
    }
    default:
      throw NotExpressible(fmt::format("attribute '{}' is not numeric", a.name()));
  }
}

// Integer lists exactly (int64 beyond 2^53, INT64_MAX sentinels).
std::vector<int64_t> Int64s(const pb::OpDesc::Attr& a) {
  switch (a.type()) {
    case pb::INT:
      return {a.i()};
    case pb::LONG:
      return {a.l()};
    case pb::INTS:
      return {a.ints().begin(), a.ints().end()};
    case pb::LONGS:
      return {a.longs().begin(), a.longs().end()};
    case pb::SCALAR:
      if (a.scalar().type() == pb::Scalar::LONG) return {a.scalar().i()};
      break;
    case pb::SCALARS: {
      std::vector<int64_t> out;
      for (const pb::Scalar& s : a.scalars()) {
        if (s.type() != pb::Scalar::LONG) break;
        out.push_back(s.i());
      }
      if (out.size() == static_cast<size_t>(a.scalars_size())) return out;
      break;
    }
    default:
      break;
  }
  std::vector<int64_t> out;
  for (double v : Numbers(a)) out.push_back(static_cast<int64_t>(v));
  return out;
}

// The integer `text` spells exactly, if it is one.
std::optional<int64_t> ExactInt(const std::string& text) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

bool IsFloatAttr(const pb::OpDesc::Attr& a) {
  return a.type() == pb::FLOAT || a.type() == pb::FLOAT64 || a.type() == pb::FLOATS ||
         a.type() == pb::FLOAT64S ||
         (a.type() == pb::SCALAR && a.scalar().type() == pb::Scalar::FLOAT64);
}

class Writer {
 public:
  explicit Writer(const pb::ProgramDesc& program) : program_(program), block_(program.blocks(0)) {
    for (const pb::BlockDesc& b : program.blocks()) {
      auto& vars = vars_[b.idx()];
      for (const pb::VarDesc& v : b.vars()) vars[v.name()] = &v;
    }
  }

  json Write() {
    WriteParameters();
    WriteInputs();
    WriteBlockOps(0);
    WriteOutputs();
    json block = {{"#", "block_0"}, {"args", json::array()}, {"ops", ops_}};
    json region = {{"#", "region_0"}, {"blocks", json::array({block})}};
    return {{"base_code", {{"magic", "pir"}, {"trainable", false}, {"version", 1}}},
            {"program", {{"regions", json::array({region})}}}};
  }

 private:
  void WriteBlockOps(int idx) {
    const pb::BlockDesc& block = program_.blocks(idx);
    const int parent = current_block_;
    current_block_ = idx;
    std::set<int> done;  // ops folded into an earlier pd_op.if
    for (int i = 0; i < block.ops_size(); ++i) {
      const pb::OpDesc& op = block.ops(i);
      if (op.type() == "feed" || op.type() == "fetch" || done.count(i)) continue;
      try {
        if (op.type() == "while") {
          WriteWhile(op);
        } else if (op.type() == "conditional_block") {
          WriteIf(block, i, done);
        } else {
          WriteOp(op);
        }
      } catch (const NotExpressible& e) {
        throw NotExpressible(fmt::format("{}: {}", op.type(), e.what()));
      }
    }
    current_block_ = parent;
  }

  // ---- control flow (legacy → PIR, the way Paddle's program translator
  // turns while and conditional_block into pd_op.while and pd_op.if) ----

  // while(Condition, Out) {body} → pd_op.while(cond, loop vars...) whose
  // loop variables are Out without the condition; the body's block
  // arguments stand for them, and it yields (cond, loop vars...).
  void WriteWhile(const pb::OpDesc& op) {
    const std::string cond = Args(op.inputs(), "Condition").at(0);
    std::vector<std::string> loop_vars;
    for (const std::string& v : Args(op.outputs(), "Out")) {
      if (v != cond && std::find(loop_vars.begin(), loop_vars.end(), v) == loop_vars.end()) {
        loop_vars.push_back(v);
      }
    }
    const int body = BlockAttr(op, "sub_block");
    std::vector<std::string> carried = loop_vars;
    carried.push_back(cond);
    CheckWritesAreListed(body, carried);
    json inputs = json::array({Ref(cond)});
    for (const std::string& v : loop_vars) inputs.push_back(Ref(v));
    const json region = Region(body, loop_vars, [&] {
      std::vector<json> yields = {Ref(cond)};
      for (const std::string& v : loop_vars) yields.push_back(Ref(v));
      return yields;
    });
    BindResults("1.while", inputs, loop_vars, region);
  }

  // conditional_block(cond), and when present logical_not(cond) →
  // conditional_block(not cond) and select_input([false, true], cast(cond))
  // after it (dy2static's if/else) → one pd_op.if whose results are the
  // select_input outputs. A lone conditional_block → pd_op.if whose false
  // branch yields the Out variables' prior values.
  void WriteIf(const pb::BlockDesc& block, int i, std::set<int>& done) {
    const pb::OpDesc& then_op = block.ops(i);
    CheckScalarCondition(then_op);
    const std::string cond = Args(then_op.inputs(), "Cond").at(0);
    const std::vector<std::string> then_outs = Args(then_op.outputs(), "Out");
    CheckWritesAreListed(BlockAttr(then_op, "sub_block"), then_outs);
    const int else_index = FindElseBlock(block, i, cond);
    std::vector<int> selects;
    if (else_index >= 0) selects = FindSelects(block, i, block.ops(else_index), cond, then_outs);
    if (selects.empty()) return WriteLoneIf(then_op, cond, then_outs);

    const pb::OpDesc& else_op = block.ops(else_index);
    const std::vector<std::string> else_outs = Args(else_op.outputs(), "Out");
    CheckWritesAreListed(BlockAttr(else_op, "sub_block"), else_outs);
    std::vector<std::string> results, when_true, when_false;
    for (int k : selects) {
      const std::vector<std::string> xs = Args(block.ops(k).inputs(), "X");
      when_false.push_back(xs[0]);
      when_true.push_back(xs[1]);
      results.push_back(Args(block.ops(k).outputs(), "Out").at(0));
      done.insert(k);
    }
    // An Out variable no select_input reads would lose its write.
    CheckAllSelected(then_outs, when_true);
    CheckAllSelected(else_outs, when_false);
    done.insert(else_index);
    const json then_region =
        Region(BlockAttr(then_op, "sub_block"), {}, [&] { return Refs(when_true); });
    const json else_region =
        Region(BlockAttr(else_op, "sub_block"), {}, [&] { return Refs(when_false); });
    BindResults("1.if", json::array({Ref(cond)}), results, {then_region, else_region});
  }

  void WriteLoneIf(const pb::OpDesc& op, const std::string& cond,
                   const std::vector<std::string>& outs) {
    const json prior = Refs(outs);  // the values kept when the block does not run
    const json then_region = Region(BlockAttr(op, "sub_block"), {}, [&] { return Refs(outs); });
    const json else_region = Region(-1, {}, [&] { return std::vector<json>(prior); });
    BindResults("1.if", json::array({Ref(cond)}), outs, {then_region, else_region});
  }

  static void CheckAllSelected(const std::vector<std::string>& outs,
                               const std::vector<std::string>& selected) {
    for (const std::string& v : outs) {
      if (std::find(selected.begin(), selected.end(), v) == selected.end()) {
        throw NotExpressible(fmt::format("Out variable '{}' is read by no select_input", v));
      }
    }
  }

  static void CheckScalarCondition(const pb::OpDesc& op) {
    const pb::OpDesc::Attr* scalar = FindAttr(op, "is_scalar_condition");
    if (scalar == nullptr || !scalar->b()) {
      throw NotExpressible("is_scalar_condition=false (pd_op.if takes one bool)");
    }
    if (Args(op.inputs(), "Cond").size() != 1) throw NotExpressible("several Cond tensors");
  }

  // The conditional_block after op `i` whose Cond is logical_not(cond), with
  // only logical_not / cast ops in between (so it can move up to op i).
  static int FindElseBlock(const pb::BlockDesc& block, int i, const std::string& cond) {
    std::set<std::string> negations;
    for (const pb::OpDesc& op : block.ops()) {
      if (op.type() == "logical_not" && Args(op.inputs(), "X") == std::vector<std::string>{cond}) {
        negations.insert(Args(op.outputs(), "Out").at(0));
      }
    }
    for (int j = i + 1; j < block.ops_size(); ++j) {
      const pb::OpDesc& op = block.ops(j);
      if (op.type() == "conditional_block") {
        const std::vector<std::string> c = Args(op.inputs(), "Cond");
        const pb::OpDesc::Attr* scalar = FindAttr(op, "is_scalar_condition");
        const bool matches = c.size() == 1 && negations.count(c[0]) && scalar && scalar->b();
        return matches ? j : -1;
      }
      if (op.type() != "logical_not" && op.type() != "cast") return -1;
    }
    return -1;
  }

  // select_input([else out, then out], cast(cond)) ops after the else block.
  static std::vector<int> FindSelects(const pb::BlockDesc& block, int i, const pb::OpDesc& else_op,
                                      const std::string& cond,
                                      const std::vector<std::string>& then_outs) {
    std::set<std::string> masks;
    for (const pb::OpDesc& op : block.ops()) {
      if (op.type() == "cast" && Args(op.inputs(), "X") == std::vector<std::string>{cond}) {
        masks.insert(Args(op.outputs(), "Out").at(0));
      }
    }
    const std::vector<std::string> else_outs = Args(else_op.outputs(), "Out");
    auto contains = [](const std::vector<std::string>& list, const std::string& v) {
      return std::find(list.begin(), list.end(), v) != list.end();
    };
    std::vector<int> out;
    for (int k = i + 1; k < block.ops_size(); ++k) {
      const pb::OpDesc& op = block.ops(k);
      if (op.type() != "select_input") continue;
      const std::vector<std::string> xs = Args(op.inputs(), "X");
      const std::vector<std::string> mask = Args(op.inputs(), "Mask");
      if (xs.size() == 2 && mask.size() == 1 && masks.count(mask[0]) &&
          contains(else_outs, xs[0]) && contains(then_outs, xs[1])) {
        out.push_back(k);
      }
    }
    return out;
  }

  // A sub-block writing a variable of an enclosing block that its op does not
  // list as an output has no PIR form (the write would be lost).
  void CheckWritesAreListed(int idx, const std::vector<std::string>& listed, int root = -1) const {
    if (root < 0) root = idx;
    for (const pb::OpDesc& op : program_.blocks(idx).ops()) {
      for (const auto& slot : op.outputs()) {
        for (const std::string& v : slot.arguments()) {
          const bool local = IsDeclaredWithin(v, root);
          if (!local && std::find(listed.begin(), listed.end(), v) == listed.end()) {
            throw NotExpressible(fmt::format(
                "block {} writes '{}' of an enclosing block without listing it", idx, v));
          }
        }
      }
      if (const pb::OpDesc::Attr* sub = FindAttr(op, "sub_block")) {
        CheckWritesAreListed(sub->block_idx(), listed, root);
      }
    }
  }

  // Declared in block `idx` or a block nested in it.
  bool IsDeclaredWithin(const std::string& var, int idx) const {
    for (const pb::BlockDesc& b : program_.blocks()) {
      int walk = b.idx();
      while (walk > 0 && walk != idx) walk = program_.blocks(walk).parent_idx();
      if (walk == idx && vars_.at(b.idx()).count(var)) return true;
    }
    return false;
  }

  static int BlockAttr(const pb::OpDesc& op, std::string_view name) {
    const pb::OpDesc::Attr* a = FindAttr(op, name);
    if (a == nullptr) throw NotExpressible(fmt::format("no {} attribute", name));
    return a->block_idx();
  }

  std::vector<json> Refs(const std::vector<std::string>& vars) const {
    std::vector<json> out;
    for (const std::string& v : vars) out.push_back(Ref(v));
    return out;
  }

  // A region of one block: legacy block `idx` (none for -1) with `args` as
  // block arguments, ending with cf.yield of what `yields` returns after the
  // block's ops. Values defined inside stay inside.
  json Region(int idx, const std::vector<std::string>& args,
              const std::function<std::vector<json>()>& yields) {
    const std::map<std::string, int64_t> outer = value_of_;
    json saved_ops = std::move(ops_);
    ops_ = json::array();
    const std::string region_label = NextLabel("region");
    const std::string block_label = NextLabel("block");
    json arg_list = json::array();
    for (const std::string& a : args) {
      const int64_t id = next_arg_id_--;
      value_of_[a] = id;
      arg_list.push_back({{"#", id}, {"TT", TensorType(a)}});
    }
    if (idx >= 0) WriteBlockOps(idx);
    ops_.push_back({{"#", "2.yield"}, {"I", yields()}, {"O", json::array()}, {"A", json::array()}});
    json block = {{"#", block_label}, {"args", arg_list}, {"ops", std::move(ops_)}};
    ops_ = std::move(saved_ops);
    value_of_ = outer;
    return {{"#", region_label}, {"blocks", json::array({block})}};
  }

  // The control-flow op itself; its results become the values of `results`.
  void BindResults(const std::string& id, json inputs, const std::vector<std::string>& results,
                   json regions) {
    if (!regions.is_array()) regions = json::array({regions});
    json outs = json::array();
    for (const std::string& r : results)
      outs.push_back({{"%", NewValue(r)}, {"TT", TensorType(r)}});
    ops_.push_back({{"#", id},
                    {"I", std::move(inputs)},
                    {"O", std::move(outs)},
                    {"A", json::array()},
                    {"regions", std::move(regions)}});
  }

  std::string NextLabel(const char* kind) {
    int& counter = kind == std::string_view("region") ? next_region_ : next_block_;
    return fmt::format("{}_{}", kind, counter++);
  }

  const pb::VarDesc& VarOf(const std::string& name) const {
    for (int b = current_block_; b >= 0; b = program_.blocks(b).parent_idx()) {
      const auto& vars = vars_.at(b);
      auto it = vars.find(name);
      if (it != vars.end()) return *it->second;
      if (b == 0) break;
    }
    throw NotExpressible(fmt::format("variable '{}' is not declared", name));
  }

  graph::DataType DtypeOf(const std::string& name) const {
    return graph::DataTypeFromPaddle(VarOf(name).type().lod_tensor().tensor().data_type())
        .value_or(graph::DataType::kFloat32);
  }

  json TensorType(const std::string& name) const {
    if (VarOf(name).type().type() != pb::VarType::LOD_TENSOR) {
      throw NotExpressible(fmt::format("variable '{}' is not a dense tensor", name));
    }
    const auto& dims = VarOf(name).type().lod_tensor().tensor().dims();
    return {{"#", "0.t_dtensor"},
            {"D",
             {{{"#", ElementTypeId(DtypeOf(name))}},
              std::vector<int64_t>(dims.begin(), dims.end()),
              "NCHW",
              json::array(),
              0}}};
  }

  int64_t NewValue(const std::string& var) {
    const int64_t id = next_id_++;
    value_of_[var] = id;
    return id;
  }

  json Ref(const std::string& var) const {
    auto it = value_of_.find(var);
    if (it == value_of_.end()) {
      throw NotExpressible(fmt::format("variable '{}' is read before it is written", var));
    }
    return {{"%", it->second}};
  }

  void WriteParameters() {
    std::set<std::string> names;
    for (const pb::VarDesc& v : block_.vars()) {
      if (v.persistable() && v.type().type() == pb::VarType::LOD_TENSOR) names.insert(v.name());
    }
    for (const std::string& name : names) {
      const json type = TensorType(name);
      ops_.push_back({{"#", "p"},
                      {"A", {0, 1, 1, name}},
                      {"O", {{"%", NewValue(name)}, {"TT", type}}},
                      {"DA", json::array()},
                      {"QA", json::array()}});
    }
  }

  static std::vector<std::pair<int, std::string>> Ports(const pb::BlockDesc& block,
                                                        const std::string& type) {
    std::vector<std::pair<int, std::string>> ports;
    for (const pb::OpDesc& op : block.ops()) {
      if (op.type() != type) continue;
      int col = 0;
      for (const auto& a : op.attrs()) {
        if (a.name() == "col") col = a.i();
      }
      const auto& slots = type == "feed" ? op.outputs() : op.inputs();
      for (const auto& s : slots) {
        if ((s.parameter() == "Out" || s.parameter() == "X") && s.arguments_size() == 1) {
          ports.emplace_back(col, s.arguments(0));
        }
      }
    }
    std::sort(ports.begin(), ports.end());
    return ports;
  }

  void WriteInputs() {
    for (const auto& [col, name] : Ports(block_, "feed")) {
      const auto& dims = VarOf(name).type().lod_tensor().tensor().dims();
      ops_.push_back(
          {{"#", "1.data"},
           {"I", json::array()},
           {"O", json::array({{{"%", NewValue(name)}, {"TT", TensorType(name)}}})},
           {"A",
            json::array(
                {{{"N", "name"}, {"AT", Attr("0.a_str", name)}},
                 {{"N", "shape"},
                  {"AT", Attr("1.a_intarray", std::vector<int64_t>(dims.begin(), dims.end()))}},
                 {{"N", "dtype"},
                  {"AT", Attr("1.a_dtype", std::string(graph::DataTypeName(DtypeOf(name))))}},
                 {{"N", "place"}, {"AT", Attr("1.a_place", {0, 0, ""})}}})}});
    }
  }

  void WriteOutputs() {
    for (const auto& [col, name] : Ports(block_, "fetch")) {
      ops_.push_back({{"#", "1.fetch"},
                      {"I", json::array({Ref(name)})},
                      {"O", json::array({{{"%", next_id_++}, {"TT", TensorType(name)}}})},
                      {"A", json::array({{{"N", "name"}, {"AT", Attr("0.a_str", name)}},
                                         {{"N", "col"}, {"AT", Attr("0.a_i32", col)}}})}});
    }
  }

  // A helper op producing one new value (full, full_int_array, combine).
  int64_t Emit(const std::string& id, json inputs, json attrs, json type) {
    const int64_t value = next_id_++;
    ops_.push_back({{"#", id},
                    {"I", std::move(inputs)},
                    {"O", json::array({{{"%", value}, {"TT", std::move(type)}}})},
                    {"A", std::move(attrs)}});
    return value;
  }

  json Combine(const std::vector<std::string>& vars) {
    json inputs = json::array();
    json types = json::array();
    for (const std::string& v : vars) {
      inputs.push_back(Ref(v));
      types.push_back(TensorType(v));
    }
    return {{"%", Emit("0.combine", inputs, json::array(), {{"#", "0.t_vec"}, {"D", types}})}};
  }

  json Full(const std::vector<double>& values, const std::vector<int64_t>& exact_ints,
            bool is_float, bool as_int_array) {
    const char* dtype = is_float ? "float32" : "int64";
    const json type = {{"#", "0.t_dtensor"},
                       {"D",
                        {{{"#", is_float ? "0.t_f32" : "0.t_i64"}},
                         std::vector<int64_t>{int64_t(values.size())},
                         "NCHW",
                         json::array(),
                         0}}};
    if (as_int_array) {
      const std::vector<int64_t>& ints = exact_ints;
      json attrs = json::array({{{"N", "value"}, {"AT", ArrayAttr("0.a_i64", json(ints))}},
                                {{"N", "dtype"}, {"AT", Attr("1.a_dtype", "int64")}}});
      return {{"%", Emit("1.full_int_array", json::array(), attrs, type)}};
    }
    json attrs =
        json::array({{{"N", "shape"}, {"AT", Attr("1.a_intarray", std::vector<int64_t>{1})}},
                     {{"N", "value"}, {"AT", FloatAttr("0.a_f64", values.at(0))}},
                     {{"N", "dtype"}, {"AT", Attr("1.a_dtype", dtype)}}});
    return {{"%", Emit("1.full", json::array(), attrs, type)}};
  }

  static const pb::OpDesc::Attr* FindAttr(const pb::OpDesc& op, std::string_view name) {
    for (const auto& a : op.attrs()) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }

  static std::vector<std::string> Args(
      const google::protobuf::RepeatedPtrField<pb::OpDesc::Var>& slots, std::string_view name) {
    for (const auto& s : slots) {
      if (s.parameter() == name) return {s.arguments().begin(), s.arguments().end()};
    }
    return {};
  }

  json Operand(const pb::OpDesc& op, const pir::OperandSpec& o, std::set<std::string>& used_slots,
               std::set<std::string>& used_attrs) {
    const std::vector<std::string> tensor =
        o.slot.empty() ? std::vector<std::string>{} : Args(op.inputs(), o.slot);
    const std::vector<std::string> list =
        o.list_slot.empty() ? std::vector<std::string>{} : Args(op.inputs(), o.list_slot);
    used_slots.insert(std::string(o.slot));
    used_slots.insert(std::string(o.list_slot));
    if (!o.attr.empty()) used_attrs.insert(std::string(o.attr));
    switch (o.kind) {
      case pir::OperandKind::kTensor:
        if (tensor.size() > 1)
          throw NotExpressible(fmt::format("slot {} has several tensors", o.slot));
        return tensor.empty() ? json{{"%", 0}} : Ref(tensor[0]);
      case pir::OperandKind::kTensorList:
        return tensor.empty() ? json{{"%", 0}} : Combine(tensor);
      case pir::OperandKind::kIntArray:
      case pir::OperandKind::kScalar:
        break;
    }
    if (o.list_first && !list.empty()) return Combine(list);
    if (tensor.size() == 1) return Ref(tensor[0]);
    if (!list.empty()) return Combine(list);
    const pb::OpDesc::Attr* attr = FindAttr(op, o.attr);
    if (attr == nullptr) return {{"%", 0}};
    const bool int_array = o.kind == pir::OperandKind::kIntArray;
    return Full(Numbers(*attr), int_array ? Int64s(*attr) : std::vector<int64_t>{},
                IsFloatAttr(*attr), int_array);
  }

  void WriteConstant(const pb::OpDesc& op) {
    if (op.inputs_size() > 0) {
      for (const auto& s : op.inputs()) {
        if (s.arguments_size() > 0) throw NotExpressible("run-time shape or value inputs");
      }
    }
    const std::string out = Args(op.outputs(), "Out").at(0);
    json attrs = json::array();
    const std::string dtype(graph::DataTypeName(DtypeOf(out)));
    const auto& dims = VarOf(out).type().lod_tensor().tensor().dims();
    std::vector<int64_t> shape(dims.begin(), dims.end());
    if (const pb::OpDesc::Attr* attr = FindAttr(op, "shape")) {
      const std::vector<double> values = Numbers(*attr);
      shape.assign(values.begin(), values.end());  // the legacy shape, not the declared dims
    }
    std::string id;
    if (op.type() == "fill_constant") {
      id = "1.full";
      const pb::OpDesc::Attr* str = FindAttr(op, "str_value");
      const pb::OpDesc::Attr* value = FindAttr(op, "value");
      const bool has_str = str != nullptr && !str->s().empty();
      double v = value ? Numbers(*value).at(0) : 0.0;
      if (has_str) v = std::stod(str->s());
      attrs.push_back({{"N", "shape"}, {"AT", Attr("1.a_intarray", shape)}});
      // Integer constants stay exact (int64 beyond 2^53): Paddle reads an
      // integer str_value as int64, and PIR's Scalar keeps it as a_i64.
      std::optional<int64_t> exact;
      if (!graph::IsFloatingPoint(DtypeOf(out))) {
        if (has_str) {
          exact = ExactInt(str->s());
        } else if (value && !IsFloatAttr(*value)) {
          exact = Int64s(*value).at(0);
        }
      }
      attrs.push_back(
          {{"N", "value"}, {"AT", exact ? Attr("0.a_i64", *exact) : FloatAttr("0.a_f64", v)}});
    } else {
      id = "1.assign_value";
      json values = json::array();
      for (const char* list : {"values", "fp32_values", "int32_values", "int64_values",
                               "bool_values", "fp64_values"}) {
        const pb::OpDesc::Attr* a = FindAttr(op, list);
        if (!a || !values.empty()) continue;
        if (graph::IsFloatingPoint(DtypeOf(out))) {
          for (double v : Numbers(*a)) values.push_back(Attr("1.a_scalar", {"float64", v}));
        } else {
          for (int64_t v : Int64s(*a)) values.push_back(Attr("1.a_scalar", {"int64", v}));
        }
      }
      attrs.push_back({{"N", "shape"}, {"AT", ArrayAttr("0.a_i32", json(shape))}});
      attrs.push_back({{"N", "values"}, {"AT", Attr("0.a_array", values)}});
    }
    attrs.push_back({{"N", "dtype"}, {"AT", Attr("1.a_dtype", dtype)}});
    attrs.push_back({{"N", "place"}, {"AT", Attr("1.a_place", {1, 0, ""})}});
    ops_.push_back({{"#", id},
                    {"I", json::array()},
                    {"O", json::array({{{"%", NewValue(out)}, {"TT", TensorType(out)}}})},
                    {"A", attrs}});
  }

  void WriteOp(const pb::OpDesc& op) {
    if (op.type() == "fill_constant" || op.type() == "assign_value") return WriteConstant(op);
    const pir::OpSpec* spec = pir::FindOpForLegacy(op.type());
    if (spec == nullptr) throw NotExpressible("no PIR name in the op table");
    std::set<std::string> used_slots;
    std::set<std::string> used_attrs;
    json inputs = json::array();
    for (const pir::OperandSpec& o : spec->operands) {
      inputs.push_back(Operand(op, o, used_slots, used_attrs));
    }
    for (const auto& s : op.inputs()) {
      if (s.arguments_size() > 0 && !used_slots.count(s.parameter())) {
        throw NotExpressible(fmt::format("input slot {} has no PIR operand", s.parameter()));
      }
    }
    json attrs = json::array();
    for (const auto& a : op.attrs()) {
      if (used_attrs.count(a.name())) continue;
      if (IsFixed(*spec, a)) continue;
      attrs.push_back({{"N", PirName(*spec, a.name())}, {"AT", PirAttr(a)}});
    }
    json results = json::array();
    std::vector<std::pair<int64_t, std::vector<std::string>>> lists;
    std::set<std::string> used_outputs;
    for (std::string_view slot : spec->results) {
      used_outputs.insert(std::string(slot));
      const std::vector<std::string> args = Args(op.outputs(), slot);
      if (args.empty()) {
        results.push_back({{"%", 0}, {"TT", {{"#", "NULL"}}}});
      } else if (args.size() == 1) {
        results.push_back({{"%", NewValue(args[0])}, {"TT", TensorType(args[0])}});
      } else {
        json types = json::array();
        for (const std::string& a : args) types.push_back(TensorType(a));
        const int64_t id = next_id_++;
        results.push_back({{"%", id}, {"TT", {{"#", "0.t_vec"}, {"D", types}}}});
        lists.emplace_back(id, args);
      }
    }
    for (const auto& s : op.outputs()) {
      if (s.arguments_size() > 0 && !used_outputs.count(s.parameter())) {
        throw NotExpressible(fmt::format("output slot {} has no PIR result", s.parameter()));
      }
    }
    ops_.push_back(
        {{"#", fmt::format("1.{}", spec->pir)}, {"I", inputs}, {"O", results}, {"A", attrs}});
    for (const auto& [id, args] : lists) Split(id, args);
  }

  void Split(int64_t list, const std::vector<std::string>& args) {
    json results = json::array();
    for (const std::string& a : args)
      results.push_back({{"%", NewValue(a)}, {"TT", TensorType(a)}});
    ops_.push_back({{"#", "0.split"},
                    {"I", json::array({{{"%", list}}})},
                    {"O", results},
                    {"A", json::array()}});
  }

  // A legacy attribute PIR fixed: fine when it holds the implied value.
  static bool IsFixed(const pir::OpSpec& spec, const pb::OpDesc::Attr& a) {
    for (const pir::FixedAttr& f : spec.fixed) {
      if (f.legacy != a.name()) continue;
      if (Numbers(a).at(0) != f.value) {
        throw NotExpressible(fmt::format("attribute {}={} (PIR fixes it at {})", a.name(),
                                         Numbers(a).at(0), f.value));
      }
      return true;
    }
    return false;
  }

  static std::string PirName(const pir::OpSpec& spec, const std::string& legacy) {
    for (const pir::AttrRename& r : spec.renames) {
      if (r.legacy == legacy) return std::string(r.pir);
    }
    return legacy;
  }

  const pb::ProgramDesc& program_;
  const pb::BlockDesc& block_;
  std::map<int, std::map<std::string, const pb::VarDesc*>> vars_;  // by block
  std::map<std::string, int64_t> value_of_;
  json ops_ = json::array();
  int64_t next_id_ = 1;
  int64_t next_arg_id_ = -1;
  int current_block_ = 0;
  int next_region_ = 1;  // region_0 is the program's
  int next_block_ = 1;   // block_0 is the top-level block
};

}  // namespace

PirText ToPirJson(const pb::ProgramDesc& program) {
  try {
    return {Writer(program).Write().dump(), ""};
  } catch (const NotExpressible& e) {
    return {"", e.what()};
  }
}

std::optional<std::string> WritePir(const ProgramBuilder& builder, const std::filesystem::path& dir,
                                    const std::string& stem) {
  const PirText text = ToPirJson(builder.ToProto());
  if (text.json.empty()) return text.not_expressible;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / (stem + ".json"), std::ios::binary) << text.json;
  if (!builder.params().empty()) {
    std::ofstream(dir / (stem + ".pdiparams"), std::ios::binary) << builder.ParamsBytes();
  }
  return std::nullopt;
}

}  // namespace pd2onnx::testing

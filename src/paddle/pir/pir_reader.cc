#include "paddle/pir/pir_reader.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>

#include "paddle/pir/op_table.h"
#include "support/error.h"

namespace pd2onnx::paddle::pir {
namespace {

using json = nlohmann::json;
using graph::Attribute;
using graph::AttrKind;
using graph::DataType;

// ---- JSON access with messages that say what was expected ------------------

const json& Member(const json& obj, const char* key, std::string_view where) {
  PD2ONNX_CHECK(obj.is_object(), ErrorKind::kInvalidInput, "{}: expected a JSON object, got {}",
                where, obj.type_name());
  auto it = obj.find(key);
  PD2ONNX_CHECK(it != obj.end(), ErrorKind::kInvalidInput, "{}: missing key \"{}\"", where, key);
  return *it;
}

const json* OptionalMember(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

const json& ArrayOf(const json& value, std::string_view where) {
  PD2ONNX_CHECK(value.is_array(), ErrorKind::kInvalidInput, "{}: expected a JSON array, got {}",
                where, value.type_name());
  return value;
}

int64_t IntOf(const json& value, std::string_view where) {
  if (value.is_boolean()) return value.get<bool>() ? 1 : 0;
  PD2ONNX_CHECK(value.is_number_integer(), ErrorKind::kInvalidInput,
                "{}: expected an integer, got {}", where, value.type_name());
  return value.get<int64_t>();
}

double DoubleOf(const json& value, std::string_view where) {
  PD2ONNX_CHECK(value.is_number(), ErrorKind::kInvalidInput, "{}: expected a number, got {}", where,
                value.type_name());
  return value.get<double>();
}

const std::string& StringOf(const json& value, std::string_view where) {
  PD2ONNX_CHECK(value.is_string(), ErrorKind::kInvalidInput, "{}: expected a string, got {}", where,
                value.type_name());
  return value.get_ref<const std::string&>();
}

// ---- names ------------------------------------------------------------------

struct Name {
  std::string dialect;  // "pd_op", "builtin", "cf", ...
  std::string op;       // "conv2d"
  std::string Full() const { return dialect + "." + op; }
};

// "1.conv2d" → pd_op.conv2d; full dialect names are accepted too.
Name DecompressName(const std::string& id) {
  if (id == "p") return {"builtin", "parameter"};
  const size_t dot = id.find('.');
  if (dot == std::string::npos) return {"", id};
  static const std::map<std::string, std::string, std::less<>> kDialects = {
      {"0", "builtin"}, {"1", "pd_op"}, {"2", "cf"}, {"3", "custom_op"}, {"4", "pd_dist"}};
  const std::string prefix = id.substr(0, dot);
  auto it = kDialects.find(prefix);
  return {it == kDialects.end() ? prefix : it->second, id.substr(dot + 1)};
}

// ---- types -----------------------------------------------------------------

struct Type {
  bool null = false;
  bool is_vec = false;
  std::vector<Type> elems;  // is_vec
  graph::VarKind kind = graph::VarKind::kDenseTensor;
  DataType dtype = DataType::kUndefined;
  std::vector<int64_t> shape;
};

std::optional<DataType> ElementType(std::string_view short_name) {
  static const std::map<std::string, DataType, std::less<>> kTypes = {
      {"t_bool", DataType::kBool},
      {"t_i8", DataType::kInt8},
      {"t_ui8", DataType::kUInt8},
      {"t_i16", DataType::kInt16},
      {"t_i32", DataType::kInt32},
      {"t_i64", DataType::kInt64},
      {"t_f16", DataType::kFloat16},
      {"t_bf16", DataType::kBFloat16},
      {"t_f32", DataType::kFloat32},
      {"t_f64", DataType::kFloat64},
      {"t_c64", DataType::kComplex64},
      {"t_c128", DataType::kComplex128},
      {"t_f8e4m3fn", DataType::kFloat8E4M3FN},
      {"t_f8e5m2", DataType::kFloat8E5M2}};
  auto it = kTypes.find(short_name);
  if (it == kTypes.end()) return std::nullopt;
  return it->second;
}

std::optional<DataType> DtypeFromString(std::string_view name) {
  static const std::map<std::string, DataType, std::less<>> kNames = {
      {"bool", DataType::kBool},           {"int8", DataType::kInt8},
      {"uint8", DataType::kUInt8},         {"int16", DataType::kInt16},
      {"int32", DataType::kInt32},         {"int64", DataType::kInt64},
      {"uint32", DataType::kUInt32},       {"uint64", DataType::kUInt64},
      {"float16", DataType::kFloat16},     {"bfloat16", DataType::kBFloat16},
      {"float32", DataType::kFloat32},     {"float64", DataType::kFloat64},
      {"complex64", DataType::kComplex64}, {"complex128", DataType::kComplex128}};
  auto it = kNames.find(name);
  if (it == kNames.end()) return std::nullopt;
  return it->second;
}

std::vector<int64_t> IntsOf(const json& value, std::string_view where) {
  std::vector<int64_t> out;
  for (const json& v : ArrayOf(value, where)) out.push_back(IntOf(v, where));
  return out;
}

// Negative dims are unknown; the known ones must not overflow when
// multiplied (shape arithmetic downstream relies on it).
void CheckShape(const std::vector<int64_t>& shape, std::string_view where) {
  int64_t numel = 1;
  for (int64_t d : shape) {
    if (d <= 0) continue;
    PD2ONNX_CHECK(numel <= std::numeric_limits<int64_t>::max() / 16 / d, ErrorKind::kInvalidInput,
                  "{}: dims {} whose size overflows", where, graph::ShapeToString(shape));
    numel *= d;
  }
}

Type ParseType(const json& t, std::string_view where) {
  const std::string& id = StringOf(Member(t, "#", where), where);
  Type type;
  if (id == "NULL") {
    type.null = true;
    return type;
  }
  const Name name = DecompressName(id);
  if (auto dtype = ElementType(name.op)) {  // a bare element type
    type.dtype = *dtype;
    return type;
  }
  if (name.op == "t_vec") {
    type.is_vec = true;
    for (const json& e : ArrayOf(Member(t, "D", where), where)) {
      type.elems.push_back(ParseType(e, where));
    }
    return type;
  }
  if (name.op == "t_dtensor" || name.op == "t_selected_rows" || name.op == "t_dense_tensor_array") {
    const json& d = ArrayOf(Member(t, "D", where), where);
    PD2ONNX_CHECK(d.size() >= 2, ErrorKind::kInvalidInput,
                  "{}: type {} needs [element type, dims, ...], got {} fields", where, id,
                  d.size());
    type.dtype = ParseType(d[0], where).dtype;
    type.shape = IntsOf(d[1], where);
    CheckShape(type.shape, where);
    if (name.op == "t_dense_tensor_array") type.kind = graph::VarKind::kTensorArray;
    if (name.op == "t_selected_rows") type.kind = graph::VarKind::kSelectedRows;
    return type;
  }
  type.kind = graph::VarKind::kOther;
  return type;
}

// ---- attributes ------------------------------------------------------------

double FloatPayload(const json& at, std::string_view where) {
  if (const json* vd = OptionalMember(at, "VD")) {
    std::string text = StringOf(*vd, where);
    std::transform(text.begin(), text.end(), text.begin(), ::toupper);
    if (text == "NAN") return std::numeric_limits<double>::quiet_NaN();
    if (text == "INF") return std::numeric_limits<double>::infinity();
    if (text == "-INF") return -std::numeric_limits<double>::infinity();
    Fail(ErrorKind::kInvalidInput, "{}: unknown non-finite value \"{}\"", where, text);
  }
  return DoubleOf(Member(at, "D", where), where);
}

graph::Scalar ScalarPayload(const json& d, std::string_view where) {
  const json& parts = ArrayOf(d, where);
  PD2ONNX_CHECK(parts.size() >= 2, ErrorKind::kInvalidInput,
                "{}: a scalar attribute needs [dtype, value]", where);
  const std::string& dtype = StringOf(parts[0], where);
  graph::Scalar s;
  if (dtype == "bool") {
    s.kind = graph::Scalar::Kind::kBool;
    s.i = IntOf(parts[1], where);
  } else if (dtype.find("complex") != std::string::npos) {
    s.kind = graph::Scalar::Kind::kComplex;
    s.f = DoubleOf(parts[1], where);
    s.imag = parts.size() > 2 ? DoubleOf(parts[2], where) : 0;
  } else if (dtype.find("int") != std::string::npos) {
    s.kind = graph::Scalar::Kind::kInt;
    s.i = IntOf(parts[1], where);
  } else {
    s.kind = graph::Scalar::Kind::kFloat;
    s.f = DoubleOf(parts[1], where);
  }
  return s;
}

std::optional<Attribute> ParseAttr(const json& at, std::string_view where);

graph::Scalar ToScalar(const Attribute& a) {
  if (const auto* s = std::get_if<graph::Scalar>(&a.value())) return *s;
  graph::Scalar out;
  if (const auto* d = std::get_if<double>(&a.value())) {
    out.kind = graph::Scalar::Kind::kFloat;
    out.f = *d;
  } else {
    out.kind = a.kind() == AttrKind::kBool ? graph::Scalar::Kind::kBool : graph::Scalar::Kind::kInt;
    out.i = a.AsInt();
  }
  return out;
}

// Lists keep the widest element kind (Paddle patches moved i32 → i64 and
// f32 → f64); a list of scalars stays SCALARS.
Attribute ParseArray(const json& items, std::string_view where) {
  std::vector<Attribute> elems;
  for (const json& item : ArrayOf(items, where)) {
    if (auto a = ParseAttr(item, where)) elems.push_back(std::move(*a));
  }
  std::set<AttrKind> kinds;
  for (const Attribute& a : elems) kinds.insert(a.kind());
  auto only = [&](std::initializer_list<AttrKind> allowed) {
    return std::all_of(kinds.begin(), kinds.end(), [&](AttrKind k) {
      return std::find(allowed.begin(), allowed.end(), k) != allowed.end();
    });
  };
  if (elems.empty()) return {AttrKind::kInts, std::vector<int64_t>{}};
  if (only({AttrKind::kString})) {
    std::vector<std::string> out;
    for (const Attribute& a : elems) out.push_back(a.AsString());
    return {AttrKind::kStrings, std::move(out)};
  }
  if (only({AttrKind::kBool, AttrKind::kInt, AttrKind::kLong})) {
    std::vector<int64_t> out;
    for (const Attribute& a : elems) out.push_back(a.AsInt());
    const AttrKind kind = kinds.count(AttrKind::kLong)  ? AttrKind::kLongs
                          : kinds.count(AttrKind::kInt) ? AttrKind::kInts
                                                        : AttrKind::kBools;
    return {kind, std::move(out)};
  }
  if (only({AttrKind::kBool, AttrKind::kInt, AttrKind::kLong, AttrKind::kFloat,
            AttrKind::kFloat64})) {
    std::vector<double> out;
    for (const Attribute& a : elems) out.push_back(a.AsDouble());
    return {kinds.count(AttrKind::kFloat64) ? AttrKind::kFloat64s : AttrKind::kFloats,
            std::move(out)};
  }
  if (only({AttrKind::kScalar, AttrKind::kBool, AttrKind::kInt, AttrKind::kLong, AttrKind::kFloat,
            AttrKind::kFloat64})) {
    std::vector<graph::Scalar> out;
    for (const Attribute& a : elems) out.push_back(ToScalar(a));
    return {AttrKind::kScalars, std::move(out)};
  }
  Fail(ErrorKind::kUnsupported, "{}: a list attribute mixes element kinds", where);
}

// nullopt: an attribute that carries no meaning for conversion (places,
// types, pointers, distributed attributes).
std::optional<Attribute> ParseAttr(const json& at, std::string_view where) {
  const std::string& id = StringOf(Member(at, "#", where), where);
  if (id == "NULL") return std::nullopt;
  const Name name = DecompressName(id);
  const std::string& kind = name.op;
  if (name.dialect == "pd_dist") return std::nullopt;
  if (kind == "a_bool") return Attribute(AttrKind::kBool, IntOf(Member(at, "D", where), where));
  if (kind == "a_i32") return Attribute(AttrKind::kInt, IntOf(Member(at, "D", where), where));
  if (kind == "a_i64" || kind == "a_index") {
    return Attribute(AttrKind::kLong, IntOf(Member(at, "D", where), where));
  }
  if (kind == "a_f32") return Attribute(AttrKind::kFloat, FloatPayload(at, where));
  if (kind == "a_f64") return Attribute(AttrKind::kFloat64, FloatPayload(at, where));
  if (kind == "a_str" || kind == "a_tensorname" || kind == "a_layout") {
    return Attribute(AttrKind::kString, StringOf(Member(at, "D", where), where));
  }
  if (kind == "a_array") {
    return ParseArray(Member(at, "D", where), where);
  }
  if (kind == "a_intarray")
    return Attribute(AttrKind::kLongs, IntsOf(Member(at, "D", where), where));
  if (kind == "a_scalar")
    return Attribute(AttrKind::kScalar, ScalarPayload(Member(at, "D", where), where));
  if (kind == "a_c64" || kind == "a_c128") {
    const json& d = ArrayOf(Member(at, "D", where), where);
    PD2ONNX_CHECK(d.size() == 2, ErrorKind::kInvalidInput, "{}: a complex attribute needs [re, im]",
                  where);
    graph::Scalar s;
    s.kind = graph::Scalar::Kind::kComplex;
    s.f = DoubleOf(d[0], where);
    s.imag = DoubleOf(d[1], where);
    return Attribute(AttrKind::kScalar, s);
  }
  if (kind == "a_dtype") {
    const std::string& text = StringOf(Member(at, "D", where), where);
    const std::optional<DataType> dtype = DtypeFromString(text);
    PD2ONNX_CHECK(dtype.has_value() || text.rfind("Undefined", 0) == 0, ErrorKind::kUnsupported,
                  "{}: unknown dtype \"{}\"", where, text);
    return Attribute(AttrKind::kInt, int64_t{dtype ? static_cast<int>(*dtype) : -1});
  }
  if (kind == "a_place" || kind == "a_type" || kind == "a_pointer") return std::nullopt;
  Fail(ErrorKind::kInvalidInput, "{}: unknown attribute kind \"{}\"", where, id);
}

// ---- the reader --------------------------------------------------------------

// A small constant known while reading (full, full_int_array, assign_value,
// or a combine of those), for folding mutable attributes.
struct Constant {
  DataType dtype = DataType::kFloat32;
  std::vector<double> values;
  std::vector<int64_t> ints;  // exact values when the dtype is an integer type
};

// What a PIR value id stands for: one variable, or (a Tensor[] value) a list.
struct Value {
  bool is_vec = false;
  std::vector<std::string> vars;
  std::optional<Constant> constant;
};

constexpr int64_t kMaxFoldedElements = 4096;

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  graph::Program Read(const json& root) {
    ReadBaseCode(Member(root, "base_code", "top level"));
    const json& program = Member(root, "program", "top level");
    const json& regions = ArrayOf(Member(program, "regions", "program"), "program.regions");
    PD2ONNX_CHECK(!regions.empty(), ErrorKind::kInvalidInput, "program.regions is empty");
    const json& blocks = ArrayOf(Member(regions[0], "blocks", "region 0"), "region 0 blocks");
    PD2ONNX_CHECK(!blocks.empty(), ErrorKind::kInvalidInput, "region 0 has no blocks");
    const json& ops = ArrayOf(Member(blocks[0], "ops", "block 0"), "block 0 ops");

    program_.source = source_;
    program_.version = version_;
    program_.blocks.emplace_back();
    NameFetchedValues(ops);
    for (size_t i = 0; i < ops.size(); ++i) ReadOp(ops[i], i);
    FinishPorts();
    return std::move(program_);
  }

 private:
  void ReadBaseCode(const json& base) {
    const std::string& magic = StringOf(Member(base, "magic", "base_code"), "base_code.magic");
    PD2ONNX_CHECK(magic == "pir", ErrorKind::kInvalidInput,
                  "base_code.magic is \"{}\", expected \"pir\"", magic);
    version_ = IntOf(Member(base, "version", "base_code"), "base_code.version");
    PD2ONNX_CHECK(version_ >= 0, ErrorKind::kInvalidInput, "base_code.version {} is negative",
                  version_);
    if (version_ > kMaxKnownPirVersion) {
      spdlog::warn(
          "{}: PIR version {} is newer than the versions pd2onnx knows (0-{}); "
          "converting anyway",
          source_, version_, kMaxKnownPirVersion);
    }
  }

  // Fetched values are named after their fetch (fetch_name_0, ...), so the
  // ONNX outputs carry Paddle's output names.
  void NameFetchedValues(const json& ops) {
    for (const json& op : ops) {
      const json* id = OptionalMember(op, "#");
      if (!id || !id->is_string()) continue;
      const Name name = DecompressName(id->get<std::string>());
      if (name.op != "fetch" && name.op != "shadow_output") continue;
      const json* inputs = OptionalMember(op, "I");
      if (!inputs || !inputs->is_array() || inputs->empty()) continue;
      const json* value = OptionalMember((*inputs)[0], "%");
      std::optional<std::string> out = FetchName(op);
      if (value && value->is_number_integer() && out) {
        fetch_names_.emplace(value->get<int64_t>(), *out);
      }
    }
  }

  std::optional<std::string> FetchName(const json& op) {
    const json* attrs = OptionalMember(op, "A");
    if (!attrs || !attrs->is_array()) return std::nullopt;
    for (const json& a : *attrs) {
      const json* n = OptionalMember(a, "N");
      if (!n || !n->is_string()) continue;
      if (*n == "name" || *n == "output_name") {
        const json* at = OptionalMember(a, "AT");
        const json* d = at ? OptionalMember(*at, "D") : nullptr;
        if (d && d->is_string()) return d->get<std::string>();
      }
    }
    return std::nullopt;
  }

  graph::Block& Top() { return program_.blocks[0]; }
  // The block ops are read into: 0, or the sub-block of an if/while region.
  graph::Block& Cur() { return program_.blocks[current_block_]; }

  std::string Where(const Name& name, size_t index) const {
    return fmt::format("{} (block {}, op {})", name.Full(), current_block_, index);
  }

  // Appends `op` to `block`, numbering it.
  void Append(int block, graph::Op op) {
    graph::Block& b = program_.blocks[block];
    op.block_idx = block;
    op.op_idx = static_cast<int>(b.ops.size());
    b.ops.push_back(std::move(op));
  }

  void ReadOp(const json& op, size_t index) {
    const std::string& id =
        StringOf(Member(op, "#", fmt::format("op {}", index)), fmt::format("op {}", index));
    const Name name = DecompressName(id);
    const std::string where = Where(name, index);
    try {
      if (name.dialect == "pd_op" && (name.op == "if" || name.op == "while")) {
        name.op == "if" ? ReadIf(op) : ReadWhile(op);
      } else if (OptionalMember(op, "regions") != nullptr) {
        Fail(ErrorKind::kUnsupported,
             "an op with regions: of PIR control flow only pd_op.if and pd_op.while are "
             "supported, other ops with regions (pd_op.pylayer, ...) are not supported; export "
             "the model with FLAGS_enable_pir_api=0 to get a .pdmodel");
      } else if (name.dialect == "cf" && name.op == "yield") {
        Fail(ErrorKind::kInvalidInput,
             "cf.yield is only allowed as the last op of an if/while region's block");
      } else if (name.dialect == "builtin") {
        ReadBuiltin(op, name);
      } else if (name.dialect == "pd_op") {
        ReadPdOp(op, name);
      } else {
        Fail(ErrorKind::kUnsupported, "ops of dialect '{}' are not supported", name.dialect);
      }
    } catch (const Error& e) {
      throw e.WithContext(where);
    }
  }

  // ---- values ----

  const Value& Operand(const json& operand, size_t k) {
    const int64_t id = ValueId(operand, fmt::format("operand {}", k));
    auto it = values_.find(id);
    PD2ONNX_CHECK(it != values_.end(), ErrorKind::kInvalidInput,
                  "operand {} refers to value %{}, which no earlier op defines", k, id);
    return it->second;
  }

  int64_t ValueId(const json& ref, const std::string& where) {
    return IntOf(Member(ref, "%", where), where);
  }

  std::vector<const json*> Operands(const json& op) {
    std::vector<const json*> out;
    if (const json* in = OptionalMember(op, "I")) {
      for (const json& o : ArrayOf(*in, "I")) out.push_back(&o);
    }
    return out;
  }

  std::vector<const json*> Results(const json& op) {
    std::vector<const json*> out;
    const json* o = OptionalMember(op, "O");
    if (!o) return out;
    if (o->is_object()) {
      out.push_back(o);
    } else {
      for (const json& r : ArrayOf(*o, "O")) out.push_back(&r);
    }
    return out;
  }

  std::string FreshName(const std::string& base) {
    std::string name = base;
    for (int k = 1; used_names_.count(name); ++k) name = fmt::format("{}_{}", base, k);
    used_names_.insert(name);
    return name;
  }

  std::string DeclareVar(const std::string& base, const Type& type, bool persistable = false) {
    graph::Var var;
    var.name = FreshName(base);
    var.kind = type.kind;
    var.dtype = type.dtype;
    var.shape = type.shape;
    var.persistable = persistable;
    Cur().AddVar(var);
    return var.name;
  }

  void Define(int64_t id, Value value) {
    PD2ONNX_CHECK(id != 0, ErrorKind::kInvalidInput, "a result has the null value id 0");
    PD2ONNX_CHECK(values_.emplace(id, std::move(value)).second, ErrorKind::kInvalidInput,
                  "value %{} is defined twice", id);
    defined_.push_back(id);
  }

  // Declares variables for result `r` of an op; names follow the op.
  Value DefineResult(const json& r, const std::string& op_name, size_t k) {
    const std::string where = fmt::format("result {}", k);
    const int64_t id = ValueId(r, where);
    const Type type = ParseType(Member(r, "TT", where), where);
    Value value;
    if (id == 0) return value;
    auto named = fetch_names_.find(id);
    const std::string base =
        named != fetch_names_.end() ? named->second : fmt::format("{}_{}", op_name, id);
    if (type.is_vec) {
      value.is_vec = true;
      for (size_t e = 0; e < type.elems.size(); ++e) {
        value.vars.push_back(DeclareVar(fmt::format("{}_{}", base, e), type.elems[e]));
      }
    } else {
      value.vars.push_back(DeclareVar(base, type));
    }
    Define(id, value);
    return value;
  }

  // ---- builtin dialect ----

  void ReadBuiltin(const json& op, const Name& name) {
    const bool top_only = name.op == "parameter" || name.op == "shadow_output";
    PD2ONNX_CHECK(!top_only || current_block_ == 0, ErrorKind::kInvalidInput,
                  "builtin.{} inside an if/while region (only allowed in the top-level block)",
                  name.op);
    if (name.op == "parameter") return ReadParameter(op);
    if (name.op == "combine") return ReadCombine(op);
    if (name.op == "split") return ReadSplit(op);
    if (name.op == "slice") return ReadSlice(op);
    if (name.op == "shadow_output") return ReadFetch(op, name);
    Fail(ErrorKind::kUnsupported, "unknown builtin op");
  }

  void ReadParameter(const json& op) {
    const std::vector<const json*> results = Results(op);
    PD2ONNX_CHECK(results.size() == 1, ErrorKind::kInvalidInput,
                  "a parameter has {} results, expected 1", results.size());
    std::string param_name;
    bool persistable = true;
    const json& attrs = Member(op, "A", "parameter");
    if (op["#"] == "p") {
      const json& a = ArrayOf(attrs, "parameter A");
      PD2ONNX_CHECK(a.size() == 4, ErrorKind::kInvalidInput,
                    "a parameter's A has {} fields, expected [is_distributed, is_parameter, "
                    "need_clip, name]",
                    a.size());
      param_name = StringOf(a[3], "parameter name");
      if (const json* oa = OptionalMember(op, "OA")) {
        if (oa->is_array() && !oa->empty()) persistable = IntOf((*oa)[0], "persistable") != 0;
      }
    } else {
      for (const json& a : ArrayOf(attrs, "parameter A")) {
        if (Member(a, "N", "attribute") == "parameter_name") {
          param_name = StringOf(Member(Member(a, "AT", "attribute"), "D", "attribute"), "name");
        }
      }
    }
    PD2ONNX_CHECK(!param_name.empty(), ErrorKind::kInvalidInput, "a parameter has no name");
    PD2ONNX_CHECK(!used_names_.count(param_name), ErrorKind::kInvalidInput,
                  "parameter '{}' is defined twice", param_name);
    const Type type = ParseType(Member(*results[0], "TT", "parameter"), "parameter type");
    Value value;
    value.vars.push_back(DeclareVar(param_name, type, persistable));
    Define(ValueId(*results[0], "parameter"), value);
  }

  void ReadCombine(const json& op) {
    Value vec;
    vec.is_vec = true;
    Constant folded;
    bool all_constant = true;
    const std::vector<const json*> operands = Operands(op);
    for (size_t k = 0; k < operands.size(); ++k) {
      const Value& v = Operand(*operands[k], k);
      PD2ONNX_CHECK(!v.is_vec, ErrorKind::kUnsupported, "operand {} is itself a list", k);
      vec.vars.push_back(v.vars.at(0));
      if (v.constant) {
        folded.dtype = v.constant->dtype;
        folded.values.insert(folded.values.end(), v.constant->values.begin(),
                             v.constant->values.end());
        folded.ints.insert(folded.ints.end(), v.constant->ints.begin(), v.constant->ints.end());
      } else {
        all_constant = false;
      }
    }
    if (all_constant) vec.constant = folded;
    const std::vector<const json*> results = Results(op);
    PD2ONNX_CHECK(results.size() == 1, ErrorKind::kInvalidInput,
                  "builtin.combine has {} results, expected 1", results.size());
    Define(ValueId(*results[0], "result 0"), vec);
  }

  // builtin.split: one result per element of a list value.
  void ReadSplit(const json& op) {
    const std::vector<const json*> operands = Operands(op);
    PD2ONNX_CHECK(operands.size() == 1, ErrorKind::kInvalidInput, "expected 1 operand, got {}",
                  operands.size());
    const Value vec = Operand(*operands[0], 0);
    const std::vector<const json*> results = Results(op);
    PD2ONNX_CHECK(vec.is_vec && vec.vars.size() == results.size(), ErrorKind::kInvalidInput,
                  "splits a list of {} into {} results", vec.vars.size(), results.size());
    for (size_t k = 0; k < results.size(); ++k) {
      const int64_t id = ValueId(*results[k], fmt::format("result {}", k));
      if (id != 0) Define(id, Value{false, {vec.vars[k]}, std::nullopt});
    }
  }

  void ReadSlice(const json& op) {
    const std::vector<const json*> operands = Operands(op);
    PD2ONNX_CHECK(operands.size() == 1, ErrorKind::kInvalidInput, "expected 1 operand, got {}",
                  operands.size());
    const Value vec = Operand(*operands[0], 0);
    const std::map<std::string, Attribute> attrs = NamedAttrs(op);
    auto index = attrs.find("index");
    PD2ONNX_CHECK(index != attrs.end(), ErrorKind::kInvalidInput, "missing attribute 'index'");
    const int64_t k = index->second.AsInt();
    PD2ONNX_CHECK(vec.is_vec && k >= 0 && static_cast<size_t>(k) < vec.vars.size(),
                  ErrorKind::kInvalidInput, "index {} is outside the list of {}", k,
                  vec.vars.size());
    const std::vector<const json*> results = Results(op);
    PD2ONNX_CHECK(results.size() == 1, ErrorKind::kInvalidInput, "expected 1 result");
    Define(ValueId(*results[0], "result 0"), Value{false, {vec.vars[k]}, std::nullopt});
  }

  std::map<std::string, Attribute> NamedAttrs(const json& op) {
    std::map<std::string, Attribute> out;
    const json* attrs = OptionalMember(op, "A");
    if (!attrs) return out;
    for (const json& a : ArrayOf(*attrs, "A")) {
      const std::string& name = StringOf(Member(a, "N", "attribute"), "attribute name");
      const std::string where = fmt::format("attribute '{}'", name);
      if (auto value = ParseAttr(Member(a, "AT", where), where)) out.emplace(name, *value);
    }
    return out;
  }

  // ---- control flow: pd_op.if and pd_op.while (format spec 4.11) ----
  //
  // Lowered into the legacy form that the control-flow mappers and the
  // interpreter kernels already handle. Each region's block becomes a
  // sub-block of the current block; the values it defines are visible only
  // inside it (EndScope).

  // pd_op.if(cond) {true: ...; yield(t...)} {false: ...; yield(f...)} →
  //   conditional_block(cond) {...; t_k' = assign(t_k)}
  //   not_cond = logical_not(cond)
  //   conditional_block(not_cond) {...; f_k' = assign(f_k)}
  //   mask = cast(cond, int32)
  //   result_k = select_input([f_k', t_k'], mask)
  // as Paddle's dy2static writes an if/else (format spec 3.7).
  void ReadIf(const json& op) {
    const std::vector<const json*> operands = Operands(op);
    PD2ONNX_CHECK(operands.size() == 1, ErrorKind::kInvalidInput,
                  "pd_op.if takes 1 operand (the condition), got {}", operands.size());
    const graph::Var cond = VarOfValue(current_block_, Operand(*operands[0], 0), "the condition");
    const json& regions = Regions(op, 2, "pd_op.if", "true and false branch");
    const std::vector<const json*> results = Results(op);
    const std::string prefix = fmt::format("if_{}", control_flow_count_++);
    const std::vector<std::string> when_true = ReadBranch(
        regions[0], "region 0 (true branch)", prefix + ".true", cond.name, results.size());
    graph::Var not_cond = cond;
    not_cond.dtype = DataType::kBool;
    const std::string not_cond_name = DeclareLike(current_block_, prefix + ".not_cond", not_cond);
    Append(current_block_, UnaryOp("logical_not", cond.name, not_cond_name));
    const std::vector<std::string> when_false = ReadBranch(
        regions[1], "region 1 (false branch)", prefix + ".false", not_cond_name, results.size());
    graph::Var mask = cond;
    mask.dtype = DataType::kInt32;
    const std::string mask_name = DeclareLike(current_block_, prefix + ".mask", mask);
    graph::Op cast = UnaryOp("cast", cond.name, mask_name);
    cast.attrs.emplace("in_dtype", Attribute(AttrKind::kInt, int64_t{int(cond.dtype)}));
    cast.attrs.emplace("out_dtype", Attribute(AttrKind::kInt, int64_t{int(DataType::kInt32)}));
    Append(current_block_, std::move(cast));
    for (size_t k = 0; k < results.size(); ++k) {
      const Value result = DefineResult(*results[k], "if", k);
      if (result.vars.empty()) continue;  // a null result
      PD2ONNX_CHECK(!result.is_vec, ErrorKind::kUnsupported,
                    "result {} of pd_op.if is a list value", k);
      graph::Op select;
      select.type = "select_input";
      select.inputs.push_back({"X", {when_false[k], when_true[k]}});
      select.inputs.push_back({"Mask", {mask_name}});
      select.outputs.push_back({"Out", result.vars});
      Append(current_block_, std::move(select));
    }
  }

  // One branch of an if: a conditional_block on `cond` whose sub-block ends
  // by copying what the region yields into new variables of the current
  // block, which it returns.
  std::vector<std::string> ReadBranch(const json& region, const std::string& what,
                                      const std::string& prefix, const std::string& cond,
                                      size_t result_count) {
    const int block = NewSubBlock();
    const std::vector<Value> yielded = ReadRegion(region, what, block, {}, result_count > 0);
    PD2ONNX_CHECK(yielded.size() == result_count, ErrorKind::kInvalidInput,
                  "{}: cf.yield yields {} values, but pd_op.if has {} results", what,
                  yielded.size(), result_count);
    std::vector<std::string> outs;
    for (size_t k = 0; k < yielded.size(); ++k) {
      const graph::Var var = VarOfValue(block, yielded[k], fmt::format("yielded value {}", k));
      outs.push_back(DeclareLike(current_block_, fmt::format("{}_{}", prefix, k), var));
      Append(block, UnaryOp("assign", var.name, outs.back()));
    }
    graph::Op branch;
    branch.type = "conditional_block";
    branch.inputs.push_back({"Cond", {cond}});
    branch.inputs.push_back({"Input", OuterReads(block)});
    branch.outputs.push_back({"Out", outs});
    branch.attrs.emplace("sub_block", Attribute(AttrKind::kBlock, int64_t{block}));
    branch.attrs.emplace("is_scalar_condition", Attribute(AttrKind::kBool, int64_t{1}));
    Append(current_block_, std::move(branch));
    return outs;
  }

  // pd_op.while(cond, v...) {^args: ...; yield(next_cond, next_v...)} →
  //   c = assign(cond); l_k = assign(v_k)
  //   while(Condition=c, Out=[c, l...]) {args = l...; ...;
  //                                      c = assign(next_cond); l_k = assign(next_v_k)}
  // and the while results are l... (Paddle's legacy while writes its
  // loop-carried variables in place).
  void ReadWhile(const json& op) {
    const std::vector<const json*> operands = Operands(op);
    PD2ONNX_CHECK(!operands.empty(), ErrorKind::kInvalidInput,
                  "pd_op.while takes [condition, loop values...], got no operands");
    const json& regions = Regions(op, 1, "pd_op.while", "loop body");
    const std::vector<const json*> results = Results(op);
    PD2ONNX_CHECK(results.size() + 1 == operands.size(), ErrorKind::kInvalidInput,
                  "pd_op.while has {} loop values (operands after the condition) but {} results",
                  operands.size() - 1, results.size());
    const std::string prefix = fmt::format("while_{}", control_flow_count_++);
    std::vector<std::string> carried;  // the condition, then the loop values
    for (size_t k = 0; k < operands.size(); ++k) {
      const std::string what = k == 0 ? "the condition" : fmt::format("loop value {}", k - 1);
      const graph::Var init = VarOfValue(current_block_, Operand(*operands[k], k), what);
      carried.push_back(k == 0 ? DeclareLike(current_block_, prefix + ".cond", init)
                               : DeclareLoopVar(*results[k - 1], prefix, init));
      Append(current_block_, UnaryOp("assign", init.name, carried.back()));
    }
    const int block = NewSubBlock();
    const std::vector<std::string> args(carried.begin() + 1, carried.end());
    const std::vector<Value> yielded = ReadRegion(regions[0], "region 0 (loop body)", block, args,
                                                  /*yield_required=*/true);
    PD2ONNX_CHECK(yielded.size() == carried.size(), ErrorKind::kInvalidInput,
                  "region 0 (loop body): cf.yield yields {} values, expected {} (the next "
                  "condition and {} loop values)",
                  yielded.size(), carried.size(), carried.size() - 1);
    AssignLoopValues(block, yielded, carried);
    graph::Op loop;
    loop.type = "while";
    loop.inputs.push_back({"X", OuterReads(block)});
    loop.inputs.push_back({"Condition", {carried[0]}});
    loop.outputs.push_back({"Out", carried});
    loop.attrs.emplace("sub_block", Attribute(AttrKind::kBlock, int64_t{block}));
    loop.attrs.emplace("is_test", Attribute(AttrKind::kBool, int64_t{1}));
    Append(current_block_, std::move(loop));
    for (size_t k = 0; k < results.size(); ++k) {
      const int64_t id = ValueId(*results[k], fmt::format("result {}", k));
      if (id != 0) Define(id, Value{false, {carried[k + 1]}, std::nullopt});
    }
  }

  // The loop variable behind while result `r`: named and typed as the result
  // (its type allows the shape changes across iterations), else as `init`.
  std::string DeclareLoopVar(const json& r, const std::string& prefix, graph::Var init) {
    const int64_t id = ValueId(r, "result");
    const Type type = ParseType(Member(r, "TT", "result"), "result");
    if (!type.null && !type.is_vec) {
      init.kind = type.kind;
      init.dtype = type.dtype;
      init.shape = type.shape;
    }
    auto named = fetch_names_.find(id);
    return DeclareLike(current_block_,
                       named != fetch_names_.end() ? named->second : prefix + ".var", init);
  }

  // The body's last ops: carried[k] = yielded[k]. A yielded value that is
  // itself another loop variable (passed through, or two swapped) is copied
  // first, so no assignment reads a variable already overwritten.
  void AssignLoopValues(int block, const std::vector<Value>& yielded,
                        const std::vector<std::string>& carried) {
    std::vector<std::string> sources;
    for (size_t k = 0; k < yielded.size(); ++k) {
      const graph::Var var = VarOfValue(block, yielded[k], fmt::format("yielded value {}", k));
      std::string source = var.name;
      const bool other_loop_var = source != carried[k] && std::find(carried.begin(), carried.end(),
                                                                    source) != carried.end();
      if (other_loop_var) {
        source = DeclareLike(block, carried[k] + ".next", var);
        Append(block, UnaryOp("assign", var.name, source));
      }
      sources.push_back(source);
    }
    for (size_t k = 0; k < sources.size(); ++k) {
      if (sources[k] != carried[k]) Append(block, UnaryOp("assign", sources[k], carried[k]));
    }
  }

  const json& Regions(const json& op, size_t count, std::string_view op_name,
                      std::string_view meaning) {
    const json* regions = OptionalMember(op, "regions");
    const size_t found = regions != nullptr ? ArrayOf(*regions, "regions").size() : 0;
    PD2ONNX_CHECK(found == count, ErrorKind::kInvalidInput, "{} needs {} region{} ({}), has {}",
                  op_name, count, count == 1 ? "" : "s", meaning, found);
    return *regions;
  }

  // Reads the single block of `region` into sub-block `block`, its arguments
  // bound to the variables `args`; returns what its final cf.yield yields.
  std::vector<Value> ReadRegion(const json& region, const std::string& what, int block,
                                const std::vector<std::string>& args, bool yield_required) {
    const json& blocks = ArrayOf(Member(region, "blocks", what), what + " blocks");
    PD2ONNX_CHECK(blocks.size() <= 1 && (blocks.size() == 1 || !yield_required),
                  ErrorKind::kInvalidInput, "{} has {} blocks, expected 1", what, blocks.size());
    if (blocks.empty()) return {};  // an if without results may leave a branch empty
    const size_t scope = defined_.size();
    BindBlockArgs(blocks[0], what, args);
    const json& ops = ArrayOf(Member(blocks[0], "ops", what), what + " ops");
    const bool has_yield = !ops.empty() && IsYield(ops.back());
    PD2ONNX_CHECK(has_yield || !yield_required, ErrorKind::kInvalidInput,
                  "{}: the block does not end with cf.yield", what);
    const int parent = current_block_;
    current_block_ = block;
    const size_t body = has_yield ? ops.size() - 1 : ops.size();
    for (size_t i = 0; i < body; ++i) ReadOp(ops[i], i);
    std::vector<Value> yielded;
    if (has_yield) {
      const std::vector<const json*> operands = Operands(ops.back());
      for (size_t k = 0; k < operands.size(); ++k) {
        try {
          yielded.push_back(Operand(*operands[k], k));
        } catch (const Error& e) {
          throw e.WithContext(Where({"cf", "yield"}, body));
        }
      }
    }
    current_block_ = parent;
    EndScope(scope);
    return yielded;
  }

  static bool IsYield(const json& op) {
    const json* id = OptionalMember(op, "#");
    if (id == nullptr || !id->is_string()) return false;
    const Name name = DecompressName(id->get<std::string>());
    return name.dialect == "cf" && name.op == "yield";
  }

  void BindBlockArgs(const json& block, const std::string& what,
                     const std::vector<std::string>& vars) {
    const json* args = OptionalMember(block, "args");
    const size_t count = args != nullptr ? ArrayOf(*args, what + " args").size() : 0;
    PD2ONNX_CHECK(count == vars.size(), ErrorKind::kInvalidInput,
                  "{} has {} block arguments, expected {}", what, count, vars.size());
    const json* kwargs = OptionalMember(block, "kwargs");
    PD2ONNX_CHECK(kwargs == nullptr || kwargs->empty(), ErrorKind::kUnsupported,
                  "{}: keyword block arguments are not supported", what);
    for (size_t k = 0; k < count; ++k) {
      const std::string where = fmt::format("{} block argument {}", what, k);
      const int64_t id = IntOf(Member((*args)[k], "#", where), where);
      PD2ONNX_CHECK(id < 0, ErrorKind::kInvalidInput, "{} has id {}, expected a negative id", where,
                    id);
      Define(id, Value{false, {vars[k]}, std::nullopt});
    }
  }

  // Forgets the values defined since `scope` (those of a region just read).
  void EndScope(size_t scope) {
    for (size_t k = scope; k < defined_.size(); ++k) values_.erase(defined_[k]);
    defined_.resize(scope);
  }

  int NewSubBlock() {
    graph::Block block;
    block.idx = static_cast<int>(program_.blocks.size());
    block.parent_idx = current_block_;
    program_.blocks.push_back(std::move(block));
    return program_.blocks.back().idx;
  }

  // The variable of a single-tensor value, as seen from `block` (a copy:
  // adding blocks moves them).
  graph::Var VarOfValue(int block, const Value& value, std::string_view what) {
    PD2ONNX_CHECK(!value.is_vec && value.vars.size() == 1, ErrorKind::kUnsupported,
                  "{} of a control-flow op is a list value, which is not supported", what);
    const graph::Var* var = program_.FindVar(block, value.vars[0]);
    PD2ONNX_CHECK(var != nullptr, ErrorKind::kInvalidInput, "{} ('{}') is not visible here", what,
                  value.vars[0]);
    return *var;
  }

  // A new variable of `block` typed like `like`.
  std::string DeclareLike(int block, const std::string& base, graph::Var like) {
    like.name = FreshName(base);
    like.persistable = false;
    program_.blocks[block].AddVar(like);
    return like.name;
  }

  static graph::Op UnaryOp(const std::string& type, const std::string& x, const std::string& out) {
    graph::Op op;
    op.type = type;
    op.inputs.push_back({"X", {x}});
    op.outputs.push_back({"Out", {out}});
    return op;
  }

  // Variables of enclosing blocks that `block`, or a block inside it, reads:
  // the X / Input slot of while / conditional_block.
  std::vector<std::string> OuterReads(int block) {
    const int parent = program_.blocks[block].parent_idx;
    std::vector<std::string> out;
    for (const graph::Block& b : program_.blocks) {
      if (!IsWithin(b.idx, block)) continue;
      for (const graph::Op& op : b.ops) {
        for (const graph::Slot& slot : op.inputs) {
          for (const std::string& name : slot.args) {
            if (program_.FindVar(parent, name) != nullptr &&
                std::find(out.begin(), out.end(), name) == out.end()) {
              out.push_back(name);
            }
          }
        }
      }
    }
    return out;
  }

  bool IsWithin(int block, int ancestor) const {
    for (; block >= 0; block = program_.blocks[block].parent_idx) {
      if (block == ancestor) return true;
    }
    return false;
  }

  // ---- pd_op dialect ----

  void ReadPdOp(const json& op, const Name& name) {
    const bool port = name.op == "data" || name.op == "feed" || name.op == "fetch";
    PD2ONNX_CHECK(!port || current_block_ == 0, ErrorKind::kInvalidInput,
                  "a model input or output inside an if/while region");
    if (name.op == "data" || name.op == "feed") return ReadData(op);
    if (name.op == "fetch") return ReadFetch(op, name);
    const OpSpec* spec = FindOp(name.op);
    PD2ONNX_CHECK(spec != nullptr, ErrorKind::kUnsupported,
                  "unknown PIR op: no mapping to a legacy op (see pd2onnx --list_ops)");
    graph::Op legacy;
    legacy.type = std::string(spec->legacy);
    std::map<std::string, Attribute> attrs = NamedAttrs(op);
    BindOperands(op, *spec, name, legacy);
    for (auto& [pir_name, value] : attrs) {
      if (IsIgnoredAttr(pir_name)) continue;
      legacy.attrs.insert_or_assign(LegacyAttrName(*spec, pir_name), value);
    }
    for (const FixedAttr& fixed : spec->fixed) {
      const bool integral = std::floor(fixed.value) == fixed.value;
      legacy.attrs.insert_or_assign(
          std::string(fixed.legacy),
          integral ? Attribute(AttrKind::kInt, static_cast<int64_t>(fixed.value))
                   : Attribute(AttrKind::kFloat, fixed.value));
    }
    std::optional<Constant> constant = ConstantResult(name.op, legacy);
    BindResults(op, *spec, name, legacy);
    if (constant && !legacy.outputs.empty()) {
      values_.at(result_ids_.front()).constant = std::move(constant);
    }
    if (name.op == "shape64") return AddShape64(std::move(legacy));
    Append(current_block_, std::move(legacy));
  }

  // Legacy `shape` gives int32; shape64 is that cast to int64.
  void AddShape64(graph::Op shape) {
    if (shape.outputs.empty()) return;
    const std::string out = shape.outputs[0].args.at(0);
    graph::Var dims32 = *Cur().FindLocalVar(out);
    dims32.name = FreshName(out + ".int32");
    dims32.dtype = DataType::kInt32;
    Cur().AddVar(dims32);
    shape.outputs[0].args = {dims32.name};
    graph::Op cast;
    cast.type = "cast";
    cast.inputs.push_back({"X", {dims32.name}});
    cast.outputs.push_back({"Out", {out}});
    cast.attrs.emplace("in_dtype", Attribute(AttrKind::kInt, int64_t{2}));
    cast.attrs.emplace("out_dtype",
                       Attribute(AttrKind::kInt, int64_t{static_cast<int>(DataType::kInt64)}));
    Append(current_block_, std::move(shape));
    Append(current_block_, std::move(cast));
  }

  static std::string LegacyAttrName(const OpSpec& spec, const std::string& pir_name) {
    for (const AttrRename& r : spec.renames) {
      if (r.pir == pir_name) return std::string(r.legacy);
    }
    return pir_name;
  }

  void BindOperands(const json& op, const OpSpec& spec, const Name& name, graph::Op& legacy) {
    const std::vector<const json*> operands = Operands(op);
    PD2ONNX_CHECK(operands.size() <= spec.operands.size(), ErrorKind::kInvalidInput,
                  "{} operands, but {} takes {} ({}); the op signature does not match this "
                  "PIR version",
                  operands.size(), name.Full(), spec.operands.size(), OperandNames(spec));
    for (size_t k = 0; k < operands.size(); ++k) {
      const OperandSpec& o = spec.operands[k];
      if (ValueId(*operands[k], fmt::format("operand {}", k)) == 0) continue;  // absent
      const Value& v = Operand(*operands[k], k);
      try {
        BindOperand(o, v, legacy);
      } catch (const Error& e) {
        throw e.WithContext(fmt::format("operand {} '{}'", k, o.name));
      }
    }
  }

  static std::string OperandNames(const OpSpec& spec) {
    std::string out;
    for (const OperandSpec& o : spec.operands)
      out += (out.empty() ? "" : ", ") + std::string(o.name);
    return out;
  }

  void AddInput(graph::Op& legacy, std::string_view slot, std::vector<std::string> vars) {
    legacy.inputs.push_back({std::string(slot), std::move(vars)});
  }

  void BindOperand(const OperandSpec& o, const Value& v, graph::Op& legacy) {
    switch (o.kind) {
      case OperandKind::kTensor:
        if (o.slot.empty()) return;  // e.g. the buffer an inplace constant overwrites
        PD2ONNX_CHECK(!v.is_vec, ErrorKind::kInvalidInput,
                      "expected a tensor, got a list of {} (signature mismatch)", v.vars.size());
        return AddInput(legacy, o.slot, v.vars);
      case OperandKind::kTensorList:
        return AddInput(legacy, o.slot, v.vars);
      case OperandKind::kIntArray:
      case OperandKind::kScalar:
        return BindMutableAttr(o, v, legacy);
    }
  }

  // A constant becomes the legacy attribute; a run-time value the tensor slot.
  void BindMutableAttr(const OperandSpec& o, const Value& v, graph::Op& legacy) {
    if (v.constant) {
      const Constant& c = *v.constant;
      const bool integral = !graph::IsFloatingPoint(c.dtype);
      if (o.kind == OperandKind::kIntArray) {
        // Exact int64 (slice ends are often INT64_MAX); doubles only for float arrays.
        std::vector<int64_t> ints = c.ints;
        if (ints.size() != c.values.size()) {
          ints.clear();
          for (double d : c.values) ints.push_back(static_cast<int64_t>(d));
        }
        legacy.attrs.insert_or_assign(std::string(o.attr), Attribute(AttrKind::kLongs, ints));
      } else {
        PD2ONNX_CHECK(c.values.size() == 1, ErrorKind::kInvalidInput,
                      "a scalar operand has {} values", c.values.size());
        legacy.attrs.insert_or_assign(
            std::string(o.attr),
            integral ? Attribute(AttrKind::kLong,
                                 c.ints.size() == 1 ? c.ints[0] : static_cast<int64_t>(c.values[0]))
                     : Attribute(AttrKind::kFloat64, c.values[0]));
      }
      return;
    }
    if (v.is_vec && !o.list_slot.empty()) return AddInput(legacy, o.list_slot, v.vars);
    if (!v.is_vec && !o.slot.empty()) return AddInput(legacy, o.slot, v.vars);
    Fail(ErrorKind::kUnsupported,
         "is computed at run time, and the legacy op '{}' only takes it as the constant "
         "attribute '{}'",
         legacy.type, o.attr);
  }

  void BindResults(const json& op, const OpSpec& spec, const Name& name, graph::Op& legacy) {
    const std::vector<const json*> results = Results(op);
    PD2ONNX_CHECK(results.size() <= spec.results.size(), ErrorKind::kInvalidInput,
                  "{} results, but {} has {}; the op signature does not match this PIR version",
                  results.size(), name.Full(), spec.results.size());
    result_ids_.clear();
    for (size_t k = 0; k < results.size(); ++k) {
      result_ids_.push_back(ValueId(*results[k], fmt::format("result {}", k)));
      const Value value = DefineResult(*results[k], name.op, k);
      if (!spec.results[k].empty() && !value.vars.empty()) {
        legacy.outputs.push_back({std::string(spec.results[k]), value.vars});
      }
    }
  }

  // full / full_int_array / assign_value: the legacy attributes the
  // fill_constant and assign_value mappers read, and the folded value.
  std::optional<Constant> ConstantResult(const std::string& pir, graph::Op& legacy) {
    if (pir != "full" && pir != "full_int_array" && pir != "assign_value" &&
        pir != "assign_value_") {
      return std::nullopt;
    }
    Constant c;
    c.dtype =
        graph::DataTypeFromPaddle(legacy.Attr<int64_t>("dtype", 5)).value_or(DataType::kFloat32);
    if (pir == "full") {
      const std::vector<int64_t> shape = legacy.Attr<std::vector<int64_t>>("shape", {});
      int64_t numel = 1;
      for (int64_t d : shape) numel *= std::max<int64_t>(d, 0);
      if (numel > kMaxFoldedElements) return std::nullopt;
      c.values.assign(static_cast<size_t>(numel), legacy.Attr<double>("value", 0.0));
      if (!graph::IsFloatingPoint(c.dtype)) {
        c.ints.assign(static_cast<size_t>(numel), legacy.Attr<int64_t>("value", 0));
      }
      return c;
    }
    const char* list = pir == "full_int_array" ? "value" : "values";
    const graph::Attribute* values = legacy.FindAttr(list);
    std::vector<graph::Scalar> scalars =
        values ? values->AsScalars() : std::vector<graph::Scalar>{};
    for (graph::Scalar& s : scalars) {
      c.values.push_back(s.AsDouble());
      if (s.kind == graph::Scalar::Kind::kInt) c.ints.push_back(s.i);
      if (graph::IsFloatingPoint(c.dtype)) {
        s.kind = graph::Scalar::Kind::kFloat;
        s.f = s.AsDouble();
      }
    }
    if (pir == "full_int_array") {
      legacy.attrs.erase("value");
      legacy.attrs.insert_or_assign(
          "shape", Attribute(AttrKind::kLongs, std::vector<int64_t>{int64_t(scalars.size())}));
    }
    legacy.attrs.insert_or_assign("values", Attribute(AttrKind::kScalars, scalars));
    return c;
  }

  void ReadData(const json& op) {
    const std::map<std::string, Attribute> attrs = NamedAttrs(op);
    auto name = attrs.find("name");
    PD2ONNX_CHECK(name != attrs.end(), ErrorKind::kInvalidInput, "missing attribute 'name'");
    const std::vector<const json*> results = Results(op);
    PD2ONNX_CHECK(results.size() == 1, ErrorKind::kInvalidInput, "expected 1 result, got {}",
                  results.size());
    const std::string& input = name->second.AsString();
    PD2ONNX_CHECK(!used_names_.count(input), ErrorKind::kInvalidInput,
                  "input name '{}' is used twice", input);
    const Type type = ParseType(Member(*results[0], "TT", "result 0"), "result 0");
    Value value;
    value.vars.push_back(DeclareVar(input, type));
    Define(ValueId(*results[0], "result 0"), value);
    auto col = attrs.find("col");
    inputs_.push_back(
        {col == attrs.end() ? static_cast<int64_t>(inputs_.size()) : col->second.AsInt(), input});
  }

  void ReadFetch(const json& op, const Name& name) {
    const std::vector<const json*> operands = Operands(op);
    PD2ONNX_CHECK(operands.size() == 1, ErrorKind::kInvalidInput, "expected 1 operand, got {}",
                  operands.size());
    const Value& v = Operand(*operands[0], 0);
    PD2ONNX_CHECK(!v.is_vec, ErrorKind::kUnsupported, "fetching a list value is not supported");
    const std::map<std::string, Attribute> attrs = NamedAttrs(op);
    auto out_name = attrs.find(name.op == "fetch" ? "name" : "output_name");
    PD2ONNX_CHECK(out_name != attrs.end(), ErrorKind::kInvalidInput, "missing the output name");
    std::string var = v.vars.at(0);
    if (var != out_name->second.AsString()) var = CopyAs(var, out_name->second.AsString());
    auto col = attrs.find("col");
    outputs_.push_back(
        {col == attrs.end() ? static_cast<int64_t>(outputs_.size()) : col->second.AsInt(), var});
  }

  // An assign into a new variable, when one value is fetched under two names
  // or a parameter/input is fetched directly.
  std::string CopyAs(const std::string& var, const std::string& wanted) {
    const graph::Var* source = Top().FindLocalVar(var);
    graph::Var copy = *source;
    copy.name = FreshName(wanted);
    copy.persistable = false;
    Top().AddVar(copy);
    Append(0, UnaryOp("assign", var, copy.name));
    return copy.name;
  }

  struct Port {
    int64_t col;
    std::string var;
  };

  static std::vector<std::string> Ordered(std::vector<Port> ports, std::string_view what) {
    std::stable_sort(ports.begin(), ports.end(),
                     [](const Port& a, const Port& b) { return a.col < b.col; });
    std::vector<std::string> out;
    for (size_t i = 0; i < ports.size(); ++i) {
      PD2ONNX_CHECK(i == 0 || ports[i].col != ports[i - 1].col, ErrorKind::kInvalidInput,
                    "two {} ops use col {}", what, ports[i].col);
      out.push_back(ports[i].var);
    }
    return out;
  }

  void FinishPorts() {
    program_.inputs = Ordered(inputs_, "data");
    program_.outputs = Ordered(outputs_, "fetch");
    PD2ONNX_CHECK(!program_.outputs.empty(), ErrorKind::kInvalidInput,
                  "the program has no pd_op.fetch ops, so its outputs are unknown");
  }

  std::string source_;
  int64_t version_ = 0;
  graph::Program program_;
  std::unordered_map<int64_t, Value> values_;
  std::unordered_map<int64_t, std::string> fetch_names_;
  std::set<std::string> used_names_;
  std::vector<int64_t> result_ids_;
  std::vector<Port> inputs_;
  std::vector<Port> outputs_;
  int current_block_ = 0;
  std::vector<int64_t> defined_;  // value ids in definition order, for EndScope
  int control_flow_count_ = 0;    // names the variables an if/while lowering adds
};

}  // namespace

graph::Program ParsePirJson(const char* data, size_t size, const std::string& source) {
  // Real programs nest about a dozen levels; a hostile file nesting
  // thousands would overflow the stack of the recursive readers below (and of
  // nlohmann's own copies and comparisons), so the parse stops early.
  constexpr int kMaxDepth = 256;
  auto limit_depth = [&](int depth, json::parse_event_t, json&) {
    PD2ONNX_CHECK(depth <= kMaxDepth, ErrorKind::kInvalidInput,
                  "{}: malformed PIR program (JSON nested deeper than {} levels)", source,
                  kMaxDepth);
    return true;
  };
  json root;
  try {
    root = json::parse(data, data + size, limit_depth);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for 1e400
    Fail(ErrorKind::kInvalidInput, "{}: not valid JSON ({})", source, e.what());
  }
  try {
    return Reader(source).Read(root);
  } catch (const Error& e) {
    throw e.WithContext(source);
  } catch (const json::exception& e) {
    Fail(ErrorKind::kInvalidInput, "{}: malformed PIR program ({})", source, e.what());
  }
}

}  // namespace pd2onnx::paddle::pir

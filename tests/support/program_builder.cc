#include "program_builder.h"

#include <cstring>
#include <fstream>
#include <stdexcept>
#include <utility>

namespace pd2onnx::testing {
namespace {

namespace proto = paddle::proto;

constexpr int64_t kProgramVersion = 2006000;  // Paddle 2.6.0

proto::VarType::Type PaddleType(DataType dtype) {
  const int value = static_cast<int>(dtype);
  if (!proto::VarType::Type_IsValid(value)) {
    throw std::invalid_argument("ProgramBuilder: dtype " + std::to_string(value) +
                                " has no Paddle VarType");
  }
  return static_cast<proto::VarType::Type>(value);
}

// Finds the var of that name in `block`, or appends one; either way cleared.
proto::VarDesc* FreshVar(proto::BlockDesc* block, const std::string& name) {
  for (auto& var : *block->mutable_vars()) {
    if (var.name() == name) {
      var.Clear();
      var.set_name(name);
      return &var;
    }
  }
  proto::VarDesc* var = block->add_vars();
  var->set_name(name);
  return var;
}

void SetDenseTensor(proto::VarDesc* var, DataType dtype, const std::vector<int64_t>& shape) {
  var->mutable_type()->set_type(proto::VarType::LOD_TENSOR);
  proto::VarType::TensorDesc* desc = var->mutable_type()->mutable_lod_tensor()->mutable_tensor();
  desc->set_data_type(PaddleType(dtype));
  for (int64_t d : shape) desc->add_dims(d);
}

void AddHolder(proto::BlockDesc* block, const std::string& name, proto::VarType::Type kind) {
  proto::VarDesc* var = FreshVar(block, name);
  var->mutable_type()->set_type(kind);
  var->set_persistable(true);
}

// A feed or fetch op: X=[x] -> Out=[out], attribute col.
void AddFeedFetch(proto::BlockDesc* block, const std::string& type, const std::string& x,
                  const std::string& out, int col) {
  proto::OpDesc* op = block->add_ops();
  op->set_type(type);
  OpBuilder(op).In("X", {x}).Out("Out", {out}).Attr("col", col);
}

template <typename T>
void AppendRaw(std::string& out, T value) {
  char buffer[sizeof(T)];
  std::memcpy(buffer, &value, sizeof(T));  // little-endian host
  out.append(buffer, sizeof(T));
}

}  // namespace

// ---- OpBuilder ----------------------------------------------------------------

OpBuilder& OpBuilder::In(const std::string& slot, const std::vector<std::string>& args) {
  auto* var = op_->add_inputs();
  var->set_parameter(slot);
  for (const auto& arg : args) var->add_arguments(arg);
  return *this;
}

OpBuilder& OpBuilder::Out(const std::string& slot, const std::vector<std::string>& args) {
  auto* var = op_->add_outputs();
  var->set_parameter(slot);
  for (const auto& arg : args) var->add_arguments(arg);
  return *this;
}

OpBuilder& OpBuilder::BlockAttr(const std::string& name, int block_idx) {
  RawAttr(name, paddle::proto::BLOCK)->set_block_idx(block_idx);
  return *this;
}

paddle::proto::OpDesc::Attr* OpBuilder::RawAttr(const std::string& name,
                                                paddle::proto::AttrType type) {
  paddle::proto::OpDesc::Attr* attr = nullptr;
  for (auto& existing : *op_->mutable_attrs()) {
    if (existing.name() == name) attr = &existing;
  }
  if (attr == nullptr) attr = op_->add_attrs();
  attr->Clear();
  attr->set_name(name);
  attr->set_type(type);
  return attr;
}

OpBuilder& OpBuilder::Attr(const std::string& name, bool value) {
  RawAttr(name, proto::BOOLEAN)->set_b(value);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, int value) {
  RawAttr(name, proto::INT)->set_i(value);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, int64_t value) {
  RawAttr(name, proto::LONG)->set_l(value);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, float value) {
  RawAttr(name, proto::FLOAT)->set_f(value);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, double value) {
  RawAttr(name, proto::FLOAT64)->set_float64(value);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, const char* value) {
  return Attr(name, std::string(value));
}
OpBuilder& OpBuilder::Attr(const std::string& name, const std::string& value) {
  RawAttr(name, proto::STRING)->set_s(value);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, const std::vector<int>& values) {
  auto* attr = RawAttr(name, proto::INTS);
  for (int v : values) attr->add_ints(v);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, const std::vector<int64_t>& values) {
  auto* attr = RawAttr(name, proto::LONGS);
  for (int64_t v : values) attr->add_longs(v);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, const std::vector<float>& values) {
  auto* attr = RawAttr(name, proto::FLOATS);
  for (float v : values) attr->add_floats(v);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, const std::vector<double>& values) {
  auto* attr = RawAttr(name, proto::FLOAT64S);
  for (double v : values) attr->add_float64s(v);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, const std::vector<bool>& values) {
  auto* attr = RawAttr(name, proto::BOOLEANS);
  for (bool v : values) attr->add_bools(v);
  return *this;
}
OpBuilder& OpBuilder::Attr(const std::string& name, const std::vector<std::string>& values) {
  auto* attr = RawAttr(name, proto::STRINGS);
  for (const auto& v : values) attr->add_strings(v);
  return *this;
}

// ---- ProgramBuilder -----------------------------------------------------------

ProgramBuilder::ProgramBuilder() {
  proto::BlockDesc* block = program_.add_blocks();
  block->set_idx(0);
  block->set_parent_idx(-1);
  AddHolder(block, "feed", proto::VarType::FEED_MINIBATCH);
  AddHolder(block, "fetch", proto::VarType::FETCH_LIST);
  program_.mutable_version()->set_version(kProgramVersion);
}

ProgramBuilder& ProgramBuilder::Input(const std::string& name, DataType dtype,
                                      const std::vector<int64_t>& shape) {
  SetDenseTensor(FreshVar(program_.mutable_blocks(0), name), dtype, shape);
  inputs_.push_back(name);
  return *this;
}

ProgramBuilder& ProgramBuilder::Param(const std::string& name, const HostTensor& value) {
  proto::VarDesc* var = FreshVar(program_.mutable_blocks(0), name);
  SetDenseTensor(var, value.dtype, value.dims);
  var->set_persistable(true);
  params_[name] = value;
  return *this;
}

ProgramBuilder& ProgramBuilder::Var(const std::string& name, DataType dtype,
                                    const std::vector<int64_t>& shape) {
  SetDenseTensor(FreshVar(program_.mutable_blocks(0), name), dtype, shape);
  return *this;
}

ProgramBuilder& ProgramBuilder::LodLevel(const std::string& name, int level) {
  for (proto::VarDesc& var : *program_.mutable_blocks(0)->mutable_vars()) {
    if (var.name() == name) {
      var.mutable_type()->mutable_lod_tensor()->set_lod_level(level);
      return *this;
    }
  }
  throw std::invalid_argument("LodLevel: no variable " + name);
}

OpBuilder ProgramBuilder::Op(const std::string& type) {
  proto::OpDesc* op = program_.mutable_blocks(0)->add_ops();
  op->set_type(type);
  return OpBuilder(op);
}

ProgramBuilder& ProgramBuilder::Output(const std::string& name) {
  outputs_.push_back(name);
  return *this;
}

int ProgramBuilder::SubBlock(int parent) {
  proto::BlockDesc* block = program_.add_blocks();
  block->set_idx(program_.blocks_size() - 1);
  block->set_parent_idx(parent);
  return block->idx();
}

OpBuilder ProgramBuilder::OpIn(int block, const std::string& type) {
  proto::OpDesc* op = program_.mutable_blocks(block)->add_ops();
  op->set_type(type);
  return OpBuilder(op);
}

ProgramBuilder& ProgramBuilder::VarIn(int block, const std::string& name, DataType dtype,
                                      const std::vector<int64_t>& shape) {
  SetDenseTensor(FreshVar(program_.mutable_blocks(block), name), dtype, shape);
  return *this;
}

ProgramBuilder& ProgramBuilder::ArrayVar(const std::string& name, DataType dtype,
                                         const std::vector<int64_t>& element_shape, int block) {
  proto::VarDesc* var = FreshVar(program_.mutable_blocks(block), name);
  var->mutable_type()->set_type(proto::VarType::LOD_TENSOR_ARRAY);
  proto::VarType::TensorDesc* desc = var->mutable_type()->mutable_tensor_array()->mutable_tensor();
  desc->set_data_type(PaddleType(dtype));
  for (int64_t d : element_shape) desc->add_dims(d);
  return *this;
}

paddle::proto::ProgramDesc ProgramBuilder::ToProto() const {
  proto::ProgramDesc program = program_;
  proto::BlockDesc* block = program.mutable_blocks(0);
  block->clear_ops();
  // Paddle inserts each feed op at position 0, so the last col comes first.
  for (size_t col = inputs_.size(); col-- > 0;) {
    AddFeedFetch(block, "feed", "feed", inputs_[col], static_cast<int>(col));
  }
  for (const auto& op : program_.blocks(0).ops()) *block->add_ops() = op;
  for (size_t col = 0; col < outputs_.size(); ++col) {
    AddFeedFetch(block, "fetch", outputs_[col], "fetch", static_cast<int>(col));
  }
  return program;
}

std::string ProgramBuilder::ParamsBytes() const {
  std::string out;
  // std::map<std::string> orders keys byte-wise, as Paddle sorts names.
  for (const auto& [name, tensor] : params_) out += TensorRecord(tensor);
  return out;
}

void ProgramBuilder::Write(const std::filesystem::path& dir, const std::string& stem) const {
  std::filesystem::create_directories(dir);
  auto write = [](const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) throw std::runtime_error("ProgramBuilder: cannot write " + path.string());
  };
  std::string program_bytes;
  if (!ToProto().SerializeToString(&program_bytes)) {
    throw std::runtime_error("ProgramBuilder: serializing the ProgramDesc failed");
  }
  write(dir / (stem + ".pdmodel"), program_bytes);
  if (!params_.empty()) write(dir / (stem + ".pdiparams"), ParamsBytes());
}

namespace {

// The element type of a dense variable or tensor array (else RAW).
proto::VarType::Type ElementType(const proto::VarDesc& var) {
  const proto::VarType& type = var.type();
  if (type.type() == proto::VarType::LOD_TENSOR) return type.lod_tensor().tensor().data_type();
  if (type.type() == proto::VarType::LOD_TENSOR_ARRAY) {
    return type.tensor_array().tensor().data_type();
  }
  return proto::VarType::RAW;
}

void SetElementType(proto::VarDesc& var, proto::VarType::Type dtype) {
  proto::VarType* type = var.mutable_type();
  if (type->type() == proto::VarType::LOD_TENSOR) {
    type->mutable_lod_tensor()->mutable_tensor()->set_data_type(dtype);
  } else if (type->type() == proto::VarType::LOD_TENSOR_ARRAY) {
    type->mutable_tensor_array()->mutable_tensor()->set_data_type(dtype);
  }
}

bool IsDtypeAttr(const proto::OpDesc::Attr& a) {
  return a.type() == proto::INT &&
         (a.name() == "dtype" || a.name() == "out_dtype" || a.name() == "in_dtype");
}

HostTensor RoundedToHalf(const HostTensor& tensor) { return HalfToFloat(ToHalf(tensor)); }

}  // namespace

bool ProgramBuilder::IsFloat32Program() const {
  bool float32 = false;
  for (const proto::BlockDesc& block : program_.blocks()) {
    for (const proto::VarDesc& var : block.vars()) {
      if (ElementType(var) == proto::VarType::FP64) return false;
      float32 = float32 || ElementType(var) == proto::VarType::FP32;
    }
  }
  return float32;
}

ProgramBuilder ProgramBuilder::ToFloat16() const {
  ProgramBuilder half = *this;
  for (proto::BlockDesc& block : *half.program_.mutable_blocks()) {
    for (proto::VarDesc& var : *block.mutable_vars()) {
      if (ElementType(var) == proto::VarType::FP32) SetElementType(var, proto::VarType::FP16);
    }
    for (proto::OpDesc& op : *block.mutable_ops()) {
      for (proto::OpDesc::Attr& a : *op.mutable_attrs()) {
        if (IsDtypeAttr(a) && a.i() == proto::VarType::FP32) a.set_i(proto::VarType::FP16);
      }
    }
  }
  for (auto& [name, value] : half.params_) value = ToHalf(value);
  return half;
}

ProgramBuilder ProgramBuilder::WithFloat16Params() const {
  ProgramBuilder rounded = *this;
  for (auto& [name, value] : rounded.params_) value = RoundedToHalf(value);
  return rounded;
}

HostTensor ToHalf(const HostTensor& tensor) {
  if (tensor.dtype != DataType::kFloat32) return tensor;
  HostTensor half(DataType::kFloat16, tensor.dims);
  for (int64_t i = 0; i < tensor.numel(); ++i) {
    half.data<uint16_t>()[i] = graph::FloatToHalf(tensor.data<float>()[i]);
  }
  return half;
}

HostTensor HalfToFloat(const HostTensor& tensor) {
  if (tensor.dtype != DataType::kFloat16) return tensor;
  HostTensor wide(DataType::kFloat32, tensor.dims);
  for (int64_t i = 0; i < tensor.numel(); ++i) {
    wide.data<float>()[i] = graph::HalfToFloat(tensor.data<uint16_t>()[i]);
  }
  return wide;
}

std::string TensorRecord(const HostTensor& tensor) {
  const size_t expected = static_cast<size_t>(tensor.numel()) * graph::ElementSize(tensor.dtype);
  if (tensor.bytes.size() != expected) {
    throw std::invalid_argument(
        "TensorRecord: tensor of shape " + graph::ShapeToString(tensor.dims) + " holds " +
        std::to_string(tensor.bytes.size()) + " bytes, not " + std::to_string(expected));
  }
  proto::VarType::TensorDesc desc;
  desc.set_data_type(PaddleType(tensor.dtype));
  for (int64_t d : tensor.dims) desc.add_dims(d);
  const std::string desc_bytes = desc.SerializeAsString();

  std::string out;
  AppendRaw<uint32_t>(out, 0);  // LoDTensor version
  AppendRaw<uint64_t>(out, 0);  // lod_level
  AppendRaw<uint32_t>(out, 0);  // Tensor version
  AppendRaw<int32_t>(out, static_cast<int32_t>(desc_bytes.size()));
  out += desc_bytes;
  out.append(reinterpret_cast<const char*>(tensor.bytes.data()), tensor.bytes.size());
  return out;
}

}  // namespace pd2onnx::testing

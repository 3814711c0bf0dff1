#include "paddle/params_reader.h"

#include <cstring>
#include <limits>

#include "framework.pb.h"
#include "support/error.h"

namespace pd2onnx::paddle {

namespace {

// A bounds-checked cursor over one file; every read names the file, the
// record and the offset when it runs out of bytes.
class Cursor {
 public:
  Cursor(const support::MappedFile& file, std::string record)
      : file_(file), record_(std::move(record)) {}

  size_t offset() const { return offset_; }
  size_t remaining() const { return file_.size() - offset_; }
  void set_record(std::string record) { record_ = std::move(record); }

  template <typename T>
  T Read(std::string_view what) {
    Need(sizeof(T), what);
    T value;
    std::memcpy(&value, file_.data() + offset_, sizeof(T));
    offset_ += sizeof(T);
    return value;
  }

  const std::byte* Take(uint64_t n, std::string_view what) {
    Need(n, what);
    const std::byte* at = file_.data() + offset_;
    offset_ += static_cast<size_t>(n);
    return at;
  }

  [[noreturn]] void Bad(std::string_view message) const {
    Fail(ErrorKind::kInvalidInput, "{}: {} at offset {}: {}", file_.path().string(), record_,
         offset_, message);
  }

 private:
  void Need(uint64_t n, std::string_view what) {
    if (n > remaining()) {
      Fail(ErrorKind::kInvalidInput,
           "{}: truncated: {} needs {} bytes for its {} at offset {}, but the file ends after {}",
           file_.path().string(), record_, n, what, offset_, remaining());
    }
  }

  const support::MappedFile& file_;
  std::string record_;
  size_t offset_ = 0;
};

int64_t CheckedNumel(const std::vector<int64_t>& dims, Cursor& cursor) {
  int64_t numel = 1;
  for (int64_t d : dims) {
    if (d < 0) cursor.Bad(fmt::format("negative dimension in {}", graph::ShapeToString(dims)));
    if (d != 0 && numel > std::numeric_limits<int64_t>::max() / d) {
      cursor.Bad(fmt::format("dims {} overflow", graph::ShapeToString(dims)));
    }
    numel *= d;
  }
  return numel;
}

bool SameDims(const std::vector<int64_t>& declared, const std::vector<int64_t>& stored) {
  if (declared.size() != stored.size()) return false;
  for (size_t i = 0; i < declared.size(); ++i) {
    if (declared[i] >= 0 && declared[i] != stored[i]) return false;
  }
  return true;
}

// Parses one record at the cursor and checks it against `var`.
graph::ConstTensor ReadRecord(Cursor& cursor, const graph::Var& var,
                              const std::shared_ptr<const support::MappedFile>& file) {
  if (cursor.Read<uint32_t>("LoDTensor version") != 0) cursor.Bad("LoDTensor version is not 0");
  const uint64_t lod_levels = cursor.Read<uint64_t>("LoD level count");
  if (lod_levels > cursor.remaining() / 8) cursor.Bad("implausible LoD level count");
  for (uint64_t level = 0; level < lod_levels; ++level) {
    const uint64_t nbytes = cursor.Read<uint64_t>("LoD level size");
    if (nbytes % 8 != 0) cursor.Bad("LoD level size is not a multiple of 8");
    cursor.Take(nbytes, "LoD offsets");
  }
  if (cursor.Read<uint32_t>("Tensor version") != 0) cursor.Bad("Tensor version is not 0");
  const int32_t desc_size = cursor.Read<int32_t>("TensorDesc size");
  if (desc_size < 0) cursor.Bad("negative TensorDesc size");
  const std::byte* desc_bytes = cursor.Take(static_cast<uint64_t>(desc_size), "TensorDesc");
  proto::VarType::TensorDesc desc;
  if (!desc.ParseFromArray(desc_bytes, desc_size)) cursor.Bad("TensorDesc does not parse");

  const auto dtype = graph::DataTypeFromPaddle(desc.data_type());
  if (!dtype || graph::ElementSize(*dtype) == 0) {
    cursor.Bad(fmt::format("unsupported data type {}", static_cast<int>(desc.data_type())));
  }
  std::vector<int64_t> dims(desc.dims().begin(), desc.dims().end());
  if (*dtype != var.dtype || !SameDims(var.shape, dims)) {
    cursor.Bad(fmt::format("holds {} {} but the program declares '{}' as {} {} (is this the "
                           "params file of another model?)",
                           graph::DataTypeName(*dtype), graph::ShapeToString(dims), var.name,
                           graph::DataTypeName(var.dtype), graph::ShapeToString(var.shape)));
  }
  const int64_t numel = CheckedNumel(dims, cursor);
  const uint64_t elem = graph::ElementSize(*dtype);
  if (static_cast<uint64_t>(numel) > std::numeric_limits<uint64_t>::max() / elem) {
    cursor.Bad("tensor size overflows");
  }
  const uint64_t nbytes = static_cast<uint64_t>(numel) * elem;
  const std::byte* data = cursor.Take(nbytes, "data");
  return graph::ConstTensor(*dtype, std::move(dims), file, data, static_cast<size_t>(nbytes));
}

const graph::Var& PersistableVar(const graph::Program& program, const std::string& name) {
  for (const graph::Block& block : program.blocks) {
    if (const graph::Var* var = block.FindLocalVar(name)) return *var;
  }
  Fail(ErrorKind::kInternal, "persistable variable '{}' vanished", name);
}

}  // namespace

void ReadCombinedParams(const std::filesystem::path& path, const std::vector<std::string>& names,
                        graph::Program& program) {
  auto file = support::MappedFile::Open(path);
  Cursor cursor(*file, "");
  for (size_t i = 0; i < names.size(); ++i) {
    if (cursor.remaining() == 0) {
      Fail(ErrorKind::kInvalidInput,
           "{}: holds {} tensors but the program has {} persistable variables; the first "
           "missing one is '{}' (truncated file, or the params of another model?)",
           path.string(), i, names.size(), names[i]);
    }
    cursor.set_record(fmt::format("tensor #{} '{}'", i, names[i]));
    program.params[names[i]] = ReadRecord(cursor, PersistableVar(program, names[i]), file);
  }
  if (cursor.remaining() != 0) {
    Fail(ErrorKind::kInvalidInput,
         "{}: {} unexpected bytes after the last of the program's {} persistable tensors "
         "(is this the params file of another model?)",
         path.string(), cursor.remaining(), names.size());
  }
}

void ReadSeparateParams(const std::filesystem::path& dir, const std::vector<std::string>& names,
                        graph::Program& program) {
  for (const std::string& name : names) {
    // The file is named after the variable; a name with a path separator
    // would reach outside the model folder.
    PD2ONNX_CHECK(name.find('/') == std::string::npos && name != "." && name != "..",
                  ErrorKind::kInvalidInput,
                  "{}: persistable variable '{}' cannot be stored as a file of its own; give "
                  "the combined params file with --params_filename",
                  dir.string(), name);
    const std::filesystem::path path = dir / name;
    PD2ONNX_CHECK(std::filesystem::is_regular_file(path), ErrorKind::kInvalidInput,
                  "{}: missing parameter file for persistable variable '{}'", path.string(),
                  name);
    auto file = support::MappedFile::Open(path);
    Cursor cursor(*file, fmt::format("tensor '{}'", name));
    program.params[name] = ReadRecord(cursor, PersistableVar(program, name), file);
    if (cursor.remaining() != 0) {
      Fail(ErrorKind::kInvalidInput, "{}: {} unexpected bytes after the tensor", path.string(),
           cursor.remaining());
    }
  }
}

}  // namespace pd2onnx::paddle

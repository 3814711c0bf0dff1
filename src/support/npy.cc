#include "support/npy.h"

#include <array>
#include <cctype>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "support/error.h"

namespace pd2onnx::support {
namespace {

using graph::DataType;
using graph::HostTensor;

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr size_t kAlignment = 64;  // numpy aligns the data start to 64 bytes

struct DescrEntry {
  std::string_view code;  // descr without its byte-order character
  DataType dtype;
};

// numpy type codes we read and write. One-byte codes carry '|' in numpy's
// descr, wider ones '<'.
constexpr std::array<DescrEntry, 13> kDescrs = {{
    {"b1", DataType::kBool},
    {"i1", DataType::kInt8},
    {"u1", DataType::kUInt8},
    {"i2", DataType::kInt16},
    {"i4", DataType::kInt32},
    {"i8", DataType::kInt64},
    {"u4", DataType::kUInt32},
    {"u8", DataType::kUInt64},
    {"f2", DataType::kFloat16},
    {"f4", DataType::kFloat32},
    {"f8", DataType::kFloat64},
    {"c8", DataType::kComplex64},
    {"c16", DataType::kComplex128},
}};

[[noreturn]] void Invalid(const std::filesystem::path& path, const std::string& problem) {
  Fail(ErrorKind::kInvalidInput, "{}: {}", path.string(), problem);
}

std::optional<DataType> DtypeFromDescr(std::string_view descr) {
  if (descr.size() < 2) return std::nullopt;
  const char order = descr[0];
  const std::string_view code = descr.substr(1);
  for (const auto& entry : kDescrs) {
    if (entry.code != code) continue;
    const bool one_byte = graph::ElementSize(entry.dtype) == 1;
    // '<' little-endian, '=' native (we only run little-endian), '|' no order.
    if (order == '<' || order == '=' || (order == '|' && one_byte)) return entry.dtype;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> DescrFromDtype(DataType dtype) {
  for (const auto& entry : kDescrs) {
    if (entry.dtype != dtype) continue;
    std::string descr(1, graph::ElementSize(dtype) == 1 ? '|' : '<');
    descr.append(entry.code.data(), entry.code.size());
    return descr;
  }
  return std::nullopt;
}

// The values of the header dict that we need.
struct Header {
  std::string descr;
  bool fortran_order = false;
  std::vector<int64_t> shape;
};

// A recursive-descent parser for the Python dict literal numpy writes:
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::filesystem::path& path)
      : text_(text), path_(path) {}

  Header Parse() {
    Header header;
    bool has_descr = false, has_order = false, has_shape = false;
    Expect('{');
    while (!Peek('}')) {
      const std::string key = ParseString();
      Expect(':');
      if (key == "descr") {
        header.descr = ParseString();
        has_descr = true;
      } else if (key == "fortran_order") {
        header.fortran_order = ParseBool();
        has_order = true;
      } else if (key == "shape") {
        header.shape = ParseShape();
        has_shape = true;
      } else {
        Bad("unknown header key '" + key + "'");
      }
      if (!Peek('}')) Expect(',');
    }
    Expect('}');
    if (!has_descr || !has_order || !has_shape) {
      Bad("header lacks one of 'descr', 'fortran_order', 'shape'");
    }
    return header;
  }

 private:
  [[noreturn]] void Bad(const std::string& problem) {
    Invalid(path_, "malformed .npy header (" + problem + "): " + std::string(text_));
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Peek(char c) {
    SkipSpace();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  void Expect(char c) {
    if (!Peek(c)) Bad(std::string("expected '") + c + "'");
    ++pos_;
  }

  std::string ParseString() {
    SkipSpace();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      Bad("expected a string");
    const char quote = text_[pos_++];
    const size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos) Bad("unterminated string");
    std::string value(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return value;
  }

  bool ParseBool() {
    SkipSpace();
    for (const auto& [word, value] : {std::pair{"True", true}, std::pair{"False", false}}) {
      const std::string_view w(word);
      if (text_.substr(pos_, w.size()) == w) {
        pos_ += w.size();
        return value;
      }
    }
    Bad("expected True or False");
  }

  int64_t ParseDim() {
    SkipSpace();
    const size_t start = pos_;
    int64_t value = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      const int digit = text_[pos_++] - '0';
      if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) Bad("dimension overflows");
      value = value * 10 + digit;
    }
    if (pos_ == start) Bad("expected a non-negative dimension");
    // Python 2 era files may write long integers as "3L".
    if (pos_ < text_.size() && text_[pos_] == 'L') ++pos_;
    return value;
  }

  std::vector<int64_t> ParseShape() {
    std::vector<int64_t> shape;
    Expect('(');
    while (!Peek(')')) {
      shape.push_back(ParseDim());
      if (!Peek(')')) Expect(',');
    }
    Expect(')');
    return shape;
  }

  std::string_view text_;
  const std::filesystem::path& path_;
  size_t pos_ = 0;
};

std::vector<char> ReadFile(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) Fail(ErrorKind::kIo, "{}: cannot read .npy file: {}", path.string(), ec.message());
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(ErrorKind::kIo, "{}: cannot open .npy file", path.string());
  std::vector<char> data(size);
  if (size > 0 && !in.read(data.data(), static_cast<std::streamsize>(size))) {
    Fail(ErrorKind::kIo, "{}: reading {} bytes failed", path.string(), size);
  }
  return data;
}

uint32_t ReadLittle(const char* p, size_t n) {
  uint32_t value = 0;
  for (size_t i = 0; i < n; ++i)
    value |= static_cast<uint32_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return value;
}

}  // namespace

graph::HostTensor ReadNpy(const std::filesystem::path& path) {
  const std::vector<char> file = ReadFile(path);
  if (file.size() < 10 || std::string_view(file.data(), kMagic.size()) != kMagic) {
    Invalid(path, "not an .npy file (bad magic or shorter than 10 bytes)");
  }
  const int major = static_cast<uint8_t>(file[6]);
  size_t header_start = 0;
  size_t header_len = 0;
  if (major == 1) {
    header_start = 10;
    header_len = ReadLittle(file.data() + 8, 2);
  } else if (major == 2 || major == 3) {  // 3 only changes the header encoding to UTF-8
    if (file.size() < 12) Invalid(path, "truncated .npy header");
    header_start = 12;
    header_len = ReadLittle(file.data() + 8, 4);
  } else {
    Invalid(path, fmt::format("unsupported .npy format version {}", major));
  }
  if (header_len > file.size() - header_start) {
    Invalid(path, fmt::format("truncated .npy header: {} header bytes announced, {} in the file",
                              header_len, file.size() - header_start));
  }
  const std::string_view text(file.data() + header_start, header_len);
  const Header header = HeaderParser(text, path).Parse();

  const std::optional<DataType> dtype = DtypeFromDescr(header.descr);
  if (!dtype) Invalid(path, fmt::format("unsupported .npy dtype '{}'", header.descr));
  if (header.fortran_order) Invalid(path, "Fortran-order .npy arrays are not supported");

  // Check the shape against the bytes present before allocating anything.
  const size_t data_start = header_start + header_len;
  const uint64_t available = file.size() - data_start;
  const uint64_t element_size = graph::ElementSize(*dtype);
  uint64_t numel = 1;
  bool overflow = false;
  for (int64_t d : header.shape) {
    if (d == 0) {
      numel = 0;
      overflow = false;
      break;
    }
    if (!overflow && numel > available / element_size / static_cast<uint64_t>(d)) overflow = true;
    if (!overflow) numel *= static_cast<uint64_t>(d);
  }
  if (overflow || numel * element_size > available) {
    Invalid(path, fmt::format("data is shorter than shape {} of {} needs ({} bytes present)",
                              graph::ShapeToString(header.shape), header.descr, available));
  }
  const uint64_t nbytes = numel * element_size;
  if (nbytes != available) {
    Invalid(path, fmt::format("{} bytes after the data of shape {} of {}", available - nbytes,
                              graph::ShapeToString(header.shape), header.descr));
  }

  HostTensor tensor;
  tensor.dtype = *dtype;
  tensor.dims = header.shape;
  tensor.bytes.resize(nbytes);
  if (nbytes > 0) std::memcpy(tensor.bytes.data(), file.data() + data_start, nbytes);
  return tensor;
}

void WriteNpy(const std::filesystem::path& path, const graph::HostTensor& tensor) {
  const std::optional<std::string> descr = DescrFromDtype(tensor.dtype);
  if (!descr) {
    Fail(ErrorKind::kUnsupported, "{}: dtype {} has no .npy encoding", path.string(),
         graph::DataTypeName(tensor.dtype));
  }
  const size_t expected = static_cast<size_t>(tensor.numel()) * graph::ElementSize(tensor.dtype);
  if (tensor.bytes.size() != expected) {
    Fail(ErrorKind::kInvalidInput, "{}: tensor of shape {} and dtype {} holds {} bytes, not {}",
         path.string(), graph::ShapeToString(tensor.dims), graph::DataTypeName(tensor.dtype),
         tensor.bytes.size(), expected);
  }

  std::string shape = "(";
  for (size_t i = 0; i < tensor.dims.size(); ++i) {
    if (i > 0) shape += ", ";
    shape += std::to_string(tensor.dims[i]);
  }
  if (tensor.dims.size() == 1) shape += ",";  // a Python 1-tuple
  shape += ")";
  std::string header =
      fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': {}, }}", *descr, shape);

  // Version 1.0 has a 2-byte header length; numpy falls back to 2.0 beyond it.
  size_t prefix = 10;
  if (header.size() + 1 + kAlignment > std::numeric_limits<uint16_t>::max()) prefix = 12;
  const size_t padded =
      header.size() + 1 + (kAlignment - (prefix + header.size() + 1) % kAlignment) % kAlignment;
  header.resize(padded - 1, ' ');
  header += '\n';

  std::string out(kMagic);
  out += static_cast<char>(prefix == 10 ? 1 : 2);
  out += '\0';
  for (size_t i = 0; i < prefix - 8; ++i)
    out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  out += header;

  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) Fail(ErrorKind::kIo, "{}: cannot create .npy file", path.string());
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!tensor.bytes.empty()) {
    file.write(reinterpret_cast<const char*>(tensor.bytes.data()),
               static_cast<std::streamsize>(tensor.bytes.size()));
  }
  file.close();
  if (!file) Fail(ErrorKind::kIo, "{}: writing the .npy file failed", path.string());
}

}  // namespace pd2onnx::support

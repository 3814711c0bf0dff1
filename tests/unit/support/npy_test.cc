#include "support/npy.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../support/test_env.h"
#include "support/error.h"

namespace pd2onnx::support {
namespace {

namespace fs = std::filesystem;
using graph::DataType;
using graph::HostTensor;
using testing::ModelZoo;
using testing::ScratchDir;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// A v1.0 file with the given header dict (padded like numpy) and data.
std::string NpyBytes(const std::string& dict, const std::string& data) {
  std::string header = dict;
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  return out + header + data;
}

std::string FloatBytes(const std::vector<float>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
}

// Expects ReadNpy to fail with `kind` and a message naming the file and
// containing `needle`.
void ExpectReadFails(const fs::path& path, ErrorKind kind, const std::string& needle) {
  try {
    ReadNpy(path);
    ADD_FAILURE() << "reading " << path << " should fail with '" << needle << "'";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

HostTensor Sample(DataType dtype, std::vector<int64_t> dims) {
  HostTensor t(dtype, std::move(dims));
  // A distinct byte pattern per element; bool needs 0/1.
  for (size_t i = 0; i < t.bytes.size(); ++i) {
    t.bytes[i] = static_cast<std::byte>(dtype == DataType::kBool ? (i % 3 == 0) : (i * 37 + 11));
  }
  return t;
}

TEST(Npy, RoundTripsEveryDtype) {
  const fs::path dir = ScratchDir("npy");
  const DataType dtypes[] = {DataType::kFloat32, DataType::kFloat64, DataType::kFloat16,
                             DataType::kInt8,    DataType::kUInt8,   DataType::kInt16,
                             DataType::kInt32,   DataType::kInt64,   DataType::kUInt32,
                             DataType::kUInt64,  DataType::kBool};
  for (DataType dtype : dtypes) {
    SCOPED_TRACE(std::string(graph::DataTypeName(dtype)));
    const HostTensor want = Sample(dtype, {2, 3, 4});
    const fs::path path = dir / (std::string(graph::DataTypeName(dtype)) + ".npy");
    WriteNpy(path, want);
    const HostTensor got = ReadNpy(path);
    EXPECT_EQ(got.dtype, want.dtype);
    EXPECT_EQ(got.dims, want.dims);
    EXPECT_EQ(got.bytes, want.bytes);
    // numpy aligns the data to 64 bytes.
    EXPECT_EQ((fs::file_size(path) - want.bytes.size()) % 64, 0u);
  }
}

TEST(Npy, WritesTheBytesNumpyWrites) {
  const fs::path path = ScratchDir("npy") / "v.npy";
  WriteNpy(path, HostTensor::From<float>(DataType::kFloat32, {2}, {1.0f, 2.0f}));
  const std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  const std::string want = std::string("\x93NUMPY\x01\x00\x76\x00", 10) + header +
                           std::string(117 - header.size(), ' ') + "\n" + FloatBytes({1.0f, 2.0f});
  EXPECT_EQ(ReadBytes(path), want);
}

TEST(Npy, WritesOneByteTypesWithoutByteOrder) {
  const fs::path path = ScratchDir("npy") / "b.npy";
  WriteNpy(path, HostTensor::From<uint8_t>(DataType::kBool, {3}, {1, 0, 1}));
  EXPECT_NE(ReadBytes(path).find("'descr': '|b1'"), std::string::npos);
}

TEST(Npy, RoundTripsZeroDimensionalTensor) {
  const fs::path path = ScratchDir("npy") / "scalar.npy";
  WriteNpy(path, HostTensor::From<double>(DataType::kFloat64, {}, {2.5}));
  EXPECT_NE(ReadBytes(path).find("'shape': ()"), std::string::npos);
  const HostTensor got = ReadNpy(path);
  EXPECT_EQ(got.dtype, DataType::kFloat64);
  EXPECT_TRUE(got.dims.empty());
  EXPECT_EQ(got.ToVector<double>(), std::vector<double>{2.5});
}

TEST(Npy, RoundTripsZeroSizeTensor) {
  const fs::path path = ScratchDir("npy") / "empty.npy";
  WriteNpy(path, HostTensor(DataType::kInt64, {0, 3}));
  EXPECT_NE(ReadBytes(path).find("'shape': (0, 3)"), std::string::npos);
  const HostTensor got = ReadNpy(path);
  EXPECT_EQ(got.dtype, DataType::kInt64);
  EXPECT_EQ(got.dims, (std::vector<int64_t>{0, 3}));
  EXPECT_TRUE(got.bytes.empty());
}

TEST(Npy, ReadsVersion2Headers) {
  const fs::path path = ScratchDir("npy") / "v2.npy";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  while ((12 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string bytes("\x93NUMPY\x02\x00", 8);
  for (int i = 0; i < 4; ++i) bytes += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  WriteBytes(path, bytes + header + FloatBytes({3.0f, -4.0f}));
  const HostTensor got = ReadNpy(path);
  EXPECT_EQ(got.dims, std::vector<int64_t>{2});
  EXPECT_EQ(got.ToVector<float>(), (std::vector<float>{3.0f, -4.0f}));
}

TEST(Npy, ReadsHeaderKeysInAnyOrder) {
  const fs::path path = ScratchDir("npy") / "order.npy";
  WriteBytes(path, NpyBytes("{'shape': (1, 2), 'fortran_order': False, 'descr': '<f4'}",
                            FloatBytes({5.0f, 6.0f})));
  const HostTensor got = ReadNpy(path);
  EXPECT_EQ(got.dims, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(got.ToVector<float>(), (std::vector<float>{5.0f, 6.0f}));
}

TEST(Npy, ReadsModelZooFixtures) {
  const fs::path zoo = ModelZoo();
  const HostTensor image = ReadNpy(zoo / "mnist_mlp_fluid/reference/random/input.image.npy");
  EXPECT_EQ(image.dtype, DataType::kFloat32);
  EXPECT_EQ(image.dims, (std::vector<int64_t>{1, 1, 28, 28}));
  const std::vector<float> values = image.ToVector<float>();
  ASSERT_EQ(values.size(), 784u);
  // Drawn from U[0, 1) (see case.json).
  for (float v : values) ASSERT_TRUE(v >= 0.0f && v < 1.0f) << v;
  EXPECT_NE(values.front(), values.back());

  const HostTensor ids = ReadNpy(zoo / "word2vec_ngram_fluid/reference/random/input.firstw.npy");
  EXPECT_EQ(ids.dtype, DataType::kInt64);
  EXPECT_EQ(ids.dims, (std::vector<int64_t>{4, 1}));
  EXPECT_EQ(ids.ToVector<int64_t>(), (std::vector<int64_t>{1764, 1321, 1060, 559}));

  const HostTensor shape =
      ReadNpy(zoo / "lite_autoscan_fill_constant_combined/reference/random/input.shape_data.npy");
  EXPECT_EQ(shape.dtype, DataType::kInt32);
  EXPECT_EQ(shape.dims, std::vector<int64_t>{4});
  EXPECT_EQ(shape.ToVector<int32_t>(), (std::vector<int32_t>{2, 3, 4, 5}));
}

TEST(Npy, RejectsMissingFile) {
  ExpectReadFails(ScratchDir("npy") / "missing.npy", ErrorKind::kIo, "cannot");
}

TEST(Npy, RejectsBadMagic) {
  const fs::path path = ScratchDir("npy") / "magic.npy";
  std::string bytes =
      NpyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", FloatBytes({1.0f}));
  bytes[1] = 'X';
  WriteBytes(path, bytes);
  ExpectReadFails(path, ErrorKind::kInvalidInput, "magic");
  WriteBytes(path, "\x93NUM");
  ExpectReadFails(path, ErrorKind::kInvalidInput, "not an .npy file");
}

TEST(Npy, RejectsTruncatedHeader) {
  const fs::path path = ScratchDir("npy") / "truncated.npy";
  const std::string bytes =
      NpyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", FloatBytes({1.0f}));
  WriteBytes(path, bytes.substr(0, 40));
  ExpectReadFails(path, ErrorKind::kInvalidInput, "truncated .npy header");
}

TEST(Npy, RejectsMalformedHeaderDict) {
  const fs::path path = ScratchDir("npy") / "dict.npy";
  WriteBytes(path, NpyBytes("{'descr': '<f4', 'shape': (1,), }", FloatBytes({1.0f})));
  ExpectReadFails(path, ErrorKind::kInvalidInput, "malformed .npy header");
  WriteBytes(path, NpyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", ""));
  ExpectReadFails(path, ErrorKind::kInvalidInput, "malformed .npy header");
}

TEST(Npy, RejectsFortranOrder) {
  const fs::path path = ScratchDir("npy") / "fortran.npy";
  WriteBytes(path, NpyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
                            FloatBytes({1, 2, 3, 4})));
  ExpectReadFails(path, ErrorKind::kInvalidInput, "Fortran");
}

TEST(Npy, RejectsUnsupportedDtype) {
  const fs::path path = ScratchDir("npy") / "bigendian.npy";
  WriteBytes(path, NpyBytes("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }",
                            FloatBytes({1.0f})));
  ExpectReadFails(path, ErrorKind::kInvalidInput, "'>f4'");
}

TEST(Npy, RejectsDataShorterThanShape) {
  const fs::path path = ScratchDir("npy") / "short.npy";
  WriteBytes(path, NpyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                            FloatBytes({1, 2, 3, 4, 5})));
  ExpectReadFails(path, ErrorKind::kInvalidInput, "data is shorter than shape");
}

TEST(Npy, RejectsHugeShapeWithoutAllocating) {
  const fs::path path = ScratchDir("npy") / "huge.npy";
  WriteBytes(path, NpyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, "
                            "4294967296, 4294967296), }",
                            FloatBytes({1.0f, 2.0f})));
  ExpectReadFails(path, ErrorKind::kInvalidInput, "data is shorter than shape");
}

TEST(Npy, RejectsTrailingBytes) {
  const fs::path path = ScratchDir("npy") / "long.npy";
  WriteBytes(path, NpyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                            FloatBytes({1.0f, 2.0f})));
  ExpectReadFails(path, ErrorKind::kInvalidInput, "bytes after the data");
}

TEST(Npy, WriteRejectsInconsistentTensor) {
  HostTensor t(DataType::kFloat32, {2, 2});
  t.bytes.resize(3);
  EXPECT_THROW(WriteNpy(ScratchDir("npy") / "bad.npy", t), Error);
}

}  // namespace
}  // namespace pd2onnx::support

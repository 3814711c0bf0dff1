#include "../../support/program_builder.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../support/test_env.h"
#include "paddle/model_loader.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;
namespace proto = paddle::proto;

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string FromHex(const std::string& hex) {
  std::string out;
  std::istringstream in(hex);
  std::string byte;
  while (in >> byte) out += static_cast<char>(std::stoi(byte, nullptr, 16));
  return out;
}

const proto::VarDesc* FindVar(const proto::BlockDesc& block, const std::string& name) {
  for (const auto& var : block.vars()) {
    if (var.name() == name) return &var;
  }
  return nullptr;
}

const proto::OpDesc::Attr* FindAttr(const proto::OpDesc& op, const std::string& name) {
  for (const auto& attr : op.attrs()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

// Checks a feed/fetch op: type, X, Out and an INT col.
void ExpectFeedFetch(const proto::OpDesc& op, const std::string& type, const std::string& x,
                     const std::string& out, int col) {
  SCOPED_TRACE(type + " " + x + " -> " + out);
  EXPECT_EQ(op.type(), type);
  ASSERT_EQ(op.inputs_size(), 1);
  EXPECT_EQ(op.inputs(0).parameter(), "X");
  ASSERT_EQ(op.inputs(0).arguments_size(), 1);
  EXPECT_EQ(op.inputs(0).arguments(0), x);
  ASSERT_EQ(op.outputs_size(), 1);
  EXPECT_EQ(op.outputs(0).parameter(), "Out");
  ASSERT_EQ(op.outputs(0).arguments_size(), 1);
  EXPECT_EQ(op.outputs(0).arguments(0), out);
  const proto::OpDesc::Attr* attr = FindAttr(op, "col");
  ASSERT_NE(attr, nullptr);
  EXPECT_EQ(attr->type(), proto::INT);
  EXPECT_EQ(attr->i(), col);
}

ProgramBuilder SampleProgram() {
  ProgramBuilder b;
  b.Input("x", DataType::kFloat32, {-1, 3})
      .Input("y", DataType::kInt64, {2})
      .Input("z", DataType::kBool, {})
      .Param("w", HostTensor::From<float>(DataType::kFloat32, {3}, {0.5f, 1.5f, 2.5f}))
      .Var("sum", DataType::kFloat32, {-1, 3});
  b.Op("elementwise_add").In("X", {"x"}).In("Y", {"w"}).Out("Out", {"sum"}).Attr("axis", -1);
  b.Output("sum").Output("x");
  return b;
}

TEST(ProgramBuilder, WritesFeedOpsInReverseColOrderAndFetchOpsLast) {
  const fs::path dir = ScratchDir("model");
  SampleProgram().Write(dir);
  proto::ProgramDesc program;
  ASSERT_TRUE(program.ParseFromString(ReadBytes(dir / "model.pdmodel")));

  EXPECT_EQ(program.version().version(), 2006000);
  ASSERT_EQ(program.blocks_size(), 1);
  const proto::BlockDesc& block = program.blocks(0);
  EXPECT_EQ(block.idx(), 0);
  EXPECT_EQ(block.parent_idx(), -1);

  ASSERT_EQ(block.ops_size(), 6);
  ExpectFeedFetch(block.ops(0), "feed", "feed", "z", 2);
  ExpectFeedFetch(block.ops(1), "feed", "feed", "y", 1);
  ExpectFeedFetch(block.ops(2), "feed", "feed", "x", 0);
  EXPECT_EQ(block.ops(3).type(), "elementwise_add");
  ExpectFeedFetch(block.ops(4), "fetch", "sum", "fetch", 0);
  ExpectFeedFetch(block.ops(5), "fetch", "x", "fetch", 1);
}

TEST(ProgramBuilder, DeclaresHolderInputParamAndTempVars) {
  const proto::ProgramDesc program = SampleProgram().ToProto();
  const proto::BlockDesc& block = program.blocks(0);

  const proto::VarDesc* feed = FindVar(block, "feed");
  ASSERT_NE(feed, nullptr);
  EXPECT_EQ(feed->type().type(), proto::VarType::FEED_MINIBATCH);
  EXPECT_TRUE(feed->persistable());
  const proto::VarDesc* fetch = FindVar(block, "fetch");
  ASSERT_NE(fetch, nullptr);
  EXPECT_EQ(fetch->type().type(), proto::VarType::FETCH_LIST);
  EXPECT_TRUE(fetch->persistable());

  const proto::VarDesc* x = FindVar(block, "x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->type().type(), proto::VarType::LOD_TENSOR);
  EXPECT_EQ(x->type().lod_tensor().tensor().data_type(), proto::VarType::FP32);
  EXPECT_EQ(std::vector<int64_t>(x->type().lod_tensor().tensor().dims().begin(),
                                 x->type().lod_tensor().tensor().dims().end()),
            (std::vector<int64_t>{-1, 3}));
  EXPECT_FALSE(x->persistable());

  const proto::VarDesc* z = FindVar(block, "z");
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->type().lod_tensor().tensor().data_type(), proto::VarType::BOOL);
  EXPECT_EQ(z->type().lod_tensor().tensor().dims_size(), 0);

  const proto::VarDesc* w = FindVar(block, "w");
  ASSERT_NE(w, nullptr);
  EXPECT_TRUE(w->persistable());
  EXPECT_EQ(w->type().lod_tensor().tensor().dims_size(), 1);
  EXPECT_EQ(w->type().lod_tensor().tensor().dims(0), 3);

  const proto::VarDesc* sum = FindVar(block, "sum");
  ASSERT_NE(sum, nullptr);
  EXPECT_FALSE(sum->persistable());
}

TEST(ProgramBuilder, AttributeKindsFollowTheCppType) {
  ProgramBuilder b;
  OpBuilder op = b.Op("test_op");
  op.Attr("b", true)
      .Attr("i", 7)
      .Attr("l", int64_t{1} << 40)
      .Attr("f", 0.25f)
      .Attr("d", 0.125)
      .Attr("s", "text")
      .Attr("ints", std::vector<int>{1, -2})
      .Attr("longs", std::vector<int64_t>{3, -4})
      .Attr("floats", std::vector<float>{1.5f})
      .Attr("doubles", std::vector<double>{2.5, 3.5})
      .Attr("bools", std::vector<bool>{true, false})
      .Attr("strings", std::vector<std::string>{"a", "b"});
  op.Attr("i", 9);  // replaces, never duplicates
  op.RawAttr("block", proto::BLOCK)->set_block_idx(1);

  const proto::ProgramDesc program = b.ToProto();
  const proto::OpDesc& desc = program.blocks(0).ops(0);
  EXPECT_EQ(desc.attrs_size(), 13);
  auto attr = [&](const std::string& name, proto::AttrType type) {
    const proto::OpDesc::Attr* a = FindAttr(desc, name);
    EXPECT_NE(a, nullptr) << name;
    if (a != nullptr) {
      EXPECT_EQ(a->type(), type) << name;
    }
    return a != nullptr ? *a : proto::OpDesc::Attr();
  };
  EXPECT_TRUE(attr("b", proto::BOOLEAN).b());
  EXPECT_EQ(attr("i", proto::INT).i(), 9);
  EXPECT_EQ(attr("l", proto::LONG).l(), int64_t{1} << 40);
  EXPECT_EQ(attr("f", proto::FLOAT).f(), 0.25f);
  EXPECT_EQ(attr("d", proto::FLOAT64).float64(), 0.125);
  EXPECT_EQ(attr("s", proto::STRING).s(), "text");
  const auto ints = attr("ints", proto::INTS);
  EXPECT_EQ(std::vector<int>(ints.ints().begin(), ints.ints().end()), (std::vector<int>{1, -2}));
  const auto longs = attr("longs", proto::LONGS);
  EXPECT_EQ(std::vector<int64_t>(longs.longs().begin(), longs.longs().end()),
            (std::vector<int64_t>{3, -4}));
  EXPECT_EQ(attr("floats", proto::FLOATS).floats(0), 1.5f);
  EXPECT_EQ(attr("doubles", proto::FLOAT64S).float64s_size(), 2);
  const auto bools = attr("bools", proto::BOOLEANS);
  ASSERT_EQ(bools.bools_size(), 2);
  EXPECT_TRUE(bools.bools(0));
  EXPECT_FALSE(bools.bools(1));
  EXPECT_EQ(attr("strings", proto::STRINGS).strings(1), "b");
  EXPECT_EQ(attr("block", proto::BLOCK).block_idx(), 1);
}

TEST(ProgramBuilder, ParamsBytesMatchTheWorkedExampleOfTheFormatSpec) {
  // paddle-formats.md section 2.4; b is added first to check the sorting.
  ProgramBuilder b;
  b.Param("b", HostTensor::From<int64_t>(DataType::kInt64, {2}, {7, -1}));
  b.Param("a", HostTensor::From<float>(DataType::kFloat32, {2, 3}, {1, 2, 3, 4, 5, 6}));
  const std::string want = FromHex(
      "00 00 00 00  00 00 00 00 00 00 00 00  00 00 00 00  06 00 00 00  08 05 10 02 10 03"
      " 00 00 80 3f  00 00 00 40  00 00 40 40  00 00 80 40  00 00 a0 40  00 00 c0 40"
      " 00 00 00 00  00 00 00 00 00 00 00 00  00 00 00 00  04 00 00 00  08 03 10 02"
      " 07 00 00 00 00 00 00 00  ff ff ff ff ff ff ff ff");
  ASSERT_EQ(want.size(), 90u);
  EXPECT_EQ(b.ParamsBytes(), want);

  const fs::path dir = ScratchDir("params");
  b.Write(dir, "inference");
  EXPECT_EQ(ReadBytes(dir / "inference.pdiparams"), want);
  EXPECT_TRUE(fs::exists(dir / "inference.pdmodel"));
}

TEST(ProgramBuilder, SortsParamsByteWise) {
  const HostTensor ten = HostTensor::From<float>(DataType::kFloat32, {1}, {10});
  const HostTensor two = HostTensor::From<float>(DataType::kFloat32, {2}, {2, 2});
  const HostTensor upper = HostTensor::From<int32_t>(DataType::kInt32, {}, {-5});
  ProgramBuilder b;
  b.Param("batch_norm_2.w_0", two).Param("batch_norm_10.w_0", ten).Param("Zeta", upper);
  EXPECT_EQ(b.ParamsBytes(), TensorRecord(upper) + TensorRecord(ten) + TensorRecord(two));
  // A 0-D record has an empty dims list: TensorDesc = 08 02.
  EXPECT_EQ(TensorRecord(upper).substr(16, 6), FromHex("02 00 00 00 08 02"));
}

TEST(ProgramBuilder, WritesNoParamsFileWithoutParams) {
  const fs::path dir = ScratchDir("no_params");
  ProgramBuilder b;
  b.Input("x", DataType::kFloat32, {2});
  b.Output("x");
  b.Write(dir);
  EXPECT_TRUE(fs::exists(dir / "model.pdmodel"));
  EXPECT_FALSE(fs::exists(dir / "model.pdiparams"));
}

TEST(ProgramBuilder, RoundTripsThroughTheModelLoader) {
  const fs::path dir = ScratchDir("loader");
  SampleProgram().Write(dir);
  const graph::Program program = paddle::LoadModel(paddle::LocateModel(dir.string(), "", ""));
  EXPECT_EQ(program.inputs, (std::vector<std::string>{"x", "y", "z"}));
  EXPECT_EQ(program.outputs, (std::vector<std::string>{"sum", "x"}));
  EXPECT_EQ(program.version, 2006000);
  const graph::ConstTensor* w = program.FindParam("w");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->dims(), std::vector<int64_t>{3});
  EXPECT_EQ(w->ToVector<float>(), (std::vector<float>{0.5f, 1.5f, 2.5f}));
  const graph::Var* x = program.FindVar(0, "x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->dtype, DataType::kFloat32);
  EXPECT_EQ(x->shape, (std::vector<int64_t>{-1, 3}));
}

}  // namespace
}  // namespace pd2onnx::testing

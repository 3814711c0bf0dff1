#include "program_cut.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "framework.pb.h"

namespace pd2onnx::testing {

namespace fs = std::filesystem;

fs::path CutProgramBefore(const fs::path& program_file, const std::string& op_type,
                          const std::vector<std::string>& slots, const fs::path& out_dir) {
  std::ifstream in(program_file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  paddle::proto::ProgramDesc program;
  EXPECT_TRUE(program.ParseFromString(bytes.str())) << program_file;
  auto* ops = program.mutable_blocks(0)->mutable_ops();
  paddle::proto::OpDesc fetch;
  int cut = -1;
  for (int i = 0; i < ops->size(); ++i) {
    if (ops->Get(i).type() == "fetch") fetch = ops->Get(i);
    if (cut < 0 && ops->Get(i).type() == op_type) cut = i;
  }
  EXPECT_GE(cut, 0) << program_file << " has no " << op_type;
  if (cut < 0) return out_dir;
  const paddle::proto::OpDesc cut_op = ops->Get(cut);
  ops->DeleteSubrange(cut, ops->size() - cut);
  int col = 0;
  for (const std::string& slot : slots) {
    for (const auto& input : cut_op.inputs()) {
      if (input.parameter() != slot) continue;
      paddle::proto::OpDesc* out = ops->Add();
      *out = fetch;
      out->mutable_inputs(0)->set_arguments(0, input.arguments(0));
      for (auto& attr : *out->mutable_attrs()) {
        if (attr.name() == "col") attr.set_i(col);
      }
      ++col;
    }
  }
  fs::create_directories(out_dir);
  std::ofstream(out_dir / "__model__", std::ios::binary) << program.SerializeAsString();
  return out_dir;
}

}  // namespace pd2onnx::testing

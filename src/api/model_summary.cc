#include "api/model_summary.h"

namespace pd2onnx::api {

std::vector<TensorInfo> DescribeVars(const graph::Program& program,
                                     const std::vector<std::string>& names) {
  std::vector<TensorInfo> infos;
  for (const std::string& name : names) {
    TensorInfo info;
    info.name = name;
    if (const graph::Var* var = program.FindVar(0, name)) {
      info.dtype = std::string(graph::DataTypeName(var->dtype));
      info.shape = var->shape;
    }
    infos.push_back(std::move(info));
  }
  return infos;
}

std::map<std::string, int64_t> OpHistogram(const graph::Program& program) {
  std::map<std::string, int64_t> histogram;
  for (const graph::Block& block : program.blocks) {
    for (const graph::Op& op : block.ops) {
      if (!mappers::IsFeedOrFetch(op.type)) ++histogram[op.type];
    }
  }
  return histogram;
}

std::vector<OpCount> UnsupportedOps(const graph::Program& program,
                                    const mappers::Registry& registry) {
  std::map<std::string, OpCount> by_type;
  for (const graph::Block& block : program.blocks) {
    for (const graph::Op& op : block.ops) {
      if (mappers::IsFeedOrFetch(op.type) || registry.Find(op.type) != nullptr) continue;
      OpCount& entry = by_type[op.type];
      if (entry.count++ == 0) {
        entry.type = op.type;
        entry.first_output = op.FirstOutputVar();
      }
    }
  }
  std::vector<OpCount> out;
  for (auto& [type, entry] : by_type) out.push_back(std::move(entry));
  return out;
}

Status StatusOf(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
      return Status::kUsageError;
    case ErrorKind::kInvalidInput:
      return Status::kInvalidModel;
    case ErrorKind::kUnsupported:
      return Status::kUnsupported;
    case ErrorKind::kCheckFailed:
      return Status::kCheckFailed;
    case ErrorKind::kIo:
      return Status::kIoError;
    case ErrorKind::kInternal:
      return Status::kInternalError;
  }
  return Status::kInternalError;
}

}  // namespace pd2onnx::api

#include "onnx/writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

#include "support/atomic_file.h"
#include "support/error.h"

namespace pd2onnx::emit {

namespace fs = std::filesystem;

namespace {

void FillValueInfo(const ValueInfo& info, onnx::ValueInfoProto& proto) {
  proto.set_name(info.name);
  auto* tensor_type = proto.mutable_type()->mutable_tensor_type();
  tensor_type->set_elem_type(OnnxDataType(info.dtype));
  if (!info.has_shape) return;
  auto* shape = tensor_type->mutable_shape();
  for (size_t i = 0; i < info.dims.size(); ++i) {
    auto* dim = shape->add_dim();
    if (info.dims[i] >= 0) {
      dim->set_dim_value(info.dims[i]);
    } else if (i < info.dim_params.size() && !info.dim_params[i].empty()) {
      dim->set_dim_param(info.dim_params[i]);
    }
  }
}

onnx::ModelProto ModelHead(const Model& model) {
  onnx::ModelProto head;
  head.set_ir_version(IrVersionForOpset(model.opset));
  head.set_producer_name(model.producer_name);
  head.set_producer_version(model.producer_version);
  return head;
}

onnx::ModelProto ModelTail(const Model& model) {
  onnx::ModelProto tail;
  auto* opset = tail.add_opset_import();
  opset->set_domain("");
  opset->set_version(model.opset);
  return tail;
}

// Graph fields before `initializer` (node, name) ...
onnx::GraphProto GraphHead(const Model& model) {
  onnx::GraphProto graph;
  for (const auto& node : model.nodes) *graph.add_node() = node;
  graph.set_name(model.graph_name);
  return graph;
}

// ... and after it (input, output, value_info).
onnx::GraphProto GraphTail(const Model& model) {
  onnx::GraphProto graph;
  for (const auto& v : model.inputs) FillValueInfo(v, *graph.add_input());
  for (const auto& v : model.outputs) FillValueInfo(v, *graph.add_output());
  for (const auto& v : model.value_infos) FillValueInfo(v, *graph.add_value_info());
  return graph;
}

// TensorProto fields before raw_data (dims, data_type, name).
std::string InitializerMeta(const Initializer& init) {
  onnx::TensorProto tensor;
  for (int64_t d : init.tensor.dims()) tensor.add_dims(d);
  tensor.set_data_type(OnnxDataType(init.tensor.dtype()));
  tensor.set_name(init.name);
  return tensor.SerializeAsString();
}

size_t VarintSize(uint64_t value) {
  size_t n = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++n;
  }
  return n;
}

constexpr uint8_t kGraphTag = (7 << 3) | 2;        // ModelProto.graph
constexpr uint8_t kInitializerTag = (5 << 3) | 2;  // GraphProto.initializer
constexpr uint8_t kRawDataTag = (9 << 3) | 2;      // TensorProto.raw_data

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void Write(const void* data, size_t size) = 0;
  void Write(const std::string& bytes) { Write(bytes.data(), bytes.size()); }
  void Byte(uint8_t b) { Write(&b, 1); }
  void Varint(uint64_t value) {
    uint8_t buf[10];
    size_t n = 0;
    while (value >= 0x80) {
      buf[n++] = static_cast<uint8_t>(value | 0x80);
      value >>= 7;
    }
    buf[n++] = static_cast<uint8_t>(value);
    Write(buf, n);
  }
};

class StringSink final : public Sink {
 public:
  void Write(const void* data, size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
  std::string out;
};

class FileSink final : public Sink {
 public:
  FileSink(std::FILE* file, fs::path path, const WriteProgress& progress, int64_t total)
      : file_(file), path_(std::move(path)), progress_(progress), total_(total) {}
  void Write(const void* data, size_t size) override {
    if (size != 0 && std::fwrite(data, 1, size, file_) != size) {
      Fail(ErrorKind::kIo, "{}: write failed: {}", path_.string(), std::strerror(errno));
    }
    written_ += static_cast<int64_t>(size);
    if (progress_ && written_ - reported_ >= kProgressStep) {
      reported_ = written_;
      progress_(written_, total_);
    }
  }

 private:
  static constexpr int64_t kProgressStep = 32 << 20;
  std::FILE* file_;
  fs::path path_;
  const WriteProgress& progress_;
  int64_t total_ = 0;
  int64_t written_ = 0;
  int64_t reported_ = 0;
};

int64_t InitializerBytes(const Model& model) {
  int64_t total = 0;
  for (const auto& init : model.initializers) total += static_cast<int64_t>(init.tensor.nbytes());
  return total;
}

// Streams the ModelProto: protobuf-serialised pieces in field order, with
// each initializer's raw_data written from its view.
void Serialize(const Model& model, Sink& sink) {
  const std::string head = ModelHead(model).SerializeAsString();
  const std::string graph_head = GraphHead(model).SerializeAsString();
  const std::string graph_tail = GraphTail(model).SerializeAsString();
  const std::string tail = ModelTail(model).SerializeAsString();

  std::vector<std::string> metas;
  std::vector<uint64_t> entry_sizes;
  uint64_t graph_size = graph_head.size() + graph_tail.size();
  for (const auto& init : model.initializers) {
    metas.push_back(InitializerMeta(init));
    const uint64_t n = init.tensor.nbytes();
    const uint64_t entry = metas.back().size() + 1 + VarintSize(n) + n;
    entry_sizes.push_back(entry);
    graph_size += 1 + VarintSize(entry) + entry;
  }

  sink.Write(head);
  sink.Byte(kGraphTag);
  sink.Varint(graph_size);
  sink.Write(graph_head);
  for (size_t i = 0; i < model.initializers.size(); ++i) {
    const graph::ConstTensor& tensor = model.initializers[i].tensor;
    sink.Byte(kInitializerTag);
    sink.Varint(entry_sizes[i]);
    sink.Write(metas[i]);
    sink.Byte(kRawDataTag);
    sink.Varint(tensor.nbytes());
    sink.Write(tensor.data(), tensor.nbytes());
  }
  sink.Write(graph_tail);
  sink.Write(tail);
}

}  // namespace

onnx::ModelProto ToModelProto(const Model& model, bool with_initializers_as_inputs) {
  onnx::ModelProto proto = ModelHead(model);
  proto.MergeFrom(ModelTail(model));
  onnx::GraphProto* graph = proto.mutable_graph();
  *graph = GraphHead(model);
  graph->MergeFrom(GraphTail(model));
  if (with_initializers_as_inputs) {
    std::set<std::string> inputs;
    for (const auto& v : model.inputs) inputs.insert(v.name);
    for (const auto& init : model.initializers) {
      if (inputs.count(init.name)) continue;
      ValueInfo info{init.name, init.tensor.dtype(), true, init.tensor.dims(), {}};
      FillValueInfo(info, *graph->add_input());
    }
  }
  return proto;
}

std::string SerializeModel(const Model& model) {
  StringSink sink;
  Serialize(model, sink);
  return std::move(sink.out);
}

void WriteModel(const Model& model, const fs::path& path, const WriteProgress& progress) {
  support::AtomicFile file(path);
  const int64_t total = InitializerBytes(model);
  FileSink sink(file.file(), path, progress, total);
  Serialize(model, sink);
  file.Commit();
  if (progress) progress(total, total);
}

}  // namespace pd2onnx::emit

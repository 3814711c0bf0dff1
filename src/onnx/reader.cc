#include "onnx/reader.h"

#include <onnx/defs/schema.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "onnx/model_checker.h"
#include "support/error.h"

namespace pd2onnx::emit {

namespace {

using graph::DataType;

// The IR versions pd2onnx writes (opsets 7..21).
constexpr int64_t kMinIrVersion = 3;
constexpr int64_t kMaxIrVersion = 10;

// Little-endian bytes of `values` converted to T.
template <typename T, typename Source>
std::vector<std::byte> BytesOf(const Source& values) {
  std::vector<std::byte> bytes(static_cast<size_t>(values.size()) * sizeof(T));
  for (int k = 0; k < values.size(); ++k) {
    const T v = static_cast<T>(values.Get(k));
    std::memcpy(bytes.data() + static_cast<size_t>(k) * sizeof(T), &v, sizeof(T));
  }
  return bytes;
}

// int32_data carries every element type narrower than 32 bits (bool, int8,
// int16, uint8, uint16, fp16 and bf16 as their bit patterns).
std::vector<std::byte> BytesOfInt32Data(const onnx::TensorProto& proto, DataType dtype) {
  switch (graph::ElementSize(dtype)) {
    case 1:
      return BytesOf<uint8_t>(proto.int32_data());
    case 2:
      return BytesOf<uint16_t>(proto.int32_data());
    case 4:
      return BytesOf<int32_t>(proto.int32_data());
    default:
      Fail(ErrorKind::kInvalidInput, "tensor '{}' of dtype {} cannot use int32_data", proto.name(),
           graph::DataTypeName(dtype));
  }
}

std::vector<std::byte> TypedBytes(const onnx::TensorProto& proto, DataType dtype) {
  if (proto.float_data_size() > 0) return BytesOf<float>(proto.float_data());
  if (proto.double_data_size() > 0) return BytesOf<double>(proto.double_data());
  if (proto.int64_data_size() > 0) return BytesOf<int64_t>(proto.int64_data());
  if (proto.uint64_data_size() > 0) return BytesOf<uint64_t>(proto.uint64_data());
  if (proto.int32_data_size() > 0) return BytesOfInt32Data(proto, dtype);
  return {};
}

ValueInfo ValueInfoFromProto(const onnx::ValueInfoProto& proto) {
  PD2ONNX_CHECK(proto.type().has_tensor_type(), ErrorKind::kUnsupported,
                "value '{}' is not a tensor (sequences, maps and optionals are not supported)",
                proto.name());
  const auto& tensor = proto.type().tensor_type();
  ValueInfo info;
  info.name = proto.name();
  info.dtype = DataTypeFromOnnxType(tensor.elem_type());
  info.has_shape = tensor.has_shape();
  for (const auto& dim : tensor.shape().dim()) {
    info.dims.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
    info.dim_params.push_back(dim.has_dim_param() ? dim.dim_param() : "");
  }
  return info;
}

void ReadOpsetImports(const onnx::ModelProto& proto, Model& model) {
  bool has_default = false;
  for (const auto& opset : proto.opset_import()) {
    if (opset.domain().empty() || opset.domain() == "ai.onnx") {
      has_default = true;
      model.opset = static_cast<int>(opset.version());
    } else {
      model.domain_opsets[opset.domain()] = static_cast<int>(opset.version());
    }
  }
  PD2ONNX_CHECK(has_default, ErrorKind::kInvalidInput, "the model imports no default-domain opset");
  PD2ONNX_CHECK(model.opset >= kMinOpset && model.opset <= kMaxOpset, ErrorKind::kUnsupported,
                "opset {} is outside the supported range {}..{}", model.opset, kMinOpset,
                kMaxOpset);
}

void ReadInitializers(const onnx::GraphProto& graph, Model& model) {
  for (const auto& init : graph.initializer()) {
    try {
      model.initializers.push_back({init.name(), TensorFromProto(init)});
    } catch (const Error& e) {
      throw e.WithContext(fmt::format("initializer '{}'", init.name()));
    }
  }
  PD2ONNX_CHECK(graph.sparse_initializer_size() == 0, ErrorKind::kUnsupported,
                "sparse initializers are not supported");
}

// Graph inputs that are initializers stay inputs only for IR version 3,
// which requires it; later IR versions list them as initializers only.
void ReadInputs(const onnx::GraphProto& graph, Model& model) {
  std::unordered_set<std::string> initializers;
  for (const auto& init : model.initializers) initializers.insert(init.name);
  const bool keep_initializers = IrVersionForOpset(model.opset) < 4;
  for (const auto& input : graph.input()) {
    if (initializers.count(input.name()) && !keep_initializers) continue;
    model.inputs.push_back(ValueInfoFromProto(input));
  }
}

}  // namespace

DataType DataTypeFromOnnxType(int onnx_type) {
  switch (onnx_type) {
    case onnx::TensorProto::FLOAT:
      return DataType::kFloat32;
    case onnx::TensorProto::UINT8:
      return DataType::kUInt8;
    case onnx::TensorProto::INT8:
      return DataType::kInt8;
    case onnx::TensorProto::INT16:
      return DataType::kInt16;
    case onnx::TensorProto::INT32:
      return DataType::kInt32;
    case onnx::TensorProto::INT64:
      return DataType::kInt64;
    case onnx::TensorProto::BOOL:
      return DataType::kBool;
    case onnx::TensorProto::FLOAT16:
      return DataType::kFloat16;
    case onnx::TensorProto::DOUBLE:
      return DataType::kFloat64;
    case onnx::TensorProto::UINT32:
      return DataType::kUInt32;
    case onnx::TensorProto::UINT64:
      return DataType::kUInt64;
    case onnx::TensorProto::BFLOAT16:
      return DataType::kBFloat16;
    default:
      Fail(ErrorKind::kUnsupported, "ONNX data type {} is not supported", onnx_type);
  }
}

graph::ConstTensor TensorFromProto(const onnx::TensorProto& proto) {
  PD2ONNX_CHECK(proto.data_location() != onnx::TensorProto::EXTERNAL, ErrorKind::kUnsupported,
                "tensor '{}' keeps its data in an external file", proto.name());
  const DataType dtype = DataTypeFromOnnxType(proto.data_type());
  std::vector<int64_t> dims(proto.dims().begin(), proto.dims().end());
  for (int64_t d : dims) {
    PD2ONNX_CHECK(d >= 0, ErrorKind::kInvalidInput, "tensor '{}' has a negative dim {}",
                  proto.name(), d);
  }
  std::vector<std::byte> bytes;
  if (proto.has_raw_data()) {
    const std::string& raw = proto.raw_data();
    bytes.resize(raw.size());
    if (!raw.empty()) std::memcpy(bytes.data(), raw.data(), raw.size());
  } else {
    bytes = TypedBytes(proto, dtype);
  }
  size_t want = graph::ElementSize(dtype);
  for (int64_t d : dims) {
    PD2ONNX_CHECK(!__builtin_mul_overflow(want, static_cast<size_t>(d), &want),
                  ErrorKind::kInvalidInput, "tensor '{}' has dims {} whose size overflows",
                  proto.name(), graph::ShapeToString(dims));
  }
  PD2ONNX_CHECK(bytes.size() == want, ErrorKind::kInvalidInput,
                "tensor '{}' holds {} bytes of data for dims {} of {} ({} bytes)", proto.name(),
                bytes.size(), graph::ShapeToString(dims), graph::DataTypeName(dtype), want);
  return graph::ConstTensor::FromBytes(dtype, std::move(dims), std::move(bytes));
}

// A main-graph node of the default domain must have as many inputs and
// outputs as its schema allows, so the passes can read the ones every
// version of the op has. libonnx knows opsets up to 17: above that only the
// minimums are checked (later versions add optional inputs).
void CheckArity(const onnx::NodeProto& node, int opset) {
  const onnx::OpSchema* schema = KnownSchema(node, opset);
  if (schema == nullptr) return;  // other domains, unknown ops: the checker's business
  const bool exact = opset <= kMaxCheckerOpset;
  const int inputs = node.input_size(), outputs = node.output_size();
  PD2ONNX_CHECK(inputs >= schema->min_input() && (!exact || inputs <= schema->max_input()),
                ErrorKind::kInvalidInput, "node '{}' ({}) has {} inputs; opset {} allows {}..{}",
                node.name(), node.op_type(), inputs, opset, schema->min_input(),
                schema->max_input());
  PD2ONNX_CHECK(outputs >= schema->min_output() && (!exact || outputs <= schema->max_output()),
                ErrorKind::kInvalidInput, "node '{}' ({}) has {} outputs; opset {} allows {}..{}",
                node.name(), node.op_type(), outputs, opset, schema->min_output(),
                schema->max_output());
}

Model ModelFromProto(onnx::ModelProto proto) {
  PD2ONNX_CHECK(proto.has_graph(), ErrorKind::kInvalidInput, "not an ONNX model: it has no graph");
  PD2ONNX_CHECK(proto.ir_version() >= kMinIrVersion && proto.ir_version() <= kMaxIrVersion,
                ErrorKind::kUnsupported, "IR version {} is not supported (pd2onnx reads {}..{})",
                proto.ir_version(), kMinIrVersion, kMaxIrVersion);
  PD2ONNX_CHECK(proto.functions_size() == 0, ErrorKind::kUnsupported,
                "model-local functions are not supported");
  Model model;
  ReadOpsetImports(proto, model);
  if (!proto.producer_name().empty()) model.producer_name = proto.producer_name();
  model.producer_version = proto.producer_version();
  onnx::GraphProto& graph = *proto.mutable_graph();
  if (!graph.name().empty()) model.graph_name = graph.name();
  ReadInitializers(graph, model);
  ReadInputs(graph, model);
  for (const auto& output : graph.output()) model.outputs.push_back(ValueInfoFromProto(output));
  for (const auto& info : graph.value_info()) {
    if (info.type().has_tensor_type()) model.value_infos.push_back(ValueInfoFromProto(info));
  }
  model.nodes.reserve(static_cast<size_t>(graph.node_size()));
  for (auto& node : *graph.mutable_node()) {
    CheckArity(node, model.opset);
    model.nodes.push_back(std::move(node));
  }
  return model;
}

Model ReadModel(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  PD2ONNX_CHECK(in.good(), ErrorKind::kIo, "{}: cannot open", path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  onnx::ModelProto proto;
  PD2ONNX_CHECK(proto.ParseFromString(bytes.str()), ErrorKind::kInvalidInput,
                "{}: not an ONNX file (it does not parse as an ONNX ModelProto)", path.string());
  try {
    return ModelFromProto(std::move(proto));
  } catch (const Error& e) {
    throw e.WithContext(path.string());
  }
}

}  // namespace pd2onnx::emit

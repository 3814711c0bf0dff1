// Serialises a Model as ONNX protobuf. Graph structure goes through
// protobuf; initializer bytes are streamed straight from their ConstTensor
// views (memory-mapped weights), never copied into protobuf strings. The
// bytes equal a plain protobuf serialisation of the same ModelProto.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "onnx/model.h"

namespace pd2onnx::emit {

// The ModelProto without initializer data (graph structure only), as used by
// the checker and by the writer.
onnx::ModelProto ToModelProto(const Model& model, bool with_initializers_as_inputs);

// Whole serialisation in memory (tests, small models).
std::string SerializeModel(const Model& model);

// Called while writing with (bytes written, bytes in all), a few times per
// second at most; for progress bars.
using WriteProgress = std::function<void(int64_t done, int64_t total)>;

// Writes `path` atomically: a temporary file in the same directory, then a
// rename. Creates the parent directory. On failure no file is left behind.
void WriteModel(const Model& model, const std::filesystem::path& path,
                const WriteProgress& progress = {});

}  // namespace pd2onnx::emit

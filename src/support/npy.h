// NPY v1.0/v2.0 reader and writer (little-endian, C order), as numpy.save
// writes them. Used for reference fixtures, the ONNX Runtime test runner and
// `pd2onnx verify`.
#pragma once

#include <filesystem>

#include "graph/host_tensor.h"

namespace pd2onnx::support {

// Throws pd2onnx::Error(kInvalidInput / kIo) naming the file.
graph::HostTensor ReadNpy(const std::filesystem::path& path);
void WriteNpy(const std::filesystem::path& path, const graph::HostTensor& tensor);

}  // namespace pd2onnx::support

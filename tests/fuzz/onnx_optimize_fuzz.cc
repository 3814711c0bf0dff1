// Fuzzes `pd2onnx optimize` on an ONNX file: the ONNX reader, then every
// optimizer pass (constant folding with our evaluator, shape inference and
// folding, fusions) and serialisation. Everything must end in a model or a
// pd2onnx::Error, in bounded memory: constant folding must never compute a
// huge tensor that a mutated shape asks for.
#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"
#include "onnx/reader.h"
#include "onnx/writer.h"
#include "passes/optimize.h"
#include "passes/shape_inference.h"
#include "support/error.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const pd2onnx::fuzz::MemFile file(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    pd2onnx::emit::Model model = pd2onnx::emit::ReadModel(file.path());
    pd2onnx::passes::Optimize(model);
    pd2onnx::passes::FillOutputDims(model, pd2onnx::passes::InferShapes(model));
    (void)pd2onnx::emit::SerializeModel(model);
  } catch (const pd2onnx::Error&) {
  }
  return 0;
}

// Converts a model through the installed library API and prints the result.
#include <pd2onnx/pd2onnx.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  pd2onnx::ConvertOptions options;
  options.model_dir = argv[1];
  options.write_file = false;
  const pd2onnx::Result result = pd2onnx::ConvertModel(options);
  if (!result.ok()) {
    std::cerr << result.error << "\n";
    return pd2onnx::ExitCode(result.status);
  }
  std::cout << "converted " << result.onnx_nodes << " nodes, " << result.onnx_bytes.size()
            << " bytes\n";
  return 0;
}

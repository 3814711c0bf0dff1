// The control-flow tests also run our ONNX evaluator (src/evaluator, used by
// `pd2onnx verify`) on the converted model: Loop, If and the Sequence ops
// against the interpreter.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "compare.h"
#include "evaluator/evaluator.h"
#include "interpreter/interpreter.h"
#include "op_harness.h"
#include "paddle/model_loader.h"
#include "pd2onnx/convert.h"
#include "support/error.h"
#include "test_env.h"

namespace pd2onnx::testing {

inline void ExpectEvaluatorMatches(const ProgramBuilder& program, const interp::TensorMap& feeds,
                                   int opset, const std::string& stem) {
  const std::filesystem::path dir = ScratchDir("evaluator_" + stem);
  program.Write(dir);
  ConvertOptions options;
  options.model_dir = dir.string();
  options.model_filename = "model.pdmodel";
  options.save_file = (dir / "model.onnx").string();
  options.opset_version = opset;
  try {
    Convert(options);
    const graph::Program loaded =
        paddle::LoadModel(paddle::LocateModel(dir.string(), "model.pdmodel", ""));
    const interp::TensorMap reference = interp::Run(loaded, feeds);
    onnx::ModelProto model;
    std::ifstream file(options.save_file, std::ios::binary);
    ASSERT_TRUE(model.ParseFromIstream(&file)) << options.save_file;
    const eval::TensorMap evaluated = eval::Evaluate(model, feeds);
    EXPECT_TRUE(AllClose(evaluated, reference, 1e-5)) << stem << " at opset " << opset;
  } catch (const Error& e) {
    ADD_FAILURE() << stem << " at opset " << opset << ": " << e.what();
  }
}

}  // namespace pd2onnx::testing

#include "cli/flags.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <iostream>

#include "converter/custom_ops.h"
#include "support/error.h"
#include "support/shape_dict.h"

namespace pd2onnx::cli {

namespace {

constexpr const char* kDescription =
    "pd2onnx converts a PaddlePaddle inference model (.pdmodel + .pdiparams, or a fluid "
    "__model__ folder) to an ONNX file. Flags follow paddle2onnx.";

constexpr const char* kFooter =
    "Boolean flags accept a bare flag (= True) or a value: True/False, true/false, 1/0.\n"
    "Exit codes: 0 success, 1 conversion failed (no output file is left), 2 usage error.\n"
    "Other commands (each has --help):\n"
    "  pd2onnx verify   check a conversion numerically, without Paddle or ONNX Runtime\n"
    "  pd2onnx inspect  describe a model (inputs, outputs, ops, unsupported ops)\n"
    "  pd2onnx optimize optimize an existing ONNX model (shapes, constant folding)\n"
    "  pd2onnx batch    convert every model below a folder, with a JSON/JUnit report";

}  // namespace

bool BoolFlag::Resolve(const std::string& name, bool default_value) const {
  if (option == nullptr || option->count() == 0) return default_value;
  // A bare flag means True (CLI11 may report it as an empty value).
  return values.empty() || values.back().empty() ? true : ParseBool(name, values.back());
}

void AddBool(CLI::App& app, BoolFlag& flag, const std::string& name, const std::string& help) {
  flag.option = app.add_option(name, flag.values, help)->expected(0, 1)->type_name("BOOL");
}

bool ParseCommandLine(CLI::App& app, int argc, char** argv, const std::string& command) {
  try {
    app.parse(NormalizeArgs(argc, argv));
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return false;
  } catch (const CLI::ParseError& e) {
    Fail(ErrorKind::kUsage, "{}{}", command.empty() ? "" : command + ": ", e.what());
  }
  return true;
}

bool ParseBool(const std::string& flag, const std::string& value) {
  std::string lower = value;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") return false;
  Fail(ErrorKind::kUsage, "{} expects True or False, got '{}'", flag, value);
}

std::vector<std::string> NormalizeArgs(int argc, char** argv) {
  static const std::pair<const char*, const char*> kShort[] = {
      {"-mf", "--model_filename"}, {"-pf", "--params_filename"}, {"-ov", "--opset_version"}};
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    for (const auto& [short_name, long_name] : kShort) {
      const std::string s = short_name;
      if (arg == s) arg = long_name;
      if (arg.rfind(s + "=", 0) == 0) arg = long_name + arg.substr(s.size());
    }
    args.push_back(arg);
  }
  std::reverse(args.begin(), args.end());  // CLI11 consumes a reversed vector
  return args;
}

std::optional<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  ConvertOptions& o = flags.convert;
  CLI::App app(kDescription, "pd2onnx");
  app.footer(kFooter);
  app.get_formatter()->column_width(40);

  app.add_option("-m,--model_dir", o.model_dir,
                 "folder of the Paddle model; files are auto-detected when not named");
  app.add_option("--model_filename", o.model_filename,
                 "program file (-mf), relative to --model_dir: model.pdmodel, __model__, ...");
  app.add_option("--params_filename", o.params_filename,
                 "combined params file (-pf), relative to --model_dir: model.pdiparams, "
                 "__params__, ...; omit for one file per variable");
  app.add_option("-s,--save_file", o.save_file, "output .onnx file (written atomically)");
  app.add_option("--opset_version", o.opset_version, "target ONNX opset (-ov), 7..21")
      ->default_val(11);
  BoolFlag checker, auto_update, verbose, fp16, fp16_keep_io, optimize;
  AddBool(app, checker, "--enable_onnx_checker", "validate the model before writing [True]");
  AddBool(app, auto_update, "--enable_auto_update_opset",
          "raise the opset when an op needs a newer one [True]");
  AddBool(app, verbose, "--enable_verbose", "print details of the conversion [False]");
  AddBool(app, optimize, "--enable_optimize",
          "optimize the ONNX graph (constant folding, fusions, dead code) [True]");
  app.add_flag("-v,--version", flags.show_version, "print the version and exit");
  app.add_flag("--list_ops", flags.list_ops,
               "print every supported Paddle op with its opset range (Markdown) and exit");

  std::string custom_ops, input_shape_dict;
  app.add_option(
      "--deploy_backend", o.deploy_backend,
      "target of a quantized model: onnxruntime (QDQ graph), tensorrt (float graph + "
      "calibration cache, TensorRT-friendly types and ops), rknn (QDQ), others (float graph + "
      "max_range.txt) [onnxruntime]");
  app.add_option("--save_calibration_file", o.calibration_file,
                 "TensorRT calibration cache of a quantized model (tensorrt) [calibration.cache]");
  app.add_option("--external_filename", o.external_filename,
                 "write weights of 1 KiB or more to this file beside the .onnx (ONNX external "
                 "data); automatic above 2 GB, named <save_file>.data");
  AddBool(app, fp16, "--export_fp16_model",
          "convert float32 weights and compute to float16; fragile ops (Exp, Log, Pow, "
          "reductions, Softmax, normalisations, Resize, NMS, TopK, RoiAlign, Range, ...) stay "
          "float32 between Casts [False]");
  AddBool(app, fp16_keep_io, "--fp16_keep_io_types",
          "with --export_fp16_model, keep float32 model inputs and outputs [True]");
  app.add_option("--custom_ops", custom_ops,
                 "emit Paddle ops as custom ONNX ops in domain 'Paddle', e.g. "
                 "\"{'my_op': 'MyOp'}\"");
  app.add_option("--input_shape_dict", input_shape_dict,
                 "fix the dims of model inputs, e.g. \"{'x': [1, 3, 224, 224]}\"");

  if (!ParseCommandLine(app, argc, argv, "")) return std::nullopt;
  o.enable_onnx_checker = checker.Resolve("--enable_onnx_checker", true);
  o.enable_auto_update_opset = auto_update.Resolve("--enable_auto_update_opset", true);
  o.verbose = verbose.Resolve("--enable_verbose", false);
  o.enable_optimize = optimize.Resolve("--enable_optimize", true);

  o.export_fp16_model = fp16.Resolve("--export_fp16_model", false);
  o.fp16_keep_io_types = fp16_keep_io.Resolve("--fp16_keep_io_types", true);
  o.custom_ops = converter::ParseCustomOps(custom_ops);
  o.input_shape_dict = support::ParseInputShapeDict(input_shape_dict);
  return flags;
}

}  // namespace pd2onnx::cli

#include "cli/batch_report.h"

#include <fmt/format.h>

#include "support/atomic_file.h"

namespace pd2onnx::cli {

using json = nlohmann::json;

namespace {

json TensorsJson(const std::vector<TensorInfo>& tensors) {
  json out = json::array();
  for (const TensorInfo& t : tensors)
    out.push_back({{"name", t.name}, {"dtype", t.dtype}, {"shape", t.shape}});
  return out;
}

json OpCountsJson(const std::vector<OpCount>& ops) {
  json out = json::array();
  for (const OpCount& op : ops)
    out.push_back({{"type", op.type}, {"count", op.count}, {"first_output", op.first_output}});
  return out;
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 forbids most control characters, even escaped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
    }
  }
  return out;
}

std::string JUnitCase(const json& entry) {
  const std::string status = entry.value("status", "");
  std::string xml = fmt::format(R"(  <testcase classname="pd2onnx.batch" name="{}" time="{:.3f}")",
                                XmlEscape(entry.value("model", "")), entry.value("seconds", 0.0));
  if (status == "ok") return xml + "/>\n";
  const std::string error = entry.value("error", "");
  const std::string tag = status == "skipped" ? "skipped" : "failure";
  return xml + fmt::format(">\n    <{0} message=\"{1}\">{2}</{0}>\n  </testcase>\n", tag,
                           XmlEscape(status), XmlEscape(error));
}

}  // namespace

json ResultJson(const Result& result) {
  return json{{"status", result.ok() ? "ok" : "failed"},
              {"error_kind", StatusName(result.status)},
              {"error", result.error},
              {"program_file", result.program_file},
              {"opset", result.opset_version},
              {"paddle_ops", result.paddle_ops},
              {"onnx_nodes", result.onnx_nodes},
              {"inputs", TensorsJson(result.inputs)},
              {"outputs", TensorsJson(result.outputs)},
              {"unsupported_ops", OpCountsJson(result.unsupported_ops)},
              {"warnings", result.warnings}};
}

BatchSummary Summarize(const std::vector<json>& entries, double seconds) {
  BatchSummary summary;
  summary.seconds = seconds;
  for (const json& entry : entries) {
    const std::string status = entry.value("status", "");
    if (status == "ok")
      ++summary.converted;
    else if (status == "skipped")
      ++summary.skipped;
    else
      ++summary.failed;
  }
  return summary;
}

void WriteJsonReport(const BatchOptions& options, const std::vector<json>& entries,
                     const BatchSummary& summary) {
  const json report{{"pd2onnx_version", Version()},
                    {"input_dir", options.input_dir},
                    {"output_dir", options.output_dir},
                    {"opset_version", options.convert.opset_version},
                    {"summary",
                     {{"models", entries.size()},
                      {"converted", summary.converted},
                      {"failed", summary.failed},
                      {"skipped", summary.skipped},
                      {"seconds", summary.seconds}}},
                    {"models", entries}};
  support::WriteFileAtomically(options.report_file,
                               report.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

void WriteJUnitReport(const BatchOptions& options, const std::vector<json>& entries,
                      const BatchSummary& summary) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format(
      "<testsuite name=\"pd2onnx batch\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" "
      "time=\"{:.3f}\">\n",
      entries.size(), summary.failed, summary.skipped, summary.seconds);
  for (const json& entry : entries) xml += JUnitCase(entry);
  xml += "</testsuite>\n";
  support::WriteFileAtomically(options.junit_file, xml);
}

}  // namespace pd2onnx::cli

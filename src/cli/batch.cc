#include "cli/batch.h"

#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/batch_report.h"
#include "cli/exit_codes.h"
#include "cli/flags.h"
#include "paddle/model_discovery.h"
#include "support/error.h"

namespace pd2onnx::cli {

namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

struct Job {
  paddle::DiscoveredModel model;
  fs::path output;
};

struct Worker {
  pid_t pid = -1;
  int fd = -1;  // read end of the pipe carrying the worker's JSON result
  size_t job = 0;
  std::string text;
  Clock::time_point start;
};

// <output_dir>/<folder relative to input_dir>/<stem>.onnx; fluid programs
// (__model__, model) become model.onnx.
fs::path OutputPathFor(const paddle::DiscoveredModel& model, const fs::path& output_dir) {
  std::string stem = model.relative.stem().string();
  if (stem == "__model__") stem = "model";
  return output_dir / model.relative.parent_path() / (stem + ".onnx");
}

void WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// The child process: convert one model, send the result, exit.
[[noreturn]] void RunWorker(const Job& job, ConvertOptions options, int fd) {
  spdlog::set_level(spdlog::level::off);  // warnings travel in the result
  options.model_dir = job.model.dir.string();
  options.model_filename = job.model.model_filename;
  options.params_filename = job.model.params_filename;
  options.save_file = job.output.string();
  WriteAll(fd,
           ResultJson(ConvertModel(options)).dump(-1, ' ', false, json::error_handler_t::replace));
  close(fd);
  _exit(0);
}

Worker Launch(const Job& job, size_t index, const ConvertOptions& options) {
  int fds[2];
  PD2ONNX_CHECK(pipe(fds) == 0, ErrorKind::kIo, "cannot create a pipe: {}", strerror(errno));
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = fork();
  PD2ONNX_CHECK(pid >= 0, ErrorKind::kIo, "cannot start a worker process: {}", strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    RunWorker(job, options, fds[1]);
  }
  close(fds[1]);
  return {pid, fds[0], index, "", Clock::now()};
}

// How a worker that sent no result ended.
std::string DescribeExit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    return fmt::format("the worker crashed: signal {} ({})", sig, strsignal(sig));
  }
  return fmt::format("the worker exited with code {} without a result",
                     WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1);
}

json Finish(Worker& worker, const Job& job) {
  close(worker.fd);
  int wait_status = 0;
  while (waitpid(worker.pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  json entry = json::parse(worker.text, nullptr, /*allow_exceptions=*/false);
  if (entry.is_discarded() || !entry.is_object()) {
    entry = json{{"status", "crashed"}, {"error", DescribeExit(wait_status)}};
  }
  entry["model"] = job.model.relative.generic_string();
  entry["output"] = entry.value("status", "") == "ok" ? job.output.string() : "";
  entry["seconds"] = std::chrono::duration<double>(Clock::now() - worker.start).count();
  return entry;
}

void PrintProgress(size_t done, size_t total, const json& entry) {
  const std::string status = entry.value("status", "");
  if (status == "ok") {
    std::cerr << fmt::format("[{}/{}] ok      {} ({:.2f} s, {} nodes)\n", done, total,
                             entry.value("model", ""), entry.value("seconds", 0.0),
                             entry.value("onnx_nodes", 0));
  } else {
    std::string error = entry.value("error", "");
    error = error.substr(0, error.find('\n'));
    std::cerr << fmt::format("[{}/{}] FAILED  {}: {}\n", done, total, entry.value("model", ""),
                             error);
  }
}

// Reads whatever the workers have sent; returns the workers that finished.
std::vector<Worker> Collect(std::vector<Worker>& running) {
  std::vector<pollfd> fds;
  for (const Worker& w : running) fds.push_back({w.fd, POLLIN, 0});
  if (poll(fds.data(), fds.size(), -1) < 0) return {};
  std::vector<Worker> finished;
  std::vector<Worker> still_running;
  for (size_t i = 0; i < running.size(); ++i) {
    Worker& w = running[i];
    bool eof = false;
    if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[65536];
      const ssize_t n = read(w.fd, buffer, sizeof buffer);
      if (n > 0) w.text.append(buffer, static_cast<size_t>(n));
      eof = n == 0 || (n < 0 && errno != EINTR);
    }
    (eof ? finished : still_running).push_back(std::move(w));
  }
  running = std::move(still_running);
  return finished;
}

std::vector<Job> PlanJobs(const BatchOptions& options) {
  std::vector<Job> jobs;
  for (auto& model : paddle::DiscoverModels(options.input_dir)) {
    fs::path output = OutputPathFor(model, options.output_dir);
    jobs.push_back({std::move(model), std::move(output)});
  }
  PD2ONNX_CHECK(!jobs.empty(), ErrorKind::kInvalidInput,
                "{}: no Paddle model found (looked for *.pdmodel, PIR *.json, __model__, model)",
                options.input_dir);
  return jobs;
}

}  // namespace

std::optional<BatchOptions> ParseBatchFlags(int argc, char** argv) {
  BatchOptions o;
  CLI::App app(
      "Converts every Paddle model below --input_dir (*.pdmodel, PIR inference.json, fluid "
      "__model__ folders), each in its own worker process, into --output_dir with the same "
      "folder layout, and reports each model's result.",
      "pd2onnx batch");
  app.footer(
      "Exit codes: 0 every model converted, 1 some model failed (see the report), 2 usage "
      "error.");
  app.get_formatter()->column_width(36);
  app.add_option("--input_dir", o.input_dir, "folder searched for models")->required();
  app.add_option("--output_dir", o.output_dir, "folder for the .onnx files")->required();
  app.add_option("-j,--jobs", o.jobs, "models converted at once [1]")->check(CLI::Range(1, 256));
  app.add_option("--report", o.report_file, "write a JSON report of every model");
  app.add_option("--junit", o.junit_file, "write a JUnit XML report");
  app.add_flag("--keep_going", o.keep_going,
               "convert the remaining models after a failure (otherwise stop starting new ones)");
  app.add_option("--opset_version", o.convert.opset_version, "target ONNX opset, 7..21")
      ->default_val(11);
  BoolFlag checker, auto_update;
  AddBool(app, checker, "--enable_onnx_checker", "validate each model before writing [True]");
  AddBool(app, auto_update, "--enable_auto_update_opset",
          "raise the opset when an op needs a newer one [True]");
  if (!ParseCommandLine(app, argc, argv, "batch")) return std::nullopt;
  o.convert.enable_onnx_checker = checker.Resolve("--enable_onnx_checker", true);
  o.convert.enable_auto_update_opset = auto_update.Resolve("--enable_auto_update_opset", true);
  return o;
}

int RunBatch(const BatchOptions& options) {
  const auto start = Clock::now();
  const std::vector<Job> jobs = PlanJobs(options);
  const bool tty = isatty(STDERR_FILENO) != 0;
  std::vector<json> entries(jobs.size());
  std::vector<Worker> running;
  size_t next = 0, done = 0;
  bool stop = false;
  while ((next < jobs.size() && !stop) || !running.empty()) {
    while (!stop && next < jobs.size() && running.size() < static_cast<size_t>(options.jobs)) {
      running.push_back(Launch(jobs[next], next, options.convert));
      ++next;
    }
    for (Worker& worker : Collect(running)) {
      json entry = Finish(worker, jobs[worker.job]);
      if (tty) PrintProgress(++done, jobs.size(), entry);
      stop = stop || (entry.value("status", "") != "ok" && !options.keep_going);
      entries[worker.job] = std::move(entry);
    }
  }
  for (size_t i = next; i < jobs.size(); ++i) {
    entries[i] = json{{"model", jobs[i].model.relative.generic_string()},
                      {"status", "skipped"},
                      {"error", "not converted: an earlier model failed (use --keep_going)"}};
  }
  const BatchSummary summary =
      Summarize(entries, std::chrono::duration<double>(Clock::now() - start).count());
  if (!options.report_file.empty()) WriteJsonReport(options, entries, summary);
  if (!options.junit_file.empty()) WriteJUnitReport(options, entries, summary);
  spdlog::info("batch: {} of {} models converted, {} failed, {} skipped, in {:.1f} s",
               summary.converted, entries.size(), summary.failed, summary.skipped, summary.seconds);
  return summary.converted == entries.size() ? kExitSuccess : kExitConversionFailed;
}

}  // namespace pd2onnx::cli

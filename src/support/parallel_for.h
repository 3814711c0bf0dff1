// ParallelFor: the interpreter's and the evaluator's big loops (one output
// channel per item) spread over the machine's cores. Each item is computed
// whole by one thread in the same order as a serial loop, so results do not
// depend on the thread count. PD2ONNX_THREADS=<n> caps the threads.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace pd2onnx::support {

inline int64_t ThreadBudget() {
  int64_t threads = std::max(1u, std::thread::hardware_concurrency());
  if (const char* env = std::getenv("PD2ONNX_THREADS"); env != nullptr && *env != '\0') {
    threads = std::max<int64_t>(1, std::strtoll(env, nullptr, 10));
  }
  return threads;
}

// Calls body(begin, end) on contiguous chunks covering [0, count), one chunk
// per thread, and waits for all. Items must be independent. Work smaller
// than `min_items_per_thread` per thread stays on the calling thread. The
// first exception thrown by any chunk is rethrown here.
template <typename Body>
void ParallelFor(int64_t count, int64_t min_items_per_thread, const Body& body) {
  const int64_t threads =
      std::min(ThreadBudget(), count / std::max<int64_t>(1, min_items_per_thread));
  if (threads <= 1) {
    if (count > 0) body(int64_t{0}, count);
    return;
  }
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&](int64_t begin, int64_t end) {
    try {
      body(begin, end);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  for (int64_t t = 1; t < threads; ++t) {
    workers.emplace_back(run, count * t / threads, count * (t + 1) / threads);
  }
  run(0, count / threads);
  for (std::thread& worker : workers) worker.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace pd2onnx::support

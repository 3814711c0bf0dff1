// What the library API reports about a loaded program: its inputs and
// outputs, its op histogram and the ops no mapper handles.
#pragma once

#include <map>
#include <new>
#include <string>
#include <vector>

#include "graph/program.h"
#include "mappers/registry.h"
#include "pd2onnx/pd2onnx.h"
#include "support/error.h"

namespace pd2onnx::api {

std::vector<TensorInfo> DescribeVars(const graph::Program& program,
                                     const std::vector<std::string>& names);

// Op types over all blocks with their counts; feed and fetch excluded.
std::map<std::string, int64_t> OpHistogram(const graph::Program& program);

// Op types the registry lacks, sorted by type, with count and first output.
std::vector<OpCount> UnsupportedOps(const graph::Program& program,
                                    const mappers::Registry& registry);

Status StatusOf(ErrorKind kind);

// Runs `body`, turning any exception into result.status and result.error:
// no exception crosses the library API.
template <typename ResultT, typename Body>
void RunGuarded(ResultT& result, Body&& body) noexcept {
  try {
    body();
  } catch (const Error& e) {
    result.status = StatusOf(e.kind());
    result.error = e.message();
  } catch (const std::bad_alloc&) {
    result.status = Status::kInternalError;
    result.error = "out of memory";
  } catch (const std::exception& e) {
    result.status = Status::kInternalError;
    result.error = std::string("internal: ") + e.what();
  }
}

}  // namespace pd2onnx::api

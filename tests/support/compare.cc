#include "compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace pd2onnx::testing {
namespace {

using graph::DataType;
using graph::HostTensor;

// "[1, 0, 2]": the coordinates of flat index `flat` in a row-major shape.
std::string Coords(const std::vector<int64_t>& dims, int64_t flat) {
  std::vector<int64_t> coords(dims.size());
  for (size_t i = dims.size(); i-- > 0;) {
    if (dims[i] > 0) {
      coords[i] = flat % dims[i];
      flat /= dims[i];
    }
  }
  return graph::ShapeToString(coords);
}

std::string Describe(const HostTensor& t) {
  return fmt::format("{}{}", graph::DataTypeName(t.dtype), graph::ShapeToString(t.dims));
}

bool IsExact(DataType dtype) { return !graph::IsFloatingPoint(dtype); }

::testing::AssertionResult CompareExact(const HostTensor& got, const HostTensor& want) {
  const std::vector<int64_t> g = got.ToInt64();
  const std::vector<int64_t> w = want.ToInt64();
  int64_t mismatches = 0;
  int64_t first = -1;
  for (size_t i = 0; i < w.size(); ++i) {
    if (g[i] == w[i]) continue;
    if (first < 0) first = static_cast<int64_t>(i);
    ++mismatches;
  }
  if (mismatches == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << fmt::format(
             "{} of {} elements differ (exact {} comparison); first at {} (flat {}): got {}, "
             "want {}",
             mismatches, w.size(), graph::DataTypeName(want.dtype), Coords(want.dims, first), first,
             g[first], w[first]);
}

::testing::AssertionResult CompareFloat(const HostTensor& got, const HostTensor& want, double tol) {
  const std::vector<double> g = got.ToDouble();
  const std::vector<double> w = want.ToDouble();
  double max_want = 0;
  for (double v : w) {
    if (std::isfinite(v)) max_want = std::max(max_want, std::fabs(v));
  }
  const double allowed = tol * std::max(1.0, max_want);

  int64_t mismatches = 0, first = -1, worst = -1;
  double worst_diff = -1;
  for (size_t i = 0; i < w.size(); ++i) {
    double diff = 0;
    if (std::isnan(w[i]) || std::isnan(g[i])) {
      diff = std::isnan(w[i]) && std::isnan(g[i]) ? 0 : INFINITY;
    } else if (std::isinf(w[i]) || std::isinf(g[i])) {
      diff = w[i] == g[i] ? 0 : INFINITY;
    } else {
      diff = std::fabs(g[i] - w[i]);
    }
    if (diff <= allowed) continue;
    ++mismatches;
    if (first < 0) first = static_cast<int64_t>(i);
    if (diff > worst_diff) {
      worst_diff = diff;
      worst = static_cast<int64_t>(i);
    }
  }
  if (mismatches == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << fmt::format(
             "{} of {} elements differ by more than {:.3g} (tol {:g} x max(1, max|want| = {:.6g}));"
             " worst at {} (flat {}): got {:.9g}, want {:.9g}, |diff| {:.3g}; first at {} (flat "
             "{}): got {:.9g}, want {:.9g}",
             mismatches, w.size(), allowed, tol, max_want, Coords(want.dims, worst), worst,
             g[worst], w[worst], worst_diff, Coords(want.dims, first), first, g[first], w[first]);
}

// Sorted values of column `col` of rows [K, 6].
std::vector<double> SortedColumn(const graph::HostTensor& rows, size_t col) {
  const std::vector<double> all = rows.ToDouble();
  std::vector<double> values;
  for (size_t k = col; k < all.size(); k += 6) values.push_back(all[k]);
  std::sort(values.begin(), values.end());
  return values;
}

}  // namespace

::testing::AssertionResult AllClose(const HostTensor& got, const HostTensor& want, double tol) {
  if (got.dtype != want.dtype || got.dims != want.dims) {
    return ::testing::AssertionFailure() << "got " << Describe(got) << ", want " << Describe(want);
  }
  const size_t nbytes = static_cast<size_t>(want.numel()) * graph::ElementSize(want.dtype);
  if (got.bytes.size() != nbytes || want.bytes.size() != nbytes) {
    return ::testing::AssertionFailure()
           << fmt::format("{}: got holds {} bytes and want {} bytes, the shape needs {}",
                          Describe(want), got.bytes.size(), want.bytes.size(), nbytes);
  }
  return IsExact(want.dtype) ? CompareExact(got, want) : CompareFloat(got, want, tol);
}

::testing::AssertionResult AllClose(const interp::TensorMap& got, const interp::TensorMap& want,
                                    double tol) {
  std::string failures;
  for (const auto& [name, tensor] : want) {
    auto it = got.find(name);
    if (it == got.end()) {
      std::string names;
      for (const auto& entry : got) names += (names.empty() ? "'" : ", '") + entry.first + "'";
      failures += fmt::format("\n  output '{}' is missing (got {})", name,
                              names.empty() ? std::string("no outputs") : names);
      continue;
    }
    ::testing::AssertionResult result = AllClose(it->second, tensor, tol);
    if (!result) failures += fmt::format("\n  output '{}': {}", name, result.message());
  }
  if (failures.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "tensors differ:" << failures;
}

::testing::AssertionResult SameDetectionsUpToTies(const graph::HostTensor& got,
                                                  const graph::HostTensor& want, double score_tol) {
  if (got.dims != want.dims || want.dims.size() != 2 || want.dims[1] != 6) {
    return ::testing::AssertionFailure() << "rows are " << graph::ShapeToString(got.dims)
                                         << ", want " << graph::ShapeToString(want.dims);
  }
  const std::vector<double> got_labels = SortedColumn(got, 0);
  const std::vector<double> want_labels = SortedColumn(want, 0);
  for (size_t k = 0; k < want_labels.size(); ++k) {
    if (got_labels[k] != want_labels[k]) {
      return ::testing::AssertionFailure() << "sorted labels differ at " << k << ": "
                                           << got_labels[k] << " vs " << want_labels[k];
    }
  }
  const std::vector<double> got_scores = SortedColumn(got, 1);
  const std::vector<double> want_scores = SortedColumn(want, 1);
  for (size_t k = 0; k < want_scores.size(); ++k) {
    if (!(std::abs(got_scores[k] - want_scores[k]) <= score_tol)) {
      return ::testing::AssertionFailure() << "sorted scores differ at " << k << ": "
                                           << got_scores[k] << " vs " << want_scores[k];
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace pd2onnx::testing

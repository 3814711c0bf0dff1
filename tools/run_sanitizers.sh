#!/usr/bin/env bash
# Sanitizer job (issue 8): builds pd2onnx, the test suite and the fuzz
# targets with clang + AddressSanitizer + UndefinedBehaviorSanitizer (-O1),
# runs the test suite, then a short fuzz pass of each fuzz target.
#   tools/run_sanitizers.sh [build-dir] [fuzz-seconds-per-target]
# Not part of .ci/run: on the 2-core CI machine the sanitized suite alone
# takes far longer than the CI budget, because the reference interpreter
# runs the zoo models 10-30x slower; sanitized builds give each test up to
# 90 minutes (PD2ONNX_TEST_TIMEOUT). CI runs the short fuzz pass only.
# Environment: SANITIZER_CTEST_EXCLUDE, a ctest -E regex of tests left out
# of the sanitized run (default: see below); SANITIZER_SKIP_BUILD=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-asan}"
fuzz_seconds="${2:-60}"
jobs="$(nproc)"
start=$(date +%s)

if [ "${SANITIZER_SKIP_BUILD:-0}" != 1 ]; then
  cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DPD2ONNX_FUZZ=ON \
    -DPD2ONNX_SANITIZE=address,undefined ${CMAKE_ARGS:-} >/dev/null
  cmake --build "$build" -j"$jobs" --target pd2onnx pd2onnx_tests program_desc_fuzz \
    params_fuzz pir_json_fuzz convert_fuzz shape_dict_fuzz custom_ops_fuzz onnx_optimize_fuzz
fi
built=$(date +%s)
echo "sanitized build: $((built - start)) s"

# The packaging tests build and install a .deb (nothing sanitizer-specific
# to find, and minutes of work); every other test runs.
exclude="${SANITIZER_CTEST_EXCLUDE:-^Package\.}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
ctest --test-dir "$build" --output-on-failure -j"$jobs" -E "$exclude" || status=1
tested=$(date +%s)
echo "sanitized test suite: $((tested - built)) s (excluded: $exclude)"

FUZZ_SKIP_BUILD=1 "$root/tools/run_fuzz.sh" "$fuzz_seconds" "$build" || status=1
echo "fuzz pass: $(($(date +%s) - tested)) s; total $(($(date +%s) - start)) s"
exit $status

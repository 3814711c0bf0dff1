#!/bin/sh
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a
# given time on its seed corpus (tests/fuzz/corpus/<target>/).
#   tools/run_fuzz.sh <seconds-per-target> [build-dir]
# Environment: FUZZ_TARGETS (default: the six input readers; onnx_optimize
# only by name, see tests/fuzz/README.md), FUZZ_JOBS (parallel fuzzing
# processes per target, default 1), FUZZ_SKIP_BUILD=1 to use an existing build.
# New inputs found go to <build-dir>/fuzz/<target>/ (the repository corpus
# stays small); crashes are written to <build-dir>/fuzz/artifacts/. Exit code
# 1 when a target crashed, hung, leaked or ran out of memory.
set -eu
seconds=${1:?usage: tools/run_fuzz.sh <seconds-per-target> [build-dir]}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build-fuzz}
mkdir -p "$build"
build=$(cd "$build" && pwd)  # the targets run from inside it
targets=${FUZZ_TARGETS:-"program_desc params pir_json convert shape_dict custom_ops"}
jobs=${FUZZ_JOBS:-1}

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DPD2ONNX_FUZZ=ON \
    -DPD2ONNX_SANITIZE=address,undefined ${CMAKE_ARGS:-} >/dev/null
  build_targets=""
  for t in $targets; do build_targets="$build_targets ${t}_fuzz"; done
  # shellcheck disable=SC2086
  cmake --build "$build" -j"$(nproc)" --target $build_targets
fi

mkdir -p "$build/fuzz/artifacts"
status=0
for t in $targets; do
  work="$build/fuzz/$t"
  mkdir -p "$work"
  log="$build/fuzz/$t.log"
  echo "== $t: ${seconds}s"
  # -timeout: one input may take at most 10 s (a hang); -rss_limit_mb: 2 GB
  # (memory from an unchecked size); -max_len: bigger than every seed.
  parallel=""
  [ "$jobs" -gt 1 ] && parallel="-jobs=$jobs -workers=$jobs"
  # shellcheck disable=SC2086
  if ! (cd "$build/fuzz" && ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
    "$build/tests/fuzz/${t}_fuzz" "$work" "$root/tests/fuzz/corpus/$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 $parallel \
    -artifact_prefix="$build/fuzz/artifacts/${t}-") >"$log" 2>&1; then
    status=1
    echo "!! $t failed; see $log"
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -20 || true
  fi
  # Jobs mode writes fuzz-<n>.log files; sum their final stats.
  runs=$(cat "$log" "$build"/fuzz/fuzz-*.log 2>/dev/null |
    grep -E "stat::number_of_executed_units" | awk '{s += $2} END {print s + 0}')
  echo "   $t: $runs executions"
  cat "$build"/fuzz/fuzz-*.log >>"$log" 2>/dev/null || true
  rm -f "$build"/fuzz/fuzz-*.log
done
exit $status

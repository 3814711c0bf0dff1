#!/usr/bin/env bash
# Long local runs of the op sweeps (tests/sweeps/): many more cases per op
# than CI, from a chosen first seed, so each run explores new cases.
# Usage: tools/run_sweeps.sh [build-dir] [cases-per-op] [first-seed] [gtest-filter]
#   tools/run_sweeps.sh build 200 1000 'Sweep.conv2d:Sweep.pool2d'
# A failing case prints its seed; rerun it alone with
#   PD2ONNX_SWEEP_SEED=<seed> <build>/tests/pd2onnx_tests --gtest_filter=Sweep.<op>
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$repo/build}"
cases="${2:-100}"
first_seed="${3:-$(date +%s)}"
filter="${4:-Sweep.*}"
tests="$build/tests/pd2onnx_tests"

[[ -x "$tests" ]] || { echo "no test binary at $tests (build target pd2onnx_tests)" >&2; exit 2; }
echo "sweeps: $cases cases per op from seed $first_seed, filter $filter"
PD2ONNX_SWEEP_CASES="$cases" PD2ONNX_SWEEP_FIRST_SEED="$first_seed" \
  exec "$tests" --gtest_filter="$filter" --gtest_brief=1

#!/usr/bin/env bash
# Runs every test (unit, mapper, loader, CLI and the shared model zoo) with
# CTest. The zoo is read from $PD2ONNX_MODEL_ZOO, default ../shared/models.
#   usage: tools/run_tests.sh [build-dir]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"

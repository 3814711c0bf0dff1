#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install the dependencies (apt
# packages and the ONNX Runtime npm package used by the tests), build
# pd2onnx, and convert a sample model that the project generates itself.
#   usage: tools/bootstrap.sh [build-dir]     (run as root, or with sudo available)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
# shellcheck disable=SC2046
$sudo_cmd apt-get install -y -qq --no-install-recommends $(grep -v '^#' "$root/tools/apt-packages.txt") >/dev/null
# Node.js runs the test runtime; keep an existing install (its npm may come
# bundled, and Debian's npm package conflicts with such builds).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  $sudo_cmd apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

# ONNX Runtime 1.30.0 for the tests; the npm package bundles libonnxruntime.so.
(cd "$root/tools/ort_runner" && ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error)

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPD2ONNX_WERROR=ON
cmake --build "$build" -j"$(nproc)"

sample="$build/sample"
"$build/tools/make_sample_model" "$sample/paddle"
"$build/src/pd2onnx" --model_dir "$sample/paddle" --save_file "$sample/sample.onnx" --opset_version 13
echo "sample model converted: $sample/sample.onnx"

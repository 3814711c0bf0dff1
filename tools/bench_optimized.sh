#!/usr/bin/env bash
# Node count and ONNX Runtime latency of our default (optimized) output
# against the reference converter's figures in REFERENCE_STATS.md, for every
# model listed there. Each model is converted at the opset given (11), then
# timed by tools/ort_runner/bench.js (1 thread, graph optimisation 'all',
# median of N runs after a warm-up) on its first reference/ case's inputs.
# Where the model folder holds the reference converter's own output
# (reference.paddle2onnx.onnx), that file is timed too, in the same run
# ("ref ms now"), and the ratio uses it rather than the stored figure.
#   usage: tools/bench_optimized.sh [build-dir] [runs] [opset]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
runs="${2:-20}"
opset="${3:-11}"
zoo="${PD2ONNX_MODEL_ZOO:-$root/../shared/models}"
cli="$build/src/pd2onnx"
stats="$zoo/REFERENCE_STATS.md"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# A value of case.json's "model_files" ("program" or "params").
model_file() {
  sed -n "/\"model_files\"/,/}/s/.*\"$2\": *\"\\([^\"]*\\)\".*/\\1/p" "$1/case.json"
}

printf '| model | ref nodes | our nodes | ref ms (stored) | ref ms now | our ms | ratio |\n|---|---|---|---|---|---|---|\n'
grep -E '^\| [A-Za-z]' "$stats" | grep -v '^| model ' | while IFS='|' read -r _ name ref_nodes _ ref_ms _; do
  name="$(echo "$name" | xargs)"
  ref_nodes="$(echo "$ref_nodes" | xargs)"
  ref_ms="$(echo "$ref_ms" | xargs)"
  dir="$zoo/$name"
  [ -d "$dir" ] || dir="$zoo/graph_only/$name"
  case_dir="$(find "$dir/reference" -mindepth 1 -maxdepth 1 -type d | sort | head -n1)"
  args=(--model_dir "$dir" --save_file "$out/$name.onnx" --opset_version "$opset")
  program="$(model_file "$case_dir" program)"
  params="$(model_file "$case_dir" params)"
  [ -n "$program" ] && args+=(--model_filename "$program")
  [ -n "$params" ] && [ "${params#(}" = "$params" ] && args+=(--params_filename "$params")
  if ! summary=$("$cli" "${args[@]}" 2>&1); then
    printf '| %s | %s | fails | %s | - | - | - |\n' "$name" "$ref_nodes" "$ref_ms"
    continue
  fi
  nodes=$(sed -n 's/.* \([0-9]*\) ONNX nodes.*/\1/p' <<<"$summary")
  ms=$(node "$root/tools/ort_runner/bench.js" "$out/$name.onnx" "$case_dir" "$runs" 2>/dev/null || echo "-")
  ref_now="-"
  if [ -f "$dir/reference.paddle2onnx.onnx" ]; then
    ref_now=$(node "$root/tools/ort_runner/bench.js" "$dir/reference.paddle2onnx.onnx" "$case_dir" \
      "$runs" 2>/dev/null || echo "-")
  fi
  base="$ref_ms"
  [ "$ref_now" != "-" ] && base="$ref_now"
  ratio="-"
  if [ -n "$base" ] && [ "$ms" != "-" ]; then
    ratio=$(awk -v a="$ms" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$ref_nodes" "$nodes" "${ref_ms:--}" \
    "$ref_now" "$ms" "$ratio"
done

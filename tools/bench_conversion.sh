#!/usr/bin/env bash
# Whole-process conversion time (median of N runs) and ONNX node count for
# every legacy-format model of the shared zoo that has reference outputs.
#   usage: tools/bench_conversion.sh [build-dir] [runs] [opset]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
runs="${2:-5}"
opset="${3:-11}"
zoo="${PD2ONNX_MODEL_ZOO:-$root/../shared/models}"
cli="$build/src/pd2onnx"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

printf '| model | opset used | ONNX nodes | conversion wall ms (median of %s) |\n|---|---|---|---|\n' "$runs"
for dir in "$zoo"/*/; do
  name="$(basename "$dir")"
  [ -d "$dir/reference" ] || continue
  times=()
  summary=""
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    if ! summary=$("$cli" --model_dir "$dir" --save_file "$out/$name.onnx" --opset_version "$opset" 2>&1); then
      summary="failed"
      break
    fi
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  if [ "$summary" = "failed" ]; then
    printf '| %s | - | - | fails |\n' "$name"
    continue
  fi
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (${#times[@]} + 1) / 2 ))p")
  used=$(sed -n 's/.*: opset \([0-9]*\),.*/\1/p' <<<"$summary")
  nodes=$(sed -n 's/.* \([0-9]*\) ONNX nodes.*/\1/p' <<<"$summary")
  printf '| %s | %s | %s | %s |\n' "$name" "$used" "$nodes" "$median"
done

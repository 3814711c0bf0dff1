#!/usr/bin/env bash
# Times `pd2onnx verify` on every shared zoo model that has reference cases
# (median of 3 runs) and prints a table: wall seconds, CPU seconds (user +
# system: on a shared machine wall time mostly measures the other jobs) and
# the interpreter / evaluator split of the last run.
# Usage: tools/bench_verify.sh [build-dir] [runs]
# The zoo is $PD2ONNX_MODEL_ZOO, else ../shared/models beside the repository.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$repo/build}"
cli="$build/src/pd2onnx"
zoo="${PD2ONNX_MODEL_ZOO:-$repo/../shared/models}"
runs="${2:-3}"
target_seconds=30

[[ -x "$cli" ]] || { echo "no pd2onnx binary at $cli" >&2; exit 2; }
[[ -d "$zoo" ]] || { echo "no model zoo at $zoo" >&2; exit 2; }

# name|model_filename|params_filename|input_shape_dict (as in tests/models/model_zoo_test.cc)
models=(
  "ch_PP-OCRv2_det_infer|||"
  "ch_PP-OCRv3_det_infer|||"
  "ch_ppocr_mobile_v2.0_cls_infer|||"
  "ch_ppocr_mobile_v2.0_cls_infer_p232|||"
  "en_ppocr_mobile_v2.0_det_infer|||"
  "fit_a_line_fluid|||"
  "fluid2018_mlp_tanh|||"
  "lite_autoscan_fill_constant_combined|||"
  "lite_simple_conv_bn_relu|||"
  "mnist_mlp_fluid|||"
  "mobilenetv3_small_x0_35_multilabel|||"
  "nafnet_doc_restore_bdpan|||"
  "portrait_pp_humansegv1_lite_398x224|||"
  "portrait_pp_humansegv2_lite_256x144|||"
  "resnet32_cifar10_fluid2018|||"
  "shufflenetv2_imagenet_fluid|||"
  "squeezenet_gesture_fluid|||"
  "word2vec_ngram_fluid|||"
  "en_number_mobile_v2.0_rec_infer|||"
  "blazeface_face_det|||"
  "paddlets_rnn_forecast|||"
  "ppyolo_tiny_trash|||"
  "PP-LCNet_x0_25_textline_ori|inference.json|inference.pdiparams|"
  "graph_only/ch_PP-OCRv4_rec_infer|inference.pdmodel|random_weights.pdiparams|"
  "graph_only/hrnet_keypoint_paddle26|model.pdmodel|random_weights.pdiparams|"
  "graph_only/picodet_lcnet_x1_0_fgd_layout_infer|model.pdmodel|random_weights.pdiparams|"
  "graph_only/ch_ppstructure_mobile_v2.0_SLANet_infer|inference.pdmodel|random_weights.pdiparams|"
)

# The stored reference inputs of a model's first case (case.json "inputs"),
# one --inputs flag and one name=file argument per line.
reference_inputs() {
  local case_json
  case_json="$(find "$1/reference" -mindepth 2 -maxdepth 2 -name case.json 2>/dev/null | sort | head -n 1)"
  [[ -n "$case_json" ]] || return 0
  python3 - "$case_json" <<'PY'
import json, os, sys
path = sys.argv[1]
for name, npy in json.load(open(path)).get("inputs", {}).items():
    print("--inputs")
    print(f"{name}={os.path.join(os.path.dirname(path), npy)}")
PY
}

printf '%-48s %8s %8s %8s %8s %8s  %s\n' "model" "wall s" "cpu s" "interp" "eval" "status" "outputs"
slow=0
failed=0
for entry in "${models[@]}"; do
  IFS='|' read -r name model_file params_file shape_dict <<<"$entry"
  dir="$zoo/$name"
  args=(verify --model_dir "$dir")
  [[ -n "$model_file" ]] && args+=(--model_filename "$model_file")
  [[ -n "$params_file" ]] && args+=(--params_filename "$params_file")
  [[ -n "$shape_dict" ]] && args+=(--input_shape_dict "$shape_dict")
  mapfile -t input_args < <(reference_inputs "$dir")
  args+=("${input_args[@]}")
  times=()
  cpus=()
  status=OK
  outputs=""
  for ((run = 0; run < runs; ++run)); do
    timing="$(mktemp)"
    if log="$(/usr/bin/time -f '%e %U %S' -o "$timing" "$cli" "${args[@]}" 2>&1)"; then :; else
      status="FAIL($?)"
    fi
    read -r wall user sys <"$timing"
    rm -f "$timing"
    times+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
    outputs="$(grep -cE ' (OK|MISMATCH)' <<<"$log" || true)"
    [[ "$status" == OK ]] || break
  done
  median="$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  cpu="$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  interp="$(sed -n 's/.*interpreter \([0-9.]*\) s.*/\1/p' <<<"$log")"
  eval_s="$(sed -n 's/.*evaluator \([0-9.]*\) s.*/\1/p' <<<"$log")"
  printf '%-48s %8.2f %8.2f %8s %8s %8s  %s\n' "$name" "$median" "$cpu" "${interp:--}" \
    "${eval_s:--}" "$status" "$outputs"
  if [[ "$status" != OK ]]; then
    failed=$((failed + 1))
    echo "$log" | tail -n 5 | sed 's/^/    /'
  fi
  if (($(echo "$median > $target_seconds" | bc))); then slow=$((slow + 1)); fi
done
echo "target: each under ${target_seconds} s; ${slow} slower, ${failed} failed"
[[ $failed -eq 0 ]]

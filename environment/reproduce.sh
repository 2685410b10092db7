#!/usr/bin/env bash
# The full reproduction: runs every notebook top to bottom on all of MNIST and every epoch the articles used
# (no quick mode), keeping the executed notebooks in results/executed/ and each notebook's charts and tables in
# results/<notebook>/. Takes about 22 minutes on 2 cores.
#   environment/reproduce.sh                 every notebook
#   environment/reproduce.sh 03 04           only notebooks whose names start with these prefixes
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/environment/lib.sh"
"$ROOT/environment/setup.sh"
unset DATASET_LIMIT MAX_EPOCH

OUT="$ROOT/results/executed"
mkdir -p "$OUT"
cd "$ROOT/notebooks"
for nb in *.ipynb; do
  if (( $# )); then
    wanted=0
    for prefix in "$@"; do [[ $nb == "$prefix"* ]] && wanted=1; done
    (( wanted )) || continue
  fi
  # One more start when the kernel does not answer at start-up (no cell has run then); see the README's troubleshooting.
  for attempt in 1 2; do
    section "running $nb (full run, attempt $attempt)"
    start=$(date +%s)
    if "$JUPYTER" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=7200 \
         --ExecutePreprocessor.startup_timeout=15 --output-dir "$OUT" "$nb" > "$OUT/${nb%.ipynb}.log" 2>&1; then
      say "$nb finished in $(( $(date +%s) - start )) s; executed copy: results/executed/$nb"
      break
    fi
    why=$(grep -o -m1 -E "Kernel didn't respond in [0-9]+ seconds|Kernel died before replying to kernel_info" \
          "$OUT/${nb%.ipynb}.log" || true)
    if [[ -n $why ]] && (( attempt < 2 )); then
      say "the kernel did not answer at start-up (nbconvert: \"$why\"); starting it once more"
      sleep 2
      continue
    fi
    tail -30 "$OUT/${nb%.ipynb}.log" >&2
    fail "$nb failed; see results/executed/${nb%.ipynb}.log"
  done
done
say "done: charts and tables in results/, executed notebooks in results/executed/"

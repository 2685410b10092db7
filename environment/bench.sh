#!/usr/bin/env bash
# The library's benchmark: trains each workload on full MNIST (float32) in its own JVM and prints a Markdown table
# with training seconds, images/s, test accuracy, thread settings, the native build and peak resident memory.
#   environment/bench.sh              all workloads (about 2 minutes)
#   environment/bench.sh W2_50 W3     only these (W1_500 W1_20000 W2_50 W2_1000 W3)
# Speed depends on the machine and on what else runs on it: close other work first, and compare runs on one machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source "$ROOT/environment/lib.sh"

ensure_java_and_maven >&2
build_library >&2
"$ROOT/environment/fetch-mnist.sh" >&2

workloads=("$@")
(( ${#workloads[@]} )) || workloads=(W1_500 W1_20000 W2_50 W2_1000 W3)
CP="$ROOT/lib/target/notebook-classpath/*"
JAVA_OPTS=(-Xmx4g -Dorg.bytedeco.javacpp.maxbytes=8G -Ddlnb.data.dir="$ROOT/data/mnist")

echo "### Machine"
echo '```'
java "${JAVA_OPTS[@]}" -cp "$CP" dlnb.backend.Backend 2>/dev/null
echo '```'
echo
echo "| workload | seconds | images/s | test accuracy | threads | native build | peak RSS (MiB) | target |"
echo "|---|---:|---:|---:|---|---|---:|---|"
for w in "${workloads[@]}"; do
  say "running $w..." >&2
  line=$(java "${JAVA_OPTS[@]}" -cp "$CP" dlnb.bench.Benchmark "$w" 2>/dev/null | tail -1)
  [[ -n $line ]] || fail "workload $w failed; run: java -cp '$CP' dlnb.bench.Benchmark $w"
  IFS=$'\t' read -r name seconds ips acc threads build rss <<<"$line"
  desc=$(java -cp "$CP" dlnb.bench.Benchmark --describe "$name" 2>/dev/null)
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "${desc%%|*}" "$seconds" "$ips" \
    "$acc" "$threads" "$build" "$rss" "${desc#*|}"
done
